import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { tableHtml, tableText, tableView } from './tables.js';

const places = aq.table({
  area_code: ['E08000027', 'E08000028', 'E08000030'],
  area_name: ['Dudley', 'Sandwell', '<b>Walsall</b> & co'],
  count: [19925, 24531, null],
  value: [7.123, 8.456, null],
});

describe('tableView', () => {
  it('keeps column order and limits rows without changing the input', () => {
    const view = tableView(places, { limit: 2 });
    expect(view.columns.map((c) => c.key)).toEqual(['area_code', 'area_name', 'count', 'value']);
    expect(view.rows).toHaveLength(2);
    expect(view.totalRows).toBe(3);
    expect(places.numRows()).toBe(3);
  });
  it('accepts arrays of records, chart tables and report tables', () => {
    expect(tableView([{ a: 1 }, { a: 2, b: 'x' }]).columns.map((c) => c.key)).toEqual(['a', 'b']);
    const chart = tableView({
      columns: ['x', 'y'],
      rows: [
        ['A', 1],
        ['B', null],
      ],
    });
    expect(chart.rows).toEqual([
      { x: 'A', y: 1 },
      { x: 'B', y: null },
    ]);
    const report = tableView({ caption: 'Cap', columns: [{ key: 'v', label: 'Value', format: 'percent' }], rows: [{ v: 12.34 }], notes: 'n1' });
    expect(report.caption).toBe('Cap');
    expect(report.notes).toEqual(['n1']);
  });
  it('selects and relabels columns, and names a missing column', () => {
    const view = tableView(places, { columns: ['value', 'area_name'], labels: { value: 'Prevalence %' } });
    expect(view.columns.map((c) => c.label ?? c.key)).toEqual(['Prevalence %', 'area_name']);
    expect(() => tableView(places, { columns: ['nope'] })).toThrow(/no column "nope"/);
  });
  it('rejects a negative limit', () => {
    expect(() => tableView(places, { limit: -1 })).toThrow(RangeError);
  });
});

describe('tableHtml', () => {
  it('escapes text, formats numbers, shows missing values as a dash', () => {
    const html = tableHtml(places, { caption: 'Diabetes <2019/20>' });
    expect(html).toContain('<caption>Diabetes &lt;2019/20&gt;</caption>');
    expect(html).toContain('&lt;b&gt;Walsall&lt;/b&gt; &amp; co');
    expect(html).not.toContain('<b>Walsall');
    expect(html).toContain('<td class="hg-num" style="text-align:right">19,925</td>');
    expect(html).toContain('<td class="hg-num" style="text-align:right">7.12</td>');
    expect(html).toContain('<td class="hg-num hg-missing" style="text-align:right">–</td>');
    expect(html).toContain('<td style="text-align:left">E08000027</td>'); // text left, whatever Jupyter's stylesheet says
    expect(html).toContain('3 rows.');
  });
  it('says how many rows were left out', () => {
    expect(tableHtml(places, { limit: 1 })).toContain('Showing 1 of 3 rows.');
  });
  it('applies report column formats and per-column decimals', () => {
    const html = tableHtml({ columns: [{ key: 'v', label: 'Share', format: 'percent', decimals: 1 }], rows: [{ v: 12.345 }] });
    expect(html).toContain('>12.3%</td>');
    expect(tableHtml(places, { decimals: { value: 3 } })).toContain('>7.123</td>');
  });
  it('escapes notes and column names', () => {
    const html = tableHtml([{ '<x>': 1 }], { notes: ['2 cells "*" suppressed <5'] });
    expect(html).toContain('<th scope="col" class="hg-num" style="text-align:right">&lt;x&gt;</th>');
    expect(html).toContain('2 cells &quot;*&quot; suppressed &lt;5');
  });
});

describe('tableText', () => {
  it('aligns columns and right-aligns numbers', () => {
    const text = tableText(aq.table({ name: ['a', 'bbb'], n: [5, 1234] }));
    expect(text.split('\n')).toEqual(['name      n', 'a         5', 'bbb   1,234', '2 rows.']);
  });
});
