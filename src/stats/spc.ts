/**
 * Statistical process control: XmR charts with NHS England's "Making Data Count" rules, exact to
 * NHSRplotthedots 0.2.0 (nhs-r-community/NHSRplotthedots, MIT: `R/ptd_spc.R`,
 * `R/ptd_spc_standard.R`, `R/ptd_add_rebase_column.R`, `R/ptd_add_short_group_warnings.R`,
 * `R/ptd_add_target_column.R`, `R/ptd_calculate_assurance_type.R`; the rules are in
 * `spcRules.ts`). Learnt from the source; no code copied.
 *
 * Method, for each facet (group) and, within it, each rebase segment, points in date order:
 * 1. `fix_y` = the value for the first `fixAfterNPoints` points of the segment, missing after
 *    (all points when not fixed).
 * 2. mean `mean_col` = mean of `fix_y`; moving ranges mr_i = |fix_y_i − fix_y_(i−1)| (none for
 *    the first point, nor where either value is missing); mean moving range m̄ = mean of the mrs.
 * 3. Outlier screening (on by default): moving ranges ≥ 3.267 × m̄ are left out and m̄ is
 *    recomputed from the rest (once, not iterated).
 * 4. Process limits `lpl`/`upl` = mean ∓ 2.66 m̄; near limits `nlpl`/`nupl` = mean ∓ (2/3)·2.66 m̄
 *    (the 2σ lines).
 * 5. `outside_limits`: value > upl or < lpl (strictly); `relative_to_mean` = sign(value − mean);
 *    `close_to_limits`: not outside and value < nlpl or > nupl.
 * 6. Special causes (`spcRules.ts`), then improvement / concern / neutral by the improvement
 *    direction.
 * 7. Segments of fewer than 13 points get `short_group_warning` (NHSRplotthedots'
 *    `ptd_spc.warning_threshold`, 13, though its message says "n < 12") and a warning.
 * 8. Summary per facet and segment: the limits, n, common-cause points (n − special causes of any
 *    kind), improvement and concern counts, `variation_type` = the point type of the LAST point;
 *    `assurance_type` (only with a target and a direction, on the last segment of each facet):
 *    from the last point, target above the upper limit → `consistent_fail` when higher is better
 *    (`consistent_pass` when lower is better), below the lower limit → the reverse, else
 *    `inconsistent` ("hit and miss").
 *
 * Where healthgap differs from NHSRplotthedots, on purpose (documented in docs/spc.md):
 * - A missing value, a date that does not parse and a repeated date within a facet are
 *   one-line errors naming the row and column (NHSRplotthedots stops on duplicates too, but
 *   lets missing values through to fail later).
 * - A rebase date that matches no point of a facet is reported as a warning (NHSRplotthedots
 *   ignores it silently); the grouping is the same.
 * - With per-facet targets, a facet without a target has no assurance (`null`), where
 *   NHSRplotthedots' comparison with NA falls through to "inconsistent".
 * - A segment of one point has no moving range, so no limits (null) and only common cause.
 * - Output also carries `nlpl`, `nupl` (dropped by NHSRplotthedots), `mr` and `mr_excluded`.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { mean as ssMean } from 'simple-statistics';
import { HealthgapError, InputError } from '../core/errors.js';
import { formatSpcDate, parseSpcDate } from './spcDates.js';
import { specialCauseTypes, spcPointType, type SpcImprovement, type SpcPointType, type SpcSpecialCauseType } from './spcRules.js';
import { VerbContext, type VerbSource } from './verb.js';

/** Multiplier of the mean moving range for the process limits (3σ for an XmR chart: 3/d2, d2 = 1.128). */
export const SPC_LIMIT = 2.66;
/** Multiplier for the near-limit (2σ) lines: 2/3 of {@link SPC_LIMIT}. */
export const SPC_NEAR_LIMIT = (2 * SPC_LIMIT) / 3;
/** Moving ranges at or above this multiple of the mean moving range are screened out (3.267 = D4 for n = 2). */
export const SPC_MR_OUTLIER = 3.267;
/** Segments with fewer points than this get `short_group_warning` (NHSRplotthedots' default). */
export const SPC_SHORT_GROUP_THRESHOLD = 13;
/** The smallest `fixAfterNPoints` NHSRplotthedots accepts. */
export const SPC_MIN_FIX_AFTER = 12;
/** The facet value used when there is no facet (as NHSRplotthedots). */
export const SPC_NO_FACET = 'no facet';

