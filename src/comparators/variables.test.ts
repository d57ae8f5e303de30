/**
 * The bundled comparator variables on real data, and the spherical area behind density.
 * Independent checks: a 1° × 1° cell at the equator has area R²·(π/180)·sin 1° =
 * 12363.718145180046 km² (Python, R = 6371008.8 m); Census 2021 England usual residents summed
 * over the bundled LSOA table = 56,489,608 (data/SOURCES.md); Sandwell 341,821 residents on about
 * 86 km² (ONS: Sandwell's density is about 4,000 per km²); Herefordshire about 86 per km²
 * (2,180 km²); IoD2025 File 10 average IMD scores: Sandwell 33.772, Herefordshire 18.762.
 */
import { describe, expect, it } from 'vitest';
import { comparatorVariables, sphericalAreaKm2, DEFAULT_COMPARATOR_VARIABLES } from './variables.js';

describe('sphericalAreaKm2', () => {
  it('gives the exact area of a latitude-longitude cell, holes subtracted', () => {
    expect(
      sphericalAreaKm2({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBeCloseTo(12363.718145180046, 6);
    const withHole = sphericalAreaKm2({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
        [
          [0, 0],
          [0, 0.5],
          [0.5, 0.5],
          [0.5, 0],
          [0, 0],
        ],
      ],
    });
    expect(withHole).toBeGreaterThan(12363.7 * 0.74);
    expect(withHole).toBeLessThan(12363.7 * 0.76);
  });
});

describe('comparatorVariables', () => {
  it('covers every district, upper-tier authority and ICB with every default variable', () => {
    for (const [level, count] of [
      ['lad', 296],
      ['utla', 153],
      ['icb', 42],
    ] as const) {
      const v = comparatorVariables(level);
      expect(v).toHaveLength(count);
      expect(v.reduce((a, x) => a + (x.values.population as number), 0)).toBe(56489608);
      for (const a of v) for (const d of DEFAULT_COMPARATOR_VARIABLES) expect(typeof a.values[d.name], `${a.code} ${d.name}`).toBe('number');
    }
    const lad = comparatorVariables('lad');
    const sandwell = lad.find((a) => a.code === 'E08000028')!;
    expect(sandwell.values.imd_score).toBe(33.772);
    expect(sandwell.values.population).toBe(341821);
    expect(sandwell.values.density as number).toBeGreaterThan(3800);
    expect(sandwell.values.density as number).toBeLessThan(4200);
    const hereford = lad.find((a) => a.code === 'E06000019')!;
    expect(hereford.values.imd_score).toBe(18.762);
    expect(hereford.values.density as number).toBeGreaterThan(80);
    expect(hereford.values.density as number).toBeLessThan(92);
    expect(hereford.values.pct_age_65_plus as number).toBeGreaterThan(25);
  });
});
