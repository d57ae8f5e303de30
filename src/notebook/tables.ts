/**
 * Tables for notebooks: anything table-like (an arquero table, an array of records, a chart's
 * data table, a report `DataTable`) rendered as an escaped HTML table or as plain text.
 */
import { escape } from 'html-escaper';
import type { ColumnTable } from 'arquero';
import { formatCell, isMissing, MISSING_MARK } from './format.js';
import { describeSuppressionRule } from '../report/suppression.js';
import { danfoColumns, isDanfoFrame, type DanfoFrameLike } from './frames.js';
import type { SuppressionRule } from '../report/types.js';

/** A report-style column description (`{ key, label, format, decimals }`). */
export interface TableColumnSpec {
  key: string;
  label?: string;
  /** `integer`, `number`, `rate`, `percent` (value already in percent: 12.3 → "12.3%") or `text`. */
  format?: 'number' | 'percent' | 'rate' | 'integer' | 'text';
  decimals?: number;
}

/**
 * What the notebook helpers accept as a table: an arquero table, a danfo DataFrame (its row
 * labels shown as an `index` column unless they are 0, 1, 2, …), an array of row objects,
 * a chart data table (`{ columns: string[], rows: cell[][] }`) or a report data table
 * (`{ columns: {key, label}[], rows: object[], caption?, notes? }`).
 */
export type TableLike =
  | ColumnTable
  | DanfoFrameLike
  | readonly object[]
  | { columns: readonly string[]; rows: readonly (readonly unknown[])[]; caption?: string; notes?: string | readonly string[] }
  | { columns: readonly TableColumnSpec[]; rows: readonly object[]; caption?: string; notes?: string | readonly string[] };

/** Options for {@link tableHtml}, {@link tableText} and `showTable`. */
export interface TableOptions {
  /** Most rows shown (default 20; `Infinity` for all). A note says how many rows were left out. */
  limit?: number;
  /** Caption above the table. */
  caption?: string;
  /** Decimals for non-integer numbers: one number for all columns, or per column name. */
  decimals?: number | Record<string, number>;
  /** Column headings to show instead of the column names (`{ lowercl: 'Lower 95% CI' }`). */
  labels?: Record<string, string>;
  /** Only these columns, in this order. */
  columns?: readonly string[];
  /** Footnotes shown under the table (e.g. reader notes about suppressed cells). */
  notes?: string | readonly string[];
}

/** A table reduced to what a renderer needs: columns, the rows to show, and the total row count. */
export interface TableView {
  columns: TableColumnSpec[];
  rows: Record<string, unknown>[];
  totalRows: number;
  caption?: string;
  notes: string[];
  /** Marker of cells suppressed by the report engine (e.g. `*`), when the table says some were. */
  suppressionMarker?: string;
}

/** True for an arquero table (duck-typed, so tables from another copy of arquero work too). */
export function isArqueroTable(value: unknown): value is ColumnTable {
  const t = value as { columnNames?: unknown; numRows?: unknown; objects?: unknown } | null;
  return typeof t === 'object' && t !== null && typeof t.columnNames === 'function' && typeof t.numRows === 'function' && typeof t.objects === 'function';
}

/** True for anything {@link tableView} understands. */
export function isTableLike(value: unknown): value is TableLike {
  if (isArqueroTable(value) || isDanfoFrame(value)) return true;
  if (Array.isArray(value)) return value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row));
  const t = value as { columns?: unknown; rows?: unknown } | null;
  return typeof t === 'object' && t !== null && Array.isArray(t.columns) && Array.isArray(t.rows);
}

/**
 * Normalise a {@link TableLike} into a {@link TableView}: the columns (names, labels, formats)
 * and at most `limit` rows as objects. Never changes the input.
 */
