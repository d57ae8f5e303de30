import { describe, expect, it } from 'vitest';
import { lifeTable } from '../stats/lifeExpectancy.js';
import { leArriaga, leArriagaByCause, leDecomposeGap, LE_OTHER_CAUSES } from './arriaga.js';

/*
 * Hand-computed two-band example (bands "Under 1" and "1+", open): population 1 (the area) has
 * D = [10, 100], P = [1000, 5000]; population 2 (the comparator) D = [5, 80], P = [1000, 5000].
 * By hand (l0 = 1, a0 = 0.1): q0 = m0 / (1 + 0.9 m0), l1 = 1 − q0, L0 = l1 + 0.1 (1 − l1),
 * open band L1 = T1 = l1 / m1.
 *   area:       l1 = 0.9900891972249752, L0 = 0.9910802775024777, T1 = 49.50445986124876, e0 = 50.49554013875124
 *   comparator: l1 = 0.9950223992035838, L0 = 0.9955201592832255, T1 = 62.188899950223984, e0 = 63.18442010950721
 * Δ0 = (L²0 − L¹0) + T²1 (1 − l¹1/l²1) = 0.312765005443786
 * Δ1 = l¹1 (T²1/l²1 − T¹1/l¹1) = l¹1 (1/m²1 − 1/m¹1) = 12.376114965312183
 * Σ = 12.68887997075597 = e²0 − e¹0.
 */
const AGES = [0, 1];
const area = lifeTable([10, 100], [1000, 5000], AGES);
const comp = lifeTable([5, 80], [1000, 5000], AGES);

describe('Arriaga decomposition: hand-computed two-band example', () => {
  it('gives the hand-computed contributions and they add up to the gap', () => {
    const d = leArriaga(area, comp);
    expect(d.areaLe).toBeCloseTo(50.49554013875124, 11);
    expect(d.comparatorLe).toBeCloseTo(63.18442010950721, 11);
    expect(d.gap).toBeCloseTo(12.68887997075597, 11);
    expect(d.byAge.map((r) => r.age_band)).toEqual(['Under 1', '1+']);
    expect(d.byAge[0].contribution).toBeCloseTo(0.312765005443786, 12);
    expect(d.byAge[1].contribution).toBeCloseTo(12.376114965312183, 12);
    expect(d.byAge[1].indirect).toBe(0);
    expect(Math.abs(d.byAge[0].contribution + d.byAge[1].contribution - d.gap)).toBeLessThan(1e-12);
  });

  it('splits each band by cause in proportion to the cause-specific rate differences', () => {
    // area: band 0 X 6 / Y 4, band 1 X 70 / Y 30; comparator: band 0 X 2 / Y 3, band 1 X 50 / Y 30
    const d = leArriaga(area, comp);
    const rows = leArriagaByCause(d, area, comp, [
      { cause: 'X', area: [6, 70], comparator: [2, 50] },
      { cause: 'Y', area: [4, 30], comparator: [3, 30] },
    ]);
    const get = (band: string, cause: string) => rows.find((r) => r.age_band === band && r.cause === cause)!.contribution;
    // band 0: Δ0 × (−4/1000)/(−5/1000) and Δ0 × (−1/1000)/(−5/1000)
    expect(get('Under 1', 'X')).toBeCloseTo(0.2502120043550288, 12);
    expect(get('Under 1', 'Y')).toBeCloseTo(0.0625530010887572, 12);
    // band 1: Y's rates are equal in both populations, so X takes all of Δ1
    expect(get('1+', 'X')).toBeCloseTo(12.376114965312183, 12);
    expect(get('1+', 'Y')).toBe(-0);
    expect(rows.some((r) => r.cause === LE_OTHER_CAUSES)).toBe(false);
    const total = rows.reduce((s, r) => s + r.contribution, 0);
    expect(Math.abs(total - d.gap)).toBeLessThan(1e-9);
  });

  it('adds an "Other causes" remainder when causes do not cover all deaths; too many is an error', () => {
    const d = leArriaga(area, comp);
    const rows = leArriagaByCause(d, area, comp, [{ cause: 'X', area: [6, 70], comparator: [2, 50] }]);
    expect(rows.filter((r) => r.cause === LE_OTHER_CAUSES)).toHaveLength(2);
    expect(Math.abs(rows.reduce((s, r) => s + r.contribution, 0) - d.gap)).toBeLessThan(1e-9);
    expect(() => leArriagaByCause(d, area, comp, [{ cause: 'X', area: [11, 70], comparator: [2, 50] }])).toThrow(/exceed all deaths \(10\)/);
    expect(() => leArriagaByCause(d, area, comp, [{ cause: 'X', area: [1], comparator: [1] }])).toThrow(/2 age bands expected/);
  });
});

