/**
 * Burden measures on hand-worked examples. Expected values computed independently in Python 3
 * (math, statistics.NormalDist for z = 1.959964; Byar's limits written out), e.g. for the CMF:
 *   w = [54000, 26500, 19500]  (ESP 2013 for 0-44, 45-64, 65+)
 *   area: x = [10, 40, 200], n = [50000, 20000, 10000]; England: x = [2000, 8000, 50000], n = [12e6, 5e6, 2.5e6]
 *   S = Σ w·x/n, V = Σ w²·x/n²; cmf = Sa/Sr·100 = 102.80924331671955
 *   se = √(Va/Sa² + Vr/Sr²); limits = cmf·exp(∓1.96·se) = 90.67311886981709, 116.5697247773271
 *   DSRs 453.8 and 441.4 per 100,000
 * Excess: E = Σ n·xr/nr = 240.33333333333334, O = 250, excess 9.666666666666657,
 *   Byar's(250) − E = −20.366449085610043, 42.6551853906939
 * PYLL (bands Under 1, 1-4, 5-44, 45-74, 75+; L = 74.5, 72, 50, 15, —): x = [3, 1, 20, 150, 600],
 *   n = [1000, 4000, 40000, 30000, 8000], ESP w = [1000, 4000, 49000, 37000]:
 *   O = 174, years 3545.5 (2932.2422224791135 to 4231.853212672642), crude per 100,000
 *   4727.333333333333 (3909.656296638818 to 5642.47095023019), standardised 4720.32967032967
 *   (3921.911697606765 to 5613.912696458157)
 * YLL (GBD 2019 table, mid-points 0.5, 3, 25, 60, 77.5): L = 88.436202815, 86.015295545,
 *   64.14930031, 30.25343822, 15.17111973; O = 774, years 15274.99748119
 *   (14074.618513844067 to 16541.007741688954)
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import {
  cmf,
  cmfWithCI,
  excessDeaths,
  excessWithCI,
  pyll,
  yll,
  gbd2019ReferenceLifeTable,
  standardLifeExpectancyAt,
  esp2013Weight,
  pyllYears,
} from './index.js';

const bands3 = ['0-44', '45-64', '65+'];
const twoAreas = () =>
  aq.table({
    area_code: ['E06000001', 'E06000001', 'E06000001', 'E92000001', 'E92000001', 'E92000001'],
    age_band: [...bands3, ...bands3],
    deaths: [10, 40, 200, 2000, 8000, 50000],
    population: [50000, 20000, 10000, 12e6, 5e6, 2.5e6],
  });

describe('cmf', () => {
  it('is the ratio of two DSRs × 100 with delta-method limits', () => {
    const out = cmf(twoAreas().groupby('area_code'), {
      x: 'deaths',
      n: 'population',
      ageBand: 'age_band',
      stdpop: 'esp2013',
      reference: 'E92000001',
    }).objects() as Record<string, unknown>[];
    expect(out[0].area_code).toBe('E06000001');
    expect(out[0].value).toBeCloseTo(102.80924331671955, 9);
    expect(out[0].lowercl).toBeCloseTo(90.67311886981709, 9);
    expect(out[0].uppercl).toBeCloseTo(116.5697247773271, 9);
    expect(out[0].dsr).toBeCloseTo(453.8, 9);
    expect(out[0].ref_dsr).toBeCloseTo(441.4, 9);
    expect(out[0].total_count).toBe(250);
    // the reference itself: 100, no limits
    expect(out[1]).toMatchObject({ area_code: 'E92000001', value: 100, lowercl: null, uppercl: null, method: 'reference group' });
  });

  it('matches bands by label whatever their order', () => {
    const t = twoAreas().orderby(aq.desc('age_band'));
    const out = cmf(t.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' }).objects() as Record<
      string,
      number
    >[];
    const a = out.find((r) => (r as unknown as { area_code: string }).area_code === 'E06000001')!;
    expect(a.value).toBeCloseTo(102.80924331671955, 9);
  });

  it('plain function gives the worked example', () => {
    const c = cmfWithCI([10, 20], [1000, 1000], [5, 10], [1000, 1000], [1, 1]);
    expect(c.value).toBeCloseTo(200, 9);
    expect(c.lower).toBeCloseTo(107.61094202541793, 9);
    expect(c.upper).toBeCloseTo(371.7094121390733, 9);
  });

  it('suppresses a group with fewer than 10 deaths', () => {
    const t = twoAreas().derive({ deaths: aq.escape((d: { area_code: string; deaths: number }) => (d.area_code === 'E06000001' ? 3 : d.deaths)) });
    const out = cmf(t.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' }).objects() as Record<
      string,
      unknown
    >[];
    expect(out[0]).toMatchObject({ value: null, lowercl: null, statistic: 'cmf NA for total count < 10' });
  });

  it('rejects a band missing on either side, a standard population that does not match, no reference', () => {
    const missing = twoAreas().filter((d: { area_code: string; age_band: string }) => !(d.area_code === 'E06000001' && d.age_band === '45-64'));
    expect(() => cmf(missing.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /age band "45-64" of the reference group \(area_code = E92000001\) is missing from group area_code = E06000001/,
    );
    const missingRef = twoAreas().filter((d: { area_code: string; age_band: string }) => !(d.area_code === 'E92000001' && d.age_band === '65+'));
    expect(() => cmf(missingRef.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /row 3, column "age_band": age band "65\+" of group area_code = E06000001 is missing from the reference group/,
    );
    const odd = twoAreas().derive({ age_band: aq.escape((d: { age_band: string }) => (d.age_band === '0-44' ? '0-42' : d.age_band)) });
    expect(() => cmf(odd.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /row 1, column "age_band": the standard population \(ESP 2013.*does not match the age band "0-42"/,
    );
    expect(() => cmf(twoAreas().groupby('area_code'), { x: 'deaths', n: 'population', stdpop: 'esp2013', reference: 'E92000001' })).toThrow(
      /the standard population does not match the bands: group area_code = E06000001 has 3 rows but the 19 ESP 2013 bands/,
    );
    expect(() => cmf(twoAreas().groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E12000005' })).toThrow(
      /no reference group area_code = E12000005 in the table/,
    );
    expect(() => cmf(twoAreas(), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(/group the table/);
    const zero = twoAreas().derive({ population: aq.escape((d: { population: number }) => (d.population === 20000 ? 0 : d.population)) });
    expect(() => cmf(zero.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /row 2, column "population": expected a population greater than 0, found 0/,
    );
  });

  it('matches ESP 2013 to band labels', () => {
    expect(esp2013Weight({ lower: 0, upper: 0 })).toBe(1000);
    expect(esp2013Weight({ lower: 0, upper: 4 })).toBe(5000);
    expect(esp2013Weight({ lower: 85, upper: null })).toBe(2500);
    expect(esp2013Weight({ lower: 0, upper: 44 })).toBe(54000);
  });
});

describe('excessDeaths', () => {
  it('observed minus expected at the reference rates, limits from the observed count', () => {
    const out = excessDeaths(twoAreas().groupby('area_code'), {
      x: 'deaths',
      n: 'population',
      ageBand: 'age_band',
      reference: 'E92000001',
    }).objects() as Record<string, number>[];
    expect(out[0].observed).toBe(250);
    expect(out[0].expected).toBeCloseTo(240.33333333333334, 9);
    expect(out[0].excess).toBeCloseTo(9.666666666666657, 9);
    expect(out[0].lowercl).toBeCloseTo(-20.366449085610043, 9);
    expect(out[0].uppercl).toBeCloseTo(42.6551853906939, 9);
    expect(out[0].method).toBe('Byars');
    expect(out[1]).toMatchObject({ excess: 0, lowercl: null, uppercl: null, method: 'reference group' });
  });

  it('by band, the band excesses add up to the total', () => {
    const out = excessDeaths(twoAreas().groupby('area_code'), {
      x: 'deaths',
      n: 'population',
      ageBand: 'age_band',
      reference: 'E92000001',
      byBand: true,
    }).filter((d: { area_code: string }) => d.area_code === 'E06000001');
    expect(out.array('age_band')).toEqual(bands3);
    // 50000·2000/12e6 = 8.333…, 20000·8000/5e6 = 32, 10000·50000/2.5e6 = 200
    expect(out.array('expected')).toEqual([(50000 * 2000) / 12e6, 32, 200]);
    expect(out.array('excess')[0]).toBeCloseTo(10 - 8.333333333333334, 9);
  });

  it("plain function: exact limits below 10, Byar's from 10", () => {
    const e = excessWithCI(120, 100);
    expect(e.excess).toBe(20);
    expect(e.lower).toBeCloseTo(-0.5097683943817799, 9);
    expect(e.upper).toBeCloseTo(43.4916604540592, 9);
    // exact 95% limits of 4: scipy chi2.ppf(0.025, 8)/2 = 1.0898653736263249, chi2.ppf(0.975, 10)/2 = 10.241588675403694
    const s = excessWithCI(4, 2);
    expect(s.method).toBe('Exact');
    expect(s.lower).toBeCloseTo(1.0898653736263249 - 2, 6);
    expect(s.upper).toBeCloseTo(10.241588675403694 - 2, 6);
  });

  it('best-quartile reference pools the lowest-mortality quarter', () => {
    // 4 areas, one band: rates 1%, 2%, 3%, 4% of 1000; pooled 2.5%; best quarter = area A (1%)
    const t = aq.table({ area: ['A', 'B', 'C', 'D'], band: ['0-4', '0-4', '0-4', '0-4'], deaths: [10, 20, 30, 40], pop: [1000, 1000, 1000, 1000] });
    const out = excessDeaths(t.groupby('area'), { x: 'deaths', n: 'pop', ageBand: 'band', reference: 'best-quartile' }).objects() as Record<string, unknown>[];
    expect(out.map((r) => r.expected)).toEqual([10, 10, 10, 10]);
    expect(out.map((r) => r.excess)).toEqual([0, 10, 20, 30]);
    expect(String(out[0].statistic)).toMatch(/the 1 of 4 groups/);
    expect(() =>
      excessDeaths(t.filter((d: { area: string }) => d.area !== 'D').groupby('area'), { x: 'deaths', n: 'pop', ageBand: 'band', reference: 'best-quartile' }),
    ).toThrow(/at least 4 groups/);
  });

  it('rejects zero expected deaths and missing bands', () => {
    const t = twoAreas().derive({ deaths: aq.escape((d: { area_code: string; deaths: number }) => (d.area_code === 'E92000001' ? 0 : d.deaths)) });
    expect(() => excessDeaths(t.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /expected deaths are 0 for group area_code = E06000001/,
    );
    const missing = twoAreas().filter((d: { area_code: string; age_band: string }) => !(d.area_code === 'E06000001' && d.age_band === '0-44'));
    expect(() => excessDeaths(missing.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })).toThrow(
      /age band "0-44" of the reference group .* is missing from group area_code = E06000001/,
    );
  });
});

const pyllTable = () =>
  aq.table({
    area: ['A', 'A', 'A', 'A', 'A'],
    age_band: ['Under 1', '1-4', '5-44', '45-74', '75+'],
    deaths: [3, 1, 20, 150, 600],
    population: [1000, 4000, 40000, 30000, 8000],
  });

describe('pyll', () => {
  it('years to 75 from band mid-points, crude and age-standardised with Dobson limits', () => {
    const std = pyll(pyllTable().groupby('area'), { x: 'deaths', n: 'population', ageBand: 'age_band' }).objects()[0] as Record<string, number>;
    expect(std.total_count).toBe(174);
    expect(std.pyll).toBeCloseTo(3545.5, 9);
    expect(std.total_pop).toBe(75000);
    expect(std.crude_rate).toBeCloseTo(4727.333333333333, 9);
    expect(std.value).toBeCloseTo(4720.32967032967, 9);
    expect(std.lowercl).toBeCloseTo(3921.911697606765, 9);
    expect(std.uppercl).toBeCloseTo(5613.912696458157, 9);
    const crude = pyll(pyllTable(), { x: 'deaths', n: 'population', ageBand: 'age_band', measure: 'crude-rate' }).objects()[0] as Record<string, number>;
    expect(crude.value).toBeCloseTo(4727.333333333333, 9);
    expect(crude.lowercl).toBeCloseTo(3909.656296638818, 9);
    expect(crude.uppercl).toBeCloseTo(5642.47095023019, 9);
    const years = pyll(pyllTable(), { x: 'deaths', ageBand: 'age_band', measure: 'years' }).objects()[0] as Record<string, number>;
    expect(years.value).toBeCloseTo(3545.5, 9);
    expect(years.lowercl).toBeCloseTo(2932.2422224791135, 9);
    expect(years.uppercl).toBeCloseTo(4231.853212672642, 9);
  });

  it('years per death: 74.5 for an infant, 2.5 at 70-74', () => {
    expect(pyllYears({ lower: 0, upper: 0 })).toBe(74.5);
    expect(pyllYears({ lower: 1, upper: 4 })).toBe(72);
    expect(pyllYears({ lower: 70, upper: 74 })).toBe(2.5);
    expect(pyllYears({ lower: 75, upper: 79 })).toBeNull();
  });

  it('rejects a band straddling 75, unknown labels, a rate without populations', () => {
    const t = aq.table({ age_band: ['0-64', '65+'], deaths: [10, 20], population: [100, 100] });
    expect(() => pyll(t, { x: 'deaths', n: 'population', ageBand: 'age_band' })).toThrow(/row 2, column "age_band": age band "65\+" straddles age 75/);
    const u = aq.table({ age_band: ['young', '75+'], deaths: [10, 20], population: [100, 100] });
    expect(() => pyll(u, { x: 'deaths', n: 'population', ageBand: 'age_band' })).toThrow(/row 1, column "age_band": "young" is not an age band/);
    expect(() => pyll(pyllTable(), { x: 'deaths', ageBand: 'age_band' })).toThrow(/needs the population column/);
    const overlap = aq.table({ age_band: ['0-44', '40-74', '75+'], deaths: [10, 20, 5], population: [100, 100, 100] });
    expect(() => pyll(overlap, { x: 'deaths', n: 'population', ageBand: 'age_band' })).toThrow(/age bands "0-44" and "40-74" overlap/);
  });
});

describe('yll', () => {
  it('years against the GBD 2019 reference life table at band mid-points', () => {
    const out = yll(pyllTable(), { x: 'deaths', ageBand: 'age_band' }).objects()[0] as Record<string, number>;
    expect(out.total_count).toBe(774);
    expect(out.value).toBeCloseTo(15274.99748119, 6);
    expect(out.lowercl).toBeCloseTo(14074.618513844067, 6);
    expect(out.uppercl).toBeCloseTo(16541.007741688954, 6);
  });

  it('interpolates the standard table', () => {
    const t = gbd2019ReferenceLifeTable();
    expect(t.ex[0]).toBe(88.8718951);
    expect(t.age).toHaveLength(21);
    expect(standardLifeExpectancyAt(t, 72.5)).toBeCloseTo(19.195857404999998, 9);
    expect(standardLifeExpectancyAt(t, 92.5)).toBeCloseTo(6.7700419965, 9);
    expect(standardLifeExpectancyAt(t, 101)).toBe(5.922359078);
  });

  it("takes the analyst's own life table and checks it", () => {
    const own = { name: 'flat', age: [0, 50], ex: [80, 30] };
    // mid-points 0.5, 3, 25, 60, 77.5 → 79.5, 77, 55, 30, 30 (above the last age: its value)
    const out = yll(pyllTable(), { x: 'deaths', ageBand: 'age_band', lifeTable: own }).objects()[0] as Record<string, number>;
    expect(out.value).toBeCloseTo(3 * 79.5 + 77 + 20 * 55 + 150 * 30 + 600 * 30, 9);
    expect(() => yll(pyllTable(), { x: 'deaths', ageBand: 'age_band', lifeTable: { name: 'bad', age: [1, 50], ex: [80, 30] } })).toThrow(/first age must be 0/);
  });
});
