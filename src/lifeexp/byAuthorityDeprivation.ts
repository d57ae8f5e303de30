/**
 * Life expectancy (2014) of England's upper-tier local authorities grouped by deprivation: each
 * authority's population-weighted IMD 2019 score, deciles of authorities by that score, life
 * expectancy at birth by decile and sex, and the slope index of inequality (SII) across the deciles.
 *
 * This is inequality BETWEEN authorities (each authority counted whole in one decile); it is not
 * the within-area SII that OHID publishes for each authority (Fingertips indicator 92901, deciles
 * of the authority's own neighbourhoods), which is usually about twice as large.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { cachedRead } from '../io/cache.js';
import { readImd } from '../io/imd.js';
import { getGeography } from '../geography/vintages.js';
import { quantileOf } from '../stats/quantile.js';
import { leInputs } from './bundled.js';
import { leByDeprivation, leInequality } from './inequality.js';

/**
 * Population-weighted mean IMD 2019 score of every upper-tier authority (April 2019):
 * Σ(LSOA score × LSOA population) ÷ Σ(LSOA population), with IoD2019 mid-2015 LSOA populations.
 * Computed once per process. Reference: MHCLG IoD2019 File 10 "average score" uses the same rule.
 *
 * @example leUtlaImdScores().get('E08000028') // Sandwell, 34.88 (OHID publishes 34.9)
 */
export function leUtlaImdScores(): Map<string, number> {
  return cachedRead('lifeexp:utla-imd-score', () => {
    const imd = readImd();
    const codes = imd.array('lsoa11cd') as string[];
    const score = imd.array('imd_score') as number[];
    const pop = imd.array('pop_mid2015') as number[];
    const row = new Map(codes.map((c, i) => [c, i]));
    const g = getGeography();
    const out = new Map<string, number>();
    for (const u of g.areasAt('utla')) {
      let s = 0;
      let p = 0;
      for (const l of g.lsoasIn(u.code, 'utla')) {
        const i = row.get(l);
        if (i === undefined) continue;
        s += score[i] * pop[i];
        p += pop[i];
      }
      if (p > 0) out.set(u.code, s / p);
    }
    return out;
  });
}

/** England's UTLAs in deciles of deprivation (1 = most deprived), LE by decile and sex, and the SII. */
export interface LeDeprivationEngland {
  /** Decile (1 = most deprived) of each authority with life expectancy. */
  decileOf: Map<string, number>;
  /** Life expectancy at birth by decile and sex (`leByDeprivation` columns). */
  byDecile: ColumnTable;
  /** SII (and RII) by sex (`leInequality` columns). */
  inequality: ColumnTable;
}

/**
 * Life expectancy at birth (2014) of England's upper-tier authorities grouped into deciles by
 * their population-weighted IMD 2019 score (PHEindicatormethods quantile rule, highest score =
 * decile 1): deaths and populations summed within each decile, an abridged life table per decile
 * and sex, and the SII across the deciles (statistics core `sii`, 100,000 simulations, seed 1).
 * Authorities with no 2014 life-table input (none since Scilly is pooled with Cornwall) are left out.
 *
 * @example leByUtlaDeprivation().inequality.objects() // [{ sex: 'Female', sii: 3.6, ... }, { sex: 'Male', sii: 4.7, ... }]
 */
export function leByUtlaDeprivation(): LeDeprivationEngland {
  return cachedRead('lifeexp:le-utla-deprivation', () => {
    const scores = leUtlaImdScores();
    const inputs = leInputs({ level: 'utla', year: 2014 });
    const codes = [...new Set(inputs.array('area_code') as string[])].filter((c) => scores.has(c));
    const deciles = quantileOf(
      codes.map((c) => scores.get(c)!),
      10,
      true,
    );
    const decileOf = new Map<string, number>();
    codes.forEach((c, i) => decileOf.set(c, deciles[i]!));
    const rows = inputs
      .filter(aq.escape((d: Record<string, unknown>) => decileOf.has(d.area_code as string)))
      .derive({ decile: aq.escape((d: Record<string, unknown>) => decileOf.get(d.area_code as string)!) })
      .groupby('decile', 'sex', 'age_band', 'age_start')
      .rollup({ deaths: aq.op.sum('deaths'), population: aq.op.sum('population') })
      .orderby('sex', 'decile', 'age_start');
    const byDecile = leByDeprivation(rows, { quantile: 'decile', groupBy: ['sex'], ageBand: 'age_start' });
    const inequality = leInequality(byDecile, { groupBy: ['sex'], quantile: 'decile', seed: 1 });
    return { decileOf, byDecile, inequality };
  });
}

/**
 * Population-weighted mean IMD 2019 score of any area given as its LSOAs (2011), by the same rule
 * as {@link leUtlaImdScores}; null when none of the LSOAs is in the index.
 *
 * @example leAreaImdScore(getGeography().lsoasIn('E54000062', 'icb')) // the Black Country ICB
 */
export function leAreaImdScore(lsoas: readonly string[]): number | null {
  const idx = cachedRead('lifeexp:imd-score-by-lsoa', () => {
    const imd = readImd();
    const codes = imd.array('lsoa11cd') as string[];
    const score = imd.array('imd_score') as number[];
    const pop = imd.array('pop_mid2015') as number[];
    return new Map(codes.map((c, i) => [c, [score[i], pop[i]] as const]));
  });
  let s = 0;
  let p = 0;
  for (const l of lsoas) {
    const v = idx.get(l);
    if (!v) continue;
    s += v[0] * v[1];
    p += v[1];
  }
  return p > 0 ? s / p : null;
}

/**
 * The decile of {@link leByUtlaDeprivation} that an area with this IMD score would fall in: the
 * most deprived decile whose least deprived authority scores no higher than it (an area scoring
 * below every authority of decile 9 is in decile 10). Used to place an area that is not itself an
 * upper-tier authority (an ICB, a district, a region) on the chart of authorities by decile.
 *
 * @example leDecileForScore(34.9) // 1 (Sandwell's score)
 */
export function leDecileForScore(score: number): number {
  const { decileOf } = leByUtlaDeprivation();
  const scores = leUtlaImdScores();
  const minOf = new Map<number, number>();
  for (const [code, d] of decileOf) {
    const v = scores.get(code)!;
    minOf.set(d, Math.min(minOf.get(d) ?? Infinity, v));
  }
  for (let d = 1; d <= 9; d++) if ((minOf.get(d) ?? Infinity) <= score) return d;
  return 10;
}
