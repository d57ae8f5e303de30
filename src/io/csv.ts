/**
 * The one CSV layer every reader uses: text from plain or gzipped files, RFC 4180 parsing with
 * csv-parse (UTF-8 BOM, CRLF, no final newline, quoted fields with embedded newlines), typed
 * columns, and one-line errors naming the file, line and column.
 *
 * Cells written as `"29,199"` read as 29199. Blank and suppressed cells (`*`, `c`, `..`, `-`,
 * `x`, `:`) become `null` (missing), never zero, and each column's count of them is recorded as a
 * note that {@link readerNotes} returns for the table.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { relative, isAbsolute } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Parser, type Options as CsvParseOptions } from 'csv-parse';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { InputError } from './errors.js';

/** Cell values that mean "suppressed or not available" in UK official statistics. */
export const SUPPRESSION_MARKERS: readonly string[] = ['*', 'c', '..', '-', 'x', ':', '~', 'NA', 'N/A', 'n/a', 'null', 'NULL'];

/**
 * A readable name for a file in messages: relative to the working directory when the file is
 * inside it, otherwise the absolute path (never a `../..` path that depends on where you stand).
 */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Read a file's bytes, gunzipping `.gz` files; a missing file is a one-line {@link InputError}. */
function readBytes(file: string): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})`, { file: displayPath(file) });
  }
  if (file.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) {
    try {
      buf = gunzipSync(buf);
    } catch {
      throw new InputError('not a valid gzip file', { file: displayPath(file) });
    }
  }
  return buf;
}

/** Read a text file, gunzipping `.gz` files; a missing file is a one-line {@link InputError}. */
export function readText(file: string): string {
  return readBytes(file).toString('utf8');
}

/** Parsed CSV: trimmed header names, the string cells of each record, and each record's first line. */
export interface CsvRecords {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line in the file where each record starts (the header is line 1 in a plain file). */
  lines: number[];
}

export interface ParseCsvOptions {
  /** Label used in messages (defaults to "input"). */
  file?: string;
  /** Number of lines to skip before the header (title rows in spreadsheet exports). */
  skipLines?: number;
  /** Allow records with fewer/more fields than the header (spreadsheet dumps); default false. */
  relaxColumnCount?: boolean;
  /**
   * Accept records with fewer fields than the header, reading the missing trailing fields as
   * blank (Fingertips exports omit the last, empty `Compared to goal` field); records with more
   * fields than the header are still an error. Default false.
   */
  allowShortRecords?: boolean;
}

/** Count `\n` characters in the fields of one record (embedded newlines in quoted fields). */
function embeddedNewlines(record: string[]): number {
  let n = 0;
  for (const field of record) {
    if (field.length === 0 || field.indexOf('\n') < 0) continue;
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** True for a record that came from an empty physical line. */
function isEmptyLine(record: string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/** The one-line {@link InputError} for an error csv-parse threw (malformed CSV), naming the line and column. */
function csvParseError(e: unknown, text: string | Buffer, skipLines: number, file: string): InputError {
  const err = e as Error & { code?: string; lines?: number; index?: number };
  let problem = err.message.replace(/\s+/g, ' ');
  const code = err.code ?? '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') problem = 'malformed CSV: a quoted field is never closed (a " opens a field that runs to the end of the file)';
  else if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE') problem = 'malformed CSV: a " appears inside an unquoted field (quote the whole field and double the inner quotes)';
  else if (code === 'CSV_INVALID_CLOSING_QUOTE') problem = 'malformed CSV: text follows the closing " of a quoted field';
  else if (code.startsWith('CSV_')) problem = `malformed CSV: ${problem}`;
  let column: string | undefined;
  if (typeof err.index === 'number' && code !== 'CSV_QUOTE_NOT_CLOSED') {
    try {
      const head = parse(text, { bom: true, relax_column_count: true, from_line: skipLines + 1, to: 1 }) as string[][];
      column = head[0]?.[err.index]?.replace(/\s+/g, ' ').trim() || `#${err.index + 1}`;
    } catch {
      column = `#${err.index + 1}`;
    }
  }
  return new InputError(problem, { file, row: err.lines, column });
}

