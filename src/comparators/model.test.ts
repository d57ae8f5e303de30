/**
 * The nearest-neighbour model on a hand-worked example. Expected values from Python 3
 * (statistics.mean / stdev, math.log10):
 *   areas A (10, 1000), B (12, 10000), C (14, 1000), D (30, 100000), E (12, 10000); x1 weight 2,
 *   pop weight 1 on the log10 scale. x1: mean 15.6, sd 8.17312669668102; log10 pop: mean 3.8,
 *   sd 0.8366600265340756. Distances from A = √(Σ w·Δz² / 3):
 *   C 0.39960059900174677 (share x1 1.0), B = E 0.7184084046495522 (shares 0.0773…, 0.9226…),
 *   D 2.428328205335056. B and E tie: ordered by code.
 */
import { describe, expect, it } from 'vitest';
import { nearestNeighbours, type AreaVariables } from './model.js';
import { compareWithNeighbours } from './neighbours.js';

const areas = (): AreaVariables[] =>
  [
    ['D', 30, 100000],
    ['E', 12, 10000],
    ['A', 10, 1000],
    ['C', 14, 1000],
    ['B', 12, 10000],
  ].map(([code, x1, pop]) => ({ code: code as string, name: `Area ${code}`, values: { x1: x1 as number, pop: pop as number } }));

describe('nearestNeighbours', () => {
  it('ranks by weighted standardised distance, ties by code, whatever the input order', () => {
    const r = nearestNeighbours(areas(), 'A', { k: 4, weights: { x1: 2, pop: 1 }, log: ['pop'] });
    expect(r.neighbours.map((n) => n.code)).toEqual(['C', 'B', 'E', 'D']);
    expect(r.neighbours[0].distance).toBeCloseTo(0.39960059900174677, 12);
    expect(r.neighbours[1].distance).toBeCloseTo(0.7184084046495522, 12);
    expect(r.neighbours[3].distance).toBeCloseTo(2.428328205335056, 12);
    expect(r.neighbours[1].contributions.map((c) => c.share)).toEqual([expect.closeTo(0.07734806629834252, 12), expect.closeTo(0.9226519337016574, 12)]);
    expect(r.neighbours[1].contributions[1].zDifference).toBeCloseTo(1.1952286093343936, 12);
    expect(r.neighbours[1].differsMostOn).toBe('pop');
    expect(r.neighbours[0].similarOn).toEqual(['pop']);
    expect(r.means[0]).toBeCloseTo(15.6, 12);
    expect(r.sds[1]).toBeCloseTo(0.8366600265340756, 12);
    const reversed = nearestNeighbours([...areas()].reverse(), 'A', { k: 4, weights: { x1: 2, pop: 1 }, log: ['pop'] });
    expect(reversed.neighbours.map((n) => n.code)).toEqual(['C', 'B', 'E', 'D']);
    expect(nearestNeighbours(areas(), 'A', { k: 2 }).neighbours).toHaveLength(2);
  });

  it('leaves out areas with a missing value and says so', () => {
    const a = areas();
    a[0].values.x1 = null;
    const r = nearestNeighbours(a, 'A', { k: 10 });
    expect(r.leftOut).toEqual(['D']);
    expect(r.areasCompared).toBe(4);
    expect(r.neighbours.map((n) => n.code)).not.toContain('D');
  });

  it('rejects bad set-ups with one-line messages', () => {
    expect(() => nearestNeighbours(areas(), 'Z')).toThrow(/area Z is not among the 5 areas/);
    expect(() => nearestNeighbours(areas(), 'A', { variables: ['x9'] })).toThrow(/unknown variable "x9"/);
    expect(() => nearestNeighbours(areas(), 'A', { weights: { x1: -1 } })).toThrow(/weight of "x1" must be a number of 0 or more/);
    expect(() => nearestNeighbours(areas(), 'A', { weights: { x1: 0, pop: 0 } })).toThrow(/every weight is 0/);
    expect(() => nearestNeighbours(areas(), 'A', { k: 0 })).toThrow(/k must be a whole number/);
    const same = areas().map((a) => ({ ...a, values: { ...a.values, flat: 1 } }));
    expect(() => nearestNeighbours(same, 'A', { variables: ['x1', 'flat'] })).toThrow(/"flat" has the same value for every area/);
    const target = areas();
    target[2].values.pop = null;
    expect(() => nearestNeighbours(target, 'A')).toThrow(/Area A \(A\) has no value for pop/);
    expect(() => nearestNeighbours(areas(), 'A', { log: ['x1'], variables: ['x1'], weights: {} })).not.toThrow();
    const neg = areas();
    neg[1].values.pop = -5;
    expect(() => nearestNeighbours(neg, 'A', { log: ['pop'] })).toThrow(/log scale must be above 0/);
  });
});

describe('compareWithNeighbours', () => {
  it('ranks the place among its neighbours (1 = highest) with their average and range', () => {
    const v = new Map<string, number | null>([
      ['P', 120],
      ['A', 100],
      ['B', 130],
      ['C', null],
      ['D', 110],
    ]);
    expect(compareWithNeighbours(v, 'P', ['A', 'B', 'C', 'D'])).toEqual({
      value: 120,
      rank: 2,
      of: 4,
      average: (100 + 130 + 110) / 3,
      min: 100,
      max: 130,
      neighboursWithValue: 3,
    });
    expect(compareWithNeighbours(v, 'C', ['A']).rank).toBeNull();
  });
});
