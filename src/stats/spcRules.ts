/**
 * The NHS England "Making Data Count" special-cause rules for an XmR chart, as NHSRplotthedots
 * 0.2.0 applies them (nhs-r-community/NHSRplotthedots, MIT, `R/ptd_calculate_point_type.R`;
 * learnt from the source, not copied). Every function works on the points of ONE chart segment
 * (one facet, one rebase group) in date order.
 *
 * The rules and their precedence (the first that applies names the point):
 * 1. **Outside the limits**: the value is above the upper or below the lower process limit
 *    (strictly) → `Above UCL` / `Below LCL`.
 * 2. **Trend of 7**: seven consecutive points each strictly higher (or lower) than the one
 *    before; every point of the run is flagged, and a run longer than 7 flags all its points →
 *    `7 Point Trend (Increasing)` / `(Decreasing)`. A tie breaks the run.
 * 3. **Two of three beyond 2σ**: in some window of three consecutive points that all lie on the
 *    same side of the mean, at least two are "close to the limits" (beyond the 2σ line, i.e.
 *    2/3 of the way from the mean to a limit, but not outside the limits); only those close
 *    points are flagged → `2 in 3 Above CL` / `2 in 3 Below CL`. Points outside the limits do
 *    not count towards the two, and a window running past the segment's ends never qualifies.
 * 4. **Run of 7 on one side**: seven consecutive points all above (or all below) the mean; a
 *    point on the mean breaks the run; every point of the run is flagged → `7 Points Above CL` /
 *    `7 Points Below CL`.
 * Otherwise `Common Cause`.
 *
 * For a point that belongs to two adjacent trends (the peak between a rise and a fall) the
 * label follows the step to the NEXT point, as NHSRplotthedots does.
 */

/** The special-cause label of a point, exactly as NHSRplotthedots writes it. */
export type SpcSpecialCauseType =
  | 'Above UCL'
  | 'Below LCL'
  | '7 Point Trend (Increasing)'
  | '7 Point Trend (Decreasing)'
  | '2 in 3 Above CL'
  | '2 in 3 Below CL'
  | '7 Points Above CL'
  | '7 Points Below CL'
  | 'Common Cause';

/** What a point means once the improvement direction is known (NHSRplotthedots `point_type`). */
export type SpcPointType = 'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neutral_high' | 'special_cause_neutral_low';

/** Which way is better: higher values, lower values, or neither. */
export type SpcImprovement = 'increase' | 'decrease' | 'neutral';

/** Number of points in a run or a trend. */
export const SPC_RUN_LENGTH = 7;

/**
 * 1 (or −1) at each point that ENDS a run of 7 points on the same side of the mean
 * (`relativeToMean` is the sign of value − mean: 1, −1 or 0), else 0.
 * @example sevenPointOneSideOfMean([1, 1, 1, 1, 1, 1, 1, 1, -1]) // [0, 0, 0, 0, 0, 0, 1, 1, 0]
 */
export function sevenPointOneSideOfMean(relativeToMean: readonly number[]): number[] {
  return relativeToMean.map((s, i) => {
    if (s === 0 || i < SPC_RUN_LENGTH - 1) return 0;
    for (let k = 1; k < SPC_RUN_LENGTH; k++) if (relativeToMean[i - k] !== s) return 0;
    return 1;
  });
}

/**
 * 1 (or −1) at each point that ENDS a strictly rising (falling) run of 7 points, else 0.
 * @example sevenPointTrend([1, 2, 3, 4, 5, 6, 7]) // [0, 0, 0, 0, 0, 0, 1]
 */
export function sevenPointTrend(values: readonly number[]): number[] {
  return values.map((_, i) => {
    if (i < SPC_RUN_LENGTH - 1) return 0;
    let up = true;
    let down = true;
    for (let k = i - SPC_RUN_LENGTH + 2; k <= i; k++) {
      const d = values[k] - values[k - 1];
      if (!(d > 0)) up = false;
      if (!(d < 0)) down = false;
    }
    return up ? 1 : down ? -1 : 0;
  });
}