export type { SpcImprovement, SpcPointType, SpcSpecialCauseType } from './spcRules.js';

/** A facet (group) value: text or a number. */
export type SpcFacet = string | number;

/** Options of {@link spc} and {@link spcSeries} (NHSRplotthedots `ptd_spc()` arguments). */
export interface SpcOptions {
  /** Which way is better (default `'increase'`). */
  improvement?: SpcImprovement;
  /**
   * Dates at which the limits are recalculated: a list for every facet, or a list per facet
   * (`{ RXK: ['2018-04-01'] }`). The point ON a rebase date starts the new segment.
   */
  rebase?: readonly (string | Date)[] | Readonly<Record<string, readonly (string | Date)[]>> | null;
  /** Compute the mean and limits from the first n points of each segment only (n ≥ 12). */
  fixAfterNPoints?: number | null;
  /** A target: one number, or one per facet. Gives the assurance summary. */
  target?: number | Readonly<Record<string, number>> | null;
  /** Leave out moving ranges ≥ 3.267 × their mean before computing the limits (default true). */
  screenOutliers?: boolean;
}

/** One input point. */
export interface SpcInputPoint {
  /** Date: a `Date` or text (`YYYY-MM-DD`, `YYYY-MM`, `DD/MM/YYYY`; see `parseSpcDate`). */
  x: string | Date;
  /** Value. */
  y: number;
  /** Facet (group); default {@link SPC_NO_FACET}. */
  f?: SpcFacet;
  /** Trajectory value for this date (carried to the output and the chart). */
  trajectory?: number | null;
}

/** One output point, with NHSRplotthedots' column names (plus `nlpl`, `nupl`, `mr`, `mr_excluded`). */
export interface SpcRow {
  y: number;
  /** ISO date (`YYYY-MM-DD`, or a timestamp when the input had a time). */
  x: string;
  f: SpcFacet;
  trajectory: number | null;
  /** 0 before the first rebase date of the facet, then 1, 2, … (cumulative count of rebase dates). */
  rebase_group: number;
  short_group_warning: boolean;
  /** The value when it is used for the limits (see `fixAfterNPoints`), else null. */
  fix_y: number | null;
  mean_col: number | null;
  lpl: number | null;
  upl: number | null;
  nlpl: number | null;
  nupl: number | null;
  outside_limits: boolean;
  /** sign(y − mean): 1 above, −1 below, 0 on the mean. */
  relative_to_mean: number;
  close_to_limits: boolean;
  special_cause_type: SpcSpecialCauseType;
  special_cause_flag: boolean;
  point_type: SpcPointType;
  target: number | null;
  /** Moving range |fix_y − previous fix_y| before screening (null for the first point of a segment). */
  mr: number | null;
  /** True when screening left this moving range out of the mean moving range. */
  mr_excluded: boolean;
}

/** The Making Data Count variation icon of a summary. */
export type SpcVariationIcon = 'common_cause' | 'improvement_high' | 'improvement_low' | 'concern_high' | 'concern_low' | 'neutral_high' | 'neutral_low';

/** NHSRplotthedots' assurance types (`inconsistent` is Making Data Count's "hit and miss"). */
export type SpcAssuranceType = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

/** One row of the summary: per facet and rebase segment (NHSRplotthedots `summary()` columns first). */
export interface SpcSummaryRow {
  f: SpcFacet;
  rebase_group: number;
  mean_col: number | null;
  lpl: number | null;
  upl: number | null;
  n: number;
  common_cause: number;
  special_cause_improvement: number;
  special_cause_concern: number;
  /** Point type of the segment's last point. */
  variation_type: SpcPointType;
  /** Only with a target and a direction, on the facet's last segment; else null. */
  assurance_type: SpcAssuranceType | null;
  special_cause_neutral: number;
  target: number | null;
  /** First and last dates of the segment. */
  from: string;
  to: string;
  short_group_warning: boolean;
  /** The variation icon and its text alternative. */
  variation_icon: SpcVariationIcon;
  variation_text: string;
  /** The assurance text alternative (null without assurance). */
  assurance_text: string | null;
}

/** What {@link spc} returns. */
export interface SpcResult {
  /** One row per point, sorted by facet then date. */
  rows: SpcRow[];
  /** One row per facet and rebase segment. */
  summary: SpcSummaryRow[];
  /** Warnings for the analyst (short segments, rebase dates that match no point). */
  warnings: string[];
  /** The options used, with defaults filled in. */
  options: Required<Pick<SpcOptions, 'improvement' | 'screenOutliers'>> & SpcOptions;
}

