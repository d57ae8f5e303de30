import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { InputError } from '../core/errors.js';
import {
  VerbContext,
  buildOutput,
  checkOutputType,
  ciColumns,
  formatMultiplier,
  formatRNumber,
  groupPartition,
  metaColumns,
  sumRows,
  sumRowsNaZero,
} from './verb.js';

describe('groupPartition', () => {
  it('ungrouped: one group of every visible row in table order', () => {
    const t = aq.table({ a: [3, 1, 2] }).orderby('a');
    const g = groupPartition(t);
    expect(g.size).toBe(1);
    expect(Array.from(g.rows[0])).toEqual([1, 2, 0]);
    expect(g.names).toEqual([]);
  });
  it('grouped by columns and by an expression; filtered-out groups are dropped', () => {
    const t = aq.table({ a: ['x', 'y', 'x', 'z'], b: [1, 2, 3, 4] });
    const g = groupPartition(t.groupby('a').filter((d: { b: number }) => d.b !== 4));
    expect(g.size).toBe(2);
    expect(g.keys).toEqual([['x', 'y']]);
    expect(g.rows.map((r) => Array.from(r))).toEqual([[0, 2], [1]]);
    const e = groupPartition(t.groupby({ big: (d: { b: number }) => d.b > 2 }));
    expect(e.names).toEqual(['big']);
    expect(e.keys).toEqual([[false, true]]);
  });
});

describe('VerbContext', () => {
  const t = aq.table({ g: ['a', 'b', 'a'], v: [1, null, '3'], s: ['1', 'x', '2'] });
  it('numeric(): numbers, null → NaN, numeric strings accepted, bad strings rejected with row/column', () => {
    const ctx = new VerbContext(t, 'demo');
    expect(Array.from(ctx.numeric('v'))).toEqual([1, NaN, 3]);
    expect(() => ctx.numeric('s')).toThrow('table passed to demo(), row 2, column "s": expected a number, found "x"');
    try {
      ctx.numeric('s');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).row).toBe(2);
      expect((e as InputError).column).toBe('s');
    }
  });
  it('a filtered-out bad cell is not an error', () => {
    const ctx = new VerbContext(
      t.filter((d: { g: string }) => d.g === 'a'),
      'demo',
    );
    expect(Array.from(ctx.numeric('s'))).toEqual([1, NaN, 2]);
  });
  it('check() reports the row as the user sees it (after orderby), or the file line', () => {
    const o = aq.table({ v: [5, -1, 2] }).orderby('v');
    const ctx = new VerbContext(o, 'demo');
    expect(() => ctx.check(ctx.numeric('v'), 'v', (x) => x >= 0, 'a count of 0 or more')).toThrow('row 1, column "v": expected a count of 0 or more, found -1');
    const f = new VerbContext(aq.table({ v: [5, -1] }), 'demo', { file: 'x.csv', firstDataLine: 2 });
    expect(() => f.check(f.numeric('v'), 'v', (x) => x >= 0, 'a count')).toThrow('x.csv, line 3, column "v": expected a count, found -1');
  });
  it('requireColumns lists what the table has', () => {
    expect(() => new VerbContext(t, 'demo').requireColumns('zz')).toThrow('column "zz": no such column (the table has: "g", "v", "s")');
  });
  it('rowsOrGroupSums: row by row when ungrouped, R sum (NA-propagating) per group', () => {
    const ctx = new VerbContext(aq.table({ g: ['a', 'b', 'a'], v: [1, 2, 3] }).groupby('g'), 'demo');
    const r = ctx.rowsOrGroupSums([ctx.numeric('v')]);
    expect(Array.from(r.sums[0])).toEqual([4, 2]);
    expect(r.keys.map((k) => k.name)).toEqual(['g']);
    const u = new VerbContext(
      aq.table({ g: ['a', 'b'], v: [1, 2] }).filter((d: { v: number }) => d.v > 1),
      'demo',
    );
    const ru = u.rowsOrGroupSums([u.numeric('v')]);
    expect(ru.size).toBe(1);
    expect(Array.from(ru.sums[0])).toEqual([2]);
    expect(ru.keys.map((k) => Array.from(k.values as ArrayLike<unknown>))).toEqual([['b'], [2]]);
  });
  it('rejects a non-table', () => {
    expect(() => new VerbContext([] as never, 'demo')).toThrow('demo(): the first argument must be an arquero table');
  });
});

describe('buildOutput and column helpers', () => {
  const cols = [
    { name: 'area', role: 'key' as const, values: ['A', 'B'] },
    { name: 'x', role: 'input' as const, values: [1, 2] },
    { name: 'total', role: 'aux' as const, values: [1, 2] },
    { name: 'value', role: 'value' as const, values: new Float64Array([0.5, NaN]) },
    ...ciColumns([0.95, 0.998], [new Float64Array([0.1, NaN]), new Float64Array([0.05, NaN])], [new Float64Array([0.9, NaN]), new Float64Array([0.95, NaN])]),
    ...metaColumns(2, [0.95, 0.998], 'stat', ['m1', 'm2']),
  ];
  it('full keeps everything; NaN becomes null', () => {
    const out = buildOutput(cols, 'full');
    expect(out.columnNames()).toEqual([
      'area',
      'x',
      'total',
      'value',
      'lower95_0cl',
      'upper95_0cl',
      'lower99_8cl',
      'upper99_8cl',
      'confidence',
      'statistic',
      'method',
    ]);
    expect(out.array('value')).toEqual([0.5, null]);
    expect(out.get('confidence', 0)).toBe('95%, 99.8%');
    expect(out.array('method')).toEqual(['m1', 'm2']);
  });
  it('standard / value / lower / upper as PHEim', () => {
    expect(buildOutput(cols, 'standard').columnNames()).toEqual(['area', 'x', 'total', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']);
    expect(buildOutput(cols, 'value').columnNames()).toEqual(['area', 'x', 'value']);
    expect(buildOutput(cols, 'lower').columnNames()).toEqual(['area', 'x', 'lower95_0cl', 'lower99_8cl']);
    expect(buildOutput(cols, 'upper').columnNames()).toEqual(['area', 'x', 'upper95_0cl', 'upper99_8cl']);
  });
  it('single level gives lowercl / uppercl', () => {
    expect(ciColumns([0.95], [[1]], [[2]]).map((c) => c.name)).toEqual(['lowercl', 'uppercl']);
  });
  it('checkOutputType', () => {
    expect(checkOutputType(undefined)).toBe('full');
    expect(() => checkOutputType('everything')).toThrow('type must be one of value, lower, upper, standard or full (found "everything")');
  });
});

describe('number helpers', () => {
  it('formatRNumber follows R as.character; formatMultiplier follows format(scientific = FALSE)', () => {
    expect([1, 100, 1000, 100000, 123456, 1e6, 0.0001, 0.5].map(formatRNumber)).toEqual(['1', '100', '1000', '1e+05', '123456', '1e+06', '1e-04', '0.5']);
    expect([1, 100000, 1e6, 0.5].map(formatMultiplier)).toEqual(['1', '100000', '1000000', '0.5']);
  });
  it('sumRows propagates NA; sumRowsNaZero skips it', () => {
    const v = new Float64Array([1, NaN, 3]);
    expect(sumRows(v, [0, 1, 2])).toBeNaN();
    expect(sumRows(v, [0, 2])).toBe(4);
    expect(sumRowsNaZero(v, [0, 1, 2])).toBe(4);
  });
});
