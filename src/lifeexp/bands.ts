/**
 * Life-table age bands from what analysts' files actually hold: single years of age (ONS MYE2,
 * single-year deaths), published band labels (`Under 1`, `1-4`, …, `85-89`, `90+`, `90 and over`)
 * or finer bands (`90-94`, `95+`), summed into the 20 abridged life-table bands (or any other
 * set ending in an open band), and pooling of several years (three-year periods) by summing deaths
 * and populations, as ONS and OHID do for their 3-year life expectancy.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { tryParseAgeBand, LIFE_TABLE_AGE_BANDS, LIFE_TABLE_AGE_BANDS_85, type AgeBand } from '../io/agebands.js';
import { readerNotes, withNotes } from '../io/csv.js';

/** Options of {@link leToLifeTableBands}. */
export interface LeBandOptions {
  /** Column of age-band labels (`Under 1`, `1-4`, `90+`, `0`, …). Default `age_band` unless `age` is given. */
  ageBand?: string;
  /** Column of single years of age (numbers) instead of labels. */
  age?: string;
  /** Columns to add up (default `['deaths', 'population']`, those present). */
  values?: readonly string[];
  /** Key columns (default: every column that is not the age column, a value column, `age_lower`/`age_upper`/`age_start`). */
  groupBy?: readonly string[];
  /** Target bands, youngest first, the last open (default the 20 life-table bands `Under 1` … `90+`). */
  bands?: readonly string[];
  /** Label for error messages (a file name, or "deaths table"). */
  source?: string;
}

interface Interval {
  lower: number;
  upper: number | null;
}

function parseTargets(bands: readonly string[]): (Interval & { label: string })[] {
  const parsed = bands.map((label) => {
    const b = tryParseAgeBand(label);
    if (!b) throw new HealthgapError(`target age band "${label}" is not an age band (expected labels such as "Under 1", "1-4", "90+")`);
    return { label, ...b };
  });
  if (parsed.length < 2) throw new HealthgapError('a life table needs at least two age bands');
  if (parsed[0].lower !== 0) throw new HealthgapError(`the first life-table band must start at age 0 (found "${parsed[0].label}")`);
  for (let i = 0; i < parsed.length; i++) {
    const b = parsed[i];
    const last = i === parsed.length - 1;
    if (last && b.upper !== null) throw new HealthgapError(`the last life-table band must be open, such as "90+" (found "${b.label}")`);
    if (!last && b.upper === null) throw new HealthgapError(`only the last life-table band may be open (found "${b.label}" before "${parsed[i + 1].label}")`);
    if (!last && parsed[i + 1].lower !== (b.upper as number) + 1)
      throw new HealthgapError(`life-table bands must follow on without gaps or overlaps ("${b.label}" then "${parsed[i + 1].label}")`);
  }
  return parsed;
}

/**
 * Sum deaths and populations given by single year of age or by any age bands into life-table
 * bands (default the 20 bands `Under 1`, `1-4`, `5-9` … `85-89`, `90+` of the ONS/PHE abridged
 * life table), per group (area, sex, period …).
 *
 * Rules, each a one-line {@link InputError} naming the group and band:
 * - every source band must lie inside one target band (`85+` cannot feed `85-89` and `90+`: use
 *   target bands ending in `85+`, e.g. {@link LE_BANDS_85});
 * - the source bands of a group must tile every target band exactly: a missing age or band
 *   (a gap) and overlapping rows (the same ages twice) are errors; the open target band may end on
 *   a closed source band (e.g. single years up to 100);
 * - an unrecognised label is an error; a missing (null) value makes that target band's sum null
 *   (never 0) with a note.
 *
 * Output: the key columns, `age_band` (target label), `age_start` (its start age), then the
 * summed value columns; rows in key order then age order.
 *
 * @example
 * // MYE2 single years → 20 bands per area and sex
 * leToLifeTableBands(readMye2({ year: 2014, sex: 'Male' }), { age: 'age', values: ['population'], groupBy: ['area_code', 'sex'] })
 * @example
 * // deaths in 5-year bands with 0-4 split and 90-94/95+ → 20 bands
 * leToLifeTableBands(deaths, { ageBand: 'age_group', values: ['deaths'] })
 */
