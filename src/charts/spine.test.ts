import { describe, expect, it } from 'vitest';
import { SPINE_LAYOUTS, spineChart, spineGeometry, type SpineIndicator } from './spine.js';
import { textWidthPx, wrapToWidth } from './textMetrics.js';
import type { PlotlyTrace } from './types.js';

describe('spineGeometry', () => {
  it('high is good: lowest (worst) on the left, half-width = max distance from England', () => {
    const g = spineGeometry({ england: 80, lowest: 74, p25: 78, p75: 81, highest: 83, value: 77, polarity: 'high-is-good' });
    expect(g.halfRange).toBe(6); // max(|80−74|, |80−83|)
    expect(g.direction).toBe(1);
    expect(g.left).toBeCloseTo(-1, 12);
    expect(g.innerLeft).toBeCloseTo(-2 / 6, 12);
    expect(g.innerRight).toBeCloseTo(1 / 6, 12);
    expect(g.right).toBeCloseTo(0.5, 12);
    expect(g.marker).toBeCloseTo(-0.5, 12);
    expect([g.leftValue, g.rightValue, g.leftLabel, g.rightLabel]).toEqual([74, 83, 'Worst', 'Best']);
  });
  it('low is good: highest (worst) values on the left, better to the right', () => {
    const g = spineGeometry({ england: 10, lowest: 4, p25: 8, p75: 13, highest: 20, value: 6, polarity: 'low-is-good' });
    expect(g.halfRange).toBe(10);
    expect(g.direction).toBe(-1);
    expect(g.left).toBe(-1); // 20 is worst → left end
    expect(g.innerLeft).toBeCloseTo(-0.3, 12); // p75 = 13
    expect(g.innerRight).toBeCloseTo(0.2, 12); // p25 = 8
    expect(g.right).toBeCloseTo(0.6, 12); // 4 is best → right
    expect(g.marker).toBeCloseTo(0.4, 12); // 6 is better than England → right of centre
    expect([g.leftValue, g.innerLeftValue, g.innerRightValue, g.rightValue]).toEqual([20, 13, 8, 4]);
    expect([g.leftLabel, g.rightLabel]).toEqual(['Worst', 'Best']);
  });
  it('no judgement: lowest on the left with Lowest/Highest labels; null value → no marker', () => {
    const g = spineGeometry({ england: 50, lowest: 20, p25: 40, p75: 60, highest: 65, value: null, polarity: 'no-judgement' });
    expect(g.halfRange).toBe(30);
    expect(g.right).toBeCloseTo(0.5, 12);
    expect(g.marker).toBeNull();
    expect([g.leftLabel, g.rightLabel]).toEqual(['Lowest', 'Highest']);
  });
  it('all values equal → everything at the centre', () => {
    const g = spineGeometry({ england: 5, lowest: 5, p25: 5, p75: 5, highest: 5, value: 5, polarity: 'high-is-good' });
    expect([g.halfRange, g.left, g.right, g.marker]).toEqual([0, 0, 0, 0]);
  });
  it('rejects an unordered distribution', () => {
    expect(() => spineGeometry({ england: 5, lowest: 6, p25: 5, p75: 7, highest: 8, polarity: 'high-is-good' })).toThrow(/lowest ≤ p25/);
  });
});

const rows: SpineIndicator[] = [
  {
    indicator: 'Indicator A',
    period: '2019',
    count: 120,
    value: 6,
    regionValue: 9,
    englandValue: 10,
    englandLowest: 4,
    englandP25: 8,
    englandP75: 13,
    englandHighest: 20,
    polarity: 'low-is-good',
    significance: 'Better',
  },
  {
    indicator: 'Indicator B',
    period: '2019',
    count: 40,
    value: 77,
    englandValue: 80,
    englandLowest: 74,
    englandP25: 78,
    englandP75: 81,
    englandHighest: 83,
    polarity: 'high-is-good',
    significance: 'Worse',
  },
  {
    indicator: 'Indicator C <script>',
    period: '2019',
    count: null,
    value: 55,
    englandValue: 50,
    englandLowest: 20,
    englandP25: 40,
    englandP75: 60,
    englandHighest: 65,
    polarity: 'no-judgement',
    significance: 'Higher',
  },
  {
    indicator: 'Indicator D',
    period: '2019',
    count: 3,
    value: null,
    englandValue: 50,
    englandLowest: 20,
    englandP25: 40,
    englandP75: 60,
    englandHighest: 65,
    polarity: 'high-is-good',
    significance: null,
  },
];

