/**
 * Statistical neighbours in a place profile: the place's nearest neighbours on healthgap's open
 * comparator model (src/comparators), matched to the profile's own areas (2019 local authority
 * codes, ICB 2022), and the table of the profile's indicators against the neighbour group (rank
 * among the neighbours, the neighbours' average and range).
 */
import { cachedRead } from '../../io/cache.js';
import { getGeography } from '../../geography/vintages.js';
import type { AreaRef } from '../../geography/levels.js';
import { findNeighbours, compareWithNeighbours, type PlaceNeighbours } from '../../comparators/neighbours.js';
import type { ComparatorLevel } from '../../comparators/variables.js';
import type { DataTable } from '../types.js';
import { num, type SectionContext } from './context.js';
import { indicatorSet } from './indicators.js';
import { placeDisplayName } from './place.js';

/** The neighbours of a profile place, as far as the profile's areas allow. */
export interface ProfileNeighbours {
  /** The model's result (current codes). */
  result: PlaceNeighbours;
  /** Neighbours that are areas of the profile's level (same code in the profile's geography). */
  areas: AreaRef[];
  /** Neighbours with no area of that code in the profile's geography (boundary changes since 2019). */
  unmatched: { code: string; name: string }[];
}

/** Number of neighbours a profile uses. */
export const PROFILE_NEIGHBOURS_K = 15;

/**
 * The place's statistical neighbours for its profile, or a reason why there are none (regions are
 * not in the model; a 2019 code that no longer exists cannot be placed in it).
 */
export function profileNeighbours(ctx: SectionContext): ProfileNeighbours | { problem: string } {
  const level = ctx.place.level;
  if (level === 'region') return { problem: 'statistical neighbours are defined for local authorities and ICBs, not regions' };
  return cachedRead(`profile:neighbours:${level}:${ctx.place.code}`, () => {
    let result: PlaceNeighbours;
    try {
      result = findNeighbours(ctx.place.code, { level: level as ComparatorLevel, k: PROFILE_NEIGHBOURS_K });
    } catch (e) {
      return { problem: `${ctx.name} (${ctx.place.code}) is not in the neighbour model's current areas (${(e as Error).message})` };
    }
    const known = new Map(
      getGeography()
        .areasAt(level)
        .map((a) => [a.code, a]),
    );
    const areas: AreaRef[] = [];
    const unmatched: { code: string; name: string }[] = [];
    for (const n of result.neighbours) {
      const a = known.get(n.code);
      if (a) areas.push(a);
      else unmatched.push({ code: n.code, name: n.name });
    }
    return { result, areas, unmatched };
  });
}

/** "Wolverhampton, Walsall and Stoke-on-Trent". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The profile's indicators against the neighbour group: for each indicator, the place's value,
 * its rank among the place and its neighbours (1 = highest value), and the neighbours' average,
 * lowest and highest. Null when the place has no neighbours (regions, retired codes).
 */
export function neighbourIndicatorTable(ctx: SectionContext): DataTable | null {
  const nb = profileNeighbours(ctx);
  if ('problem' in nb || nb.areas.length === 0) return null;
  const set = indicatorSet(ctx.place.level);
  const codes = nb.areas.map((a) => a.code);
  const rows = [...ctx.indicators.values()].map((p) => {
    const result = set.get(p.def.id)!;
    const values = new Map<string, number | null>([...result.peers].map(([c, v]) => [c, v.value]));
    const c = compareWithNeighbours(values, ctx.place.code, codes);
    const d = p.def.decimals;
    return {
      indicator: p.def.name,
      period: p.def.period,
      value: c.value === null ? null : num(c.value, d),
      rank: c.rank === null ? null : `${c.rank} of ${c.of}`,
      average: c.average === null ? null : num(c.average, d),
      lowest: c.min === null ? null : num(c.min, d),
      highest: c.max === null ? null : num(c.max, d),
    };
  });
  const names = nb.areas.map((a) => placeDisplayName(a.name));
  return {
    caption: `${ctx.name} and its ${nb.areas.length} statistical neighbours: rank and the neighbours' average and range`,
    printed: false,
    columns: [
      { key: 'indicator', label: 'Indicator' },
      { key: 'period', label: 'Period' },
      { key: 'value', label: ctx.name },
      { key: 'rank', label: 'Rank (1 = highest)' },
      { key: 'average', label: 'Neighbours’ average' },
      { key: 'lowest', label: 'Neighbours’ lowest' },
      { key: 'highest', label: 'Neighbours’ highest' },
    ],
    rows,
    notes: `Neighbours: ${listNames(names)} (the ${nb.areas.length} nearest on healthgap's open model: IoD2025 deprivation, Census 2021 population size, age structure and density; see docs/burden.md).${nb.unmatched.length ? ` Left out because their areas changed after 2019: ${listNames(nb.unmatched.map((u) => u.name))}.` : ''} Rank 1 is the highest value, whatever the polarity; the average is the unweighted mean of the neighbours' values.`,
  };
}
