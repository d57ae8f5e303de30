/**
 * SII and RII in life expectancy for the upper-tier authorities of PHEim's LE_testdata.csv
 * (tests/fixtures/phe, GPL-3 test data, provenance in its README): reproducible with a seed,
 * point estimates checked independently by closed-form weighted least squares written here.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { fileURLToPath } from 'node:url';
import { readCsvRecords, readerNotes } from '../../src/io/csv.js';
import { leInequality } from '../../src/lifeexp/inequality.js';
import { leDeprivationSeries } from '../../src/lifeexp/chartData.js';

const FILE = fileURLToPath(new URL('../fixtures/phe/LE_testdata.csv', import.meta.url));
const rec = readCsvRecords(FILE);
const col = (name: string) => rec.rows.map((r) => r[rec.header.indexOf(name)]);
const data = aq.table({
  sex: col('Sex').map((s) => (s === '1' ? 'Male' : 'Female')),
  area_code: col('GeoCode'),
  decile: col('Decile').map(Number),
  population: col('Pop').map(Number),
  deaths: col('Deaths').map(Number),
  value: col('LifeExp').map(Number),
  se: col('SE').map(Number),
});

/**
 * Independent SII: weighted least squares of y on the relative rank x (midpoint of the cumulative
 * population share, most deprived first), weights = population shares w; closed form
 * slope = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)², intercept = ȳ − slope·x̄ (x̄, ȳ weighted means).
 * (Identical to PHEim's √a-weighted regression without intercept term on [√a, b√a].)
 */
function wlsSii(pop: number[], y: number[]): { sii: number; intercept: number } {
  const tot = pop.reduce((a, b) => a + b, 0);
  const w = pop.map((p) => p / tot);
  let cum = 0;
  const x = w.map((wi) => {
    const m = cum + wi / 2;
    cum += wi;
    return m;
  });
  const xb = x.reduce((s, xi, i) => s + w[i] * xi, 0);
  const yb = y.reduce((s, yi, i) => s + w[i] * yi, 0);
  const sxy = x.reduce((s, xi, i) => s + w[i] * (xi - xb) * (y[i] - yb), 0);
  const sxx = x.reduce((s, xi, i) => s + w[i] * (xi - xb) ** 2, 0);
  const slope = sxy / sxx;
  return { sii: slope, intercept: yb - slope * xb };
}

