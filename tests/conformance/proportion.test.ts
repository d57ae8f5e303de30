import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { InputError } from '../../src/core/errors.js';
import { wilsonInterval } from '../../src/stats/confidence.js';
import { proportion, proportionStatistic, proportionWithCI } from '../../src/stats/proportion.js';
import { expectRelClose, PHE_REL_TOL, loadPhe, mismatches, pheNumber, pheTable } from '../helpers/phe.js';

// PHEindicatormethods 2.1.0 test data (commit 093fd288), tests/fixtures/phe/README.md.
const PROP = 'testdata_Proportion__testdata_Prop.csv';
const PROP_G = 'testdata_Proportion__testdata_Prop_g.csv';
const NUM = ['Numerator', 'Denominator', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl', 'multiplier'];

function expectedColumns(name: string, rows: number[], cols: string[]): Record<string, (number | null)[]> {
  const { header, rows: all } = loadPhe(name);
  const out: Record<string, (number | null)[]> = {};
  for (const c of cols) out[c] = rows.map((i) => pheNumber(all[i][header.indexOf(c)]));
  return out;
}
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('Wilson limits — testdata_Byars_Wilson rows 7-12', () => {
  const { header, rows } = loadPhe('testdata_Byars_Wilson__testdata_B_W.csv');
  const wilson = rows.filter((r) => r[header.indexOf('method')] === 'Wilson');
  it('has the 6 Wilson cases', () => expect(wilson.length).toBe(6));
  for (const r of wilson) {
    const [x, n, lo, up] = [0, 1, 2, 3].map((j) => pheNumber(r[j])!);
    const conf = r[header.indexOf('confidence')] === '95%' ? 0.95 : 0.998;
    it(`x=${x}, n=${n} at ${conf}`, () => {
      const ci = wilsonInterval(x, n, conf);
      expectRelClose(ci.lower, lo, PHE_REL_TOL, 'ci.lower');
      expectRelClose(ci.upper, up, PHE_REL_TOL, 'ci.upper');
      const p = proportionWithCI(x, n, conf, 1);
      expectRelClose(p.lower, lo, PHE_REL_TOL, 'p.lower');
      expectRelClose(p.upper, up, PHE_REL_TOL, 'p.upper');
    });
  }
});

describe('proportion — testdata_Prop (ungrouped, row by row)', () => {
  it('rows 1-8: multiplier 1, 95% and 99.8%', () => {
    const input = pheTable(PROP, NUM, range(0, 8)).select('Area', 'Numerator', 'Denominator');
    const out = proportion(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998] });
    expect(out.columnNames()).toEqual([
      'Area',
      'Numerator',
      'Denominator',
      'value',
      'lower95_0cl',
      'upper95_0cl',
      'lower99_8cl',
      'upper99_8cl',
      'confidence',
      'statistic',
      'method',
    ]);
    expect(mismatches('Prop 1-8', out, expectedColumns(PROP, range(0, 8), ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']))).toEqual([]);
    expect(new Set(out.array('statistic'))).toEqual(new Set(['proportion of 1']));
    expect(new Set(out.array('method'))).toEqual(new Set(['Wilson']));
    expect(out.get('confidence', 0)).toBe('95%, 99.8%');
    expect(out.array('Area')).toEqual(input.array('Area'));
  });

  it('rows 9-16: multiplier 100 (percentage)', () => {
    const input = pheTable(PROP, NUM, range(8, 16)).select('Area', 'Numerator', 'Denominator');
    const out = proportion(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998], multiplier: 100 });
    expect(mismatches('Prop 9-16', out, expectedColumns(PROP, range(8, 16), ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']))).toEqual(
      [],
    );
    expect(new Set(out.array('statistic'))).toEqual(new Set(['percentage']));
  });

  it('rows 17-19: NA numerator and/or denominator give NA results, not errors', () => {
    const input = pheTable(PROP, NUM, range(16, 19)).select('Area', 'Numerator', 'Denominator');
    const out = proportion(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998] });
    expect(mismatches('Prop 17-19', out, expectedColumns(PROP, range(16, 19), ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']))).toEqual(
      [],
    );
    expect(out.array('value')).toEqual([null, null, null]);
    expect(out.array('statistic')).toEqual(['proportion of 1', 'proportion of 1', 'proportion of 1']);
    expect(out.array('method')).toEqual(['Wilson', 'Wilson', 'Wilson']);
  });
});

describe('proportion — testdata_Prop_g (grouped sums, 95%)', () => {
  it('sums two rows per area (areas 1-8; one row each for the NA areas 9-11) and matches all 11 expected rows', () => {
    const base = pheTable(PROP, NUM, range(0, 8)).select('Area', 'Numerator', 'Denominator');
    const na = pheTable(PROP, NUM, range(16, 19)).select('Area', 'Numerator', 'Denominator');
    const doubled = base.concat(base, na).groupby('Area');
    const out = proportion(doubled, { x: 'Numerator', n: 'Denominator' });
    expect(out.columnNames()).toEqual(['Area', 'Numerator', 'Denominator', 'value', 'lowercl', 'uppercl', 'confidence', 'statistic', 'method']);
    const { header, rows } = loadPhe(PROP_G);
    expect(out.array('Area')).toEqual(rows.map((r) => r[header.indexOf('Area')]));
    expect(mismatches('Prop_g', out, expectedColumns(PROP_G, range(0, 11), ['Numerator', 'Denominator', 'value', 'lowercl', 'uppercl']))).toEqual([]);
    expect(out.array('confidence')).toEqual(rows.map((r) => r[header.indexOf('confidence')]));
    expect(out.array('statistic')).toEqual(rows.map((r) => r[header.indexOf('statistic')]));
  });
});

describe('proportion — validation (one-line InputErrors naming row and column)', () => {
  const t = aq.table({ area: ['A', 'B', 'C'], x: [1, 5, 3], n: [10, 10, 10] });
  it('negative numerator', () => {
    const bad = aq.table({ area: ['A', 'B'], x: [1, -1], n: [10, 10] });
    expect(() => proportion(bad, { x: 'x', n: 'n' })).toThrow(InputError);
    expect(() => proportion(bad, { x: 'x', n: 'n' })).toThrow('table passed to proportion(), row 2, column "x": expected a numerator of 0 or more, found -1');
  });
  it('zero denominator', () => {
    const bad = aq.table({ x: [1, 0], n: [10, 0] });
    expect(() => proportion(bad, { x: 'x', n: 'n' })).toThrow('row 2, column "n": expected a denominator greater than 0, found 0');
  });
  it('numerator above denominator', () => {
    const bad = aq.table({ x: [1, 11], n: [10, 10] });
    expect(() => proportion(bad, { x: 'x', n: 'n' })).toThrow('row 2, column "x": numerator 11 is greater than its denominator 10');
  });
  it('a file source reports file lines', () => {
    const bad = aq.table({ x: [1, 11], n: [10, 10] });
    expect(() => proportion(bad, { x: 'x', n: 'n', source: { file: 'in.csv', firstDataLine: 2 } })).toThrow('in.csv, line 3, column "x"');
  });
  it('missing and non-numeric columns', () => {
    expect(() => proportion(t, { x: 'num', n: 'n' })).toThrow('column "num": no such column');
    const s = aq.table({ x: ['1', 'abc'], n: [10, 10] });
    expect(() => proportion(s, { x: 'x', n: 'n' })).toThrow('row 2, column "x": expected a number, found "abc"');
  });
  it('bad type and confidence', () => {
    expect(() => proportion(t, { x: 'x', n: 'n', type: 'all' as never })).toThrow('type must be one of');
    expect(() => proportion(t, { x: 'x', n: 'n', confidence: 0.5 })).toThrow('confidence level');
  });
});

describe('proportion — output types, grouping, NA handling', () => {
  const t = aq.table({ area: ['A', 'A', 'B'], x: [1, 4, 3], n: [10, 10, 20] });
  it('type value / lower / upper / standard keep the PHEim columns', () => {
    expect(proportion(t, { x: 'x', n: 'n', type: 'value' }).columnNames()).toEqual(['area', 'x', 'n', 'value']);
    expect(proportion(t, { x: 'x', n: 'n', type: 'lower' }).columnNames()).toEqual(['area', 'x', 'n', 'lowercl']);
    expect(proportion(t, { x: 'x', n: 'n', type: 'upper', confidence: [0.95, 0.998] }).columnNames()).toEqual(['area', 'x', 'n', 'upper95_0cl', 'upper99_8cl']);
    expect(proportion(t.groupby('area'), { x: 'x', n: 'n', type: 'standard' }).columnNames()).toEqual(['area', 'x', 'n', 'value', 'lowercl', 'uppercl']);
  });
  it('confidence null gives value and statistic only', () => {
    expect(proportion(t, { x: 'x', n: 'n', confidence: null }).columnNames()).toEqual(['area', 'x', 'n', 'value', 'statistic']);
  });
  it('a grouped, filtered table aggregates only the visible rows; input is not mutated', () => {
    const before = t.objects();
    const out = proportion(t.filter((d: { x: number }) => d.x > 1).groupby('area'), { x: 'x', n: 'n' });
    expect(out.objects().map((o: any) => [o.area, o.x, o.n])).toEqual([
      ['A', 4, 10],
      ['B', 3, 20],
    ]);
    expect(t.objects()).toEqual(before);
  });
  it('statistic labels follow PHEim (R number formatting)', () => {
    expect(proportionStatistic(100)).toBe('percentage');
    expect(proportionStatistic(1)).toBe('proportion of 1');
    expect(proportionStatistic(1000)).toBe('proportion of 1000');
    expect(proportionStatistic(100000)).toBe('proportion of 1e+05');
  });
});

describe('proportion — properties (no reference needed)', () => {
  const cases: [number, number][] = [
    [0, 1],
    [0, 50],
    [1, 2],
    [3, 7],
    [50, 50],
    [17, 1000],
    [999999, 1000000],
    [0.445, 1],
  ];
  it('limits bracket the value and stay within [0, multiplier]', () => {
    for (const [x, n] of cases) {
      for (const c of [0.9, 0.95, 0.99, 0.998]) {
        const p = proportionWithCI(x, n, c, 100);
        expect(p.lower!).toBeLessThanOrEqual(p.value! + 1e-12);
        expect(p.upper!).toBeGreaterThanOrEqual(p.value! - 1e-12);
        expect(p.lower!).toBeGreaterThanOrEqual(-1e-12);
        expect(p.upper!).toBeLessThanOrEqual(100 + 1e-12);
      }
    }
  });
  it('intervals widen as confidence rises', () => {
    for (const [x, n] of cases) {
      let prev = proportionWithCI(x, n, 0.9);
      for (const c of [0.95, 0.99, 0.998]) {
        const p = proportionWithCI(x, n, c);
        expect(p.lower!).toBeLessThanOrEqual(prev.lower! + 1e-15);
        expect(p.upper!).toBeGreaterThanOrEqual(prev.upper! - 1e-15);
        prev = p;
      }
    }
  });
  it('confidence given as a percentage is the same as a proportion', () => {
    expect(proportionWithCI(65, 100, 95)).toEqual(proportionWithCI(65, 100, 0.95));
  });
});
