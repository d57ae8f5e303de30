/**
 * Shared machinery for PHEindicatormethods-style table verbs (`proportion`, `rate`, `mean`, `dsr`,
 * `isrRatio`, `lifeExpectancy`, `sii`, ...).
 *
 * A verb takes an arquero table (grouped with `table.groupby(...)` or not), column names and
 * options, and returns a NEW table: the group columns first, then PHEim's output columns for
 * `type = "full"`. The input table is never mutated. Work is done on column arrays and arquero's
 * group partitions (row indices), never on per-row objects, so a verb over 1,000,000 rows costs
 * tens of milliseconds.
 *
 * How to write a verb with it (sketch):
 * ```ts
 * export function myVerb(table: ColumnTable, opts: { x: string; confidence?: ConfidenceInput; type?: OutputType }) {
 *   const ctx = new VerbContext(table, 'myVerb', opts.source);      // label "table passed to myVerb()"
 *   const type = checkOutputType(opts.type);
 *   const levels = normaliseConfidence(opts.confidence ?? 0.95);
 *   const x = ctx.numeric(opts.x);                                  // Float64Array by raw row, NaN = NA
 *   ctx.check(x, opts.x, (v) => v >= 0, 'a count of 0 or more');     // InputError naming row + column
 *   const g = ctx.groups;                                           // partitions: raw row indices per group
 *   const value = new Float64Array(g.size);
 *   for (let k = 0; k < g.size; k++) { let s = 0; for (const r of g.rows[k]) s += x[r]; value[k] = s; }
 *   return buildOutput([...ctx.groupColumns(), { name: 'value', role: 'value', values: value }, ...], type);
 * }
 * ```
 *
 * Column roles decide which columns each PHEim `type` keeps (as PHEim 2.1.0 does):
 * | role    | examples                                    | full | standard | value | lower | upper |
 * | ------- | ------------------------------------------- | ---- | -------- | ----- | ----- | ----- |
 * | `key`   | group columns, or every input column when a row-wise verb gets an ungrouped table | ✓ | ✓ | ✓ | ✓ | ✓ |
 * | `input` | proportion/rate summed x and n (kept by PHEim for every type) | ✓ | ✓ | ✓ | ✓ | ✓ |
 * | `aux`   | value_sum, value_count, stdev, total_count, total_pop, observed, expected, ref_rate | ✓ | ✓ |   |   |   |
 * | `value` | value                                       | ✓ | ✓ | ✓ |   |   |
 * | `lower` | lowercl, lower95_0cl, lower99_8cl           | ✓ | ✓ |   | ✓ |   |
 * | `upper` | uppercl, upper95_0cl, upper99_8cl           | ✓ | ✓ |   |   | ✓ |
 * | `meta`  | confidence, statistic, method               | ✓ |   |   |   |   |
 *
 * Missing values: numeric inputs are read into `Float64Array`s with `NaN` standing for NA
 * (null/undefined/empty/NaN cells); {@link buildOutput} turns every NaN back into `null`, the
 * toolkit's NA. Group order is arquero's (first appearance in the table), not sorted as dplyr does.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { ciColumnNames, confidenceLabel } from './confidence.js';

/** PHEim's `type` argument: which output columns to return (see the role table above). */
export type OutputType = 'full' | 'standard' | 'value' | 'lower' | 'upper';

/** The allowed values of {@link OutputType}. */
export const OUTPUT_TYPES: readonly OutputType[] = ['full', 'standard', 'value', 'lower', 'upper'];

/** Validate `type` (default `"full"`); throws a one-line HealthgapError for anything else. */
export function checkOutputType(type: string | undefined): OutputType {
  const t = type ?? 'full';
  if (!(OUTPUT_TYPES as readonly string[]).includes(t)) {
    throw new HealthgapError(`type must be one of value, lower, upper, standard or full (found "${t}")`);
  }
  return t as OutputType;
}

/** Role of an output column; decides which {@link OutputType}s keep it. */
export type ColumnRole = 'key' | 'input' | 'aux' | 'value' | 'lower' | 'upper' | 'meta';

/** One output column: name, role and one value per output row (NaN or undefined → null). */
export interface OutputColumn {
  name: string;
  role: ColumnRole;
  values: ArrayLike<unknown>;
}

const KEEP: Record<OutputType, ReadonlySet<ColumnRole>> = {
  full: new Set<ColumnRole>(['key', 'input', 'aux', 'value', 'lower', 'upper', 'meta']),
  standard: new Set<ColumnRole>(['key', 'input', 'aux', 'value', 'lower', 'upper']),
  value: new Set<ColumnRole>(['key', 'input', 'value']),
  lower: new Set<ColumnRole>(['key', 'input', 'lower']),
  upper: new Set<ColumnRole>(['key', 'input', 'upper']),
};

