import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { isRate, isRateWithCI, isRatio, isRatioWithCI } from '../../src/stats/isr.js';
import { expectRelClose, PHE_REL_TOL, loadPhe, mismatches, pheNumber, pheTable } from '../helpers/phe.js';

// PHEindicatormethods 2.1.0 test data (commit 093fd288), tests/fixtures/phe/README.md.
const results = loadPhe('testdata_DSR_ISR__testresults_ISR.csv');
const R = (col: string, rows: number[]) => rows.map((i) => pheNumber(results.rows[i][results.header.indexOf(col)]));
const S = (col: string, rows: number[]) => rows.map((i) => results.rows[i][results.header.indexOf(col)]);
const TWO = ['observed', 'expected', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'];
const expected = (rows: number[], cols: string[]) => Object.fromEntries(cols.map((c) => [c, R(c, rows)]));

const multiarea = pheTable('testdata_DSR_ISR__testdata_multiarea.csv', ['count', 'pop']).groupby('area');
const multiareaIsr = pheTable('testdata_DSR_ISR__testdata_multiarea_isr.csv', ['count', 'pop', 'refcount', 'refpop']).groupby('area');
const lookup = pheTable('testdata_DSR_ISR__testdata_multiarea_lookup.csv', ['total_count']);
const ref = pheTable('testdata_DSR_ISR__refdata.csv', ['refcount', 'refpop']);
const refCount = ref.array('refcount') as number[];
const refPop = ref.array('refpop') as number[];
const err2 = pheTable('testdata_DSR_ISR__testdata_err2.csv', ['count', 'pop']).groupby('area');

describe('isRate — testresults_ISR rows 1-6', () => {
  it('rows 1-3: per 100,000, reference data as vectors, 95% and 99.8%', () => {
    const out = isRate(multiarea, { x: 'count', n: 'pop', xRef: refCount, nRef: refPop, confidence: [0.95, 0.998] });
    expect(out.columnNames()).toEqual([
      'area',
      'observed',
      'expected',
      'ref_rate',
      'value',
      'lower95_0cl',
      'upper95_0cl',
      'lower99_8cl',
      'upper99_8cl',
      'confidence',
      'statistic',
      'method',
    ]);
    expect(out.array('area')).toEqual(S('area', [0, 1, 2]));
    expect(mismatches('ISRate 1-3', out, expected([0, 1, 2], [...TWO, 'ref_rate']))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [0, 1, 2]));
    expect(out.array('method')).toEqual(S('method', [0, 1, 2]));
  });
  it('rows 4-6: per 1,000, reference data as columns', () => {
    const out = isRate(multiareaIsr, { x: 'count', n: 'pop', xRef: 'refcount', nRef: 'refpop', multiplier: 1000, confidence: [0.95, 0.998] });
    expect(mismatches('ISRate 4-6', out, expected([3, 4, 5], [...TWO, 'ref_rate']))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [3, 4, 5]));
    expect(out.array('method')).toEqual(S('method', [3, 4, 5]));
  });
});

describe('isRatio — testresults_ISR rows 7-12', () => {
  it('rows 7-9: ratio x 1, columns', () => {
    const out = isRatio(multiareaIsr, { x: 'count', n: 'pop', xRef: 'refcount', nRef: 'refpop', confidence: [0.95, 0.998] });
    expect(out.columnNames()).toEqual([
      'area',
      'observed',
      'expected',
      'value',
      'lower95_0cl',
      'upper95_0cl',
      'lower99_8cl',
      'upper99_8cl',
      'confidence',
      'statistic',
      'method',
    ]);
    expect(mismatches('ISRatio 7-9', out, expected([6, 7, 8], TWO))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [6, 7, 8]));
    expect(out.array('method')).toEqual(S('method', [6, 7, 8]));
  });
  it('rows 10-12: ratio x 100 from all-age observed totals (observedTotals)', () => {
    const noCounts = multiarea.select('area', 'ageband', 'pop').groupby('area');
    const out = isRatio(noCounts, {
      x: 'total_count',
      n: 'pop',
      xRef: refCount,
      nRef: refPop,
      refvalue: 100,
      observedTotals: lookup,
      confidence: [0.95, 0.998],
    });
    expect(mismatches('ISRatio 10-12', out, expected([9, 10, 11], TWO))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [9, 10, 11]));
    expect(out.array('method')).toEqual(S('method', [9, 10, 11]));
  });
  it('observedTotals also works for isRate (rows 1-3)', () => {
    const out = isRate(multiarea, { x: 'total_count', n: 'pop', xRef: refCount, nRef: refPop, observedTotals: lookup, confidence: [0.95, 0.998] });
    expect(mismatches('ISRate totals', out, expected([0, 1, 2], TWO))).toEqual([]);
  });
  it('a group missing from observedTotals gets NA results', () => {
    const out = isRatio(multiarea, { x: 'total_count', n: 'pop', xRef: refCount, nRef: refPop, observedTotals: lookup.slice(0, 2) });
    expect(out.get('value', 2)).toBeNull();
    expect(out.get('method', 2)).toBeNull();
    expect(out.get('value', 0)).not.toBeNull();
  });
});

