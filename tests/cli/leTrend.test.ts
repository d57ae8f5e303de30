/**
 * `healthgap le --trend / --year`: every period of life expectancy available. With no added
 * release there is one period, the bundled 2014 (ONS deaths and mid-2014 populations), equal to
 * what `leComparePlace` gives (Sandwell males 77.2, 95% CI 76.5 to 77.9).
 *
 * The added release here is a SYNTHETIC tidy `le-la` table written by the test (values 77.0 and
 * 77.5 years, labelled synthetic, not ONS figures): no ONS life-expectancy file is reachable for
 * a real fixture, and the test checks only that an added release is read, ordered, sourced and
 * chosen by period. A `deaths-la` release is listed as not used, with the reason.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatLeTrend, leTrend } from '../../src/cli/commands/leTrend.js';
import { leComparePlace } from '../../src/lifeexp/place.js';
import { RELEASE_FORMAT } from '../../src/releases/catalogue.js';
import { addRelease } from '../../src/releases/add.js';

function sidecar(dir: string, kind: string, id: string, period: string, csv: string) {
  const d = join(dir, 'releases', kind);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, `${id}.csv.gz`), gzipSync(csv));
  writeFileSync(
    join(d, `${id}.json`),
    JSON.stringify({
      format: RELEASE_FORMAT,
      id,
      kind,
      layout: 'synthetic-test',
      title: `synthetic ${kind} for a test`,
      period,
      vintage: 'LAD 2019',
      level: 'la',
      sourceFile: `${id}-synthetic.csv`,
      sha256: null,
      publisher: 'test (synthetic)',
      licence: 'none',
      added: '2026-01-01T00:00:00.000Z',
      origin: 'added',
      dataFile: `${id}.csv.gz`,
      rows: 2,
    }),
  );
}

describe('le --trend', () => {
  it('one period bundled: says so, with the value and CI of leComparePlace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-le-'));
    const [t] = [leTrend('Sandwell', 'Male', 0, { dataDir: dir })];
    const ref = leComparePlace('Sandwell', { sexes: ['Male'], year: 2014 })[0].area;
    expect(t.points).toHaveLength(1);
    expect(t.points[0]).toMatchObject({ period: '2014', value: ref.value, lower95: ref.lower, upper95: ref.upper, release: 'deaths2014 + mye2-2014-males' });
    const text = formatLeTrend([t]);
    expect(text).toContain('2014        77.2 years (95% CI 76.5 to 77.9)  ← deaths2014 + mye2-2014-males (ONS (bundled))');
    expect(text).toContain('Only one period is available (2014)');
    expect(() => leTrend('Sandwell', 'Male', 0, { dataDir: dir, period: '2017-19' })).toThrow('no life expectancy for 2017-19; periods available: 2014');
  });

  it('added releases (synthetic) join the series in period order; --period picks one; deaths are listed as not used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-le-'));
    sidecar(
      dir,
      'le-la',
      'le-la-synthetic-2017-19',
      '2017-19',
      'area_code,sex,age,period,value,lower95,upper95\nE08000028,Male,0,2017-19,77.0,76.6,77.4\nE08000028,Female,0,2017-19,81.0,80.6,81.4\n',
    );
    sidecar(dir, 'le-la', 'le-la-synthetic-2020-22', '2020-22', 'area_code,sex,value\nE08000028,Males,77.5\n');
    sidecar(dir, 'deaths-la', 'deaths-la-synthetic-2019', '2019', 'area_code,sex,age_band,deaths\nE08000028,Male,0,1\n');
    const t = leTrend('Sandwell', 'Male', 0, { dataDir: dir });
    expect(t.points.map((p) => [p.period, p.value, p.lower95, p.release])).toEqual([
      ['2014', t.points[0].value, t.points[0].lower95, 'deaths2014 + mye2-2014-males'],
      ['2017-19', 77.0, 76.6, 'le-la-synthetic-2017-19'],
      ['2020-22', 77.5, null, 'le-la-synthetic-2020-22'],
    ]);
    expect(t.trend.label).toBe('Cannot be calculated');
    expect(t.skipped.map((s) => s.release)).toEqual(['deaths-la-synthetic-2019']);
    const text = formatLeTrend([t]);
    expect(text).toContain('2017-19     77.0 years (95% CI 76.6 to 77.4)  ← le-la-synthetic-2017-19 (test (synthetic))');
    expect(text).toMatch(
      /Recent trend: Cannot be calculated \(the recent trend cannot be calculated for this value type \(life expectancy\).*Fingertips shows no recent trend for life expectancy\)/,
    );
    expect(text).toContain('Not used: deaths-la-synthetic-2019 (deaths-la, 2019): a deaths release');
    expect(leTrend('Sandwell', 'Male', 0, { dataDir: dir, period: '2017-19' }).points.map((p) => p.value)).toEqual([77.0]);
    expect(leTrend('Sandwell', 'Male', 0, { dataDir: dir, period: 'latest' }).points.map((p) => p.period)).toEqual(['2020-22']);
    // females: only the 2017-19 row of the first release; the second has no female row
    expect(leTrend('Sandwell', 'Female', 0, { dataDir: dir }).points.map((p) => p.period)).toEqual(['2014', '2017-19']);
  });

  it('the ONS life expectancy workbook layout as data add stores it (SYNTHETIC layout fixture, tests/fixtures/releases/PROVENANCE.md)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-le-'));
    const file = new URL('../fixtures/releases/lifeexpectancylocalareas_SYNTHETIC_layout.xlsx', import.meta.url).pathname;
    const added = await addRelease(file, {}, { dataDir: dir });
    // the fixture's Sandwell rows: males 60 (59 to 61) in 2020 to 2022 and 61 (60 to 62) in 2021 to 2023, age group <1
    const t = leTrend('Sandwell', 'Male', 0, { dataDir: dir });
    expect(t.points.slice(1).map((p) => [p.period, p.value, p.lower95, p.upper95, p.release])).toEqual([
      ['2020 to 2022', 60, 59, 61, added.release.id],
      ['2021 to 2023', 61, 60, 62, added.release.id],
    ]);
    expect(leTrend('Sandwell', 'Male', 65, { dataDir: dir }).points.map((p) => p.period)).toEqual(['2014']);
    const one = formatLeTrend([leTrend('Sandwell', 'Male', 0, { dataDir: dir, period: '2021 to 2023' })]);
    expect(one).toContain('Males: life expectancy at birth, Sandwell (E08000028), 2021 to 2023');
    expect(one).toContain('The period chosen; periods available: 2014, 2020 to 2022, 2021 to 2023 (--trend shows them all).');
  });
});
