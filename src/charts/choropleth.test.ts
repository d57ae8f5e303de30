import { contrastRatio, hexToRgb, relativeLuminance } from './theme.js';
import { describe, expect, it } from 'vitest';
import { choroplethChart, classBreaks, featureCentroid, imdDecileCategories, roundRing, type GeoFeatureCollection } from './choropleth.js';

const square = (code: string, x0: number, y0: number) => ({
  type: 'Feature' as const,
  properties: { CODE: code, NAME: `Area ${code}` },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x0, y0],
        [x0 + 0.01, y0],
        [x0 + 0.01, y0 + 0.01],
        [x0, y0 + 0.01],
        [x0, y0],
      ],
    ],
  },
});
const gj: GeoFeatureCollection = { type: 'FeatureCollection', features: [square('A', -2, 52.5), square('B', -1.99, 52.5), square('C', -1.98, 52.5)] };

describe('choropleth helpers', () => {
  it('rounds rings and drops duplicate points', () => {
    expect(
      roundRing(
        [
          [0.123456, 1],
          [0.123461, 1],
          [1, 1],
          [1, 2],
          [0.123456, 1],
        ],
        4,
      ),
    ).toEqual([
      [0.1235, 1],
      [1, 1],
      [1, 2],
      [0.1235, 1],
    ]);
    expect(
      roundRing(
        [
          [0, 0],
          [0.00001, 0],
          [0, 0.00001],
          [0, 0],
        ],
        4,
      ),
    ).toBeNull();
  });
  it('finds polygon centroids and class breaks', () => {
    const c = featureCentroid(gj.features[0])!;
    expect(c[0]).toBeCloseTo(-1.995, 10);
    expect(c[1]).toBeCloseTo(52.505, 10);
    expect(classBreaks([1, 2, 3, 4, 5], 2, 'equal')).toEqual([3]);
    expect(classBreaks([1, 2, 3, 4, 5], 4, 'quantile')).toEqual([2, 3, 4]);
  });
});

describe('choroplethChart', () => {
  it('categorical: one polygon trace per category present, no-data trace, hover trace', () => {
    const spec = choroplethChart(
      gj,
      [
        { code: 'A', value: 1 },
        { code: 'B', value: 10 },
        { code: 'Z', value: 3 },
      ],
      {
        title: 'IMD',
        idProperty: 'CODE',
        nameProperty: 'NAME',
        legendTitle: 'IMD 2019 decile',
        categories: imdDecileCategories(),
        areaLabel: 'LSOAs',
      },
    );
    expect(spec.figure.data.map((t) => t.name)).toEqual(['1 (most deprived)', '10 (least deprived)', 'No data', 'Area details']);
    expect(spec.figure.data[0].fillcolor).toBe('#440456');
    expect(spec.figure.data[0].x).toEqual([-2, -1.99, -1.99, -2, -2]);
    expect(spec.notes[0]).toContain('1 value with no boundary (e.g. Z)');
    expect(spec.alt).toContain('Map of 3 LSOAs coloured by IMD 2019 decile.');
    expect(spec.alt).toContain('1 LSOAs have no data');
    expect(spec.table.rows).toEqual([
      ['A', 'Area A', '1 (most deprived)'],
      ['B', 'Area B', '10 (least deprived)'],
      ['Z', null, '3'],
    ]);
    expect((spec.figure.data[3].hovertext as string[])[0]).toBe('Area A (A)<br>IMD 2019 decile: 1 (most deprived)');
    expect(JSON.stringify(spec.figure)).not.toContain('geo');
  });
  it('continuous: classed polygons and a colour bar with a title', () => {
    const spec = choroplethChart(
      gj,
      [
        { code: 'A', value: 10 },
        { code: 'B', value: 20 },
        { code: 'C', value: 40 },
      ],
      {
        title: 'Rate',
        idProperty: 'CODE',
        legendTitle: 'Rate per 100,000',
        classes: 2,
        breaks: 'equal',
      },
    );
    const hover = spec.figure.data[spec.figure.data.length - 1];
    const marker = hover.marker as { showscale: boolean; colorbar: { title: { text: string } }; colorscale: [number, string][] };
    expect(marker.showscale).toBe(true);
    expect(marker.colorbar.title.text).toBe('Rate per 100,000');
    expect(marker.colorscale).toEqual([
      [0, '#440154'],
      [0.5, '#440154'],
      [0.5, '#fde725'],
      [1, '#fde725'],
    ]);
    expect(spec.figure.data.map((t) => t.name)).toEqual(['10.0 to 25.0', '25.0 to 40.0', 'Area details']);
    expect(spec.alt).toContain('Values range from 10.0 (A) to 40.0 (C); the median is 20.0.');
  });
});

describe('deprivation map: palette, Core20 outline, place outlines and labels', () => {
  it('gives deciles 1 and 2 clearly different lightness (also in greyscale), and every decile lighter than the one before', () => {
    const cats = imdDecileCategories();
    const lum = cats.map((c) => relativeLuminance(c.colour));
    // WCAG contrast (L1 + 0.05) / (L2 + 0.05) between deciles 1 and 2: 1.86 (evenly spaced viridis: 1.33).
    expect(contrastRatio(cats[0].colour, cats[1].colour)).toBeGreaterThan(1.8);
    for (let i = 1; i < 10; i++) expect(lum[i]).toBeGreaterThan(lum[i - 1]);
    // Greyscale (Rec. 709 luma of the sRGB values): decile 2 at least 25 of 255 levels lighter than decile 1.
    const grey = (hex: string) => {
      const [r, g, b] = hexToRgb(hex);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(grey(cats[1].colour) - grey(cats[0].colour)).toBeGreaterThan(25);
  });
  it('outlines the Core20 areas, draws the places over the map with their names', () => {
    const places = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { code: 'P1', name: 'Place One' },
          geometry: {
            type: 'Polygon' as const,
            coordinates: [
              [
                [-2.1, 52],
                [-1.9, 52],
                [-1.9, 52.2],
                [-2.1, 52.2],
                [-2.1, 52],
              ],
            ],
          },
        },
      ],
    };
    const spec = choroplethChart(
      gj,
      [
        { code: 'A', value: 1 },
        { code: 'B', value: 2 },
        { code: 'C', value: 7 },
      ],
      {
        title: 'IMD',
        idProperty: 'CODE',
        legendTitle: 'IMD 2019 decile',
        categories: imdDecileCategories(),
        outlineCategories: [1, 2],
        outlineLabel: 'Core20 (deciles 1-2)',
        overlay: { geojson: places, nameProperty: 'name', legend: 'Places' },
      },
    );
    const names = spec.figure.data.map((t) => t.name);
    expect(names).toEqual(['1 (most deprived)', '2', '7', 'Core20 (deciles 1-2)', 'Places', 'Place names', 'Area details']);
    const outline = spec.figure.data[3];
    expect(outline.fill).toBeUndefined();
    expect((outline.x as (number | null)[]).filter((x) => x === null)).toHaveLength(1); // two rings (A and B), one gap
    expect(spec.figure.data[5].text).toEqual(['<b>Place One</b>']);
    expect(spec.figure.data[5].x).toEqual([-2]);
    expect(spec.alt).toContain('Core20 (deciles 1-2): black outline. Places: Place One.');
  });
});
