import { describe, expect, it } from 'vitest';
import { funnelCategory, funnelChart, type FunnelLimitRow, type FunnelPoint } from './funnel.js';

// Real rows from PHEindicatormethods' funnel test data (testdata_funnel_prop_inputs.csv and
// testdata_funnel_prop_outputs.csv in tests/fixtures/phe): value = 100·numerator/denominator.
const pct = (num: number, den: number) => (100 * num) / den;
const points: FunnelPoint[] = [
  { label: 'New Forest PCT', denominator: 41980, value: pct(35078.488, 41980), significance: 'High (0.001)' },
  { label: 'Norwich PCT', denominator: 31824, value: pct(24803.6256, 31824), significance: 'Low (0.001)' },
  { label: 'South Gloucestershire PCT', denominator: 61921, value: pct(50050.7443, 61921), significance: 'Not significant' },
  { label: 'Havering PCT', denominator: 59804, value: pct(48686.4364, 59804), significance: 'High (0.001)' },
  { label: 'Kingston PCT', denominator: 45449, value: pct(35795.6324, 45449), significance: 'Low (0.001)' },
  { label: 'No data PCT', denominator: null, value: null, significance: null },
];
const limits: FunnelLimitRow[] = [
  { denominator: 539, lower95: 77.306949, upper95: 83.977947, lower998: 75.38344, upper998: 85.901456, baseline: 80.642448 },
  { denominator: 598, lower95: 77.475765, upper95: 83.809131, lower998: 75.649608, upper998: 85.635287, baseline: 80.642448 },
  { denominator: 110000, lower95: 80.408963, upper95: 80.875933, lower998: 80.274317, upper998: 81.010578, baseline: 80.642448 },
];

describe('funnelChart', () => {
  const spec = funnelChart(points, limits, { title: 'Proportion (%) by PCT', unitName: 'PCTs', yTitle: 'Percentage (%)', highlight: 'Norwich PCT' });
  it('has 4 limit lines + baseline + one trace per category present + the highlight', () => {
    const names = spec.figure.data.map((t) => t.name);
    expect(names.slice(0, 5)).toEqual(['99.8% limits', '99.8% limits', '95% limits', '95% limits', 'Baseline (80.6)']);
    expect(names.slice(5)).toEqual(['Above 99.8% limit', 'Within 95% limits', 'Below 99.8% limit', 'Norwich PCT']);
    expect(spec.figure.data).toHaveLength(9);
  });
  it('distinguishes outliers by shape and colour', () => {
    const [high, within, low] = spec.figure.data.slice(5, 8).map((t) => t.marker as { symbol: string; color: string });
    expect(new Set([high.symbol, within.symbol, low.symbol]).size).toBe(3);
    expect(new Set([high.color, within.color, low.color]).size).toBe(3);
    expect(spec.figure.data[5].x).toEqual([41980, 59804]);
    expect(funnelCategory('something else').key).toBe('Not compared');
  });
  it('limit lines follow the denominators in order', () => {
    expect(spec.figure.data[2].y).toEqual([83.977947, 83.809131, 80.875933]);
    expect(spec.figure.data[0].x).toEqual([539, 598, 110000]);
  });
  it('text alternative has the counts and the baseline; table matches the input', () => {
    expect(spec.alt).toBe(
      'Funnel plot of 5 PCTs around a baseline of 80.6: 2 above the 95% upper limit (2 also above 99.8%), 2 below the 95% lower limit (2 also below 99.8%), and 1 within the limits or not compared.',
    );
    expect(spec.table.rows).toHaveLength(6);
    expect(spec.table.rows[1]).toEqual(['Norwich PCT', 31824, 77.9, 'Below 99.8% limit']);
    expect(spec.table.rows[5]).toEqual(['No data PCT', null, null, 'Not compared']);
    expect(spec.notes).toContain('No data PCT: no value or denominator, not plotted.');
  });
  it('says which side is better when the polarity is RAG', () => {
    const s = funnelChart(points, limits, { title: 't', polarity: 'low-is-good' });
    expect(s.figure.data.map((t) => t.name)).toContain('Above 99.8% limit (worse)');
    expect(s.figure.data.map((t) => t.name)).toContain('Below 99.8% limit (better)');
  });
});

describe('funnelChart valueSuffix', () => {
  it('writes the unit after the baseline and values (legend, hover, text alternative)', () => {
    const spec = funnelChart(points, limits, { title: 'Proportion (%) by PCT', unitName: 'PCTs', valueSuffix: '%' });
    expect(spec.figure.data[4].name).toBe('Baseline (80.6%)');
    expect(spec.alt).toMatch(/^Funnel plot of 5 PCTs around a baseline of 80\.6%:/);
    expect((spec.figure.data[5].hovertext as string[])[0]).toContain('Value: 83.6%');
  });
});