describe('spineChart', () => {
  const spec = spineChart(rows, { areaName: 'Sandwell', regionName: 'West Midlands' });
  const markerTraces = spec.figure.data.filter((t) => t.mode === 'markers') as PlotlyTrace[];
  it('draws one marker trace per significance, coloured and shaped by it', () => {
    expect(markerTraces.map((t) => (t.marker as { symbol: string }).symbol)).toEqual(['triangle-up', 'triangle-down', 'triangle-right']);
    expect(markerTraces.map((t) => (t.marker as { color: string }).color)).toEqual(['#92D050', '#C00000', '#BED2FF']);
    expect(markerTraces[0].x).toEqual([0.4]); // low-is-good marker to the right
    expect(markerTraces[1].x).toEqual([-0.5]);
  });
  it('draws bands for every row with a distribution and places the worst end on the left', () => {
    const [outer, inner] = spec.figure.data;
    expect(outer.base).toEqual([-1, -1, -1, -1]);
    const innerBase = inner.base as number[];
    [-0.3, -1 / 3, -1 / 3, -1 / 3].forEach((v, i) => expect(innerBase[i]).toBeCloseTo(v, 10));
    expect((outer.x as number[])[0]).toBeCloseTo(1.6, 12);
  });
  it('escapes indicator names in the figure', () => {
    const json = JSON.stringify(spec.figure);
    expect(json).not.toContain('<script>');
    expect(json).toContain('Indicator C &lt;script&gt;');
  });
  it('text alternative counts comparisons and names the worse indicator with its numbers', () => {
    expect(spec.alt).toContain('4 indicators for Sandwell');
    expect(spec.alt).toContain('1 better, 1 worse, 1 higher, 1 not compared');
    expect(spec.alt).toContain('Indicator B (77.0 vs England 80.0)');
  });
  it('table has one row per indicator, values matching the input', () => {
    expect(spec.table.columns).toContain('West Midlands value');
    expect(spec.table.rows).toHaveLength(4);
    expect(spec.table.rows[0]).toEqual(['Indicator A', '2019', 120, 6, 9, 10, 20, 8, 13, 4, 'Better', 'Low is good']);
    expect(spec.table.rows[3][3]).toBeNull();
    expect(spec.notes).toContain('Indicator D: no value for Sandwell.');
  });
  it('is JSON-serialisable and deterministic', () => {
    const again = spineChart(rows, { areaName: 'Sandwell', regionName: 'West Midlands' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(spec));
    expect(JSON.parse(JSON.stringify(spec.figure))).toEqual(spec.figure);
  });
});

describe('spineChart: suppressed and missing values, column headers, narrow layouts', () => {
  const base = { period: '2019', regionValue: 9, englandValue: 10, englandLowest: 4, englandP25: 8, englandP75: 13, englandHighest: 20 };
  const spec = spineChart(
    [
      { ...base, indicator: 'Shown', count: 120, value: 6, polarity: 'low-is-good', significance: 'Better' },
      { ...base, indicator: 'Suppressed', count: null, value: null, polarity: 'low-is-good', significance: null, suppressed: true },
      { ...base, indicator: 'Missing', count: null, value: null, polarity: 'low-is-good', significance: null },
    ],
    { areaName: 'Sandwell', regionName: 'West Midlands' },
  );
  const texts = spec.figure.layout.annotations as { text: string; y: number }[];
  const row = (i: number) => texts.filter((a) => a.y === i).map((a) => a.text);
  it('shows a suppressed count and value as * and a missing one as an en dash, in the chart and its table', () => {
    expect(row(1)).toContain('*');
    expect(row(1)).not.toContain('–');
    expect(row(2).slice(2, 4)).toEqual(['–', '–']);
    expect(spec.table.rows[1].slice(2, 4)).toEqual(['*', '*']);
    expect(spec.table.rows[2].slice(2, 4)).toEqual([null, null]);
    expect(spec.notes).toContain('Suppressed: suppressed for Sandwell (based on a small count).');
  });
  it('names the ends by polarity (worst/best when every row is judged) and puts the headers below the title', () => {
    const heads = texts.filter((a) => a.y < 0).map((a) => a.text);
    expect(heads).toContain('<b>England<br>worst</b>');
    expect(heads).toContain('<b>England range</b><br>worse ← → better');
    const yRange = (spec.figure.layout.yaxis as { range: number[] }).range;
    for (const a of texts.filter((x) => x.y < 0)) expect(a.y).toBeGreaterThan(yRange[1]);
  });
  it('has a medium layout without the worst/best columns and a narrow one with indicator, value and England only', () => {
    expect(spec.breakpoints?.map((b) => b.maxWidth)).toEqual([1000, 680, 679]);
    const narrow = spec.breakpoints![2].layout.annotations as { text: string; y: number }[];
    expect(narrow.filter((a) => a.y === 0).map((a) => a.text)).toEqual(['Shown', '6.0', '10.0']);
    const medium = spec.breakpoints![0].layout.annotations as { text: string; y: number }[];
    expect(medium.filter((a) => a.y === 0)).toHaveLength(6); // name, period, count, value, region, England
  });
  it('carries the subtitle for the report to show above the chart', () => {
    expect(spineChart([], { areaName: 'A', subtitle: 'England range: regions' }).subtitle).toBe('England range: regions');
  });
});

describe('spineChart: column layouts as data', () => {
  // The profile's longest cells: a count of 192,396 with the period "IMD 2019" (the Core20 row
  // of Sandwell, whose columns ran together in print before) and a rate of 1,092.0.
  const row = (over: Partial<SpineIndicator>): SpineIndicator => ({
    indicator: 'Population living in Core20 neighbourhoods (%)',
    period: 'IMD 2019',
    count: 192396,
    value: 60.3,
    regionValue: 29.9,
    englandValue: 19.9,
    englandLowest: 0,
    englandP25: 8,
    englandP75: 30,
    englandHighest: 61,
    polarity: 'no-judgement',
    significance: 'Not compared',
    ...over,
  });
  const spec = spineChart(
    [
      row({}),
      row({
        indicator: 'Mortality from all causes, all ages (per 100,000)',
        period: '2014',
        count: 2814,
        value: 1092,
        regionValue: 978.6,
        englandValue: 946.6,
        englandLowest: 700,
        englandP25: 880,
        englandP75: 1000,
        englandHighest: 1150,
        polarity: 'low-is-good',
        significance: 'Worse',
      }),
    ],
    { areaName: 'Sandwell', regionName: 'West Midlands' },
  );
  it('has one layout per entry of SPINE_LAYOUTS (the base and a breakpoint for each narrower one) and a print height', () => {
    expect(SPINE_LAYOUTS.map((l) => l.maxWidth)).toEqual([null, 1000, 680, 679]);
    const printLayout = spec.breakpoints!.find((b) => b.maxWidth === 680)!.layout as { height: number };
    expect(spec.printHeight).toBe(printLayout.height);
  });
  it('places the columns of every layout so that no two cells of a row overlap at the narrowest width it is drawn at', () => {
    const layouts = [spec.figure.layout, ...spec.breakpoints!.map((b) => b.layout)];
    SPINE_LAYOUTS.forEach((def, k) => {
      const paper = def.sizeAt - 20;
      const anns = (layouts[k].annotations as { x: number; y: number; text: string; xanchor: string; font: { size: number } }[]).filter((a) => a.y === 0);
      const boxes = anns
        .map((a) => {
          const w = textWidthPx(a.text, a.font.size) / paper;
          const x0 = a.xanchor === 'left' ? a.x : a.xanchor === 'right' ? a.x - w : a.x - w / 2;
          return [x0, x0 + w] as const;
        })
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `${def.name} column ${i}`).toBeGreaterThanOrEqual(boxes[i - 1][1]);
      const domain = (layouts[k].xaxis as { domain: number[] }).domain;
      const textEnd = Math.max(...boxes.filter((b) => b[0] < domain[0]).map((b) => b[1]));
      expect(textEnd).toBeLessThanOrEqual(domain[0]);
      expect(domain[1] - domain[0]).toBeGreaterThanOrEqual(def.minSpine - 0.02);
    });
  });
  it('measures text with DejaVu Sans advance widths (digits 0.637 em, comma and point 0.318 em), the widest fallback font', () => {
    expect(textWidthPx('192,396', 10)).toBeCloseTo(10 * (6 * 0.637 + 0.318), 1);
    expect(wrapToWidth('Life expectancy at birth (males)', 120, 10)).toBe('Life expectancy at<br>birth (males)');
    expect(textWidthPx('<b>West</b><br>Midlands', 10)).toBeGreaterThan(textWidthPx('West', 10));
  });
});
