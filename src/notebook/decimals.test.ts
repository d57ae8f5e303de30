/** Decimals are chosen per column: hand-worked examples of the median-magnitude rule. */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { columnDecimals, tableText } from './tables.js';

describe('per-column decimals', () => {
  it('chooses from the typical size of the column', () => {
    expect(columnDecimals([22.6, 0.6, -1])).toBe(2); // median |x| = 1 → 2 decimals
    expect(columnDecimals([1234.56, 98.1, 250])).toBe(1); // median 250 → 1 decimal
    expect(columnDecimals([0.0712, 0.05, 0.09])).toBe(4); // median 0.0712 → 3 significant digits
    expect(columnDecimals([1, 2, null, 3])).toBeUndefined(); // whole numbers keep their format
    expect(columnDecimals(['a', 'b'])).toBeUndefined();
  });
  it('writes every cell of a column with the same decimals', () => {
    const text = tableText(aq.table({ place: ['West Midlands', 'England', 'Gap'], value: [8, 9.8, 22.6], n: [1000, 2000, 3] }));
    expect(text.split('\n').slice(1, 4)).toEqual(['West Midlands   8.00  1,000', 'England         9.80  2,000', 'Gap            22.60      3']);
    expect(
      tableText(aq.table({ v: [22.6, 0.6, -1] }))
        .split('\n')
        .slice(1, 4),
    ).toEqual(['22.60', ' 0.60', '-1.00']);
  });
  it('explicit decimals win', () => {
    expect(
      tableText(aq.table({ v: [22.6, 0.6] }), { decimals: 1 })
        .split('\n')
        .slice(1, 3),
    ).toEqual(['22.6', ' 0.6']);
  });
});
