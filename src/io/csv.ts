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
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { InputError } from './errors.js';

/** Cell values that mean "suppressed or not available" in UK official statistics. */
export const SUPPRESSION_MARKERS: readonly string[] = ['*', 'c', '..', '-', 'x', ':', '~', 'NA', 'N/A', 'n/a', 'null', 'NULL'];

/** A short, readable name for a file in messages (relative to the working directory when shorter). */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.length < file.length && !rel.startsWith('..' + '/..') ? rel : file;
}

/** Read a text file, gunzipping `.gz` files; a missing file is a one-line {@link InputError}. */
export function readText(file: string): string {
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
  return buf.toString('utf8');
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
}

/** Parse CSV text (RFC 4180) into a header and string records. Malformed CSV is an {@link InputError}. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRecords {
  const file = options.file ?? 'input';
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: options.relaxColumnCount ?? false,
      from_line: (options.skipLines ?? 0) + 1,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number; record?: string[] };
    const line = err.lines;
    let problem = err.message.replace(/^Invalid Record Length: /, '').replace(/\s+/g, ' ');
    if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || err.code === 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH') {
      problem = `malformed CSV: expected the same number of fields as the header, found ${err.record?.length ?? 'a different number'}`;
    } else if (err.code?.startsWith('CSV_')) {
      problem = `malformed CSV: ${problem}`;
    }
    throw new InputError(problem, { file, row: line });
  }
  if (parsed.length === 0) throw new InputError('the file is empty (no header row)', { file });
  const header = parsed[0].record.map((h) => h.replace(/\s+/g, ' ').trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  // csv-parse reports the line on which a record ends; the record starts after the previous one.
  let prevEnd = parsed[0].info.lines;
  for (let i = 1; i < parsed.length; i++) {
    rows.push(parsed[i].record);
    lines.push(prevEnd + 1 + (options.skipLines ?? 0));
    prevEnd = parsed[i].info.lines;
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
    throw new InputError(`expected ${what}, found "${s.length > 40 ? s.slice(0, 40) + '…' : s}"`, where);
  }
  if ((type === 'integer' || type === 'count') && !Number.isInteger(v)) {
    // Some published files store counts as floats such as 69.0 (allowed) or 1e-07 (rounding noise).
    if (Math.abs(v - Math.round(v)) < 1e-6) v = Math.round(v);
    else throw new InputError(`expected a whole number, found "${s}"`, where);
  }
  if ((type === 'count' || nonNegative) && v < 0) throw new InputError(`expected a value of 0 or more, found ${s}`, where);
  return v;
}

function isMissingMarker(raw: string): boolean {
  const s = raw.trim();
  return s === '' || SUPPRESSION_MARKERS.includes(s);
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
 * are dropped. Missing cells become null and are counted in the table's notes.
 */
export function typedTable(records: CsvRecords, schema: ColumnSpec[], options: { filter?: (row: string[], header: string[]) => boolean } = {}): ColumnTable {
  const { file, header } = records;
  const notes: string[] = [];
  const idx = schema.map((spec) => {
    const source = spec.source ?? spec.name;
    const i = findColumn(header, source);
    if (i < 0 && spec.required !== false) {
      throw new InputError(`missing column ${typeof source === 'string' ? `"${source}"` : String(source)}; the header has: ${header.slice(0, 30).join(', ')}${header.length > 30 ? ', …' : ''}`, { file, row: 1 });
    }
    return i;
  });
  const keep: number[] = [];
  for (let r = 0; r < records.rows.length; r++) {
    if (!options.filter || options.filter(records.rows[r], header)) keep.push(r);
  }
  const columns: Record<string, unknown[]> = {};
  schema.forEach((spec, k) => {
    const i = idx[k];
    const out = new Array(keep.length);
    const column = i >= 0 ? header[i] : spec.name;
    let missing = 0;
    for (let j = 0; j < keep.length; j++) {
      const r = keep[j];
      const raw = i >= 0 ? records.rows[r][i] : undefined;
      if (raw === undefined || isMissingMarker(raw)) {
        if (i >= 0 && spec.allowMissing === false) {
          throw new InputError(`expected a value, found ${raw === undefined || raw.trim() === '' ? 'a blank cell' : `"${raw.trim()}"`}`, { file, row: records.lines[r], column });
        }
        if (i >= 0) missing++;
        out[j] = spec.type === 'string' && raw !== undefined && raw.trim() !== '' && !SUPPRESSION_MARKERS.includes(raw.trim()) ? raw : null;
        if (spec.type === 'string' && raw !== undefined && raw.trim() !== '') {
          // a string column keeps its text; suppression markers in text columns are kept as text
          out[j] = raw.trim();
          missing--;
        }
        continue;
      }
      out[j] = spec.type === 'string' ? raw.trim() : parseNumberCell(raw, spec.type, { file, row: records.lines[r], column }, spec.nonNegative);
    }
    if (missing > 0 && spec.type !== 'string') notes.push(`${file}: ${missing} blank or suppressed value${missing === 1 ? '' : 's'} in column "${column}" read as missing (null), not zero`);
    columns[spec.name] = out;
  });
  return withNotes(aq.table(columns), notes);
}

/** Read a CSV file into a typed table in one step. */
export function readTypedCsv(file: string, schema: ColumnSpec[], options: Omit<ParseCsvOptions, 'file'> & { filter?: (row: string[], header: string[]) => boolean } = {}): ColumnTable {
  return typedTable(readCsvRecords(file, options), schema, options);
}

/** Convert a header such as `"Lower CI 95.0 limit"` to snake_case (`lower_ci_95_0_limit`). */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
