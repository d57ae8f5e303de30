/**
 * The Core20 share of a place on every IMD bundled (IMD 2019 on LSOA 2011, IMD 2025 on LSOA 2021),
 * as a series: the share of neighbourhoods (LSOAs) and of people in national deciles 1-2, each with
 * the IMD release, LSOA vintage and population denominator it came from, and the Fingertips
 * recent-trend label.
 *
 * The two points are not a like-for-like time series: the LSOA boundaries changed in 2021, the
 * populations are different (IoD2019 File 6 mid-2015 estimates excluding prisoners against
 * Census 2021 usual residents) and the IMD is relative (20% of England's LSOAs are Core20 on each
 * index, so England stays at about 20%). Each point is therefore labelled with its vintage and
 * denominator. The shares are counts of the whole population, not samples, so they have no
 * confidence interval. The recent trend needs five points, so with two it is "Cannot be
 * calculated" (reported with the reason) rather than a change being called significant.
 */
import { recentTrend, type RecentTrendResult } from '../stats/trend.js';
import { core20Population, type Core20Place, type ImdVintage } from './core20.js';

/** One IMD vintage of a place's Core20 figures. */
export interface Core20TrendPoint {
  /** `IMD 2019` or `IMD 2025`. */
  period: string;
  imd: ImdVintage;
  /** Bundled releases the figures came from (deciles, then populations). */
  releases: string[];
  publisher: string;
  /** `LSOA 2011` or `LSOA 2021`. */
  lsoaVintage: string;
  lsoas: number;
  core20Lsoas: number;
  /** Core20 LSOAs ÷ LSOAs (0-1). */
  lsoaShare: number | null;
  population: number;
  core20Population: number;
  /** Core20 population ÷ population (0-1). */
  share: number | null;
  /** England's share of people in Core20 on the same index (0-1). */
  englandShare: number | null;
  /** What the population is. */
  denominator: string;
}

/** The result of {@link core20Trend}. */
export interface Core20Trend {
  area_code: string;
  area_name: string;
  points: Core20TrendPoint[];
  /** Fingertips recent trend of the share of people (chi-squared test for trend, no polarity). */
  trend: RecentTrendResult;
  notes: string[];
}

const VINTAGES: readonly ImdVintage[] = [2019, 2025];

const SOURCES: Record<ImdVintage, { releases: string[]; lsoa: string }> = {
  2019: { releases: ['imd2019-file1', 'imd2019-file6'], lsoa: 'LSOA 2011' },
  2025: { releases: ['imd2025', 'census21-age-lsoa21'], lsoa: 'LSOA 2021' },
};

/**
 * Core20 share of a place on IMD 2019 and IMD 2025 (or the vintages given), with the recent trend.
 * Share of people = residents of LSOAs in national IMD deciles 1-2 ÷ residents; share of LSOAs =
 * Core20 LSOAs ÷ LSOAs. Recent trend: Fingertips' chi-squared test for trend on the share of
 * people (`recentTrend`, `valueType: 'proportion'`, no polarity).
 *
 * @param place any place `core20Population` accepts (name or code in any vintage, LSOA list)
 * @param options `vintages` (default both, oldest first)
 * @example core20Trend('Sandwell').points.map((p) => [p.period, p.share])
 * // [['IMD 2019', 0.6029…], ['IMD 2025', 0.5760…]] (Sandwell: 60.3% and 57.6%)
 */
export function core20Trend(place: Core20Place, options: { vintages?: readonly ImdVintage[] } = {}): Core20Trend {
  const vintages = [...(options.vintages ?? VINTAGES)].sort((a, b) => a - b);
  let code = '';
  let name = '';
  const points: Core20TrendPoint[] = vintages.map((imd) => {
    const p = core20Population(place, { imd });
    const e = core20Population('England', { imd });
    code = p.area_code;
    name = p.area_name;
    return {
      period: `IMD ${imd}`,
      imd,
      releases: SOURCES[imd].releases,
      publisher: imd === 2019 ? 'MHCLG; populations ONS mid-2015 (IoD2019 File 6)' : 'MHCLG; populations ONS Census 2021',
      lsoaVintage: SOURCES[imd].lsoa,
      lsoas: p.lsoas,
      core20Lsoas: p.core20_lsoas,
      lsoaShare: p.lsoas > 0 ? p.core20_lsoas / p.lsoas : null,
      population: p.population,
      core20Population: p.core20_population,
      share: p.core20_share,
      englandShare: e.core20_share,
      denominator: p.denominator,
    };
  });
  const trend = recentTrend(
    points.map((p, i) => ({ period: i, value: p.share, count: p.core20Population, denominator: p.population })),
    { valueType: 'proportion' },
  );
  const notes = [
    'IMD 2019 uses LSOA 2011 boundaries and the IoD2019 mid-2015 populations (excluding prisoners); IMD 2025 uses LSOA 2021 boundaries and Census 2021 usual residents. The two are not a like-for-like series: boundaries, populations and the index itself changed.',
    'The IMD is relative: on each index 20% of England’s LSOAs are Core20, so England’s share stays at about 20%; a change for a place is a change relative to the rest of England.',
    'Shares count the whole population (no sample), so they have no confidence interval.',
    `Recent trend (Fingertips method, chi-squared test for trend on the share of people): ${trend.label}${trend.reason ? ` (${trend.reason})` : ''}.`,
  ];
  return { area_code: code, area_name: name, points, trend, notes };
}
