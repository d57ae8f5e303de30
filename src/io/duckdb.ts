/**
 * Optional DuckDB path for record-level inputs larger than memory: aggregate a CSV or Parquet
 * file of records (patients, events, admissions: one row each, with LSOA or area, age, sex and
 * flags) to the counts and denominators the statistics core needs, and return a small arquero
 * table. DuckDB streams the file and spills to disk when a grouping does not fit in memory, so
 * tens of millions of rows can be summarised on a laptop.
 *
 * `@duckdb/node-api` is an optional peer dependency, loaded lazily on first use with a dynamic
 * `import()`: nothing else in healthgap needs it, and when it is not installed these functions
 * throw a {@link HealthgapError} saying how to install it. The default (in-memory arquero) path
 * needs no database.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { withNotes, displayPath } from './csv.js';
import { dataPath } from './paths.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type DuckDbConnection = import('@duckdb/node-api').DuckDBConnection;

let duckdbModule: Promise<DuckDbModule> | null = null;

/** The npm package the DuckDB path needs. */
export const DUCKDB_PACKAGE = '@duckdb/node-api';

/**
 * Load `@duckdb/node-api` on first use (dynamic import, cached per process). Throws a
 * {@link HealthgapError} (exit code 1) with the install command when the optional package is
 * missing.
 *
 * @example const duckdb = await loadDuckDb(); // then duckdb.DuckDBInstance.create(':memory:')
 */
export async function loadDuckDb(): Promise<DuckDbModule> {
  if (!duckdbModule) {
    const name = DUCKDB_PACKAGE; // a variable keeps bundlers from resolving the optional package eagerly
    duckdbModule = (import(name) as Promise<DuckDbModule>).catch((e: unknown) => {
      duckdbModule = null;
      const code = (e as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
        throw new HealthgapError(
          `the DuckDB path for record-level files needs the optional package ${DUCKDB_PACKAGE}: run "npm install ${DUCKDB_PACKAGE}" (the default in-memory path needs no database)`,
          1,
        );
      }
      throw new HealthgapError(`could not load ${DUCKDB_PACKAGE}: ${firstLine(String((e as Error).message ?? e))}`, 1);
    });
  }
  return duckdbModule;
}

/** True when the optional DuckDB package can be loaded in this environment. */
export async function isDuckDbAvailable(): Promise<boolean> {
  try {
    await loadDuckDb();
    return true;
  } catch {
    return false;
  }
}

/**
 * One output measure of {@link aggregateRecords}:
 * - `'count'`: the number of records in the group;
 * - `{ sum: column }`: the sum of a numeric column (blank cells are skipped and counted in the
 *   table's notes; a group whose cells are all blank gets `null`, never 0);
 * - `{ countWhere: column, equals? }`: records whose `column` equals `equals`, or, without
 *   `equals`, whose flag is true (`1`/`0`, `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n`; any
 *   other value is an error); blank flags are not counted and are noted;
 * - `{ countDistinct: column }`: distinct non-blank values (for example patients with events).
 */
export type RecordMeasure = 'count' | { sum: string } | { countWhere: string; equals?: string | number | boolean } | { countDistinct: string };

/** Age bands derived from a numeric age column (ages in completed years; negative ages are an error). */
export interface RecordAgeBands {
  /** Column holding age in years. */
  column: string;
  /**
   * `'esp2013'` (default): `0-4`, `5-9`, …, `85-89`, `90+` (the 19 ESP 2013 bands, as
   * `ESP2013_AGE_BANDS_19`); `'life-table'`: `Under 1`, `1-4`, `5-9`, …, `85-89`, `90+` (as
   * `LIFE_TABLE_AGE_BANDS`); or `{ width, top }`: bands of `width` years from 0 with an open band
   * `top+`.
   */
  scheme?: 'esp2013' | 'life-table' | { width: number; top: number };
  /** Output column name (default `age_band`). */
  name?: string;
}

/** Join each record's LSOA 2011 code to the bundled IMD 2019 lookup (or a copy with the same layout). */
export interface RecordImdJoin {
  /** Column of the record file holding the LSOA 2011 code. */
  lsoa: string;
  /** A CSV with columns `lsoa11cd`, `lad19cd`, `imd_decile` (default: the bundled `imd/imd2019_lsoa11_england_tidy.csv`). */
  file?: string;
}