/** The XmR numbers of one segment (see {@link xmrLimits}). */
export interface XmrLimits {
  mean: number | null;
  /** Mean moving range after screening. */
  amr: number | null;
  lpl: number | null;
  upl: number | null;
  nlpl: number | null;
  nupl: number | null;
  /** Moving range of each point before screening (null for the first and around missing values). */
  mr: (number | null)[];
  /** Moving ranges left out by screening. */
  excluded: boolean[];
}

/**
 * The XmR mean, moving ranges and limits of one segment's values (null = not used, as after
 * `fixAfterNPoints`). Formula: m̄ = mean |x_i − x_(i−1)|; screening drops moving ranges
 * ≥ 3.267 m̄ and recomputes m̄; limits mean ∓ 2.66 m̄, near limits mean ∓ (2/3)·2.66 m̄.
 * Reference: NHSRplotthedots `ptd_spc_standard()`; Wheeler, "Understanding Variation" (1993).
 * @example xmrLimits([1, 3, 2, 4]).upl // 2.5 + 2.66 * 5/3 = 6.9333…
 */
export function xmrLimits(values: readonly (number | null)[], options: { screenOutliers?: boolean } = {}): XmrLimits {
  const used = values.filter((v): v is number => v !== null);
  const mean = used.length ? ssMean(used) : null;
  const mr = values.map((v, i) => (i > 0 && v !== null && values[i - 1] !== null ? Math.abs(v - (values[i - 1] as number)) : null));
  const ranges = mr.filter((v): v is number => v !== null);
  let amr = ranges.length ? ssMean(ranges) : null;
  const excluded = mr.map(() => false);
  if ((options.screenOutliers ?? true) && amr !== null) {
    const cut = SPC_MR_OUTLIER * amr;
    mr.forEach((v, i) => {
      if (v !== null && !(v < cut)) excluded[i] = true;
    });
    const kept = mr.filter((v, i): v is number => v !== null && !excluded[i]);
    amr = kept.length ? ssMean(kept) : null;
  }
  const lim = (k: number) => (mean === null || amr === null ? null : mean + k * amr);
  return { mean, amr, lpl: lim(-SPC_LIMIT), upl: lim(SPC_LIMIT), nlpl: lim(-SPC_NEAR_LIMIT), nupl: lim(SPC_NEAR_LIMIT), mr, excluded };
}

/**
 * The Making Data Count variation icon for a point type (the last point's, in a summary).
 * @example spcVariationIcon('special_cause_concern', 'increase') // 'concern_low'
 */
export function spcVariationIcon(pointType: SpcPointType, improvement: SpcImprovement): SpcVariationIcon {
  switch (pointType) {
    case 'special_cause_improvement':
      return improvement === 'decrease' ? 'improvement_low' : 'improvement_high';
    case 'special_cause_concern':
      return improvement === 'decrease' ? 'concern_high' : 'concern_low';
    case 'special_cause_neutral_high':
      return 'neutral_high';
    case 'special_cause_neutral_low':
      return 'neutral_low';
    default:
      return 'common_cause';
  }
}

/** Text alternatives of the variation icons (Making Data Count wording). */
export const SPC_VARIATION_TEXT: Readonly<Record<SpcVariationIcon, string>> = {
  common_cause: 'Common cause variation: no significant change',
  improvement_high: 'Special cause variation of an improving nature: higher values',
  improvement_low: 'Special cause variation of an improving nature: lower values',
  concern_high: 'Special cause variation of a concerning nature: higher values',
  concern_low: 'Special cause variation of a concerning nature: lower values',
  neutral_high: 'Special cause variation, neither improving nor concerning: higher values',
  neutral_low: 'Special cause variation, neither improving nor concerning: lower values',
};

/** Text alternatives of the assurance icons (Making Data Count wording). */
export const SPC_ASSURANCE_TEXT: Readonly<Record<SpcAssuranceType, string>> = {
  consistent_pass: 'The system is expected to consistently pass the target',
  consistent_fail: 'The system is expected to consistently fail the target',
  inconsistent: 'Hit and miss: the system will pass and fail the target at random',
};

