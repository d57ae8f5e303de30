/**
 * The one CSV writer: every table healthgap writes as CSV (the `calc`, `prevalence`, `core20`, …
 * commands, exports from the library) goes through `tableToCsv`, so one file never writes a
 * missing value two ways.
 *
 * Conventions (as R's `write.csv`, so files move between R and healthgap unchanged):
 * - numbers with at most 15 significant digits, so binary noise never shows
 *   (`239.99999999999997` is written `240`, `0.1 + 0.2` is written `0.3`);
 * - missing values (`null`, `undefined`, `NaN`, ±Infinity) as an empty cell;
 * - logicals as `TRUE` / `FALSE`; dates as ISO 8601;
 * - text that a spreadsheet would run as a formula (a cell starting with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return, and not a number) is neutralised with a leading `'` (OWASP "CSV
 *   injection"); numbers, including negative ones, stay numbers.
 */
import { stringify } from 'csv-stringify/sync';
import type { ColumnTable } from 'arquero';

/** Significant digits written for numbers (R's `write.csv` uses 15). */
export const CSV_SIGNIFICANT_DIGITS = 15;

/**
 * A finite number as R's `write.csv` writes it: 15 significant digits, no trailing noise. The
 * result is always `String(Number(v.toPrecision(15)))`; the steps below only avoid the two extra
 * conversions where a cheaper one gives the same text.
 */
export function formatCsvNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) {
    if (Math.abs(v) < 1e15) return String(v);
    return String(Number(v.toPrecision(CSV_SIGNIFICANT_DIGITS)));
  }
  // JavaScript's shortest round-trip text, when it has at most 15 significant digits, is already
  // what rounding to 15 digits gives (the 15-digit rounding of v is that same decimal). A
  // non-integer's text holds a '.' or an 'e', so 16 characters hold at most 15 digits.
  const shortest = String(v);
  if (shortest.length <= 16 || significantDigits(shortest) <= CSV_SIGNIFICANT_DIGITS) return shortest;
  const a = Math.abs(v);
  if (a >= 1e-6 && a < 1e15) {
    // Fixed notation both ways: a decimal of at most 15 digits is the shortest text of the double
    // nearest to it (no shorter decimal maps to the same double), so stripping the trailing zeros
    // of toPrecision(15) is String(Number(…)) without the round trip.
    const p = v.toPrecision(CSV_SIGNIFICANT_DIGITS);
    if (p.indexOf('e') < 0) {
      if (p.indexOf('.') < 0) return p;
      let end = p.length;
      while (p.charCodeAt(end - 1) === 48) end--;
      if (p.charCodeAt(end - 1) === 46) end--;
      return p.slice(0, end);
    }
  }
  return String(Number(v.toPrecision(CSV_SIGNIFICANT_DIGITS)));
}

/** Significant digits of a number's text (`-0.00120` → 3, `1.5e-7` → 2). */
function significantDigits(text: string): number {
  let digits = 0;
  let started = false;
  let trailingZeros = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) break; // e, E: the exponent follows
    if (c < 48 || c > 57) continue; // sign, decimal point
    if (!started && c === 48) continue; // leading zeros
    started = true;
    digits++;
    trailingZeros = c === 48 ? trailingZeros + 1 : 0;
  }
  return digits - trailingZeros;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text made safe for spreadsheets: a formula-like cell gets a leading `'`; numeric text is kept. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text.trim()) ? `'${text}` : text;
}

/** A cell as `csv-stringify` writes it: quoted (quotes doubled) when it holds a quote, comma or line break. */
function quoteCell(text: string): string {
  if (text.indexOf('"') >= 0) return `"${text.replaceAll('"', '""')}"`;
  return text.indexOf(',') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 ? `"${text}"` : text;
}

/** One cell by the conventions above; undefined when the value is of a kind only `stringify` handles. */
function formatCell(v: unknown): string | undefined {
  switch (typeof v) {
    case 'number':
      return formatCsvNumber(v);
    case 'string':
      return v === '' ? '' : quoteCell(neutraliseFormula(v));
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'undefined':
      return '';
    case 'object':
      if (v === null) return '';
      if (v instanceof Date) return quoteCell(v.toISOString());
      return undefined;
    default:
      return undefined;
  }
}

