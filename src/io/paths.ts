/**
 * Where the bundled data lives. `data/` sits at the package root; this module is two levels below
 * it both as source (`src/io/paths.ts`) and when built (`dist/io/paths.js`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';

/** Absolute path of the bundled `data/` folder (override with the `HEALTHGAP_DATA` environment variable). */
export function dataDir(): string {
  return process.env.HEALTHGAP_DATA ?? fileURLToPath(new URL('../../data/', import.meta.url));
}

/**
 * Absolute path of a bundled data file, given its path inside `data/` without any `.gz`
 * (`"imd/imd2019_lsoa11_england_tidy.csv"`). The gzipped copy is returned when that is what is
 * bundled.
 */
export function dataPath(relative: string): string {
  const plain = join(dataDir(), relative);
  if (existsSync(plain)) return plain;
  if (existsSync(plain + '.gz')) return plain + '.gz';
  return plain;
}

/** Absolute path of the package root (holds package.json, data/, reports/). */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Where an analyst's own data lives: releases added with `healthgap data add`, caches. */
export interface UserDataDirOptions {
  /** An explicit folder (the CLI's `--data-dir`); wins over everything else. */
  dataDir?: string;
  /** The environment to read (default `process.env`); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** The platform to assume (default `process.platform`). */
  platform?: NodeJS.Platform;
  /** The home folder to assume (default `os.homedir()`). */
  home?: string;
}

/**
 * The analyst's data directory, where added data releases and downloaded caches (e.g. Fingertips
 * responses) are kept. Bundled data in `data/` is read-only and never written. Resolved in this
 * order:
 * 1. `options.dataDir` (the CLI's `--data-dir`);
 * 2. the `HEALTHGAP_DATA_DIR` environment variable;
 * 3. a per-user default: `$XDG_DATA_HOME/healthgap` (else `~/.local/share/healthgap`) on Linux
 *    and other Unix systems, `~/Library/Application Support/healthgap` on macOS and
 *    `%LOCALAPPDATA%\healthgap` on Windows.
 * The folder is not created here; writers create it when they first write.
 *
 * @example userDataDir({ dataDir: './my-data' }) // → absolute path of ./my-data
 */
export function userDataDir(options: UserDataDirOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.dataDir) return resolve(options.dataDir);
  if (env.HEALTHGAP_DATA_DIR) return resolve(env.HEALTHGAP_DATA_DIR);
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'healthgap');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'healthgap');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'healthgap');
}
