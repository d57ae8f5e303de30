/**
 * Fingertips data for one place, from what is on disk only (the response cache and promoted
 * releases; never the network, so a profile builds offline and the same inputs give the same
 * report): for each indicator × sex × age, the place's latest value with Fingertips' own
 * confidence limits and published comparisons, England's and the parent's values, the range
 * across the place's peers (same area type) for the spine chart, the place's series over time for
 * the trend chart, and the recent trend (as published; computed by healthgap with the Fingertips
 * method only where the export has none).
 */
import type { ColumnTable } from 'arquero';
import { parseFingertipsExport } from '../io/fingertips.js';
import { recentTrend } from '../stats/trend.js';
import type { Polarity } from '../stats/benchmark.js';
import { ResponseCache, sha256Hex, type CachedResponseMeta } from './cache.js';
import { withHealthgapLimits } from './client.js';
import { listFingertipsReleases, readFingertipsRelease } from './release.js';
import type { FingertipsSelection } from './selection.js';

/** England's area code in Fingertips. */
export const FINGERTIPS_ENGLAND = 'E92000001';

/** Where an indicator's data came from. */
export interface FingertipsSource {
  indicatorIds: number[];
  url: string;
  fetchedAt: string;
  origin: 'network' | 'file' | 'release';
  /** The export file (imported entries) or the release name. */
  detail?: string;
}

/** One row of a Fingertips table as plain values. */
export interface FingertipsRow {
  indicator_id: number;
  indicator_name: string;
  area_code: string;
  area_name: string;
  area_type: string;
  parent_code: string | null;
  sex: string;
  age: string;
  category_type: string | null;
  time_period: string;
  time_period_sortable: number | null;
  value: number | null;
  lowercl: number | null;
  uppercl: number | null;
  count: number | null;
  denominator: number | null;
  value_note: string | null;
  recent_trend: string | null;
  compared_to_england: string | null;
  compared_to_parent: string | null;
}

/** One indicator × sex × age for the place. */
export interface FingertipsPlaceSeries {
  indicatorId: number;
  indicatorName: string;
  sex: string;
  age: string;
  /** The place's latest row with a value (or its latest row). */
  latest: FingertipsRow;
  england: FingertipsRow | null;
  parent: FingertipsRow | null;
  /** Lowest, 25th percentile, median, 75th percentile and highest value of the place's peers (same area type) in the latest period; null with fewer than 2 peers. */
  range: [number, number, number, number, number] | null;
  peers: number;
  /** The place's rows, oldest first. */
  series: FingertipsRow[];
  /** England's rows for the same periods. */
  englandSeries: FingertipsRow[];
  polarity: Polarity;
  /** How the polarity was found: from the published Better/Worse judgements, Higher/Lower (no judgement), or unknown. */
  polaritySource: 'published judgements' | 'unknown';
  recentTrend: string | null;
  recentTrendSource: 'published' | 'healthgap' | 'none';
}

/** The result of {@link fingertipsPlaceData}. */
export interface FingertipsPlaceData {
  series: FingertipsPlaceSeries[];
  sources: FingertipsSource[];
  /** Indicators asked for with nothing on disk (selection by IDs only). */
  missing: number[];
  /** Indicators on disk with no row for the place. */
  notForPlace: number[];
}

function idsParam(url: string, name: string): number[] {
  const m = new RegExp(`[?&]${name}=([^&]*)`).exec(url);
  return m ? decodeURIComponent(m[1]).split(',').map(Number).filter(Number.isInteger) : [];
}

function matches(url: string, s: FingertipsSelection): number[] | null {
  if (s.kind === 'indicators') {
    if (!url.includes('all_data/csv/by_indicator_id')) return null;
    const got = idsParam(url, 'indicator_ids').filter((i) => s.indicatorIds.includes(i));
    return got.length ? got : null;
  }
  if (s.kind === 'profile') return url.includes('all_data/csv/by_profile_id') && idsParam(url, 'profile_id')[0] === s.profileId ? [] : null;
  return url.includes('all_data/csv/by_group_id') && idsParam(url, 'group_id')[0] === s.domainId ? [] : null;
}

function rowsOf(t: ColumnTable): FingertipsRow[] {
  return t.objects() as unknown as FingertipsRow[];
}

/** Linear-interpolation quantile (R type 7) of sorted numbers. */
function q7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

