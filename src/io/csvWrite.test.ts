import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { formatCsvNumber, neutraliseFormula, tableToCsv } from './csvWrite.js';

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
});