describe('SII in life expectancy, every upper-tier authority of LE_testdata.csv', () => {
  const out = leInequality(data, { quantile: 'decile', repetitions: 1000, seed: 42 });
  const rows = out.objects() as Record<string, number | string | null>[];

  it('one row per area and sex; the incomplete Isles of Scilly is null with a note', () => {
    expect(rows.length).toBe(724); // 361 complete areas + the Isles of Scilly, × 2 sexes
    const scilly = rows.filter((r) => r.area_code === 'E06000053');
    expect(scilly).toHaveLength(2);
    for (const r of scilly) expect(r).toMatchObject({ sii: null, gap: null, quantiles: 1 });
    expect(readerNotes(out).join(' ')).toMatch(/2 group\(s\) do not have all 10 deprivation groups/);
  });

  it('point estimates equal closed-form weighted least squares for every area and sex', () => {
    const byKey = new Map<string, { pop: number[]; y: number[] }>();
    for (const r of data.objects() as { area_code: string; sex: string; decile: number; population: number; value: number }[]) {
      const k = `${r.area_code}|${r.sex}`;
      const e = byKey.get(k) ?? { pop: new Array(10).fill(NaN), y: new Array(10).fill(NaN) };
      e.pop[r.decile - 1] = r.population;
      e.y[r.decile - 1] = r.value;
      byKey.set(k, e);
    }
    let checked = 0;
    for (const r of rows) {
      if (r.sii === null) continue;
      const e = byKey.get(`${r.area_code}|${r.sex}`)!;
      const w = wlsSii(e.pop, e.y);
      expect(r.sii as number).toBeCloseTo(w.sii, 9);
      expect(r.intercept as number).toBeCloseTo(w.intercept, 9);
      expect(r.rii as number).toBeCloseTo((w.intercept + w.sii) / w.intercept, 9);
      expect(r.gap as number).toBeCloseTo(e.y[9] - e.y[0], 12);
      expect(r.sii_lower as number).toBeLessThan(r.sii as number);
      expect(r.sii_upper as number).toBeGreaterThan(r.sii as number);
      checked++;
    }
    expect(checked).toBe(722);
    // the least deprived live longer almost everywhere: SII ≤ 0 in 10 of the 722 area-sex rows only
    expect(rows.filter((r) => r.sii !== null && (r.sii as number) <= 0).length).toBe(10);
  });

  it('Hartlepool (E06000001), males: the published-input values through the whole chain', () => {
    const h = rows.find((r) => r.area_code === 'E06000001' && r.sex === 'Male')!;
    expect(h.most_deprived_le as number).toBeCloseTo(70.56313911, 8);
    // gap CI from the two deciles' SEs: √(1.133868862² + SE₁₀²)
    const se10 = data
      .filter((d: { area_code: string; sex: string; decile: number }) => d.area_code === 'E06000001' && d.sex === 'Male' && d.decile === 10)
      .get('se', 0) as number;
    const seGap = Math.sqrt(1.133868862 ** 2 + se10 ** 2);
    expect(((h.gap_upper as number) - (h.gap_lower as number)) / 2).toBeCloseTo(1.959963984540054 * seGap, 9);
    expect(h.gap_judgement).toBe('significantly higher');
  });

  it('reproducible with a seed: same seed same limits, another seed different limits', () => {
    const sub = data.filter((d: { area_code: string }) => d.area_code === 'E06000001' || d.area_code === 'E08000028');
    const a = leInequality(sub, { quantile: 'decile', repetitions: 10000, seed: 7 }).objects() as Record<string, number>[];
    const b = leInequality(sub, { quantile: 'decile', repetitions: 10000, seed: 7 }).objects() as Record<string, number>[];
    const c = leInequality(sub, { quantile: 'decile', repetitions: 10000, seed: 8 }).objects() as Record<string, number>[];
    expect(a).toEqual(b);
    expect(a[0].sii).toBe(c[0].sii);
    expect(a[0].sii_lower).not.toBe(c[0].sii_lower);
    // an area's limits do not depend on the other areas in the table
    const alone = leInequality(
      sub.filter((d: { area_code: string }) => d.area_code === 'E06000001'),
      { quantile: 'decile', repetitions: 10000, seed: 7 },
    ).objects() as Record<string, number>[];
    expect(alone[0]).toEqual(a.find((r) => (r as Record<string, unknown>).area_code === 'E06000001' && r.sex === alone[0].sex));
  });

  it('limits from 95% CIs give the same SII as the SE', () => {
    const sub = data
      .filter((d: { area_code: string }) => d.area_code === 'E06000001')
      .derive({
        lo: (d: { value: number; se: number }) => d.value - 1.959963984540054 * d.se,
        hi: (d: { value: number; se: number }) => d.value + 1.959963984540054 * d.se,
      });
    const viaSe = leInequality(sub, { quantile: 'decile', repetitions: 2000, seed: 3 }).objects() as Record<string, number>[];
    const viaCl = leInequality(sub.select(aq.not('se')), { quantile: 'decile', lowerCl: 'lo', upperCl: 'hi', repetitions: 2000, seed: 3 }).objects() as Record<
      string,
      number
    >[];
    expect(viaCl[0].sii).toBeCloseTo(viaSe[0].sii, 12);
    expect(viaCl[0].sii_lower).toBeCloseTo(viaSe[0].sii_lower, 6);
  });

  it('chart series: points by decile and the SII line for each sex', () => {
    const sub = data.filter((d: { area_code: string }) => d.area_code === 'E08000028');
    const ineq = leInequality(sub, { quantile: 'decile', repetitions: 1000, seed: 1 });
    const series = leDeprivationSeries(
      sub.derive({
        lowercl: (d: { value: number; se: number }) => d.value - 1.96 * d.se,
        uppercl: (d: { value: number; se: number }) => d.value + 1.96 * d.se,
      }),
      ineq,
      { quantile: 'decile' },
    );
    expect(series.map((s) => s.name).sort()).toEqual(['Female', 'Male']);
    const m = series.find((s) => s.name === 'Male')!;
    expect(m.points.map((p) => p.quantile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const r = (ineq.objects() as Record<string, number | string>[]).find((x) => x.sex === 'Male')!;
    expect(m.sii).toEqual({ intercept: r.intercept, slope: r.sii });
  });

  it('bad input: a repeated decile, a non-numeric group, missing columns', () => {
    const dup = data
      .filter((d: { area_code: string }) => d.area_code === 'E06000001')
      .concat(data.filter((d: { area_code: string; decile: number }) => d.area_code === 'E06000001' && d.decile === 3));
    expect(() => leInequality(dup, { quantile: 'decile', repetitions: 1000 })).toThrow(/group 3 appears twice for area_code=E06000001/);
    expect(() => leInequality(data, { quantile: 'nope' })).toThrow(/no column "nope"/);
  });
});
