import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { danfoDtype, DANFO_INSTALL_HINT, fromDanfo, loadDanfo, toDanfo } from './danfo.js';
import { practicePrevalence } from '../prevalence/recorded.js';
import { figureHtml } from './figures.js';

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
    expect(df.dtypes).toEqual(['string', 'float32', 'float32', 'boolean', 'string']);
    expect(Number.isNaN(df.column('register').values[1])).toBe(true);
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
  it('describe() works on real data with missing values (bundled QOF 2019-20 diabetes)', async () => {
    const dm = practicePrevalence('DM').select('count', 'denominator', 'value');
    const values = dm.array('value') as (number | null)[];
    const present = values.filter((v): v is number => v !== null);
    expect(present.length).toBeLessThan(values.length); // the bundled file has practices with no value
    const df = await toDanfo(dm);
    const d = df.describe();
    expect(d.index).toEqual(['count', 'mean', 'std', 'min', 'median', 'max', 'variance']);
    const back = fromDanfo(d);
    expect(back.columnNames()).toEqual(['index', 'count', 'denominator', 'value']);
    const row = (label: string) => (back.objects() as Record<string, unknown>[]).find((r) => r.index === label)!;
    expect(row('count').value).toBe(present.length);
    expect(row('min').value).toBe(Math.min(...present));
    expect(row('max').value).toBe(Math.max(...present));
    // danfo's mean has no skip-missing option: after dropNa it is the plain mean of the values
    const clean = df.dropNa({ axis: 1 });
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    expect(
      fromDanfo(clean.describe())
        .objects()
        .find((r) => (r as { index: string }).index === 'mean'),
    ).toMatchObject({ value: expect.closeTo(mean, 9) });
  });
  it('groupby().mean() and a plot of the result', async () => {
    const table = aq.table({ group: ['Core20', 'Core20', 'Other', 'Other', 'Other'], value: [9.5, 8.5, 6, 7, null] });
    const df = await toDanfo(table);
    const means = fromDanfo(df.dropNa({ axis: 1 }).groupby(['group']).mean());
    expect(means.objects()).toEqual([
      { group: 'Core20', value_mean: 9 },
      { group: 'Other', value_mean: 6.5 },
    ]); // (9.5 + 8.5) / 2, (6 + 7) / 2
    const html = figureHtml(
      { data: [{ type: 'bar', x: means.array('group') as string[], y: means.array('value_mean') as number[] }], layout: {} },
      { plotly: 'none' },
    );
    expect(html).toContain('class="hg-plot"');
    expect(html).toContain('[9,6.5]');
  });
});
