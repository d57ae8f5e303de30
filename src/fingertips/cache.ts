/**
 * The on-disk cache of Fingertips API responses. Each response is two files in the cache folder,
 * named by the SHA-256 of its URL: `<key>.body.gz` (the body, gzipped) and `<key>.json` (the URL,
 * when it was fetched, its validators `ETag` / `Last-Modified`, its content type, size and the
 * SHA-256 of the body). Both are written atomically (temporary file, then rename), the body
 * first, so a reader never sees a half-written entry; an entry whose body does not match its
 * recorded SHA-256 is treated as missing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { userDataDir, type UserDataDirOptions } from '../io/paths.js';

/** What is recorded about one cached response. */
export interface CachedResponseMeta {
  /** The URL requested (the cache key is its SHA-256). */
  url: string;
  /** When the body was fetched, or last confirmed unchanged by a 304 (ISO 8601, UTC). */
  fetchedAt: string;
  /** When the body itself was first stored (ISO 8601, UTC). */
  storedAt: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** Size of the body in bytes (UTF-8). */
  bytes: number;
  /** SHA-256 of the body (hex). */
  sha256: string;
  /** Where the body came from: the API (`network`) or a file an analyst imported (`file`). */
  origin: 'network' | 'file';
  /** For `origin: 'file'`: the file the body was read from, as given. */
  importedFrom?: string;
}

/** A cached response: its metadata and body. */
export interface CachedResponse {
  meta: CachedResponseMeta;
  body: string;
}

/** The default cache folder: `<data directory>/cache/fingertips` (see `userDataDir`). */
export function defaultFingertipsCacheDir(options: UserDataDirOptions = {}): string {
  return join(userDataDir(options), 'cache', 'fingertips');
}

/** SHA-256 of a string, hex. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A folder of cached responses.
 *
 * @example
 * const cache = new ResponseCache('/home/me/.local/share/healthgap/cache/fingertips');
 * cache.read('https://fingertips.phe.org.uk/api/profiles')?.meta.fetchedAt
 */
export class ResponseCache {
  constructor(readonly dir: string) {}

  /** The file name stem of a URL's entry. */
  key(url: string): string {
    return sha256Hex(url).slice(0, 32);
  }

  /** The cached response for a URL, or null when absent or damaged. */
  read(url: string): CachedResponse | null {
    const stem = join(this.dir, this.key(url));
    if (!existsSync(`${stem}.json`) || !existsSync(`${stem}.body.gz`)) return null;
    try {
      const meta = JSON.parse(readFileSync(`${stem}.json`, 'utf8')) as CachedResponseMeta;
      if (meta.url !== url) return null;
      const body = gunzipSync(readFileSync(`${stem}.body.gz`)).toString('utf8');
      if (sha256Hex(body) !== meta.sha256) return null;
      return { meta, body };
    } catch {
      return null;
    }
  }

  /** Store a body and its metadata (atomically, body first); returns the metadata written. */
  write(url: string, body: string, info: Partial<Omit<CachedResponseMeta, 'url' | 'bytes' | 'sha256'>> = {}): CachedResponseMeta {
    const now = new Date().toISOString();
    const meta: CachedResponseMeta = {
      url,
      fetchedAt: info.fetchedAt ?? now,
      storedAt: info.storedAt ?? info.fetchedAt ?? now,
      etag: info.etag ?? null,
      lastModified: info.lastModified ?? null,
      contentType: info.contentType ?? null,
      bytes: Buffer.byteLength(body, 'utf8'),
      sha256: sha256Hex(body),
      origin: info.origin ?? 'network',
      ...(info.importedFrom ? { importedFrom: info.importedFrom } : {}),
    };
    const stem = join(this.dir, this.key(url));
    writeFileAtomic(`${stem}.body.gz`, gzipSync(Buffer.from(body, 'utf8'), { level: 9 }));
    writeFileAtomic(`${stem}.json`, `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  }

  /** Record that the server confirmed the cached body is unchanged (a 304): only `fetchedAt` moves. */
  touch(url: string, fetchedAt: string = new Date().toISOString()): CachedResponseMeta | null {
    const entry = this.read(url);
    if (!entry) return null;
    const meta = { ...entry.meta, fetchedAt };
    writeFileAtomic(join(this.dir, `${this.key(url)}.json`), `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  }

  /** Metadata of every entry in the folder (unreadable files skipped), sorted by URL. */
  list(): CachedResponseMeta[] {
    if (!existsSync(this.dir)) return [];
    const out: CachedResponseMeta[] = [];
    for (const f of readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as CachedResponseMeta);
      } catch {
        // not an entry
      }
    }
    return out.sort((a, b) => a.url.localeCompare(b.url));
  }
}
