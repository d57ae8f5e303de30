/**
 * Indirectly standardised ratios (SMR-type) and rates, as PHEindicatormethods 2.1.0
 * `calculate_ISRatio` and `calculate_ISRate`.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { normaliseConfidence, poissonCountInterval, type ConfidenceInput } from './confidence.js';
import {
  VerbContext,
  buildOutput,
  checkOutputType,
  ciColumns,
  formatMultiplier,
  metaColumns,
  type OutputColumn,
  type OutputType,
  type VerbSource,
} from './verb.js';

/** Options shared by {@link isrRatio} and {@link isrRate}. */
export interface IsrOptions {
  /**
   * Column of observed events per category (age band). With `observedTotals`, the column of
   * that table holding each group's all-age observed total instead.
   */
  x: string;
  /** Column of local populations per category (0 is allowed; NA counts as 0). */
  n: string;
  /** Reference events per category: a column name, or values matched by position within each group. NA counts as 0. */
  xRef: string | readonly number[];
  /** Reference populations per category: a column name, or values matched by position within each group. Must be > 0. */
  nRef: string | readonly number[];
  /**
   * All-age observed totals when events are not available by age band (PHEim `observed_totals`,
   * issue #55): a table with the column `x` and the group columns of `table`, one row per group.
   * A group with no row gets NA results.
   */
  observedTotals?: ColumnTable;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/** Options for {@link isrRatio}. */
export interface IsrRatioOptions extends IsrOptions {
  /** Value of the ratio for the reference population: 1 (default), or 100 for a ×100 SMR. */
  refvalue?: number;
}

/** Options for {@link isrRate}. */
export interface IsrRateOptions extends IsrOptions {
  /** Rate per this many: 100000 (default). */
  multiplier?: number;
}

/** Observed/expected with exact (O < 10) or Byar's limits on O, scaled by `scale / E`. */
function scaledPoisson(O: number, E: number, scale: number, level: number): { value: number; lower: number; upper: number } {
  const value = (O / E) * scale;
  if (O !== O || E !== E) return { value: NaN, lower: NaN, upper: NaN };
  const ci = poissonCountInterval(O, level);
  return { value, lower: ci.lower === null ? NaN : (ci.lower / E) * scale, upper: ci.upper === null ? NaN : (ci.upper / E) * scale };
}

/**
 * Indirectly standardised ratio O/E × refvalue with confidence limits for one level: exact
 * (chi-squared) limits on O when O < 10, Byar's from 10, each divided by E and × refvalue.
 * Reference: Breslow & Day (1987) vol. II; PHEindicatormethods `calculate_ISRatio`.
 *
 * @example isrRatioWithCI(895, 835.8835612311743, 0.95, 100) // value 107.072…, lower 100.171…, upper 114.323…
 */
export function isrRatioWithCI(
  observed: number,
  expected: number,
  confidence = 0.95,
  refvalue = 1,
): { value: number; lower: number | null; upper: number | null; method: 'Exact' | 'Byars' } {
  const [level] = normaliseConfidence(confidence);
  if (!(observed >= 0)) throw new HealthgapError(`isrRatio: observed must be 0 or more, found ${observed}`);
  const r = scaledPoisson(observed, expected, refvalue, level);
  return {
    value: r.value,
    lower: Number.isNaN(r.lower) ? null : r.lower,
    upper: Number.isNaN(r.upper) ? null : r.upper,
    method: observed < 10 ? 'Exact' : 'Byars',
  };
}

/**
 * Indirectly standardised rate O/E × reference rate with confidence limits for one level (limits
 * as {@link isrRatioWithCI} with refvalue = the reference rate, e.g. per 100,000).
 * Reference: PHEindicatormethods `calculate_ISRate`.
 *
 * @example isrRateWithCI(895, 835.8835612311743, 9349.88309221102) // value 10011.137…
 */
export function isrRateWithCI(
  observed: number,
  expected: number,
  refRate: number,
  confidence = 0.95,
): { value: number; lower: number | null; upper: number | null; method: 'Exact' | 'Byars' } {
  return isrRatioWithCI(observed, expected, confidence, refRate);
}

interface IsrCore {
  ctx: VerbContext;
  type: OutputType;
  levels: number[];
  observed: Float64Array;
  expected: Float64Array;
  /** Σ xRef / Σ nRef per group (a proportion, before any multiplier). */
  refRate: Float64Array;
}

/** Shared work of isrRatio/isrRate: validation, expected events, observed (per band or totals). */
function isrCore(table: ColumnTable, options: IsrOptions, fn: string): IsrCore {
  const ctx = new VerbContext(table, fn, options.source);
  const type = checkOutputType(options.type);
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  const g = ctx.groups;
  const idx = table.indices(true);

  const n = ctx.numeric(options.n);
  ctx.check(n, options.n, (v) => v >= 0, 'a population of 0 or more');

  // Reference data: columns, or vectors matched by position within each group.
  const refArray = (ref: string | readonly number[], what: string): Float64Array => {
    if (typeof ref === 'string') return ctx.numeric(ref);
    const out = new Float64Array(table.totalRows()).fill(NaN);
    for (let k = 0; k < g.size; k++) {
      const rows = g.rows[k];
      if (rows.length !== ref.length) {
        const grp = g.names.length ? `group ${g.names.map((nm, j) => `${nm} = ${String(g.keys[j][k])}`).join(', ')}` : 'the table';
        throw ctx.error(
          `${grp} has ${rows.length} rows but ${what} has ${ref.length} values: reference values are matched by position, so every group needs exactly one row per category`,
        );
      }
      for (let i = 0; i < rows.length; i++) out[rows[i]] = ref[i];
    }
    return out;
  };
  const xRef = refArray(options.xRef, 'xRef');
  const nRef = refArray(options.nRef, 'nRef');
  const xRefName = typeof options.xRef === 'string' ? options.xRef : 'xRef';
  const nRefName = typeof options.nRef === 'string' ? options.nRef : 'nRef';
  ctx.check(xRef, xRefName, (v) => v >= 0, 'reference events of 0 or more');
  for (let i = 0; i < idx.length; i++) {
    const v = nRef[idx[i]];
    if (!(v > 0)) throw ctx.error(`expected a reference population greater than 0, found ${v !== v ? 'NA' : v}`, idx[i], nRefName);
  }

  const expected = new Float64Array(g.size);
  const refRate = new Float64Array(g.size);
  for (let k = 0; k < g.size; k++) {
    const rows = g.rows[k];
    let e = 0;
    let sx = 0;
    let sn = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const xr = xRef[r] === xRef[r] ? xRef[r] : 0;
      const nl = n[r] === n[r] ? n[r] : 0;
      e += (xr / nRef[r]) * nl;
      sx += xr;
      sn += nRef[r];
    }
    expected[k] = e;
    refRate[k] = sx / sn;
  }

