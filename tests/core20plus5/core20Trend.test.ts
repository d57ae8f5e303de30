/**
 * Core20 share of Sandwell on IMD 2019 and IMD 2025 (`core20Trend`, `healthgap core20 --trend`).
 *
 * Independent arithmetic in this test, from the bundled files read directly (not through
 * healthgap's readers): LSOAs 2011 of Local Authority District E08000028 in IoD2019 File 1 with
 * decile 1 or 2, residents from IoD2019 File 6 ("Total population: mid 2015 (excluding
 * prisoners)"); LSOAs 2021 with lad24cd E08000028 in the IoD2025 File 1 extract with imd_decile
 * 1 or 2, residents from Census 2021 (all_ages). Shares are Core20 ÷ all.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { core20Trend } from '../../src/core20plus5/trend.js';
import { core20VintageOption, formatCore20Trend } from '../../src/cli/commands/core20Trend.js';
import { dataDir } from '../../src/io/paths.js';

type Row = Record<string, string>;
const read = (rel: string): Row[] => parse(gunzipSync(readFileSync(`${dataDir()}/${rel}`)).toString('utf8'), { columns: true }) as Row[];
const n = (s: string) => Number(s.replace(/,/g, ''));

function independent() {
  const f1 = read('imd/IoD2019_File1_IMD_lsoa11.csv.gz').filter((r) => r['Local Authority District code (2019)'] === 'E08000028');
  const pop19 = new Map(
    read('imd/IoD2019_File6_population_denominators_lsoa11.csv.gz').map((r) => [
      r['LSOA code (2011)'],
      n(r['Total population: mid 2015 (excluding prisoners)']),
    ]),
  );
  const core19 = f1.filter((r) => n(r['Index of Multiple Deprivation (IMD) Decile']) <= 2);
  const sum = (rows: Row[], pop: Map<string, number>, key: string) => rows.reduce((a, r) => a + pop.get(r[key])!, 0);
  const i25 = read('imd/imd2025_lsoa21_england.csv.gz').filter((r) => r.lad24cd === 'E08000028');
  const pop25 = new Map(read('population/census21_lsoa21_age6_england.csv.gz').map((r) => [r.lsoa21_code, n(r.all_ages)]));
  const core25 = i25.filter((r) => n(r.imd_decile) <= 2);
  return {
    y2019: { lsoas: f1.length, core: core19.length, pop: sum(f1, pop19, 'LSOA code (2011)'), corePop: sum(core19, pop19, 'LSOA code (2011)') },
    y2025: { lsoas: i25.length, core: core25.length, pop: sum(i25, pop25, 'lsoa21cd'), corePop: sum(core25, pop25, 'lsoa21cd') },
  };
}

describe('core20Trend: Sandwell on IMD 2019 and IMD 2025', () => {
  const want = independent();
  const t = core20Trend('Sandwell');

  it('counts LSOAs and people in deciles 1-2 on each IMD as the published files give', () => {
    expect(t.area_code).toBe('E08000028');
    expect(t.points.map((p) => p.period)).toEqual(['IMD 2019', 'IMD 2025']);
    const [a, b] = t.points;
    expect([a.lsoas, a.core20Lsoas, a.population, a.core20Population]).toEqual([want.y2019.lsoas, want.y2019.core, want.y2019.pop, want.y2019.corePop]);
    expect([b.lsoas, b.core20Lsoas, b.population, b.core20Population]).toEqual([want.y2025.lsoas, want.y2025.core, want.y2025.pop, want.y2025.corePop]);
    expect(a.share).toBeCloseTo(want.y2019.corePop / want.y2019.pop, 12);
    expect(b.share).toBeCloseTo(want.y2025.corePop / want.y2025.pop, 12);
    expect(a.lsoaShare).toBeCloseTo(want.y2019.core / want.y2019.lsoas, 12);
    // the figures as printed: 192,396 of 319,101 (60.3%) on IMD 2019; 196,880 of 341,821 (57.6%) on IMD 2025
    expect([want.y2019.corePop, want.y2019.pop, want.y2025.corePop, want.y2025.pop]).toEqual([192396, 319101, 196880, 341821]);
  });

  it('names the vintage, denominator and releases of each point; two points give no trend test', () => {
    expect(t.points.map((p) => [p.lsoaVintage, p.releases])).toEqual([
      ['LSOA 2011', ['imd2019-file1', 'imd2019-file6']],
      ['LSOA 2021', ['imd2025', 'census21-age-lsoa21']],
    ]);
    expect(t.points[0].denominator).toMatch(/mid-2015/);
    expect(t.points[1].denominator).toMatch(/Census 2021/);
    expect(t.trend.label).toBe('Cannot be calculated');
    expect(t.trend.reason).toMatch(/2; 5 are needed/);
    const text = formatCore20Trend(t);
    expect(text).toMatch(/IMD 2019 \(LSOA 2011\)\s+186\s+112\s+60\.2%\s+319,101\s+192,396\s+60\.3%/);
    expect(text).toMatch(/IMD 2025 \(LSOA 2021\)\s+190\s+107\s+56\.3%\s+341,821\s+196,880\s+57\.6%/);
    expect(text).toContain('IMD 2019 ← imd2019-file1 + imd2019-file6');
  });

  it('--period and --year choose one IMD; disagreeing options are refused', () => {
    expect(core20VintageOption({ period: 'IoD2019' })).toBe(2019);
    expect(core20VintageOption({ year: '2025', imd: '2025' })).toBe(2025);
    expect(core20VintageOption({ period: 'latest' })).toBe(2025);
    expect(core20VintageOption({})).toBeUndefined();
    expect(() => core20VintageOption({ imd: '2019', year: '2025' })).toThrow('--imd 2019 and --year 2025 disagree');
    expect(() => core20VintageOption({ period: '2016-17' })).toThrow('--period "2016-17": expected 2019 or 2025');
    const one = core20Trend('Sandwell', { vintages: [2019] });
    expect(one.points).toHaveLength(1);
    expect(formatCore20Trend(one)).toContain('Only one IMD was asked for (IMD 2019)');
  });
});
