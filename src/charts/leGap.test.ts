import { describe, expect, it } from 'vitest';
import { leGapByAgeChart, leGapByCauseChart } from './leGap.js';

// Contributions (years) are inputs for the chart only; their correctness is the lifeexp module's job.
const byAge = [
  { ageBand: '<1', contribution: 0.25 },
  { ageBand: '1-14', contribution: -0.05 },
  { ageBand: '15-44', contribution: 0.6 },
  { ageBand: '45-64', contribution: 1.1 },
  { ageBand: '65-84', contribution: 1.0 },
  { ageBand: '85+', contribution: null },
];

describe('leGapByAgeChart', () => {
  const spec = leGapByAgeChart(byAge, { areaName: 'Sandwell', groupLabel: 'Males' });
  it('splits widening and narrowing bars into two distinct traces', () => {
    const [widen, narrow] = spec.figure.data;
    expect(widen.y).toEqual(['&lt;1', '15-44', '45-64', '65-84']);
    expect(narrow.y).toEqual(['1-14']);
    expect((widen.marker as { color: string }).color).not.toBe((narrow.marker as { color: string }).color);
    expect((narrow.marker as { pattern: { shape: string } }).pattern.shape).toBe('/');
  });
  it('alt text has the gap and the largest contributions', () => {
    expect(spec.alt).toBe(
      'The life expectancy gap between England and Sandwell (Males) is 2.9 years. The largest contributions are from ages 45-64 (1.10 years), 65-84 (1.00 years), 15-44 (0.60 years). 1 age band narrows the gap.',
    );
    expect(spec.table.rows[0]).toEqual(['<1', 0.25, 8.6]);
    expect(spec.table.rows[5]).toEqual(['85+', null, null]);
  });
});

describe('leGapByCauseChart', () => {
  const causes = [
    { cause: 'Circulatory', contribution: 1.2 },
    { cause: 'Cancer', contribution: 0.9 },
    { cause: 'External', contribution: -0.1 },
  ];
  it('scarf: one stacked segment per cause, as % of the gap', () => {
    const spec = leGapByCauseChart(causes, { areaName: 'Sandwell' });
    expect(spec.figure.data).toHaveLength(3);
    expect(spec.figure.data[0].x).toEqual([60]);
    expect(spec.figure.data[2].x).toEqual([-5]);
    expect(spec.figure.layout.barmode).toBe('relative');
    expect(spec.alt).toContain('is 2.0 years');
    expect(spec.alt).toContain('Circulatory (1.20 years, 60%)');
  });
  it('by age band: stacked bars with one trace per cause', () => {
    const rows = [
      { cause: 'Circulatory', ageBand: '45-64', contribution: 0.5 },
      { cause: 'Cancer', ageBand: '45-64', contribution: 0.3 },
      { cause: 'Circulatory', ageBand: '65-84', contribution: 0.4 },
      { cause: 'Cancer', ageBand: '65-84', contribution: 0.2 },
    ];
    const spec = leGapByCauseChart(rows, { areaName: 'Sandwell' });
    expect(spec.figure.data.map((t) => t.name)).toEqual(['Circulatory', 'Cancer']);
    expect(spec.figure.data[0].y).toEqual(['45-64', '65-84']);
    expect(spec.table.columns).toEqual(['Cause', 'Age band', 'Contribution to the gap (years)', 'Share of the gap (%)']);
    expect(spec.table.rows).toHaveLength(4);
  });
});