  let observed: Float64Array;
  if (!options.observedTotals) {
    const x = ctx.numeric(options.x);
    ctx.check(x, options.x, (v) => v >= 0, 'a count of 0 or more');
    observed = new Float64Array(g.size);
    for (let k = 0; k < g.size; k++) {
      let s = 0;
      const rows = g.rows[k];
      for (let i = 0; i < rows.length; i++) if (x[rows[i]] === x[rows[i]]) s += x[rows[i]];
      observed[k] = s;
    }
  } else {
    observed = joinObservedTotals(ctx, options.observedTotals, options.x, fn);
  }
  return { ctx, type, levels, observed, expected, refRate };
}

/** Look up each group's observed total in `totals` (keyed by the group columns). */
function joinObservedTotals(ctx: VerbContext, totals: ColumnTable, x: string, fn: string): Float64Array {
  const tctx = new VerbContext(totals.ungroup(), fn, { file: `observedTotals table passed to ${fn}()` });
  const g = ctx.groups;
  tctx.requireColumns(x, ...g.names);
  const obs = tctx.numeric(x);
  tctx.check(obs, x, (v) => v >= 0, 'an observed total of 0 or more');
  const tIdx = totals.indices(true);
  const keyCols = g.names.map((nm) => totals.column(nm)!);
  const lookup = new Map<string, number>();
  for (let i = 0; i < tIdx.length; i++) {
    const r = tIdx[i];
    const key = keyCols.map((c) => String(c.at(r))).join('\u0001');
    if (lookup.has(key))
      throw tctx.error(`more than one row for the group ${g.names.map((nm, j) => `${nm} = ${String(keyCols[j].at(r))}`).join(', ') || '(ungrouped table)'}`, r);
    lookup.set(key, obs[r]);
  }
  const observed = new Float64Array(g.size);
  for (let k = 0; k < g.size; k++) {
    const key = g.names.map((_, j) => String(g.keys[j][k])).join('\u0001');
    const v = lookup.get(key);
    observed[k] = v === undefined ? NaN : v;
  }
  return observed;
}

/** Value, limits and method columns from observed, expected and a per-group scale. */
function isrColumns(
  core: IsrCore,
  scale: (k: number) => number,
): { value: Float64Array; lower: Float64Array[]; upper: Float64Array[]; method: (string | null)[] } {
  const size = core.observed.length;
  const value = new Float64Array(size);
  const method = new Array<string | null>(size);
  const lower = core.levels.map(() => new Float64Array(size));
  const upper = core.levels.map(() => new Float64Array(size));
  for (let k = 0; k < size; k++) {
    const O = core.observed[k];
    method[k] = O !== O ? null : O < 10 ? 'Exact' : 'Byars';
    core.levels.forEach((level, j) => {
      const r = scaledPoisson(O, core.expected[k], scale(k), level);
      value[k] = r.value;
      lower[j][k] = r.lower;
      upper[j][k] = r.upper;
    });
  }
  return { value, lower, upper, method };
}