// PHEim's documented example population (phe_life_expectancy) and a second population with
// higher mortality from 45 on: 20 bands.
const PHE_POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
const PHE_DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
const STARTS = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
const WORSE = PHE_DEATHS.map((d, i) => (STARTS[i] >= 45 ? Math.round(d * 1.25) : d + 2));

describe('Arriaga decomposition: 20 bands', () => {
  const a = { startAges: STARTS, deaths: WORSE, population: PHE_POPS };
  const b = { startAges: STARTS, deaths: PHE_DEATHS, population: PHE_POPS };

  it('contributions sum to the gap to 1e-9, at birth and at 65', () => {
    for (const fromAge of [0, 65]) {
      const d = leDecomposeGap(a, b, { fromAge });
      expect(d.byAge).toHaveLength(fromAge === 0 ? 20 : 6);
      expect(Math.abs(d.byAge.reduce((s, r) => s + r.contribution, 0) - d.gap)).toBeLessThan(1e-9);
      expect(d.gap).toBeGreaterThan(0);
    }
    // e0 of the PHEim example population is 80.1696 (PHEim documentation)
    expect(leDecomposeGap(a, b).comparatorLe).toBeCloseTo(80.1696, 4);
  });

  it('swapping the two populations flips the sign of the gap exactly; the symmetric variant flips every band', () => {
    const ab = leDecomposeGap(a, b);
    const ba = leDecomposeGap(b, a);
    expect(ba.gap).toBeCloseTo(-ab.gap, 12);
    expect(Math.abs(ba.byAge.reduce((s, r) => s + r.contribution, 0) + ab.gap)).toBeLessThan(1e-9);
    // one-way Arriaga is not symmetric band by band, but every band keeps its sign here
    ab.byAge.forEach((r, i) => expect(Math.sign(ba.byAge[i].contribution)).toBe(-Math.sign(r.contribution)));
    const sab = leDecomposeGap(a, b, { symmetric: true });
    const sba = leDecomposeGap(b, a, { symmetric: true });
    sab.byAge.forEach((r, i) => expect(sba.byAge[i].contribution).toBeCloseTo(-r.contribution, 12));
    expect(Math.abs(sab.byAge.reduce((s, r) => s + r.contribution, 0) - sab.gap)).toBeLessThan(1e-9);
  });

  it('bands whose death rates are equal contribute nothing', () => {
    const d = leDecomposeGap(a, b);
    for (const r of d.byAge) if (r.age_start >= 5 && r.age_start < 45) expect(Math.abs(r.contribution)).toBeGreaterThan(0);
    const same = leDecomposeGap(b, b);
    for (const r of same.byAge) expect(r.contribution).toBe(0);
  });

  it('refuses populations with different bands or invalid life tables, saying why', () => {
    const b85 = { startAges: STARTS.slice(0, 19), deaths: PHE_DEATHS.slice(0, 19), population: PHE_POPS.slice(0, 19) };
    expect(() => leDecomposeGap(a, b85)).toThrow(/different age bands/);
    const zeroPop = { ...a, population: PHE_POPS.map((p, i) => (i === 3 ? 0 : p)) };
    expect(() => leDecomposeGap(zeroPop, b, { areaLabel: 'Area X' })).toThrow(/Area X: no life table: population zero or less/);
    const tooMany = { ...a, deaths: WORSE.map((d, i) => (i === 2 ? 50000 : d)) };
    expect(() => leDecomposeGap(tooMany, b)).toThrow(/deaths more than population/);
    expect(() => leDecomposeGap(a, b, { fromAge: 3 })).toThrow(/not the start of a band/);
  });
});
