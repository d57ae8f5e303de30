/**
 * A per-process memo for parsed bundled files: reading IMD or the GP registration file once per
 * process instead of once per call. Keys are absolute paths (plus reader options). Cached values
 * are arquero tables, which callers cannot change through arquero verbs (every verb returns a new
 * table), so sharing one instance is safe.
 */

const cache = new Map<string, unknown>();

/**
 * Return the cached value for `key`, building and storing it on first use.
 *
 * @example const t = cachedRead(`imd:${file}`, () => readTypedCsv(file, schema));
 */
export function cachedRead<T>(key: string, build: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = build();
  cache.set(key, value);
  return value;
}

/**
 * Every cached entry as `[key, value]` pairs, in the order they were read: used to hand a warm
 * cache to worker threads (see `cacheTransfer.ts`), never to change it.
 */
export function readerCacheEntries(): [string, unknown][] {
  return [...cache];
}

/**
 * Put a value in the cache unless the key is already there (a worker thread seeded with the
 * tables another thread read; see `cacheTransfer.ts`). Returns true when the value was stored.
 */
export function seedReaderCache(key: string, value: unknown): boolean {
  if (cache.has(key)) return false;
  cache.set(key, value);
  return true;
}

/** Forget every cached table (e.g. after replacing a bundled file in a long-running notebook). */
export function clearReaderCache(): void {
  cache.clear();
}

/**
 * Read `path` when an analyst passes one (never cached, so an edited file is re-read), or the
 * bundled file `bundled` (absolute path) through the per-process cache.
 */
export function readMaybeCached<T>(path: string | undefined, bundled: string, key: string, build: (file: string) => T): T {
  if (path !== undefined) return build(path);
  return cachedRead(`${key}:${bundled}`, () => build(bundled));
}