/**
 * Assurance of a process against a target from its latest limits: target outside the limits
 * means the process consistently passes or fails it; between them, "hit and miss". Null for a
 * neutral direction, a missing target or missing limits.
 * @example spcAssurance(95, 80, 90, 'increase') // 'consistent_fail'
 */
export function spcAssurance(target: number | null, lpl: number | null, upl: number | null, improvement: SpcImprovement): SpcAssuranceType | null {
  if (target === null || lpl === null || upl === null || improvement === 'neutral') return null;
  const increasing = improvement === 'increase';
  if (target > upl) return increasing ? 'consistent_fail' : 'consistent_pass';
  if (target < lpl) return increasing ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}

/** Where a point came from, for messages: an error at point i (raw row), and a short "line 9" / "row 3" for point i. */
interface Locate {
  error: (i: number, column: 'value' | 'date' | 'facet' | 'trajectory', problem: string) => InputError;
  where: (i: number) => string;
}

interface ParsedPoint {
  t: number;
  y: number;
  f: SpcFacet;
  trajectory: number | null;
  index: number;
}

function checkOptions(options: SpcOptions): SpcResult['options'] {
  const improvement = options.improvement ?? 'increase';
  if (!['increase', 'decrease', 'neutral'].includes(improvement))
    throw new HealthgapError(`improvement must be increase, decrease or neutral (found "${String(improvement)}")`);
  const fix = options.fixAfterNPoints;
  if (fix !== undefined && fix !== null && !(Number.isInteger(fix) && fix >= SPC_MIN_FIX_AFTER)) {
    throw new HealthgapError(`fixAfterNPoints must be a whole number of ${SPC_MIN_FIX_AFTER} or more (found ${String(fix)})`);
  }
  const t = options.target;
  if (typeof t === 'number' && !Number.isFinite(t)) throw new HealthgapError(`target must be a finite number (found ${String(t)})`);
  if (t && typeof t === 'object')
    for (const [k, v] of Object.entries(t))
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new HealthgapError(`target for "${k}" must be a finite number (found ${String(v)})`);
  return { ...options, improvement, screenOutliers: options.screenOutliers ?? true };
}

function compareFacets(a: SpcFacet, b: SpcFacet): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function parseRebase(rebase: SpcOptions['rebase'], facets: SpcFacet[]): { dates: Map<string, Set<number>>; given: Map<string, string[]> } {
  const dates = new Map<string, Set<number>>();
  const given = new Map<string, string[]>();
  if (!rebase) return { dates, given };
  const parseList = (list: readonly (string | Date)[], label: string): Set<number> => {
    const out = new Set<number>();
    for (const d of list) {
      const t = parseSpcDate(d);
      if (t === null) throw new HealthgapError(`rebase${label}: "${String(d)}" is not a date (use YYYY-MM-DD)`);
      out.add(t);
    }
    return out;
  };
  if (Array.isArray(rebase)) {
    const s = parseList(rebase, '');
    for (const f of facets) {
      dates.set(String(f), s);
      given.set(String(f), [...s].map(formatSpcDate));
    }
  } else {
    const known = new Set(facets.map(String));
    for (const [f, list] of Object.entries(rebase as Record<string, readonly (string | Date)[]>)) {
      if (!known.has(f)) throw new HealthgapError(`rebase: "${f}" is not a value of the facet (group) column`);
      const s = parseList(list, ` for "${f}"`);
      dates.set(f, s);
      given.set(f, [...s].map(formatSpcDate));
    }
  }
  return { dates, given };
}

function targetFor(target: SpcOptions['target'], f: SpcFacet): number | null {
  if (target === undefined || target === null) return null;
  if (typeof target === 'number') return target;
  return Object.hasOwn(target, String(f)) ? (target as Record<string, number>)[String(f)] : null;
}

function facetLabel(f: SpcFacet): string {
  return f === SPC_NO_FACET ? 'the series' : `group "${String(f)}"`;
}

