/**
 * A column-wise reader for the plain CSV files most analysts' inputs are: no `"` anywhere (so no
 * quoted commas or line breaks), LF or CRLF line endings. The text is scanned once, each cell
 * going straight into its column; no record arrays are built (a 140,000-row input made 140,000
 * arrays and twice as much work through csv-parse). Anything else (a quote, a lone carriage
 * return, a line over the length limit, a record longer than the header or over the column limit)
 * returns `null` and the caller parses with csv-parse, which gives the same records and the
 * one-line errors; so the two paths never disagree.
 */
import { InputError } from '../core/errors.js';
import type { ReadLimits } from './files.js';

/** A plain CSV file by columns: the trimmed header, the raw cells of each column, each record's line. */
export interface CsvColumns {
  header: string[];
  /** `columns[j][r]`: the text of column j in data record r; undefined where a short record ends early. */
  columns: (string | undefined)[][];
  /** 1-based line of each data record (the header is line 1). */
  lines: number[];
}

const CR = 13;
const LF = 10;
const COMMA = 44;

/**
 * True when the lines end one way: all LF, or all CRLF (csv-parse takes the first line ending it
 * meets as the record delimiter, so a file mixing the two is left to it).
 */
function oneLineEnding(text: string): boolean {
  const firstCr = text.indexOf('\r');
  if (firstCr < 0) return true;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (text.charCodeAt(at - 1) !== CR) return false;
  }
  for (let at = firstCr; at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== LF) return false;
  }
  return true;
}

/**
 * Split plain CSV text (see the module comment) into columns, or `null` when the text needs the
 * full RFC 4180 parser. Empty lines are skipped (their line numbers counted); records may be
 * shorter than the header. `file` names the file in the empty-file error.
 *
 * @example plainCsvColumns('a,b\n1,2\n', 'x.csv', limits)?.columns // [['1'], ['2']]
 */
export function plainCsvColumns(text: string, file: string, limits: ReadLimits): CsvColumns | null {
  if (text.indexOf('"') >= 0 || !oneLineEnding(text)) return null;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 0;
  let header: string[] | null = null;
  let columns: (string | undefined)[][] = [];
  const lines: number[] = [];
  let width = 0;
  while (pos < n) {
    line++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const next = end + 1;
    const stop = end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    if (stop - pos > limits.maxLineLength) return null;
    if (stop === pos) {
      pos = next;
      continue; // an empty line
    }
    if (header === null) {
      const names = text.slice(pos, stop).split(',');
      if (names.length > limits.maxColumns) return null;
      header = names.map((x) => x.replace(/\s+/g, ' ').trim());
      width = header.length;
      columns = header.map(() => []);
      pos = next;
      continue;
    }
    const r = lines.length;
    lines.push(line);
    let j = 0;
    let start = pos;
    for (let i = pos; i <= stop; i++) {
      if (i === stop || text.charCodeAt(i) === COMMA) {
        if (j >= width) return null; // longer than the header: csv-parse's path gives the error
        columns[j][r] = text.slice(start, i);
        j++;
        start = i + 1;
      }
    }
    for (; j < width; j++) columns[j][r] = undefined;
    pos = next;
  }
  if (header === null) throw new InputError('the file is empty (no header row)', { file });
  return { header, columns, lines };
}
