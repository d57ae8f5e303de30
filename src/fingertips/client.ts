/**
 * The Fingertips API client: every endpoint healthgap uses, with the on-disk cache and the
 * offline fallback. Endpoints and parameters are those of the public API
 * (`https://fingertips.phe.org.uk/api/`, documented at `/api` on that site and used by
 * fingertipsR and fingertips_py):
 *
 * | Method | Endpoint |
 * |---|---|
 * | `profiles()` | `profiles` |
 * | `domains(profileId)` | `profiles` then `group_metadata?group_ids=…` |
 * | `indicators({ profileId, domainId })` | `indicator_names/by_group_id?group_ids=…` (100 domains a request) |
 * | `indicatorMetadata(ids)` | `indicator_metadata/csv/by_indicator_id?indicator_ids=…` |
 * | `areaTypes()` | `area_types` |
 * | `areas(areaTypeId, parentCode?)` | `areas/by_area_type?area_type_id=…` or `areas/by_parent_area_code?…` |
 * | `availableData(indicatorId)` | `available_data?indicator_id=…` (JSON; no CSV form) |
 * | `data(ids, { areaTypeId, parentAreaTypeId, profileId })` | `all_data/csv/by_indicator_id?…` (one request) |
 * | `dataByProfile` / `dataByDomain` | `all_data/csv/by_profile_id?…` / `all_data/csv/by_group_id?…` |
 *
 * How a response is obtained (`get`): with `offline`, only from the cache (a missing entry is an
 * error that says what is missing); otherwise a cached copy younger than `maxAgeHours` is used as
 * it is; an older one is revalidated with its `ETag`/`Last-Modified` (a 304 keeps it); a new body
 * is checked (valid JSON / a Fingertips export) before it is cached; when the API cannot be
 * reached or answers with an error or a malformed body, a cached copy is used with a note giving
 * its date, and only without one is it an error.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { HealthgapError, EXIT_FAILURE } from '../core/errors.js';
import { parseFingertipsExport } from '../io/fingertips.js';
import { parseCsv, snakeCase } from '../io/csv.js';
import { defaultFingertipsCacheDir, ResponseCache, type CachedResponseMeta } from './cache.js';
import { FingertipsApiError, httpGet, type HttpGetOptions } from './http.js';

/** The public Fingertips API. */
export const FINGERTIPS_API_URL = 'https://fingertips.phe.org.uk/api/';

/** Default parent area type of data requests: 15, England (so "compared to parent" is England). */
export const DEFAULT_PARENT_AREA_TYPE = 15;

/** Default freshness of cached responses, in hours. */
export const DEFAULT_MAX_AGE_HOURS = 24;

/** Options of {@link FingertipsClient}. */
export interface FingertipsClientOptions extends Pick<HttpGetOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'maxRetryAfterMs' | 'sleep'> {
  /** Base URL of the API; default `HEALTHGAP_FINGERTIPS_URL`, else the public API. */
  apiUrl?: string;
  /** Cache folder; default `<data directory>/cache/fingertips`. */
  cacheDir?: string;
  /** The analyst's data directory (the CLI's `--data-dir`), used when `cacheDir` is not given. */
  dataDir?: string;
  /** Use only the cache, never the network. */
  offline?: boolean;
  /** Cached responses younger than this are used without asking the API (default 24; 0 always revalidates). */
  maxAgeHours?: number;
  /** Environment for `HEALTHGAP_FINGERTIPS_URL`, `HEALTHGAP_DATA_DIR` and the proxy variables (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Most requests one client makes (a guard against request loops; default 200). */
  maxRequests?: number;
  /** Called with each note (stale copy used, offline …) as well as collecting it in `notes`. */
  onNote?: (note: string) => void;
}

/** A response body and where it came from. */
export interface FingertipsResponse {
  url: string;
  body: string;
  /** `network` (fetched now), `cache` (fresh copy), `revalidated` (304), `stale` (API failed, cached copy used), `offline`. */
  source: 'network' | 'cache' | 'revalidated' | 'stale' | 'offline';
  meta: CachedResponseMeta;
}

/** Options of the data requests. */
export interface FingertipsDataOptions {
  /** Child area type ID (e.g. 502 Counties & UAs from April 2023, 501 Districts & UAs, 6 regions). */
  areaTypeId: number;
  /** Parent (comparator) area type ID; default 15, England. */
  parentAreaTypeId?: number;
  /** Profile ID: the indicator's polarity and comparisons as in that profile. */
  profileId?: number;
}