/** Options of {@link aggregateRecords}. */
export interface AggregateRecordsOptions {
  /** Columns to group by: columns of the file, plus the derived `age_band` (see `ageBands`) and, with `imd`, `imd_decile`, `imd_quintile`, `core20`, `lad19cd`. */
  groupBy: string[];
  /** Output columns: name → measure. Default `{ count: 'count' }`. */
  measures?: Record<string, RecordMeasure>;
  /** Keep only records whose column equals the value (or one of the values). */
  filter?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  /** Derive an age-band column from an age column. */
  ageBands?: RecordAgeBands;
  /** Join to IMD 2019 by LSOA 2011 code (left join: records with an unknown or blank LSOA keep `null` deprivation and are counted in the notes). */
  imd?: RecordImdJoin;
  /** `'csv'` or `'parquet'`; default from the file extension (`.parquet`/`.pq` → Parquet, otherwise CSV, gzipped or not). */
  format?: 'csv' | 'parquet';
  /** CSV field delimiter (default: detected by DuckDB). */
  delimiter?: string;
  /** CSV cell values read as blank (default `['']`). */
  nullValues?: string[];
  /** DuckDB worker threads (default: all cores). */
  threads?: number;
  /** DuckDB memory limit such as `'1GB'` (default: DuckDB's, 80% of RAM); beyond it aggregation spills to `tempDirectory`. */
  memoryLimit?: string;
  /** Where DuckDB may spill (default: DuckDB's `.tmp` beside the working directory). */
  tempDirectory?: string;
}

const ESP_TOP = 90;

/** `"name"` with embedded quotes doubled. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with embedded quotes doubled. */
function literal(value: string | number | boolean): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HealthgapError(`filter values must be finite numbers, found ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${value.replace(/'/g, "''")}'`;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function fileFormat(file: string, format: 'csv' | 'parquet' | undefined): 'csv' | 'parquet' {
  if (format) return format;
  return /\.(parquet|pq)$/i.test(file) ? 'parquet' : 'csv';
}

/** SQL for the age-band label of a numeric expression `age`. */
function ageBandSql(age: string, scheme: RecordAgeBands['scheme'] = 'esp2013'): string {
  const band = (width: number, top: number) => {
    const lo = `CAST(floor(${age} / ${width}) * ${width} AS BIGINT)`;
    return `CASE WHEN ${age} IS NULL THEN NULL WHEN ${age} >= ${top} THEN '${top}+' ELSE CAST(${lo} AS VARCHAR) || '-' || CAST(${lo} + ${width - 1} AS VARCHAR) END`;
  };
  if (scheme === 'esp2013') return band(5, ESP_TOP);
  if (scheme === 'life-table') return `CASE WHEN ${age} < 1 THEN 'Under 1' WHEN ${age} < 5 THEN '1-4' ELSE ${band(5, ESP_TOP)} END`;
  const { width, top } = scheme;
  if (!(Number.isInteger(width) && width >= 1 && Number.isInteger(top) && top >= width && top % width === 0)) {
    throw new HealthgapError(`ageBands.scheme: expected whole numbers with width >= 1 and top a multiple of width, found width ${width}, top ${top}`);
  }
  return band(width, top);
}

/** Translate a DuckDB error about the records file into a one-line InputError. */
function translateError(e: unknown, file: string): HealthgapError {
  if (e instanceof HealthgapError) return e;
  const message = String((e as Error)?.message ?? e);
  const shown = displayPath(file);
  const conv = /CSV Error on Line: (\d+)[\s\S]*?Error when converting column "([^"]+)"\. (Could not convert string "([^"]*)" to '([^']+)')?/.exec(message);
  if (conv) {
    const found =
      conv[4] !== undefined ? `expected ${/INT|DOUBLE|DECIMAL|FLOAT/.test(conv[5]) ? 'a number' : conv[5]}, found "${conv[4]}"` : firstLine(message);
    return new InputError(found, { file: shown, row: Number(conv[1]), column: conv[2] });
  }
  const bool = /Could not convert string '([^']*)' to BOOL/i.exec(message);
  if (bool) return new InputError(`expected a true/false flag (1/0, true/false, yes/no), found "${bool[1]}"`, { file: shown });
  if (/No files found that match the pattern/i.test(message)) return new InputError('file not found', { file: shown });
  if (/Out of Memory Error/i.test(message)) {
    return new HealthgapError(
      `DuckDB ran out of memory aggregating ${shown} (${firstLine(message).replace(/^Out of Memory Error:\s*/i, '')}); raise memoryLimit, set tempDirectory to a disk with space, or group by fewer columns`,
      1,
    );
  }
  const csvLine = /CSV Error on Line: (\d+)/.exec(message);
  const detail = message.split('\n').find((l) => l.trim() && !/^CSV Error on Line/.test(l) && !/^Original Line/.test(l)) ?? message;
  return new InputError(`could not read the records: ${detail.trim()}`, { file: shown, row: csvLine ? Number(csvLine[1]) : undefined });
}