describe('isRate / isRatio — testresults_ISR rows 13-16 (err2: one band with population 0 is allowed)', () => {
  it('rows 13-14: rate per 100,000, 95%', () => {
    const out = isRate(err2, { x: 'count', n: 'pop', xRef: refCount, nRef: refPop });
    expect(out.array('area')).toEqual(S('area', [12, 13]));
    const e = expected([12, 13], ['observed', 'expected', 'ref_rate', 'value', 'lower95_0cl', 'upper95_0cl']);
    expect(
      mismatches('ISRate err2', out, {
        observed: e.observed,
        expected: e.expected,
        ref_rate: e.ref_rate,
        value: e.value,
        lowercl: e.lower95_0cl,
        uppercl: e.upper95_0cl,
      }),
    ).toEqual([]);
  });
  it('rows 15-16: ratio x 100, 95%', () => {
    const out = isRatio(err2, { x: 'count', n: 'pop', xRef: refCount, nRef: refPop, refvalue: 100 });
    const e = expected([14, 15], ['observed', 'expected', 'value', 'lower95_0cl', 'upper95_0cl']);
    expect(
      mismatches('ISRatio err2', out, { observed: e.observed, expected: e.expected, value: e.value, lowercl: e.lower95_0cl, uppercl: e.upper95_0cl }),
    ).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [14, 15]));
  });
});

describe('isr — validation', () => {
  it('err1: a negative count', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err1.csv', ['count', 'pop']);
    expect(() => isRatio(t, { x: 'count', n: 'pop', xRef: refCount, nRef: refPop })).toThrow(
      'table passed to isrRatio(), row 6, column "count": expected a count of 0 or more, found -26',
    );
  });
  it('err3: a negative population', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err3.csv', ['count', 'pop']);
    expect(() => isRate(t, { x: 'count', n: 'pop', xRef: refCount, nRef: refPop })).toThrow(
      'row 2, column "pop": expected a population of 0 or more, found -558',
    );
  });
  it('reference vectors must match the rows of every group', () => {
    expect(() => isRatio(multiarea, { x: 'count', n: 'pop', xRef: refCount.slice(1), nRef: refPop.slice(1) })).toThrow(
      'group area = testdata_big has 19 rows but xRef has 18 values',
    );
  });
  it('a reference population of 0 is refused (PHEim would give Inf silently)', () => {
    const t = aq.table({ x: [1, 2], n: [10, 10], xr: [1, 1], nr: [10, 0] });
    expect(() => isRatio(t, { x: 'x', n: 'n', xRef: 'xr', nRef: 'nr' })).toThrow('row 2, column "nr": expected a reference population greater than 0, found 0');
  });
  it('duplicate groups in observedTotals', () => {
    expect(() => isRatio(multiarea, { x: 'total_count', n: 'pop', xRef: refCount, nRef: refPop, observedTotals: lookup.concat(lookup) })).toThrow(
      'more than one row for the group area = testdata_big',
    );
  });
});

describe('isr — plain functions and properties', () => {
  it('isRatioWithCI / isRateWithCI match the verb', () => {
    const [O] = R('observed', [9]);
    const [E] = R('expected', [9]);
    const r = isRatioWithCI(O!, E!, 0.95, 100);
    expectRelClose(r.value, R('value', [9])[0], PHE_REL_TOL, 'r.value');
    expectRelClose(r.lower, R('lower95_0cl', [9])[0], PHE_REL_TOL, 'r.lower');
    const q = isRateWithCI(O!, E!, R('ref_rate', [0])[0]!, 0.998);
    expectRelClose(q.upper, R('upper99_8cl', [0])[0], PHE_REL_TOL, 'q.upper');
    expect(q.method).toBe('Byars');
  });
  it('limits bracket the value and widen with confidence, for small and large observed counts', () => {
    for (const O of [0, 3, 9, 10, 40, 900]) {
      let prev = isRatioWithCI(O, 50, 0.9);
      for (const c of [0.95, 0.99, 0.998]) {
        const r = isRatioWithCI(O, 50, c);
        expect(r.lower!).toBeLessThanOrEqual(prev.lower!);
        expect(r.upper!).toBeGreaterThan(prev.upper!);
        expect(r.lower!).toBeLessThanOrEqual(r.value);
        prev = r;
      }
    }
  });
});
