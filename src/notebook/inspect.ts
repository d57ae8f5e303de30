/**
 * How tables and DataFrames look when a notebook cell ends with one (tslab prints the cell's
 * last value with `console.log`, i.e. Node's `util.inspect`): a compact table — first rows,
 * column types, row count — instead of hundreds of lines of internals.
 */
import { inspect } from 'node:util';
import { aq } from '../core/arquero.js';
import { tslabDisplay } from './display.js';
import { isDanfoFrame } from './frames.js';
import { isArqueroTable, tableHtml, tableText, tableView, type TableLike } from './tables.js';

/** Rows shown when a table is the last value of a cell. */
export const INSPECT_ROWS = 10;

/** Type of each column of a table, as shown under a bare table (`text`, `number`, `integer`, …). */
export function columnTypes(table: TableLike): Record<string, string> {
  const view = tableView(table, { limit: Infinity });
  const out: Record<string, string> = {};
  const danfoTypes = isDanfoFrame(table) ? (table as unknown as { dtypes?: string[]; columns: string[] }) : null;
  for (const c of view.columns) {
    const d = danfoTypes?.dtypes?.[danfoTypes.columns.indexOf(c.key)];
    if (d) {
      out[c.key] = d;
      continue;
    }
    const kinds = new Set<string>();
    for (const row of view.rows) {
      const v = row[c.key];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      kinds.add(typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : v instanceof Date ? 'date' : typeof v === 'string' ? 'text' : typeof v);
      if (kinds.size > 2) break;
    }
    if (kinds.has('number')) kinds.delete('integer');
    out[c.key] = kinds.size === 0 ? 'empty' : [...kinds].join('/');
  }
  return out;
}

/** One-line summary of a table: kind, rows × columns, and groups when grouped. */
export function tableSummary(table: TableLike): string {
  const isFrame = isDanfoFrame(table);
  const view = tableView(table, { limit: 0 });
  const kind = isFrame ? 'danfo DataFrame' : isArqueroTable(table) ? 'arquero table' : 'table';
  const groups = isArqueroTable(table) && table.isGrouped() ? `, grouped by ${(table.groups() as { names: string[] }).names.join(', ')}` : '';
  return `${kind}: ${view.totalRows.toLocaleString('en-GB')} row${view.totalRows === 1 ? '' : 's'} × ${view.columns.length} column${view.columns.length === 1 ? '' : 's'}${groups}`;
}

/** Compact text of a table: summary, column types, the first rows, aligned. */
export function compactTableText(table: TableLike, rows = INSPECT_ROWS): string {
  const types = columnTypes(table);
  const typeLine = `columns: ${Object.entries(types)
    .map(([k, t]) => `${k} (${t})`)
    .join(', ')}`;
  return `${tableSummary(table)}\n${typeLine}\n${tableText(table, { limit: rows })}`;
}

/** Compact HTML of a table: the notebook table with a caption giving the summary and column types. */
export function compactTableHtml(table: TableLike, rows = INSPECT_ROWS): string {
  const types = columnTypes(table);
  return tableHtml(table, {
    limit: rows,
    caption: tableSummary(table),
    notes: `Column types: ${Object.entries(types)
      .map(([k, t]) => `${k} ${t}`)
      .join(', ')}.`,
  });
}

const printedAt = new WeakMap<object, number>();

/**
 * Text for `util.inspect(table)`. At the top level inside a tslab kernel the table is shown as
 * an HTML table and the text is its one-line summary; in a script, the compact text table; when
 * nested in another value, only the summary. Right after `table.print()` only the summary (the
 * rows were just printed).
 */
function inspectTable(this: object, depth: number, options: { depth?: number | null }): string {
  const table = this as unknown as TableLike;
  const topLevel = options.depth === undefined || options.depth === null || depth === options.depth;
  const printed = printedAt.get(this);
  if (printed !== undefined && Date.now() - printed < 2000) {
    printedAt.delete(this);
    return `(${tableSummary(table)}; rows printed above)`;
  }
  if (!topLevel) return `[${tableSummary(table)}]`;
  const display = tslabDisplay();
  if (display) {
    display.html(compactTableHtml(table));
    return `(${tableSummary(table)})`;
  }
  return compactTableText(table);
}

let arqueroInstalled = false;
const danfoInstalled = new WeakSet<object>();

/**
 * Make arquero tables display compactly when a cell ends with one (and in `console.log`):
 * installs `util.inspect.custom` on arquero's table class, and makes `table.print()` not show
 * the table a second time. Done once when `healthgap/notebook` is imported.
 */
export function installTableDisplay(): void {
  if (arqueroInstalled) return;
  arqueroInstalled = true;
  const proto = Object.getPrototypeOf(aq.table({})) as Record<string | symbol, unknown>;
  Object.defineProperty(proto, inspect.custom, { value: inspectTable, writable: true, configurable: true, enumerable: false });
  let owner: Record<string, unknown> | null = proto as Record<string, unknown>;
  while (owner && !Object.hasOwn(owner, 'print')) owner = Object.getPrototypeOf(owner) as Record<string, unknown> | null;
  const print = owner?.print;
  if (owner && typeof print === 'function') {
    Object.defineProperty(owner, 'print', {
      value: function (this: object, ...args: unknown[]) {
        const out = (print as (...a: unknown[]) => unknown).apply(this, args);
        printedAt.set(this, Date.now());
        return out;
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * Make danfo DataFrames display compactly (as arquero tables do): installs `util.inspect.custom`
 * on the DataFrame class of a loaded danfojs-node module. Called by `toDanfo`/`loadDanfo`, and
 * for a danfo module already loaded by the notebook when `healthgap/notebook` is imported.
 *
 * @example installDanfoDisplay(dfd) // after import * as dfd from 'danfojs-node'
 */
export function installDanfoDisplay(danfo: { DataFrame?: unknown; Series?: unknown } | null | undefined): void {
  const frame = danfo?.DataFrame as { prototype?: object } | undefined;
  if (!frame?.prototype) return;
  // danfojs-node's DataFrame extends danfojs-base's DataFrame, which results such as
  // `describe()` are made of: install on both (every class in the chain that is a DataFrame).
  for (let p: object | null = frame.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if ((p as { constructor?: { name?: string } }).constructor?.name !== 'DataFrame' || danfoInstalled.has(p)) continue;
    danfoInstalled.add(p);
    Object.defineProperty(p, inspect.custom, { value: inspectTable, writable: true, configurable: true, enumerable: false });
  }
}