/**
 * Parse CSV text (RFC 4180) into a header and string records, using csv-parse. Handles a UTF-8
 * BOM, LF or CRLF line endings, no final newline, quoted fields holding commas (`"29,199"`) or
 * newlines, and empty lines (skipped). Every record must have as many fields as the header unless
 * `relaxColumnCount` is set. Malformed CSV (a stray or unclosed quote, a short or long record) is
 * an {@link InputError} naming the file, the line and, where known, the column.
 *
 * The line of each record is computed from the records themselves (1 + the embedded newlines of
 * the previous ones), which is exact and about three times faster than csv-parse's `info` option
 * on large files.
 *
 * @example parseCsv('a,b\r\n1,"29,199"').rows // [['1', '29,199']]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRecords {
  const file = options.file ?? 'input';
  const skipLines = options.skipLines ?? 0;
  let parsed: string[][];
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: false,
      relax_column_count: true,
      from_line: skipLines + 1,
    }) as string[][];
  } catch (e) {
    throw csvParseError(e, text, skipLines, file);
  }
  let line = skipLines + 1;
  let h = 0;
  while (h < parsed.length && isEmptyLine(parsed[h])) {
    line++;
    h++;
  }
  if (h >= parsed.length) throw new InputError('the file is empty (no header row)', { file });
  const header = parsed[h].map((x) => x.replace(/\s+/g, ' ').trim());
  line += 1 + embeddedNewlines(parsed[h]);
  const rows: string[][] = [];
  const lines: number[] = [];
  const width = header.length;
  for (let i = h + 1; i < parsed.length; i++) {
    const record = parsed[i];
    if (isEmptyLine(record)) {
      line++;
      continue;
    }
    if (record.length !== width && !options.relaxColumnCount && !(options.allowShortRecords && record.length < width)) {
      throw new InputError(`malformed CSV: expected ${width} fields as in the header, found ${record.length}`, { file, row: line });
    }
    rows.push(record);
    lines.push(line);
    line += 1 + embeddedNewlines(record);
  }
  return { file, header, rows, lines };
}

/** Read and parse a CSV file (plain or `.gz`). */
export function readCsvRecords(file: string, options: Omit<ParseCsvOptions, 'file'> = {}): CsvRecords {
  return parseCsv(readText(file), { ...options, file: displayPath(file) });
}

/** Column types understood by {@link typedTable}. */
export type CellType = 'string' | 'number' | 'integer' | 'count';

/** How one output column is built from the input. */
export interface ColumnSpec {
  /** Output (snake_case) column name. */
  name: string;
  /** Input header; a RegExp matches the first header that fits. Defaults to `name`. */
  source?: string | RegExp;
  /** Cell type: `count` is a non-negative integer, `integer` any integer, `number` any finite number. */
  type: CellType;
  /** When false a missing input column gives a column of nulls instead of an error. Default true. */
  required?: boolean;
  /** When false a blank or suppressed cell is an error instead of null. Default true. */
  allowMissing?: boolean;
  /** Reject negative numbers (always true for `count`). */
  nonNegative?: boolean;
}

/** Notes recorded while reading (suppressed cells per column, codes that were remapped, ...). */
const notesByTable = new WeakMap<object, string[]>();

/** The notes recorded for a table read by a healthgap reader (empty when there are none). */
export function readerNotes(table: ColumnTable): string[] {
  return notesByTable.get(table) ?? [];
}

