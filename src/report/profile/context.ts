/**
 * What every section builder receives: the place, its indicators (place, region, England and the
 * peers' range, from one calculation), the suppression rule, and number formatting for sentences.
 */
import type { SuppressionRule } from '../types.js';
import { resolveSuppressionRule, isSuppressedCount } from '../suppression.js';
import { indicatorSet, placeIndicator, type PlaceIndicator } from './indicators.js';
import { placeDisplayName, type ProfilePlace } from './place.js';
import type { PlaceProfileOptions } from './types.js';
import { roundHalfAway } from '../../core/rounding.js';

/** Inputs shared by the section builders. */
export interface SectionContext {
  place: ProfilePlace;
  /** Short display name ("Herefordshire"). */
  name: string;
  /** Region's display name, e.g. "West Midlands" (null when none). */
  regionName: string | null;
  indicators: Map<string, PlaceIndicator>;
  rule: Required<SuppressionRule>;
  options: PlaceProfileOptions;
}

/** Build the context for a place (indicators computed once per process per level). */
export function sectionContext(place: ProfilePlace, options: PlaceProfileOptions): SectionContext {
  const set = indicatorSet(place.level);
  const indicators = new Map<string, PlaceIndicator>();
  for (const [id, r] of set) indicators.set(id, placeIndicator(r, place.code, place.region?.code ?? null));
  return {
    place,
    name: placeDisplayName(place.name),
    regionName: place.region ? place.region.name : null,
    indicators,
    rule: resolveSuppressionRule(options.suppression),
    options,
  };
}

/** Get an indicator or fail loudly (a missing id is a programming error). */
export function ind(ctx: SectionContext, id: string): PlaceIndicator {
  const i = ctx.indicators.get(id);
  if (!i) throw new Error(`profile: no indicator "${id}"`);
  return i;
}

/** A number with fixed decimals and thousands separators, or "not available". */
export function num(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not available';
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A whole number with thousands separators. */
export function int(value: number | null | undefined): string {
  return num(value === null || value === undefined ? value : roundHalfAway(value), 0);
}

/** A count for narrative text: the suppression marker when the rule suppresses it. */
export function countText(ctx: SectionContext, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'not available';
  const r = roundHalfAway(value);
  return isSuppressedCount(r, ctx.rule) ? `fewer than ${ctx.rule.threshold}` : int(r);
}

/** "76.5 to 77.9" for a 95% interval. */
export function ciText(lower: number | null, upper: number | null, decimals = 1): string {
  if (lower === null || upper === null) return 'no confidence interval';
  return `95% CI ${num(lower, decimals)} to ${num(upper, decimals)}`;
}

/** Lower-case comparison wording: "worse than England", "similar to England", "not compared with England". */
export function comparisonWords(label: string, comparator: string): string {
  switch (label) {
    case 'Better':
    case 'Worse':
    case 'Higher':
    case 'Lower':
      return `${label.toLowerCase()} than ${comparator}`;
    case 'Best':
    case 'Worst':
    case 'Highest':
    case 'Lowest':
      return `${label.toLowerCase()} (beyond the 99.8% limits) compared with ${comparator}`;
    case 'Similar':
      return `similar to ${comparator}`;
    default:
      return `not compared with ${comparator}`;
  }
}
