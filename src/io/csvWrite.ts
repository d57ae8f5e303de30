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
  return String(Number(v.toPrecision(CSV_SIGNIFICANT_DIGITS)));
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text made safe for spreadsheets: a formula-like cell gets a leading `'`; numeric text is kept. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text.trim()) ? `'${text}` : text;
}

/** Write a table as CSV text (header row, then one row per table row) by the conventions above. */
export function tableToCsv(table: ColumnTable): string {
  const names = table.columnNames();
  const cols = names.map((n) => table.array(n) as ArrayLike<unknown>);
  const rows: unknown[][] = [];
  const m = table.numRows();
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
