/**
 * Presentation of prevalence results: chart inputs (the plain records the chart functions in
 * src/charts take) and narrative sentences with every number filled in from the calculation.
 * Only chart *types* are imported; charts know nothing of prevalence and vice versa.
 */
import type { ColumnTable } from 'arquero';
import type { SignificanceLabel } from '../charts/types.js';
import type { FunnelLimitRow, FunnelPoint } from '../charts/funnel.js';
import type { SpineIndicator } from '../charts/spine.js';
import { HealthgapError } from '../core/errors.js';
import { formatSignificant, roundHalfAway } from '../core/rounding.js';
import { fingertipsQuantileBounds } from '../stats/benchmark.js';
import type { PrevalenceProfile } from './profile.js';
import type { PracticeFunnel } from './variation.js';
import { PREVALENCE_LEVEL_LABELS } from './membership.js';
import type { QofRegister } from './registers.js';

/** Number with thousands separators and `d` decimals (half away from zero). */
export function formatPrevalenceNumber(x: number | null | undefined, d = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'not available';
  return roundHalfAway(x, d).toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/**
 * Decimal places that tell the given values apart: `min` (default 1), raised to at most 3 while two
 * different values would print the same (so a sentence never reads "0.8% ... higher than England,
 * 0.8%").
 */
export function distinguishingDecimals(values: readonly (number | null | undefined)[], min = 1, max = 3): number {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  for (let d = min; d < max; d++) {
    const seen = new Map<string, number>();
    let clash = false;
    for (const x of xs) {
      const key = formatPrevalenceNumber(x, d);
      const prev = seen.get(key);
      if (prev !== undefined && prev !== x) clash = true;
      seen.set(key, x);
    }
    if (!clash) return d;
  }
  return max;
}

const ordinal = (n: number): string => {
  const s = n % 100;
  if (s >= 11 && s <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/**
 * The funnel chart inputs (`funnelChart(points, limits, options)` in src/charts) from
 * {@link practiceFunnel}: points labelled with `labelColumn` (default: `area_name`, else
 * `practice_code`), limits renamed from the PHEim columns.
 *
 * @example const { points, limits } = prevalenceFunnelChartData(practiceFunnel(p)); funnelChart(points, limits, { title: '…' })
 */
export function prevalenceFunnelChartData(funnel: PracticeFunnel, options: { labelColumn?: string } = {}): { points: FunnelPoint[]; limits: FunnelLimitRow[] } {
  const pn = funnel.points.columnNames();
  const labelCol = options.labelColumn ?? (pn.includes('area_name') ? 'area_name' : pn.includes('practice_code') ? 'practice_code' : 'area_code');
  const label = funnel.points.array(labelCol) as (string | null)[];
  const code = pn.includes('practice_code')
    ? (funnel.points.array('practice_code') as string[])
    : pn.includes('area_code')
      ? (funnel.points.array('area_code') as string[])
      : label.map(String);
  const x = funnel.points.array('count') as number[];
  const n = funnel.points.array('denominator') as number[];
  const s = funnel.points.array('significance') as string[];
  const points: FunnelPoint[] = x.map((xi, i) => ({ label: label[i] ?? code[i], denominator: n[i], value: (xi / n[i]) * 100, significance: s[i] }));
  const L = funnel.limits;
  const col = (c: string) => L.array(c) as number[];
  const pop = col('Population');
  const l2 = col('lower_2s_limit');
  const u2 = col('upper_2s_limit');
  const l3 = col('lower_3s_limit');
  const u3 = col('upper_3s_limit');
  const base = col('baseline');
  const limits: FunnelLimitRow[] = pop.map((p, i) => ({ denominator: p, lower95: l2[i], upper95: u2[i], lower998: l3[i], upper998: u3[i], baseline: base[i] }));
  return { points, limits };
}

/** One bar of a "prevalence by area, against England" bar chart. */
export interface PrevalenceBar {
  code: string;
  label: string;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  /** Compared with England (Fingertips label). */
  comparison: SignificanceLabel;
  /** True for the area of interest. */
  highlight: boolean;
}

/**
 * Bars for a chart of every area against England (sorted high to low), plus England's value for a
 * reference line. No bar chart exists in src/charts yet; these are plain records any bar chart can take.
 *
 * @example prevalenceBarData(prevalenceProfile('DM', 'utla'), { highlight: 'E08000028' })
 */
export function prevalenceBarData(
  profile: PrevalenceProfile,
  options: { highlight?: string | readonly string[]; areas?: readonly string[] } = {},
): { bars: PrevalenceBar[]; england: number | null; title: string } {
  const hi = new Set(typeof options.highlight === 'string' ? [options.highlight] : (options.highlight ?? []));
  const only = options.areas ? new Set(options.areas) : null;
  const t = profile.table;
  const codes = t.array('area_code') as string[];
  const names = t.array('area_name') as (string | null)[];
  const v = t.array('value') as (number | null)[];
  const lo = t.array('lower95_0cl') as (number | null)[];
  const up = t.array('upper95_0cl') as (number | null)[];
  const cmp = t.array('compared_to_england') as string[];
  const bars: PrevalenceBar[] = [];
  codes.forEach((c, i) => {
    if (only && !only.has(c)) return;
    bars.push({ code: c, label: names[i] ?? c, value: v[i], lower95: lo[i], upper95: up[i], comparison: cmp[i] as SignificanceLabel, highlight: hi.has(c) });
  });
  bars.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  return {
    bars,
    england: (profile.england.get('value', 0) as number | null) ?? null,
    title: `${indicatorName(profile.register, profile.practices.get('age_base', 0) as string)}, ${PREVALENCE_LEVEL_LABELS[profile.level]}`,
  };
}

/** Fingertips-style indicator name: "Diabetes mellitus: QOF prevalence (17+)". */
export function indicatorName(register: QofRegister, ageBase: string | null): string {
  return `${register.name}: QOF prevalence (${ageBase ?? 'all ages'})`;
}

function rowOf(profile: PrevalenceProfile, areaCode: string): Record<string, unknown> {
  const codes = profile.table.array('area_code') as string[];
  const i = codes.indexOf(areaCode);
  if (i < 0)
    throw new HealthgapError(
      `area ${areaCode} is not in the ${PREVALENCE_LEVEL_LABELS[profile.level]} table (${codes.length} areas); check the code and the level`,
    );
  return profile.table.object(i) as Record<string, unknown>;
}

/**
 * A spine chart row (`spineChart` in src/charts) for one area: its value, England's, and the
 * lowest / 25th / 75th percentile / highest of all areas at the level (Fingertips PERCENTILE.INC).
 *
 * @example prevalenceSpineRow(prevalenceProfile('DM', 'utla'), 'E08000028', { period: '2019/20' })
 */
export function prevalenceSpineRow(
  profile: PrevalenceProfile,
  areaCode: string,
  options: { period?: string | null; regionValue?: number | null } = {},
): SpineIndicator {
  const r = rowOf(profile, areaCode);
  const values = profile.table.array('value') as (number | null)[];
  const b = fingertipsQuantileBounds(values, 4);
  return {
    indicator: indicatorName(profile.register, r.age_base as string | null),
    period: options.period ?? null,
    count: (r.count as number | null) ?? null,
    value: (r.value as number | null) ?? null,
    regionValue: options.regionValue ?? null,
    englandValue: (profile.england.get('value', 0) as number | null) ?? null,
    englandLowest: b ? b[0] : null,
    englandP25: b ? b[1] : null,
    englandP75: b ? b[3] : null,
    englandHighest: b ? b[4] : null,
    polarity: profile.register.polarity,
    significance: (r.compared_to_england as SignificanceLabel) ?? null,
    unit: '%',
    decimals: 1,
  };
}

function comparisonPhrase(label: string | null, what: string): string {
  switch (label) {
    case 'Higher':
      return `is higher than ${what}`;
    case 'Lower':
      return `is lower than ${what}`;
    case 'Similar':
      return `is similar to ${what}`;
    case 'Better':
      return `is better than ${what}`;
    case 'Worse':
      return `is worse than ${what}`;
    default:
      return `was not compared with ${what}`;
  }
}

/**
 * Sentences about one area, every number from the profile: value vs England, vs its parent, its rank.
 *
 * @example prevalenceNarrative(prevalenceProfile('DM', 'utla'), 'E08000028')
 * // ["Recorded diabetes prevalence (17+) in Sandwell, 9.8% (27,075 patients), is higher than England, 7.1%.", ...]
 */
export function prevalenceNarrative(profile: PrevalenceProfile, areaCode: string, options: { period?: string | null } = {}): string[] {
  const r = rowOf(profile, areaCode);
  const reg = profile.register;
  const base = (r.age_base as string | null) ?? 'all ages';
  const name = (r.area_name as string | null) ?? areaCode;
  const when = options.period ? ` in ${options.period}` : '';
  const out: string[] = [];
  if (r.value === null) {
    out.push(`Recorded ${reg.short} prevalence (${base}) in ${name} is not available${when}.`);
    return out;
  }
  const eng = profile.england.get('value', 0) as number;
  const hasParent = r.parent_value !== null && r.parent_value !== undefined && r.parent_code !== 'E92000001';
  const d = distinguishingDecimals([r.value as number, eng, hasParent ? (r.parent_value as number) : null]);
  out.push(
    `Recorded ${reg.short} prevalence (${base}) in ${name}${when}, ${formatPrevalenceNumber(r.value as number, d)}% (${formatPrevalenceNumber(r.count as number, 0)} patients on the register), ${comparisonPhrase(r.compared_to_england as string, `England, ${formatPrevalenceNumber(eng, d)}%`)}.`,
  );
  if (hasParent) {
    out.push(`It ${comparisonPhrase(r.compared_to_parent as string, `${r.parent_name as string}, ${formatPrevalenceNumber(r.parent_value as number, d)}%`)}.`);
  }
  if (typeof r.rank === 'number') {
    out.push(
      `It is the ${r.rank === 1 ? 'highest' : `${ordinal(r.rank)} highest`} of ${r.rank_of as number} ${PREVALENCE_LEVEL_LABELS[profile.level].replace(/ \(.*\)$/, '')} areas.`,
    );
  }
  return out;
}

/**
 * Sentence for a recorded-vs-expected row ({@link compareRecordedToExpected}): expected, recorded,
 * diagnosis rate with its 95% CI, estimated undiagnosed.
 *
 * @example diagnosisNarrative(row, qofRegister('HYP'))
 * // "An estimated 66,529 people (16+) in Sandwell have hypertension; 54,012 are on GP registers (all ages), a diagnosis rate of 81.2% (95% CI 80.5% to 81.9%), leaving an estimated 12,516 undiagnosed."
 */
export function diagnosisNarrative(row: Record<string, unknown>, register: QofRegister): string {
  const name = (row.area_name as string | null) ?? (row.area_code as string);
  if (row.value === null || row.value === undefined)
    return `A diagnosis rate for ${register.short} in ${name} could not be calculated: ${(row.note as string | null) ?? 'missing data'}.`;
  const und = row.undiagnosed as number;
  const tail =
    und >= 0 ? `leaving an estimated ${formatPrevalenceNumber(und, 0)} undiagnosed` : `${formatPrevalenceNumber(-und, 0)} more than expected are recorded`;
  return `An estimated ${formatPrevalenceNumber(row.expected_count as number, 0)} people${row.expected_age_base ? ` (${row.expected_age_base as string})` : ''} in ${name} have ${register.short}; ${formatPrevalenceNumber(row.observed as number, 0)} are on GP registers${row.recorded_age_base ? ` (${row.recorded_age_base as string})` : ''}, a diagnosis rate of ${formatPrevalenceNumber(row.value as number)}% (95% CI ${formatPrevalenceNumber(row.lower95_0cl as number)}% to ${formatPrevalenceNumber(row.upper95_0cl as number)}%), ${tail}.`;
}

/**
 * Sentence summarising a practice funnel: how many practices lie above and below the limits. When
 * the funnel was adjusted for overdispersion the sentence says so and gives φ and τ²; when an
 * adjustment was asked for but φ ≤ 1 it says the limits were not adjusted.
 *
 * @example funnelNarrative(practiceFunnel(p), qofRegister('HYP'))
 */
export function funnelNarrative(funnel: PracticeFunnel, register: QofRegister, unit = 'practices'): string {
  const c = funnel.counts;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const above = (c['High (0.001)'] ?? 0) + (c['High (0.025)'] ?? 0);
  const below = (c['Low (0.001)'] ?? 0) + (c['Low (0.025)'] ?? 0);
  const f = (x: number) => formatPrevalenceNumber(x, 0);
  const base = `Of ${f(total)} ${unit}, ${f(above)} have recorded ${register.short} prevalence above the 95% limit (${f(c['High (0.001)'] ?? 0)} above 99.8%) and ${f(below)} below it (${f(c['Low (0.001)'] ?? 0)} below 99.8%), ${funnel.target === null || funnel.target === undefined ? `around an average of ${formatPrevalenceNumber(funnel.average)}%` : `around the target of ${formatPrevalenceNumber(funnel.target)}%`}.`;
  const d = funnel.dispersion;
  if (!d) return base;
  if (!funnel.adjusted)
    return `${base} No overdispersion was found (dispersion ratio φ = ${formatPrevalenceNumber(d.phi, 2)}), so the limits are not adjusted.`;
  return `${base} The limits are adjusted for overdispersion (${funnel.overdispersion === 'additive' ? 'additive random-effects' : 'multiplicative'} model: dispersion ratio φ = ${formatPrevalenceNumber(d.phi, 2)}, between-${unit === 'practices' ? 'practice' : 'area'} variance τ² = ${formatSignificant(d.tau2, 3)} on the arcsine square root scale).`;
}

/**
 * Sentence on the deprivation gradient from {@link prevalenceByDeprivation}: the most against the
 * least deprived group.
 *
 * @example deprivationNarrative(prevalenceByDeprivation(practicePrevalence('DM')), qofRegister('DM'))
 */
export function deprivationNarrative(table: ColumnTable, register: QofRegister): string {
  const rows = (table.objects() as Record<string, unknown>[]).filter((r) => r.group_order !== null && r.value !== null);
  if (rows.length < 2) return `Recorded ${register.short} prevalence by deprivation could not be compared (fewer than two groups with data).`;
  rows.sort((a, b) => (a.group_order as number) - (b.group_order as number));
  const most = rows[0];
  const least = rows[rows.length - 1];
  const base = (most.age_base as string | null) ?? 'all ages';
  const sep = (most.lower95_0cl as number) > (least.upper95_0cl as number) || (most.upper95_0cl as number) < (least.lower95_0cl as number);
  return `Recorded ${register.short} prevalence (${base}) is ${formatPrevalenceNumber(most.value as number)}% in ${lowerGroup(most.group as string)} against ${formatPrevalenceNumber(least.value as number)}% in ${lowerGroup(least.group as string)}${sep ? '; the 95% confidence intervals do not overlap' : '; the 95% confidence intervals overlap'}.`;
}

function lowerGroup(g: string): string {
  if (/Core20 patients$/.test(g)) return `practices with ${g}`;
  if (g.startsWith('Practice IMD')) return `practices in ${g.replace('Practice IMD', 'IMD')}`;
  return `areas of ${g}`;
}
