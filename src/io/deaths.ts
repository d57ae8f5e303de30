/**
 * Deaths by area, sex and age band: the bundled ONS 2014 registrations, and a general reader for
 * an analyst's own deaths CSV with age-band labels.
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, withNotes, readerNotes, findColumn, type ColumnSpec } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';
import { tryParseAgeBand } from './agebands.js';

/** Labels of a total row in a deaths table (dropped with a note, since they double count). */
const TOTAL_LABELS = new Set(['all ages', 'all', 'total', 'all age', 'allages']);

/**
 * Normalise a sex label to `Male` / `Female` / `Persons` (accepts M/F/P, Males/Females, Men/Women,
 * 1/2 as in ONS microdata, All/Both/Total). Returns null for anything else.
 *
 * @example normaliseSex('Males') // 'Male'
 */
export function normaliseSex(label: string): 'Male' | 'Female' | 'Persons' | null {
  const s = label.trim().toLowerCase();
  if (['m', 'male', 'males', 'men', 'man', '1'].includes(s)) return 'Male';
  if (['f', 'female', 'females', 'women', 'woman', '2'].includes(s)) return 'Female';
  if (['p', 'persons', 'person', 'people', 'all', 'both', 'both sexes', 'total', 'all persons', 'adults'].includes(s)) return 'Persons';
  return null;
}

/** Add `age_lower`/`age_upper` from `age_band` labels, validating each (InputError naming the line). */
function addAgeBounds(table: ColumnTable, file: string, lines: number[], column: string): ColumnTable {
  const labels = table.array('age_band') as (string | null)[];
  const lower = new Array<number>(labels.length);
  const upper = new Array<number | null>(labels.length);
  labels.forEach((label, i) => {
    const b = label === null ? null : tryParseAgeBand(label);
    if (!b)
      throw new InputError(
        `unknown age band ${label === null ? '(blank)' : `"${label}"`}; expected a label such as "Under 1", "1-4", "1 to 4", "85+" or "90 and over"`,
        { file, row: lines[i], column },
      );
    lower[i] = b.lower;
    upper[i] = b.upper;
  });
  return table.assign({ age_lower: lower, age_upper: upper });
}

/**
 * ONS deaths registered in 2014 by area of usual residence, sex and age band (tidy, with GSS
 * codes): `area_code`, `area_name`, `sex` (`Male`/`Female`), `age_band` (`Under 1`, `1-4`,
 * `5-9` … `85-89`, `90+`, as published), `age_lower`, `age_upper` (null for 90+), `deaths`.
 * 15,800 rows: 395 areas × 2 sexes × 20 bands.
 *
 * Source: ONS "Deaths registered by area of usual residence, 2014", Table 2 (OGL v3), codes
 * matched from ONS MYE2 mid-2014; see data/SOURCES.md. Quirks: codes are 2014 geography
 * (Bournemouth/Poole E06000028/29, Bucks districts, old Northants districts, Dorset E10000009);
 * Cornwall includes the Isles of Scilly (E06000052); "Usual residence outside England and Wales"
 * has a null `area_code`. Use it with `readMye2({ year: 2014 })` for life tables and DSRs.
 *
 * @example readDeaths2014().filter((d) => d.area_code === 'E92000001' && d.sex === 'Male') // 229,116 deaths in all
 */
export function readDeaths2014(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('deaths/deaths2014_la_sex_age_tidy.csv'), 'deaths2014', (file) => {
    const rec = readCsvRecords(file);
    const t = typedTable(rec, [
      { name: 'area_code', type: 'string' },
      { name: 'area_name', type: 'string' },
      { name: 'sex', type: 'string', allowMissing: false },
      { name: 'age_band', type: 'string', allowMissing: false },
      { name: 'deaths', type: 'count', allowMissing: false },
    ]);
    const withBounds = addAgeBounds(t, rec.file, rec.lines, 'age_band');
    return withBounds.select('area_code', 'area_name', 'sex', 'age_band', 'age_lower', 'age_upper', 'deaths');
  });
}

/** Which input column holds each field, for {@link readDeathsByAgeBand}. */
export interface DeathsColumnMap {
  /** Age-band label column (required). */
  age_band: string;
  /** Deaths count column (required). */
  deaths: string;
  /** Area code column (optional). */
  area_code?: string;
  /** Area name column (optional). */
  area_name?: string;
  /** Sex column (optional; values such as Male/Female/Persons, M/F, Males/Females, 1/2). */
  sex?: string;
  /** Period column (optional, e.g. a year), kept as text. */
  period?: string;
}

