import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseGeoJson,
  readGeoJson,
  readBoundaries,
  pointInPolygon,
  pointInRing,
  polygonCentroid,
  polygonArea,
  bbox,
  featuresContaining,
  type PolygonGeometry,
  type MultiPolygonGeometry,
} from './geojson.js';
import { InputError } from '../core/errors.js';

// a 10×10 square with a 2×2 hole in the middle, and a separate unit square far away
const square: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};
const multi: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    square.coordinates,
    [
      [
        [20, 20],
        [21, 20],
        [21, 21],
        [20, 21],
        [20, 20],
      ],
    ],
  ],
};

describe('point in polygon', () => {
  it('is inside the outer ring and outside holes', () => {
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([5, 5], square)).toBe(false); // in the hole
    expect(pointInPolygon([4.5, 7], square)).toBe(true);
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([-0.1, 5], square)).toBe(false);
  });
  it('handles MultiPolygons', () => {
    expect(pointInPolygon([20.5, 20.5], multi)).toBe(true);
    expect(pointInPolygon([5, 5], multi)).toBe(false);
    expect(pointInPolygon([15, 15], multi)).toBe(false);
  });
  it('works for a concave ring whatever its winding', () => {
    const l = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    expect(pointInRing([0.5, 1.5], l)).toBe(true);
    expect(pointInRing([1.5, 1.5], l)).toBe(false);
    expect(pointInRing([0.5, 1.5], [...l].reverse())).toBe(true);
  });
});

describe('centroid, area and bbox', () => {
  it('centroid of a square with a centred hole is its centre', () => {
    expect(polygonCentroid(square)).toEqual([5, 5]);
  });
  it('centroid of an L shape (two unit squares side by side plus one on top) by the shoelace formula', () => {
    // cells (0,0),(1,0),(0,1): centroid x = (0.5+1.5+0.5)/3, y = (0.5+0.5+1.5)/3
    const l: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const c = polygonCentroid(l)!;
    expect(c[0]).toBeCloseTo(2.5 / 3, 12);
    expect(c[1]).toBeCloseTo(2.5 / 3, 12);
    expect(polygonArea(l)).toBeCloseTo(3, 12);
  });
  it('area subtracts holes; multipolygon centroid is area-weighted', () => {
    expect(polygonArea(square)).toBe(96);
    const c = polygonCentroid(multi)!;
    expect(c[0]).toBeCloseTo((96 * 5 + 1 * 20.5) / 97, 12);
  });
  it('degenerate polygon has no centroid', () => {
    expect(
      polygonCentroid({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
  });
  it('bbox', () => {
    expect(bbox(multi)).toEqual([0, 0, 21, 21]);
  });
});

describe('parseGeoJson / readGeoJson', () => {
  it('rejects things that are not a FeatureCollection with a clear message', () => {
    expect(() => parseGeoJson('{', 'x.geojson')).toThrow(/x\.geojson: not valid JSON/);
    expect(() => parseGeoJson('{"type":"Feature"}', 'x.geojson')).toThrow(/expected a GeoJSON FeatureCollection, found type "Feature"/);
    expect(() => parseGeoJson('{"type":"FeatureCollection"}', 'x')).toThrow(InputError);
    expect(() =>
      parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[1,2]]}}]}', 'x'),
    ).toThrow(/feature 1: Polygon coordinates/);
  });
  it('reads the same collection from plain and gzipped files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-geojson-'));
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { X11CD: 'A1', X11NM: 'Alpha', LONG: 1, LAT: 1 }, geometry: square }] };
    writeFileSync(join(dir, 'a.geojson'), '\ufeff' + JSON.stringify(fc));
    writeFileSync(join(dir, 'a.geojson.gz'), gzipSync(JSON.stringify(fc)));
    expect(readGeoJson(join(dir, 'a.geojson'))).toEqual(readGeoJson(join(dir, 'a.geojson.gz')));
    const b = readBoundaries('lad', { files: [join(dir, 'a.geojson')] });
    expect(b[0]).toMatchObject({ code: 'A1', name: 'Alpha', point: [1, 1] });
    expect(() => readBoundaries('lad', { files: [join(dir, 'a.geojson')], codes: ['ZZ'] })).toThrow(/no lad boundary for code ZZ/);
  });
});

describe('bundled boundaries (real ONS data)', () => {
  it('has 42 ICBs, 106 sub-ICB locations, 9 regions and the bundled LSOAs', () => {
    expect(readBoundaries('icb')).toHaveLength(42);
    expect(readBoundaries('sicbl')).toHaveLength(106);
    expect(readBoundaries('region')).toHaveLength(9);
    expect(readBoundaries('lsoa')).toHaveLength(1680 + 116 + 364);
  });
  it('filters by code and normalises code/name', () => {
    const [bc] = readBoundaries('icb', { codes: ['E54000062'] });
    expect(bc.name).toBe('NHS Black Country Integrated Care Board');
    const [worcs] = readBoundaries('utla', { codes: ['E10000034'] });
    expect(worcs.name).toBe('Worcestershire');
  });
  it("locates Sandwell's ONS label point in the Black Country ICB and the West Midlands region", () => {
    const [sandwell] = readBoundaries('lad', { codes: ['E08000028'] });
    expect(featuresContaining(sandwell.point!, readBoundaries('icb')).map((f) => f.code)).toEqual(['E54000062']);
    expect(featuresContaining(sandwell.point!, readBoundaries('region')).map((f) => f.code)).toEqual(['E12000005']);
  });
  it('computed centroid of Herefordshire lies inside it, close to the ONS label point', () => {
    const [h] = readBoundaries('lad', { codes: ['E06000019'] });
    const c = polygonCentroid(h.geometry)!;
    expect(pointInPolygon(c, h.geometry)).toBe(true);
    expect(Math.abs(c[0] - h.point![0])).toBeLessThan(0.1);
    expect(Math.abs(c[1] - h.point![1])).toBeLessThan(0.1);
  });
});
