import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { InputError } from '../../src/core/errors.js';
import {
  DSR_NONINDEPENDENT_METHOD,
  DSR_SUPPRESSED_STATISTIC,
  DSR_ZERO_POPULATION_STATISTIC,
  ESP2013,
  ESP2013_AGE_BANDS,
  dsr,
  dsrWithCI,
} from '../../src/stats/dsr.js';
import { expectRelClose, PHE_REL_TOL, loadPhe, mismatches, pheNumber, pheTable } from '../helpers/phe.js';

// PHEindicatormethods 2.1.0 test data (commit 093fd288), tests/fixtures/phe/README.md.
const results = loadPhe('testdata_DSR_ISR__testresults_DSR.csv');
const R = (col: string, rows: number[]) => rows.map((i) => pheNumber(results.rows[i][results.header.indexOf(col)]));
const S = (col: string, rows: number[]) => rows.map((i) => results.rows[i][results.header.indexOf(col)]);
const ALL = ['total_count', 'total_pop', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'];
const expected = (rows: number[], cols = ALL) => Object.fromEntries(cols.map((c) => [c, R(c, rows)]));

const multiarea = pheTable('testdata_DSR_ISR__testdata_multiarea.csv', ['count', 'pop']);
const t1976 = pheTable('testdata_DSR_ISR__testdata_1976.csv', ['count', 'pop', 'esp1976']);

/** The wide non-independent sheet (f1..f4 = people with 1..4 events) as PHEim's long format. */
function nonIndependentLong(): ColumnTable {
  const { header, rows } = loadPhe('testdata_DSR_ISR__testdata_nonindepe.csv');
  const col = (r: (string | null)[], c: string) => r[header.indexOf(c)];
  const out: Record<string, unknown[]> = { area: [], ageband: [], pop: [], stdpop: [], eventfreq: [], people: [] };
  rows.forEach((r, i) => {
    const area = col(r, 'area')!;
    // README: for dummy/small/tiny, drop the f4 column; empty = 0.
    const freqs = area === 'testdata_nonind_big' ? [1, 2, 3, 4] : [1, 2, 3];
    for (const f of freqs) {
      out.area.push(area);
      out.ageband.push(col(r, 'ageband'));
      out.pop.push(pheNumber(col(r, 'pop')));
      out.stdpop.push(ESP2013[i % 19]);
      out.eventfreq.push(f);
      out.people.push(pheNumber(col(r, `f${f}`)) ?? 0);
    }
  });
  return aq.table(out);
}

describe('ESP2013', () => {
  it('has 19 bands summing to 100,000, labelled 0-4 ... 90+', () => {
    expect(ESP2013.length).toBe(19);
    expect(ESP2013.reduce((a, b) => a + b, 0)).toBe(100000);
    expect(ESP2013_AGE_BANDS[0]).toBe('0-4');
    expect(ESP2013_AGE_BANDS[17]).toBe('85-89');
    expect(ESP2013_AGE_BANDS[18]).toBe('90+');
  });
});

describe('dsr — testresults_DSR (independent events)', () => {
  it('rows 1-3: 3 areas, ESP 2013 by position, per 10,000, 95% and 99.8%', () => {
    const out = dsr(multiarea.groupby('area'), { x: 'count', n: 'pop', stdpopValues: ESP2013, multiplier: 10000, confidence: [0.95, 0.998] });
    expect(out.columnNames()).toEqual(['area', ...ALL, 'confidence', 'statistic', 'method']);
    expect(out.array('area')).toEqual(S('area', [0, 1, 2]));
    expect(mismatches('DSR 1-3', out, expected([0, 1, 2]))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [0, 1, 2]));
    expect(out.array('method')).toEqual(S('method', [0, 1, 2]));
  });

  it('rows 5-7: per 100,000; a standard population column gives the same as values by position', () => {
    const out = dsr(multiarea.groupby('area'), { x: 'count', n: 'pop', stdpopValues: ESP2013, confidence: [0.95, 0.998] });
    expect(mismatches('DSR 5-7', out, expected([4, 5, 6]))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [4, 5, 6]));
    const withCol = multiarea.assign({ esp: Array.from({ length: multiarea.numRows() }, (_, i) => ESP2013[i % 19]) });
    const out2 = dsr(withCol.groupby('area'), { x: 'count', n: 'pop', stdpop: 'esp', confidence: [0.95, 0.998] });
    expect(mismatches('DSR 5-7 column', out2, expected([4, 5, 6]))).toEqual([]);
  });

  it('testdata_tiny (total 9 < 10) is suppressed: value and limits NA, PHEim statistic', () => {
    const out = dsr(multiarea.groupby('area'), { x: 'count', n: 'pop', stdpopValues: ESP2013 });
    expect(out.get('value', 2)).toBeNull();
    expect(out.get('lowercl', 2)).toBeNull();
    expect(out.get('uppercl', 2)).toBeNull();
    expect(out.get('total_count', 2)).toBe(9);
    expect(out.get('statistic', 2)).toBe(DSR_SUPPRESSED_STATISTIC);
  });

  it('rows 4 and 8: testdata_1976 with its own standard population (99.8% cells not asserted: known bad upstream)', () => {
    const cols = ['total_count', 'total_pop', 'value', 'lower95_0cl', 'upper95_0cl'];
    const out10k = dsr(t1976, { x: 'count', n: 'pop', stdpop: 'esp1976', multiplier: 10000, confidence: [0.95, 0.998] });
    expect(mismatches('DSR row 4', out10k, expected([3], cols))).toEqual([]);
    const out100k = dsr(t1976, { x: 'count', n: 'pop', stdpop: 'esp1976', confidence: [0.95, 0.998] });
    expect(mismatches('DSR row 8', out100k, expected([7], cols))).toEqual([]);
    expect(out100k.get('statistic', 0)).toBe('dsr per 100000');
  });

  it('NA counts are treated as 0', () => {
    const withNA = multiarea.derive({ count2: aq.escape((d: { count: number }) => (d.count === 0 ? null : d.count)) });
    const a = dsr(multiarea.groupby('area'), { x: 'count', n: 'pop', stdpopValues: ESP2013 });
    const b = dsr(withNA.groupby('area'), { x: 'count2', n: 'pop', stdpopValues: ESP2013 });
    expect(b.array('value')).toEqual(a.array('value'));
  });

  it('plain dsrWithCI matches the verb (testdata_big)', () => {
    const big = multiarea.filter((d: { area: string }) => d.area === 'testdata_big');
    const r = dsrWithCI(big.array('count') as number[], big.array('pop') as number[], ESP2013, [0.95, 0.998]);
    expectRelClose(r.value, R('value', [4])[0], PHE_REL_TOL, 'r.value');
    expectRelClose(r.lower[0], R('lower95_0cl', [4])[0], PHE_REL_TOL, 'r.lower[0]');
    expectRelClose(r.upper[1], R('upper99_8cl', [4])[0], PHE_REL_TOL, 'r.upper[1]');
  });
});