export function tableView(table: TableLike, options: TableOptions = {}): TableView {
  const limit = options.limit ?? 20;
  if (!(limit >= 0)) throw new RangeError(`limit must be a number of rows (0 or more), got ${String(options.limit)}`);
  let columns: TableColumnSpec[];
  let rows: Record<string, unknown>[];
  let totalRows: number;
  let caption: string | undefined;
  let suppressionMarker: string | undefined;
  const notes: string[] = [];
  if (isArqueroTable(table)) {
    columns = table.columnNames().map((key) => ({ key }));
    totalRows = table.numRows();
    rows = table.objects({ limit: Number.isFinite(limit) ? limit : undefined }) as Record<string, unknown>[];
  } else if (isDanfoFrame(table)) {
    const { names, data } = danfoColumns(table);
    columns = names.map((key) => ({ key }));
    totalRows = names.length ? data[names[0]].length : 0;
    const n = Math.min(totalRows, limit);
    rows = Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, data[k][i]])));
  } else if (Array.isArray(table)) {
    const records = table as readonly Record<string, unknown>[];
    const keys = new Set<string>();
    for (const row of records) for (const key of Object.keys(row)) keys.add(key);
    columns = [...keys].map((key) => ({ key }));
    totalRows = records.length;
    rows = records.slice(0, limit);
  } else if (isTableLike(table)) {
    const t = table as { columns: readonly (string | TableColumnSpec)[]; rows: readonly unknown[]; caption?: string; notes?: string | readonly string[] };
    columns = t.columns.map((c) => (typeof c === 'string' ? { key: c } : { ...c }));
    totalRows = t.rows.length;
    rows = t.rows.slice(0, limit).map((row) => {
      if (!Array.isArray(row)) return row as Record<string, unknown>;
      const record: Record<string, unknown> = {};
      columns.forEach((c, i) => (record[c.key] = row[i]));
      return record;
    });
    caption = t.caption;
    if (t.notes !== undefined) notes.push(...(typeof t.notes === 'string' ? [t.notes] : t.notes));
    const suppression = (table as { suppression?: { count: number; rule: SuppressionRule } }).suppression;
    if (suppression && suppression.count > 0) {
      suppressionMarker = suppression.rule.marker ?? '*';
      notes.push(`${suppressionMarker} Suppressed: ${describeSuppressionRule(suppression.rule)}`);
    }
  } else {
    throw new TypeError('showTable: expected an arquero table, an array of row objects, or a { columns, rows } table');
  }
  if (options.columns) {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    const missing = options.columns.filter((k) => !byKey.has(k));
    if (missing.length)
      throw new RangeError(`showTable: no column ${missing.map((m) => `"${m}"`).join(', ')}; the table has ${columns.map((c) => c.key).join(', ')}`);
    columns = options.columns.map((k) => byKey.get(k)!);
  }
  for (const c of columns) {
    if (options.labels?.[c.key] !== undefined) c.label = options.labels[c.key];
    const d = typeof options.decimals === 'number' ? options.decimals : options.decimals?.[c.key];
    if (d !== undefined) c.decimals = d;
    else if (c.decimals === undefined && c.format === undefined) {
      const auto = columnDecimals(rows.map((r) => r[c.key]));
      if (auto !== undefined) c.decimals = auto;
    }
  }
  if (options.notes !== undefined) notes.push(...(typeof options.notes === 'string' ? [options.notes] : options.notes));
  return { columns, rows, totalRows, caption: options.caption ?? caption, notes, suppressionMarker };
}

/** Most decimals {@link columnDecimals} chooses (values smaller than this show as 0.0000). */
export const MAX_AUTO_DECIMALS = 4;

/**
 * Decimals for a whole column of numbers, so every cell of a column reads alike (`22.60`,
 * `0.60`, `-1.00` rather than `22.60`, `0.6`, `-1`). Undefined when the column has no
 * non-integer number (whole numbers keep their own format: `56,286,961`, years `2019`).
 * Otherwise the magnitude rule of `formatCell` applied to the column's typical size (the median
 * of the non-zero absolute values): 1 decimal from 100 up, 2 from 1 up, and below 1 enough
 * decimals for 3 significant digits (at most {@link MAX_AUTO_DECIMALS}).
 *
 * @example columnDecimals([22.6, 0.6, -1]) // 2
 * @example columnDecimals([1234.56, 98.1]) // 1
 * @example columnDecimals([0.0712, 0.05]) // 4
 */
export function columnDecimals(values: readonly unknown[]): number | undefined {
  const sizes: number[] = [];
  let fractional = false;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) fractional = true;
    if (v !== 0) sizes.push(Math.abs(v));
  }
  if (!fractional || sizes.length === 0) return undefined;
  sizes.sort((a, b) => a - b);
  const mid = sizes.length % 2 ? sizes[(sizes.length - 1) / 2] : (sizes[sizes.length / 2 - 1] + sizes[sizes.length / 2]) / 2;
  if (mid >= 100) return 1;
  if (mid >= 1) return 2;
  return Math.min(MAX_AUTO_DECIMALS, Math.max(2, Math.ceil(-Math.log10(mid)) + 2));
}

/** Text of one cell of a {@link TableView} column. */
export function viewCell(value: unknown, column: TableColumnSpec): string {
  if (isMissing(value)) return MISSING_MARK;
  if (typeof value === 'number') {
    switch (column.format) {
      case 'integer':
        return formatCell(value, { decimals: 0 });
      case 'number':
      case 'rate':
        return formatCell(value, { decimals: column.decimals ?? 1 });
      case 'percent':
        return `${formatCell(value, { decimals: column.decimals ?? 1 })}%`;
      case 'text':
        return String(value);
      default:
        return formatCell(value, { decimals: column.decimals, column: column.key });
    }
  }
  return formatCell(value, { column: column.key });
}

