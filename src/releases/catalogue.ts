/**
 * The release catalogue: every bundled dataset (`data/`, described in `src/io/catalogue.ts` and
 * `data/SOURCES.md`) and every release added to the data directory (`<data dir>/releases/<kind>/
 * <id>.csv.gz` with a JSON sidecar, including the Fingertips releases the Fingertips client
 * promotes there). The latest release of each kind is the one with the latest period (ties: the
 * most recently added).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetCatalogue, type DatasetInfo } from '../io/catalogue.js';
import { userDataDir } from '../io/paths.js';
import { bundledGeographyReleases } from './bundledGeography.js';
import { periodSortKey } from './period.js';
import { RELEASE_KINDS, type ReleaseInfo, type ReleaseKind } from './types.js';

/** Marker of a sidecar written by `healthgap data add`. */
export const RELEASE_FORMAT = 'healthgap-release/1';

/** The `releases` folder of a data directory. */
export function releasesDir(dataDir?: string): string {
  return join(userDataDir({ dataDir }), 'releases');
}

const KIND_BY_ID: [RegExp, ReleaseKind, string][] = [
  [/^imd2025/, 'imd', 'LSOA 2021'],
  [/^imd2019/, 'imd', 'LSOA 2011'],
  [/^lsoa11-geography|^lsoa11-ccg20|^lsoa11-utla19/, 'lookup', 'LSOA 2011'],
  [/^ltla19|^lad19/, 'lookup', 'LAD 2019'],
  [/^ccg20/, 'lookup', 'CCG 2020'],
  [/^la-code|^utla-codes/, 'lookup', 'LAD 2011-2023'],
  [/^practice-map/, 'practice-map', 'CCG/STP 2021'],
  [/^practice-pcn/, 'practice-map', 'PCN 2019'],
  [/^mye2-2019|^mye3-2019/, 'population-la', 'LAD 2019'],
  [/^mye2-2014/, 'population-la', 'LAD 2014'],
  [/^deaths2014/, 'deaths-la', 'LAD 2014'],
  [/^gp-reg-lsoa/, 'gp-registrations-lsoa', 'LSOA 2011'],
  [/^qof/, 'qof-prevalence', 'practice'],
  [/^gp-practices/, 'lookup', 'practice'],
  [/^gp-qof/, 'reference', 'practice'],
  [/^fingertips/, 'fingertips', 'UTLA 2017'],
  [/^esp2013|^hse2022/, 'reference', 'none'],
  [/^boundaries-lsoa/, 'boundaries', 'LSOA 2011'],
  [/^boundaries/, 'boundaries', 'as published'],
];

function bundledRelease(d: DatasetInfo & { path: string }): ReleaseInfo {
  const hit = KIND_BY_ID.find(([re]) => re.test(d.id));
  const vintage = hit?.[2] ?? 'as published';
  const kind = hit?.[1] ?? 'reference';
  const level = vintage.startsWith('LSOA')
    ? 'lsoa'
    : vintage === 'practice' || kind === 'practice-map'
      ? 'practice'
      : vintage.startsWith('LAD')
        ? 'la'
        : undefined;
  return {
    ...(level ? { level } : {}),
    id: d.id,
    kind,
    title: d.title,
    period: d.period,
    vintage,
    sourceFile: d.file,
    sha256: null,
    publisher: d.publisher,
    licence: d.licence,
    added: 'bundled',
    origin: 'bundled',
    path: d.path,
    rows: d.rows,
    notes: d.notes,
  };
}

/** The bundled releases (from the dataset catalogue). */
export function bundledReleases(): ReleaseInfo[] {
  // The 2021-geography descriptions give kind, vintage and level for files the dataset catalogue
  // also lists (its ids, titles and periods are kept); the others are added.
  const geo = new Map(bundledGeographyReleases().map((r) => [r.sourceFile, r]));
  const out = datasetCatalogue().map((d) => {
    const r = bundledRelease(d);
    const g = geo.get(d.file);
    if (!g) return r;
    geo.delete(d.file);
    const { level: _drop, ...rest } = r;
    return { ...rest, kind: g.kind, vintage: g.vintage, ...(g.level ? { level: g.level } : {}) };
  });
  return [...out, ...geo.values()];
}