/** A cached response is missing in offline mode. */
export class FingertipsOfflineError extends HealthgapError {
  constructor(
    readonly what: string,
    readonly url: string,
  ) {
    super(
      `offline: no cached copy of ${what} (${url}); run once without --offline to fetch it, or import an export with "healthgap fingertips import"`,
      EXIT_FAILURE,
    );
    this.name = 'FingertipsOfflineError';
  }
}

const CHUNK = 100;

function ids(list: readonly (number | string)[], what: string): number[] {
  const out = list.map((x) => (typeof x === 'number' ? x : Number(String(x).trim())));
  const bad = list.filter((_, i) => !Number.isInteger(out[i]) || out[i] < 0);
  if (bad.length || out.length === 0)
    throw new HealthgapError(`${what}: expected whole-number IDs, got ${list.length ? bad.map((b) => `"${b}"`).join(', ') : 'none'}`, 2);
  return [...new Set(out)];
}

/** Parse an ID list such as `"90362,90366 92901"` into numbers (an {@link HealthgapError} for anything else). */
export function parseIdList(text: string, what = 'indicator IDs'): number[] {
  return ids(text.split(/[\s,]+/).filter(Boolean), what);
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function asDate(iso: string): string {
  return iso
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
}

/** "fetched 2025-03-01 09:12:00 UTC", or "imported from x.csv 2025-03-01 …" for an imported export. */
function when(meta: CachedResponseMeta): string {
  return meta.origin === 'file' ? `imported from ${meta.importedFrom ?? 'a file'} ${asDate(meta.fetchedAt)}` : `fetched ${asDate(meta.fetchedAt)}`;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Check = (body: string, url: string) => void;

function parseJson(body: string, url: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch (e) {
    throw new FingertipsApiError(`Fingertips API: GET ${url} returned malformed JSON (${(e as Error).message.replace(/\s+/g, ' ')})`, url, 200);
  }
}

/** An array of objects each holding `fields` with the right JSON types; else a one-line error naming the URL. */
function records(body: string, url: string, fields: Record<string, 'number' | 'string' | 'array'>): Record<string, Json>[] {
  const j = parseJson(body, url);
  if (!Array.isArray(j)) throw new FingertipsApiError(`Fingertips API: GET ${url} returned ${j === null ? 'null' : typeof j}, expected a JSON array`, url, 200);
  j.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r))
      throw new FingertipsApiError(`Fingertips API: GET ${url}: item ${i + 1} is not an object`, url, 200);
    for (const [k, type] of Object.entries(fields)) {
      const v = (r as Record<string, Json>)[k];
      const ok = type === 'array' ? Array.isArray(v) : typeof v === type;
      if (!ok)
        throw new FingertipsApiError(`Fingertips API: GET ${url}: item ${i + 1} has no ${type} "${k}" (found ${JSON.stringify(v) ?? 'nothing'})`, url, 200);
    }
  });
  return j as Record<string, Json>[];
}

const check =
  (fields: Record<string, 'number' | 'string' | 'array'>): Check =>
  (body, url) =>
    void records(body, url, fields);
const checkExport: Check = (body, url) => void parseFingertipsExport(body, { label: url });
const checkCsv: Check = (body, url) => void parseCsv(body, { file: url, relaxColumnCount: true });

const PROFILE_FIELDS = { Id: 'number', Name: 'string', GroupIds: 'array' } as const;
const GROUP_FIELDS = { Id: 'number', Name: 'string' } as const;
const INDICATOR_NAME_FIELDS = { IndicatorId: 'number', IndicatorName: 'string', GroupId: 'number' } as const;
const AREA_TYPE_FIELDS = { Id: 'number', Name: 'string' } as const;
const AREA_FIELDS = { Code: 'string', Name: 'string' } as const;
const AVAILABLE_FIELDS = { IndicatorId: 'number', AreaTypeId: 'number' } as const;

/**
 * Add healthgap's `lowercl` and `uppercl` (the 95% limits) beside the export's columns, so the
 * table goes straight into `compare`, `recentTrend` and the charts.
 */