export function leToLifeTableBands(table: ColumnTable, options: LeBandOptions = {}): ColumnTable {
  const names = table.columnNames();
  const source = options.source ?? 'the age-band table';
  const ageCol = options.age ?? options.ageBand ?? 'age_band';
  const numericAge = options.age !== undefined;
  if (!names.includes(ageCol)) throw new InputError(`no column "${ageCol}" (columns: ${names.join(', ')})`, { file: source });
  const values = (options.values ?? ['deaths', 'population'].filter((c) => names.includes(c))).slice();
  if (values.length === 0) throw new InputError('no value columns to add up (expected "deaths" and/or "population", or pass values)', { file: source });
  for (const v of values) if (!names.includes(v)) throw new InputError(`no column "${v}" (columns: ${names.join(', ')})`, { file: source });
  const skip = new Set([ageCol, ...values, 'age_lower', 'age_upper', 'age_start']);
  const keys = (options.groupBy ?? names.filter((c) => !skip.has(c))).slice();
  for (const k of keys) if (!names.includes(k)) throw new InputError(`no column "${k}" (columns: ${names.join(', ')})`, { file: source });
  const targets = parseTargets(options.bands ?? LIFE_TABLE_AGE_BANDS);
  const openStart = targets[targets.length - 1].lower;

  const n = table.numRows();
  const ageArr = table.array(ageCol) as unknown[];
  const keyArrs = keys.map((k) => table.array(k) as unknown[]);
  const valArrs = values.map((v) => table.array(v) as unknown[]);
  const groupLabel = (i: number) => (keys.length ? keys.map((k, j) => `${k}=${String(keyArrs[j][i])}`).join(' ') : 'the table');

  interface Group {
    first: number;
    sums: (number | null)[][]; // [target][value]
    pieces: { lower: number; upper: number | null; row: number }[][]; // per target
  }
  const groups = new Map<string, Group>();
  let nullCells = 0;
  for (let i = 0; i < n; i++) {
    const raw = ageArr[i];
    let band: AgeBand | null;
    if (numericAge) {
      const a = typeof raw === 'number' ? raw : raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
      band = Number.isInteger(a) && a >= 0 ? { lower: a, upper: a } : null;
      if (!band) throw new InputError(`expected a whole age in years, found ${JSON.stringify(raw)}`, { row: i + 1, column: ageCol });
    } else {
      band =
        typeof raw === 'number' && Number.isInteger(raw) && raw >= 0
          ? { lower: raw, upper: raw }
          : raw === null || raw === undefined
            ? null
            : tryParseAgeBand(String(raw));
      if (!band)
        throw new InputError(`unknown age band ${JSON.stringify(raw)}; expected a label such as "Under 1", "1-4", "85-89" or "90+"`, {
          row: i + 1,
          column: ageCol,
        });
    }
    // which target band holds it?
    let t = -1;
    if (band.lower >= openStart) t = targets.length - 1;
    else {
      t = targets.findIndex((b) => b.upper !== null && band!.lower >= b.lower && band!.lower <= b.upper);
      const tb = targets[t];
      if (band.upper === null || band.upper > (tb.upper as number)) {
        throw new InputError(
          `age band ${JSON.stringify(raw)} (${groupLabel(i)}) straddles the life-table bands "${tb.label}" and beyond; it cannot be split. Use target bands that it nests in (for an open "85+" band, LE_BANDS_85)`,
          { row: i + 1, column: ageCol },
        );
      }
    }
    const key = keyArrs.map((a) => String(a[i])).join('\u0001');
    let g = groups.get(key);
    if (!g) {
      g = { first: i, sums: targets.map(() => values.map(() => 0)), pieces: targets.map(() => []) };
      groups.set(key, g);
    }
    g.pieces[t].push({ lower: band.lower, upper: band.upper, row: i });
    values.forEach((_, v) => {
      const x = valArrs[v][i];
      const num = typeof x === 'number' ? x : x === null || x === undefined || x === '' ? null : Number(x);
      if (num === null || Number.isNaN(num)) {
        nullCells++;
        g!.sums[t][v] = null;
      } else if (g!.sums[t][v] !== null) (g!.sums[t][v] as number) += num;
    });
  }
  if (groups.size === 0) throw new InputError('no rows', { file: source });

  // coverage: the pieces of each target band must tile it
  for (const g of groups.values()) {
    const missing: string[] = [];
    targets.forEach((tb, t) => {
      const ps = g.pieces[t].slice().sort((a, b) => a.lower - b.lower);
      if (ps.length === 0) {
        missing.push(tb.label);
        return;
      }
      let next = tb.lower;
      for (let k = 0; k < ps.length; k++) {
        const p = ps[k];
        if (p.lower < next) {
          throw new InputError(
            `ages ${p.lower}${p.upper === null ? '+' : p.upper === p.lower ? '' : `-${p.upper}`} appear twice for ${groupLabel(g.first)} (overlapping or duplicate age bands)`,
            { row: p.row + 1, column: ageCol },
          );
        }
        if (p.lower > next) {
          throw new InputError(
            `${groupLabel(g.first)} has no data for age${p.lower - 1 > next ? `s ${next}-${p.lower - 1}` : ` ${next}`} (inside life-table band "${tb.label}")`,
            { file: source, column: ageCol },
          );
        }
        if (p.upper === null) {
          if (k !== ps.length - 1)
            throw new InputError(`ages ${ps[k + 1].lower}+ appear twice for ${groupLabel(g.first)} (an open band "${p.lower}+" and a band above it)`, {
              row: ps[k + 1].row + 1,
              column: ageCol,
            });
          next = Infinity;
        } else next = p.upper + 1;
      }
      if (tb.upper !== null && next !== tb.upper + 1) {
        throw new InputError(`${groupLabel(g.first)} has no data for ages ${next}-${tb.upper} (inside life-table band "${tb.label}")`, {
          file: source,
          column: ageCol,
        });
      }
    });
    if (missing.length) {
      throw new InputError(
        `${groupLabel(g.first)} has no rows for the age band${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')} (a life table needs all ${targets.length}: ${targets[0].label} … ${targets[targets.length - 1].label})`,
        { file: source, column: ageCol },
      );
    }
  }

  const out: Record<string, unknown[]> = {};
  for (const k of keys) out[k] = [];
  out.age_band = [];
  out.age_start = [];
  for (const v of values) out[v] = [];
  for (const g of groups.values()) {
    targets.forEach((tb, t) => {
      keys.forEach((k, j) => out[k].push(keyArrs[j][g.first]));
      out.age_band.push(tb.label);
      out.age_start.push(tb.lower);
      values.forEach((v, c) => out[v].push(g.sums[t][c]));
    });
  }
  const notes = [...readerNotes(table)];
  if (nullCells)
    notes.push(
      `${source}: ${nullCells} missing or suppressed value(s); the life-table bands they fall in are null (not 0), so those groups have no life expectancy`,
    );
  return withNotes(aq.table(out), notes);
}

