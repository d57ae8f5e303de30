/**
 * A diagnostic, no longer used for the geography: the toolkit's ICBs come from the official ONS
 * lookups (LSOA 2011 → sub-ICB → ICB, July 2022; LSOA 2021 → sub-ICB → ICB, April 2024; see
 * docs/geography.md). This module keeps the former derivation of the ICB (April 2023) of each
 * LAD 2019 and LSOA 2011 from boundaries, to compare with the official lookup:
 *
 * 1. LAD 2019 whose area is still one LAD in May 2024 (unchanged or recoded 1:1, e.g. Barnsley
 *    E08000016 → E08000038): the ONS label point (LONG/LAT) of its May 2024 LAD boundary is
 *    located in the ICB April 2023 polygons (point in polygon).
 * 2. LAD 2019 that merged into a larger unitary authority by 2024 (Buckinghamshire,
 *    Northamptonshire, Cumbria, North Yorkshire and Somerset districts): the merged authority's
 *    point says nothing about the old district (Craven lies in West Yorkshire ICB, the rest of
 *    North Yorkshire in Humber and North Yorkshire), so the district takes the ICB that most of
 *    its LSOAs reach through CCG 2020 → sub-ICB location 2023 (same E38 code) → its ICB. Where
 *    fewer than half of its LSOAs can be followed that way, the merged authority's point is used.
 * 3. LSOAs inherit their LAD's ICB, overridden by the LSOA's own label point where LSOA
 *    boundaries are bundled (West Midlands combined authority, Herefordshire, Worcestershire).
 *
 * A cross-check (CCG route vs point for every LAD) is returned with the result.
 */
import { readBoundaries, featuresContaining, pointInPolygon, bbox, type BoundaryFeature } from '../io/geojson.js';
import { normalisePlaceName } from './names.js';

export type IcbMethod = 'lad-point' | 'ccg-majority' | 'merged-lad-point';

export interface LadIcbAssignment {
  lad19: string;
  icb: string;
  method: IcbMethod;
  /** The LAD May 2024 code whose label point was used (methods `lad-point`, `merged-lad-point`). */
  lad24: string | null;
  /** ICB reached by the CCG 2020 → sub-ICB 2023 route for most of the LAD's LSOAs (null when under half can be followed). */
  ccgRouteIcb: string | null;
  /** Share of the LAD's LSOAs that reach `ccgRouteIcb` by that route. */
  ccgRouteShare: number;
}

export interface IcbDerivation {
  icbs: { code: string; name: string }[];
  lads: Map<string, LadIcbAssignment>;
  /** LSOA code → ICB code where the LSOA's own point placed it in another ICB than its LAD's. */
  lsoaOverrides: Map<string, string>;
  /** Number of bundled LSOA points that were checked. */
  lsoaPointsChecked: number;
  /** LADs where the CCG route (when it covers most LSOAs) disagrees with the assignment. */
  disagreements: LadIcbAssignment[];
}

export interface IcbInputs {
  /** LSOA codes, with their LAD 2019 and CCG 2020 code (parallel arrays). */
  lsoa: readonly string[];
  lsoaLad: readonly string[];
  lsoaCcg: readonly string[];
  /** Old LTLA code → active (current) LAD code, from the code-history lookup. */
  activeLad: ReadonlyMap<string, string>;
  icbFeatures?: BoundaryFeature[];
  ladFeatures?: BoundaryFeature[];
  sicblFeatures?: BoundaryFeature[];
  lsoaFeatures?: BoundaryFeature[];
}

