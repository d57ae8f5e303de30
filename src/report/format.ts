/**
 * Number formatting for report tables (British English: `12,345`, `12.3%`). Missing values
 * (`null`, `NaN`, `undefined`) are shown as an en dash, never as 0.
 */
import type { CellValue, DataColumn } from './types.js';

/** What a missing value looks like in a table. */
export const MISSING_TEXT = '–';

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Format one table cell for display according to its column's `format` and `decimals`.
 * Strings (including suppression markers) are returned unchanged; numbers are formatted:
 * no format → as given (all decimals; thousands separators from 10,000);
 * `integer` → `12,345`; `number`/`rate` → fixed decimals (default 1); `percent` → `12.3%`
 * (the value is already a percentage); `text` → `String(value)`.
 *
 * @example formatCell(12345.6, { key: 'n', label: 'N', format: 'integer' }) // '12,346'
 * @example formatCell(12.345, { key: 'p', label: '%', format: 'percent', decimals: 1 }) // '12.3%'
 * @example formatCell(null, { key: 'v', label: 'V' }) // '–'
 * @example formatCell(12345.25, { key: 'v', label: 'V' }) // '12,345.25'
 */
export function formatCell(value: CellValue | undefined, column: DataColumn): string {
  if (value === null || value === undefined) return MISSING_TEXT;
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return MISSING_TEXT;
  if (column.format === undefined) {
    // As given: every decimal kept (chart tables are already rounded), separators from 10,000
    // (so years such as 2019 are not written 2,019).
    const grouped = Math.abs(value) >= 10000;
    return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 12, useGrouping: grouped }).format(value);
  }
  const format = column.format;
  switch (format) {
    case 'text':
      return String(value);
    case 'integer':
      return numberFormat(0, 0).format(value);
    case 'percent': {
      const d = column.decimals ?? 1;
      return numberFormat(d, d).format(value) + '%';
    }
    case 'rate':
    case 'number':
    default: {
      const d = column.decimals ?? 1;
      return numberFormat(d, d).format(value);
    }
  }
}

/** Whether a column is right-aligned (numeric formats). */
export function isNumericColumn(column: DataColumn, sample: CellValue | undefined): boolean {
  if (column.format) return column.format !== 'text';
  return typeof sample === 'number';
}
