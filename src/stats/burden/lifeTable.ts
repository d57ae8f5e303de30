/**
 * Standard life tables for years of life lost (YLL): the bundled GBD 2019 reference life table,
 * an analyst's own table, and remaining life expectancy at any age by linear interpolation.
 */
import { readCsvRecords, typedTable } from '../../io/csv.js';
import { HealthgapError, InputError } from '../../core/errors.js';
import { dataPath } from '../../io/paths.js';
import { cachedRead } from '../../io/cache.js';

/** A standard life table: remaining life expectancy `ex` at each exact age `age` (ascending). */
export interface StandardLifeTable {
  /** Exact ages, ascending, starting at 0. */
  age: readonly number[];
  /** Remaining life expectancy at each age (years). */
  ex: readonly number[];
  /** Name for labels and methods text. */
  name: string;
}

/** Check a standard life table (ascending ages from 0, non-negative, non-increasing ex); throws a one-line error. */
export function checkLifeTable(t: StandardLifeTable, where = 'standard life table'): StandardLifeTable {
  if (t.age.length < 2 || t.age.length !== t.ex.length)
    throw new HealthgapError(`${where}: needs at least two ages and one life expectancy per age (found ${t.age.length} ages, ${t.ex.length} values)`);
  if (t.age[0] !== 0) throw new HealthgapError(`${where}: the first age must be 0 (found ${t.age[0]})`);
  for (let i = 0; i < t.age.length; i++) {
    if (!Number.isFinite(t.age[i]) || !Number.isFinite(t.ex[i]) || t.ex[i] < 0)
      throw new HealthgapError(`${where}: age ${t.age[i]} has life expectancy ${t.ex[i]}; expected a number of 0 or more`);
    if (i > 0 && !(t.age[i] > t.age[i - 1])) throw new HealthgapError(`${where}: ages must increase (found ${t.age[i - 1]} then ${t.age[i]})`);
  }
  return t;
}

/**
 * Read a standard life table from a CSV with the columns `age` (exact age, years) and
 * `life_expectancy` (remaining years): one-line errors name file, line and column.
 *
 * @example readLifeTableCsv('my_standard.csv') // { age: [0, 1, 5, …], ex: [86.0, 85.2, …] }
 */
export function readLifeTableCsv(file: string, name = file): StandardLifeTable {
  const rec = readCsvRecords(file);
  const t = typedTable(rec, [
    { name: 'age', type: 'number', allowMissing: false },
    { name: 'life_expectancy', type: 'number', allowMissing: false },
  ]);
  const age = t.array('age') as number[];
  const ex = t.array('life_expectancy') as number[];
  try {
    return checkLifeTable({ age, ex, name });
  } catch (e) {
    throw new InputError((e as Error).message.replace(/^standard life table: /, ''), { file: rec.file });
  }
}

/**
 * The GBD 2019 reference (standard) life table: remaining life expectancy at ages 0, 1, 5, 10 …
 * 95 (88.87 years at birth), the theoretical-minimum-risk table used for years of life lost in
 * the Global Burden of Disease Study 2019.
 *
 * Source: Global Burden of Disease Collaborative Network, GBD 2019 Reference Life Table, IHME
 * 2021, doi:10.6069/1D4Y-YQ37 (IHME free-of-charge non-commercial user agreement); bundled as
 * `data/reference/gbd2019_reference_life_table.csv` (see data/SOURCES.md).
 *
 * @example gbd2019ReferenceLifeTable().ex[0] // 88.8718951
 */
export function gbd2019ReferenceLifeTable(): StandardLifeTable {
  return cachedRead('burden:gbd2019-reference-life-table', () =>
    readLifeTableCsv(dataPath('reference/gbd2019_reference_life_table.csv'), 'GBD 2019 reference life table'),
  );
}

/**
 * Remaining standard life expectancy at an exact age: linear interpolation between the table's
 * ages; above the last age, the last age's value (the life expectancy of the open interval).
 *
 * @example standardLifeExpectancyAt(gbd2019ReferenceLifeTable(), 72.5) // (21.2882 + 17.1035) / 2 = 19.1959
 */
export function standardLifeExpectancyAt(t: StandardLifeTable, age: number): number {
  if (!(age >= 0)) throw new HealthgapError(`standard life expectancy: age must be 0 or more, found ${age}`);
  const last = t.age.length - 1;
  if (age >= t.age[last]) return t.ex[last];
  let i = 0;
  while (t.age[i + 1] <= age) i++;
  const f = (age - t.age[i]) / (t.age[i + 1] - t.age[i]);
  return t.ex[i] + f * (t.ex[i + 1] - t.ex[i]);
}
