import { describe, expect, it } from 'vitest';
import { core20ShareChart, core20Shares } from './core20.js';

const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((decile, i) => ({ decile, population: [300, 200, 100, 100, 100, 50, 50, 50, 25, 25][i] }));

describe('core20ShareChart', () => {
  const spec = core20ShareChart(rows, { areaName: 'Example' });
  it('computes shares that sum to 100', () => {
    const s = core20Shares(rows);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(s[0]).toBeCloseTo(30, 12);
  });
  it('highlights deciles 1-2 in their own trace, with England as a reference line at 10%', () => {
    const [core, other, england] = spec.figure.data;
    expect(core.y).toEqual([30, 20]);
    expect((core.x as string[])[0]).toContain('most');
    expect(other.y).toHaveLength(8);
    expect(england.y).toEqual(Array(10).fill(10));
    expect((core.marker as { color: string }).color).not.toBe((other.marker as { color: string }).color);
  });
  it('alt text and table carry the Core20 share', () => {
    expect(spec.alt).toContain("50.0% of Example's population (500 people) lives in Core20 areas");
    expect(spec.alt).toContain("compared with 20.0% of England's");
    expect(spec.table.rows[0]).toEqual([1, 'Yes', 300, 30, 10]);
    expect(spec.table.rows[9]).toEqual([10, 'No', 25, 2.5, 10]);
  });
});