export function withHealthgapLimits(table: ColumnTable): ColumnTable {
  const lower = table.columnNames().includes('lower_ci_95') ? table.array('lower_ci_95') : new Array(table.numRows()).fill(null);
  const upper = table.columnNames().includes('upper_ci_95') ? table.array('upper_ci_95') : new Array(table.numRows()).fill(null);
  const out = table.assign({ lowercl: Array.from(lower as ArrayLike<unknown>), uppercl: Array.from(upper as ArrayLike<unknown>) });
  return Object.assign(out, { notes: (table as { notes?: string[] }).notes ?? [] });
}

/**
 * A client of the Fingertips API with a disk cache and an offline mode.
 *
 * @example
 * const ft = new FingertipsClient({ maxAgeHours: 24 * 7 });
 * const le = await ft.data([90366], { areaTypeId: 502, parentAreaTypeId: 6 });
 * ft.notes // e.g. ['Fingertips API unreachable (…); using the cached copy … fetched 2025-03-01 09:12 UTC']
 */
export class FingertipsClient {
  /** Base URL, ending in `/`. */
  readonly apiUrl: string;
  readonly cacheDir: string;
  readonly offline: boolean;
  readonly maxAgeHours: number;
  /** Notes for the analyst: stale or offline copies used. */
  readonly notes: string[] = [];
  /** Requests sent so far. */
  requests = 0;
  private readonly cache: ResponseCache;
  private readonly options: FingertipsClientOptions;

  constructor(options: FingertipsClientOptions = {}) {
    const env = options.env ?? process.env;
    const base = options.apiUrl ?? (env.HEALTHGAP_FINGERTIPS_URL || FINGERTIPS_API_URL);
    if (!/^https?:\/\/[^/]+/i.test(base)) throw new HealthgapError(`Fingertips API URL must start with http:// or https://, got "${base}"`, 2);
    this.apiUrl = base.endsWith('/') ? base : `${base}/`;
    this.cacheDir = options.cacheDir ?? defaultFingertipsCacheDir({ dataDir: options.dataDir, env });
    this.offline = options.offline ?? false;
    this.maxAgeHours = options.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS;
    if (!(this.maxAgeHours >= 0)) throw new HealthgapError(`cache age must be zero or more hours, got ${options.maxAgeHours}`, 2);
    this.cache = new ResponseCache(this.cacheDir);
    this.options = options;
  }

  /** The full URL of an endpoint with its query (values in the order given; lists joined by commas). */
  url(path: string, query: Record<string, string | number | readonly (string | number)[] | undefined> = {}): string {
    const parts = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`);
    return `${this.apiUrl}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
  }

  private note(text: string): void {
    this.notes.push(text);
    this.options.onNote?.(text);
  }

  /** The cached response of a URL (null when none), without any request. */
  cached(url: string): { meta: CachedResponseMeta; body: string } | null {
    return this.cache.read(url);
  }

  /**
   * A response body, from the cache or the API as described in the module comment. `what` names
   * the request for messages ("data for indicator 90366 (area type 502)"); `validate` throws on
   * a body that must not be cached.
   */
  async get(url: string, what: string, validate: Check = () => undefined): Promise<FingertipsResponse> {
    const entry = this.cache.read(url);
    if (this.offline) {
      if (!entry) throw new FingertipsOfflineError(what, url);
      this.note(`offline: ${what} from the cache, ${when(entry.meta)}`);
      return { url, body: entry.body, source: 'offline', meta: entry.meta };
    }
    if (entry) {
      const age = Date.now() - Date.parse(entry.meta.fetchedAt);
      if (age >= 0 && age < this.maxAgeHours * 3_600_000) return { url, body: entry.body, source: 'cache', meta: entry.meta };
    }
    const limit = this.options.maxRequests ?? 200;
    if (this.requests >= limit)
      throw new HealthgapError(`Fingertips client: more than ${limit} requests in one run; stopping (raise maxRequests if this is intended)`, EXIT_FAILURE);
    this.requests++;
    try {
      const r = await httpGet(url, {
        timeoutMs: this.options.timeoutMs,
        retries: this.options.retries,
        backoffMs: this.options.backoffMs,
        maxRetryAfterMs: this.options.maxRetryAfterMs,
        sleep: this.options.sleep,
        env: this.options.env,
        etag: entry?.meta.etag,
        lastModified: entry?.meta.lastModified,
      });
      if (r.status === 304 && entry) {
        const meta = this.cache.touch(url) ?? entry.meta;
        return { url, body: entry.body, source: 'revalidated', meta };
      }
      if (r.status === 304) throw new FingertipsApiError(`Fingertips API: GET ${url} answered 304 Not Modified but nothing is cached`, url, 304);
      validate(r.body, url);
      const meta = this.cache.write(url, r.body, { etag: r.etag, lastModified: r.lastModified, contentType: r.contentType, origin: 'network' });
      return { url, body: r.body, source: 'network', meta };
    } catch (e) {
      if (!(e instanceof HealthgapError) || !entry) throw e;
      this.note(`${e.message}; using the cached copy of ${what} ${when(entry.meta)}`);
      return { url, body: entry.body, source: 'stale', meta: entry.meta };
    }
  }