function isNumericColumn(view: TableView, key: string): boolean {
  let seen = false;
  for (const row of view.rows) {
    const v = row[key];
    if (isMissing(v) || (view.suppressionMarker !== undefined && v === view.suppressionMarker)) continue;
    if (typeof v !== 'number' && typeof v !== 'bigint') return false;
    seen = true;
  }
  return seen;
}

function footer(view: TableView): string[] {
  const lines: string[] = [];
  if (view.rows.length < view.totalRows) {
    lines.push(`Showing ${view.rows.length.toLocaleString('en-GB')} of ${view.totalRows.toLocaleString('en-GB')} rows.`);
  } else {
    lines.push(`${view.totalRows.toLocaleString('en-GB')} row${view.totalRows === 1 ? '' : 's'}.`);
  }
  return [...lines, ...view.notes];
}

const TABLE_STYLE =
  '<style>.hg-table{border-collapse:collapse;font-size:13px;margin:0.3em 0}' +
  '.hg-table caption{caption-side:top;text-align:left;font-weight:600;padding:0.2em 0}' +
  '.hg-table th,.hg-table td{padding:0.2em 0.6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}' +
  '.hg-table th{border-bottom:2px solid #888}.hg-table td.hg-num,.hg-table th.hg-num{text-align:right;font-variant-numeric:tabular-nums}' +
  '.hg-table td.hg-missing{color:#767676}.hg-table-notes{font-size:12px;color:#555;margin:0.2em 0 0.8em}</style>';

/**
 * Cell alignment as an inline style: numbers right, text left. Inline, because Jupyter's own
 * stylesheets (`.rendered_html td`, `.jp-RenderedHTMLCommon td`) right-align every cell and would
 * otherwise win over the class rules in some front ends.
 */
function align(numeric: boolean): string {
  return numeric ? 'text-align:right' : 'text-align:left';
}

/**
 * Render a table as HTML: a `<table class="hg-table">` with a caption, headings, formatted and
 * escaped cells (numbers right-aligned; missing values as `–`), followed by a note of how many
 * rows there are (and how many were left out) and any footnotes.
 *
 * @example tableHtml(aq.table({ area_name: ['Sandwell'], value: [7.81] }), { caption: 'Diabetes' })
 */
export function tableHtml(table: TableLike, options: TableOptions = {}): string {
  const view = tableView(table, options);
  const numeric = new Set(view.columns.filter((c) => c.format !== 'text' && isNumericColumn(view, c.key)).map((c) => c.key));
  const head = view.columns
    .map((c) => `<th scope="col"${numeric.has(c.key) ? ' class="hg-num"' : ''} style="${align(numeric.has(c.key))}">${escape(c.label ?? c.key)}</th>`)
    .join('');
  const body = view.rows
    .map((row) => {
      const cells = view.columns.map((c) => {
        const value = row[c.key];
        const classes = [numeric.has(c.key) ? 'hg-num' : '', isMissing(value) ? 'hg-missing' : ''].filter(Boolean).join(' ');
        return `<td${classes ? ` class="${classes}"` : ''} style="${align(numeric.has(c.key))}">${escape(viewCell(value, c))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = view.caption !== undefined ? `<caption>${escape(view.caption)}</caption>` : '';
  const notes = footer(view)
    .map((line) => escape(line))
    .join('<br>');
  return `${TABLE_STYLE}<table class="hg-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>\n<p class="hg-table-notes">${notes}</p>`;
}

/**
 * Render a table as aligned plain text (used outside Jupyter, e.g. in a script or a terminal).
 *
 * @example console.log(tableText([{ a: 1, b: null }])) // a  b\n1  –\n1 row.
 */
export function tableText(table: TableLike, options: TableOptions = {}): string {
  const view = tableView(table, options);
  const numeric = new Set(view.columns.filter((c) => isNumericColumn(view, c.key)).map((c) => c.key));
  const grid = [view.columns.map((c) => c.label ?? c.key), ...view.rows.map((row) => view.columns.map((c) => viewCell(row[c.key], c)))];
  const widths = view.columns.map((_, i) => Math.max(...grid.map((line) => line[i].length)));
  const lines = grid.map((line) =>
    line
      .map((cell, i) => (numeric.has(view.columns[i].key) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
  return [...(view.caption !== undefined ? [view.caption] : []), ...lines, ...footer(view)].join('\n');
}
