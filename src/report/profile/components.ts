/**
 * The places an area is made of, with their indicators: the four metropolitan boroughs of the
 * Black Country ICB, the counties and unitaries of a region, the districts of a two-tier county.
 * Each component's values come from the same indicator sets as every profile (computed once per
 * level), so a side-by-side view of an ICB's places agrees with each place's own profile, and the
 * ICB's own values are the aggregate of the same districts (register counts and expected counts
 * are sums over the districts' residents).
 */
import { getGeography } from '../../geography/geography.js';
import type { AreaRef } from '../../geography/levels.js';
import { indicatorSet, placeIndicator, type PlaceIndicator } from './indicators.js';
import type { ProfileLevel, ProfilePlace } from './place.js';

/** One component place and its indicators. */
export interface ProfileComponent {
  area: AreaRef;
  /** Level the component's indicators are computed and ranked at ('utla' or 'lad'). */
  level: ProfileLevel;
  indicators: Map<string, PlaceIndicator>;
}

/**
 * The whole areas a place is made of: its upper-tier authorities when every one of them lies
 * wholly inside the place (an ICB or region of whole counties and unitaries), otherwise its LAD
 * 2019 districts (a two-tier county; an ICB that splits a county). A district profile has none.
 *
 * @example placeComponents(resolveProfilePlace('E54000062')).map((a) => a.name) // ['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']
 */
export function placeComponents(place: ProfilePlace): { areas: AreaRef[]; level: 'utla' | 'lad' } {
  const g = getGeography();
  if (place.level === 'lad') return { areas: [], level: 'lad' };
  const lads = new Set(place.lads.map((l) => l.code));
  if (place.level !== 'utla') {
    const utlas = g.childrenOf(place.code, 'utla', { fromLevel: place.level });
    const whole = utlas.length > 0 && utlas.every((u) => g.childrenOf(u.code, 'lad', { fromLevel: 'utla' }).every((l) => lads.has(l.code)));
    const covered = new Set(utlas.flatMap((u) => g.childrenOf(u.code, 'lad', { fromLevel: 'utla' }).map((l) => l.code)));
    if (whole && covered.size === lads.size) return { areas: utlas, level: 'utla' };
  }
  return { areas: place.lads.length > 1 ? place.lads : [], level: 'lad' };
}

/**
 * Indicators of each component of a place (see {@link placeComponents}), compared with England
 * and ranked within the component's own level, for the ids given (default all).
 *
 * @example componentIndicators(resolveProfilePlace('E54000062'), ['le0-male', 'core20-share', 'qof-dm'])
 */
export function componentIndicators(place: ProfilePlace, ids?: readonly string[]): ProfileComponent[] {
  const { areas, level } = placeComponents(place);
  if (areas.length === 0) return [];
  const set = indicatorSet(level);
  const g = getGeography();
  return areas.map((area) => {
    const region = g.parentOf(area.code, 'region', level);
    const indicators = new Map<string, PlaceIndicator>();
    for (const [id, r] of set) if (!ids || ids.includes(id)) indicators.set(id, placeIndicator(r, area.code, region?.code ?? null));
    return { area, level, indicators };
  });
}
