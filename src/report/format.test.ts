import { describe, expect, it } from 'vitest';
import { autoColumnFormat, formatCell } from './format.js';

describe('formatCell', () => {
  it('formats by column format', () => {
    expect(formatCell(321596, { key: 'n', label: 'N', format: 'integer' })).toBe('321,596');
    expect(formatCell(12.345, { key: 'p', label: 'P', format: 'percent' })).toBe('12.3%');
    expect(formatCell(612.04, { key: 'r', label: 'R', format: 'rate', decimals: 2 })).toBe('612.04');
    expect(formatCell(2.25, { key: 'v', label: 'V', format: 'number', decimals: 0 })).toBe('2');
    expect(formatCell(7, { key: 't', label: 'T', format: 'text' })).toBe('7');
  });
  it('shows numbers without a format as given, grouping only from 10,000 (years stay 2019)', () => {
    expect(formatCell(2019, { key: 'y', label: 'Year' })).toBe('2019');
    expect(formatCell(12345.678, { key: 'v', label: 'V' })).toBe('12,345.678');
  });
  it('shows missing values as an en dash, never 0, and strings unchanged', () => {
    expect(formatCell(null, { key: 'v', label: 'V', format: 'integer' })).toBe('–');
    expect(formatCell(Number.NaN, { key: 'v', label: 'V', format: 'integer' })).toBe('–');
    expect(formatCell('*', { key: 'v', label: 'V', format: 'integer' })).toBe('*');
  });
});

describe('autoColumnFormat', () => {
  // Real values: Dudley mid-2019 males aged 0-4 and 5-9 (ONS MYE2) and their shares (%) of the population.
  it('groups whole numbers, keeps years plain, and gives decimals consistently', () => {
    expect(autoColumnFormat({ key: 'n', label: 'Males' }, [{ n: 9638 }, { n: 10319 }])).toEqual({ key: 'n', label: 'Males', format: 'integer' });
    expect(autoColumnFormat({ key: 'y', label: 'Year' }, [{ y: 2018 }, { y: 2019 }])).toEqual({ key: 'y', label: 'Year', format: 'text' });
    const pct = autoColumnFormat({ key: 'p', label: 'Males (%)' }, [{ p: 3 }, { p: 3.21 }, { p: null }]);
    expect(pct).toEqual({ key: 'p', label: 'Males (%)', format: 'number', decimals: 2 });
    expect(formatCell(3, pct)).toBe('3.00');
    expect(autoColumnFormat({ key: 'v', label: 'V' }, [{ v: 0.1 + 0.2 }]).decimals).toBe(4);
  });
  it('leaves columns with a format, or without numbers, alone', () => {
    expect(autoColumnFormat({ key: 'p', label: 'P', format: 'percent' }, [{ p: 3.21 }])).toEqual({ key: 'p', label: 'P', format: 'percent' });
    expect(autoColumnFormat({ key: 'a', label: 'Area' }, [{ a: 'Dudley' }])).toEqual({ key: 'a', label: 'Area' });
  });
});