/** The shared engine: validated points in, rows, summary and warnings out. */
function analyse(points: ParsedPoint[], options: SpcOptions, locate: Locate): SpcResult {
  const opts = checkOptions(options);
  const byFacet = new Map<string, { f: SpcFacet; pts: ParsedPoint[] }>();
  for (const p of points) {
    const key = `${typeof p.f}:${String(p.f)}`;
    let g = byFacet.get(key);
    if (!g) byFacet.set(key, (g = { f: p.f, pts: [] }));
    g.pts.push(p);
  }
  const facets = [...byFacet.values()].sort((a, b) => compareFacets(a.f, b.f));
  if (opts.target && typeof opts.target === 'object') {
    const known = new Set(facets.map((g) => String(g.f)));
    for (const k of Object.keys(opts.target)) if (!known.has(k)) throw new HealthgapError(`target: "${k}" is not a value of the facet (group) column`);
  }
  const rebase = parseRebase(
    opts.rebase,
    facets.map((g) => g.f),
  );
  const rows: SpcRow[] = [];
  const summary: SpcSummaryRow[] = [];
  const warnings: string[] = [];
  const short: string[] = [];
  for (const g of facets) {
    const pts = [...g.pts].sort((a, b) => a.t - b.t || a.index - b.index);
    for (let i = 1; i < pts.length; i++) {
      if (pts[i].t === pts[i - 1].t) {
        const first = Math.min(pts[i].index, pts[i - 1].index);
        const second = Math.max(pts[i].index, pts[i - 1].index);
        throw locate.error(
          second,
          'date',
          `the date ${formatSpcDate(pts[i].t)} appears twice${g.f === SPC_NO_FACET ? '' : ` in group "${String(g.f)}"`} (also at ${locate.where(first)}); one value per date${g.f === SPC_NO_FACET ? ' (give a group column for several series)' : ''}`,
        );
      }
    }
    const rebaseDates = rebase.dates.get(String(g.f));
    if (rebaseDates) {
      const have = new Set(pts.map((p) => p.t));
      const missing = [...rebaseDates].filter((t) => !have.has(t)).map(formatSpcDate);
      if (missing.length)
        warnings.push(
          `rebase date${missing.length > 1 ? 's' : ''} ${missing.join(', ')} match${missing.length > 1 ? '' : 'es'} no point of ${facetLabel(g.f)}: ignored there`,
        );
    }
    let rg = 0;
    const groupOf = pts.map((p) => (rebaseDates && rebaseDates.has(p.t) ? ++rg : rg));
    const target = targetFor(opts.target, g.f);
    const segments = [...new Set(groupOf)];
    segments.forEach((seg, si) => {
      const seq = pts.filter((_, i) => groupOf[i] === seg);
      const n = seq.length;
      const fixN = opts.fixAfterNPoints ?? Infinity;
      const fixY = seq.map((p, i) => (i < fixN ? p.y : null));
      const lim = xmrLimits(fixY, { screenOutliers: opts.screenOutliers });
      const y = seq.map((p) => p.y);
      const outside = y.map((v) => (lim.upl !== null && lim.lpl !== null ? v > lim.upl || v < lim.lpl : false));
      const rtm = y.map((v) => (lim.mean === null ? 0 : Math.sign(v - lim.mean)));
      const close = y.map((v, i) => (lim.nupl !== null && lim.nlpl !== null ? !outside[i] && (v < lim.nlpl || v > lim.nupl) : false));
      const types = specialCauseTypes(y, rtm, close, outside);
      const isShort = n < SPC_SHORT_GROUP_THRESHOLD;
      if (isShort) short.push(`${facetLabel(g.f)}${segments.length > 1 || seg !== 0 ? ` (rebase group ${seg})` : ''}: ${n} point${n === 1 ? '' : 's'}`);
      const segRows: SpcRow[] = seq.map((p, i) => ({
        y: p.y,
        x: formatSpcDate(p.t),
        f: g.f,
        trajectory: p.trajectory,
        rebase_group: seg,
        short_group_warning: isShort,
        fix_y: fixY[i],
        mean_col: lim.mean,
        lpl: lim.lpl,
        upl: lim.upl,
        nlpl: lim.nlpl,
        nupl: lim.nupl,
        outside_limits: outside[i],
        relative_to_mean: rtm[i] === 0 ? 0 : rtm[i],
        close_to_limits: close[i],
        special_cause_type: types[i],
        special_cause_flag: types[i] !== 'Common Cause',
        point_type: spcPointType(types[i], opts.improvement),
        target,
        mr: lim.mr[i],
        mr_excluded: lim.excluded[i],
      }));
      rows.push(...segRows);
      const last = segRows[n - 1];
      const lastSegment = si === segments.length - 1;
      const assurance = lastSegment ? spcAssurance(target, last.lpl, last.upl, opts.improvement) : null;
      const icon = spcVariationIcon(last.point_type, opts.improvement);
      summary.push({
        f: g.f,
        rebase_group: seg,
        mean_col: lim.mean,
        lpl: lim.lpl,
        upl: lim.upl,
        n,
        common_cause: segRows.filter((r) => !r.special_cause_flag).length,
        special_cause_improvement: segRows.filter((r) => r.point_type === 'special_cause_improvement').length,
        special_cause_concern: segRows.filter((r) => r.point_type === 'special_cause_concern').length,
        variation_type: last.point_type,
        assurance_type: assurance,
        special_cause_neutral: segRows.filter((r) => r.point_type === 'special_cause_neutral_high' || r.point_type === 'special_cause_neutral_low').length,
        target,
        from: segRows[0].x,
        to: last.x,
        short_group_warning: isShort,
        variation_icon: icon,
        variation_text: SPC_VARIATION_TEXT[icon],
        assurance_text: assurance ? SPC_ASSURANCE_TEXT[assurance] : null,
      });
    });
  }
  if (short.length) {
    warnings.unshift(
      `fewer than 12 points in ${short.join('; ')} (NHSRplotthedots warns below ${SPC_SHORT_GROUP_THRESHOLD}): these have trial limits, which will be revised with each additional point until fixAfterNPoints is reached`,
    );
  }
  return { rows, summary, warnings, options: opts };
}

