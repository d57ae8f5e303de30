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

/** A finite number as R's `write.csv` writes it: 15 significant digits, no trailing noise. */
export function formatCsvNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  // JavaScript's shortest round-trip text, when it has at most 15 significant digits, is already
  // what rounding to 15 digits gives (the 15-digit rounding of v is that same decimal)
  const shortest = String(v);
  if (significantDigits(shortest) <= CSV_SIGNIFICANT_DIGITS) return shortest;
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

/**
 * Write a table as CSV text (header row, then one row per table row) by the conventions above.
 * Column by column without per-row objects; a table holding other kinds of values (objects,
 * bigints) goes through `csv-stringify` with the same casts, so the text is the same either way.
 */
export function tableToCsv(table: ColumnTable): string {
  const names = table.columnNames();
  const cols = names.map((n) => table.array(n) as ArrayLike<unknown>);
  const m = table.numRows();
  const lines: string[] = new Array(m + 1);
  lines[0] = names.map((n) => formatCell(n) ?? '').join(',');
  for (let i = 0; i < m; i++) {
    let line = '';
    for (let j = 0; j < cols.length; j++) {
      const cell = formatCell(cols[j][i]);
      if (cell === undefined) return tableToCsvGeneral(names, cols, m);
      line = j === 0 ? cell : `${line},${cell}`;
    }
    lines[i + 1] = line;
  }
  return `${lines.join('\n')}\n`;
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