/** Attach notes to a table (used by readers). Returns the table. */
export function withNotes<T extends object>(table: T, notes: string[]): T {
  if (notes.length) notesByTable.set(table, [...(notesByTable.get(table) ?? []), ...notes]);
  return table;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Parse one numeric cell. Returns `null` for blank and suppressed cells, the number otherwise;
 * anything else is an {@link InputError} naming where it was found.
 */
export function parseNumberCell(raw: string | null | undefined, type: Exclude<CellType, 'string'>, where: { file?: string; row?: number; column?: string }, nonNegative = false): number | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim();
  if (s === '' || SUPPRESSION_MARKERS.includes(s)) return null;
  let v: number;
  if (NUMBER_RE.test(s)) v = Number(s);
  else if (THOUSANDS_RE.test(s)) v = Number(s.replace(/,/g, ''));
  else {
    const what = type === 'number' ? 'a number' : type === 'count' ? 'a count (a whole number, 0 or more)' : 'a whole number';
    const shown = s.replace(/\s+/g, ' ');
    throw new InputError(`expected ${what}, found "${shown.length > 40 ? shown.slice(0, 40) + '…' : shown}"`, where);
  }
  if ((type === 'integer' || type === 'count') && !Number.isInteger(v)) {
    // Some published files store counts as floats such as 69.0 (allowed) or 1e-07 (rounding noise).
    if (Math.abs(v - Math.round(v)) < 1e-6) v = Math.round(v);
    else throw new InputError(`expected a whole number, found "${s}"`, where);
  }
  if ((type === 'count' || nonNegative) && v < 0) throw new InputError(`expected a value of 0 or more, found ${s}`, where);
  return v;
}

/** Find the index of a column in a header, by exact (trimmed, case-insensitive) name or RegExp. */
export function findColumn(header: string[], source: string | RegExp): number {
  if (typeof source === 'string') {
    const want = source.trim().toLowerCase();
    return header.findIndex((h) => h.toLowerCase() === want);
  }
  return header.findIndex((h) => source.test(h));
}

/**
 * Build a typed arquero table from parsed records and a column schema. Columns not in the schema
 * are dropped; a required column that is missing is an {@link InputError} listing the header.
 * Blank and suppressed cells (see {@link SUPPRESSION_MARKERS}) in numeric columns become `null`,
 * never zero, and are counted in the table's notes ({@link readerNotes}); in string columns a
 * blank cell is `null` and any other text is kept (trimmed). A cell that is not a number where
 * one is expected is an {@link InputError} naming the file, line and column.
 *
 * @example typedTable(parseCsv('n\n"1,296"\n*'), [{ name: 'n', type: 'count' }]) // n: [1296, null]
 */
export function typedTable(records: CsvRecords, schema: ColumnSpec[], options: { filter?: (row: string[], header: string[]) => boolean } = {}): ColumnTable {
  const { file, header } = records;
  const notes: string[] = [];
  const idx = schema.map((spec) => {
    const source = spec.source ?? spec.name;
    const i = findColumn(header, source);
    if (i < 0 && spec.required !== false) {
      throw new InputError(`missing column ${typeof source === 'string' ? `"${source}"` : String(source)}; the header has: ${header.slice(0, 30).join(', ')}${header.length > 30 ? ', …' : ''}`, { file, row: records.lines.length ? records.lines[0] - 1 : 1 });
    }
    return i;
  });
  let keep: number[] | null = null;
  if (options.filter) {
    keep = [];
    for (let r = 0; r < records.rows.length; r++) if (options.filter(records.rows[r], header)) keep.push(r);
  }
  const n = keep ? keep.length : records.rows.length;
  const columns: Record<string, unknown[]> = {};
  schema.forEach((spec, k) => {
    const i = idx[k];
    const out = new Array(n);
    columns[spec.name] = out;
    if (i < 0) {
      out.fill(null);
      return;
    }
    const column = header[i];
    let blanks = 0;
    const suppressed = new Map<string, number>();
    for (let j = 0; j < n; j++) {
      const r = keep ? keep[j] : j;
      const raw = records.rows[r][i];
      const s = raw === undefined ? '' : raw.trim();
      if (spec.type === 'string') {
        if (s === '' && spec.allowMissing === false) throw new InputError('expected a value, found a blank cell', { file, row: records.lines[r], column });
        out[j] = s === '' ? null : s;
        continue;
      }
      if (s === '' || SUPPRESSION_MARKERS.includes(s)) {
        if (spec.allowMissing === false) {
          throw new InputError(`expected a value, found ${s === '' ? 'a blank cell' : `the suppression marker "${s}"`}`, { file, row: records.lines[r], column });
        }
        if (s === '') blanks++;
        else suppressed.set(s, (suppressed.get(s) ?? 0) + 1);
        out[j] = null;
        continue;
      }
      out[j] = parseNumberCell(s, spec.type, { file, row: records.lines[r], column }, spec.nonNegative);
    }
    const nSupp = [...suppressed.values()].reduce((a, b) => a + b, 0);
    if (nSupp > 0) {
      const markers = [...suppressed.keys()].map((m) => `"${m}"`).join(', ');
      notes.push(`${file}: ${nSupp} suppressed value${nSupp === 1 ? '' : 's'} (${markers}) in column "${column}" read as missing (null), not zero`);
    }
    if (blanks > 0) notes.push(`${file}: ${blanks} blank value${blanks === 1 ? '' : 's'} in column "${column}" read as missing (null), not zero`);
  });
  return withNotes(aq.table(columns), notes);
}

