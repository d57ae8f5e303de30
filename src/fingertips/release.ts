/**
 * Promote a cached Fingertips data response to a data release: a normalised, tidy gzip CSV in the
 * analyst's data directory (`<data directory>/releases/fingertips/<name>.csv.gz`) with a small JSON
 * sidecar (`<name>.json`) holding its provenance: the API URL it came from, when it was fetched,
 * the validators, the SHA-256 of the original response and of the release file, the indicators,
 * area types, rows and columns. A release is plain data with no dependence on the cache, so a
 * profile can be regenerated from it on another machine with no network (copy the two files).
 *
 * Layout of the CSV: the columns of `readFingertipsExport` (snake_case names of the export's
 * columns) plus `lowercl` and `uppercl`, one row per indicator × area × sex × age × category ×
 * period, sorted by indicator, area code, sex, age, category type, category and period; numbers
 * written with 15 significant digits (`tableToCsv`); missing values empty.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ColumnTable } from 'arquero';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { tableToCsv } from '../io/csvWrite.js';
import { HealthgapError } from '../core/errors.js';
import { FINGERTIPS_COLUMNS, parseFingertipsExport } from '../io/fingertips.js';
import { readTypedCsv, type ColumnSpec } from '../io/csv.js';
import { userDataDir } from '../io/paths.js';
import { sha256Hex } from './cache.js';
import { DEFAULT_PARENT_AREA_TYPE, withHealthgapLimits, type FingertipsClient, type FingertipsDataOptions } from './client.js';
import { healthgapVersion } from './http.js';

/** The sidecar of a Fingertips data release. */
export interface FingertipsReleaseInfo {
  /** Release name, also the file stem (`fingertips-90366-at502-pt15`). */
  name: string;
  title: string;
  publisher: string;
  licence: string;
  /** The CSV file beside the sidecar. */
  file: string;
  /** SHA-256 of the gzip CSV file (hex). */
  sha256: string;
  bytes: number;
  rows: number;
  columns: string[];
  indicators: { id: number; name: string | null }[];
  areaTypeId: number;
  parentAreaTypeId: number;
  profileId: number | null;
  periods: string[];
  source: {
    url: string;
    fetchedAt: string;
    etag: string | null;
    lastModified: string | null;
    /** SHA-256 of the response body the release was made from. */
    sha256: string;
    origin: 'network' | 'file';
    importedFrom?: string;
  };
  createdAt: string;
  createdBy: string;
}

/** The folder of Fingertips releases in a data directory. */
export function fingertipsReleaseDir(dataDir?: string): string {
  return join(userDataDir({ dataDir }), 'releases', 'fingertips');
}

/** The release name of a data request, e.g. `fingertips-90362-90366-at502-pt15` (`-p19` with a profile). */
export function fingertipsReleaseName(indicatorIds: readonly number[], options: FingertipsDataOptions): string {
  const parent = options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE;
  return `fingertips-${[...indicatorIds].join('-')}-at${options.areaTypeId}-pt${parent}${options.profileId !== undefined ? `-p${options.profileId}` : ''}`;
}

const SORT_KEYS = ['indicator_id', 'area_code', 'sex', 'age', 'category_type', 'category', 'time_period_sortable', 'time_period'];

