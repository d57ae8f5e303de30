/**
 * `healthgap le <place> --trend` and `--year/--period`: life expectancy of a place for every period
 * available, the bundled 2014 (ONS deaths and mid-2014 populations) plus any life-expectancy
 * releases added to the data directory, each with its 95% CI and the release it came from, and
 * the Fingertips recent-trend label (Fingertips calculates no recent trend for life expectancy,
 * so the label says why it is not calculated).
 */
import { HealthgapError } from '../../core/errors.js';
import { formatFixed } from '../../core/rounding.js';
import { getGeography } from '../../geography/vintages.js';
import { LE_BUNDLED_YEARS, leAreaInput } from '../../lifeexp/bundled.js';
import { leEstimate } from '../../lifeexp/estimate.js';
import { addedLifeExpectancy, type LeReleaseSkipped } from '../../releases/leSeries.js';
import { recentTrend, type RecentTrendResult } from '../../stats/trend.js';

/** One period of a place's life expectancy. */
export interface LePeriodPoint {
  period: string;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  /** Release id (`deaths2014` + `mye2-2014-*` for the bundled year). */
  release: string;
  publisher: string;
  problem: string | null;
}

/** Life expectancy of one place and sex over the periods available. */
export interface LeTrend {
  code: string;
  name: string;
  sex: 'Male' | 'Female';
  age: number;
  points: LePeriodPoint[];
  trend: RecentTrendResult;
  skipped: LeReleaseSkipped[];
  /** Every period available (the points may be the one chosen). */
  available: string[];
}

/**
 * Every period of life expectancy for a place (or the one chosen with `period`): the bundled
 * years computed from deaths and populations (Chiang II, Silcocks CI) and the added `le-la`
 * releases as published. Recent trend: `recentTrend` with value type "life expectancy", which
 * Fingertips does not calculate ("Cannot be calculated", with the reason).
 *
 * @example leTrend('Sandwell', 'Female', 0).points[0].period // '2014'
 */
export function leTrend(place: string, sex: 'Male' | 'Female', age: number, options: { dataDir?: string; period?: string } = {}): LeTrend {
  const area = getGeography().resolveArea(place);
  const points: LePeriodPoint[] = [];
  for (const year of LE_BUNDLED_YEARS) {
    const input = leAreaInput({ code: area.code, name: area.name, level: area.level }, sex, { year });
    const [e] = leEstimate(input, { ages: [age] });
    points.push({
      period: String(year),
      value: e.value,
      lower95: e.lower,
      upper95: e.upper,
      release: `deaths${year} + mye2-${year}-${sex === 'Male' ? 'males' : 'females'}`,
      publisher: 'ONS (bundled)',
      problem: e.problem,
    });
  }
  const added = addedLifeExpectancy(area.code, sex, age, options);
  for (const p of added.points) {
    const i = points.findIndex((q) => q.period === p.period);
    const pt: LePeriodPoint = {
      period: p.period,
      value: p.value,
      lower95: p.lower95,
      upper95: p.upper95,
      release: p.release,
      publisher: p.publisher,
      problem: null,
    };
    if (i >= 0) points[i] = pt;
    else points.push(pt);
  }
  let chosen = points;
  if (options.period !== undefined && !/^latest$/i.test(options.period)) {
    chosen = points.filter((p) => p.period === options.period);
    if (!chosen.length) throw new HealthgapError(`no life expectancy for ${options.period}; periods available: ${points.map((p) => p.period).join(', ')}`);
  } else if (options.period !== undefined) chosen = points.slice(-1);
  const trend = recentTrend(
    chosen.map((p, i) => ({ period: i, value: p.value, lower95: p.lower95, upper95: p.upper95 })),
    { valueType: 'life expectancy' },
  );
  return { code: area.code, name: area.name, sex, age, points: chosen, trend, skipped: added.skipped, available: points.map((p) => p.period) };
}

const f = (x: number | null) => (x === null ? 'n/a' : formatFixed(x, 1));

/**
 * Plain text of {@link leTrend} results (one block per sex).
 *
 * @example formatLeTrend([leTrend('Sandwell', 'Male', 0)])
 */
export function formatLeTrend(rows: readonly LeTrend[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const which = r.points.length < r.available.length ? r.points.map((p) => p.period).join(', ') : 'every period available';
    out.push(`${r.sex === 'Male' ? 'Males' : 'Females'}: life expectancy ${r.age === 0 ? 'at birth' : `at ${r.age}`}, ${r.name} (${r.code}), ${which}`);
    const w = Math.max(10, ...r.points.map((p) => p.period.length));
    for (const p of r.points)
      out.push(
        `  ${p.period.padEnd(w)} ${f(p.value).padStart(5)} years (95% CI ${f(p.lower95)} to ${f(p.upper95)})  ← ${p.release} (${p.publisher})${p.problem ? `  [${p.problem}]` : ''}`,
      );
    if (r.points.length === 1 && r.available.length > 1)
      out.push(`  The period chosen; periods available: ${r.available.join(', ')} (--trend shows them all).`);
    else if (r.points.length === 1)
      out.push(
        `  Only one period is available (${r.points[0].period}): healthgap bundles ${LE_BUNDLED_YEARS.join(', ')}; add ONS life expectancy releases with healthgap data add to see a trend.`,
      );
    else out.push(`  Recent trend: ${r.trend.label}${r.trend.reason ? ` (${r.trend.reason}; Fingertips shows no recent trend for life expectancy)` : ''}.`);
    for (const s of r.skipped) out.push(`  Not used: ${s.release} (${s.kind}, ${s.period}): ${s.reason}.`);
    out.push('');
  }
  return out.join('\n');
}
