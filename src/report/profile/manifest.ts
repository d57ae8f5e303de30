/**
 * The profiles manifest, `<out>/.healthgap-profiles.json`: for each profile written into a folder,
 * the key of what it was made from (the place, the options, the healthgap code and the data) and
 * the SHA-256 of the file. `healthgap profiles --resume` skips a place whose key is unchanged and
 * whose file is still the one written, so a killed run restarts where it stopped and a data
 * refresh regenerates only what changed.
 *
 * The key is SHA-256 over: the place code; the profile options (sorted JSON); the package version
 * and the content of every code file of the running package (`src/` or `dist/`); and the content of
 * every bundled data file. Any change to code, data or options therefore rebuilds the profile.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { dataDir, packageRoot } from '../../io/paths.js';

/** File name of the manifest inside the output folder. */
export const PROFILES_MANIFEST = '.healthgap-profiles.json';

/** What the manifest records for one profile file (keyed by the file's name in the folder). */
export interface ProfileManifestEntry {
  placeCode: string;
  /** SHA-256 of place, options, code and data (see the module comment). */
  key: string;
  /** SHA-256 of the HTML file as written. */
  sha256: string;
  bytes: number;
  /** The place's headline numbers, for the index page when the profile is not rebuilt. */
  keyFigures?: { label: string; value: string }[];
}

/** The manifest: profile file name → entry. */
export interface ProfilesManifest {
  format: 1;
  profiles: Record<string, ProfileManifestEntry>;
}

/** Read the manifest of `out` (an empty one when missing or unreadable: then everything is rebuilt). */
export function readProfilesManifest(out: string): ProfilesManifest {
  const file = join(out, PROFILES_MANIFEST);
  if (!existsSync(file)) return { format: 1, profiles: {} };
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as ProfilesManifest;
    if (m && m.format === 1 && m.profiles && typeof m.profiles === 'object') return m;
  } catch {
    // a damaged manifest only means nothing can be skipped
  }
  return { format: 1, profiles: {} };
}

/** Write the manifest atomically (never a half-written manifest). */
export function writeProfilesManifest(out: string, manifest: ProfilesManifest): void {
  const sorted: Record<string, ProfileManifestEntry> = {};
  for (const k of Object.keys(manifest.profiles).sort()) sorted[k] = manifest.profiles[k];
  writeFileAtomic(join(out, PROFILES_MANIFEST), JSON.stringify({ format: 1, profiles: sorted }, null, 1) + '\n');
}

/** SHA-256 (hex) of a file, or null when it cannot be read. */
export function fileSha256(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) hashTree(hash, path, keep);
    else if (keep(name)) {
      hash.update(`${path}\0${st.size}\0`);
      hash.update(readFileSync(path));
    }
  }
}

let fingerprint: string | null = null;

/**
 * SHA-256 of what every profile of this process is made from: package version, code files of the
 * running package and bundled data files. Computed once per process (about 0.1 s).
 */
export function profileInputsFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  hash.update(`healthgap ${pkg.version}\0`);
  const codeRoot = fileURLToPath(new URL('../../', import.meta.url)); // src/ or dist/
  hashTree(hash, codeRoot, (n) => /\.(ts|js|mjs|css)$/.test(n) && !/\.(test|d)\.ts$/.test(n) && !n.endsWith('.map'));
  hashTree(hash, dataDir(), () => true);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The key of one place's profile with these options (see the module comment). */
export function profileKey(placeCode: string, options: object): string {
  return createHash('sha256')
    .update(`${placeCode}\0${stableJson(options)}\0${profileInputsFingerprint()}`)
    .digest('hex');
}

/** JSON with object keys sorted and undefined members left out, so equal options give equal text. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
