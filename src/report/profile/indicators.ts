/**
 * The profile's indicators: each computed once per process for every area at a level (the
 * place's peers), every region and England, with its metadata (definition, period, source,
 * method, CI method, polarity). The spine chart, the section narratives and the methods appendix
 * all read from the same {@link IndicatorSet}, so every number shown traces back to one calculation.
 */
import { cachedRead } from '../../io/cache.js';
import { getGeography } from '../../geography/vintages.js';
import { ENGLAND_CODE, type AreaRef } from '../../geography/levels.js';
import { compareToBenchmark, fingertipsQuantileBounds, type Polarity } from '../../stats/benchmark.js';
import type { MethodsEntry } from '../types.js';
import type { ProfileLevel } from './place.js';

/** One area's value of an indicator. */
export interface IndicatorValue {
  code: string;
  name: string;
  /** Numerator (events, register count); null when not applicable. */
  count: number | null;
  denominator: number | null;
  value: number | null;
  /** 95% limits (null when the indicator has no confidence interval). */
  lower: number | null;
  upper: number | null;
  /** Standard error, when the method gives one (life expectancy). */
  se?: number | null;
  /** Why the value is missing, when it is. */
  note?: string;
}

/** An indicator's definition and metadata. */
export interface IndicatorDef {
  id: string;
  /** Name as shown in the spine chart and tables. */
  name: string;
  /** Section of the profile the indicator belongs to (for grouping). */
  domain: 'Population' | 'Life expectancy and mortality' | 'Prevalence (QOF 2019-20)' | 'Core20PLUS5';
  period: string;
  /** Unit for hover text and tables ('%', 'years', 'per 100,000', 'ratio'). */
  unit: string;
  decimals: number;
  polarity: Polarity;
  /** False for context indicators with no confidence interval (shown "Not compared"). */
  compared: boolean;
  /** Whether `count` is a count of people or events (suppressed below the threshold). */
  countIsPeople: boolean;
  methods: Omit<MethodsEntry, 'indicator' | 'period'>;
  /**
   * Areas left out of England's range (the peer set) for this indicator, and why (documented in
   * the methods appendix). Default: every area at the level with a value.
   */
  peerExclude?: { codes: readonly string[]; reason: string };
}

/** An indicator's values at a level, plus every region and England. */
export interface IndicatorResult {
  def: IndicatorDef;
  /** Values of the peers (every area at the level), by code. */
  peers: Map<string, IndicatorValue>;
  regions: Map<string, IndicatorValue>;
  england: IndicatorValue;
  /** Values of the authorities created since 2019 (Cumberland, …; exact unions of their predecessors), by code: not peers. */
  successors?: Map<string, IndicatorValue>;
}

/** A provider computes one or more indicators for all areas at a level. */
export interface IndicatorProvider {
  id: string;
  /** Indicators it computes. */
  defs(): IndicatorDef[];
  /** Values for each area given (areas at one level). Missing areas are treated as no value. */
  compute(areas: readonly AreaRef[], level: ProfileLevel | 'region' | 'country'): Map<string, Map<string, IndicatorValue>>;
}

const providers: IndicatorProvider[] = [];

/**
 * Register an indicator provider (the profile's own providers register themselves in
 * `providers.ts`). Registering the same id twice replaces the first.
 */
export function registerIndicatorProvider(p: IndicatorProvider): void {
  const i = providers.findIndex((x) => x.id === p.id);
  if (i >= 0) providers[i] = p;
  else providers.push(p);
}

/** Every registered indicator, in provider order. */
export function indicatorDefs(): IndicatorDef[] {
  return providers.flatMap((p) => p.defs());
}

