/**
 * The Making Data Count chart and icons: traces by point type, mean and limits per rebase
 * segment, target, icons as SVG with text alternatives, and the alt text and table numbers.
 */
import { describe, expect, it } from 'vitest';
import { spcChart, type SpcChartPoint } from './spc.js';
import { spcAssuranceIconSvg, spcVariationIconSvg, SPC_VARIATION_ICON_TEXT } from './spcIcons.js';

const pt = (x: string, y: number, seg: number, point_type = 'common_cause', special_cause_type = 'Common Cause'): SpcChartPoint => ({
  x,
  y,
  mean_col: seg === 0 ? 0.8 : 0.7,
  lpl: seg === 0 ? 0.7 : 0.6,
  upl: seg === 0 ? 0.9 : 0.8,
  rebase_group: seg,
  point_type,
  special_cause_type,
  target: 0.95,
});

describe('spcChart', () => {
  const points = [
    pt('2018-01-01', 0.8, 0),
    pt('2018-02-01', 0.92, 0, 'special_cause_improvement', 'Above UCL'),
    pt('2018-03-01', 0.55, 1, 'special_cause_concern', 'Below LCL'),
    pt('2018-04-01', 0.71, 1),
  ];
  const c = spcChart(points, { measure: '4-hour performance', name: 'Trust X', percent: true, variation: 'common_cause', assurance: 'consistent_fail' });
  it('draws points by type with distinct colours and shapes', () => {
    const byName = Object.fromEntries(c.figure.data.map((t) => [t.name, t]));
    expect((byName['Special cause: improvement'] as { x: string[] }).x).toEqual(['2018-02-01']);
    expect((byName['Special cause: concern'] as { marker: { symbol: string } }).marker.symbol).toBe('diamond');
    expect((byName['Common cause'] as { y: number[] }).y).toEqual([80, 71]);
  });
  it('draws the mean and the limits once per rebase segment, and the target', () => {
    const means = c.figure.data.filter((t) => t.name === 'Mean') as unknown as { x: string[]; y: number[] }[];
    expect(means.map((m) => [m.x, m.y])).toEqual([
      [
        ['2018-01-01', '2018-02-01'],
        [80, 80],
      ],
      [
        ['2018-03-01', '2018-04-01'],
        [70, 70],
      ],
    ]);
    expect(c.figure.data.filter((t) => t.name === 'Process limits')).toHaveLength(4);
    expect((c.figure.data.find((t) => t.name === 'Target') as unknown as { y: number[] }).y).toEqual([95, 95, 95, 95]);
  });
  it('puts both icons on the chart and their meaning in the subtitle and alt text', () => {
    expect((c.figure.layout.images as unknown[]).length).toBe(2);
    expect(c.subtitle).toBe('Variation: Common cause variation: no significant change. Assurance: The system is expected to consistently fail the target');
    expect(c.alt).toBe(
      '4-hour performance for Trust X, 4 points from 2018-01-01 to 2018-04-01. Latest value 71.0% (2018-04-01); mean 70.0%, process limits 60.0% to 80.0% (after 1 rebase). ' +
        'Points signalling: 1 special cause improvement, 1 special cause concern. Target 95.0%. Variation icon: Common cause variation: no significant change. Assurance icon: The system is expected to consistently fail the target.',
    );
  });
  it('has a data table with every point and a short-series note', () => {
    expect(c.table.columns).toEqual(['Date', 'Value (%)', 'Mean (%)', 'Lower process limit (%)', 'Upper process limit (%)', 'Target (%)', 'Rule', 'Signal']);
    expect(c.table.rows[2]).toEqual(['2018-03-01', 55, 70, 60, 80, 95, 'Below LCL', 'Special cause: concern']);
    expect(c.notes[0]).toMatch(/^Only 4 points: the limits are trial limits/);
  });
});

describe('icons', () => {
  it('every icon is an SVG image with a title and label', () => {
    for (const [key, text] of Object.entries(SPC_VARIATION_ICON_TEXT)) {
      const svg = spcVariationIconSvg(key as keyof typeof SPC_VARIATION_ICON_TEXT);
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain(`aria-label="${text}"`);
      expect(svg).toContain(`<title>${text}</title>`);
    }
    expect(spcVariationIconSvg('improvement_high')).toContain('>H</text>');
    expect(spcVariationIconSvg('concern_low')).toContain('>L</text>');
    expect(spcAssuranceIconSvg('consistent_pass')).toContain('>P</text>');
    expect(spcAssuranceIconSvg('inconsistent')).toContain('aria-label="Hit and miss: the system will pass and fail the target at random"');
  });
});
