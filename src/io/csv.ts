/**
 * CSV parsing and typed tables: RFC 4180 parsing with csv-parse (UTF-8 BOM, CRLF, no final
 * newline, quoted fields with embedded newlines), typed columns through the one cell typer
 * (`cells.ts`), and one-line errors naming the file, line and column.
 *
 * Cells written as `"29,199"` read as 29199. Blank and suppressed cells (`*`, `c`, `..`, `-`,
 * `x`, `:`) become `null` (missing), never zero, and each column's count of them is recorded as a
 * note that {@link readerNotes} returns for the table.
 *
 * Neighbours: `files.ts` (file bytes, gzip, limits, display paths), `csvLean.ts` (the streaming
 * reader for national files), `csvWrite.ts` (the one writer), `core/notes.ts` (the notes).
 */
import { parse } from 'csv-parse/sync';
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { InputError } from '../core/errors.js';
import { withNotes } from '../core/notes.js';
import { displayPath, limitHint, readLimits, readText, type ReadLimits } from './files.js';
import { ColumnTyper, findColumn, missingColumnMessage, type CellSpec } from './cells.js';
import { plainCsvColumns } from './csvColumns.js';

// Kept importable from here: the pieces that used to live in this module.
export { readerNotes, withNotes } from '../core/notes.js';
export { displayPath, readText, readFileBytes, readLimits, DEFAULT_READ_LIMITS, type ReadLimits } from './files.js';
export { SUPPRESSION_MARKERS, parseNumberCell, findColumn, missingColumnMessage, ColumnTyper, type CellType, type CellSpec } from './cells.js';

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
  /** Limits on untrusted input (record length, column count, file size); see {@link DEFAULT_READ_LIMITS}. */
  limits?: Partial<ReadLimits>;
}