/** Read a CSV file into a typed table in one step. */
export function readTypedCsv(file: string, schema: ColumnSpec[], options: Omit<ParseCsvOptions, 'file'> & { filter?: (row: string[], header: string[]) => boolean } = {}): ColumnTable {
  return typedTable(readCsvRecords(file, options), schema, options);
}

/**
 * Call `onRecord` with each record csv-parse finds in `bytes`, one at a time, without collecting
 * them. Uses the parser core of csv-parse's stream `Parser` (its `api.parse(buffer, end, push,
 * close)`, which `csv-parse/sync` itself is built on) when present; otherwise the documented
 * `on_record` hook of `csv-parse/sync` (same records, about twice the CPU: it builds an info
 * object per record).
 */
function eachCsvRecord(bytes: Buffer, options: CsvParseOptions, onRecord: (record: string[]) => void): void {
  const core = (new Parser(options) as unknown as { api?: { parse?: (data: Buffer, end: boolean, push: (r: string[]) => void, close: () => void) => unknown } }).api;
  if (core && typeof core.parse === 'function') {
    const err = core.parse(bytes, true, onRecord, () => undefined);
    if (err !== undefined) throw err;
    return;
  }
  parse(bytes, {
    ...options,
    on_record: (record: string[]) => {
      onRecord(record);
      return null;
    },
  });
}

/** Options of {@link readTypedCsvLean}. */
export interface LeanCsvOptions extends Omit<ParseCsvOptions, 'file'> {
  /** Keep only the records for which this returns true (as {@link typedTable}'s `filter`). */
  filter?: (row: string[], header: string[]) => boolean;
  /**
   * Share one string per distinct value of each string column (practice codes, LSOA codes)
   * instead of one string per row. Values are the same; only memory differs. Default true.
   */
  intern?: boolean;
}

/**
 * The same table as {@link readTypedCsv}(file, schema, options) — same columns, values, notes and
 * errors — read with far less memory, for national files of hundreds of thousands of rows: each
 * record is converted as csv-parse yields it (its `on_record` hook) instead of keeping every
 * record's string array until the end, the file's bytes go to csv-parse without a decoded copy,
 * and repeated strings are interned. Errors keep {@link readTypedCsv}'s precedence: malformed CSV
 * anywhere, then the first record with the wrong number of fields, then a missing column, then
 * the first bad cell of the first column (in schema order) that has one.
 *
 * Used for the 839,677-row GP registrations by LSOA (`readGpRegistrationsByLsoa`): peak memory of
 * the read falls from about +380 MB to well under half of that, and the table keeps one string per
 * practice and LSOA.
 *
 * @example readTypedCsvLean(dataPath('gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv'), [{ name: 'practice_code', source: 'PRACTICE_CODE', type: 'string' }])
 */
