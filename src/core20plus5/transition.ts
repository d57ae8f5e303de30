/**
 * The Core20 transition from IMD 2019 to IMD 2025: which neighbourhoods enter or leave Core20
 * (national IMD deciles 1-2) between the two indices, for a place, with counts of LSOAs and of
 * people and children.
 *
 * Method. IMD 2025 is on LSOA 2021 and IMD 2019 on LSOA 2011, so every LSOA 2021 of the place is
 * given its IMD 2019 status through the ONS LSOA 2011 → LSOA 2021 exact lookup:
 * - unchanged (U): the 2011 LSOA's IMD 2019 decile;
 * - split (S: one 2011 LSOA became several 2021 LSOAs): each part inherits its 2011 LSOA's decile
 *   (exact: the part lies wholly inside it);
 * - merged (M: several 2011 LSOAs became one) and irregular (X: redrawn, many-to-many): the
 *   2021 LSOA was Core20 in 2019 if all its 2011 LSOAs were, not Core20 if none was, and
 *   "partly Core20" otherwise (reported apart, never split by guesswork).
 * Each LSOA 2021 is then `stayed` (Core20 in both), `entered` (not in 2019, in 2025), `left` (in
 * 2019, not in 2025), `never`, or `partly-entered`/`partly-left` for partly Core20 in 2019. People
 * and children 0-15 are Census 2021 usual residents of the LSOA 2021 (the same denominator for both
 * years, so the change is the change of the index, not of the population).
 *
 * Reference: MHCLG, English Indices of Deprivation 2019 and 2025 (File 1, published deciles);
 * ONS, LSOA (2011) to LSOA (2021) exact-fit lookup; ONS Census 2021.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { readLsoa11Lsoa21, type LsoaChangeCode } from '../io/lookups2021.js';
import { HealthgapError } from '../core/errors.js';
import { roundHalfAway } from '../core/rounding.js';
import { getGeography } from '../geography/vintages.js';
import { censusAgesByLsoa } from '../geography/census.js';
import { lsoasForPlace } from '../geography/successors.js';
import { imdDecilesByLsoa, isCore20Decile, CORE20_DENOMINATOR_2025 } from './core20.js';

/** The IMD 2019 → 2025 Core20 status change of one LSOA 2021. */
export type Core20Change = 'stayed' | 'entered' | 'left' | 'never' | 'partly-entered' | 'partly-left';

/** Every change, in display order, with a label. */
export const CORE20_CHANGES: readonly { change: Core20Change; label: string }[] = [
  { change: 'stayed', label: 'Core20 on both IMD 2019 and IMD 2025' },
  { change: 'entered', label: 'entered Core20 (not Core20 on IMD 2019)' },
  { change: 'left', label: 'left Core20 (Core20 on IMD 2019, not on IMD 2025)' },
  { change: 'partly-entered', label: 'Core20 on IMD 2025, partly Core20 on IMD 2019 (merged/redrawn LSOA)' },
  { change: 'partly-left', label: 'not Core20 on IMD 2025, partly Core20 on IMD 2019 (merged/redrawn LSOA)' },
  { change: 'never', label: 'Core20 on neither' },
];

/** Counts of one change for a place. */
export interface TransitionCount {
  change: Core20Change;
  label: string;
  lsoas: number;
  population: number;
  cyp_population: number;
}

/** The Core20 transition of a place (see the module comment for the method). */
export interface Core20Transition {
  area_code: string;
  area_name: string;
  /** One row per LSOA 2021: `lsoa21cd`, `lsoa21nm`, `lsoa11cds` (its 2011 LSOAs, `;`-separated), `change_code` (U/S/M/X), `imd2019_deciles` (of those 2011 LSOAs), `core20_2019` (`yes`/`no`/`partly`), `imd2025_decile`, `core20_2025`, `change`, `population`, `cyp_population`. */
  lsoas: ColumnTable;
  /** Counts by change, in {@link CORE20_CHANGES} order. */
  counts: TransitionCount[];
  /** Core20 on IMD 2019 (LSOAs 2021 wholly Core20 in 2019) and on IMD 2025, on Census 2021 populations. */
  core20_2019: { lsoas: number; population: number; cyp_population: number };
  core20_2025: { lsoas: number; population: number; cyp_population: number };
  /** LSOAs 2021 whose 2019 status came through a split, a merge or an irregular change. */
  bridged: { split: number; merged: number; irregular: number };
  denominator: string;
  notes: string[];
}