/** Read one sidecar as a release; `null` when it is not one (unreadable JSON is skipped). */
function readSidecar(kindDir: string, file: string): ReleaseInfo | null {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(readFileSync(join(kindDir, file), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (j.format === RELEASE_FORMAT) {
    const r = j as unknown as ReleaseInfo & { dataFile: string };
    return { ...r, origin: 'added', path: join(kindDir, r.dataFile) };
  }
  // A Fingertips release sidecar (written by the Fingertips client).
  if (typeof j.name === 'string' && typeof j.file === 'string' && Array.isArray(j.periods)) {
    const src = (j.source ?? {}) as { url?: string; importedFrom?: string; sha256?: string };
    const periods = (j.periods as string[]).slice();
    return {
      id: j.name,
      kind: 'fingertips',
      title: String(j.title ?? j.name),
      period: periods[periods.length - 1] ?? '',
      periods,
      vintage: `area type ${String(j.areaTypeId)}`,
      sourceFile: src.importedFrom ?? src.url ?? '',
      sha256: src.sha256 ?? null,
      publisher: String(j.publisher ?? 'OHID (Fingertips)'),
      licence: String(j.licence ?? 'OGL v3.0'),
      added: String(j.createdAt ?? ''),
      origin: 'added',
      path: join(kindDir, String(j.file).split(/[\\/]/).pop()!),
      rows: Number(j.rows ?? 0),
      columns: j.columns as string[] | undefined,
    };
  }
  return null;
}

/** Releases added to the data directory (sidecars under `releases/<kind>/`). */
export function addedReleases(dataDir?: string): ReleaseInfo[] {
  const root = releasesDir(dataDir);
  if (!existsSync(root)) return [];
  const out: ReleaseInfo[] = [];
  for (const kind of readdirSync(root).sort()) {
    if (!(RELEASE_KINDS as readonly string[]).includes(kind)) continue;
    const dir = join(root, kind);
    let files: string[];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const r = readSidecar(dir, f);
      if (r && existsSync(r.path)) out.push(r);
    }
  }
  return out;
}

/** Sort key of a release: latest period, then added last. */
function releaseOrder(r: ReleaseInfo): [number, string] {
  if (/not stated/i.test(r.period)) return [-Infinity, r.added];
  const periods = r.periods?.length ? r.periods : [r.period];
  const keys = periods.map(periodSortKey).filter((k): k is number => k !== null);
  return [keys.length ? Math.max(...keys) : -Infinity, r.origin === 'bundled' ? '' : r.added];
}

/**
 * Every release, bundled then added, with `latest` set on the latest release of each kind and level (for
 * kinds whose releases are alternatives: IMD, QOF, populations, deaths, LE, registrations,
 * practice maps; lookups, boundaries, reference and Fingertips releases are not compared).
 *
 * @example listReleases().filter((r) => r.kind === 'imd' && r.latest)
 */
export function listReleases(options: { dataDir?: string } = {}): ReleaseInfo[] {
  const all = [...bundledReleases(), ...addedReleases(options.dataDir)];
  const comparable = new Set<ReleaseKind>([
    'imd',
    'population-lsoa',
    'population-la',
    'deaths-la',
    'le-la',
    'qof-prevalence',
    'gp-registrations-lsoa',
    'practice-map',
  ]);
  const level = (r: ReleaseInfo) => r.level ?? (r.vintage === 'practice' ? 'practice' : '');
  const groups = new Set(all.filter((r) => comparable.has(r.kind)).map((r) => `${r.kind}|${level(r)}`));
  for (const g of groups) {
    const ofKind = all.filter((r) => `${r.kind}|${level(r)}` === g);
    if (!ofKind.length) continue;
    const best = ofKind.reduce((a, b) => {
      const [pa, aa] = releaseOrder(a);
      const [pb, ab] = releaseOrder(b);
      return pb > pa || (pb === pa && ab > aa) ? b : a;
    });
    best.latest = true;
  }
  return all;
}

/** SHA-256 (hex) of a file. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * One release by id (case-insensitive), with the SHA-256 of a bundled file computed; `null` when
 * there is none.
 *
 * @example findRelease('imd2019')?.sha256
 */
export function findRelease(id: string, options: { dataDir?: string } = {}): ReleaseInfo | null {
  const r = listReleases(options).find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!r) return null;
  if (r.sha256 === null && existsSync(r.path)) r.sha256 = fileSha256(r.path);
  return r;
}