/**
 * XmR chart of plain points (see the module comment for the method): one row per point with
 * NHSRplotthedots' columns, a summary per facet and rebase segment, and warnings.
 * @example
 * const r = spcSeries([{ x: '2020-01-02', y: -0.56 }, …], { improvement: 'increase' });
 * r.summary[0].mean_col // 0.1416238 on NHSRplotthedots' 20-point test series
 */
export function spcSeries(points: readonly SpcInputPoint[], options: SpcOptions = {}): SpcResult {
  const field = { value: 'y', date: 'x', facet: 'f', trajectory: 'trajectory' } as const;
  const locate: Locate = {
    error: (i, column, problem) => new InputError(problem, { file: `point ${i + 1} passed to spcSeries()`, column: field[column] }),
    where: (i) => `point ${i + 1}`,
  };
  const parsed = points.map((p, i): ParsedPoint => {
    const t = parseSpcDate(p.x);
    if (t === null) throw new InputError(`expected a date (YYYY-MM-DD), found "${String(p.x)}"`, { file: `point ${i + 1} passed to spcSeries()`, column: 'x' });
    if (typeof p.y !== 'number' || !Number.isFinite(p.y))
      throw new InputError(`expected a number, found ${p.y === null || p.y === undefined ? 'a missing value' : `"${String(p.y)}"`}`, {
        file: `point ${i + 1} passed to spcSeries()`,
        column: 'y',
      });
    const tr = p.trajectory ?? null;
    if (tr !== null && !Number.isFinite(tr))
      throw new InputError(`expected a number, found "${String(tr)}"`, { file: `point ${i + 1} passed to spcSeries()`, column: 'trajectory' });
    return { t, y: p.y, f: p.f ?? SPC_NO_FACET, trajectory: tr, index: i };
  });
  return analyse(parsed, options, locate);
}

/** Options of {@link spc}: the column names, then the method's options. */
export interface SpcTableOptions extends SpcOptions {
  /** Column of values. */
  value: string;
  /** Column of dates (text or `Date`). */
  date: string;
  /** Column of facets (groups): one chart per value. */
  facet?: string;
  /** Column of trajectory values. */
  trajectory?: string;
  /** Where the table came from, for messages (the CLI passes the file and its first data line). */
  source?: VerbSource;
  /** The file line of each table row (from the CSV reader), for exact line numbers in messages. */
  lines?: readonly number[];
}

/**
 * XmR chart of an arquero table (NHSRplotthedots `ptd_spc(.data, value_field, date_field,
 * facet_field, rebase, fix_after_n_points, improvement_direction, target, trajectory,
 * screen_outliers)`). Values must be numbers (numeric text is read; a blank, non-numeric
 * or suppressed value is an error naming the row and column), dates must parse, and a date may
 * appear once per facet.
 * @example
 * const r = spc(aq.from(rows), { value: 'performance', date: 'period', facet: 'org_code', improvement: 'increase', target: 0.95 });
 * r.summary.map((s) => [s.f, s.variation_type, s.assurance_type])
 */