describe('dsr — testresults_DSR rows 9-12 (non-independent events)', () => {
  it('matches all four areas, including the suppressed one', () => {
    const long = nonIndependentLong();
    const out = dsr(long.groupby('area'), {
      x: 'people',
      n: 'pop',
      stdpop: 'stdpop',
      independentEvents: false,
      eventFrequency: 'eventfreq',
      ageBand: 'ageband',
      confidence: [0.95, 0.998],
    });
    expect(out.array('area')).toEqual(S('area', [8, 9, 10, 11]));
    expect(mismatches('DSR nonind', out, expected([8, 9, 10, 11]))).toEqual([]);
    expect(out.array('statistic')).toEqual(S('statistic', [8, 9, 10, 11]));
    expect(out.array('method')).toEqual(new Array(4).fill(DSR_NONINDEPENDENT_METHOD));
  });
  it('standard population by position within each group × event frequency gives the same', () => {
    const long = nonIndependentLong().select('area', 'ageband', 'pop', 'eventfreq', 'people').orderby('area', 'eventfreq');
    const out = dsr(long.groupby('area'), {
      x: 'people',
      n: 'pop',
      stdpopValues: ESP2013,
      independentEvents: false,
      eventFrequency: 'eventfreq',
      ageBand: 'ageband',
      confidence: [0.95, 0.998],
    });
    expect(mismatches('DSR nonind by position', out, expected([8, 9, 10, 11]))).toEqual([]);
  });
  it('needs the event frequency and age band columns', () => {
    expect(() => dsr(nonIndependentLong(), { x: 'people', n: 'pop', stdpop: 'stdpop', independentEvents: false })).toThrow('eventFrequency and ageBand');
  });
});

