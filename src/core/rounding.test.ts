import { describe, expect, it } from 'vitest';
import { formatFixed, formatSignificant, roundHalfAway, roundHalfAwayDotNet, roundHalfEven } from './rounding.js';
import { quantileType7 } from './rmath.js';

// Expected values worked by hand on the decimal digits as written (the display rule), and for
// the binary rules from the exact binary values: 8.575 is stored as 8.574999999999999289…,
// 1.005 as 1.004999999999999893…, 0.285 as 0.284999999999999975….
describe('rounding rules', () => {
  it('display rule: half away from zero on the shortest decimal representation', () => {
    expect([roundHalfAway(8.575, 2), roundHalfAway(1.005, 2), roundHalfAway(0.285, 2)]).toEqual([8.58, 1.01, 0.29]);
    expect([roundHalfAway(2.5), roundHalfAway(-2.5), roundHalfAway(-0.04, 1)]).toEqual([3, -3, 0]);
    expect(roundHalfAway(0.049999999999999996, 1)).toBe(0); // not a half: 0.0499… rounds down
    expect(roundHalfAway(1e21, 2)).toBe(1e21);
    expect([formatFixed(8.575, 2), formatFixed(1.005, 2), formatFixed(-0.04, 1), formatFixed(12, 1)]).toEqual(['8.58', '1.01', '0.0', '12.0']);
    expect([formatSignificant(0.00012345, 3), formatSignificant(0.0001235, 3), formatSignificant(9.995e-5, 3)]).toEqual(['0.000123', '0.000124', '0.000100']);
  });

  it('the display rule agrees with Intl.NumberFormat (the report tables) on 3-decimal data', () => {
    for (let k = -20000; k <= 20000; k += 7) {
      const x = k / 1000;
      for (const d of [0, 1, 2]) {
        const intl = new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }).format(x);
        expect(formatFixed(x, d), `${x} to ${d} dp`).toBe(intl.replace(/^-(0(\.0*)?)$/, '$1'));
      }
    }
  });

  it('R and .NET parity rules work on the binary value', () => {
    expect([0.5, 1.5, 2.5, 3.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2]);
    expect([roundHalfAwayDotNet(8.575, 2), roundHalfAwayDotNet(1.005, 2), roundHalfAwayDotNet(-2.345, 2)]).toEqual([8.57, 1, -2.35]);
  });

  it('quantileType7 is R quantile(type = 7)', () => {
    // R: quantile(c(1, 2, 3, 4), c(0, .25, .5, .9, 1)) → 1.00 1.75 2.50 3.70 4.00
    expect([0, 0.25, 0.5, 1].map((p) => quantileType7([1, 2, 3, 4], p))).toEqual([1, 1.75, 2.5, 4]);
    expect(quantileType7([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileType7([], 0.5)).toBeNaN();
  });
});
