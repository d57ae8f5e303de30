/**
 * Load a file offered to `healthgap data add`: a CSV (optionally gzip) as header and records, or
 * an xlsx workbook as sheets of cells. Refuses a truncated gzip, a zip that is not an xlsx, and
 * files above the size limit, each in one line naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { InputError } from '../io/errors.js';
import { readWorkbook, type Workbook } from './xlsx.js';

/** A file as read for recognition. */
export interface SourceInput {
  /** Path as given. */
  file: string;
  /** File name without folders (and without `.gz`). */
  name: string;
  format: 'csv' | 'xlsx';
  /** CSV: the header cells, trimmed. */
  header: string[];
  /** CSV: the records after the header; record i is on line i + 2. */
  records: string[][];
  workbook?: Workbook;
  /** The bytes of the file as offered (for the SHA-256). */
  bytes: Buffer;
}

/** Largest file accepted (bytes). */
export const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/**
 * Read a CSV, gzip CSV or xlsx file for recognition.
 *
 * @example const src = await loadSource('PREVALENCE_1920.csv'); src.header[0] // 'PRACTICE_CODE'
 */
export async function loadSource(file: string): Promise<SourceInput> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError('file not found', { file });
  }
  if (size > MAX_SOURCE_BYTES) throw new InputError(`file is ${size} bytes, above the limit of ${MAX_SOURCE_BYTES}`, { file });
  const bytes = readFileSync(file);
  const name = basename(file).replace(/\.gz$/i, '');
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const workbook = await readWorkbook(file);
    return { file, name, format: 'xlsx', header: [], records: [], workbook, bytes };
  }
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      text = gunzipSync(bytes).toString('utf8');
    } catch (e) {
      throw new InputError(`truncated or corrupt gzip (${(e as Error).message})`, { file });
    }
  } else {
    text = bytes.toString('utf8');
  }
  if (text.includes('\u0000')) throw new InputError('expected a CSV or xlsx file, found binary data', { file });
  let rows: string[][];
  try {
    // Every line ending is a record end: with the default (the first ending found), a file that
    // mixes CRLF and LF lines would silently join two rows into one.
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch (e) {
    throw new InputError(`cannot parse as CSV (${(e as Error).message.split('\n')[0]})`, { file });
  }
  if (rows.length === 0) throw new InputError('the file is empty', { file });
  return { file, name, format: 'csv', header: rows[0].map((h) => h.trim()), records: rows.slice(1), bytes };
}
