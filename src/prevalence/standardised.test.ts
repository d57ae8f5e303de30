import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { ageStandardisedPrevalence, esp2013ForBands } from './standardised.js';

describe('esp2013ForBands', () => {
  it('sums ESP2013 five-year weights, splitting a band evenly by single year', () => {
    // 16-34 = 4/5 × 5500 (15-19) + 6000 + 6000 + 6500; 75+ = 4000 + 2500 + 1500 + 1000
    expect(esp2013ForBands(['16-34', '35-44', '45-54', '55-64', '65-74', '75+'])).toEqual([22900, 14000, 14000, 12500, 10500, 9000]);
    expect(esp2013ForBands(['0-4', '90+'])).toEqual([5000, 1000]);
    expect(esp2013ForBands(['0+'])).toEqual([100000]);
  });
  it('rejects overlapping bands and closed bands past 90', () => {
    expect(() => esp2013ForBands(['16-34', '30-44'])).toThrow(/overlap at age 30/);
    expect(() => esp2013ForBands(['85-94'])).toThrow(/reaches 90 or over/);
  });
});

describe('ageStandardisedPrevalence', () => {
  it('is the ESP2013-weighted mean of the band prevalences (HSE 2022 men, Sandwell mid-2019 population)', () => {
    const bands = ['16-34', '35-44', '45-54', '55-64', '65-74', '75+'];
    const pop = [41716, 21887, 21445, 17726, 12429, 9855];
    const pct = [5, 23, 31, 50, 61, 66];
    const t = aq.table({ area_code: bands.map(() => 'E08000028'), age_band: bands, population: pop, count: pop.map((p, i) => (p * pct[i]) / 100) });
    const out = ageStandardisedPrevalence(t, { groupBy: ['area_code'] });
    const w = [22900, 14000, 14000, 12500, 10500, 9000];
    const expected = pct.reduce((s, p, i) => s + p * w[i], 0) / w.reduce((a, b) => a + b, 0);
    expect(out.get('value', 0)).toBeCloseTo(expected, 10); // 34.3886…
    expect(out.get('statistic', 0)).toBe('dsr per 100');
    expect(out.get('lower95_0cl', 0)).toBeLessThan(expected);
    expect(out.get('upper99_8cl', 0)).toBeGreaterThan(out.get('upper95_0cl', 0));
  });
});
