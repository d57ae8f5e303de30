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
  /**
   * Technical details a section found for this place that belong in the methods appendix rather
   * than the body (e.g. the practice funnel's dispersion ratio), keyed by appendix entry.
   */
  methodNotes?: Map<string, string>;
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
    methodNotes: new Map(),
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

/**
 * A percentage for sentences: "60.3%", or "not available" (never "not available%").
 * @example pct(60.29) // '60.3%'
 */
export function pct(value: number | null | undefined, decimals = 1): string {
  const t = num(value, decimals);
  return t === 'not available' ? t : `${t}%`;
}

/**
 * A large estimate for sentences, without false precision: three significant figures with
 * "about" ("about 66,500"); below 1,000 the whole number ("about 940").
 * @example about(66529) // 'about 66,500'
 */
export function about(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not available';
  const r = Math.abs(value) < 1000 ? Math.round(value) : Number(value.toPrecision(3));
  return `about ${int(r)}`;
}

/**
 * Decimal places at which gaps computed from unrounded values agree with the rounded values shown:
 * 1 when, for every pair, the rounded difference equals the difference of the rounded values
 * (79.64 and 77.22: 79.6 − 77.2 = 2.4 = round(2.42)); otherwise 2 (79.66 and 77.24: 79.7 − 77.2 =
 * 2.5 but round(2.42) = 2.4, so both values and the gap are shown to 2 decimals).
 * @example gapDecimals([[79.66, 77.24]]) // 2
 */
export function gapDecimals(pairs: readonly (readonly [number | null | undefined, number | null | undefined])[]): number {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  for (const [a, b] of pairs) {
    if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (Math.abs(Math.abs(r1(a) - r1(b)) - Math.abs(r1(a - b))) > 1e-9) return 2;
  }
  return 1;
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