export function spc(table: ColumnTable, options: SpcTableOptions): SpcResult {
  const ctx = new VerbContext(table, 'spc', options.source);
  const cols = [options.value, options.date, ...(options.facet ? [options.facet] : []), ...(options.trajectory ? [options.trajectory] : [])];
  ctx.requireColumns(...cols);
  const names: Record<string, string> = { value: options.value, date: options.date, facet: options.facet ?? '', trajectory: options.trajectory ?? '' };
  const lines = options.lines;
  const locate: Locate = {
    error: (raw, column, problem) =>
      lines ? new InputError(problem, { file: ctx.label, row: lines[raw], column: names[column] }) : ctx.error(problem, raw, names[column]),
    where: (raw) =>
      lines
        ? `line ${lines[raw]}`
        : options.source?.firstDataLine !== undefined
          ? `line ${raw + options.source.firstDataLine}`
          : `row ${ctx.rowPosition(raw) + 1}`,
  };
  const idx = table.indices(true);
  const getV = table.getter(options.value);
  const getD = table.getter(options.date);
  const getF = options.facet ? table.getter(options.facet) : null;
  const getT = options.trajectory ? table.getter(options.trajectory) : null;
  const num = (v: unknown): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
    if (typeof v === 'string' && /^\s*[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*$/.test(v)) return Number(v.replace(/,/g, ''));
    return null;
  };
  const shown = (v: unknown) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? 'a blank cell' : `"${String(v)}"`);
  const parsed: ParsedPoint[] = [];
  for (let k = 0; k < idx.length; k++) {
    const raw = idx[k];
    const dv = getD(raw);
    const t = parseSpcDate(dv);
    if (t === null) throw locate.error(raw, 'date', `expected a date (YYYY-MM-DD, YYYY-MM or DD/MM/YYYY), found ${shown(dv)}`);
    const vv = getV(raw);
    const y = num(vv);
    if (y === null)
      throw locate.error(raw, 'value', `expected a number, found ${shown(vv)} (SPC needs a value for every date: drop the row or fill the value)`);
    let trajectory: number | null = null;
    if (getT) {
      const tv = getT(raw);
      if (!(tv === null || tv === undefined || (typeof tv === 'string' && tv.trim() === ''))) {
        trajectory = num(tv);
        if (trajectory === null) throw locate.error(raw, 'trajectory', `expected a number or a blank cell, found ${shown(tv)}`);
      }
    }
    let f: SpcFacet = SPC_NO_FACET;
    if (getF) {
      const fv = getF(raw);
      if (fv === null || fv === undefined || (typeof fv === 'string' && fv.trim() === ''))
        throw locate.error(raw, 'facet', 'blank group value: every row needs a group');
      f = typeof fv === 'number' ? fv : String(fv);
    }
    parsed.push({ t, y, f, trajectory, index: raw });
  }
  if (parsed.length === 0) throw new HealthgapError(`${ctx.label}: no rows to chart`);
  return analyse(parsed, options, locate);
}

/** The rows of a result as an arquero table (NHSRplotthedots' column order, then `nlpl`, `nupl`, `mr`, `mr_excluded` beside their kin). */
export function spcTable(result: SpcResult): ColumnTable {
  const order: (keyof SpcRow)[] = [
    'y',
    'x',
    'f',
    'trajectory',
    'rebase_group',
    'short_group_warning',
    'fix_y',
    'mean_col',
    'lpl',
    'upl',
    'nlpl',
    'nupl',
    'outside_limits',
    'relative_to_mean',
    'close_to_limits',
    'special_cause_type',
    'special_cause_flag',
    'point_type',
    'target',
    'mr',
    'mr_excluded',
  ];
  return aq.table(Object.fromEntries(order.map((k) => [k, result.rows.map((r) => r[k])])));
}

/** The summary of a result as an arquero table. */
export function spcSummaryTable(result: SpcResult): ColumnTable {
  const order: (keyof SpcSummaryRow)[] = [
    'f',
    'rebase_group',
    'mean_col',
    'lpl',
    'upl',
    'n',
    'common_cause',
    'special_cause_improvement',
    'special_cause_concern',
    'variation_type',
    'assurance_type',
    'special_cause_neutral',
    'target',
    'from',
    'to',
    'short_group_warning',
    'variation_icon',
    'variation_text',
    'assurance_text',
  ];
  return aq.table(Object.fromEntries(order.map((k) => [k, result.summary.map((r) => r[k])])));
}