/**
 * Where the table came from, for error messages. Library calls default to the label
 * `"table passed to <fn>()"` and 1-based table rows ("row 5"). The CLI passes the CSV path and
 * `firstDataLine: 2` so messages name the real file line ("data.csv, line 6").
 */
export interface VerbSource {
  /** File path or label. */
  file?: string;
  /** File line of the table's first row (2 for a CSV with one header line). Omit for table rows. */
  firstDataLine?: number;
}

/** Group partitions of a table: for each group, the raw row indices (into column data) it holds. */
export interface GroupPartition {
  /** Group column names (empty when the table is not grouped). */
  names: string[];
  /** Number of non-empty groups (1 for an ungrouped table, even when it has no rows). */
  size: number;
  /** Raw row indices of each group, in table order. */
  rows: ArrayLike<number>[];
  /** keys[j][k]: value of group column `names[j]` for group k. */
  keys: unknown[][];
}

/**
 * Partitions of a (possibly grouped, filtered or ordered) arquero table. Empty groups (emptied by
 * a filter) are dropped, as dplyr's summarise drops them.
 */
export function groupPartition(table: ColumnTable): GroupPartition {
  if (!table.isGrouped()) {
    return { names: [], size: 1, rows: [table.indices(true)], keys: [] };
  }
  const spec = table.groups();
  const data = table.data();
  const parts = (table.partitions(true) as ArrayLike<number>[]).filter((p) => p.length > 0);
  const keys = spec.names.map((_, j) => parts.map((p) => spec.get[j](p[0], data)));
  return { names: [...spec.names], size: parts.length, rows: parts, keys };
}

/**
 * The context of one verb call: the input table, its groups, error labelling, and column readers.
 * Construct one per call: `new VerbContext(table, 'proportion', opts.source)`.
 */
export class VerbContext {
  readonly table: ColumnTable;
  /** Function name used in messages, e.g. `"proportion"`. */
  readonly fn: string;
  /** `"table passed to proportion()"` or the file path given in `source`. */
  readonly label: string;
  readonly source: VerbSource;
  /** Group partitions (computed once). */
  readonly groups: GroupPartition;
  private positionOf: Map<number, number> | null = null;

  constructor(table: ColumnTable, fn: string, source: VerbSource = {}) {
    if (!table || typeof (table as ColumnTable).columnNames !== 'function') {
      throw new HealthgapError(`${fn}(): the first argument must be an arquero table`);
    }
    this.table = table;
    this.fn = fn;
    this.source = source;
    this.label = source.file ?? `table passed to ${fn}()`;
    this.groups = groupPartition(table);
  }

  /** True when the input table is grouped. */
  get isGrouped(): boolean {
    return this.table.isGrouped();
  }

  /**
   * An InputError located at a raw row index (converted to the row the user sees, or to the file
   * line when `source.firstDataLine` is set) and/or a column.
   */
  error(problem: string, rawRow?: number, column?: string): InputError {
    if (rawRow === undefined) return new InputError(problem, { file: this.label, column });
    if (this.source.firstDataLine !== undefined) {
      // A file: the line of the raw row as read (before any filter or reordering).
      return new InputError(problem, { file: this.label, row: rawRow + this.source.firstDataLine, column });
    }
    const pos = this.rowPosition(rawRow);
    // Table rows are "row N" (not "line N"): put the row into the location label ourselves.
    const err = new InputError(problem, { file: `${this.label}, row ${pos + 1}`, column });
    (err as { row?: number }).row = pos + 1;
    return err;
  }

  /** 0-based position of a raw row index in the table as the user sees it (after filter/order). */
  rowPosition(rawRow: number): number {
    if (!this.table.isFiltered() && !this.table.isOrdered()) return rawRow;
    if (!this.positionOf) {
      const idx = this.table.indices(true);
      this.positionOf = new Map();
      for (let i = 0; i < idx.length; i++) this.positionOf.set(idx[i], i);
    }
    return this.positionOf.get(rawRow) ?? rawRow;
  }

  /** Throw an InputError naming the first of `names` that is not a column of the table. */
  requireColumns(...names: string[]): void {
    const have = this.table.columnNames();
    for (const name of names) {
      if (!have.includes(name)) {
        throw this.error(`no such column (the table has: ${have.map((h) => `"${h}"`).join(', ')})`, undefined, name);
      }
    }
  }

