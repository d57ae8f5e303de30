/**
 * Core20PLUS5 "PLUS" groups by ethnicity: the ethnic composition of a place and of its Core20
 * neighbourhoods, from Census 2021 TS021 (ethnic group, usual residents) by LSOA 2021 and IMD 2025
 * deciles: how many people of each group live in the place, how many of them in Core20, and the
 * share of each group living in Core20, beside England.
 *
 * For each group g in a place P: population_g = Σ_{LSOA ∈ P} n_g; core20_g = Σ_{LSOA ∈ P, IMD 2025
 * decile 1-2} n_g; share_in_core20_g = core20_g / population_g; composition_g = population_g /
 * Σ_g population_g; core20_composition_g = core20_g / Σ_g core20_g. Census counts carry ONS's
 * small perturbation (group sums can differ from a total by a few people).
 *
 * Reference: NHS England, Core20PLUS5 (PLUS: population groups experiencing poorer access and
 * outcomes, including ethnic minority communities); ONS Census 2021 TS021; MHCLG IoD2025 File 1.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { readCensus2021EthnicityLsoa, ETHNIC_GROUPS_BROAD, ETHNIC_GROUPS_DETAILED, CENSUS2021_DENOMINATOR, type EthnicGroup } from '../io/census2021.js';
import { HealthgapError } from '../core/errors.js';
import { formatFixed, roundHalfAway } from '../core/rounding.js';
import { lsoasForPlace } from '../geography/successors.js';
import { imdDecilesByLsoa, isCore20Decile } from './core20.js';

/** One ethnic group of a place, from {@link plusEthnicity}. */
export interface EthnicityRow {
  group: string;
  label: string;
  broad: string;
  population: number;
  /** population / all residents of the place (0-1). */
  composition: number | null;
  core20_population: number;
  /** core20_population / population: the share of the group living in Core20 (0-1). */
  share_in_core20: number | null;
  /** core20_population / all Core20 residents of the place (0-1). */
  core20_composition: number | null;
  /** England's share of the group living in Core20 (0-1). */
  england_share_in_core20: number | null;
}

/** The PLUS ethnicity summary of a place. */
export interface PlusEthnicity {
  area_code: string;
  area_name: string;
  /** `broad` (5 groups) or `detailed` (19 groups). */
  detail: 'broad' | 'detailed';
  /** All usual residents (TS021 total) and those in Core20 LSOAs. */
  population: number;
  core20_population: number;
  /** Residents of all groups other than White (broad), and of those in Core20. */
  ethnic_minority_population: number;
  ethnic_minority_core20_population: number;
  rows: EthnicityRow[];
  imd: 2025;
  denominator: string;
  notes: string[];
}

interface EthData {
  row: Map<string, number>;
  total: Float64Array;
  groups: Map<string, Float64Array>;
}
let eth: EthData | null = null;

function ethnicity(): EthData {
  if (eth) return eth;
  const t = readCensus2021EthnicityLsoa();
  const codes = t.array('lsoa21_code') as string[];
  const row = new Map<string, number>();
  codes.forEach((c, i) => row.set(c, i));
  const groups = new Map<string, Float64Array>();
  for (const g of [...ETHNIC_GROUPS_BROAD, ...ETHNIC_GROUPS_DETAILED]) groups.set(g.name, Float64Array.from(t.array(g.name) as number[]));
  eth = { row, total: Float64Array.from(t.array('all_usual_residents') as number[]), groups };
  return eth;
}

function sums(
  lsoas: readonly string[],
  groups: readonly EthnicGroup[],
  weights?: ReadonlyMap<string, number>,
): { total: number; core: number; g: Map<string, [number, number]> } {
  const e = ethnicity();
  const dec = imdDecilesByLsoa(2025);
  let total = 0;
  let core = 0;
  const g = new Map<string, [number, number]>(groups.map((x) => [x.name, [0, 0]]));
  for (const l of lsoas) {
    const i = e.row.get(l);
    if (i === undefined) throw new HealthgapError(`LSOA 2021 ${l} has no Census 2021 ethnic group counts`);
    const c = isCore20Decile(dec.get(l));
    const w = weights?.get(l) ?? 1;
    total += w * e.total[i];
    if (c) core += w * e.total[i];
    for (const x of groups) {
      const v = w * e.groups.get(x.name)![i];
      const s = g.get(x.name)!;
      s[0] += v;
      if (c) s[1] += v;
    }
  }
  return { total, core, g };
}

let englandCache: Map<string, number | null> | null = null;

function englandShares(): Map<string, number | null> {
  if (englandCache) return englandCache;
  const all = [...ethnicity().row.keys()];
  const s = sums(all, [...ETHNIC_GROUPS_BROAD, ...ETHNIC_GROUPS_DETAILED]);
  englandCache = new Map([...s.g].map(([k, [p, c]]) => [k, p > 0 ? c / p : null]));
  englandCache.set('all', s.total > 0 ? s.core / s.total : null);
  return englandCache;
}

/**
 * An area given by its LSOAs 2021 (a neighbourhood): optional `weights` (0-1 per LSOA, default 1)
 * count a share of each LSOA's residents, as for a PCN apportioned by registered patients.
 */
