/**
 * `healthgap fingertips …` in-process against the local stand-in API on 127.0.0.1
 * (tests/fingertips/server.ts; the real bundled export on the data endpoint). No internet.
 * Sandwell 2017: 261 / 322,712 × 100,000 = 80.877 per 100,000.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli.js';
import { startFakeApi, BUNDLED_EXPORT, type FakeApi } from '../fingertips/server.js';
import { parseCsv } from '../../src/io/csv.js';

let api: FakeApi;
const saved = { url: process.env.HEALTHGAP_FINGERTIPS_URL, proxy: process.env.HTTP_PROXY, http: process.env.http_proxy };

beforeAll(async () => {
  api = await startFakeApi();
  delete process.env.HTTP_PROXY;
  delete process.env.http_proxy;
});
afterAll(async () => {
  await api.close();
  if (saved.url === undefined) delete process.env.HEALTHGAP_FINGERTIPS_URL;
  else process.env.HEALTHGAP_FINGERTIPS_URL = saved.url;
  if (saved.proxy !== undefined) process.env.HTTP_PROXY = saved.proxy;
  if (saved.http !== undefined) process.env.http_proxy = saved.http;
});
afterEach(() => {
  api.script.length = 0;
  api.requests.length = 0;
});

const tmp = () => mkdtempSync(join(tmpdir(), 'hg-ftcli-'));

describe('healthgap fingertips', () => {
  it('data --output writes the export columns plus lowercl/uppercl as CSV', async () => {
    const dir = tmp();
    const out = join(dir, 'campy.csv');
    const r = await runCliInProcess(
      'fingertips',
      'data',
      '93356',
      '--area-type',
      '102',
      '--parent-area-type',
      '6',
      '--api-url',
      api.url,
      '--cache-dir',
      join(dir, 'c'),
      '--output',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${out} (852 rows, 29 columns)\n`);
    const csv = parseCsv(readFileSync(out, 'utf8'));
    expect(csv.rows).toHaveLength(852);
    expect(csv.header.slice(-2)).toEqual(['lowercl', 'uppercl']);
    const row = csv.rows.find(
      (x) =>
        x[csv.header.indexOf('area_code')] === 'E08000028' && x[csv.header.indexOf('time_period')] === '2017' && x[csv.header.indexOf('age')] === 'All ages',
    )!;
    expect(Number(row[csv.header.indexOf('value')])).toBeCloseTo((261 / 322712) * 1e5, 9);
    expect(row[csv.header.indexOf('lowercl')]).toBe(row[csv.header.indexOf('lower_ci_95')]);
    expect(api.requests).toHaveLength(1);
  });

  it('data on screen, filtered to areas; offline from the cache with a note; offline without a cache fails saying what is missing', async () => {
    const dir = tmp();
    const common = ['--api-url', api.url, '--cache-dir', join(dir, 'c')];
    const r = await runCliInProcess('fingertips', 'data', '93356', '--area-type', '102', '--parent-area-type', '6', '--area', 'E08000028', ...common);
    expect(r.out).toContain('93356         E08000028  Sandwell   Persons  All ages  –         2017         80.88');
    expect(r.out).toContain('5 rows\n');
    const off = await runCliInProcess(
      'fingertips',
      'data',
      '93356',
      '--area-type',
      '102',
      '--parent-area-type',
      '6',
      '--area',
      'E08000028',
      '--offline',
      ...common,
    );
    expect(off.out).toBe(r.out);
    expect(off.err).toMatch(/^note: offline: data for indicator 93356 \(area type 102, parent area type 6\) from the cache, fetched .+ UTC\n$/);
    expect(api.requests).toHaveLength(1);
    const miss = await runCliInProcess('fingertips', 'data', '90366', '--area-type', '502', '--offline', ...common);
    expect(miss.code).toBe(1);
    expect(miss.err).toBe(
      `error: offline: no cached copy of data for indicator 90366 (area type 502, parent area type 15) (${api.url}all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=502&parent_area_type_id=15&include_sortable_time_periods=yes); run once without --offline to fetch it, or import an export with "healthgap fingertips import"\n`,
    );
  });

  it('a failing API: one line naming URL and status; a stale cached copy is used with a note', async () => {
    const dir = tmp();
    const common = ['--api-url', api.url, '--cache-dir', join(dir, 'c'), '--retries', '0'];
    api.script.push({ status: 500 });
    const fail = await runCliInProcess('fingertips', 'profiles', ...common);
    expect([fail.code, fail.err]).toEqual([1, `error: Fingertips API: GET ${api.url}profiles failed: HTTP 500 Internal Server Error (1 attempt)\n`]);
    expect((await runCliInProcess('fingertips', 'profiles', ...common)).out).toContain('Public Health Outcomes Framework');
    api.script.push({ status: 503 });
    const stale = await runCliInProcess('fingertips', 'profiles', '--max-age', '0', ...common);
    expect(stale.code).toBe(0);
    expect(stale.out).toContain('19          Public Health Outcomes Framework');
    expect(stale.err).toMatch(
      new RegExp(
        `^note: Fingertips API: GET ${api.url}profiles failed: HTTP 503 Service Unavailable \\(1 attempt\\); using the cached copy of the list of profiles fetched \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\n$`,
      ),
    );
  });

  it('takes the API from HEALTHGAP_FINGERTIPS_URL; lists indicators with --search, areas and area types', async () => {
    const dir = tmp();
    process.env.HEALTHGAP_FINGERTIPS_URL = api.url;
    try {
      const r = await runCliInProcess('fingertips', 'indicators', '--profile', '19', '--search', 'healthy', '--cache-dir', join(dir, 'c'));
      expect(r.out.split('\n').slice(2, 3)).toEqual(['90362         Healthy life expectancy at birth  1000049    Overarching indicators  19']);
      expect(r.out).toContain('1 row\n');
      expect((await runCliInProcess('fingertips', 'areas', '--area-type', '102', '--cache-dir', join(dir, 'c'))).out).toContain('E10000034  Worcestershire');
      expect((await runCliInProcess('fingertips', 'area-types', '--cache-dir', join(dir, 'c'))).out).toContain('102           Counties & UAs (pre 4/19)');
      expect(api.requests.length).toBeGreaterThan(3);
      const bad = await runCliInProcess('fingertips', 'areas', '--cache-dir', join(dir, 'c'));
      expect([bad.code, bad.err]).toEqual([2, 'error: --area-type <ID> is required (see "healthgap fingertips area-types")\n']);
    } finally {
      delete process.env.HEALTHGAP_FINGERTIPS_URL;
    }
  });

  it('import puts an export in the cache; promote writes a release from it; cache lists it', async () => {
    const dir = tmp();
    const common = ['--api-url', api.url, '--cache-dir', join(dir, 'c'), '--data-dir', join(dir, 'd')];
    const imp = await runCliInProcess('fingertips', 'import', BUNDLED_EXPORT, '93356', '--area-type', '102', '--parent-area-type', '6', ...common);
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('(200,816 bytes, sha256 ');
    const wrong = await runCliInProcess('fingertips', 'import', BUNDLED_EXPORT, '90366', '--area-type', '102', ...common);
    expect(wrong.err).toMatch(/: no rows for indicator 90366 \(it holds 93356\)\n$/);
    const pro = await runCliInProcess('fingertips', 'promote', '93356', '--area-type', '102', '--parent-area-type', '6', ...common);
    expect(pro.code).toBe(0);
    expect(pro.out).toMatch(/^wrote release fingertips-93356-at102-pt6: 852 rows, sha256 [0-9a-f]{12}…, from /);
    expect(existsSync(join(dir, 'd', 'releases', 'fingertips', 'fingertips-93356-at102-pt6.csv.gz'))).toBe(true);
    const list = await runCliInProcess('fingertips', 'cache', ...common);
    expect(list.out).toContain('[imported ');
    expect(list.out).toContain('1 cached response in ');
    expect(api.requests).toHaveLength(0);
  });
});