/** @deprecated One name per band set: use `LIFE_TABLE_AGE_BANDS` (labels; start ages are `LE_AGE_CONTENTS_90`). Kept for one release. */
export const LE_BANDS_90: readonly string[] = LIFE_TABLE_AGE_BANDS;
/** @deprecated Use `LIFE_TABLE_AGE_BANDS_85` (labels; start ages are `LE_AGE_CONTENTS_85`). Kept for one release. */
export const LE_BANDS_85: readonly string[] = LIFE_TABLE_AGE_BANDS_85;

/** Options of {@link lePoolYears}. */
export interface LePoolOptions {
  /** Column holding the year or period of each row (default `year`). */
  period?: string;
  /** Columns to add up (default `['deaths', 'population']`, those present). */
  values?: readonly string[];
  /** Key columns (default every other column). */
  groupBy?: readonly string[];
  /** Label for error messages. */
  source?: string;
}

/**
 * Pool several years into one period by adding up deaths and populations (person-years) per
 * group (area, sex, age band), the method of ONS and OHID 3-year life expectancy: the death rate
 * of a band over 2012-14 is (D₂₀₁₂ + D₂₀₁₃ + D₂₀₁₄) / (P₂₀₁₂ + P₂₀₁₃ + P₂₀₁₄) — never an average of
 * the three single-year life expectancies.
 *
 * Every group must have exactly the same years as the whole table (a year missing for one area,
 * sex or band would bias its rates): otherwise an {@link InputError} naming the group and the
 * missing years. A year repeated in a group is an error too. Null values stay null.
 *
 * Output: the key columns, `period` (`"2012-2014"` for consecutive years, else `"2012, 2014"`),
 * `years` (how many were pooled), then the summed value columns.
 *
 * @example lePoolYears(deathsAndPops, { period: 'year' }) // three years → one "2012-2014" row per area, sex and band
 */
