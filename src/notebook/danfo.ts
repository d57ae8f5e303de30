/**
 * danfojs-node interop: move between a danfo DataFrame (pandas-like, familiar to many
 * notebook users) and healthgap's arquero tables.
 *
 * danfojs-node is an optional peer dependency, loaded lazily with `import()` only when one of
 * these functions runs, so the rest of healthgap never loads it (it brings TensorFlow.js).
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import type { DataFrame } from 'danfojs-node';
import { HealthgapError } from '../core/errors.js';
import { isMissing } from './format.js';
import { isArqueroTable } from './tables.js';
import { installDanfoDisplay } from './inspect.js';
import { danfoColumns, type DanfoFrameLike } from './frames.js';

export type { DanfoFrameLike } from './frames.js';

/** How to install danfojs-node here (its default dependencies fetch binaries from hosts that may be unreachable). */
export const DANFO_INSTALL_HINT =
  'danfojs-node is not installed. It is optional; to install it, add to package.json ' +
  '"overrides": {"@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0", "xlsx": "0.18.5"} ' +
  'and run: npm install danfojs-node';

type DanfoModule = typeof import('danfojs-node');

let danfoPromise: Promise<DanfoModule> | undefined;

/**
 * Load danfojs-node (once). Throws a {@link HealthgapError} saying how to install it when it
 * is missing. `specifier` is for tests.
 */
export async function loadDanfo(specifier = 'danfojs-node'): Promise<DanfoModule> {
  const load = async (): Promise<DanfoModule> => {
    try {
      const mod = (await import(specifier)) as DanfoModule & { default?: DanfoModule };
      const danfo = typeof mod.DataFrame === 'function' ? mod : (mod.default as DanfoModule);
      installDanfoDisplay(danfo);
      return danfo;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new HealthgapError(DANFO_INSTALL_HINT);
      throw error;
    }
  };
  if (specifier !== 'danfojs-node') return load();
  danfoPromise ??= load().catch((error: unknown) => {
    danfoPromise = undefined;
    throw error;
  });
  return danfoPromise;
}

/** danfo dtype for a column's values: `int32`, `float32`, `boolean` or `string` (text, dates, mixed). */
export function danfoDtype(values: readonly unknown[]): 'int32' | 'float32' | 'boolean' | 'string' {
  let numbers = 0;
  let integers = 0;
  let booleans = 0;
  let present = 0;
  for (const v of values) {
    if (isMissing(v)) continue;
    present++;
    if (typeof v === 'number') {
      numbers++;
      if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) integers++;
    } else if (typeof v === 'boolean') booleans++;
  }
  if (present === 0) return 'float32';
  if (numbers === present) return integers === present ? 'int32' : 'float32';
  if (booleans === present) return 'boolean';
  return 'string';
}

/**
 * Convert an arquero table (or an array of row objects) to a danfo DataFrame: same columns in
 * the same order, dtypes `int32` (whole numbers), `float32` (other numbers, and whole numbers
 * with gaps; danfo's label only, values keep full double precision), `boolean` or `string`
 * (text; `Date` values are kept as `Date` objects). Missing values are what danfo expects:
 * `NaN` in number columns (so `describe()`, `groupby().mean()` and plots work; `count` leaves
 * them out, but danfo's `mean`/`std` of a column with gaps are `NaN`: use `df.dropNa()` or
 * `df.fillNa()` first, as danfo has no skip-missing option), `null` in text and boolean columns.
 * Needs danfojs-node (see {@link DANFO_INSTALL_HINT}).
 *
 * @example const df = await toDanfo(table); df.describe().print();
 */
export async function toDanfo(table: ColumnTable | readonly object[]): Promise<DataFrame> {
  const t = isArqueroTable(table) ? table : aq.from(table as Record<string, unknown>[]);
  const dfd = await loadDanfo();
  const columns = t.columnNames();
  if (t.numRows() === 0) return new dfd.DataFrame([], { columns });
  const data: Record<string, unknown[]> = {};
  const dtypes: string[] = [];
  for (const name of columns) {
    const raw = Array.from(t.array(name) as ArrayLike<unknown>, (v) => (isMissing(v) ? null : v));
    let dtype = danfoDtype(raw);
    const gaps = raw.some((v) => v === null);
    if (dtype === 'int32' && gaps) dtype = 'float32';
    data[name] = dtype === 'float32' ? raw.map((v) => (v === null ? Number.NaN : v)) : raw;
    dtypes.push(dtype);
  }
  return new dfd.DataFrame(data, { columns, dtypes });
}

/**
 * Convert a danfo DataFrame to an arquero table: same columns in the same order; danfo's
 * missing values (`null`, `undefined`, `NaN`) become `null`, healthgap's missing value. Row
 * labels that are not danfo's default 0, 1, 2, … (e.g. `count`/`mean`/`std` from `describe()`)
 * are kept as a first column named `index`. Does not load danfojs-node itself.
 *
 * @example const table = fromDanfo(await dfd.readCSV('my-practices.csv'));
 * @example fromDanfo(df.describe()).columnNames() // ['index', 'value', …]
 */
export function fromDanfo(df: DanfoFrameLike | DataFrame): ColumnTable {
  const frame = df as unknown as DanfoFrameLike;
  if (!frame || !Array.isArray(frame.columns) || typeof frame.column !== 'function') {
    throw new TypeError('fromDanfo: expected a danfo DataFrame');
  }
  const { names, data } = danfoColumns(frame);
  return aq.table(data, names);
}