interface Bridge {
  parents: Map<string, string[]>;
  change: Map<string, LsoaChangeCode>;
}
let bridge: Bridge | null = null;

function lsoa21Parents(): Bridge {
  if (bridge) return bridge;
  const t = readLsoa11Lsoa21();
  const a = t.array('lsoa11_code') as string[];
  const b = t.array('lsoa21_code') as string[];
  const c = t.array('change_code') as LsoaChangeCode[];
  const parents = new Map<string, string[]>();
  const change = new Map<string, LsoaChangeCode>();
  for (let i = 0; i < a.length; i++) {
    let p = parents.get(b[i]);
    if (!p) parents.set(b[i], (p = []));
    p.push(a[i]);
    // an LSOA 2021 with any irregular link is irregular; else merged beats split beats unchanged
    const prev = change.get(b[i]);
    const rank = { X: 3, M: 2, S: 1, U: 0 } as const;
    if (prev === undefined || rank[c[i]] > rank[prev]) change.set(b[i], c[i]);
  }
  bridge = { parents, change };
  return bridge;
}

/**
 * The Core20 transition from IMD 2019 to IMD 2025 for a place (any vintage; an area of the 2019
 * geography is carried to LSOA 2021 through the exact lookup, see `lsoasForPlace`).
 *
 * @example core20Transition('Sandwell').counts.find((c) => c.change === 'entered')?.lsoas
 */
export function core20Transition(place: string): Core20Transition {
  const found = lsoasForPlace(place, '2024');
  if (found.lsoas.length === 0) throw new HealthgapError(`${place}: no LSOAs 2021`);
  const g = getGeography('2024');
  const d19 = imdDecilesByLsoa(2019);
  const d25 = imdDecilesByLsoa(2025);
  const census = censusAgesByLsoa();
  const br = lsoa21Parents();
  const rows: Record<string, unknown>[] = [];
  const counts = new Map<Core20Change, TransitionCount>(CORE20_CHANGES.map((c) => [c.change, { ...c, lsoas: 0, population: 0, cyp_population: 0 }]));
  const c19 = { lsoas: 0, population: 0, cyp_population: 0 };
  const c25 = { lsoas: 0, population: 0, cyp_population: 0 };
  const bridged = { split: 0, merged: 0, irregular: 0 };
  for (const l of found.lsoas) {
    const parents = br.parents.get(l);
    if (!parents) throw new HealthgapError(`LSOA 2021 ${l} is not in the LSOA 2011 → 2021 lookup`);
    const code = br.change.get(l)!;
    if (code === 'S') bridged.split++;
    else if (code === 'M') bridged.merged++;
    else if (code === 'X') bridged.irregular++;
    const deciles = parents.map((p) => {
      const v = d19.get(p);
      if (v === undefined) throw new HealthgapError(`LSOA 2011 ${p} has no IMD 2019 decile`);
      return v;
    });
    const inCore = deciles.filter(isCore20Decile).length;
    const was: 'yes' | 'no' | 'partly' = inCore === deciles.length ? 'yes' : inCore === 0 ? 'no' : 'partly';
    const dec25 = d25.get(l)!;
    const is = isCore20Decile(dec25);
    const change: Core20Change = was === 'yes' ? (is ? 'stayed' : 'left') : was === 'no' ? (is ? 'entered' : 'never') : is ? 'partly-entered' : 'partly-left';
    const [pop, cyp] = census.get(l) ?? [NaN, NaN];
    const c = counts.get(change)!;
    c.lsoas++;
    c.population += pop;
    c.cyp_population += cyp;
    if (was === 'yes') {
      c19.lsoas++;
      c19.population += pop;
      c19.cyp_population += cyp;
    }
    if (is) {
      c25.lsoas++;
      c25.population += pop;
      c25.cyp_population += cyp;
    }
    rows.push({
      lsoa21cd: l,
      lsoa21nm: g.areaName(l, 'lsoa'),
      lsoa11cds: parents.join(';'),
      change_code: code,
      imd2019_deciles: deciles.join(';'),
      core20_2019: was,
      imd2025_decile: dec25,
      core20_2025: is,
      change,
      population: pop,
      cyp_population: cyp,
    });
  }
  const notes = [
    'IMD 2019 status of each LSOA 2021 through the ONS LSOA 2011 → LSOA 2021 exact lookup: unchanged and split LSOAs take their 2011 LSOA\'s IMD 2019 decile; merged and redrawn (irregular) LSOAs are Core20 in 2019 only if all their 2011 LSOAs were, and "partly Core20" when some were.',
    `LSOAs 2021 of this place reached through a split: ${bridged.split}, a merge: ${bridged.merged}, an irregular change: ${bridged.irregular}.`,
    'People and children are Census 2021 usual residents of each LSOA 2021 in both years, so the change shows the change of the index, not of the population. IMD 2019 Core20 counts here can differ slightly from IMD 2019 counts on LSOA 2011 and mid-2015 populations.',
  ];
  if (found.note) notes.push(found.note);
  if (found.area.successor) notes.push(found.area.successor.note);
  return {
    area_code: found.area.code,
    area_name: found.area.name,
    lsoas: aq.from(rows),
    counts: [...counts.values()],
    core20_2019: c19,
    core20_2025: c25,
    bridged,
    denominator: CORE20_DENOMINATOR_2025,
    notes,
  };
}

