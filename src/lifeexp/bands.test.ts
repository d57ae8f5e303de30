import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readerNotes } from '../io/csv.js';
import { leToLifeTableBands, lePoolYears, LE_BANDS_85, LE_BANDS_90 } from './bands.js';

/** Single years 0..100 for one area, value = age + 1 (so band sums are easy to check by hand). */
function singleYears(code = 'A', top = 100) {
  const ages = Array.from({ length: top + 1 }, (_, a) => a);
  return aq.table({ area_code: ages.map(() => code), age: ages, population: ages.map((a) => a + 1) });
}

describe('leToLifeTableBands', () => {
  it('adds single years into the 20 life-table bands (open 90+ takes 90..100)', () => {
    const t = leToLifeTableBands(singleYears(), { age: 'age', values: ['population'] });
    expect(t.array('age_band')).toEqual([...LE_BANDS_90]);
    expect(t.array('age_start')).toEqual([0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    const p = t.array('population') as number[];
    expect(p[0]).toBe(1); // age 0
    expect(p[1]).toBe(2 + 3 + 4 + 5); // ages 1-4
    expect(p[2]).toBe(6 + 7 + 8 + 9 + 10); // 5-9
    expect(p[19]).toBe(Array.from({ length: 11 }, (_, i) => 91 + i).reduce((a, b) => a + b)); // 90..100
    expect(p.reduce((a, b) => a + b)).toBe((101 * 102) / 2);
  });

  it('reads published labels and merges finer bands (0-4 split, 90-94 + 95+)', () => {
    const labels = ['Under 1', '1 to 4', ...Array.from({ length: 17 }, (_, i) => `${5 + 5 * i}-${9 + 5 * i}`), '90-94', '95 and over'];
    const t = leToLifeTableBands(aq.table({ sex: labels.map(() => 'Male'), age_group: labels, deaths: labels.map((_, i) => i) }), { ageBand: 'age_group' });
    expect(t.numRows()).toBe(20);
    expect(t.get('deaths', 19)).toBe(19 + 20);
    expect(t.get('sex', 0)).toBe('Male');
  });

  it('85+ data cannot feed a 90+ table, but can an 85+ one', () => {
    const labels = ['0', '1-4', ...Array.from({ length: 16 }, (_, i) => `${5 + 5 * i}-${9 + 5 * i}`), '85+'];
    const t = aq.table({ age_band: labels, deaths: labels.map(() => 1) });
    expect(() => leToLifeTableBands(t)).toThrow(/"85\+".*straddles.*LE_BANDS_85/);
    expect(leToLifeTableBands(t, { bands: LE_BANDS_85 }).numRows()).toBe(19);
  });

  it('a missing band, a gap in single years, or overlapping rows are clear errors', () => {
    const noTop = singleYears().filter((d: { age: number }) => d.age < 90);
    expect(() => leToLifeTableBands(noTop, { age: 'age', values: ['population'] })).toThrow(/area_code=A has no rows for the age band "90\+"/);
    const gap = singleYears().filter((d: { age: number }) => d.age !== 47);
    expect(() => leToLifeTableBands(gap, { age: 'age', values: ['population'] })).toThrow(/no data for age 47 \(inside life-table band "45-49"\)/);
    const dup = singleYears().concat(aq.table({ area_code: ['A'], age: [3], population: [1] }));
    expect(() => leToLifeTableBands(dup, { age: 'age', values: ['population'] })).toThrow(/ages 3 appear twice for area_code=A/);
    expect(() => leToLifeTableBands(aq.table({ age_band: ['0', 'ninety'], deaths: [1, 2] }))).toThrow(/^row 2, column "age_band": unknown age band "ninety"/);
  });

  it('a suppressed or missing value makes its band null (never 0), with a note', () => {
    const t = singleYears().derive({ population: (d: { age: number; population: number }) => (d.age === 2 ? null : d.population) });
    const out = leToLifeTableBands(t, { age: 'age', values: ['population'] });
    expect(out.get('population', 1)).toBeNull();
    expect(out.get('population', 2)).toBe(40);
    expect(readerNotes(out).join(' ')).toMatch(/1 missing or suppressed value/);
  });
});

describe('lePoolYears', () => {
  const rows = (year: number, d: number, p: number) => ({ area_code: 'A', sex: 'Male', age_band: '1-4', year, deaths: d, population: p });

  it('adds deaths and populations over the years (three-year period)', () => {
    const t = aq.from([
      rows(2012, 1, 100),
      rows(2013, 2, 110),
      rows(2014, 3, 120),
      { ...rows(2012, 5, 50), age_band: 'Under 1' },
      { ...rows(2013, 6, 60), age_band: 'Under 1' },
      { ...rows(2014, 7, 70), age_band: 'Under 1' },
    ]);
    const out = lePoolYears(t);
    expect(out.numRows()).toBe(2);
    expect(out.objects()).toEqual([
      { area_code: 'A', sex: 'Male', age_band: '1-4', period: '2012-2014', years: 3, deaths: 6, population: 330 },
      { area_code: 'A', sex: 'Male', age_band: 'Under 1', period: '2012-2014', years: 3, deaths: 18, population: 180 },
    ]);
  });

  it('a year missing for one group, or repeated, is an error', () => {
    const t = aq.from([rows(2012, 1, 100), rows(2013, 2, 110), { ...rows(2012, 1, 100), area_code: 'B' }]);
    expect(() => lePoolYears(t)).toThrow(/area_code=B sex=Male age_band=1-4 has no rows for year 2013/);
    expect(() => lePoolYears(aq.from([rows(2012, 1, 100), rows(2012, 2, 110)]))).toThrow(/year 2012 appears twice/);
  });
});
