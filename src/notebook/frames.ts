/**
 * danfo DataFrames seen as plain columns, without loading danfojs-node: used by the table
 * display (`showTable(df)`) and by `fromDanfo`.
 */

/** The parts of a danfo DataFrame that healthgap reads. */
export interface DanfoFrameLike {
  columns: string[];
  column(name: string): { values: ArrayLike<unknown> };
  /** Row labels (danfo's default is 0, 1, 2, …). */
  index?: ArrayLike<unknown>;
  shape?: number[];
}

/** True for a danfo DataFrame (duck-typed: `columns`, `column()`, `index`, `shape`). */
export function isDanfoFrame(value: unknown): value is DanfoFrameLike {
  const f = value as { columns?: unknown; column?: unknown; shape?: unknown; index?: unknown } | null;
  return typeof f === 'object' && f !== null && Array.isArray(f.columns) && typeof f.column === 'function' && Array.isArray(f.shape) && Array.isArray(f.index);
}

/** True when row labels are danfo's default 0, 1, 2, … (nothing worth keeping). */
export function isDefaultIndex(index: ArrayLike<unknown> | undefined): boolean {
  if (!index) return true;
  for (let i = 0; i < index.length; i++) if (index[i] !== i) return false;
  return true;
}

/** Name for the column that holds a frame's row labels: `index` (or `index_1`, … when taken). */
export function indexColumnName(columns: readonly string[]): string {
  let name = 'index';
  for (let i = 1; columns.includes(name); i++) name = `index_${i}`;
  return name;
}

/**
 * The columns of a danfo frame as plain arrays, in order. Row labels that are not danfo's
 * default 0, 1, 2, … (e.g. `count`, `mean`, `std` from `describe()`, or group keys) come first,
 * as a column named `index`. Missing values (`NaN`, `undefined`) become `null`.
 */
export function danfoColumns(df: DanfoFrameLike): { names: string[]; data: Record<string, unknown[]> } {
  const data: Record<string, unknown[]> = {};
  const names: string[] = [];
  if (!isDefaultIndex(df.index)) {
    const name = indexColumnName(df.columns);
    names.push(name);
    data[name] = Array.from(df.index as ArrayLike<unknown>, missingToNull);
  }
  for (const name of df.columns) {
    names.push(name);
    data[name] = Array.from(df.column(name).values, missingToNull);
  }
  return { names, data };
}

function missingToNull(v: unknown): unknown {
  return v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
}
