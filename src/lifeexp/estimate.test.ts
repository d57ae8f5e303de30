import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readerNotes } from '../io/csv.js';
import { leByGroup, leEstimate, leLifeTable, leBandLabels } from './estimate.js';

// PHEim's documented phe_life_expectancy example: e0 = 80.1696 (79.8827-80.4565), 4 dp.
const POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
const DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
const STARTS = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

describe('leEstimate', () => {
  it('reproduces PHEim e0 with its limits, and gives the SE', () => {
    const [e] = leEstimate({ startAges: STARTS, deaths: DEATHS, population: POPS });
    expect(e.value).toBeCloseTo(80.1696, 4);
    expect(e.lower).toBeCloseTo(79.8827, 4);
    expect(e.upper).toBeCloseTo(80.4565, 4);
    expect(e.se).toBeCloseTo((80.4565 - 79.8827) / (2 * 1.959964), 4);
    expect(e.deaths).toBe(DEATHS.reduce((a, b) => a + b));
    expect(e.problem).toBeNull();
  });

  it('LE at 65 uses the deaths and population from 65 up', () => {
    const [e0, e65] = leEstimate({ startAges: STARTS, deaths: DEATHS, population: POPS }, { ages: [0, 65] });
    expect(e65.age).toBe(65);
    expect(e65.value!).toBeLessThan(e0.value!);
    expect(e65.population).toBe(POPS.slice(14).reduce((a, b) => a + b));
    expect(() => leEstimate({ startAges: STARTS, deaths: DEATHS, population: POPS }, { ages: [66] })).toThrow(/age 66: not the start of a life-table band/);
  });

  it('NA rules: zero population, deaths > population, population ≤ 5,000', () => {
    const zero = leEstimate({ startAges: STARTS, deaths: DEATHS, population: POPS.map((p, i) => (i === 5 ? 0 : p)) })[0];
    expect(zero).toMatchObject({ value: null, se: null, problem: 'population zero or less' });
    const over = leEstimate({ startAges: STARTS, deaths: DEATHS.map((d, i) => (i === 0 ? 8000 : d)), population: POPS })[0];
    expect(over).toMatchObject({ value: null, problem: 'deaths more than population' });
    const small = leEstimate({ startAges: STARTS, deaths: DEATHS.map(() => 1), population: POPS.map(() => 200) })[0];
    expect(small).toMatchObject({ value: null, problem: 'total population 5,000 or less' });
    expect(() => leLifeTable({ startAges: STARTS, deaths: DEATHS.map(() => 1), population: POPS.map(() => 200) }, 'Tiny')).toThrow(
      /Tiny: no life table: the population is 5,000 or less/,
    );
  });

  it('band labels', () => {
    expect(leBandLabels(STARTS).slice(0, 3)).toEqual(['Under 1', '1-4', '5-9']);
    expect(leBandLabels(STARTS)[19]).toBe('90+');
  });
});

describe('leByGroup', () => {
  const rows = (area: string, sex: string, factor: number) =>
    STARTS.map((_s, i) => ({ area_code: area, sex, age_band: leBandLabels(STARTS)[i], deaths: Math.round(DEATHS[i] * factor), population: POPS[i] }));

  it('one row per group and age with value, se, limits and totals', () => {
    const t = aq.from([...rows('A', 'Male', 1), ...rows('A', 'Female', 0.8)]);
    const out = leByGroup(t, { ages: [0, 65] });
    expect(out.numRows()).toBe(4);
    expect(out.columnNames()).toEqual([
      'area_code',
      'sex',
      'age',
      'value',
      'se',
      'lowercl',
      'uppercl',
      'confidence',
      'deaths',
      'population',
      'problem',
      'method',
    ]);
    expect(out.get('value', 0) as number).toBeCloseTo(80.1696, 4);
    expect(out.get('value', 2) as number).toBeGreaterThan(80.1696);
  });

  it('a missing band is an error naming the group; a zero population is NA with a note', () => {
    const missing = aq.from(rows('A', 'Male', 1).filter((r) => r.age_band !== '40-44'));
    expect(() => leByGroup(missing)).toThrow(/area_code=A sex=Male has no row for the age band\(s\) starting at 40/);
    const zero = aq.from(rows('A', 'Male', 1).map((r) => (r.age_band === '1-4' ? { ...r, population: 0 } : r)));
    const out = leByGroup(zero);
    expect(out.get('value', 0)).toBeNull();
    expect(out.get('problem', 0)).toBe('population zero or less');
    expect(readerNotes(out).join(' ')).toMatch(/NA for 1 value/);
    const odd = aq.from([...rows('A', 'Male', 1), { area_code: 'A', sex: 'Male', age_band: '3-7', deaths: 1, population: 10 }]);
    expect(() => leByGroup(odd)).toThrow(/"3-7" is not one of the life-table bands/);
  });
});
