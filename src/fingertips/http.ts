/**
 * HTTP for the Fingertips client: undici's own `fetch` through an `EnvHttpProxyAgent` (so
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are honoured, which Node's built-in fetch does not
 * do by itself), a time-out per attempt, bounded retries with exponential back-off on 408, 429
 * and 5xx responses and on network errors (a 429's or 503's `Retry-After` is honoured up to a
 * cap), gzip, conditional requests (`If-None-Match` / `If-Modified-Since`) and a User-Agent that
 * names healthgap and its version. Failures are one-line {@link FingertipsApiError}s naming the
 * URL and the status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { HealthgapError, EXIT_FAILURE } from '../core/errors.js';
import { packageRoot } from '../io/paths.js';

/** A request to the Fingertips API that failed: the message names the URL and the HTTP status (or the network error). */
export class FingertipsApiError extends HealthgapError {
  /** The URL requested. */
  readonly url: string;
  /** HTTP status of the last attempt (null for a time-out or a network error). */
  readonly status: number | null;
  constructor(message: string, url: string, status: number | null) {
    super(message, EXIT_FAILURE);
    this.name = 'FingertipsApiError';
    this.url = url;
    this.status = status;
  }
}

/** Options of {@link httpGet}. */
export interface HttpGetOptions {
  /** Time-out of each attempt in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3, so at most 4 requests). */
  retries?: number;
  /** Back-off before retry n is `backoffMs × 2^(n−1)` (default 1,000 ms). */
  backoffMs?: number;
  /** Longest `Retry-After` honoured (default 120,000 ms); a longer one ends the retries with an error saying so. */
  maxRetryAfterMs?: number;
  /** Environment to read the proxy variables from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Validators of a cached copy, sent as `If-None-Match` / `If-Modified-Since`. */
  etag?: string | null;
  lastModified?: string | null;
  /** Accept header (default `application/json, text/csv;q=0.9, *\/*;q=0.5`). */
  accept?: string;
  /** How to wait (tests pass a fake); default `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
}

/** A successful (200) or not-modified (304) response. */
export interface HttpGetResult {
  url: string;
  status: number;
  /** The decoded body (empty for 304). */
  body: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** Requests made (1 = no retry). */
  attempts: number;
}

let version: string | null = null;

/** healthgap's version, from its package.json. */
export function healthgapVersion(): string {
  if (version === null) {
    try {
      version = String((JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}

/** The User-Agent sent with every request, e.g. `healthgap/0.1.0 (Fingertips client; Node v20.19.0)`. */
export function userAgent(): string {
  return `healthgap/${healthgapVersion()} (Fingertips client; Node ${process.version})`;
}

const agents = new Map<string, Dispatcher>();

/** undici, imported on the first request (it takes longer to load than the rest of the CLI). */
function undici(): Promise<typeof import('undici')> {
  return import('undici');
}

/** The proxy settings read from an environment (upper or lower case, as curl and wget read them). */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): { httpProxy?: string; httpsProxy?: string; noProxy?: string } {
  const pick = (name: string) => env[name] ?? env[name.toLowerCase()] ?? undefined;
  const httpProxy = pick('HTTP_PROXY') || undefined;
  const httpsProxy = pick('HTTPS_PROXY') || httpProxy;
  const noProxy = pick('NO_PROXY') || undefined;
  return { httpProxy, httpsProxy, noProxy };
}

/** One dispatcher per proxy configuration (connections are reused across requests). */
async function dispatcherFor(env: NodeJS.ProcessEnv): Promise<Dispatcher> {
  const p = proxySettings(env);
  const key = JSON.stringify(p);
  let agent = agents.get(key);
  if (!agent) {
    const { EnvHttpProxyAgent } = await undici();
    agent = new EnvHttpProxyAgent({ httpProxy: p.httpProxy ?? '', httpsProxy: p.httpsProxy ?? '', noProxy: p.noProxy ?? '' });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * Close the pooled connections (the CLI calls this before exiting so that no idle socket keeps
 * the process alive).
 */
export async function closeHttpAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close().catch(() => undefined)));
}

/**
 * Milliseconds to wait from a `Retry-After` header: a number of seconds or an HTTP date; null
 * when absent or unreadable.
 *
 * @example retryAfterMs('2') // 2000
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? (err as { code?: string }).code;
  return code ? `${code}` : (err.cause?.message ?? err.message ?? String(e)).replace(/\s+/g, ' ');
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * GET a URL with time-outs, bounded retries and back-off, proxy support and gzip; resolves with
 * a 200 or 304 response and throws a one-line {@link FingertipsApiError} otherwise, e.g.
 * `Fingertips API: GET https://…/profiles failed: HTTP 503 Service Unavailable (4 attempts)`.
 *
 * Retried: 408, 429, 500, 502, 503, 504, time-outs and network errors, at most `retries` times
 * (never a loop). The wait before retry n is `backoffMs × 2^(n−1)`, or the server's
 * `Retry-After` when it sends one (up to `maxRetryAfterMs`).
 *
 * @example const r = await httpGet('https://fingertips.phe.org.uk/api/profiles', { timeoutMs: 30_000 });
 */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retries = Math.max(0, Math.floor(options.retries ?? 3));
  const backoffMs = options.backoffMs ?? 1_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const headers: Record<string, string> = {
    'user-agent': userAgent(),
    accept: options.accept ?? 'application/json, text/csv;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const dispatcher = await dispatcherFor(options.env ?? process.env);
  let last = '';
  let lastStatus: number | null = null;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    let wait: number | null = null;
    try {
      const res = await (await undici()).fetch(url, { headers, dispatcher, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      if (res.status === 200 || res.status === 304) {
        const body = res.status === 200 ? await res.text() : '';
        return {
          url,
          status: res.status,
          body,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
          contentType: res.headers.get('content-type'),
          attempts: attempt,
        };
      }
      await res.body?.cancel().catch(() => undefined);
      lastStatus = res.status;
      last = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      if (!RETRY_STATUSES.has(res.status)) {
        throw new FingertipsApiError(`Fingertips API: GET ${url} failed: ${last}`, url, res.status);
      }
      const after = retryAfterMs(res.headers.get('retry-after'));
      if (after !== null) {
        if (after > maxRetryAfterMs) {
          throw new FingertipsApiError(
            `Fingertips API: GET ${url} failed: ${last}; the server asked to retry after ${Math.round(after / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s allowed`,
            url,
            res.status,
          );
        }
        wait = after;
      }
    } catch (e) {
      if (e instanceof FingertipsApiError) throw e;
      lastStatus = null;
      const err = e as Error;
      last = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs / 1000} s` : `network error (${describeNetworkError(e)})`;
    }
    if (attempt <= retries) await sleep(wait ?? backoffMs * 2 ** (attempt - 1));
  }
  const n = retries + 1;
  throw new FingertipsApiError(`Fingertips API: GET ${url} failed: ${last} (${n} attempt${n === 1 ? '' : 's'})`, url, lastStatus);
}
