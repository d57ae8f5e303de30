/**
 * File bytes for every reader: plain or gzipped files, limits on untrusted input, and the
 * readable path shown in messages and notes.
 *
 * Limits (one-line {@link InputError} when exceeded; defaults in {@link DEFAULT_READ_LIMITS}):
 * - `maxBytes`: size of a file after decompression (a `.gz` is inflated with a cap, so a gzip
 *   bomb stops at the cap instead of exhausting memory). Environment: `HEALTHGAP_MAX_INPUT_BYTES`.
 * - `maxLineLength`: characters in one CSV record (one line, or several when a quoted field holds
 *   newlines). Environment: `HEALTHGAP_MAX_LINE_LENGTH`.
 * - `maxColumns`: fields in the header or in any record. Environment: `HEALTHGAP_MAX_COLUMNS`.
 * Options passed to a reader win over the environment, which wins over the defaults.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { relative, isAbsolute, sep } from 'node:path';
import { HealthgapError, InputError } from '../core/errors.js';
import { dataDir, packageRoot } from './paths.js';

/** Limits on input files, so that a hostile or broken file fails with a clear message. */
export interface ReadLimits {
  /** Largest file size in bytes, after gunzipping a `.gz` file. */
  maxBytes: number;
  /** Largest number of characters in one CSV record. */
  maxLineLength: number;
  /** Largest number of fields in the header or a record. */
  maxColumns: number;
}

/**
 * Default limits: 1 GiB of text (the largest bundled file is under 40 MB decompressed), 1 MiB per
 * record (the widest bundled record is a few kilobytes), 10,000 columns (census tables have a few
 * hundred).
 */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxBytes: 1024 * 1024 * 1024,
  maxLineLength: 1024 * 1024,
  maxColumns: 10_000,
});

const LIMIT_ENV: Record<keyof ReadLimits, string> = {
  maxBytes: 'HEALTHGAP_MAX_INPUT_BYTES',
  maxLineLength: 'HEALTHGAP_MAX_LINE_LENGTH',
  maxColumns: 'HEALTHGAP_MAX_COLUMNS',
};

/** The option and environment variable that raise a limit, for messages. */
export function limitHint(key: keyof ReadLimits): string {
  return `raise it with the ${key} read option or the ${LIMIT_ENV[key]} environment variable`;
}

/**
 * The limits in force: `overrides`, then the environment variables, then the defaults. A limit
 * must be a positive whole number.
 *
 * @example readLimits({ maxColumns: 50 }).maxColumns // 50
 */
export function readLimits(overrides: Partial<ReadLimits> = {}, env: NodeJS.ProcessEnv = process.env): ReadLimits {
  const out = { ...DEFAULT_READ_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof ReadLimits)[]) {
    const given = overrides[key];
    const fromEnv = env[LIMIT_ENV[key]]?.trim();
    if (given !== undefined) out[key] = checkLimit(given, `the ${key} read option`, String(given));
    else if (fromEnv) out[key] = checkLimit(Number(fromEnv), LIMIT_ENV[key], fromEnv);
  }
  return out;
}

function checkLimit(v: number, from: string, shown: string): number {
  if (!Number.isInteger(v) || v <= 0) throw new HealthgapError(`${from} must be a positive whole number (found "${shown}")`);
  return v;
}

/** True when `rel` (a relative path) stays inside its base folder. */
function inside(rel: string): boolean {
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith('../') && !isAbsolute(rel);
}

/**
 * A readable name for a file in messages and notes: relative to the working directory when the
 * file is inside it; else relative to the package root for files shipped with healthgap (so a
 * bundled file reads `data/imd/…`, never an absolute install path); else relative to the data
 * folder (`HEALTHGAP_DATA`) as `data/…`; otherwise the path as given.
 *
 * @example displayPath(dataPath('imd/imd2019_lsoa11_england_tidy.csv')) // 'data/imd/imd2019_lsoa11_england_tidy.csv.gz' (from any working directory)
 */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const fromCwd = relative(process.cwd(), file);
  if (inside(fromCwd)) return fromCwd;
  const fromRoot = relative(packageRoot(), file);
  if (inside(fromRoot)) return fromRoot;
  const fromData = relative(dataDir(), file);
  if (inside(fromData)) return `data/${fromData}`;
  return file;
}

/**
 * Read a file's bytes, gunzipping `.gz` files (or any file starting with the gzip magic bytes)
 * with a cap of `limits.maxBytes` on the decompressed size. A missing or unreadable file, a broken
 * gzip stream or a file over the limit is a one-line {@link InputError}.
 *
 * @example readFileBytes('data/imd/imd2019_lsoa11_england_tidy.csv.gz').length
 */
export function readFileBytes(file: string, limits: Partial<ReadLimits> = {}): Buffer {
  const { maxBytes } = readLimits(limits);
  const shown = displayPath(file);
  let buf: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) throw new InputError(`file is ${size} bytes, over the limit of ${maxBytes} (${limitHint('maxBytes')})`, { file: shown });
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})`, { file: shown });
  }
  if (file.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: maxBytes });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`gzip file inflates to more than the limit of ${maxBytes} bytes (${limitHint('maxBytes')})`, { file: shown });
      }
      throw new InputError('not a valid gzip file', { file: shown });
    }
  }
  return buf;
}

/**
 * Read a text file (UTF-8), gunzipping `.gz` files, within the limits of {@link readFileBytes}.
 *
 * @example readText('tests/fixtures/phe/testdata_Proportion.csv').split('\n')[0]
 */
export function readText(file: string, limits: Partial<ReadLimits> = {}): string {
  return readFileBytes(file, limits).toString('utf8');
}