describe('dsr — validation cases testdata_err1..4', () => {
  it('err1: a negative count', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err1.csv', ['count', 'pop', 'stdpop']);
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpop: 'stdpop' })).toThrow(InputError);
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpop: 'stdpop' })).toThrow(
      'table passed to dsr(), row 6, column "count": expected a count of 0 or more, found -26',
    );
  });
  it('err2: a population of 0 is an error by default (as PHEim), naming the row', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err2.csv', ['count', 'pop']).groupby('area');
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpopValues: ESP2013 })).toThrow(
      /row 2, column "pop": expected a population greater than 0, found 0 .*issue #32/,
    );
  });
  it("err2 with zeroPopulation: 'na': that area is NA, the other is computed (= testdata_small)", () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err2.csv', ['count', 'pop']).groupby('area');
    const out = dsr(t, { x: 'count', n: 'pop', stdpopValues: ESP2013, zeroPopulation: 'na', confidence: [0.95, 0.998] });
    expect(out.array('area')).toEqual(['Area1', 'Area2']);
    expect(out.get('value', 0)).toBeNull();
    expect(out.get('lower95_0cl', 0)).toBeNull();
    expect(out.get('statistic', 0)).toBe(DSR_ZERO_POPULATION_STATISTIC);
    expect(mismatches('err2 Area2', out.slice(1), expected([5], ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']))).toEqual([]);
  });
  it('err3: a negative population is always an error', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err3.csv', ['count', 'pop', 'stdpop']);
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpop: 'stdpop', zeroPopulation: 'na' })).toThrow(
      'row 2, column "pop": expected a population greater than 0, found -558',
    );
  });
  it('err4: a negative standard population', () => {
    const t = pheTable('testdata_DSR_ISR__testdata_err4.csv', ['count', 'pop', 'stdpop']);
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpop: 'stdpop' })).toThrow(
      'row 6, column "stdpop": expected a standard population of 0 or more, found -6000',
    );
  });
  it('stdpopValues of the wrong length names the group', () => {
    const t = multiarea.filter((d: { ageband: string }) => d.ageband !== '90+').groupby('area');
    expect(() => dsr(t, { x: 'count', n: 'pop', stdpopValues: ESP2013 })).toThrow('group area = testdata_big has 18 rows but stdpopValues has 19 values');
  });
  it('no standard population at all', () => {
    expect(() => dsr(multiarea, { x: 'count', n: 'pop' })).toThrow('give the standard population');
  });
});

describe('dsr — properties', () => {
  it('limits bracket the value and widen with confidence', () => {
    const levels = [0.9, 0.95, 0.99, 0.998];
    const out = dsr(
      multiarea.groupby('area').filter((d: { area: string }) => d.area !== 'testdata_tiny'),
      { x: 'count', n: 'pop', stdpopValues: ESP2013, confidence: levels },
    );
    for (let k = 0; k < out.numRows(); k++) {
      const v = out.get('value', k) as number;
      let lo = v;
      let up = v;
      for (const c of levels) {
        const s = (c * 100).toFixed(1).replace('.', '_');
        const l = out.get(`lower${s}cl`, k) as number;
        const u = out.get(`upper${s}cl`, k) as number;
        expect(l).toBeLessThan(lo);
        expect(u).toBeGreaterThan(up);
        lo = l;
        up = u;
      }
    }
  });
});