export interface LsoaArea {
  lsoas: readonly string[];
  name?: string;
  code?: string;
  weights?: ReadonlyMap<string, number>;
  /** Notes carried into the result (how the area was made). */
  notes?: readonly string[];
}

/**
 * Ethnic groups of a place and of its Core20 (IMD 2025) neighbourhoods, from Census 2021 TS021 by
 * LSOA 2021: for each of the 5 broad groups (default) or 19 detailed groups, residents, their share
 * of the place, residents in Core20, the share of the group living in Core20 and England's share.
 * The place is a name or code, or an area given by its LSOAs 2021 ({@link LsoaArea}: a ward, the
 * analyst's list, a PCN's apportioned residents), where each group count is Σ weight × count.
 *
 * @example plusEthnicity('Sandwell').rows.find((r) => r.group === 'asian')?.share_in_core20
 * @example plusEthnicity({ lsoas: ['E01009935', 'E01009936'], name: 'Two LSOAs' }).population
 */
export function plusEthnicity(place: string | LsoaArea, options: { detail?: 'broad' | 'detailed' } = {}): PlusEthnicity {
  const detail = options.detail ?? 'broad';
  const groups = detail === 'broad' ? ETHNIC_GROUPS_BROAD : ETHNIC_GROUPS_DETAILED;
  const found =
    typeof place === 'string'
      ? lsoasForPlace(place, '2024')
      : {
          lsoas: [...place.lsoas],
          area: { code: place.code ?? 'lsoa-list', name: place.name ?? `${place.lsoas.length} LSOAs`, level: 'lsoa' as const, successor: undefined },
          note: place.notes?.join(' ') || null,
        };
  const s = sums(found.lsoas, [...ETHNIC_GROUPS_BROAD, ...groups.filter((g) => g.broad !== g.name)], typeof place === 'string' ? undefined : place.weights);
  const groupTotal = groups.reduce((a, x) => a + s.g.get(x.name)![0], 0);
  const groupCore = groups.reduce((a, x) => a + s.g.get(x.name)![1], 0);
  const eng = englandShares();
  const rows: EthnicityRow[] = groups.map((x) => {
    const [p, c] = s.g.get(x.name)!;
    return {
      group: x.name,
      label: x.label,
      broad: x.broad,
      population: p,
      composition: groupTotal > 0 ? p / groupTotal : null,
      core20_population: c,
      share_in_core20: p > 0 ? c / p : null,
      core20_composition: groupCore > 0 ? c / groupCore : null,
      england_share_in_core20: eng.get(x.name) ?? null,
    };
  });
  const white = s.g.get('white')!;
  const notes = [
    'Ethnic group: Census 2021 TS021 (ONS), usual residents by LSOA 2021; Core20 = LSOAs 2021 in national IMD 2025 deciles 1-2.',
    "Census counts carry ONS's small random adjustments: group sums can differ from the all-residents total by a few people.",
    '"Ethnic minority" here means every group other than the broad White group (it includes White minorities only through that group: see the detailed groups for White Irish, Gypsy or Irish Traveller, Roma and Other White).',
  ];
  if (found.note) notes.push(found.note);
  if (found.area.successor) notes.push(found.area.successor.note);
  return {
    area_code: found.area.code,
    area_name: found.area.name,
    detail,
    population: s.total,
    core20_population: s.core,
    ethnic_minority_population: s.total - white[0],
    ethnic_minority_core20_population: s.core - white[1],
    rows,
    imd: 2025,
    denominator: `${CENSUS2021_DENOMINATOR}, TS021 ethnic group by LSOA 2021`,
    notes,
  };
}

/** The rows of a {@link PlusEthnicity} as a table (one row per group). */
export function plusEthnicityTable(p: PlusEthnicity): ColumnTable {
  return aq.from(p.rows);
}

const int = (x: number) => roundHalfAway(x).toLocaleString('en-GB');
const pct = (x: number | null) => (x === null ? 'not available' : `${formatFixed(x * 100, 1)}%`);

/**
 * Sentences describing a {@link PlusEthnicity}, every number from the calculation.
 *
 * @example plusEthnicityNarrative(plusEthnicity('Sandwell'))
 */
export function plusEthnicityNarrative(p: PlusEthnicity): string[] {
  const out = [
    `${int(p.ethnic_minority_population)} of ${int(p.population)} residents of ${p.area_name} (${pct(p.population > 0 ? p.ethnic_minority_population / p.population : null)}) belong to ethnic groups other than White (Census 2021); ${int(p.ethnic_minority_core20_population)} of them live in Core20 neighbourhoods (IMD 2025), ${pct(p.ethnic_minority_population > 0 ? p.ethnic_minority_core20_population / p.ethnic_minority_population : null)} against ${pct(p.population - p.ethnic_minority_population > 0 ? (p.core20_population - p.ethnic_minority_core20_population) / (p.population - p.ethnic_minority_population) : null)} of White residents.`,
  ];
  const ranked = p.rows.filter((r) => r.population >= 100 && r.share_in_core20 !== null).sort((a, b) => b.share_in_core20! - a.share_in_core20!);
  if (ranked.length) {
    const top = ranked[0];
    out.push(
      `The group most concentrated in Core20 is ${top.label}: ${pct(top.share_in_core20)} of its ${int(top.population)} residents live there (England: ${pct(top.england_share_in_core20)}).`,
    );
  }
  return out;
}
