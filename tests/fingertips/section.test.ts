/**
 * The Fingertips profile section and the per-place summaries, from a cache holding the real
 * bundled export (indicator 93356, Counties & UAs, 2015-2017) — no network.
 *
 * Independent checks (Python over the export's CSV): Sandwell (E08000028) 2017, all ages:
 * 261 / 322,712 × 100,000 = 80.877; England 96.611; West Midlands 91.971. The 150 county/UA values
 * of 2017 (all ages) run from 15.544 to 174.293, with R type 7 quartiles 74.127, 99.349 and 119.374.
 * Sandwell is "Better" with a lower value than England, so the polarity is low is good.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FingertipsClient } from '../../src/fingertips/client.js';
import { promoteToRelease } from '../../src/fingertips/release.js';
import { fingertipsDataFingerprint, fingertipsPlaceData, placeSeries } from '../../src/fingertips/place.js';
import { parseFingertipsSelection, DEFAULT_FINGERTIPS_INDICATORS } from '../../src/fingertips/selection.js';
import { fingertipsSection } from '../../src/report/profile/sections/fingertips.js';
import { resolveSuppressionRule } from '../../src/report/suppression.js';
import type { SectionContext } from '../../src/report/profile/context.js';
import { BUNDLED_EXPORT } from './server.js';

const DATA = { areaTypeId: 102, parentAreaTypeId: 6 };

function setup(): { cacheDir: string; dataDir: string; client: FingertipsClient } {
  const dir = mkdtempSync(join(tmpdir(), 'hg-fts-'));
  const client = new FingertipsClient({ apiUrl: 'http://127.0.0.1:1/api/', cacheDir: join(dir, 'cache'), env: {}, offline: true });
  client.importExport(readFileSync(BUNDLED_EXPORT, 'utf8'), [93356], { ...DATA, file: 'indicators-CountyUA.data.csv', fetchedAt: '2020-12-27T12:00:00.000Z' });
  return { cacheDir: client.cacheDir, dataDir: join(dir, 'data'), client };
}

function ctx(code = 'E08000028', name = 'Sandwell'): SectionContext {
  return {
    place: { code, name, level: 'utla', region: { code: 'E12000005', name: 'West Midlands' }, icb: null, lads: [] } as unknown as SectionContext['place'],
    name,
    regionName: 'West Midlands',
    indicators: new Map(),
    rule: resolveSuppressionRule(),
    options: {},
  };
}

describe('placeSeries', () => {
  it('summarises Sandwell from the real export as published', async () => {
    const { client } = setup();
    const all = placeSeries(await client.data([93356], DATA), 'E08000028');
    expect(all.map((s) => `${s.age} ${s.latest.time_period}`)).toEqual(['0-9 yrs 2016', 'All ages 2017']);
    const s = all[1];
    expect(s.latest.value).toBeCloseTo((261 / 322712) * 1e5, 9);
    expect(s.england?.value).toBeCloseTo(96.6109417215551, 10);
    expect(s.parent?.area_code).toBe('E12000005');
    expect(s.parent?.value).toBeCloseTo(91.9711195169439, 10);
    expect(s.peers).toBe(150);
    expect(s.range?.map((x) => Number(x.toFixed(3)))).toEqual([15.544, 74.127, 99.349, 119.374, 174.293]);
    expect([s.polarity, s.polaritySource]).toEqual(['low-is-good', 'published judgements']);
    expect([s.recentTrend, s.recentTrendSource]).toEqual(['Cannot be calculated', 'published']);
    expect(s.series.map((r) => r.time_period)).toEqual(['2015', '2016', '2017']);
    expect(s.englandSeries.map((r) => Number(r.value?.toFixed(2)))).toEqual([94.73, 89.13, 96.61]);
  });
});

describe('fingertipsPlaceData', () => {
  it('finds cached data for the place and says what is missing', () => {
    const { cacheDir } = setup();
    const d = fingertipsPlaceData(parseFingertipsSelection('93356,90366'), 'E08000028', { cacheDir });
    expect(d.series).toHaveLength(2);
    expect(d.missing).toEqual([90366]);
    expect(d.notForPlace).toEqual([]);
    expect(d.sources).toEqual([
      {
        indicatorIds: [93356],
        url: 'http://127.0.0.1:1/api/all_data/csv/by_indicator_id?indicator_ids=93356&child_area_type_id=102&parent_area_type_id=6&include_sortable_time_periods=yes',
        fetchedAt: '2020-12-27T12:00:00.000Z',
        origin: 'file',
        detail: 'indicators-CountyUA.data.csv',
      },
    ]);
    const other = fingertipsPlaceData(parseFingertipsSelection('93356'), 'E10000034X', { cacheDir });
    expect([other.series.length, other.notForPlace]).toEqual([0, [93356]]);
  });

  it('falls back to a promoted release when the cache is gone', () => {
    const { cacheDir, dataDir, client } = setup();
    const before = fingertipsDataFingerprint({ cacheDir, dataDir });
    expect(fingertipsDataFingerprint({ cacheDir, dataDir })).toBe(before);
    promoteToRelease(client, [93356], { ...DATA, dataDir });
    expect(fingertipsDataFingerprint({ cacheDir, dataDir })).not.toBe(before);
    rmSync(cacheDir, { recursive: true, force: true });
    const d = fingertipsPlaceData(parseFingertipsSelection('93356'), 'E08000028', { cacheDir, dataDir });
    expect(d.sources.map((s) => `${s.origin} ${s.detail}`)).toEqual(['release fingertips-93356-at102-pt6']);
    expect(d.series[1].latest.value).toBeCloseTo((261 / 322712) * 1e5, 9);
  });
});

describe('fingertipsSection', () => {
  it('draws the spine chart, trends and table with the published values and judgements', () => {
    const { cacheDir } = setup();
    const { section, appendix } = fingertipsSection(ctx(), { selection: '93356,90366', cacheDir });
    expect(section.headline).toBe(
      'Of 2 Fingertips measures for Sandwell, Fingertips judges 1 better than England, 1 similar and 0 worse in the latest period.',
    );
    expect(section.figures).toHaveLength(3);
    const spine = section.figures[0].table as { rows: Record<string, unknown>[] };
    expect(spine.rows[1]).toMatchObject({
      period: '2017',
      count: 261,
      value: '80.9',
      region: '92.0',
      england: '96.6',
      worst: '174.3',
      p25: '74.1',
      p75: '119.4',
      best: '15.5',
      vs_england: 'Better',
    });
    expect(section.figures[2].title).toBe('Campylobacter incidence rate/100,000: Sandwell');
    expect(section.tables[0].rows[1]).toEqual({
      indicator: 'Campylobacter incidence rate/100,000 [93356]',
      period: '2017',
      count: 261,
      value: '80.9',
      ci: '71.4 to 91.3',
      england: '96.6',
      vs_england: 'Better',
      vs_parent: 'Better',
      trend: 'Cannot be calculated',
    });
    expect((section.narrative as string[]).join(' ')).toContain(
      'Not on this computer (fetch with `healthgap fingertips data 90366 --area-type <ID>` or promote a release): indicator 90366.',
    );
    expect(appendix).toHaveLength(2);
    expect(appendix[1].method).toContain('highest of 150 areas of type "County & UA", R type 7 quantiles');
    expect(appendix[1].method).toContain("polarity (low-is-good) inferred from Fingertips' published better/worse judgements");
    expect(appendix[0].method).toContain('the recent trend (Fingertips method, weighted regression on the last five points), as the export gives none');
    expect(appendix[1].source).toContain('imported from an export file 2020-12-27');
  });

  it('says plainly when nothing is on disk', () => {
    const { cacheDir } = setup();
    const { section } = fingertipsSection(ctx(), { selection: 'default', cacheDir });
    expect(section.headline).toBe(
      `No Fingertips data for Sandwell is on this computer for Fingertips indicators ${DEFAULT_FINGERTIPS_INDICATORS.map((d) => d.id).join(', ')}.`,
    );
    expect(section.figures).toEqual([]);
  });

  it('parses selections and rejects nonsense', () => {
    expect(parseFingertipsSelection('profile:19')).toEqual({ kind: 'profile', profileId: 19 });
    expect(parseFingertipsSelection('domain:1000049')).toEqual({ kind: 'domain', domainId: 1000049 });
    expect(parseFingertipsSelection('default')).toEqual({ kind: 'indicators', indicatorIds: [90362, 90366, 92901], profileId: 19 });
    expect(() => parseFingertipsSelection('life expectancy')).toThrow(
      '--fingertips: expected indicator IDs (90362,90366), profile:<ID>, domain:<ID> or default, found "life expectancy"',
    );
  });
});
