/** The one tolerance helper: what passes, and the failure message it gives. */
import { describe, expect, it } from 'vitest';
import { expectRelClose, isRelClose } from './tolerance.js';

describe('expectRelClose', () => {
  it('relative tolerance, an absolute floor, missing values and CSV cells', () => {
    expect(isRelClose(100.00009, 100, 1e-6)).toBe(true); // difference 9e-5 ≤ 1e-6 × 100 = 1e-4
    expect(isRelClose(100.00011, 100, 1e-6)).toBe(false);
    expect(isRelClose(1e-9, 0, { rel: 1e-6, abs: 1e-6 })).toBe(true);
    expect(isRelClose(1e-9, 0, 1e-6)).toBe(false); // bound 1e-6 × 1e-12
    expect(isRelClose('80.1696', 80.1696)).toBe(true);
    expect(isRelClose('', null)).toBe(true);
    expect(isRelClose(Number.NaN, null)).toBe(true);
    expect(isRelClose(0, null)).toBe(false);
    expect(isRelClose(null, 0)).toBe(false);
  });

  it('fails with the label, both numbers, the difference and the tolerance', () => {
    expect(() => expectRelClose(80.2, 80.1696, 1e-6, 'e0 Persons')).toThrow(
      'e0 Persons: got 80.2, want 80.1696 (difference 0.0304, relative 0.000379; relative tolerance 0.000001)',
    );
    expect(() => expectRelClose(3, null, 1e-6, 'lowercl')).toThrow('lowercl: got 3, want a missing value');
    expect(() => expectRelClose('abc', 1, 1e-6, 'value')).toThrow('value: got "abc", want 1');
    expect(() => expectRelClose(2, 2)).not.toThrow();
  });
});