export function lePoolYears(table: ColumnTable, options: LePoolOptions = {}): ColumnTable {
  const names = table.columnNames();
  const source = options.source ?? 'the table to pool';
  const periodCol = options.period ?? 'year';
  if (!names.includes(periodCol)) throw new InputError(`no column "${periodCol}" to pool over (columns: ${names.join(', ')})`, { file: source });
  const values = (options.values ?? ['deaths', 'population'].filter((c) => names.includes(c))).slice();
  if (values.length === 0) throw new InputError('no value columns to add up (expected "deaths" and/or "population", or pass values)', { file: source });
  for (const v of values) if (!names.includes(v)) throw new InputError(`no column "${v}"`, { file: source });
  const keys = (options.groupBy ?? names.filter((c) => c !== periodCol && !values.includes(c))).slice();
  const n = table.numRows();
  const per = table.array(periodCol) as unknown[];
  const keyArrs = keys.map((k) => table.array(k) as unknown[]);
  const valArrs = values.map((v) => table.array(v) as (number | null)[]);
  const allPeriods = [...new Set(per.map((p) => String(p)))];
  const groups = new Map<string, { first: number; periods: Map<string, number>; sums: (number | null)[] }>();
  for (let i = 0; i < n; i++) {
    const key = keyArrs.map((a) => String(a[i])).join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: i, periods: new Map(), sums: values.map(() => 0) }));
    const p = String(per[i]);
    if (g.periods.has(p))
      throw new InputError(`${periodCol} ${p} appears twice for ${keys.map((k, j) => `${k}=${String(keyArrs[j][i])}`).join(' ')}`, {
        row: i + 1,
        column: periodCol,
      });
    g.periods.set(p, i);
    values.forEach((_, v) => {
      const x = valArrs[v][i];
      if (x === null || x === undefined || Number.isNaN(x)) g!.sums[v] = null;
      else if (g!.sums[v] !== null) (g!.sums[v] as number) += Number(x);
    });
  }
  for (const g of groups.values()) {
    const missing = allPeriods.filter((p) => !g.periods.has(p));
    if (missing.length) {
      throw new InputError(
        `${keys.map((k, j) => `${k}=${String(keyArrs[j][g.first])}`).join(' ')} has no rows for ${periodCol} ${missing.join(', ')} (every group must cover the same years: ${allPeriods.join(', ')})`,
        { file: source, column: periodCol },
      );
    }
  }
  const nums = allPeriods.map(Number);
  let label: string;
  if (nums.every((x) => Number.isInteger(x))) {
    const sorted = [...nums].sort((a, b) => a - b);
    const consecutive = sorted.every((x, i) => i === 0 || x === sorted[i - 1] + 1);
    label = sorted.length === 1 ? String(sorted[0]) : consecutive ? `${sorted[0]}-${sorted[sorted.length - 1]}` : sorted.join(', ');
  } else label = allPeriods.join(', ');
  const out: Record<string, unknown[]> = {};
  for (const k of keys) out[k] = [];
  out.period = [];
  out.years = [];
  for (const v of values) out[v] = [];
  for (const g of groups.values()) {
    keys.forEach((k, j) => out[k].push(keyArrs[j][g.first]));
    out.period.push(label);
    out.years.push(allPeriods.length);
    values.forEach((v, c) => out[v].push(g.sums[c]));
  }
  return withNotes(aq.table(out), readerNotes(table));
}