/** Rows per block of {@link tableToCsvBlocks}: small enough that each block's strings die young. */
const BLOCK_ROWS = 4096;

/**
 * A column's values in row order: the column's own array when the table is neither filtered nor
 * ordered (no copy; `table.array` copies through a callback per cell), else `table.array`.
 */
function columnValues(table: ColumnTable, name: string, m: number): ArrayLike<unknown> {
  if (!table.isFiltered() && !table.isOrdered()) {
    const col = table.column(name) as unknown;
    if ((Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView))) && (col as ArrayLike<unknown>).length === m)
      return col as ArrayLike<unknown>;
  }
  return table.array(name) as ArrayLike<unknown>;
}

/** True when every cell of every column is of a kind {@link formatCell} writes (the fast path). */
function plainCells(cols: ArrayLike<unknown>[], m: number): boolean {
  for (const col of cols) {
    if (col instanceof BigInt64Array || col instanceof BigUint64Array) return false;
    if (ArrayBuffer.isView(col)) continue; // the other typed arrays hold numbers only
    for (let i = 0; i < m; i++) {
      const v = col[i];
      const t = typeof v;
      if (t === 'number' || t === 'string' || t === 'boolean' || t === 'undefined' || v === null || v instanceof Date) continue;
      return false;
    }
  }
  return true;
}

/** A cell formatter for one column that reuses the text of a repeated string (labels, methods). */
function columnFormatter(): (v: unknown) => string {
  let lastValue: unknown;
  let lastText = '';
  return (v) => {
    if (typeof v === 'number') return formatCsvNumber(v);
    if (typeof v === 'string' && v === lastValue) return lastText;
    const text = formatCell(v) ?? '';
    if (typeof v === 'string') {
      lastValue = v;
      lastText = text;
    }
    return text;
  };
}

/**
 * A table's CSV text by the conventions above, in blocks of rows (the header row first, every
 * line ending in `\n`): joined, the blocks are exactly {@link tableToCsv}'s text. Writers of large
 * outputs write block by block, so no single string of the whole file is built.
 *
 * @example for (const block of tableToCsvBlocks(table)) process.stdout.write(block);
 */
export function* tableToCsvBlocks(table: ColumnTable): Generator<string> {
  const names = table.columnNames();
  const m = table.numRows();
  const cols = names.map((n) => columnValues(table, n, m));
  if (!plainCells(cols, m)) {
    yield tableToCsvGeneral(names, cols, m);
    return;
  }
  const k = cols.length;
  const format = cols.map(() => columnFormatter());
  yield `${names.map((n) => formatCell(n) ?? '').join(',')}\n`;
  for (let start = 0; start < m; start += BLOCK_ROWS) {
    const end = Math.min(m, start + BLOCK_ROWS);
    let block = '';
    for (let i = start; i < end; i++) {
      let line = k === 0 ? '' : format[0](cols[0][i]);
      for (let j = 1; j < k; j++) line += `,${format[j](cols[j][i])}`;
      block += `${line}\n`;
    }
    yield block;
  }
}

/**
 * Write a table as CSV text (header row, then one row per table row) by the conventions above.
 * Column by column without per-row objects; a table holding other kinds of values (objects,
 * bigints) goes through `csv-stringify` with the same casts, so the text is the same either way.
 */
export function tableToCsv(table: ColumnTable): string {
  let text = '';
  for (const block of tableToCsvBlocks(table)) text += block;
  return text;
}

function tableToCsvGeneral(names: string[], cols: ArrayLike<unknown>[], m: number): string {
  const rows: unknown[][] = [];
  for (let i = 0; i < m; i++) {
    const row = new Array(names.length);
    for (let j = 0; j < names.length; j++) row[j] = cols[j][i];
    rows.push(row);
  }
  return stringify([names.map(neutraliseFormula), ...rows], {
    cast: {
      number: formatCsvNumber,
      boolean: (v) => (v ? 'TRUE' : 'FALSE'),
      date: (v) => v.toISOString(),
      string: neutraliseFormula,
    },
  });
}