function sourceSql(file: string, options: AggregateRecordsOptions, numericColumns: string[]): string {
  if (fileFormat(file, options.format) === 'parquet') return `read_parquet(${literal(file)})`;
  const args = [literal(file), 'header = true'];
  if (options.delimiter !== undefined) args.push(`delim = ${literal(options.delimiter)}`);
  args.push(`nullstr = [${(options.nullValues ?? ['']).map(literal).join(', ')}]`);
  // numeric columns are read as DOUBLE whatever the sniffer guessed, so a stray "abc" deep in
  // the file is an error naming its line, never a silently text-typed column
  if (numericColumns.length) args.push(`types = {${[...new Set(numericColumns)].map((c) => `${literal(c)}: 'DOUBLE'`).join(', ')}}`);
  return `read_csv(${args.join(', ')})`;
}

/** Run a query and return its columns with DuckDB BIGINT/HUGEINT converted to numbers. */
async function readColumns(con: DuckDbConnection, sql: string): Promise<{ names: string[]; columns: Record<string, unknown[]> }> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const raw = reader.getColumnsJS();
  const columns: Record<string, unknown[]> = {};
  names.forEach((name, j) => {
    const col = raw[j] as unknown[];
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v === 'bigint') col[i] = Number(v);
    }
    columns[name] = col;
  });
  return { names, columns };
}

const IMD_DERIVED = ['imd_decile', 'imd_quintile', 'core20', 'lad19cd'] as const;

/**
 * Aggregate a record-level CSV or Parquet file with DuckDB to a table of counts (and sums) by
 * group, ready for the statistics verbs (`proportion`, `rate`, `dsr`, `lifeExpectancy`, `sii`).
 *
 * SQL run (in outline): `SELECT <groupBy>, count(*) AS count, sum(x) …  FROM read_csv(file)
 * [LEFT JOIN imd ON lsoa = lsoa11cd] [WHERE filter] GROUP BY <groupBy> ORDER BY <groupBy>`.
 * Only combinations present in the file appear (complete missing age bands with zeros before
 * `dsr`, for example with arquero's `impute` and `expand`). Group keys that are blank stay as a
 * `null` group: no record is dropped unless `filter` says so. IMD 2019 deprivation (`imd_decile`,
 * national `imd_quintile` = ceil(decile / 2), `core20` = quintile 1, and `lad19cd`) comes from
 * the bundled lookup; records whose LSOA is blank or not an English LSOA 2011 code get `null`
 * and the number of such records is in `readerNotes(table)`.
 *
 * Needs the optional package `@duckdb/node-api` (see {@link loadDuckDb}).
 *
 * @example
 * const t = await aggregateRecords('gp_events.parquet', {
 *   groupBy: ['imd_quintile', 'sex', 'age_band'],
 *   ageBands: { column: 'age' },
 *   imd: { lsoa: 'lsoa11' },
 *   measures: { population: 'count', diabetes: { countWhere: 'has_diabetes' } },
 * });
 * // then proportion(t.groupby('imd_quintile'), { x: 'diabetes', n: 'population' })
 */
