/**
 * Small-number statistical disclosure control for report tables and chart data.
 *
 * Rule (defaults; see docs/suppression.md): a count of 1, 2, 3 or 4 (below `threshold` = 5) is
 * replaced by the marker `*`; a zero count is shown (set `suppressZero` to hide zeros too); and
 * every value derived from a suppressed count (rate, percentage, confidence limits, declared via
 * `DataTable.derivedFrom` / `ReportFigure.countFields`) is suppressed with it. "Fewer than 5" is a
 * widely used convention for published local health statistics; the threshold is configurable
 * because organisations' disclosure-control policies differ.
 */
import { HealthgapError } from '../core/errors.js';
import type { PlotlyFigure } from '../charts/types.js';
import type { CellValue, ChartDataTableLike, DataColumn, DataTable, ReportFigure, SuppressionRule, TableSuppression } from './types.js';

/** The default rule: counts 1-4 suppressed, zeros shown, marker `*`, derived values suppressed. */
export const DEFAULT_SUPPRESSION: Readonly<Required<SuppressionRule>> = Object.freeze({
  threshold: 5,
  suppressZero: false,
  marker: '*',
  suppressDerived: true,
});

/**
 * Fill in the defaults of a suppression rule and check it (threshold a non-negative number,
 * marker non-empty).
 *
 * @example resolveSuppressionRule({ threshold: 10 }) // { threshold: 10, suppressZero: false, marker: '*', suppressDerived: true }
 */
export function resolveSuppressionRule(rule: SuppressionRule = {}): Required<SuppressionRule> {
  const r: Required<SuppressionRule> = {
    threshold: rule.threshold ?? DEFAULT_SUPPRESSION.threshold,
    suppressZero: rule.suppressZero ?? DEFAULT_SUPPRESSION.suppressZero,
    marker: rule.marker ?? DEFAULT_SUPPRESSION.marker,
    suppressDerived: rule.suppressDerived ?? DEFAULT_SUPPRESSION.suppressDerived,
  };
  if (typeof r.threshold !== 'number' || !Number.isFinite(r.threshold) || r.threshold < 0) {
    throw new HealthgapError(`suppression threshold must be a number of 0 or more, found ${JSON.stringify(rule.threshold)}`);
  }
  if (typeof r.marker !== 'string' || r.marker === '') {
    throw new HealthgapError('suppression marker must be a non-empty string');
  }
  return r;
}

/**
 * Whether a count is suppressed under a rule: `0 < count < threshold`, or `count === 0` when
 * `suppressZero`. Missing (`null`) and non-numeric values are not counts and are not suppressed.
 *
 * @example isSuppressedCount(3, resolveSuppressionRule()) // true
 * @example isSuppressedCount(0, resolveSuppressionRule()) // false
 */
export function isSuppressedCount(value: unknown, rule: Required<SuppressionRule>): boolean {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (value === 0) return rule.suppressZero && rule.threshold > 0;
  return value > 0 && value < rule.threshold;
}

/**
 * A plain-English sentence stating the rule, used in the report's suppression note.
 *
 * @example describeSuppressionRule(resolveSuppressionRule())
 * // 'Counts of 1 to 4 (fewer than 5) are suppressed and shown as *, together with any value calculated from them (rates, percentages, confidence limits). Zero counts are shown.'
 */
export function describeSuppressionRule(rule: SuppressionRule = {}): string {
  const r = resolveSuppressionRule(rule);
  const t = r.threshold;
  let which: string;
  if (Number.isInteger(t) && t >= 2) which = `Counts of ${r.suppressZero ? 0 : 1} to ${t - 1} (fewer than ${t})`;
  else which = r.suppressZero ? `Counts below ${t}` : `Counts above 0 and below ${t}`;
  const derived = r.suppressDerived
    ? ', together with any value calculated from them (rates, percentages, confidence limits)'
    : '; values calculated from them are shown';
  const zero = r.suppressZero ? 'Zero counts are also suppressed.' : 'Zero counts are shown.';
  return `${which} are suppressed and shown as ${r.marker}${derived}. ${zero}`;
}

