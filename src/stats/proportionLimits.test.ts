import { describe, expect, it } from 'vitest';
import { proportionLimits } from './proportion.js';

// Expected limits worked independently from Wilson's formula
// (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)) with z = 1.959963985 (95%) and z = 3.090232306 (99.8%):
// 65/100 at 95% → 55.254… (PHEim's documented example row: 55.25, 73.64).
describe('proportionLimits', () => {
  it('gives the value and Wilson limits at 95% and 99.8% with PHEim field names, × 100', () => {
    const z95 = 1.959963984540054;
    const z998 = 3.090232306167813;
    const wilson = (x: number, n: number, z: number, s: -1 | 1) => ((2 * x + z * z + s * z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / (2 * (n + z * z))) * 100;
    const p = proportionLimits(65, 100);
    expect(p.value).toBe(65);
    expect(p.lower95_0cl).toBeCloseTo(wilson(65, 100, z95, -1), 10);
    expect(p.upper95_0cl).toBeCloseTo(wilson(65, 100, z95, 1), 10);
    expect(p.lower99_8cl).toBeCloseTo(wilson(65, 100, z998, -1), 10);
    expect(p.upper99_8cl).toBeCloseTo(wilson(65, 100, z998, 1), 10);
    expect(p.lower95_0cl).toBeCloseTo(55.254, 3);
  });

  it('one level gives lowercl/uppercl; a multiplier of 1 gives proportions', () => {
    const p = proportionLimits(1, 4, 0.95, 1);
    expect(Object.keys(p)).toEqual(['value', 'lowercl', 'uppercl']);
    expect(p.value).toBe(0.25);
  });

  it('is null where no proportion can be computed, and refuses a negative count', () => {
    for (const [x, n] of [
      [null, 10],
      [3, null],
      [NaN, 10],
      [3, 0],
      [11, 10],
    ] as const) {
      expect(
        Object.values(proportionLimits(x, n)).every((v) => v === null),
        `${x}/${n}`,
      ).toBe(true);
    }
    expect(() => proportionLimits(-1, 10)).toThrow(/numerator must be 0 or more/);
  });
});
