import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { danfoDtype, DANFO_INSTALL_HINT, fromDanfo, loadDanfo, toDanfo } from './danfo.js';

describe('danfo interop', () => {
  it('round-trips types, nulls and column order', async () => {
    const table = aq.table({
      practice_code: ['M88001', 'M88002', null],
      register: [512, null, 1024],
      prevalence: [7.123456789, 0.1, null],
      core20: [true, null, false],
      extracted: [new Date('2020-03-31T00:00:00Z'), null, new Date('2020-04-01T00:00:00Z')],
    });
    const df = await toDanfo(table);
    expect(df.columns).toEqual(['practice_code', 'register', 'prevalence', 'core20', 'extracted']);
    expect(df.dtypes).toEqual(['string', 'int32', 'float32', 'boolean', 'string']);
    expect(df.shape).toEqual([3, 5]);
    const back = fromDanfo(df);
    expect(back.columnNames()).toEqual(table.columnNames());
    expect(back.objects()).toEqual(table.objects());
    expect(back.get('prevalence', 0)).toBe(7.123456789);
  });
  it('accepts arrays of records and empty tables', async () => {
    const df = await toDanfo([{ a: 1, b: 'x' }]);
    expect(df.columns).toEqual(['a', 'b']);
    const empty = await toDanfo(aq.table({ a: [], b: [] }));
    expect(empty.shape[0]).toBe(0);
    expect(fromDanfo(empty).numRows()).toBe(0);
  });
  it('turns danfo NaN into null', async () => {
    const dfd = await loadDanfo();
    const df = new dfd.DataFrame({ x: [1.5, NaN, 3] });
    expect(fromDanfo(df).array('x')).toEqual([1.5, null, 3]);
  });
  it('leaves the input table unchanged', async () => {
    const table = aq.table({ v: [1, null] });
    await toDanfo(table);
    expect(table.array('v')).toEqual([1, null]);
  });
  it('chooses dtypes from the values present', () => {
    expect(danfoDtype([1, 2, null])).toBe('int32');
    expect(danfoDtype([1, 2.5])).toBe('float32');
    expect(danfoDtype([3e9])).toBe('float32');
    expect(danfoDtype([true, null])).toBe('boolean');
    expect(danfoDtype(['a', 1])).toBe('string');
    expect(danfoDtype([null])).toBe('float32');
  });
  it('says how to install danfojs-node when it is missing', async () => {
    await expect(loadDanfo('danfojs-node-not-installed-here')).rejects.toThrow(DANFO_INSTALL_HINT);
    expect(DANFO_INSTALL_HINT).toContain('"@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0"');
  });
  it('rejects things that are not data frames', () => {
    expect(() => fromDanfo({} as never)).toThrow(/expected a danfo DataFrame/);
  });
});