/**
 * Apply small-number suppression to a {@link DataTable}: every cell of a column listed in
 * `countColumns` holding a suppressed count (see {@link isSuppressedCount}) is replaced by the
 * rule's marker, and, when `suppressDerived`, so is every cell of a column that `derivedFrom`
 * links to that count column in the same row. Returns a new table (the input is not changed)
 * with `suppression` recording the rule, how many cells were replaced and which.
 *
 * Idempotent: a count cell that already holds the marker is treated as suppressed (so its
 * derived values are suppressed too) and counted again, so applying the rule twice gives the
 * same table and the same count.
 *
 * Unknown column names in `countColumns` / `derivedFrom` are an error (a typo must not leave a
 * small number unprotected).
 *
 * @example
 * applySuppression({ columns: [{ key: 'deaths', label: 'Deaths' }, { key: 'pct', label: '%' }],
 *   rows: [{ deaths: 3, pct: 1.2 }, { deaths: 40, pct: 16 }],
 *   countColumns: ['deaths'], derivedFrom: { pct: 'deaths' } }, {})
 * // rows: [{ deaths: '*', pct: '*' }, { deaths: 40, pct: 16 }], suppression.count: 2
 */
export function applySuppression(table: DataTable, rule: SuppressionRule = {}): DataTable {
  const r = resolveSuppressionRule(rule);
  const counts = table.countColumns ?? [];
  const derivedFrom = table.derivedFrom ?? {};
  const keys = new Set(table.columns.map((c) => c.key));
  const where = table.caption ? `table "${table.caption}"` : 'a report table';
  for (const c of counts) {
    if (!keys.has(c)) throw new HealthgapError(`${where}: count column "${c}" is not one of its columns (${[...keys].join(', ')})`);
  }
  for (const [d, c] of Object.entries(derivedFrom)) {
    if (!keys.has(d)) throw new HealthgapError(`${where}: derived column "${d}" is not one of its columns`);
    if (!counts.includes(c)) throw new HealthgapError(`${where}: derived column "${d}" comes from "${c}", which is not listed in countColumns`);
  }
  const derivedOf = new Map<string, string[]>();
  for (const [d, c] of Object.entries(derivedFrom)) derivedOf.set(c, [...(derivedOf.get(c) ?? []), d]);

  const cells: { row: number; column: string }[] = [];
  const rows = table.rows.map((row, i) => {
    const hidden = new Set<string>();
    for (const c of counts) {
      const v = row[c];
      if (v === r.marker || isSuppressedCount(v, r)) {
        hidden.add(c);
        if (r.suppressDerived) for (const d of derivedOf.get(c) ?? []) hidden.add(d);
      }
    }
    if (hidden.size === 0) return { ...row };
    const out: Record<string, CellValue> = { ...row };
    // Report cells in the table's column order, so the list is stable.
    for (const col of table.columns) {
      if (hidden.has(col.key)) {
        out[col.key] = r.marker;
        cells.push({ row: i, column: col.key });
      }
    }
    return out;
  });
  const suppression: TableSuppression = { rule: r, count: cells.length, cells };
  return { ...table, rows, suppression };
}

/** True when a chart table is a full {@link DataTable} (columns are objects) rather than the charts module's simple table. */
export function isDataTable(table: ChartDataTableLike | DataTable): table is DataTable {
  return table.columns.length > 0 ? typeof table.columns[0] === 'object' : !Array.isArray(table.rows[0]);
}

/**
 * Turn a chart's table into a {@link DataTable}. The charts module's simple table
 * (`{ columns: string[], rows: cell[][] }`) becomes one whose column keys and labels are the
 * column names (a repeated name gets " (2)", " (3)" ... in its key); `countColumns`,
 * `derivedFrom` and `columnFormats` come from the figure, and the caption is
 * "Data for: <chart title>". A full DataTable is returned as is (caption filled in if absent).
 */
export function chartDataTable(chart: ReportFigure): DataTable {
  const t = chart.table;
  const caption = `Data for: ${chart.title}`;
  if (isDataTable(t)) return t.caption ? t : { ...t, caption };
  const seen = new Map<string, number>();
  const columns: DataColumn[] = t.columns.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const fmt = chart.columnFormats?.[name] ?? {};
    return { key: n === 1 ? name : `${name} (${n})`, label: name, ...fmt };
  });
  const rows = t.rows.map((cells, i) => {
    if (!Array.isArray(cells) || cells.length !== columns.length) {
      throw new HealthgapError(
        `chart "${chart.title}": data table row ${i + 1} has ${Array.isArray(cells) ? cells.length : 'no'} cells, expected ${columns.length}`,
      );
    }
    const row: Record<string, CellValue> = {};
    columns.forEach((c, j) => {
      row[c.key] = cells[j] ?? null;
    });
    return row;
  });
  return { caption, columns, rows, countColumns: chart.countColumns, derivedFrom: chart.derivedFrom };
}

