import { describe, expect, it } from 'vitest';
import { formatCell } from './format.js';

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