/** All indicators at a level (peers, regions, England), computed once per process per level. */
export function indicatorSet(level: ProfileLevel): Map<string, IndicatorResult> {
  return cachedRead(`profile:indicators:${level}:${providers.map((p) => p.id).join(',')}`, () => {
    const g = getGeography();
    const peers = g.areasAt(level);
    const regions = g.areasAt('region');
    const england: AreaRef = { code: ENGLAND_CODE, name: 'England', level: 'country' };
    const out = new Map<string, IndicatorResult>();
    // authorities created since 2019 (Cumberland, …): computed as the exact union of their 2019
    // predecessors, kept apart from the peers so that England's range does not count them twice
    const successors: AreaRef[] = g
      .successorAreas()
      .filter((s) => s.levels.includes(level))
      .map((s) => ({ code: s.area.code, name: s.area.name, level }));
    for (const p of providers) {
      const atLevel = p.compute(peers, level);
      let later = new Map<string, Map<string, IndicatorValue>>();
      try {
        if (successors.length) later = p.compute(successors, level);
      } catch {
        // a provider whose data exist only on the older codes has no value for them: shown as not available
      }
      const atRegion = level === 'region' ? atLevel : p.compute(regions, 'region');
      const atEngland = p.compute([england], 'country');
      for (const def of p.defs()) {
        const e = atEngland.get(def.id)?.get(ENGLAND_CODE) ?? missingValue(england, 'no England value');
        out.set(def.id, {
          def,
          peers: atLevel.get(def.id) ?? new Map(),
          regions: atRegion.get(def.id) ?? new Map(),
          england: e,
          successors: later.get(def.id) ?? new Map(),
        });
      }
    }
    return out;
  });
}

/** A value with nothing in it (and the reason). */
export function missingValue(area: AreaRef, note: string): IndicatorValue {
  return { code: area.code, name: area.name, count: null, denominator: null, value: null, lower: null, upper: null, note };
}

/** An indicator for one place: its value, the region's and England's, the peers' range and the comparison. */
export interface PlaceIndicator {
  def: IndicatorDef;
  place: IndicatorValue;
  region: IndicatorValue | null;
  england: IndicatorValue;
  /** England's range over the peers: [lowest, 25th percentile, median, 75th percentile, highest]; null with fewer than 4 values. */
  range: number[] | null;
  /** Number of peers with a value (in the indicator's peer set). */
  peersWithValue: number;
  /** Fingertips label against England (Better/Similar/Worse, Higher/Similar/Lower, Not compared). */
  vsEngland: string;
  /** The same against the region (null when there is no region). */
  vsRegion: string | null;
}

/**
 * The indicator as the profile shows it for one place: comparison with England (and region) by
 * Fingertips method 1 (the benchmark inside the place's 95% confidence interval → Similar,
 * otherwise Better/Worse by polarity, or Higher/Lower when there is no judgement), and England's
 * range over the peers in the indicator's documented peer set (`def.peerExclude`; Fingertips
 * spine-chart quartiles, PERCENTILE.INC).
 */
export function placeIndicator(result: IndicatorResult, placeCode: string, regionCode: string | null): PlaceIndicator {
  const { def } = result;
  const place = result.peers.get(placeCode) ??
    result.successors?.get(placeCode) ?? {
      code: placeCode,
      name: placeCode,
      count: null,
      denominator: null,
      value: null,
      lower: null,
      upper: null,
      note: 'no value for this place',
    };
  const region = regionCode ? (result.regions.get(regionCode) ?? null) : null;
  const skip = new Set(def.peerExclude?.codes ?? []);
  const values = [...result.peers.values()].filter((v) => !skip.has(v.code)).map((v) => v.value);
  const range = fingertipsQuantileBounds(values, 4);
  const cmp = (v: IndicatorValue, b: IndicatorValue | null): string => {
    if (!def.compared || !b) return 'Not compared';
    return compareToBenchmark({ value: v.value, lower95: v.lower, upper95: v.upper }, b.value, { method: 1, polarity: def.polarity }).label;
  };
  return {
    def,
    place,
    region,
    england: result.england,
    range,
    peersWithValue: values.filter((v) => v !== null && Number.isFinite(v)).length,
    vsEngland: cmp(place, result.england),
    vsRegion: region ? cmp(place, region) : null,
  };
}

/**
 * The indicator's peer set in words, for the methods appendix and chart notes:
 * "the 149 upper-tier local authorities …, leaving out City of London and Isles of Scilly (…)".
 */
export function peerSetText(result: IndicatorResult, peerNames: string): string {
  const ex = result.def.peerExclude;
  const present = ex ? ex.codes.filter((c) => result.peers.has(c)) : [];
  const n = [...result.peers.values()].filter((v) => !present.includes(v.code) && v.value !== null && Number.isFinite(v.value)).length;
  const names = present.map((c) => result.peers.get(c)!.name);
  return `the ${n} ${peerNames} with a value${names.length && ex ? `, leaving out ${names.join(' and ')} (${ex.reason})` : ''}`;
}