type PathStep = { key: string; column?: number };

function parsePath(path: string): PathStep[] {
  return path.split('.').map((part) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$/.exec(part);
    if (!m) throw new HealthgapError(`chart count field path "${path}" is not of the form "x", "error_y.array" or "customdata[2]"`);
    return { key: m[1], column: m[2] === undefined ? undefined : Number(m[2]) };
  });
}

/** The per-point array at `path` in a trace, and how to read/write point `j`. */
function pointAccessor(trace: Record<string, unknown>, path: string): { length: number; get(j: number): unknown; set(j: number, v: unknown): void } | null {
  const steps = parsePath(path);
  let obj: unknown = trace;
  for (let s = 0; s < steps.length - 1; s++) {
    if (obj === null || typeof obj !== 'object') return null;
    obj = (obj as Record<string, unknown>)[steps[s].key];
  }
  if (obj === null || typeof obj !== 'object') return null;
  const last = steps[steps.length - 1];
  const arr = (obj as Record<string, unknown>)[last.key];
  if (!Array.isArray(arr)) return null;
  if (last.column === undefined) {
    return {
      length: arr.length,
      get: (j) => arr[j],
      set: (j, v) => {
        arr[j] = v;
      },
    };
  }
  const col = last.column;
  return {
    length: arr.length,
    get: (j) => (Array.isArray(arr[j]) ? (arr[j] as unknown[])[col] : undefined),
    set: (j, v) => {
      if (Array.isArray(arr[j])) (arr[j] as unknown[])[col] = v;
    },
  };
}

/**
 * Apply small-number suppression to a chart: its table (as a DataTable, see {@link chartDataTable})
 * through {@link applySuppression}, and its
 * figure through the `countFields` declarations (each point whose count is suppressed has that
 * count, and every declared derived array value, set to `null`, so plotly leaves a gap and the
 * hover shows nothing). Returns a new chart (deep copy of the figure); the input is unchanged.
 *
 * If the chart's table has suppressed cells but the chart declares no `countFields` and does not
 * say `suppressionApplied: true`, this throws: the figure might show a small number that the
 * table hides.
 *
 * Returns the new chart and the number of values suppressed in the figure.
 */
export function applyChartSuppression(
  chart: ReportFigure,
  rule: SuppressionRule = {},
): { chart: ReportFigure & { table: DataTable }; figureSuppressed: number } {
  const r = resolveSuppressionRule(rule);
  const table = applySuppression(chartDataTable(chart), r);
  const figure = JSON.parse(JSON.stringify(chart.figure)) as PlotlyFigure;
  let figureSuppressed = 0;
  const fields = chart.countFields ?? [];
  for (const f of fields) {
    const trace = figure.data[f.trace];
    if (!trace) throw new HealthgapError(`chart "${chart.title}": count field refers to trace ${f.trace}, but the figure has ${figure.data.length} traces`);
    const counts = pointAccessor(trace, f.field);
    if (!counts) throw new HealthgapError(`chart "${chart.title}": trace ${f.trace} has no array at "${f.field}"`);
    const derived = (f.derived ?? []).map((p) => {
      const acc = pointAccessor(trace, p);
      if (!acc) throw new HealthgapError(`chart "${chart.title}": trace ${f.trace} has no array at "${p}"`);
      return acc;
    });
    for (let j = 0; j < counts.length; j++) {
      const v = counts.get(j);
      if (!isSuppressedCount(v, r)) continue;
      counts.set(j, null);
      figureSuppressed++;
      if (r.suppressDerived) {
        for (const acc of derived) {
          if (j < acc.length && acc.get(j) !== null) {
            acc.set(j, null);
            figureSuppressed++;
          }
        }
      }
    }
  }
  if ((table.suppression?.count ?? 0) > 0 && fields.length === 0 && !chart.suppressionApplied) {
    throw new HealthgapError(
      `chart "${chart.title}": its table has ${table.suppression?.count} suppressed values but the chart declares no countFields ` +
        '(build the figure from applySuppression() output and set suppressionApplied: true, or declare countFields)',
    );
  }
  return { chart: { ...chart, figure, table }, figureSuppressed };
}