/** Options of {@link readDeathsByAgeBand}. */
export interface ReadDeathsOptions {
  /** Sex for every row when the file has no sex column (default `Persons`). */
  sex?: 'Male' | 'Female' | 'Persons';
}

/**
 * Read an analyst's own deaths CSV with age-band labels into the healthgap layout: `area_code`,
 * `area_name`, `sex`, `period` (those present in `columnMap`), `age_band` (as written),
 * `age_lower`, `age_upper` (null for an open band), `deaths`.
 *
 * Validation, each a one-line InputError naming file, line and column: an age-band label that
 * is not recognised (see `parseAgeBand`: `Under 1`, `<1`, `0`, `1-4`, `1 to 4`, `85+`,
 * `90 and over` …); a negative or non-numeric count; an unknown sex label; the same area, sex,
 * period and band twice. Rows labelled `All ages`/`Total` are dropped with a note (they would
 * double count). Blank or suppressed counts (`*`, `c`, `..`, `-`, `x`) become null with a note.
 *
 * @example readDeathsByAgeBand('my_deaths.csv', { area_code: 'LA code', sex: 'Sex', age_band: 'Age group', deaths: 'Deaths' })
 */
export function readDeathsByAgeBand(file: string, columnMap: DeathsColumnMap, options: ReadDeathsOptions = {}): ColumnTable {
  const rec = readCsvRecords(file);
  const schema: ColumnSpec[] = [];
  for (const key of ['area_code', 'area_name', 'sex', 'period'] as const) {
    const source = columnMap[key];
    if (source !== undefined) schema.push({ name: key, source, type: 'string' });
  }
  schema.push({ name: 'age_band', source: columnMap.age_band, type: 'string' });
  schema.push({ name: 'deaths', source: columnMap.deaths, type: 'count' });
  const bandIdx = findColumn(rec.header, columnMap.age_band);
  const isTotal = (row: string[]) => bandIdx >= 0 && TOTAL_LABELS.has((row[bandIdx] ?? '').trim().toLowerCase());
  const keepLines = rec.lines.filter((_, r) => !isTotal(rec.rows[r]));
  const dropped = rec.rows.length - keepLines.length;
  const t0 = typedTable(rec, schema, { filter: (row) => !isTotal(row) });
  const bandColumn = rec.header[bandIdx];
  let t = addAgeBounds(t0, rec.file, keepLines, bandColumn);
  const n = t.numRows();
  if (columnMap.sex !== undefined) {
    const raw = t.array('sex') as (string | null)[];
    const sexColumn = rec.header[findColumn(rec.header, columnMap.sex)];
    const norm = raw.map((s, i) => {
      const v = s === null ? null : normaliseSex(s);
      if (!v)
        throw new InputError(`unknown sex ${s === null ? '(blank)' : `"${s}"`}; expected Male, Female or Persons (or M/F, Males/Females, 1/2)`, {
          file: rec.file,
          row: keepLines[i],
          column: sexColumn,
        });
      return v;
    });
    t = t.assign({ sex: norm });
  } else {
    t = t.assign({ sex: new Array(n).fill(options.sex ?? 'Persons') });
  }
  const keyCols = ['area_code', 'area_name', 'sex', 'period'].filter((c) => t.columnNames().includes(c));
  const keyArrays = keyCols.map((c) => t.array(c) as unknown[]);
  const bands = t.array('age_band') as string[];
  const lowers = t.array('age_lower') as number[];
  const uppers = t.array('age_upper') as (number | null)[];
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = [...keyArrays.map((a) => String(a[i])), lowers[i], uppers[i]].join('\u0001');
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new InputError(
        `duplicate row: age band "${bands[i]}" appears twice for the same ${keyCols.join('/') || 'table'} (first at line ${keepLines[prev]})`,
        { file: rec.file, row: keepLines[i], column: bandColumn },
      );
    seen.set(key, i);
  }
  const ordered = t.select(...keyCols, 'age_band', 'age_lower', 'age_upper', 'deaths');
  const notes = dropped ? [`${rec.file}: ${dropped} "All ages"/"Total" row${dropped === 1 ? '' : 's'} dropped (totals would double count)`] : [];
  return withNotes(ordered, [...readerNotes(t0), ...notes]);
}