/**
 * Spread run ends (from {@link sevenPointTrend} or {@link sevenPointOneSideOfMean}) to the whole
 * run: 1 where this point or one of the next 6 ends a run, else 0.
 * @example partOfSevenRun([0, 0, 0, 0, 0, 0, 1, 0]) // [1, 1, 1, 1, 1, 1, 1, 0]
 */
export function partOfSevenRun(runEnds: readonly number[]): number[] {
  return runEnds.map((_, i) => {
    for (let k = i; k < Math.min(runEnds.length, i + SPC_RUN_LENGTH); k++) if (Math.abs(runEnds[k]) === 1) return 1;
    return 0;
  });
}

/**
 * 1 at each point that lies in a window of three consecutive points, all on the same side of
 * the mean, of which at least two are close to the limits; else 0. Positions before the first
 * and after the last point count as neither close nor on a side.
 * @example twoInThree([0, 0, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1]) // [0, 1, 1, 1, 1, 0, 0]
 */
export function twoInThree(closeToLimits: readonly (number | boolean)[], relativeToMean: readonly number[]): number[] {
  const n = closeToLimits.length;
  const close = (j: number) => (j >= 0 && j < n && closeToLimits[j] ? 1 : 0);
  const side = (j: number) => (j >= 0 && j < n ? (relativeToMean[j] ?? 0) : 0);
  const window = (start: number) => close(start) + close(start + 1) + close(start + 2) >= 2 && Math.abs(side(start) + side(start + 1) + side(start + 2)) === 3;
  return Array.from({ length: n }, (_, i) => (window(i - 2) || window(i - 1) || window(i) ? 1 : 0));
}

/**
 * The special-cause label of every point of one segment (see the module comment for the rules
 * and their precedence).
 * @example specialCauseTypes([1, 2, 3], [-1, 0, 1], [false, false, false], [false, false, false]) // ['Common Cause', 'Common Cause', 'Common Cause']
 */
export function specialCauseTypes(
  values: readonly number[],
  relativeToMean: readonly number[],
  closeToLimits: readonly boolean[],
  outsideLimits: readonly boolean[],
): SpcSpecialCauseType[] {
  const n = values.length;
  const trend = partOfSevenRun(sevenPointTrend(values));
  const pairs = twoInThree(closeToLimits, relativeToMean);
  const twoOfThree = pairs.map((v, i) => (v === 1 && closeToLimits[i] ? 1 : 0));
  const oneSide = partOfSevenRun(sevenPointOneSideOfMean(relativeToMean));
  const step = (a: number, b: number) => Math.sign(values[b] - values[a]);
  return values.map((_, i) => {
    const above = relativeToMean[i] > 0;
    if (outsideLimits[i]) return relativeToMean[i] === 1 ? 'Above UCL' : 'Below LCL';
    if (trend[i]) {
      // Direction of the trend at this point: the step to the next point when that point is in a
      // trend too, else the step from the previous point.
      const dir = i + 1 < n && trend[i + 1] ? step(i, i + 1) : i > 0 ? step(i - 1, i) : 0;
      return dir === 1 ? '7 Point Trend (Increasing)' : '7 Point Trend (Decreasing)';
    }
    if (twoOfThree[i]) return above ? '2 in 3 Above CL' : '2 in 3 Below CL';
    if (oneSide[i]) return above ? '7 Points Above CL' : '7 Points Below CL';
    return 'Common Cause';
  });
}

/**
 * Turn a special-cause label into improvement, concern or neutral high/low for the given
 * improvement direction (`Above…`/`…Increasing` are high, `Below…`/`…Decreasing` low).
 * @example spcPointType('Above UCL', 'decrease') // 'special_cause_concern'
 */
export function spcPointType(type: SpcSpecialCauseType, improvement: SpcImprovement): SpcPointType {
  const high = /Above|Increasing/.test(type) ? 1 : /Below|Decreasing/.test(type) ? -1 : 0;
  if (high === 0) return 'common_cause';
  if (improvement === 'neutral') return high > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  const better = high * (improvement === 'increase' ? 1 : -1);
  return better > 0 ? 'special_cause_improvement' : 'special_cause_concern';
}