function inferPolarity(rows: FingertipsRow[], england: Map<string, number | null>): { polarity: Polarity; source: FingertipsPlaceSeries['polaritySource'] } {
  let high = 0;
  let low = 0;
  let bob = 0;
  for (const r of rows) {
    const e = england.get(r.time_period);
    const label = r.compared_to_england ?? '';
    if (/^(Higher|Lower|Highest|Lowest)$/.test(label)) bob++;
    if (e === null || e === undefined || r.value === null) continue;
    if (/^(Better|Best)$/.test(label)) r.value > e ? high++ : r.value < e ? low++ : 0;
    if (/^(Worse|Worst)$/.test(label)) r.value < e ? high++ : r.value > e ? low++ : 0;
  }
  if (high + low > 0) return { polarity: high >= low ? 'high-is-good' : 'low-is-good', source: 'published judgements' };
  if (bob > 0) return { polarity: 'no-judgement', source: 'published judgements' };
  return { polarity: 'no-judgement', source: 'unknown' };
}

function sortKey(r: FingertipsRow): number | string {
  return r.time_period_sortable ?? r.time_period;
}

function byPeriod(a: FingertipsRow, b: FingertipsRow): number {
  const x = sortKey(a);
  const y = sortKey(b);
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

/**
 * Summarise a Fingertips table (as `client.data` returns it) for one area: one
 * {@link FingertipsPlaceSeries} per indicator × sex × age with rows for the area (category
 * breakdowns are left out).
 *
 * @example placeSeries(await ft.data([93356], { areaTypeId: 102, parentAreaTypeId: 6 }), 'E08000028')
 */
export function placeSeries(table: ColumnTable, areaCode: string): FingertipsPlaceSeries[] {
  const rows = rowsOf(table).filter((r) => !r.category_type);
  const groups = new Map<string, FingertipsRow[]>();
  for (const r of rows) {
    const k = `${r.indicator_id}\u0000${r.sex}\u0000${r.age}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const out: FingertipsPlaceSeries[] = [];
  for (const g of groups.values()) {
    const place = g.filter((r) => r.area_code === areaCode).sort(byPeriod);
    if (place.length === 0) continue;
    const withValue = place.filter((r) => r.value !== null);
    const latest = withValue.length ? withValue[withValue.length - 1] : place[place.length - 1];
    const englandRows = g.filter((r) => r.area_code === FINGERTIPS_ENGLAND).sort(byPeriod);
    const englandBy = new Map(englandRows.map((r) => [r.time_period, r.value]));
    const england = englandRows.find((r) => r.time_period === latest.time_period) ?? null;
    const parent = latest.parent_code ? (g.find((r) => r.area_code === latest.parent_code && r.time_period === latest.time_period) ?? null) : null;
    const peers = g
      .filter((r) => r.area_type === latest.area_type && r.time_period === latest.time_period && r.value !== null)
      .map((r) => r.value as number)
      .sort((a, b) => a - b);
    const range =
      peers.length >= 2
        ? ([peers[0], q7(peers, 0.25), q7(peers, 0.5), q7(peers, 0.75), peers[peers.length - 1]] as [number, number, number, number, number])
        : null;
    const peerRows = g.filter((r) => r.area_type === latest.area_type);
    const { polarity, source } = inferPolarity(peerRows, englandBy);
    let trend = latest.recent_trend && latest.recent_trend.trim() ? latest.recent_trend.trim() : null;
    let trendSource: FingertipsPlaceSeries['recentTrendSource'] = trend ? 'published' : 'none';
    if (!trend) {
      const r = recentTrend(
        place.map((p) => ({
          period: p.time_period_sortable ?? p.time_period,
          value: p.value,
          lower95: p.lowercl,
          upper95: p.uppercl,
          count: p.count,
          denominator: p.denominator,
        })),
        { polarity, test: 'weighted-regression' },
      );
      trend = r.label;
      trendSource = 'healthgap';
    }
    out.push({
      indicatorId: latest.indicator_id,
      indicatorName: latest.indicator_name,
      sex: latest.sex,
      age: latest.age,
      latest,
      england,
      parent,
      range,
      peers: peers.length,
      series: place,
      englandSeries: englandRows.filter((r) => place.some((p) => p.time_period === r.time_period)),
      polarity,
      polaritySource: source,
      recentTrend: trend,
      recentTrendSource: trendSource,
    });
  }
  return out.sort((a, b) => a.indicatorId - b.indicatorId || a.sex.localeCompare(b.sex) || a.age.localeCompare(b.age));
}

/** Options of {@link fingertipsPlaceData}. */
export interface FingertipsPlaceDataOptions {
  /** The cache folder to read. */
  cacheDir: string;
  /** The data directory whose `releases/fingertips` to read too. */
  dataDir?: string;
}

/**
 * The Fingertips data on disk for a selection and a place: cached responses (newest first), then
 * promoted releases; for each indicator the newest source that has the place is used.
 *
 * @example fingertipsPlaceData(parseFingertipsSelection('93356'), 'E08000028', { cacheDir })
 */
export function fingertipsPlaceData(selection: FingertipsSelection, areaCode: string, options: FingertipsPlaceDataOptions): FingertipsPlaceData {
  const cache = new ResponseCache(options.cacheDir);
  const candidates: { meta: CachedResponseMeta | null; release?: string; ids: number[]; fetchedAt: string; url: string }[] = [];
  for (const meta of cache.list()) {
    const ids = matches(meta.url, selection);
    if (ids) candidates.push({ meta, ids, fetchedAt: meta.fetchedAt, url: meta.url });
  }
  if (selection.kind === 'indicators') {
    for (const rel of listFingertipsReleases(options.dataDir)) {
      const ids = rel.indicators.map((i) => i.id).filter((i) => selection.indicatorIds.includes(i));
      if (ids.length) candidates.push({ meta: null, release: rel.name, ids, fetchedAt: rel.source.fetchedAt, url: rel.source.url });
    }
  }
  candidates.sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt));
  const series: FingertipsPlaceSeries[] = [];
  const sources: FingertipsSource[] = [];
  const done = new Set<number>();
  const onDisk = new Set<number>();
  for (const c of candidates) {
    let table: ColumnTable;
    if (c.meta) {
      const entry = cache.read(c.meta.url);
      if (!entry) continue;
      table = withHealthgapLimits(parseFingertipsExport(entry.body, { label: c.url }));
    } else table = readFingertipsRelease(c.release as string, options.dataDir);
    const all = placeSeries(table, areaCode);
    for (const id of new Set(table.array('indicator_id') as number[])) onDisk.add(id);
    const fresh = all.filter((s) => !done.has(s.indicatorId) && (selection.kind !== 'indicators' || selection.indicatorIds.includes(s.indicatorId)));
    if (fresh.length === 0) continue;
    const used = [...new Set(fresh.map((s) => s.indicatorId))];
    used.forEach((i) => done.add(i));
    series.push(...fresh);
    sources.push({
      indicatorIds: used,
      url: c.url,
      fetchedAt: c.fetchedAt,
      origin: c.meta ? c.meta.origin : 'release',
      detail: c.meta ? c.meta.importedFrom : c.release,
    });
  }
  const wanted = selection.kind === 'indicators' ? selection.indicatorIds : [...onDisk];
  return {
    series: series.sort((a, b) => wanted.indexOf(a.indicatorId) - wanted.indexOf(b.indicatorId) || a.sex.localeCompare(b.sex) || a.age.localeCompare(b.age)),
    sources,
    missing: selection.kind === 'indicators' ? wanted.filter((i) => !onDisk.has(i)) : [],
    notForPlace: [...onDisk].filter((i) => !done.has(i) && (selection.kind !== 'indicators' || selection.indicatorIds.includes(i))),
  };
}

/**
 * SHA-256 over what the Fingertips section can read: the URL and body SHA-256 of every cached
 * data response and the name and file SHA-256 of every release. Changes when data are fetched,
 * imported or promoted; used to key `profiles --resume`.
 *
 * @example fingertipsDataFingerprint({ cacheDir }) // 'c0ffee…'
 */
export function fingertipsDataFingerprint(options: FingertipsPlaceDataOptions): string {
  const parts = new ResponseCache(options.cacheDir)
    .list()
    .filter((m) => m.url.includes('all_data/csv/'))
    .map((m) => `${m.url}\u0000${m.sha256}`);
  for (const r of listFingertipsReleases(options.dataDir)) parts.push(`release:${r.name}\u0000${r.sha256}`);
  return sha256Hex(parts.sort().join('\n'));
}
