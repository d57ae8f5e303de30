import { describe, expect, it } from 'vitest';
import { trendChart } from './trend.js';

// Sandwell, campylobacter incidence per 100,000 (Fingertips indicator 93356, data/fingertips export).
const points = [
  { period: '2015', value: 75.4409854283076, lower: 66.2162478101117, upper: 85.5913079237579, count: 241, significance: 'Better' as const },
  { period: '2016', value: 72.5104737350951, lower: 63.5168228560724, upper: 82.4206530334206, count: 234, significance: 'Better' as const },
  { period: '2017', value: 80.8770668583753, lower: 71.3618770578467, upper: 91.3077498880454, count: 261, significance: 'Better' as const },
];

describe('trendChart', () => {
  const spec = trendChart(points, {
    areaName: 'Sandwell',
    indicator: 'Campylobacter incidence',
    unit: 'per 100,000',
    recentTrend: 'Cannot be calculated',
    comparator: { name: 'England', points: [{ period: '2015', value: 94.7261896202678 }] },
  });
  it('has the line, one marker trace per significance, and the England line', () => {
    expect(spec.figure.data.map((t) => t.name)).toEqual(['Sandwell', 'Sandwell: better than England', 'England']);
    expect((spec.figure.data[1].marker as { symbol: string }).symbol).toBe('triangle-up');
    expect(spec.figure.data[2].y).toEqual([94.7261896202678, null, null]);
  });
  it('puts the recent trend in the title area and the alt text', () => {
    expect(JSON.stringify(spec.figure.layout.title)).toContain('Recent trend: Cannot be calculated');
    expect(spec.alt).toBe(
      'Campylobacter incidence in Sandwell was 75.4 per 100,000 in 2015 and 80.9 per 100,000 in 2017 (95% CI 71.4 to 91.3); better than England in 2017. Recent trend: Cannot be calculated.',
    );
  });
  it('table matches the input', () => {
    expect(spec.table.rows[0]).toEqual(['2015', 241, 75.4, 66.2, 85.6, 'Better', 94.7]);
    expect(spec.table.rows).toHaveLength(3);
  });
});