  private async json(
    path: string,
    query: Record<string, string | number | readonly (string | number)[] | undefined>,
    what: string,
    fields: Record<string, 'number' | 'string' | 'array'>,
  ): Promise<Record<string, Json>[]> {
    const url = this.url(path, query);
    const r = await this.get(url, what, check(fields));
    return records(r.body, url, fields);
  }

  /**
   * Every profile: `profile_id`, `profile_name`, `profile_key` (the website's URL stub), `domain_ids`
   * (comma-separated) and `domain_count`.
   *
   * @example (await ft.profiles()).filter((d) => d.profile_id === 19) // Public Health Outcomes Framework
   */
  async profiles(): Promise<ColumnTable> {
    const rows = await this.json('profiles', {}, 'the list of profiles', PROFILE_FIELDS);
    return aq.from(
      rows.map((r) => ({
        profile_id: r.Id as number,
        profile_name: r.Name as string,
        profile_key: typeof r.Key === 'string' ? r.Key : null,
        domain_count: (r.GroupIds as Json[]).length,
        domain_ids: (r.GroupIds as Json[]).join(','),
      })),
    );
  }

  /** The domain (group) IDs of a profile, in the profile's order. */
  async domainIds(profileId: number): Promise<number[]> {
    const profiles = await this.json('profiles', {}, 'the list of profiles', PROFILE_FIELDS);
    const p = profiles.find((r) => r.Id === profileId);
    if (!p) throw new HealthgapError(`Fingertips: no profile with ID ${profileId} (see "healthgap fingertips profiles")`, 2);
    return (p.GroupIds as Json[]).filter((g): g is number => typeof g === 'number');
  }

  /** The domains of a profile: `profile_id`, `domain_id`, `domain_name`, `sequence` (1 = first). */
  async domains(profileId: number): Promise<ColumnTable> {
    const groupIds = await this.domainIds(profileId);
    const names = await this.groupNames(groupIds);
    return aq.from(groupIds.map((g, i) => ({ profile_id: profileId, domain_id: g, domain_name: names.get(g) ?? null, sequence: i + 1 })));
  }