/** Derive LAD 2019 → ICB 2023 and the LSOA overrides (see the module comment for the method). */
export function deriveIcbs(input: IcbInputs): IcbDerivation {
  const icbF = input.icbFeatures ?? readBoundaries('icb');
  const ladF = input.ladFeatures ?? readBoundaries('lad');
  const sicblF = input.sicblFeatures ?? readBoundaries('sicbl');
  const lsoaF = input.lsoaFeatures ?? readBoundaries('lsoa');

  const icbByName = new Map(icbF.map((f) => [normalisePlaceName(f.name).replace(/ integrated care board$/, ''), f.code]));
  const sicblIcb = new Map<string, string>();
  for (const s of sicblF) {
    const m = normalisePlaceName(s.name).match(/^(.*) icb [a-z0-9]+$/);
    let icb = m ? icbByName.get(m[1]) : undefined;
    if (!icb && s.point) icb = featuresContaining(s.point, icbF)[0]?.code;
    if (icb) sicblIcb.set(s.code, icb);
  }

  // CCG route per LAD: counts of ICBs reached by its LSOAs
  const ladLsoaCount = new Map<string, number>();
  const ladRoute = new Map<string, Map<string, number>>();
  for (let i = 0; i < input.lsoa.length; i++) {
    const lad = input.lsoaLad[i];
    ladLsoaCount.set(lad, (ladLsoaCount.get(lad) ?? 0) + 1);
    const icb = sicblIcb.get(input.lsoaCcg[i]);
    if (!icb) continue;
    let m = ladRoute.get(lad);
    if (!m) ladRoute.set(lad, (m = new Map()));
    m.set(icb, (m.get(icb) ?? 0) + 1);
  }

  const lad24 = new Map(ladF.map((f) => [f.code, f]));
  const lad19s = [...ladLsoaCount.keys()];
  const to24 = (c: string): string | undefined => (lad24.has(c) ? c : input.activeLad.get(c));
  const predecessors = new Map<string, number>();
  for (const c of lad19s) {
    const c24 = to24(c);
    if (c24) predecessors.set(c24, (predecessors.get(c24) ?? 0) + 1);
  }
  const pointIcb = (f: BoundaryFeature | undefined): string | null => {
    if (!f || !f.point) return null;
    const hits = featuresContaining(f.point, icbF);
    return hits.length ? hits[0].code : null;
  };

  const lads = new Map<string, LadIcbAssignment>();
  const disagreements: LadIcbAssignment[] = [];
  for (const c of lad19s) {
    const c24 = to24(c) ?? null;
    const route = ladRoute.get(c);
    let routeIcb: string | null = null;
    let routeShare = 0;
    if (route) {
      for (const [icb, n] of route) {
        const share = n / (ladLsoaCount.get(c) ?? 1);
        if (share > routeShare) {
          routeShare = share;
          routeIcb = icb;
        }
      }
      if (routeShare < 0.5) routeIcb = null;
    }
    const merged = c24 !== null && (predecessors.get(c24) ?? 0) > 1;
    let icb: string | null;
    let method: IcbMethod;
    if (merged && routeIcb) {
      icb = routeIcb;
      method = 'ccg-majority';
    } else {
      icb = pointIcb(c24 ? lad24.get(c24) : undefined);
      method = merged ? 'merged-lad-point' : 'lad-point';
    }
    if (!icb) throw new Error(`geography: could not place LAD ${c} in an ICB (no May 2024 LAD boundary point inside an ICB polygon)`);
    const a: LadIcbAssignment = { lad19: c, icb, method, lad24: method === 'ccg-majority' ? null : c24, ccgRouteIcb: routeIcb, ccgRouteShare: routeShare };
    lads.set(c, a);
    if (routeIcb && routeIcb !== icb) disagreements.push(a);
  }

  const lsoaOverrides = new Map<string, string>();
  const lsoaIndex = new Map<string, number>();
  input.lsoa.forEach((c, i) => lsoaIndex.set(c, i));
  let checked = 0;
  for (const f of lsoaF) {
    const i = lsoaIndex.get(f.code);
    if (i === undefined || !f.point) continue;
    checked++;
    const hits = featuresContaining(f.point, icbF);
    const ladIcb = lads.get(input.lsoaLad[i])?.icb;
    if (hits.length === 1 && hits[0].code !== ladIcb) lsoaOverrides.set(f.code, hits[0].code);
  }

  return { icbs: icbF.map((f) => ({ code: f.code, name: f.name })), lads, lsoaOverrides, lsoaPointsChecked: checked, disagreements };
}

export interface AreaShare {
  code: string;
  name: string;
  /** ICB code → share of the area's sampled points inside it (shares sum to ≤ 1; the rest fell in no ICB). */
  shares: Map<string, number>;
}

/**
 * Diagnostic (slow, about a second): estimate how each boundary's area divides between ICBs by
 * sampling a `grid` × `grid` lattice of points over its bounding box and locating the points
 * inside it in the ICB April 2023 polygons. Used to list LADs split between ICBs in
 * docs/geography.md; not used to assign ICBs (shares of area are not shares of population).
 *
 * @example ladIcbAreaShares().filter((a) => Math.max(...a.shares.values()) < 0.9).map((a) => a.name) // ['Westmorland and Furness', 'North Yorkshire', 'Hart', ...]
 */
export function ladIcbAreaShares(options: { grid?: number; features?: BoundaryFeature[]; icbFeatures?: BoundaryFeature[] } = {}): AreaShare[] {
  const n = options.grid ?? 20;
  const icbF = options.icbFeatures ?? readBoundaries('icb');
  const feats = options.features ?? readBoundaries('lad').filter((f) => f.code.startsWith('E'));
  return feats.map((f) => {
    const [x0, y0, x1, y1] = bbox(f.geometry);
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const p = [x0 + ((i + 0.5) * (x1 - x0)) / n, y0 + ((j + 0.5) * (y1 - y0)) / n];
        if (!pointInPolygon(p, f.geometry)) continue;
        total++;
        const hit = featuresContaining(p, icbF)[0];
        if (hit) counts.set(hit.code, (counts.get(hit.code) ?? 0) + 1);
      }
    }
    const shares = new Map([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, total ? v / total : 0]));
    return { code: f.code, name: f.name, shares };
  });
}
