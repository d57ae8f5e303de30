/**
 * Census 2021 populations of areas of the current (2024) geography: the sum over the area's LSOAs
 * 2021 of ONS Census 2021 usual residents (21 March 2021), all ages and in six age groups. The
 * denominator for IMD 2025 work until mid-year LSOA 2021 estimates are added.
 */
import { readCensus2021AgeLsoa, CENSUS2021_AGE_GROUPS, CENSUS2021_DENOMINATOR } from '../io/census2021.js';
import { HealthgapError } from '../core/errors.js';
import { getGeography } from './vintages.js';
import type { AreaInput } from './geography.js';

/** Census 2021 usual residents of an area. */
export interface CensusPopulation {
  code: string;
  name: string;
  /** All ages (sum of the six groups). */
  all_ages: number;
  /** Usual residents by age group: `age_0_15`, `age_16_24`, `age_25_34`, `age_35_49`, `age_50_64`, `age_65_plus`. */
  ages: Record<string, number>;
  lsoas: number;
  /** What the numbers are. */
  source: string;
}

let byLsoa: Map<string, number[]> | null = null;

/** Census 2021 age counts per LSOA 2021 (all ages first, then the six groups), read once. */
export function censusAgesByLsoa(): Map<string, number[]> {
  if (byLsoa) return byLsoa;
  const t = readCensus2021AgeLsoa();
  const codes = t.array('lsoa21_code') as string[];
  const cols = ['all_ages', ...CENSUS2021_AGE_GROUPS].map((c) => t.array(c) as number[]);
  const m = new Map<string, number[]>();
  codes.forEach((c, i) =>
    m.set(
      c,
      cols.map((a) => a[i]),
    ),
  );
  byLsoa = m;
  return m;
}

/**
 * Census 2021 usual residents of an area of the 2024 geography (LSOA 2021 up to England), all
 * ages and by age group, summed over its LSOAs 2021. England: 56,489,608.
 *
 * @example areaCensusPopulation('E06000063').all_ages // Cumberland
 */
export function areaCensusPopulation(area: AreaInput): CensusPopulation {
  const g = getGeography('2024');
  const a = typeof area === 'string' ? (g.area(area) ?? g.resolveArea(area)) : g.need(area);
  const m = censusAgesByLsoa();
  const sum = new Array<number>(1 + CENSUS2021_AGE_GROUPS.length).fill(0);
  const lsoas = g.lsoasIn(a);
  for (const l of lsoas) {
    const v = m.get(l);
    if (!v) throw new HealthgapError(`LSOA 2021 ${l} has no Census 2021 population`);
    for (let j = 0; j < v.length; j++) sum[j] += v[j];
  }
  return {
    code: a.code,
    name: a.name,
    all_ages: sum[0],
    ages: Object.fromEntries(CENSUS2021_AGE_GROUPS.map((k, j) => [k, sum[j + 1]])),
    lsoas: lsoas.length,
    source: `${CENSUS2021_DENOMINATOR}, summed over LSOAs 2021`,
  };
}
