/**
 * The Fingertips client against a local stand-in API on 127.0.0.1 (tests/fingertips/server.ts):
 * the real bundled export on the CSV data endpoint, JSON fixtures elsewhere. No test reaches the
 * internet.
 *
 * Independent arithmetic used below (from the export's own Count and Denominator columns):
 * England 2015: 51,897 / 54,786,327 × 100,000 = 94.7262 per 100,000;
 * Sandwell (E08000028) 2017: 261 / 322,712 × 100,000 = 80.8771.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { FingertipsClient, FingertipsOfflineError } from '../../src/fingertips/client.js';
import { FingertipsApiError, retryAfterMs, userAgent, closeHttpAgents } from '../../src/fingertips/http.js';
import { promoteToRelease, readFingertipsRelease, listFingertipsReleases } from '../../src/fingertips/release.js';
import { startFakeApi, startFakeProxy, BUNDLED_EXPORT, type FakeApi } from './server.js';

let api: FakeApi;
let dir: string;
const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};

beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(async () => {
  await closeHttpAgents();
  await api.close();
});
afterEach(() => {
  api.script.length = 0;
  api.requests.length = 0;
  waits.length = 0;
});

function client(extra: Partial<ConstructorParameters<typeof FingertipsClient>[0]> = {}): FingertipsClient {
  dir = mkdtempSync(join(tmpdir(), 'hg-ft-'));
  return new FingertipsClient({ apiUrl: api.url, cacheDir: join(dir, 'cache'), env: {}, retries: 2, backoffMs: 10, sleep, ...extra });
}

const DATA = { areaTypeId: 102, parentAreaTypeId: 6 };

describe('data endpoint (real export)', () => {
  it('fetches all_data/csv/by_indicator_id once, gzipped, with a healthgap User-Agent, into the export columns plus lowercl/uppercl', async () => {
    const ft = client();
    const t = await ft.data([93356], DATA);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].path).toBe(
      '/api/all_data/csv/by_indicator_id?indicator_ids=93356&child_area_type_id=102&parent_area_type_id=6&include_sortable_time_periods=yes',
    );
    expect(api.requests[0].headers['user-agent']).toBe(userAgent());
    expect(userAgent()).toMatch(/^healthgap\/\d+\.\d+\.\d+ \(Fingertips client; Node v\d+/);
    expect(String(api.requests[0].headers['accept-encoding'])).toContain('gzip');
    expect(t.numRows()).toBe(852);
    expect(t.columnNames()).toEqual(
      expect.arrayContaining(['indicator_id', 'area_code', 'time_period', 'value', 'lower_ci_95', 'upper_ci_95', 'compared_to_england', 'lowercl', 'uppercl']),
    );
    const eng = t.objects().find((r: any) => r.area_code === 'E92000001' && r.time_period === '2015' && r.age === 'All ages' && !r.category_type) as any;
    expect(eng.value).toBeCloseTo((51897 / 54786327) * 1e5, 9);
    expect([eng.lowercl, eng.uppercl]).toEqual([eng.lower_ci_95, eng.upper_ci_95]);
    expect(eng.lowercl).toBeCloseTo(93.9129396546008, 10);
    const sandwell = t.objects().find((r: any) => r.area_code === 'E08000028' && r.time_period === '2017' && r.age === 'All ages') as any;
    expect(sandwell.value).toBeCloseTo((261 / 322712) * 1e5, 9);
    expect(sandwell.compared_to_england).toBe('Better');
  });

  it('serves a fresh cached copy without a request, and revalidates an old one with its ETag (304)', async () => {
    const ft = client();
    await ft.data([93356], DATA);
    const again = await ft.get(ft.dataUrl([93356], DATA), 'data');
    expect(again.source).toBe('cache');
    expect(api.requests).toHaveLength(1);
    const stale = new FingertipsClient({ apiUrl: api.url, cacheDir: ft.cacheDir, env: {}, maxAgeHours: 0 });
    const r = await stale.get(stale.dataUrl([93356], DATA), 'data');
    expect(r.source).toBe('revalidated');
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1].headers['if-none-match']).toBe('"export-93356-v1"');
    expect(api.requests[1].headers['if-modified-since']).toBe('Sun, 27 Dec 2020 12:00:00 GMT');
    expect(r.body).toBe(readFileSync(BUNDLED_EXPORT, 'utf8'));
  });

  it('stores the URL, time, validators and SHA-256 beside the gzipped body', async () => {
    const ft = client();
    await ft.data([93356], DATA);
    const [meta] = ft.cacheEntries();
    const raw = readFileSync(BUNDLED_EXPORT);
    expect(meta.url).toBe(ft.dataUrl([93356], DATA));
    expect(meta.etag).toBe('"export-93356-v1"');
    expect(meta.lastModified).toBe('Sun, 27 Dec 2020 12:00:00 GMT');
    expect(meta.bytes).toBe(200816);
    expect(meta.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(Date.now() - Date.parse(meta.fetchedAt)).toBeLessThan(60_000);
    const key = createHash('sha256').update(meta.url).digest('hex').slice(0, 32);
    expect(gunzipSync(readFileSync(join(ft.cacheDir, `${key}.body.gz`))).equals(raw)).toBe(true);
  });

  it('an indicator with no data gives an empty table with the export columns', async () => {
    const t = await client().data([90366], { areaTypeId: 502 });
    expect(t.numRows()).toBe(0);
    expect(t.columnNames()).toContain('lowercl');
  });
});

describe('failures', () => {
  it('retries a 500 with exponential back-off, then succeeds', async () => {
    api.script.push({ status: 500 }, { status: 502 });
    const t = await client().profiles();
    expect(api.requests).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
    expect(t.numRows()).toBe(2);
  });

  it('gives up after the retries with one line naming the URL and status', async () => {
    api.script.push({ status: 500 }, { status: 500 }, { status: 503 });
    const e = await client()
      .profiles()
      .catch((x) => x);
    expect(e).toBeInstanceOf(FingertipsApiError);
    expect(e.message).toBe(`Fingertips API: GET ${api.url}profiles failed: HTTP 503 Service Unavailable (3 attempts)`);
    expect(e.status).toBe(503);
    expect(e.message).not.toContain('\n');
  });

  it('honours Retry-After on a 429', async () => {
    api.script.push({ status: 429, headers: { 'retry-after': '2' } });
    await client().profiles();
    expect(waits).toEqual([2000]);
    expect(api.requests).toHaveLength(2);
  });

  it('stops when Retry-After is longer than allowed, saying so', async () => {
    api.script.push({ status: 429, headers: { 'retry-after': '3600' } });
    const e = await client({ maxRetryAfterMs: 60_000 })
      .profiles()
      .catch((x) => x);
    expect(e.message).toBe(
      `Fingertips API: GET ${api.url}profiles failed: HTTP 429 Too Many Requests; the server asked to retry after 3600 s, longer than the 60 s allowed`,
    );
    expect(api.requests).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    const ft = client();
    const e = await ft.get(ft.url('no_such_endpoint'), 'x').catch((x) => x);
    expect(e.message).toBe(`Fingertips API: GET ${api.url}no_such_endpoint failed: HTTP 404 Not Found`);
    expect(api.requests).toHaveLength(1);
  });

  it('times out each attempt', async () => {
    api.script.push({ delayMs: 1500, body: '[]' }, { delayMs: 1500, body: '[]' });
    const e = await client({ timeoutMs: 200, retries: 1 })
      .profiles()
      .catch((x) => x);
    expect(e.message).toBe(`Fingertips API: GET ${api.url}profiles failed: timed out after 0.2 s (2 attempts)`);
    expect(e.status).toBeNull();
  });

  it('rejects malformed JSON and wrong shapes without caching them', async () => {
    api.script.push({ body: '[{"Id": 19, "Name": "Public' });
    const ft = client();
    const e = await ft.profiles().catch((x) => x);
    expect(e.message).toMatch(new RegExp(`^Fingertips API: GET ${api.url}profiles returned malformed JSON \\(`));
    expect(ft.cacheEntries()).toEqual([]);
    api.script.push({ body: '{"Message":"An error has occurred."}' });
    expect((await ft.profiles().catch((x) => x)).message).toBe(`Fingertips API: GET ${api.url}profiles returned object, expected a JSON array`);
    api.script.push({ body: '[{"Id":"19","Name":"PHOF","GroupIds":[]}]' });
    expect((await ft.profiles().catch((x) => x)).message).toBe(`Fingertips API: GET ${api.url}profiles: item 1 has no number "Id" (found "19")`);
  });

  it('reports a refused connection as a network error naming the URL', async () => {
    const closed = await startFakeApi();
    await closed.close();
    const ft = new FingertipsClient({ apiUrl: closed.url, cacheDir: join(mkdtempSync(join(tmpdir(), 'hg-ft-')), 'c'), env: {}, retries: 0 });
    const e = await ft.profiles().catch((x) => x);
    expect(e.message).toBe(`Fingertips API: GET ${closed.url}profiles failed: network error (ECONNREFUSED) (1 attempt)`);
  });
});

describe('cache fallbacks and offline', () => {
  it('uses the stale cached copy when the API fails, with a note giving its date', async () => {
    const first = client();
    await first.data([93356], DATA);
    const fetchedAt = first.cacheEntries()[0].fetchedAt;
    const ft = new FingertipsClient({ apiUrl: api.url, cacheDir: first.cacheDir, env: {}, maxAgeHours: 0, retries: 1, backoffMs: 1, sleep });
    api.script.push({ status: 500 }, { status: 500 });
    const t = await ft.data([93356], DATA);
    expect(t.numRows()).toBe(852);
    const date = fetchedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    expect(ft.notes).toEqual([
      `Fingertips API: GET ${ft.dataUrl([93356], DATA)} failed: HTTP 500 Internal Server Error (2 attempts); using the cached copy of data for indicator 93356 (area type 102, parent area type 6) fetched ${date}`,
    ]);
  });

  it('offline with a cache: no request, a note', async () => {
    const first = client();
    await first.data([93356], DATA);
    api.requests.length = 0;
    const ft = new FingertipsClient({ apiUrl: api.url, cacheDir: first.cacheDir, env: {}, offline: true });
    expect((await ft.data([93356], DATA)).numRows()).toBe(852);
    expect(api.requests).toHaveLength(0);
    expect(ft.notes[0]).toMatch(
      /^offline: data for indicator 93356 \(area type 102, parent area type 6\) from the cache, fetched \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    );
  });

  it('offline without a cache: an error that says what is missing', async () => {
    const ft = client({ offline: true });
    const e = await ft.data([90366], { areaTypeId: 502 }).catch((x) => x);
    expect(e).toBeInstanceOf(FingertipsOfflineError);
    expect(e.message).toBe(
      `offline: no cached copy of data for indicator 90366 (area type 502, parent area type 15) (${api.url}all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=502&parent_area_type_id=15&include_sortable_time_periods=yes); run once without --offline to fetch it, or import an export with "healthgap fingertips import"`,
    );
    expect(api.requests).toHaveLength(0);
  });

  it('caps the requests of one client (no request loops)', async () => {
    const ft = client({ maxRequests: 1, maxAgeHours: 0 });
    await ft.profiles();
    await expect(ft.areaTypes()).rejects.toThrow('Fingertips client: more than 1 requests in one run; stopping');
  });
});

describe('proxy', () => {
  it('goes through HTTP_PROXY, and not for hosts in NO_PROXY', async () => {
    const proxy = await startFakeProxy();
    try {
      const via = new FingertipsClient({
        apiUrl: api.url,
        cacheDir: join(mkdtempSync(join(tmpdir(), 'hg-ft-')), 'c'),
        env: { HTTP_PROXY: proxy.url },
        retries: 0,
      });
      expect((await via.profiles()).numRows()).toBe(2);
      const port = new URL(api.url).port;
      expect(proxy.seen).toHaveLength(1);
      expect([`CONNECT 127.0.0.1:${port}`, `GET ${api.url}profiles`]).toContain(proxy.seen[0]);
      const direct = new FingertipsClient({
        apiUrl: api.url,
        cacheDir: join(mkdtempSync(join(tmpdir(), 'hg-ft-')), 'c'),
        env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
        retries: 0,
      });
      expect((await direct.areaTypes()).numRows()).toBe(3);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await closeHttpAgents();
      await proxy.close();
    }
  });
});

describe('JSON endpoints (fixtures)', () => {
  it('profiles, domains, indicators (with search), area types, areas, available data, metadata', async () => {
    const ft = client();
    const p = (await ft.profiles()).objects();
    expect(p[0]).toEqual({
      profile_id: 19,
      profile_name: 'Public Health Outcomes Framework',
      profile_key: 'public-health-outcomes-framework',
      domain_count: 2,
      domain_ids: '1000049,1000041',
    });
    expect((await ft.domains(19)).objects()).toEqual([
      { profile_id: 19, domain_id: 1000049, domain_name: 'Overarching indicators', sequence: 1 },
      { profile_id: 19, domain_id: 1000041, domain_name: 'Wider determinants of health', sequence: 2 },
    ]);
    const phof = (await ft.indicators({ profileId: 19 })).array('indicator_id');
    expect(Array.from(phof)).toEqual([90362, 90366, 92901]);
    const search = (await ft.indicators({ search: 'LIFE expectancy' })).objects().map((r: any) => `${r.indicator_id} ${r.domain_name} ${r.profile_name}`);
    expect(search).toEqual([
      '90362 Overarching indicators Public Health Outcomes Framework',
      '90366 Overarching indicators Public Health Outcomes Framework',
      '92901 Overarching indicators Public Health Outcomes Framework',
    ]);
    expect((await ft.indicators({ search: '93356' })).get('indicator_name', 0)).toBe('Campylobacter incidence rate/100,000');
    expect(api.requests.map((r) => r.path)).toContain('/api/indicator_names/by_group_id?group_ids=1000049%2C1000041');
    expect((await ft.areaTypes()).get('area_type_short', 2)).toBe('County & UA');
    expect((await ft.areas(102)).objects()[0]).toEqual({ area_code: 'E08000028', area_name: 'Sandwell', area_short_name: 'Sandwell', area_type_id: 102 });
    expect(Array.from((await ft.availableData(93356)).array('area_type_id'))).toEqual([6, 102]);
    const meta = (await ft.indicatorMetadata([93356])).objects()[0] as any;
    expect([meta.indicator_id, meta.value_type, meta.polarity]).toEqual([93356, 'Crude rate', 'RAG - Low is good']);
    await expect(ft.domains(999)).rejects.toThrow('Fingertips: no profile with ID 999');
  });

  it('takes the base URL from HEALTHGAP_FINGERTIPS_URL when no apiUrl is given, else the public API', () => {
    expect(new FingertipsClient({ env: { HEALTHGAP_FINGERTIPS_URL: 'http://127.0.0.1:1/x' }, cacheDir: '/nonexistent' }).apiUrl).toBe('http://127.0.0.1:1/x/');
    expect(new FingertipsClient({ env: {}, cacheDir: '/nonexistent' }).apiUrl).toBe('https://fingertips.phe.org.uk/api/');
    expect(new FingertipsClient({ env: { HEALTHGAP_DATA_DIR: '/tmp/hgdata' } }).cacheDir).toBe('/tmp/hgdata/cache/fingertips');
    expect(() => new FingertipsClient({ apiUrl: 'fingertips.phe.org.uk', env: {} })).toThrow(
      'Fingertips API URL must start with http:// or https://, got "fingertips.phe.org.uk"',
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('releases', () => {
  it('promotes a cached indicator to a tidy gzip CSV with a provenance sidecar, and reads it back checked', async () => {
    const ft = client();
    await ft.data([93356], DATA);
    const dataDir = join(dir, 'data');
    const info = promoteToRelease(ft, [93356], { ...DATA, dataDir });
    const file = join(dataDir, 'releases', 'fingertips', 'fingertips-93356-at102-pt6.csv.gz');
    expect(existsSync(file)).toBe(true);
    expect(info.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(info.source.sha256).toBe(createHash('sha256').update(readFileSync(BUNDLED_EXPORT)).digest('hex'));
    expect(info.source.etag).toBe('"export-93356-v1"');
    expect([info.rows, info.periods, info.indicators, info.areaTypeId, info.parentAreaTypeId]).toEqual([
      852,
      ['2015', '2016', '2017'],
      [{ id: 93356, name: 'Campylobacter incidence rate/100,000' }],
      102,
      6,
    ]);
    expect(JSON.parse(readFileSync(join(dataDir, 'releases', 'fingertips', 'fingertips-93356-at102-pt6.json'), 'utf8'))).toEqual(info);
    const csv = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    expect(csv[0].split(',').slice(0, 3)).toEqual(['indicator_id', 'indicator_name', 'parent_code']);
    expect(csv[0].endsWith('lowercl,uppercl')).toBe(true);
    expect(listFingertipsReleases(dataDir).map((r) => r.name)).toEqual(['fingertips-93356-at102-pt6']);
    const back = readFingertipsRelease('fingertips-93356-at102-pt6', dataDir);
    expect(back.numRows()).toBe(852);
    const s = back.objects().find((r: any) => r.area_code === 'E08000028' && r.time_period === '2017' && r.age === 'All ages') as any;
    expect(s.value).toBeCloseTo((261 / 322712) * 1e5, 9);
    expect(s.lowercl).toBeCloseTo(71.3618770578467, 10);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
    expect(() => readFingertipsRelease('fingertips-93356-at102-pt6', dataDir)).toThrow(/does not match the release's/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('promote needs the response in the cache', () => {
    const ft = client();
    expect(() => promoteToRelease(ft, [90366], { areaTypeId: 502, dataDir: join(dir, 'd') })).toThrow(/^no cached data for indicator 90366 at area type 502 /);
  });
});
