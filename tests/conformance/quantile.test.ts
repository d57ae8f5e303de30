import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readerNotes } from '../../src/io/csv.js';
import { pheRecords } from '../helpers/phe.js';
import { invertFromPolarity, quantile, quantileOf } from '../../src/stats/quantile.js';

// PHEindicatormethods tests/testthat/testdata_Quantiles.xlsx (sheet exported to CSV), commit 093fd288.
const records = pheRecords('testdata_Quantiles__testdata_Quantiles.csv');
const all = aq.table(Object.fromEntries(Object.keys(records[0]).map((h) => [h, records.map((r) => r[h])])));
const expected = (t: aq.ColumnTable) => (t.array('QuantileInGrp') as string[]).map((s) => (s === '' ? null : Number(s)));

describe('quantile — PHEim testdata_Quantiles (every assignment)', () => {
  it('deciles within (IndSexRef, ParentCode) with polarity from a column (339 rows)', () => {
    const df1 = all.filter((d: { GroupSet: string }) => d.GroupSet === 'IndSexReg');
    expect(df1.numRows()).toBe(339);
    const out = quantile(df1.groupby('IndSexRef', 'ParentCode'), { values: 'Value', invertColumn: 'Polarity' });
    expect(out.array('quantile')).toEqual(expected(df1));
    expect(out.get('groupvars', 0)).toBe('IndSexRef, ParentCode');
    expect(readerNotes(out).join(' ')).toMatch(/fewer values than the 10 quantiles/);
  });

  it('deciles for one indicator with invert = false (logical)', () => {
    const df2 = all.filter((d: { GroupSet: string; IndSexRef: string }) => d.GroupSet === 'IndSexReg' && d.IndSexRef === '90366Female');
    const out = quantile(df2.groupby('IndSexRef', 'ParentCode'), { values: 'Value', invert: false });
    expect(out.array('quantile')).toEqual(expected(df2));
    expect(out.get('nquantiles', 0)).toBe(10);
    expect(out.get('qinverted', 0)).toBe('lowest quantile represents lowest values');
  });

  it('septiles by IndSexRef with polarity field (152 rows)', () => {
    const df3 = all.filter((d: { GroupSet: string; Test: string }) => d.GroupSet === 'IndSex' && d.Test === 'Gooddata');
    expect(df3.numRows()).toBe(152);
    const out = quantile(df3.groupby('IndSexRef'), { values: 'Value', invertColumn: 'Polarity', nquantiles: 7 });
    expect(out.array('quantile')).toEqual(expected(df3));
  });

  it('quartiles over the whole set, ungrouped and grouped by GroupSet (491 rows)', () => {
    const df4 = all.filter((d: { GroupSet: string }) => d.GroupSet === 'None');
    expect(df4.numRows()).toBe(491);
    expect(quantile(df4, { values: 'Value', nquantiles: 4 }).array('quantile')).toEqual(expected(df4));
    expect(quantile(df4.groupby('GroupSet'), { values: 'Value', nquantiles: 4 }).array('quantile')).toEqual(expected(df4));
    const std = quantile(df4, { values: 'Value', nquantiles: 4, type: 'standard' });
    expect(std.columnNames().slice(-1)).toEqual(['quantile']);
    expect(std.columnNames()).not.toContain('qinverted');
  });

  it('checks the invert column', () => {
    // PHEim's test_quantiles_fail: the BadPolarity rows mix TRUE and FALSE within one IndSexRef
    const fail = all.filter((d: { Test: string }) => d.Test === 'BadPolarity').groupby('IndSexRef');
    expect(fail.numRows()).toBe(35);
    expect(() => quantile(fail, { values: 'Value', invertColumn: 'Polarity' })).toThrow(/same within each group/);
    const df = all.filter((d: { GroupSet: string }) => d.GroupSet === 'IndSex');
    expect(() => quantile(df, { values: 'Value', invertColumn: 'Pol' })).toThrow(/"Pol"/);
    expect(() => quantile(df, { values: 'AreaName' })).toThrow(/expected a number/);
  });
});

describe('quantileOf', () => {
  it('ranks with ties at the minimum and maps q = 0 to 1', () => {
    expect(quantileOf([5, 3, 9, 1, 7], 5, true)).toEqual([3, 4, 1, 5, 2]);
    expect(quantileOf([5, 3, 9, 1, 7], 5, false)).toEqual([3, 2, 5, 1, 4]);
    expect(quantileOf([1, 1, 1, 1, 2], 5, false)).toEqual([1, 1, 1, 1, 5]);
    expect(quantileOf([1, null, 3], 2, false)).toEqual([1, null, 2]);
    expect(quantileOf([1, 2], 3, false)).toEqual([null, null]);
  });
  it('reads polarity text', () => {
    expect(invertFromPolarity('RAG - Low is good')).toBe(true);
    expect(invertFromPolarity('RAG - High is good')).toBe(false);
    expect(invertFromPolarity('TRUE')).toBe(true);
    expect(invertFromPolarity('BOB - Blue orange blue')).toBeNull();
  });
});
