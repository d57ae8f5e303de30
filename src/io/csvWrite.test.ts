import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { stringify } from 'csv-stringify/sync';
import { formatCsvNumber, neutraliseFormula, tableToCsv } from './csvWrite.js';

/** The reference: 15 significant digits by toPrecision, as R's write.csv. */
const byPrecision = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '');

describe('tableToCsv', () => {
  it('writes numbers as R write.csv does (15 significant digits) and missing as empty', () => {
    expect(formatCsvNumber(239.99999999999997)).toBe('240');
    expect(formatCsvNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatCsvNumber(-1.5)).toBe('-1.5');
    expect(formatCsvNumber(1 / 3)).toBe('0.333333333333333');
    expect(formatCsvNumber(56286961)).toBe('56286961');
    const t = aq.table({ a: [1, NaN, null], b: [true, false, null], c: ['x', null, 'y'] });
    expect(tableToCsv(t)).toBe('a,b,c\n1,TRUE,x\n,FALSE,\n,,y\n');
  });
  it('neutralises formula-like text but keeps numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('+1e3')).toBe('+1e3');
    expect(neutraliseFormula('Dudley')).toBe('Dudley');
    expect(tableToCsv(aq.table({ name: ['=1+1', '-3'], v: [-3, 2] }))).toBe("name,v\n'=1+1,-3\n-3,2\n");
  });
  it('the shortest-text shortcut gives what toPrecision(15) gives, for awkward numbers', () => {
    const values = [
      0.1,
      1e-7,
      1.5e-7,
      -0.0012,
      123.456,
      1e21,
      1.7976931348623157e308,
      5e-324,
      1e15,
      1234567890123456789,
      0.000123456789012345678,
      2 / 3,
      -7 / 9,
      78.12345678901234,
      99.99999999999999,
      100.00000000000001,
    ];
    let seed = 11;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 16807) % 2147483647;
      const mant = seed / 2147483647;
      values.push(mant * 10 ** ((seed % 40) - 20), -mant * 1000, Math.round(mant * 1e6) / 1e3);
    }
    for (const v of values) expect(formatCsvNumber(v), String(v)).toBe(byPrecision(v));
  });
  it('writes the same text as csv-stringify with the same casts (quoting, dates, formulas)', () => {
    const date = new Date(Date.UTC(2024, 0, 31, 12));
    const cols = {
      'a,b': ['x,y', 'say "hi"', 'two\nlines', 'cr\rhere', '', null, '=SUM(A1)', '-5', ' '],
      n: [1.25, -0, NaN, Infinity, 1 / 3, 2e-9, null, 1e20, 7],
      l: [true, false, null, undefined, true, false, true, false, true],
      d: [date, null, date, null, date, null, date, null, date],
    };
    const t = aq.table(cols);
    const names = Object.keys(cols);
    const rows = Array.from({ length: 9 }, (_, i) => names.map((k) => (cols as Record<string, unknown[]>)[k][i]));
    const expected = stringify([names.map(neutraliseFormula), ...rows], {
      cast: { number: byPrecision, boolean: (v) => (v ? 'TRUE' : 'FALSE'), date: (v) => v.toISOString(), string: neutraliseFormula },
    });
    expect(tableToCsv(t)).toBe(expected);
    expect(expected.split('\n')[0]).toBe('"a,b",n,l,d');
  });
});