  private async groupNames(groupIds: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const part of chunks(groupIds, CHUNK)) {
      const rows = await this.json('group_metadata', { group_ids: part }, `the names of ${part.length} domain${part.length === 1 ? '' : 's'}`, GROUP_FIELDS);
      for (const r of rows) out.set(r.Id as number, r.Name as string);
    }
    return out;
  }

  /**
   * Indicators of a profile, of a domain, or of every profile: `indicator_id`, `indicator_name`,
   * `domain_id`, `domain_name`, `profile_id`, `profile_name`; `search` keeps rows whose name
   * contains the text (case-insensitive) or whose ID equals it.
   *
   * @example await ft.indicators({ profileId: 19, search: 'life expectancy' })
   */
  async indicators(options: { profileId?: number; domainId?: number; search?: string } = {}): Promise<ColumnTable> {
    const profiles = await this.json('profiles', {}, 'the list of profiles', PROFILE_FIELDS);
    const groupProfile = new Map<number, { id: number; name: string }>();
    for (const p of profiles)
      for (const g of p.GroupIds as Json[])
        if (typeof g === 'number' && !groupProfile.has(g)) groupProfile.set(g, { id: p.Id as number, name: p.Name as string });
    let groupIds: number[];
    if (options.domainId !== undefined) groupIds = [options.domainId];
    else if (options.profileId !== undefined) {
      const p = profiles.find((r) => r.Id === options.profileId);
      if (!p) throw new HealthgapError(`Fingertips: no profile with ID ${options.profileId} (see "healthgap fingertips profiles")`, 2);
      groupIds = (p.GroupIds as Json[]).filter((g): g is number => typeof g === 'number');
      for (const g of groupIds) groupProfile.set(g, { id: p.Id as number, name: p.Name as string });
    } else groupIds = [...groupProfile.keys()];
    const names = await this.groupNames(groupIds);
    const rows: Record<string, unknown>[] = [];
    for (const part of chunks(groupIds, CHUNK)) {
      const got = await this.json(
        'indicator_names/by_group_id',
        { group_ids: part },
        `the indicators of ${part.length} domain${part.length === 1 ? '' : 's'}`,
        INDICATOR_NAME_FIELDS,
      );
      for (const r of got) {
        const g = r.GroupId as number;
        rows.push({
          indicator_id: r.IndicatorId as number,
          indicator_name: String(r.IndicatorName).replace(/\s+/g, ' ').trim(),
          domain_id: g,
          domain_name: names.get(g) ?? null,
          profile_id: groupProfile.get(g)?.id ?? null,
          profile_name: groupProfile.get(g)?.name ?? null,
        });
      }
    }
    const s = options.search?.trim().toLowerCase();
    const kept = s ? rows.filter((r) => String(r.indicator_name).toLowerCase().includes(s) || String(r.indicator_id) === s) : rows;
    return kept.length ? aq.from(kept) : aq.table({ indicator_id: [], indicator_name: [], domain_id: [], domain_name: [], profile_id: [], profile_name: [] });
  }

  /**
   * Indicator metadata (the CSV endpoint, one request): one row per indicator with the export's
   * columns in snake_case (`indicator_id`, `indicator`, `definition`, `data_source`, `methodology`,
   * `unit`, `value_type`, `polarity`, `confidence_interval_details` …).
   */
  async indicatorMetadata(indicatorIds: readonly number[], profileId?: number): Promise<ColumnTable> {
    const list = ids(indicatorIds, 'indicator metadata');
    const url = this.url('indicator_metadata/csv/by_indicator_id', { indicator_ids: list, profile_id: profileId });
    const r = await this.get(url, `the metadata of indicator${list.length === 1 ? '' : 's'} ${list.join(', ')}`, checkCsv);
    const rec = parseCsv(r.body, { file: url, relaxColumnCount: true });
    const names = rec.header.map((h) => snakeCase(h));
    const rows = rec.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, n === 'indicator_id' ? Number(row[i]) : (row[i] ?? '').trim() || null])));
    return rows.length ? aq.from(rows) : aq.table(Object.fromEntries(names.map((n) => [n, []])));
  }

  /** Area types: `area_type_id`, `area_type_name`, `area_type_short`. */
  async areaTypes(): Promise<ColumnTable> {
    const rows = await this.json('area_types', {}, 'the list of area types', AREA_TYPE_FIELDS);
    return aq.from(
      rows.map((r) => ({ area_type_id: r.Id as number, area_type_name: r.Name as string, area_type_short: typeof r.Short === 'string' ? r.Short : null })),
    );
  }

  /** Areas of a type (optionally within a parent area): `area_code`, `area_name`, `area_short_name`, `area_type_id`. */
  async areas(areaTypeId: number, parentAreaCode?: string): Promise<ColumnTable> {
    const rows = parentAreaCode
      ? await this.json(
          'areas/by_parent_area_code',
          { area_type_id: areaTypeId, parent_area_code: parentAreaCode },
          `the areas of type ${areaTypeId} in ${parentAreaCode}`,
          AREA_FIELDS,
        )
      : await this.json('areas/by_area_type', { area_type_id: areaTypeId }, `the areas of type ${areaTypeId}`, AREA_FIELDS);
    return aq.from(
      rows.map((r) => ({
        area_code: r.Code as string,
        area_name: r.Name as string,
        area_short_name: typeof r.Short === 'string' ? r.Short : null,
        area_type_id: typeof r.AreaTypeId === 'number' ? r.AreaTypeId : areaTypeId,
      })),
    );
  }

  /** The area types an indicator has data for (JSON only): `indicator_id`, `area_type_id`. */
  async availableData(indicatorId: number): Promise<ColumnTable> {
    const rows = await this.json('available_data', { indicator_id: indicatorId }, `the area types of indicator ${indicatorId}`, AVAILABLE_FIELDS);
    return aq.from(rows.map((r) => ({ indicator_id: r.IndicatorId as number, area_type_id: r.AreaTypeId as number })));
  }

  /** The URL of a data request for indicators (what {@link data} fetches and caches). */
  dataUrl(indicatorIds: readonly number[], options: FingertipsDataOptions): string {
    return this.url('all_data/csv/by_indicator_id', {
      indicator_ids: ids(indicatorIds, 'data'),
      child_area_type_id: options.areaTypeId,
      parent_area_type_id: options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE,
      profile_id: options.profileId,
      include_sortable_time_periods: 'yes',
    });
  }

  /**
   * Data for indicators at an area type, with one request to `all_data/csv/by_indicator_id`: the
   * export's columns (as `readFingertipsExport` names them) plus `lowercl` and `uppercl`.
   *
   * @example const t = await ft.data([93356], { areaTypeId: 102, parentAreaTypeId: 6 });
   */
  async data(indicatorIds: readonly number[], options: FingertipsDataOptions): Promise<ColumnTable> {
    const list = ids(indicatorIds, 'data');
    const url = this.dataUrl(list, options);
    const r = await this.get(
      url,
      `data for indicator${list.length === 1 ? '' : 's'} ${list.join(', ')} (area type ${options.areaTypeId}, parent area type ${options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE})`,
      checkExport,
    );
    return withHealthgapLimits(parseFingertipsExport(r.body, { label: url }));
  }

  /** Data for every indicator of a profile (`all_data/csv/by_profile_id`). */
  async dataByProfile(profileId: number, options: Omit<FingertipsDataOptions, 'profileId'>): Promise<ColumnTable> {
    const url = this.url('all_data/csv/by_profile_id', {
      child_area_type_id: options.areaTypeId,
      parent_area_type_id: options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE,
      profile_id: profileId,
      include_sortable_time_periods: 'yes',
    });
    const r = await this.get(url, `data for profile ${profileId} (area type ${options.areaTypeId})`, checkExport);
    return withHealthgapLimits(parseFingertipsExport(r.body, { label: url }));
  }

  /** Data for every indicator of a domain (`all_data/csv/by_group_id`). */
  async dataByDomain(domainId: number, options: Omit<FingertipsDataOptions, 'profileId'>): Promise<ColumnTable> {
    const url = this.url('all_data/csv/by_group_id', {
      child_area_type_id: options.areaTypeId,
      parent_area_type_id: options.parentAreaTypeId ?? DEFAULT_PARENT_AREA_TYPE,
      group_id: domainId,
      include_sortable_time_periods: 'yes',
    });
    const r = await this.get(url, `data for domain ${domainId} (area type ${options.areaTypeId})`, checkExport);
    return withHealthgapLimits(parseFingertipsExport(r.body, { label: url }));
  }

  /**
   * Put a Fingertips export file that an analyst downloaded into the cache, under the URL of the
   * data request it answers, so that offline runs and profiles use it. The entry records the file
   * (`origin: 'file'`); the export is checked first.
   *
   * @example ft.importExport('indicators-CountyUA.data.csv', [93356], { areaTypeId: 102, parentAreaTypeId: 6 })
   */
  importExport(text: string, indicatorIds: readonly number[], options: FingertipsDataOptions & { file: string; fetchedAt?: string }): CachedResponseMeta {
    const url = this.dataUrl(indicatorIds, options);
    const table = parseFingertipsExport(text, { label: options.file });
    const found = new Set((table.array('indicator_id') as (number | null)[]).filter((x): x is number => x !== null));
    const missing = ids(indicatorIds, 'import').filter((i) => !found.has(i));
    if (missing.length)
      throw new HealthgapError(
        `${options.file}: no rows for indicator${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (it holds ${[...found].join(', ') || 'none'})`,
        2,
      );
    return this.cache.write(url, text, { origin: 'file', importedFrom: options.file, fetchedAt: options.fetchedAt });
  }

  /** Metadata of every cached response in this client's cache folder. */
  cacheEntries(): CachedResponseMeta[] {
    return this.cache.list();
  }
}
