/**
 * Hand the per-process reader cache (`cache.ts`: parsed bundled files and the indexes derived
 * from them) from one thread to others, so that worker threads building place profiles start from
 * the tables the first worker already read instead of parsing every national file again.
 *
 * {@link exportReaderCache} encodes every cached value that structured cloning copies faithfully:
 * arquero tables (as their columns, plus the reader notes attached to them) and plain data (numbers,
 * strings, arrays, typed arrays, Maps, Sets and plain objects). Anything else (class instances,
 * functions, grouped tables) is left out and simply rebuilt where needed: the snapshot only ever
 * saves work, it never changes a result. String columns with many repeated values (practice codes
 * and LSOA codes of the 839,677-row GP registration file) are dictionary-encoded as the distinct
 * strings plus an `Int32Array` of codes in a `SharedArrayBuffer`, so each worker keeps one copy of
 * each distinct string instead of one per row, and all workers share the codes.
 *
 * {@link importReaderCache} decodes a snapshot into this thread's cache (keys already present are
 * kept). Send the snapshot as `workerData` or in a message: it is plain structured-clonable data.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { readerNotes, withNotes } from './csv.js';
import { readerCacheEntries, seedReaderCache } from './cache.js';

/** One column of an encoded table. */
type EncodedColumn = { values: unknown[] | ArrayBufferView } | { dict: string[]; codes: Int32Array };

/** One encoded cache value. */
type EncodedValue = { table: { names: string[]; columns: EncodedColumn[]; notes: string[] } } | { value: unknown };

/** A reader cache ready to send to worker threads (structured-clonable). */
export interface ReaderCacheSnapshot {
  entries: [string, EncodedValue][];
  /** Keys left out (values that cannot be copied faithfully); workers rebuild them on demand. */
  skipped: string[];
}

/** True for data that structured cloning reproduces exactly (no class instances, no functions). */
function isPlainData(v: unknown, seen: Set<object>): boolean {
  if (v === null || v === undefined) return true;
  const t = typeof v;
  if (t === 'function' || t === 'symbol') return false;
  if (t !== 'object') return true;
  const o = v as object;
  if (seen.has(o)) return true;
  seen.add(o);
  if (ArrayBuffer.isView(o)) return true;
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const x = o[i];
      if (x !== null && (typeof x === 'object' || typeof x === 'function' || typeof x === 'symbol') && !isPlainData(x, seen)) return false;
    }
    return true;
  }
  if (o instanceof Map) {
    for (const [k, x] of o) if (!isPlainData(k, seen) || !isPlainData(x, seen)) return false;
    return true;
  }
  if (o instanceof Set) {
    for (const x of o) if (!isPlainData(x, seen)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(o).length) return false;
  for (const k of Object.getOwnPropertyNames(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    if (d.get || d.set || !isPlainData(d.value, seen)) return false;
  }
  return true;
}

/** Strings (or nulls) with at most one distinct value in four rows: dictionary-encode them. */
function dictionaryEncode(values: unknown[]): { dict: string[]; codes: Int32Array } | null {
  const n = values.length;
  if (n < 1024) return null;
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(new SharedArrayBuffer(4 * n));
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s === null) {
      codes[i] = -1;
      continue;
    }
    if (typeof s !== 'string') return null;
    let k = index.get(s);
    if (k === undefined) {
      k = dict.length;
      index.set(s, k);
      dict.push(s);
      if (dict.length > n / 4) return null;
    }
    codes[i] = k;
  }
  return { dict, codes };
}

function isColumnTable(v: unknown): v is ColumnTable {
  return v instanceof aq.ColumnTable;
}

function encodeTable(t: ColumnTable): EncodedValue | null {
  if (t.isGrouped()) return null;
  const raw = !t.isFiltered() && !t.isOrdered();
  const names = t.columnNames();
  const columns: EncodedColumn[] = [];
  for (const name of names) {
    const col = raw ? (t.column(name) as unknown) : t.array(name);
    if (ArrayBuffer.isView(col)) {
      columns.push({ values: col });
      continue;
    }
    if (!Array.isArray(col) || !isPlainData(col, new Set())) return null;
    columns.push(dictionaryEncode(col) ?? { values: col });
  }
  return { table: { names, columns, notes: readerNotes(t) } };
}

/**
 * Encode this thread's reader cache for other threads (see the module comment for what is kept).
 *
 * @example new Worker(file, { workerData: { cache: exportReaderCache() } })
 */
export function exportReaderCache(): ReaderCacheSnapshot {
  const entries: [string, EncodedValue][] = [];
  const skipped: string[] = [];
  for (const [key, value] of readerCacheEntries()) {
    const enc = isColumnTable(value) ? encodeTable(value) : isPlainData(value, new Set()) ? { value } : null;
    if (enc) entries.push([key, enc]);
    else skipped.push(key);
  }
  return { entries, skipped };
}

/**
 * Decode a snapshot from {@link exportReaderCache} into this thread's reader cache (keys already
 * cached here are kept). Returns the number of entries stored.
 *
 * @example importReaderCache(workerData.cache) // then readImd() etc. return at once
 */
export function importReaderCache(snapshot: ReaderCacheSnapshot): number {
  let stored = 0;
  for (const [key, enc] of snapshot.entries) {
    let value: unknown;
    if ('table' in enc) {
      const { names, columns, notes } = enc.table;
      const data = new Map<string, unknown>();
      names.forEach((name, j) => {
        const c = columns[j];
        if ('dict' in c) {
          const { dict, codes } = c;
          const out = new Array<string | null>(codes.length);
          for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : dict[codes[i]];
          data.set(name, out);
        } else data.set(name, c.values);
      });
      value = withNotes(aq.table(data as never, names), notes);
    } else value = enc.value;
    if (seedReaderCache(key, value)) stored++;
  }
  return stored;
}