/**
 * Indirectly standardised ratios (e.g. SMRs) with confidence limits, as PHEim
 * `calculate_ISRatio` (2.1.0): one row per group with the group columns, `observed`, `expected`,
 * `value`, the limits, `confidence`, `statistic` ("indirectly standardised ratio x 1") and
 * `method` ("Exact" when observed < 10, else "Byars").
 *
 * expected E = Σ (xRefᵢ / nRefᵢ) · nᵢ; observed O = Σ xᵢ (NA as 0) or the group's row of
 * `observedTotals`; value = O/E × refvalue; limits = exact or Byar's limits of O, / E × refvalue.
 * Rules: x ≥ 0; n ≥ 0 (0 allowed; NA counts as 0); xRef ≥ 0 (NA as 0); nRef > 0 (healthgap
 * refuses 0 or NA, where PHEim would return Inf/NA silently).
 * References: Breslow & Day (1987) vol. II; PHEindicatormethods `calculate_ISRatio`; OHID
 * technical guidance on indirect standardisation.
 *
 * @example
 * isrRatio(deaths.groupby('area'), { x: 'count', n: 'pop', xRef: 'refcount', nRef: 'refpop', refvalue: 100 })
 * // testdata_big: observed 895, expected 835.88, value 107.07 (100.17 to 114.32)
 */
export function isrRatio(table: ColumnTable, options: IsrRatioOptions): ColumnTable {
  const refvalue = options.refvalue ?? 1;
  if (!Number.isFinite(refvalue) || refvalue <= 0) throw new HealthgapError(`isrRatio: refvalue must be a number greater than 0, found ${refvalue}`);
  const core = isrCore(table, options, 'isrRatio');
  const { value, lower, upper, method } = isrColumns(core, () => refvalue);
  const size = core.observed.length;
  const cols: OutputColumn[] = [
    ...core.ctx.groupColumns(),
    { name: 'observed', role: 'aux', values: core.observed },
    { name: 'expected', role: 'aux', values: core.expected },
    { name: 'value', role: 'value', values: value },
    ...ciColumns(core.levels, lower, upper),
    ...metaColumns(size, core.levels, `indirectly standardised ratio x ${formatMultiplier(refvalue)}`, method as string[]),
  ];
  return buildOutput(cols, core.type);
}

/**
 * Indirectly standardised rates with confidence limits, as PHEim `calculate_ISRate` (2.1.0): one
 * row per group with the group columns, `observed`, `expected`, `ref_rate`, `value`, the limits,
 * `confidence`, `statistic` ("indirectly standardised rate per 100000") and `method`.
 *
 * ref_rate = Σ xRef / Σ nRef × multiplier; value = O/E × ref_rate; limits = exact (O < 10) or
 * Byar's limits of O, / E × ref_rate. E, O and the rules as {@link isrRatio}.
 * Reference: PHEindicatormethods `calculate_ISRate`.
 *
 * @example
 * isrRate(deaths.groupby('area'), { x: 'count', n: 'pop', xRef: refcounts, nRef: refpops })
 * // testdata_big: value 10011.14 per 100,000 (9365.92 to 10689.10)
 */
export function isrRate(table: ColumnTable, options: IsrRateOptions): ColumnTable {
  const multiplier = options.multiplier ?? 100000;
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new HealthgapError(`isrRate: multiplier must be a number greater than 0, found ${multiplier}`);
  const core = isrCore(table, options, 'isrRate');
  const refRate = core.refRate.map((r) => r * multiplier);
  const { value, lower, upper, method } = isrColumns(core, (k) => refRate[k]);
  const size = core.observed.length;
  const cols: OutputColumn[] = [
    ...core.ctx.groupColumns(),
    { name: 'observed', role: 'aux', values: core.observed },
    { name: 'expected', role: 'aux', values: core.expected },
    { name: 'ref_rate', role: 'aux', values: refRate },
    { name: 'value', role: 'value', values: value },
    ...ciColumns(core.levels, lower, upper),
    ...metaColumns(size, core.levels, `indirectly standardised rate per ${formatMultiplier(multiplier)}`, method as string[]),
  ];
  return buildOutput(cols, core.type);
}

// Old names, kept for one release: `isRatio`/`isRate` read as predicates among the real `is*`
// predicates, so the indirectly standardised ratio and rate are `isrRatio`/`isrRate`.
/** @deprecated Renamed {@link isrRatio}; kept for one release. */
export const isRatio = isrRatio;
/** @deprecated Renamed {@link isrRate}; kept for one release. */
export const isRate = isrRate;
/** @deprecated Renamed {@link isrRatioWithCI}; kept for one release. */
export const isRatioWithCI = isrRatioWithCI;
/** @deprecated Renamed {@link isrRateWithCI}; kept for one release. */
export const isRateWithCI = isrRateWithCI;
/** @deprecated Renamed {@link IsrRatioOptions}; kept for one release. */
export type IsRatioOptions = IsrRatioOptions;
/** @deprecated Renamed {@link IsrRateOptions}; kept for one release. */
export type IsRateOptions = IsrRateOptions;
