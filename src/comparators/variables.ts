/**
 * The default comparator variables healthgap builds from its bundled open data, for local
 * authority districts (LAD 2024), upper-tier authorities (UTLA 2023) and ICBs (2024):
 * deprivation (IoD2025 IMD and domain scores), population size and age structure (Census 2021)
 * and population density (Census 2021 residents over the area of the ONS boundaries).
 */
import { readImd2025, readImd2025LadSummary, readImd2025IcbSummary } from '../io/imd2025.js';
import { readCensus2021AgeLsoa } from '../io/census2021.js';
import { readLad23Utla23, readLsoa21Icb2024 } from '../io/lookups2021.js';
import { readBoundaries, type BoundaryLevel, type MultiPolygonGeometry, type PolygonGeometry } from '../io/geojson.js';
import { cachedRead } from '../io/cache.js';
import { HealthgapError } from '../core/errors.js';
import type { AreaVariables } from './model.js';

/** Levels with bundled comparator variables. */
export type ComparatorLevel = 'lad' | 'utla' | 'icb';

/** A default variable: its name, what it is, its default weight and whether it is compared on the log scale. */
export interface ComparatorVariable {
  name: string;
  label: string;
  weight: number;
  log: boolean;
}

/**
 * The default variables and weights. Deprivation carries 2.75 of the 6.25 total weight (the IMD
 * score 1, each of the seven domain scores 0.25), population size 1 (log scale), age structure 1.5
 * (65 and over 1, under 16 0.5) and density 1 (log scale). See docs/burden.md for the reasoning.
 */
export const DEFAULT_COMPARATOR_VARIABLES: readonly ComparatorVariable[] = Object.freeze([
  { name: 'imd_score', label: 'IMD 2025 average score', weight: 1, log: false },
  { name: 'income', label: 'Income domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'employment', label: 'Employment domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'education', label: 'Education, skills and training domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'health', label: 'Health deprivation and disability domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'crime', label: 'Crime domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'barriers', label: 'Barriers to housing and services domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'living_environment', label: 'Living environment domain score (IoD2025)', weight: 0.25, log: false },
  { name: 'population', label: 'Usual residents, Census 2021 (log scale)', weight: 1, log: true },
  { name: 'pct_age_0_15', label: 'Percentage aged 0-15, Census 2021', weight: 0.5, log: false },
  { name: 'pct_age_65_plus', label: 'Percentage aged 65 and over, Census 2021', weight: 1, log: false },
  { name: 'density', label: 'Usual residents per km², Census 2021 over the ONS boundary area (log scale)', weight: 1, log: true },
]);

const DOMAIN_SUMMARY: Record<string, string> = {
  imd_score: 'imd_average_score',
  income: 'income_average_score',
  employment: 'employment_average_score',
  education: 'education_skills_and_training_average_score',
  health: 'health_deprivation_and_disability_average_score',
  crime: 'crime_average_score',
  barriers: 'barriers_to_housing_and_services_average_score',
  living_environment: 'living_environment_average_score',
};

const DOMAIN_LSOA: Record<string, string> = {
  imd_score: 'imd_score',
  income: 'income_score',
  employment: 'employment_score',
  education: 'education_score',
  health: 'health_score',
  crime: 'crime_score',
  barriers: 'barriers_score',
  living_environment: 'living_environment_score',
};

/** Mean Earth radius (m), IUGG. */
const EARTH_RADIUS = 6371008.8;

/**
 * Area of a GeoJSON (WGS84) Polygon or MultiPolygon in km² on a sphere, holes subtracted:
 * |Σ (λᵢ₊₁ − λᵢ)(2 + sin φᵢ + sin φᵢ₊₁)| · R²/2 per ring (Chamberlain RG, Duquette WH (2007),
 * Some algorithms for polygons on a sphere, JPL Publication 07-03).
 *
 * @example sphericalAreaKm2({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) // 12,363.7…
 */
export function sphericalAreaKm2(geometry: PolygonGeometry | MultiPolygonGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rad = Math.PI / 180;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      let s = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const [l1, p1] = ring[i];
        const [l2, p2] = ring[i + 1];
        s += (l2 - l1) * rad * (2 + Math.sin(p1 * rad) + Math.sin(p2 * rad));
      }
      const a = (Math.abs(s) * EARTH_RADIUS * EARTH_RADIUS) / 2 / 1e6;
      total += k === 0 ? a : -a;
    });
  }
  return total;
}

interface Acc {
  name: string;
  pop: number;
  age0: number;
  age65: number;
  /** population-weighted sums of LSOA scores (UTLA only) */
  scores: Record<string, number>;
  scorePop: number;
}

/** Census 2021 residents and ages summed from LSOAs to an area key. */
function accumulate(keyOf: (lsoa: string) => { code: string; name: string } | null, withScores: boolean): Map<string, Acc> {
  const census = readCensus2021AgeLsoa();
  const lsoa = census.array('lsoa21_code') as string[];
  const all = census.array('all_ages') as number[];
  const a0 = census.array('age_0_15') as number[];
  const a65 = census.array('age_65_plus') as number[];
  const scoreOf = new Map<string, Record<string, number>>();
  if (withScores) {
    const imd = readImd2025();
    const codes = imd.array('lsoa21cd') as string[];
    const cols = Object.fromEntries(Object.entries(DOMAIN_LSOA).map(([k, c]) => [k, imd.array(c) as (number | null)[]]));
    codes.forEach((c, i) => scoreOf.set(c, Object.fromEntries(Object.keys(DOMAIN_LSOA).map((k) => [k, cols[k][i] as number]))));
  }
  const out = new Map<string, Acc>();
  for (let i = 0; i < lsoa.length; i++) {
    const key = keyOf(lsoa[i]);
    if (!key) continue;
    let acc = out.get(key.code);
    if (!acc) out.set(key.code, (acc = { name: key.name, pop: 0, age0: 0, age65: 0, scores: {}, scorePop: 0 }));
    acc.pop += all[i];
    acc.age0 += a0[i];
    acc.age65 += a65[i];
    const sc = scoreOf.get(lsoa[i]);
    if (sc) {
      for (const [k, v] of Object.entries(sc)) acc.scores[k] = (acc.scores[k] ?? 0) + v * all[i];
      acc.scorePop += all[i];
    }
  }
  return out;
}