/** Count `\n` characters in the fields of one record (embedded newlines in quoted fields). */
export function embeddedNewlines(record: string[]): number {
  let n = 0;
  for (const field of record) {
    if (field.length === 0 || field.indexOf('\n') < 0) continue;
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** True for a record that came from an empty physical line. */
export function isEmptyLine(record: string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/** csv-parse options shared by the readers: `from_line` after the skipped lines, a cap on record length. */
export function csvParseOptions(skipLines: number, limits: ReadLimits) {
  return { bom: true, skip_empty_lines: false, relax_column_count: true, from_line: skipLines + 1, max_record_size: limits.maxLineLength };
}

/** The one-line error for a header or record with more fields than `limits.maxColumns`. */
export function tooManyColumns(found: number, limits: ReadLimits, file: string, row: number): InputError {
  return new InputError(`${found} fields, over the limit of ${limits.maxColumns} columns (${limitHint('maxColumns')})`, { file, row });
}

/** The one-line {@link InputError} for an error csv-parse threw (malformed CSV), naming the line and column. */
export function csvParseError(e: unknown, text: string | Buffer, skipLines: number, file: string, limits: ReadLimits = readLimits()): InputError {
  const err = e as Error & { code?: string; lines?: number; index?: number };
  let problem = err.message.replace(/\s+/g, ' ');
  const code = err.code ?? '';
  if (code === 'CSV_MAX_RECORD_SIZE')
    return new InputError(`a record is longer than the limit of ${limits.maxLineLength} characters (${limitHint('maxLineLength')})`, { file, row: err.lines });
  if (code === 'CSV_QUOTE_NOT_CLOSED') problem = 'malformed CSV: a quoted field is never closed (a " opens a field that runs to the end of the file)';
  else if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE')
    problem = 'malformed CSV: a " appears inside an unquoted field (quote the whole field and double the inner quotes)';
  else if (code === 'CSV_INVALID_CLOSING_QUOTE') problem = 'malformed CSV: text follows the closing " of a quoted field';
  else if (code.startsWith('CSV_')) problem = `malformed CSV: ${problem}`;
  let column: string | undefined;
  if (typeof err.index === 'number' && code !== 'CSV_QUOTE_NOT_CLOSED') {
    try {
      const head = parse(text, { bom: true, relax_column_count: true, from_line: skipLines + 1, to: 1, max_record_size: limits.maxLineLength }) as string[][];
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
  const limits = readLimits(options.limits);
  let parsed: string[][];
  try {
    parsed = parse(text, csvParseOptions(skipLines, limits)) as string[][];
  } catch (e) {
    throw csvParseError(e, text, skipLines, file, limits);
  }
  let line = skipLines + 1;
  let h = 0;
  while (h < parsed.length && isEmptyLine(parsed[h])) {
    line++;
    h++;
  }
  if (h >= parsed.length) throw new InputError('the file is empty (no header row)', { file });
  if (parsed[h].length > limits.maxColumns) throw tooManyColumns(parsed[h].length, limits, file, line);
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
    if (record.length > limits.maxColumns) throw tooManyColumns(record.length, limits, file, line);
    rows.push(record);
    lines.push(line);
    line += 1 + embeddedNewlines(record);
  }
  return { file, header, rows, lines };
}

/** Read and parse a CSV file (plain or `.gz`), within the limits of {@link ParseCsvOptions.limits}. */
export function readCsvRecords(file: string, options: Omit<ParseCsvOptions, 'file'> = {}): CsvRecords {
  return parseCsv(readText(file, options.limits), { ...options, file: displayPath(file) });
}

/** How one output column is built from the input. */
export interface ColumnSpec extends CellSpec {
  /** Output (snake_case) column name. */
  name: string;
  /** Input header; a RegExp matches the first header that fits. Defaults to `name`. */
  source?: string | RegExp;
  /** When false a missing input column gives a column of nulls instead of an error. Default true. */
  required?: boolean;
}

/**
 * Match a schema to a header: the header index of each spec (-1 when an optional column is
 * absent), or the {@link missingColumnMessage} of the first required column that is missing.
 */
export function matchSchema(header: readonly string[], schema: readonly ColumnSpec[]): { idx: number[]; missing: string | null } {
  let missing: string | null = null;
  const idx = schema.map((spec) => {
    const source = spec.source ?? spec.name;
    const i = findColumn(header, source);
    if (i < 0 && spec.required !== false && missing === null) missing = missingColumnMessage(source, header);
    return i;
  });
  return { idx, missing };
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
  const { idx, missing } = matchSchema(header, schema);
  if (missing !== null) throw new InputError(missing, { file, row: records.lines.length ? records.lines[0] - 1 : 1 });
  let keep: number[] | null = null;
  if (options.filter) {
    keep = [];
    for (let r = 0; r < records.rows.length; r++) if (options.filter(records.rows[r], header)) keep.push(r);
  }
  const n = keep ? keep.length : records.rows.length;
  const columns: Record<string, unknown[]> = {};
  const notes: string[] = [];
  schema.forEach((spec, k) => {
    const i = idx[k];
    const out = new Array(n);
    columns[spec.name] = out;
    if (i < 0) {
      out.fill(null);
      return;
    }
    const typer = new ColumnTyper(spec, file, header[i]);
    for (let j = 0; j < n; j++) {
      const r = keep ? keep[j] : j;
      out[j] = typer.cell(records.rows[r][i], records.lines[r]);
    }
    notes.push(...typer.notes());
  });
  return withNotes(aq.table(columns), notes);
}

/** Read a CSV file into a typed table in one step. */
export function readTypedCsv(
  file: string,
  schema: ColumnSpec[],
  options: Omit<ParseCsvOptions, 'file'> & { filter?: (row: string[], header: string[]) => boolean } = {},
): ColumnTable {
  return typedTable(readCsvRecords(file, options), schema, options);
}

/** Options of {@link readCsvTable}. */
export interface CsvTableOptions {
  /** Columns read as numbers (any finite number); every other column is kept as trimmed text. */
  numeric?: Iterable<string>;
  /** Columns that must be present (exact header names). */
  required?: readonly string[];
  /** Limits on untrusted input. */
  limits?: Partial<ReadLimits>;
}

/** A whole CSV file as a table, with where it came from. */
export interface CsvTable {
  table: ColumnTable;
  /** The file as shown in messages. */
  file: string;
  /** Line of the first data row when data rows sit on consecutive lines (no quoted newlines), else undefined. */
  firstDataLine?: number;
}

/**
 * Read every column of an analyst's CSV file (plain or `.gz`): the columns named in `numeric`
 * parsed as numbers through the cell typer (blank and suppressed cells become null and are
 * counted in the table's notes), every other column kept as trimmed text (blank → null). Records
 * may be shorter than the header (exports such as Fingertips' omit empty trailing cells; they read
 * as blank) but never longer. Used by `healthgap calc`.
 *
 * @example readCsvTable('rates.csv', { numeric: ['events', 'population'], required: ['area_code'] }).table
 */
export function readCsvTable(path: string, options: CsvTableOptions = {}): CsvTable {
  const limits = readLimits(options.limits);
  const file = displayPath(path);
  const text = readText(path, options.limits);
  // Plain files (no quotes) are read column by column; anything else through csv-parse's records.
  const plain = plainCsvColumns(text, file, limits);
  const rec = plain === null ? parseCsv(text, { allowShortRecords: true, limits: options.limits, file }) : null;
  const header = plain?.header ?? rec!.header;
  const lines = plain?.lines ?? rec!.lines;
  const rows = rec?.rows;
  for (const name of options.required ?? []) {
    if (!header.includes(name)) throw new InputError(missingColumnMessage(name, header), { file, row: lines.length ? lines[0] - 1 : 1 });
  }
  const numeric = new Set(options.numeric ?? []);
  const data: Record<string, unknown[]> = {};
  const notes: string[] = [];
  header.forEach((h, j) => {
    const typer = new ColumnTyper({ type: numeric.has(h) ? 'number' : 'string' }, file, h);
    const out = new Array(lines.length);
    if (plain !== null) {
      const cells = plain.columns[j];
      for (let r = 0; r < lines.length; r++) out[r] = typer.cell(cells[r], lines[r]);
    } else for (let r = 0; r < lines.length; r++) out[r] = typer.cell(rows![r][j], lines[r]);
    notes.push(...typer.notes());
    data[h] = out;
  });
  const contiguous = lines.every((l, i) => l === lines[0] + i);
  return { table: withNotes(aq.table(data, header), notes), file, firstDataLine: contiguous && lines.length ? lines[0] : undefined };
}

/** Convert a header such as `"Lower CI 95.0 limit"` to snake_case (`lower_ci_95_0_limit`). */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
