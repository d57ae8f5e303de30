/**
 * Chart inputs for the report, from life-expectancy results: LE by deprivation group with the SII
 * line (for `leDeprivationChart`), and gap contributions by age and by cause (for
 * `leGapByAgeChart` / the cause "scarf" in src/charts/leGap.ts). Charts are floor 1 (they import
 * only core), so this domain module takes the charts' input types directly, as
 * `prevalence/present.ts` does.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import type { DeprivationPoint, DeprivationSeries } from '../charts/leDeprivation.js';
import type { GapByAgeRow, GapByCauseRow } from '../charts/leGap.js';
import type { LeDecomposition, LeCauseContribution } from './arriaga.js';

/** @deprecated Use the chart input type `DeprivationPoint`; kept for one release. */
export type LeDeprivationPoint = DeprivationPoint;
/** @deprecated Use the chart input type `DeprivationSeries`; kept for one release. */
export type LeDeprivationSeries = DeprivationSeries;

const SERIES_NAME: Record<string, string> = { Male: 'Male', Female: 'Female', Persons: 'Persons', '1': 'Male', '2': 'Female' };

/**
 * One chart series per sex from LE by deprivation group (output of `leByDeprivation`, or any
 * table with the same columns) and the inequality summary (`leInequality`) of one area.
 *
 * @example leDeprivationSeries(leByDecile.filter(...), inequality.filter(...), { quantile: 'decile' })
 */
export function leDeprivationSeries(
  byGroup: ColumnTable,
  inequality: ColumnTable | null,
  options: { quantile?: string; sex?: string; value?: string; lower?: string; upper?: string; population?: string } = {},
): DeprivationSeries[] {
  const q = options.quantile ?? 'quantile';
  const sexCol = options.sex ?? 'sex';
  const v = options.value ?? 'value';
  const lo = options.lower ?? 'lowercl';
  const hi = options.upper ?? 'uppercl';
  const pop = options.population ?? 'population';
  const names = byGroup.columnNames();
  for (const c of [q, v]) if (!names.includes(c)) throw new HealthgapError(`leDeprivationSeries: no column "${c}"`);
  const hasSex = names.includes(sexCol);
  const sexes = hasSex ? [...new Set(byGroup.array(sexCol) as unknown[])].map(String) : ['Persons'];
  const arr = (c: string) => (names.includes(c) ? (byGroup.array(c) as (number | null)[]) : null);
  const qs = byGroup.array(q) as unknown[];
  const vs = arr(v)!;
  const los = arr(lo);
  const his = arr(hi);
  const ps = arr(pop);
  const sx = hasSex ? (byGroup.array(sexCol) as unknown[]).map(String) : null;
  const ineq = inequality ? (inequality.objects() as Record<string, unknown>[]) : [];
  return sexes.map((s) => {
    const points: DeprivationPoint[] = [];
    qs.forEach((qq, i) => {
      if (sx && sx[i] !== s) return;
      points.push({ quantile: Number(qq), value: vs[i], lower: los ? los[i] : null, upper: his ? his[i] : null, population: ps ? ps[i] : null });
    });
    points.sort((a, b) => a.quantile - b.quantile);
    const row = ineq.find((r) => !hasSex || String(r[sexCol]) === s);
    const series: DeprivationSeries = { name: SERIES_NAME[s] ?? s, points };
    if (row && typeof row.sii === 'number' && typeof row.intercept === 'number') {
      series.sii = { intercept: row.intercept, slope: row.sii };
      series.siiLower = (row.sii_lower as number | null) ?? null;
      series.siiUpper = (row.sii_upper as number | null) ?? null;
    }
    return series;
  });
}

/** Rows for `leGapByAgeChart`: one per age band, contributions in years (sum = the gap). */
export function leGapByAgeRows(decomposition: LeDecomposition): GapByAgeRow[] {
  return decomposition.byAge.map((r) => ({ ageBand: r.age_band, contribution: r.contribution }));
}

/** Rows for the by-cause chart: one per cause and age band (or per cause with `byAge: false`). */
export function leGapByCauseRows(rows: readonly LeCauseContribution[], options: { byAge?: boolean } = {}): GapByCauseRow[] {
  if (options.byAge ?? false) return rows.map((r) => ({ cause: r.cause, contribution: r.contribution, ageBand: r.age_band }));
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.cause, (m.get(r.cause) ?? 0) + r.contribution);
  return [...m.entries()].map(([cause, contribution]) => ({ cause, contribution }));
}
