/**
 * Cell formatting for notebook tables: numbers with sensible precision and thousands
 * separators, missing values as an en dash, dates as ISO dates. Text only: escaping for HTML
 * happens where the text is put into markup.
 */

/** What a missing value (null, undefined, NaN) is shown as. */
export const MISSING_MARK = '–';

const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** True for `null`, `undefined` and `NaN` (the values healthgap treats as missing). */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * Columns whose integers are identifiers or years, written without a thousands separator
 * (`year`, `period`, `*_code`, `*_id`, `rank`, `decile`, `quintile`).
 */
export function isPlainIntegerColumn(column: string): boolean {
  return /(^|_)(year|years|period|yr|code|id|rank|decile|quintile)(_|$)/i.test(column);
}

/** Options for {@link formatCell}. */
export interface CellFormat {
  /** Fixed number of decimals for non-integer numbers (default: by magnitude, see {@link formatCell}). */
  decimals?: number;
  /** Column name: used to spot year/code columns whose integers get no thousands separator. */
  column?: string;
}

/**
 * Format one cell for display.
 *
 * - missing (`null`, `undefined`, `NaN`) → `–`
 * - integers → thousands separators (`56,286,961`), except in year/code columns (`2019`)
 * - other numbers → `decimals` if given, else by magnitude: 1 decimal from 100 up
 *   (`1,234.6`), 2 decimals from 1 up (`12.35`), 3 significant digits below 1 (`0.0712`)
 * - `Date` → `YYYY-MM-DD` (or full ISO time when it has a time part)
 * - anything else → `String(value)`
 *
 * @example formatCell(56286961) // '56,286,961'
 * @example formatCell(0.071234) // '0.0712'
 * @example formatCell(null)     // '–'
 */
export function formatCell(value: unknown, options: CellFormat = {}): string {
  if (isMissing(value)) return MISSING_MARK;
  if (typeof value === 'number') return formatNumber(value, options);
  if (typeof value === 'bigint') return options.column && isPlainIntegerColumn(options.column) ? value.toString() : integerFormat.format(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return MISSING_MARK;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function formatNumber(value: number, options: CellFormat): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (options.decimals !== undefined) {
    return new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: options.decimals,
      maximumFractionDigits: options.decimals,
    }).format(value);
  }
  if (Number.isInteger(value)) {
    return options.column && isPlainIntegerColumn(options.column) ? String(value) : integerFormat.format(value);
  }
  const size = Math.abs(value);
  if (size >= 100) return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  if (size >= 1) return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 }).format(value);
}
