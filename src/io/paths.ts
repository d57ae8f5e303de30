/**
 * Where the bundled data lives. `data/` sits at the package root; this module is two levels below
 * it both as source (`src/io/paths.ts`) and when built (`dist/io/paths.js`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

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
