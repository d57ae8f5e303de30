/**
 * The streaming "lean" CSV reader for national files: the same table as `readTypedCsv`, built
 * record by record as csv-parse yields them, with interned strings, for far less memory.
 */
import { Parser, type Options as CsvParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { InputError } from '../core/errors.js';
import { withNotes } from '../core/notes.js';
import { displayPath, readFileBytes, readLimits } from './files.js';
import { ColumnTyper } from './cells.js';
import { csvParseError, csvParseOptions, embeddedNewlines, isEmptyLine, matchSchema, tooManyColumns, type ColumnSpec, type ParseCsvOptions } from './csv.js';

/**
 * Call `onRecord` with each record csv-parse finds in `bytes`, one at a time, without collecting
 * them. Uses the parser core of csv-parse's stream `Parser` (its `api.parse(buffer, end, push,
 * close)`, which `csv-parse/sync` itself is built on) when present; otherwise the documented
 * `on_record` hook of `csv-parse/sync` (same records, about twice the CPU: it builds an info
 * object per record).
 */
function eachCsvRecord(bytes: Buffer, options: CsvParseOptions, onRecord: (record: string[]) => void): void {
  const core = (new Parser(options) as unknown as { api?: { parse?: (data: Buffer, end: boolean, push: (r: string[]) => void, close: () => void) => unknown } })
    .api;
  if (core && typeof core.parse === 'function') {
    const err = core.parse(bytes, true, onRecord, () => undefined);
    if (err !== undefined) throw err;
    return;
  }
  parseSync(bytes, {
    ...options,
    on_record: (record: string[]) => {
      onRecord(record);
      return null;
    },
  });
}

/** Options of {@link readTypedCsvLean}. */
export interface LeanCsvOptions extends Omit<ParseCsvOptions, 'file'> {
  /** Keep only the records for which this returns true (as `typedTable`'s `filter`). */
  filter?: (row: string[], header: string[]) => boolean;
  /**
   * Share one string per distinct value of each string column (practice codes, LSOA codes)
   * instead of one string per row. Values are the same; only memory differs. Default true.
   */
  intern?: boolean;
}

/**
 * The same table as `readTypedCsv(file, schema, options)` — same columns, values, notes and
 * errors — read with far less memory, for national files of hundreds of thousands of rows: each
 * record is converted as csv-parse yields it instead of keeping every record's string array until
 * the end, the file's bytes go to csv-parse without a decoded copy, and repeated strings are
 * interned. Errors keep `readTypedCsv`'s precedence: malformed CSV anywhere, then the first record
 * with the wrong number of fields, then a missing column, then the first bad cell of the first
 * column (in schema order) that has one.
 *
 * Used for the GP registrations by LSOA (`readGpRegistrationsByLsoa`), where it roughly halves
 * the peak memory of the read (figures in `bench/`).
 *
 * @example readTypedCsvLean(dataPath('gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv'), [{ name: 'practice_code', source: 'PRACTICE_CODE', type: 'string' }])
 */
export function readTypedCsvLean(path: string, schema: ColumnSpec[], options: LeanCsvOptions = {}): ColumnTable {
  const file = displayPath(path);
  const limits = readLimits(options.limits);
  const bytes = readFileBytes(path, limits);
  const skipLines = options.skipLines ?? 0;
  const intern = options.intern !== false;
  const k = schema.length;
  const columns: unknown[][] = schema.map(() => []);
  const pools: Map<string, string>[] = schema.map(() => new Map());
  const typers: (ColumnTyper | null)[] = new Array(k).fill(null);
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
      if (record.length > limits.maxColumns) throw tooManyColumns(record.length, limits, file, line);
      const h = record.map((x) => x.replace(/\s+/g, ' ').trim());
      header = h;
      width = h.length;
      line += 1 + embeddedNewlines(record);
      ({ idx, missing } = matchSchema(h, schema));
      idx.forEach((i, j) => {
        if (i >= 0) typers[j] = new ColumnTyper(schema[j], file, h[i]);
      });
      return null;
    }
    if (widthError) return null;
    if (record.length !== width && !options.relaxColumnCount && !(options.allowShortRecords && record.length < width)) {
      widthError = new InputError(`malformed CSV: expected ${width} fields as in the header, found ${record.length}`, { file, row: line });
      return null;
    }
    if (record.length > limits.maxColumns) {
      widthError = tooManyColumns(record.length, limits, file, line);
      return null;
    }
    const at = line;
    firstLine ??= at;
    line += 1 + embeddedNewlines(record);
    if (missing !== null) return null;
    if (options.filter && !options.filter(record, header)) return null;
    for (let j = 0; j < k; j++) {
      const out = columns[j];
      const typer = typers[j];
      if (typer === null || cellErrors[j]) {
        out.push(null);
        continue;
      }
      let v: string | number | null;
      try {
        v = typer.cell(record[idx[j]], at);
      } catch (e) {
        cellErrors[j] = e as InputError;
        v = null;
      }
      if (intern && typeof v === 'string') {
        const pool = pools[j];
        const shared = pool.get(v);
        if (shared === undefined) pool.set(v, v);
        else v = shared;
      }
      out.push(v);
    }
    return null;
  };
  try {
    eachCsvRecord(bytes, csvParseOptions(skipLines, limits), onRecord);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw csvParseError(e, bytes, skipLines, file, limits);
  }
  if (header === null) throw new InputError('the file is empty (no header row)', { file });
  if (widthError) throw widthError;
  if (missing !== null) throw new InputError(missing, { file, row: firstLine !== undefined ? firstLine - 1 : 1 });
  for (const e of cellErrors) if (e) throw e;
  const notes: string[] = [];
  const data = new Map<string, unknown[]>();
  schema.forEach((spec, j) => {
    data.set(spec.name, columns[j]);
    const typer = typers[j];
    if (typer) notes.push(...typer.notes());
  });
  return withNotes(aq.table(data as never), notes);
}
