import { describe, expect, it } from 'vitest';
import { formatCell, isMissing, MISSING_MARK } from './format.js';

describe('formatCell', () => {
  it('writes integers with thousands separators, except years and codes', () => {
    expect(formatCell(56286961)).toBe('56,286,961');
    expect(formatCell(2019, { column: 'year' })).toBe('2019');
    expect(formatCell(201920, { column: 'time_period' })).toBe('201920');
    expect(formatCell(92542, { column: 'indicator_id' })).toBe('92542');
    expect(formatCell(-1234)).toBe('-1,234');
  });
  it('chooses decimals by magnitude', () => {
    expect(formatCell(1234.5678)).toBe('1,234.6');
    expect(formatCell(12.3456)).toBe('12.35');
    expect(formatCell(0.071234)).toBe('0.0712');
    expect(formatCell(0.5)).toBe('0.5');
  });
  it('honours fixed decimals', () => {
    expect(formatCell(7.1, { decimals: 2 })).toBe('7.10');
    expect(formatCell(1234, { decimals: 1 })).toBe('1,234.0');
  });
  it('shows missing values as an en dash, never as 0', () => {
    for (const v of [null, undefined, NaN]) {
      expect(isMissing(v)).toBe(true);
      expect(formatCell(v)).toBe(MISSING_MARK);
    }
    expect(isMissing(0)).toBe(false);
    expect(formatCell(0)).toBe('0');
  });
  it('formats dates, booleans and text', () => {
    expect(formatCell(new Date('2019-06-30T00:00:00Z'))).toBe('2019-06-30');
    expect(formatCell(true)).toBe('true');
    expect(formatCell('Sandwell')).toBe('Sandwell');
    expect(formatCell(Infinity)).toBe('∞');
  });
});