export async function aggregateRecords(file: string, options: AggregateRecordsOptions): Promise<ColumnTable> {
  const measures = options.measures ?? { count: 'count' };
  const groupBy = options.groupBy ?? [];
  const shown = displayPath(file);
  const measureNames = Object.keys(measures);
  if (!measureNames.length) throw new HealthgapError('aggregateRecords: give at least one measure');
  const ageName = options.ageBands ? (options.ageBands.name ?? 'age_band') : undefined;
  const derived = new Set<string>([...(ageName ? [ageName] : []), ...(options.imd ? IMD_DERIVED : [])]);
  const clash = measureNames.find((m) => groupBy.includes(m));
  if (clash) throw new HealthgapError(`aggregateRecords: "${clash}" is both a group column and a measure`);

  const numeric: string[] = [];
  for (const m of Object.values(measures)) if (typeof m === 'object' && 'sum' in m) numeric.push(m.sum);
  if (options.ageBands) numeric.push(options.ageBands.column);

  const duckdb = await loadDuckDb();
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
  const instance = await duckdb.DuckDBInstance.create(':memory:', config);
  const con = await instance.connect();
  try {
    const source = sourceSql(file, options, numeric);
    // the columns in the file, to name a missing one clearly before running the aggregation
    let described: { names: string[]; columns: Record<string, unknown[]> };
    try {
      described = await readColumns(con, `DESCRIBE SELECT * FROM ${source}`);
    } catch (e) {
      throw translateError(e, file);
    }
    const available = (described.columns.column_name as string[]) ?? [];
    const need = (column: string, role: string) => {
      if (!available.includes(column)) {
        throw new InputError(`no column "${column}" (${role}); the file has ${available.map((c) => `"${c}"`).join(', ')}`, { file: shown });
      }
    };
    for (const g of groupBy) if (!derived.has(g)) need(g, 'groupBy');
    for (const [name, m] of Object.entries(measures)) {
      if (m === 'count') continue;
      const column = 'sum' in m ? m.sum : 'countWhere' in m ? m.countWhere : m.countDistinct;
      need(column, `measure ${name}`);
    }
    for (const c of Object.keys(options.filter ?? {})) need(c, 'filter');
    if (options.ageBands) need(options.ageBands.column, 'ageBands');
    if (options.imd) need(options.imd.lsoa, 'imd.lsoa');

    const r = (c: string) => `r.${ident(c)}`;
    const keyExpr = (g: string): string => {
      if (g === ageName && options.ageBands) return ageBandSql(r(options.ageBands.column), options.ageBands.scheme);
      if (options.imd && (IMD_DERIVED as readonly string[]).includes(g) && !available.includes(g)) {
        if (g === 'imd_quintile') return 'CAST(ceil(imd.imd_decile / 2) AS BIGINT)';
        if (g === 'core20') return 'CASE WHEN imd.imd_decile IS NULL THEN NULL ELSE imd.imd_decile <= 2 END';
        return `imd.${ident(g)}`;
      }
      return r(g);
    };

    const select: string[] = groupBy.map((g) => `${keyExpr(g)} AS ${ident(g)}`);
    const checks: { alias: string; note: (n: number) => string }[] = [];
    Object.entries(measures).forEach(([name, m], j) => {
      if (m === 'count') {
        select.push(`CAST(count(*) AS DOUBLE) AS ${ident(name)}`);
        return;
      }
      const blanks = `__blank${j}`;
      if ('sum' in m) {
        select.push(`sum(${r(m.sum)}) AS ${ident(name)}`);
        select.push(`count(*) - count(${r(m.sum)}) AS ${blanks}`);
        checks.push({ alias: blanks, note: (n) => `${n.toLocaleString('en-GB')} record(s) with a blank "${m.sum}" left out of the sum "${name}"` });
      } else if ('countWhere' in m) {
        const test = m.equals === undefined ? `CAST(${r(m.countWhere)} AS BOOLEAN)` : `${r(m.countWhere)} = ${literal(m.equals)}`;
        select.push(`CAST(count(*) FILTER (WHERE ${test}) AS DOUBLE) AS ${ident(name)}`);
        select.push(`count(*) - count(${r(m.countWhere)}) AS ${blanks}`);
        checks.push({ alias: blanks, note: (n) => `${n.toLocaleString('en-GB')} record(s) with a blank "${m.countWhere}" not counted in "${name}"` });
      } else {
        select.push(`CAST(count(DISTINCT ${r(m.countDistinct)}) AS DOUBLE) AS ${ident(name)}`);
      }
    });
    if (options.ageBands) {
      const age = r(options.ageBands.column);
      select.push(`count(*) FILTER (WHERE ${age} < 0) AS __negage`, `min(${age}) AS __minage`, `count(*) - count(${age}) AS __blankage`);
      checks.push({
        alias: '__blankage',
        note: (n) => `${n.toLocaleString('en-GB')} record(s) with a blank "${options.ageBands!.column}" have a null ${ageName}`,
      });
    }
    if (options.imd) {
      select.push(
        `count(*) FILTER (WHERE ${r(options.imd.lsoa)} IS NULL) AS __blanklsoa`,
        `count(*) FILTER (WHERE ${r(options.imd.lsoa)} IS NOT NULL AND imd.imd_decile IS NULL) AS __unknownlsoa`,
      );
      checks.push({ alias: '__blanklsoa', note: (n) => `${n.toLocaleString('en-GB')} record(s) with a blank "${options.imd!.lsoa}" have null deprivation` });
      checks.push({
        alias: '__unknownlsoa',
        note: (n) =>
          `${n.toLocaleString('en-GB')} record(s) whose "${options.imd!.lsoa}" is not an English LSOA 2011 code in the IMD 2019 lookup have null deprivation`,
      });
    }

    let from = `${source} AS r`;
    if (options.imd) {
      const imdFile = options.imd.file ?? dataPath('imd/imd2019_lsoa11_england_tidy.csv');
      from += ` LEFT JOIN (SELECT CAST(lsoa11cd AS VARCHAR) AS lsoa11cd, CAST(lad19cd AS VARCHAR) AS lad19cd, CAST(imd_decile AS BIGINT) AS imd_decile FROM read_csv(${literal(imdFile)}, header = true)) AS imd ON CAST(${r(options.imd.lsoa)} AS VARCHAR) = imd.lsoa11cd`;
    }
    const where = Object.entries(options.filter ?? {}).map(([c, v]) =>
      Array.isArray(v) ? `${r(c)} IN (${v.map(literal).join(', ')})` : `${r(c)} = ${literal(v)}`,
    );
    const keys = groupBy.map((_, i) => String(i + 1));
    const sql = [
      `SELECT ${select.join(', ')}`,
      `FROM ${from}`,
      where.length ? `WHERE ${where.join(' AND ')}` : '',
      keys.length ? `GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}` : '',
    ].join('\n');

    let result: { names: string[]; columns: Record<string, unknown[]> };
    try {
      result = await readColumns(con, sql);
    } catch (e) {
      throw translateError(e, file);
    }
    const rows = result.columns[result.names[0]]?.length ?? 0;
    const total = (alias: string) => {
      const col = result.columns[alias] as number[] | undefined;
      let s = 0;
      if (col) for (let i = 0; i < rows; i++) s += col[i] ?? 0;
      return s;
    };
    if (options.ageBands && total('__negage') > 0) {
      const min = Math.min(...(result.columns.__minage as (number | null)[]).filter((v): v is number => v !== null));
      throw new InputError(`expected ages of 0 or more, found ${total('__negage').toLocaleString('en-GB')} negative (lowest ${min})`, {
        file: shown,
        column: options.ageBands.column,
      });
    }
    const notes: string[] = [];
    for (const c of checks) {
      const n = total(c.alias);
      if (n > 0) notes.push(c.note(n));
    }
    const out: Record<string, unknown[]> = {};
    for (const name of result.names) if (!name.startsWith('__')) out[name] = result.columns[name];
    return withNotes(aq.table(out), notes);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/**
 * Run a read-only SQL query with DuckDB (for example over `read_parquet('events/*.parquet')`)
 * and return the result as an arquero table; 64-bit integers become numbers. The SQL is run as
 * given: pass only trusted SQL, never text typed by someone else.
 *
 * @example const t = await duckdbQuery("SELECT sex, count(*) AS n FROM read_csv('events.csv') GROUP BY sex");
 */
export async function duckdbQuery(sql: string): Promise<ColumnTable> {
  const duckdb = await loadDuckDb();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const { columns } = await readColumns(con, sql).catch((e: unknown) => {
      throw new HealthgapError(`DuckDB query failed: ${firstLine(String((e as Error)?.message ?? e))}`);
    });
    return aq.table(columns);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