/** The counts of a {@link Core20Transition} as a table: `change`, `label`, `lsoas`, `population`, `cyp_population`. */
export function transitionTable(t: Core20Transition): ColumnTable {
  return aq.from(t.counts.map((c) => ({ change: c.change, label: c.label, lsoas: c.lsoas, population: c.population, cyp_population: c.cyp_population })));
}

const int = (x: number) => roundHalfAway(x).toLocaleString('en-GB');

/**
 * Sentences describing a transition, every number from the calculation.
 *
 * @example transitionNarrative(core20Transition('Sandwell'))[0]
 */
export function transitionNarrative(t: Core20Transition): string[] {
  const by = new Map(t.counts.map((c) => [c.change, c]));
  const e = by.get('entered')!;
  const l = by.get('left')!;
  const pe = by.get('partly-entered')!;
  const pl = by.get('partly-left')!;
  const out = [
    `On IMD 2025, ${int(t.core20_2025.lsoas)} of ${int(t.lsoas.numRows())} LSOAs 2021 in ${t.area_name} are in Core20, home to ${int(t.core20_2025.population)} people including ${int(t.core20_2025.cyp_population)} children aged 0-15 (Census 2021); on IMD 2019 the same neighbourhoods counted ${int(t.core20_2019.lsoas)} wholly Core20 LSOAs, home to ${int(t.core20_2019.population)} people.`,
    `${int(e.lsoas)} neighbourhood${e.lsoas === 1 ? '' : 's'} entered Core20 (${int(e.population)} people, ${int(e.cyp_population)} children) and ${int(l.lsoas)} left it (${int(l.population)} people, ${int(l.cyp_population)} children)${pe.lsoas + pl.lsoas ? `; ${int(pe.lsoas + pl.lsoas)} merged or redrawn LSOA${pe.lsoas + pl.lsoas === 1 ? ' was' : 's were'} partly Core20 on IMD 2019 (${int(pe.lsoas)} of them are Core20 on IMD 2025)` : ''}.`,
  ];
  return out;
}