  /**
   * Read a column as numbers, indexed by RAW row index (use with `groups.rows`): a Float64Array
   * of length `table.totalRows()` with NaN for NA (null, undefined, "", NaN). Numeric strings are
   * accepted (a CSV read without types); anything else throws an InputError naming row and column.
   */
  numeric(column: string): Float64Array<ArrayBuffer> {
    this.requireColumns(column);
    const col = this.table.column(column)! as unknown as ArrayLike<unknown> & { at(i: number): unknown };
    const n = this.table.totalRows();
    const out = new Float64Array(n);
    // Fast path: a typed-array column holds only numbers (no NA).
    if (ArrayBuffer.isView(col) && !(col instanceof DataView) && col.length === n && typeof (col as unknown as ArrayLike<number>)[0] !== 'bigint') {
      out.set(col as unknown as ArrayLike<number>);
      return out;
    }
    const direct = Array.isArray(col) || ArrayBuffer.isView(col);
    for (let r = 0; r < n; r++) {
      const v = direct ? col[r] : col.at(r);
      if (typeof v === 'number') out[r] = v;
      else if (v === null || v === undefined) out[r] = NaN;
      else if (typeof v === 'string') {
        const s = v.trim();
        const num = s === '' ? NaN : Number(s);
        if (s !== '' && !Number.isFinite(num)) {
          if (this.isVisible(r)) throw this.error(`expected a number, found "${v}"`, r, column);
        }
        out[r] = num;
      } else if (typeof v === 'bigint') out[r] = Number(v);
      else if (this.isVisible(r)) throw this.error(`expected a number, found ${JSON.stringify(v) ?? String(v)}`, r, column);
      else out[r] = NaN;
    }
    return out;
  }

  /**
   * Check every visible, non-NA value of a column read with {@link numeric}: throws an InputError
   * for the first row (in table order) where `ok(value)` is false, e.g.
   * `table passed to proportion(), row 7, column "x": expected a count of 0 or more, found -1`.
   */
  check(values: Float64Array, column: string, ok: (v: number) => boolean, expected: string): void {
    if (!this.table.isFiltered() && !this.table.isOrdered()) {
      // every raw row is visible, in order: no index array to build
      for (let r = 0; r < values.length; r++) {
        const v = values[r];
        if (v === v && !ok(v)) throw this.error(`expected ${expected}, found ${v}`, r, column);
      }
      return;
    }
    const idx = this.table.indices(true);
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i];
      const v = values[r];
      if (v === v && !ok(v)) throw this.error(`expected ${expected}, found ${v}`, r, column);
    }
  }

  /** The group columns of the output (role `key`): one row per group. Empty when ungrouped. */
  groupColumns(): OutputColumn[] {
    return this.groups.names.map((name, j) => ({ name, role: 'key' as const, values: this.groups.keys[j] }));
  }

  /**
   * Every input column as `key` output columns, one row per visible input row in table order:
   * for verbs such as proportion/rate that work row by row on an ungrouped table and return
   * "the original data with the results appended" (PHEim).
   */
  inputColumns(exclude: readonly string[] = []): OutputColumn[] {
    const asIs = !this.table.isFiltered() && !this.table.isOrdered();
    return this.table
      .columnNames()
      .filter((c) => !exclude.includes(c))
      .map((name) => {
        const col = this.table.column(name) as unknown;
        // Unfiltered, unordered table: share the column storage (tables are never mutated).
        const values = asIs && (Array.isArray(col) || ArrayBuffer.isView(col)) ? (col as ArrayLike<unknown>) : (this.table.array(name) as ArrayLike<unknown>);
        return { name, role: 'key' as const, values };
      });
  }

  /**
   * PHEim's proportion/rate pattern: an ungrouped table is worked row by row (one output row per
   * visible input row, every input column kept as a `key` column, values as they are); a grouped
   * table is summarised (one output row per group, the group columns as keys, each column summed,
   * NA if any value in the group is NA, as R's `sum()`). `values` are raw-row arrays from
   * {@link numeric}; `sums[j]` has one entry per output row.
   */
  rowsOrGroupSums(values: readonly Float64Array[]): { size: number; sums: Float64Array[]; keys: OutputColumn[] } {
    if (!this.isGrouped) {
      if (!this.table.isFiltered() && !this.table.isOrdered()) {
        return { size: this.table.totalRows(), sums: [...values], keys: this.inputColumns() };
      }
      const idx = this.table.indices(true);
      return { size: idx.length, sums: values.map((v) => gatherRows(v, idx)), keys: this.inputColumns() };
    }
    const g = this.groups;
    const sums = values.map((v) => {
      const out = new Float64Array(g.size);
      for (let k = 0; k < g.size; k++) out[k] = sumRows(v, g.rows[k]);
      return out;
    });
    return { size: g.size, sums, keys: this.groupColumns() };
  }

  private visible: Uint8Array | null = null;
  private isVisible(rawRow: number): boolean {
    if (!this.table.isFiltered()) return true;
    if (!this.visible) {
      this.visible = new Uint8Array(this.table.totalRows());
      for (const r of this.table.indices(false)) this.visible[r] = 1;
    }
    return this.visible[rawRow] === 1;
  }
}

