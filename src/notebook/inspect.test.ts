/**
 * A bare table (the last value of a cell, printed by tslab with console.log / util.inspect) shows
 * as a compact table, and arquero's closure error becomes one line with the fix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import * as aq from 'arquero';
import { installClosureHints, NotebookError, closureHint } from './hints.js';
import { installDanfoDisplay, installTableDisplay } from './inspect.js';
import { setNotebookDisplay } from './display.js';
import { loadDanfo } from './danfo.js';

installTableDisplay();
installClosureHints();
afterEach(() => setNotebookDisplay(undefined));

const rows = Array.from({ length: 313 }, (_, i) => ({ area_code: `E0${String(i).padStart(7, '0')}`, value: i + 0.25 }));

describe('bare tables', () => {
  it('print as summary, column types and the first 10 rows outside a notebook', () => {
    setNotebookDisplay(null);
    const text = inspect(aq.from(rows));
    const lines = text.split('\n');
    expect(lines[0]).toBe('arquero table: 313 rows × 2 columns');
    expect(lines[1]).toBe('columns: area_code (text), value (number)');
    expect(lines[3]).toBe('E00000000   0.25');
    expect(lines.at(-1)).toBe('Showing 10 of 313 rows.');
    expect(lines.length).toBe(14);
  });
  it('show as an HTML table in a notebook, with a one-line text summary', () => {
    const html: string[] = [];
    setNotebookDisplay({ html: (h) => html.push(h), markdown: () => {}, text: () => {} });
    expect(inspect(aq.from(rows))).toBe('(arquero table: 313 rows × 2 columns)');
    expect(html).toHaveLength(1);
    expect(html[0]).toContain('<caption>arquero table: 313 rows × 2 columns</caption>');
    expect(html[0]).toContain('Showing 10 of 313 rows.');
    expect(html[0]).toContain('Column types: area_code text, value number.');
  });
  it('nested in another value, only the summary', () => {
    setNotebookDisplay(null);
    expect(inspect({ t: aq.table({ a: [1, 2] }) })).toBe('{ t: [arquero table: 2 rows × 1 column] }');
  });
  it('after print(), only the summary', () => {
    setNotebookDisplay(null);
    const t = aq.table({ a: [1] });
    const log = console.log;
    const table = console.table;
    console.log = () => {};
    console.table = () => {};
    try {
      t.print();
    } finally {
      console.log = log;
      console.table = table;
    }
    expect(inspect(t)).toBe('(arquero table: 1 row × 1 column; rows printed above)');
  });
  it('danfo DataFrames, including describe() results, print compactly with their row labels', async () => {
    setNotebookDisplay(null);
    const dfd = await loadDanfo();
    installDanfoDisplay(dfd);
    const df = new dfd.DataFrame({ value: [1, 2, 4] });
    expect(inspect(df).split('\n').slice(0, 2)).toEqual(['danfo DataFrame: 3 rows × 1 column', 'columns: value (int32)']);
    const text = inspect(df.describe());
    expect(text.split('\n')[0]).toBe('danfo DataFrame: 7 rows × 2 columns');
    expect(text.split('\n')).toContain('mean       2.33');
  });
});

describe('closure errors', () => {
  it('arquero cannot see a notebook variable: one line naming the fix', () => {
    const t = aq.table({ area_code: ['E1'] });
    const scope = { exports: { code: 'E1' } };
    const expression = new Function('scope', 'return (d) => d.area_code === exports.code;')(scope);
    let caught: unknown;
    try {
      t.filter(expression);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NotebookError);
    const error = caught as NotebookError;
    expect(error.stack).toBe(`NotebookError: ${error.message}`);
    expect(error.message).toContain('whereEquals(t, { area_code: code })');
    expect(error.message).toContain('aq.escape');
    expect(inspect(error).split('\n')).toHaveLength(1);
    expect((error.original as Error).message).toMatch(/^Invalid variable reference: "exports"/);
  });
  it('other errors and results are unchanged', () => {
    const t = aq.table({ a: [1, 2] });
    expect(t.filter((d: { a: number }) => d.a > 1).numRows()).toBe(1);
    expect(() => t.derive({ b: 'd.nope(' })).toThrow(Error);
    expect(closureHint(new Error('something else'))).toBeNull();
    expect(closureHint(new Error('Invalid variable reference: "code"'))).toContain('the variable "code"');
  });
});