function areaByCode(level: BoundaryLevel): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of readBoundaries(level)) m.set(f.code, (m.get(f.code) ?? 0) + sphericalAreaKm2(f.geometry));
  return m;
}

/**
 * The bundled comparator variables for every area at a level (see
 * {@link DEFAULT_COMPARATOR_VARIABLES}): `lad` = the 296 LAD 2024 districts of England, `utla` =
 * the 153 upper-tier authorities of 2023 (districts added up), `icb` = the 42 ICBs of 2024.
 * Deprivation scores are MHCLG's published IoD2025 average scores (Files 10 and 13) for districts
 * and ICBs, and the Census 2021 population-weighted mean of the LSOA scores for upper-tier
 * authorities (MHCLG publishes no upper-tier summary for 2025). Built once per process.
 *
 * @example comparatorVariables('lad').find((a) => a.code === 'E08000028')!.values.imd_score // Sandwell, 36.9-ish
 */
export function comparatorVariables(level: ComparatorLevel): AreaVariables[] {
  if (level !== 'lad' && level !== 'utla' && level !== 'icb')
    throw new HealthgapError(`comparator variables are bundled for lad, utla and icb, not "${String(level)}"`);
  return cachedRead(`comparators:variables:${level}`, () => {
    const imd = readImd2025();
    const ladOfLsoa = new Map<string, { code: string; name: string }>();
    const lc = imd.array('lsoa21cd') as string[];
    const ld = imd.array('lad24cd') as string[];
    const ln = imd.array('lad24nm') as string[];
    lc.forEach((c, i) => ladOfLsoa.set(c, { code: ld[i], name: ln[i] }));
    let acc: Map<string, Acc>;
    let scores: Map<string, Record<string, number>> | null = null;
    let names: Map<string, string> | null = null;
    let boundary: BoundaryLevel;
    if (level === 'lad') {
      acc = accumulate((l) => ladOfLsoa.get(l) ?? null, false);
      scores = summaryScores(readImd2025LadSummary(), 'lad24');
      boundary = 'lad';
    } else if (level === 'icb') {
      const icb = readLsoa21Icb2024();
      const ic = icb.array('lsoa21_code') as string[];
      const icode = icb.array('icb24_code') as string[];
      const iname = icb.array('icb24_name') as string[];
      const m = new Map<string, { code: string; name: string }>();
      ic.forEach((c, i) => m.set(c, { code: icode[i], name: iname[i] }));
      acc = accumulate((l) => m.get(l) ?? null, false);
      const summary = readImd2025IcbSummary();
      scores = summaryScores(summary, 'icb24');
      names = new Map((summary.array('icb24_code') as string[]).map((c, i) => [c, (summary.array('icb24_name') as string[])[i]]));
      boundary = 'icb';
    } else {
      const lu = readLad23Utla23();
      const utlaOf = new Map<string, { code: string; name: string }>();
      (lu.array('lad23_code') as string[]).forEach((c, i) =>
        utlaOf.set(c, { code: (lu.array('utla23_code') as string[])[i], name: (lu.array('utla23_name') as string[])[i] }),
      );
      acc = accumulate((l) => {
        const lad = ladOfLsoa.get(l);
        return lad ? (utlaOf.get(lad.code) ?? null) : null;
      }, true);
      boundary = 'utla';
    }
    const areas = areaByCode(boundary);
    const out: AreaVariables[] = [];
    for (const [code, a] of acc) {
      if (!code.startsWith('E')) continue;
      const values: Record<string, number | null> = {};
      for (const k of Object.keys(DOMAIN_SUMMARY)) {
        if (scores) values[k] = scores.get(code)?.[k] ?? null;
        else values[k] = a.scorePop > 0 ? a.scores[k] / a.scorePop : null;
      }
      values.population = a.pop;
      values.pct_age_0_15 = a.pop > 0 ? (100 * a.age0) / a.pop : null;
      values.pct_age_65_plus = a.pop > 0 ? (100 * a.age65) / a.pop : null;
      const km2 = areas.get(code);
      values.density = km2 && km2 > 0 ? a.pop / km2 : null;
      out.push({ code, name: names?.get(code) ?? a.name, values });
    }
    return out.sort((p, q) => (p.code < q.code ? -1 : 1));
  });
}

function summaryScores(t: import('arquero').ColumnTable, prefix: 'lad24' | 'icb24'): Map<string, Record<string, number>> {
  const codes = t.array(`${prefix}_code`) as string[];
  const cols = Object.fromEntries(
    Object.entries(DOMAIN_SUMMARY).map(([k, c]) => {
      if (!t.columnNames().includes(c)) throw new HealthgapError(`IoD2025 ${prefix} summary: no column "${c}"`);
      return [k, t.array(c) as (number | null)[]];
    }),
  );
  const m = new Map<string, Record<string, number>>();
  codes.forEach((c, i) => m.set(c, Object.fromEntries(Object.keys(DOMAIN_SUMMARY).map((k) => [k, cols[k][i] as number]))));
  return m;
}