/** Sort a Fingertips table into the release order (stable; nulls first). */
function releaseOrder(table: ColumnTable): ColumnTable {
  const keys = SORT_KEYS.filter((k) => table.columnNames().includes(k));
  const cols = keys.map((k) => table.array(k) as ArrayLike<unknown>);
  const idx = Array.from({ length: table.numRows() }, (_, i) => i);
  idx.sort((a, b) => {
    for (const c of cols) {
      const x = c[a];
      const y = c[b];
      if (x === y) continue;
      if (x === null || x === undefined) return -1;
      if (y === null || y === undefined) return 1;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return a - b;
  });
  return table.reify(idx);
}

/**
 * Write the cached response of a data request as a release (no network: the response must be in
 * the cache, from `client.data` or `client.importExport`). Returns the sidecar written.
 *
 * @example
 * await ft.data([90366], { areaTypeId: 502 });
 * promoteToRelease(ft, [90366], { areaTypeId: 502 }); // → <data dir>/releases/fingertips/fingertips-90366-at502-pt15.csv.gz
 */
export function promoteToRelease(
  client: FingertipsClient,
  indicatorIds: readonly number[],
  options: FingertipsDataOptions & { dataDir?: string },
): FingertipsReleaseInfo {
  const url = client.dataUrl(indicatorIds, options);
  const entry = client.cached(url);
  if (!entry)
    throw new HealthgapError(
      `no cached data for indicator${indicatorIds.length === 1 ? '' : 's'} ${indicatorIds.join(', ')} at area type ${options.areaTypeId} (${url}); fetch it first with "healthgap fingertips data"`,
      2,
    );
  const table = releaseOrder(withHealthgapLimits(parseFingertipsExport(entry.body, { label: url })));
  const csv = tableToCsv(table);
  const gz = gzipSync(Buffer.from(csv, 'utf8'), { level: 9 });
  const name = fingertipsReleaseName(indicatorIds, options);
  const dir = fingertipsReleaseDir(options.dataDir);
  const names = new Map<number, string | null>();
  const idCol = table.array('indicator_id') as (number | null)[];
  const nameCol = table.array('indicator_name') as (string | null)[];
  idCol.forEach((id, i) => {
    if (id !== null && !names.has(id)) names.set(id, nameCol[i]);
  });
  const periods = [...new Set(table.array('time_period') as (string | null)[])].filter((p): p is string => p !== null);
  const info: FingertipsReleaseInfo = {
    name,
    title: `Fingertips: ${[...names.entries()].map(([id, n]) => `${n ?? 'indicator'} (${id})`).join('; ')}, area type ${options.areaTypeId}`,
    publisher: 'Office for Health Improvement and Disparities (OHID), Fingertips',
    licence: 'Open Government Licence v3.0',
    file: `${name}.csv.gz`,
    sha256: sha256Hex(gz),
    bytes: gz.length,
    rows: table.numRows(),
    columns: table.columnNames(),
    indicators: [...indicatorIds].map((id) => ({ id, name: names.get(id) ?? null })),
    areaTypeId: options.areaTypeId,
    parentAreaTypeId: options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE,
    profileId: options.profileId ?? null,
    periods,
    source: {
      url,
      fetchedAt: entry.meta.fetchedAt,
      etag: entry.meta.etag,
      lastModified: entry.meta.lastModified,
      sha256: entry.meta.sha256,
      origin: entry.meta.origin,
      ...(entry.meta.importedFrom ? { importedFrom: entry.meta.importedFrom } : {}),
    },
    createdAt: new Date().toISOString(),
    createdBy: `healthgap ${healthgapVersion()}`,
  };
  writeFileAtomic(join(dir, info.file), gz);
  writeFileAtomic(join(dir, `${name}.json`), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/** The sidecars of every Fingertips release in a data directory (sorted by name). */
export function listFingertipsReleases(dataDir?: string): FingertipsReleaseInfo[] {
  const dir = fingertipsReleaseDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: FingertipsReleaseInfo[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    try {
      const info = JSON.parse(readFileSync(join(dir, f), 'utf8')) as FingertipsReleaseInfo;
      if (info && typeof info.name === 'string' && typeof info.file === 'string') out.push(info);
    } catch {
      // not a sidecar
    }
  }
  return out;
}

/**
 * Read a release back as a table (the release's columns, `value`, `lowercl`, `uppercl` …), after
 * checking the file against the SHA-256 in its sidecar.
 *
 * @example readFingertipsRelease('fingertips-90366-at502-pt15')
 */
export function readFingertipsRelease(name: string, dataDir?: string): ColumnTable {
  const dir = fingertipsReleaseDir(dataDir);
  const sidecar = join(dir, `${name}.json`);
  if (!existsSync(sidecar)) throw new HealthgapError(`no Fingertips release "${name}" in ${dir}`, 2);
  const info = JSON.parse(readFileSync(sidecar, 'utf8')) as FingertipsReleaseInfo;
  const file = join(dir, info.file);
  if (!existsSync(file)) throw new HealthgapError(`${sidecar}: its file ${info.file} is missing`, 2);
  const actual = sha256Hex(readFileSync(file));
  if (actual !== info.sha256)
    throw new HealthgapError(`${file}: SHA-256 ${actual} does not match the release's ${info.sha256} (the file was changed or damaged)`, 2);
  const schema: ColumnSpec[] = FINGERTIPS_COLUMNS.map((c) => ({ name: c.name, source: c.name, type: c.type, required: c.required }));
  return withHealthgapLimits(readTypedCsv(file, schema));
}