export function readTypedCsvLean(path: string, schema: ColumnSpec[], options: LeanCsvOptions = {}): ColumnTable {
  const file = displayPath(path);
  const bytes = readBytes(path);
  const skipLines = options.skipLines ?? 0;
  const intern = options.intern !== false;
  const k = schema.length;
  const columns: unknown[][] = schema.map(() => []);
  const pools: Map<string, string>[] = schema.map(() => new Map());
  const blanks = new Array<number>(k).fill(0);
  const suppressed: Map<string, number>[] = schema.map(() => new Map());
  const cellErrors: (InputError | undefined)[] = new Array(k);
  let header: string[] | null = null;
  let idx: number[] = [];
  let missing: string | null = null;
  let width = 0;
  let line = skipLines + 1;
  let firstLine: number | undefined;
  let widthError: InputError | null = null;
  const onRecord = (record: string[]): null => {
    if (isEmptyLine(record)) {
      line++;
      return null;
    }
    if (header === null) {
      const h = record.map((x) => x.replace(/\s+/g, ' ').trim());
      header = h;
      width = h.length;
      line += 1 + embeddedNewlines(record);
      idx = schema.map((spec) => {
        const source = spec.source ?? spec.name;
        const i = findColumn(h, source);
        if (i < 0 && spec.required !== false && missing === null) {
          missing = `missing column ${typeof source === 'string' ? `"${source}"` : String(source)}; the header has: ${h.slice(0, 30).join(', ')}${h.length > 30 ? ', …' : ''}`;
        }
        return i;
      });
      return null;
    }
    if (widthError) return null;
    if (record.length !== width && !options.relaxColumnCount && !(options.allowShortRecords && record.length < width)) {
      widthError = new InputError(`malformed CSV: expected ${width} fields as in the header, found ${record.length}`, { file, row: line });
      return null;
    }
    const at = line;
    firstLine ??= at;
    line += 1 + embeddedNewlines(record);
    if (missing !== null) return null;
    if (options.filter && !options.filter(record, header)) return null;
    for (let j = 0; j < k; j++) {
      const out = columns[j];
      const i = idx[j];
      if (i < 0 || cellErrors[j]) {
        out.push(null);
        continue;
      }
      const spec = schema[j];
      const raw = record[i];
      const s = raw === undefined ? '' : raw.trim();
      if (spec.type === 'string') {
        if (s === '') {
          if (spec.allowMissing === false) cellErrors[j] = new InputError('expected a value, found a blank cell', { file, row: at, column: header[i] });
          out.push(null);
        } else if (intern) {
          const pool = pools[j];
          let v = pool.get(s);
          if (v === undefined) pool.set(s, (v = s));
          out.push(v);
        } else out.push(s);
        continue;
      }
      if (s === '' || SUPPRESSION_MARKERS.includes(s)) {
        if (spec.allowMissing === false) {
          cellErrors[j] = new InputError(`expected a value, found ${s === '' ? 'a blank cell' : `the suppression marker "${s}"`}`, { file, row: at, column: header[i] });
        } else if (s === '') blanks[j]++;
        else suppressed[j].set(s, (suppressed[j].get(s) ?? 0) + 1);
        out.push(null);
        continue;
      }
      try {
        out.push(parseNumberCell(s, spec.type, { file, row: at, column: header[i] }, spec.nonNegative));
      } catch (e) {
        cellErrors[j] = e as InputError;
        out.push(null);
      }
    }
    return null;
  };
  try {
    eachCsvRecord(bytes, { bom: true, skip_empty_lines: false, relax_column_count: true, from_line: skipLines + 1 }, onRecord);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw csvParseError(e, bytes, skipLines, file);
  }
  if (header === null) throw new InputError('the file is empty (no header row)', { file });
  if (widthError) throw widthError;
  if (missing !== null) throw new InputError(missing, { file, row: firstLine !== undefined ? firstLine - 1 : 1 });
  for (const e of cellErrors) if (e) throw e;
  const h: string[] = header;
  const notes: string[] = [];
  const data = new Map<string, unknown[]>();
  schema.forEach((spec, j) => {
    const i = idx[j];
    data.set(spec.name, columns[j]);
    if (i < 0) return;
    const column = h[i];
    const nSupp = [...suppressed[j].values()].reduce((a, b) => a + b, 0);
    if (nSupp > 0) {
      const markers = [...suppressed[j].keys()].map((m) => `"${m}"`).join(', ');
      notes.push(`${file}: ${nSupp} suppressed value${nSupp === 1 ? '' : 's'} (${markers}) in column "${column}" read as missing (null), not zero`);
    }
    if (blanks[j] > 0) notes.push(`${file}: ${blanks[j]} blank value${blanks[j] === 1 ? '' : 's'} in column "${column}" read as missing (null), not zero`);
  });
  return withNotes(aq.table(data as never), notes);
}

/** Convert a header such as `"Lower CI 95.0 limit"` to snake_case (`lower_ci_95_0_limit`). */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
