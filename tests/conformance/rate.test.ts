import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { byarsInterval } from '../../src/stats/confidence.js';
import { rate, rateWithCI } from '../../src/stats/rate.js';
import { expectRelClose, PHE_REL_TOL, loadPhe, mismatches, pheNumber, pheTable } from '../helpers/phe.js';

// PHEindicatormethods 2.1.0 test data (commit 093fd288), tests/fixtures/phe/README.md.
const RATE = 'testdata_Rate__testdata_Rate.csv';
const RATE_G = 'testdata_Rate__testdata_Rate_g.csv';
const NUM = ['Numerator', 'Denominator', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl', 'multiplier'];
const LIMITS2 = ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'];
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

function expectedColumns(name: string, rows: number[], cols: string[]): Record<string, (number | null)[]> {
  const { header, rows: all } = loadPhe(name);
  const out: Record<string, (number | null)[]> = {};
  for (const c of cols) out[c] = rows.map((i) => pheNumber(all[i][header.indexOf(c)]));
  return out;
}
function expectedStrings(name: string, rows: number[], col: string): (string | null)[] {
  const { header, rows: all } = loadPhe(name);
  return rows.map((i) => all[i][header.indexOf(col)]);
}

describe("Byar's limits — testdata_Byars_Wilson rows 1-6 and 13", () => {
  const { header, rows } = loadPhe('testdata_Byars_Wilson__testdata_B_W.csv');
  const byars = rows.filter((r) => r[header.indexOf('method')] === 'Byars');
  it('has the 7 Byars cases', () => expect(byars.length).toBe(7));
  for (const r of byars) {
    const x = pheNumber(r[0])!;
    const lo = pheNumber(r[2]);
    const up = pheNumber(r[3]);
    const conf = r[header.indexOf('confidence')] === '95%' ? 0.95 : 0.998;
    it(`x=${x} at ${conf}${lo === null ? ' (negative lower limit → NA)' : ''}`, () => {
      const ci = byarsInterval(x, conf);
      expectRelClose(ci.lower, lo, PHE_REL_TOL, 'ci.lower');
      expectRelClose(ci.upper, up, PHE_REL_TOL, 'ci.upper');
    });
  }
});

describe('rate — testdata_Rate (ungrouped, row by row)', () => {
  it('rows 1-8: per 100, 95% and 99.8%, Exact below 10 events', () => {
    const input = pheTable(RATE, NUM, range(0, 8)).select('Area', 'Numerator', 'Denominator');
    const out = rate(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998], multiplier: 100 });
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
    expect(mismatches('Rate 1-8', out, expectedColumns(RATE, range(0, 8), LIMITS2))).toEqual([]);
    expect(out.array('method')).toEqual(expectedStrings(RATE, range(0, 8), 'method'));
    expect(out.array('statistic')).toEqual(expectedStrings(RATE, range(0, 8), 'statistic'));
  });

  it('rows 9-16: per 100,000', () => {
    const input = pheTable(RATE, NUM, range(8, 16)).select('Area', 'Numerator', 'Denominator');
    const out = rate(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998] });
    expect(mismatches('Rate 9-16', out, expectedColumns(RATE, range(8, 16), LIMITS2))).toEqual([]);
    expect(out.array('method')).toEqual(expectedStrings(RATE, range(8, 16), 'method'));
    expect(out.array('statistic')).toEqual(expectedStrings(RATE, range(8, 16), 'statistic'));
  });

  it('rows 17-20: NAs give NA results (method NA only when x is NA); x > n is allowed', () => {
    const input = pheTable(RATE, NUM, range(16, 20)).select('Area', 'Numerator', 'Denominator');
    const out = rate(input, { x: 'Numerator', n: 'Denominator', confidence: [0.95, 0.998] });
    expect(mismatches('Rate 17-20', out, expectedColumns(RATE, range(16, 20), LIMITS2))).toEqual([]);
    expect(out.array('method')).toEqual(expectedStrings(RATE, range(16, 20), 'method'));
    expect(out.array('statistic')).toEqual(expectedStrings(RATE, range(16, 20), 'statistic'));
  });
});

describe('rate — testdata_Rate_g (grouped sums, 95%)', () => {
  it('matches all 12 expected rows', () => {
    const base = pheTable(RATE, NUM, range(8, 16)).select('Area', 'Numerator', 'Denominator');
    const single = pheTable(RATE, NUM, range(16, 20)).select('Area', 'Numerator', 'Denominator');
    const out = rate(base.concat(base, single).groupby('Area'), { x: 'Numerator', n: 'Denominator' });
    expect(out.columnNames()).toEqual(['Area', 'Numerator', 'Denominator', 'value', 'lowercl', 'uppercl', 'confidence', 'statistic', 'method']);
    expect(out.array('Area')).toEqual(expectedStrings(RATE_G, range(0, 12), 'Area'));
    expect(mismatches('Rate_g', out, expectedColumns(RATE_G, range(0, 12), ['Numerator', 'Denominator', 'value', 'lowercl', 'uppercl']))).toEqual([]);
    expect(out.array('method')).toEqual(expectedStrings(RATE_G, range(0, 12), 'method'));
    expect(out.array('confidence')).toEqual(expectedStrings(RATE_G, range(0, 12), 'confidence'));
  });
});

describe('rate — validation and properties', () => {
  it('rejects negative counts and non-positive denominators with row and column', () => {
    expect(() => rate(aq.table({ x: [1, -2], n: [5, 5] }), { x: 'x', n: 'n' })).toThrow(
      'table passed to rate(), row 2, column "x": expected a numerator of 0 or more, found -2',
    );
    expect(() => rate(aq.table({ x: [1, 2], n: [5, 0] }), { x: 'x', n: 'n' })).toThrow('row 2, column "n": expected a denominator greater than 0, found 0');
  });
  it('x = 0 gives a lower limit of 0 (exact method)', () => {
    const r = rateWithCI(0, 1000, 0.95, 1000);
    expect(r.lower).toBe(0);
    expect(r.method).toBe('Exact');
    expect(r.upper!).toBeGreaterThan(0);
  });
  it('limits bracket the value and widen with confidence, either side of the 10-event switch', () => {
    for (const x of [0, 1, 5, 9, 10, 11, 50, 1000, 123456]) {
      let prev = rateWithCI(x, 5000, 0.9);
      expect(prev.lower!).toBeLessThanOrEqual(prev.value!);
      expect(prev.upper!).toBeGreaterThanOrEqual(prev.value!);
      for (const c of [0.95, 0.99, 0.998]) {
        const r = rateWithCI(x, 5000, c);
        expect(r.lower!).toBeLessThanOrEqual(prev.lower!);
        expect(r.upper!).toBeGreaterThanOrEqual(prev.upper!);
        prev = r;
      }
    }
  });
  it('type value / lower / upper follow PHEim', () => {
    const t = aq.table({ a: ['A', 'A'], x: [3, 40], n: [100, 200] }).groupby('a');
    expect(rate(t, { x: 'x', n: 'n', type: 'value' }).columnNames()).toEqual(['a', 'x', 'n', 'value']);
    expect(rate(t, { x: 'x', n: 'n', type: 'lower' }).columnNames()).toEqual(['a', 'x', 'n', 'lowercl']);
    expect(rate(t, { x: 'x', n: 'n', type: 'upper' }).columnNames()).toEqual(['a', 'x', 'n', 'uppercl']);
  });
});
