import { describe, expect, it } from 'vitest';
import { pyramidChart, pyramidShares, type PyramidRow } from './pyramid.js';

const area: PyramidRow[] = [
  { ageBand: '0-14', sex: 'Male', population: 30 },
  { ageBand: '0-14', sex: 'Female', population: 28 },
  { ageBand: '15-64', sex: 'Male', population: 100 },
  { ageBand: '15-64', sex: 'Female', population: 102 },
  { ageBand: '65+', sex: 'Male', population: 18 },
  { ageBand: '65+', sex: 'Female', population: 22 },
];
const england: PyramidRow[] = area.map((r) => ({ ...r, population: (r.population as number) * (r.ageBand === '65+' ? 2 : 1) }));

describe('pyramidShares', () => {
  it('gives percentages of the whole population that sum to 100', () => {
    const s = pyramidShares(area);
    expect(s.total).toBe(300);
    expect([...s.male, ...s.female].reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(s.female[2]).toBeCloseTo((100 * 22) / 300, 12);
  });
});

describe('pyramidChart', () => {
  const spec = pyramidChart(area, { areaName: 'Example', comparator: england });
  it('draws males to the left, females to the right and England as outline bars', () => {
    expect(spec.figure.data).toHaveLength(4);
    const [m, f, em] = spec.figure.data;
    expect((m.x as number[]).every((v) => v <= 0)).toBe(true);
    expect((f.x as number[]).every((v) => v >= 0)).toBe(true);
    expect((em.marker as { color: string }).color).toBe('rgba(0,0,0,0)');
    expect((em.x as number[])[2]).toBeCloseTo(-(100 * 36) / 340, 6);
    expect(spec.figure.layout.barmode).toBe('overlay');
  });
  it('alt text has the young and old shares against England; table matches the input', () => {
    expect(spec.alt).toBe(
      'Example has 300 people: 19.3% aged under 15 and 13.3% aged 65 and over (England: 17.1% and 23.5%). Males are 49.3% of the population.',
    );
    expect(spec.table.rows[1]).toEqual(['15-64', 100, 102, 33.33, 34, 29.41, 30]);
  });
});