/** Sum of `values` over the given raw rows; NaN (NA) if any is NA, as R's `sum()`. */
export function sumRows(values: Float64Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += values[rows[i]];
  return s;
}

/** Sum of `values` over the given raw rows, NA treated as 0 (R's `sum(na.rm = TRUE)`). */
export function sumRowsNaZero(values: Float64Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === v) s += v;
  }
  return s;
}

/** Gather `values` at raw rows (e.g. `table.indices()` for row-wise verbs) into a new array. */
export function gatherRows(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/**
 * Limit columns for one or more confidence levels, PHEim names and roles: one level gives
 * `lowercl`, `uppercl`; several give `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`
 * (all lowers and uppers interleaved by level, as PHEim orders them). `lower[i]`/`upper[i]` hold
 * the limits for `levels[i]`.
 */
export function ciColumns(levels: readonly number[], lower: ArrayLike<number>[], upper: ArrayLike<number>[]): OutputColumn[] {
  const names = ciColumnNames(levels);
  const cols: OutputColumn[] = [];
  names.forEach((nm, i) => {
    cols.push({ name: nm.lower, role: 'lower', values: lower[i] });
    cols.push({ name: nm.upper, role: 'upper', values: upper[i] });
  });
  return cols;
}

/**
 * The `confidence`, `statistic` and `method` columns (role `meta`). Each of statistic/method is
 * one string for all rows or one per row.
 */
export function metaColumns(
  nRows: number,
  levels: readonly number[] | null,
  statistic: string | readonly string[],
  method: string | readonly string[],
): OutputColumn[] {
  const fill = (v: string | readonly string[]) => (typeof v === 'string' ? new Array<string>(nRows).fill(v) : v);
  const cols: OutputColumn[] = [];
  if (levels) cols.push({ name: 'confidence', role: 'meta', values: new Array<string>(nRows).fill(confidenceLabel(levels)) });
  cols.push({ name: 'statistic', role: 'meta', values: fill(statistic) });
  cols.push({ name: 'method', role: 'meta', values: fill(method) });
  return cols;
}

/**
 * A multiplier written as R's `format(multiplier, scientific = FALSE)`: plain decimal digits,
 * e.g. 100000 → "100000", 0.5 → "0.5". Used in statistic labels such as "rate per 100000".
 */
export function formatMultiplier(m: number): string {
  if (Number.isInteger(m)) return m.toLocaleString('en-GB', { useGrouping: false, maximumFractionDigits: 0 });
  return String(m);
}

export { formatRNumber } from '../core/rmath.js';

/** NaN/undefined → null copy of an array (plain Array), or the input itself when it has no NA. */
function nullifyNaN(values: ArrayLike<unknown>): ArrayLike<unknown> {
  if (values instanceof Float64Array) {
    let hasNaN = false;
    for (let i = 0; i < values.length; i++)
      if (values[i] !== values[i]) {
        hasNaN = true;
        break;
      }
    if (!hasNaN) return values;
    const out = new Array<number | null>(values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[i] === values[i] ? values[i] : null;
    return out;
  }
  // Arrays with nothing to change (the meta string columns, say) are used as they are: copying
  // a million-row column only to hand arquero the same values cost a fifth of a verb's time.
  let clean = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || (typeof v === 'number' && v !== v)) {
      clean = false;
      break;
    }
  }
  if (clean) return values;
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === undefined || (typeof v === 'number' && v !== v) ? null : v;
  }
  return out;
}

/**
 * Build the output table from columns in order, keeping those that `type` keeps (see the role
 * table in this module's comment). NaN and undefined become `null`. Float64Arrays without NA are
 * used as they are (no copy); `key` columns pass through unchanged. All columns must have the same length.
 */
export function buildOutput(columns: readonly OutputColumn[], type: OutputType = 'full'): ColumnTable {
  const keep = KEEP[type];
  const data: Record<string, ArrayLike<unknown>> = {};
  const names: string[] = [];
  let len = -1;
  for (const c of columns) {
    if (!keep.has(c.role)) continue;
    if (len === -1) len = c.values.length;
    else if (c.values.length !== len) throw new HealthgapError(`internal error: output column "${c.name}" has ${c.values.length} rows, expected ${len}`, 1);
    if (!(c.name in data)) names.push(c.name);
    // Key columns (group keys, or the user's own input columns) pass through unchanged.
    data[c.name] = c.role === 'key' ? c.values : nullifyNaN(c.values);
  }
  return aq.table(data as Record<string, unknown[]>, names);
}
