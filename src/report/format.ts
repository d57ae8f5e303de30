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

/** Decimal places written in a number's shortest representation (e.g. 3.21 → 2, 3 → 0, 1e-7 → 7). */
function decimalsOf(v: number): number {
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(v));
  if (!m) return 0;
  const frac = m[1]?.length ?? 0;
  const exp = m[2] ? Number(m[2]) : 0;
  return Math.max(0, frac - exp);
}

/** Most decimals shown by an unformatted numeric column (more is treated as unrounded data). */
export const AUTO_MAX_DECIMALS = 4;

/**
 * Give a column without a `format` one that suits its values, so a column reads consistently:
 * all whole numbers → `integer` (`10,319`, `9,638`), except a column of years (every value a
 * whole number from 1800 to 2100) → `text` (`2019`); other numbers → `number` with as many
 * decimals as the most precise value (at most {@link AUTO_MAX_DECIMALS}), so `3` and `3.21`
 * show as `3.00` and `3.21`. Columns with a format, or with no numbers, are returned unchanged.
 *
 * @example autoColumnFormat({ key: 'p', label: 'Males (%)' }, [{ p: 3 }, { p: 3.21 }]) // { key: 'p', label: 'Males (%)', format: 'number', decimals: 2 }
 */
export function autoColumnFormat(column: DataColumn, rows: Record<string, CellValue>[]): DataColumn {
  if (column.format) return column;
  const nums = rows.map((r) => r[column.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === 0) return column;
  if (nums.every((v) => Number.isInteger(v))) {
    if (nums.every((v) => v >= 1800 && v <= 2100)) return { ...column, format: 'text' };
    return { ...column, format: 'integer' };
  }
  const decimals = Math.min(AUTO_MAX_DECIMALS, Math.max(...nums.map(decimalsOf)));
  return { ...column, format: 'number', decimals };
}

/** Whether a column is right-aligned (numeric formats). */
export function isNumericColumn(column: DataColumn, sample: CellValue | undefined): boolean {
  if (column.format) return column.format !== 'text';
  return typeof sample === 'number';
}
