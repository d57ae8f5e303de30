/**
 * Directly standardised rates (DSRs) with Dobson confidence limits, as PHEindicatormethods 2.1.0
 * `calculate_dsr` (and the deprecated `phe_dsr`, which matched ESP 2013 by position).
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { ESP2013_AGE_BANDS_19 } from '../io/agebands.js';
import { SMALL_COUNT_THRESHOLD, byarsLower, byarsUpper, normaliseConfidence, type ConfidenceInput } from './confidence.js';
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

/**
 * European Standard Population 2013 in the 19 bands PHEim uses (0-4, 5-9, ..., 85-89, 90+; ESP
 * bands 0 and 1-4 merged, 90-94 and 95+ merged). Sums to 100,000. Source: Eurostat (2013)
 * "Revision of the European Standard Population"; PHEindicatormethods `esp2013`.
 */
export const ESP2013: readonly number[] = Object.freeze([
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
]);

/**
 * Labels of the 19 {@link ESP2013} bands, in the same order: "0-4", "5-9", ..., "85-89", "90+"
 * (the same list as `ESP2013_AGE_BANDS_19` in src/io/agebands.ts).
 */
export const ESP2013_AGE_BANDS: readonly string[] = ESP2013_AGE_BANDS_19;

/** The `statistic` PHEim writes for a suppressed DSR (total count below 10). */
export const DSR_SUPPRESSED_STATISTIC = 'dsr NA for total count < 10';

/** The `statistic` healthgap writes when `zeroPopulation: 'na'` turns a group to NA. */
export const DSR_ZERO_POPULATION_STATISTIC = 'dsr NA for population of 0 or NA';

/** `method` text for the non-independent events variant (as PHEim). */
export const DSR_NONINDEPENDENT_METHOD = 'Dobson, with confidence adjusted for non-independent events';

/** Options for {@link dsr}. */
export interface DsrOptions {
  /**
   * Column of event counts per standardisation category (e.g. age band). For non-independent
   * events (`independentEvents: false`): the number of PEOPLE with `eventFrequency` events.
   */
  x: string;
  /** Column of populations per category. */
  n: string;
  /** Column of standard populations per category. Give this or `stdpopValues`. */
  stdpop?: string;
  /**
   * Standard populations matched BY POSITION within each group (e.g. {@link ESP2013} for 19
   * bands in order 0-4 ... 90+): every group must have exactly this many rows (for
   * non-independent events: every group × event frequency).
   */
  stdpopValues?: readonly number[];
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** Rate per this many: 100000 (default). */
  multiplier?: number;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** false = events are not independent (a person may have several): needs `eventFrequency` and `ageBand`. Default true. */
  independentEvents?: boolean;
  /** Column holding the event frequency f (1, 2, 3, ...) of each row; non-independent events only. */
  eventFrequency?: string;
  /** Column holding the standardisation category (age band); non-independent events only. */
  ageBand?: string;
  /**
   * What to do with a population of 0 or NA. `'error'` (default, as PHEim 2.1.0) throws an
   * InputError naming the row. `'na'` returns NA value and limits for that group (statistic
   * {@link DSR_ZERO_POPULATION_STATISTIC}), as analysts asked in PHEim issue #32 (e.g. an IMD
   * quintile with no LSOAs in a local authority). Negative populations are always an error.
   */
  zeroPopulation?: 'error' | 'na';
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/** Result of one DSR. */
export interface DsrResult {
  total_count: number;
  total_pop: number;
  value: number | null;
  /** Limits for each requested level, in order. */
  lower: (number | null)[];
  upper: (number | null)[];
  statistic: string;
}

/**
 * Dobson limits and suppression for one group, from its totals.
 * value = wt/Σw × m; limit = value + √(V/O)·(Byar(O) − O)·m, V the variance of the DSR (as a
 * proportion), O the total count; value and limits NA when O < 10.
 */
function dobson(
  O: number,
  valueRate: number,
  variance: number,
  levels: readonly number[],
  multiplier: number,
): { value: number; lower: number[]; upper: number[]; suppressed: boolean } {
  if (!(O >= SMALL_COUNT_THRESHOLD)) {
    return { value: NaN, lower: levels.map(() => NaN), upper: levels.map(() => NaN), suppressed: true };
  }
  const value = valueRate * multiplier;
  const s = Math.sqrt(variance / O);
  const lower = levels.map((c) => {
    const b = byarsLower(O, c);
    return b === null ? NaN : value + s * (b - O) * multiplier;
  });
  const upper = levels.map((c) => value + s * (byarsUpper(O, c) - O) * multiplier);
  return { value, lower, upper, suppressed: false };
}

/**
 * One directly standardised rate from arrays for its categories (age bands), with Dobson limits.
 *
 * DSR = Σ(xᵢ·wᵢ/nᵢ) / Σwᵢ × multiplier; V = Σ xᵢ(wᵢ/nᵢ)² / (Σwᵢ)²; limits = DSR + √(V/O)·(B(O) − O)
 * × multiplier where O = Σxᵢ and B is Byar's lower/upper limit for O. Suppressed (value and limits
 * null, statistic "dsr NA for total count < 10") when O < 10. NA counts count as 0; populations
 * must be > 0 and standard populations ≥ 0.
 * References: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J (1991) Stat Med 10:457-462; Breslow &
 * Day (1987) vol. II; PHEindicatormethods `calculate_dsr`; OHID Fingertips technical guidance.
 *
 * @example dsrWithCI([127, 25, ...], [636, 558, ...], ESP2013, 0.95, 100000)
 * // testdata_big: value 10430.248, lower 9717.709, upper 11178.941
 */
export function dsrWithCI(
  x: readonly (number | null)[],
  n: readonly number[],
  stdpop: readonly number[],
  confidence: ConfidenceInput = 0.95,
  multiplier = 100000,
): DsrResult {
  const levels = normaliseConfidence(confidence);
  if (x.length !== n.length || n.length !== stdpop.length) {
    throw new HealthgapError(`dsr: x, n and stdpop must have the same length (found ${x.length}, ${n.length}, ${stdpop.length})`);
  }
  let O = 0;
  let pop = 0;
  let sumw = 0;
  let wt = 0;
  let sq = 0;
  for (let i = 0; i < n.length; i++) {
    const xi = x[i] === null || Number.isNaN(x[i]) ? 0 : (x[i] as number);
    if (xi < 0) throw new HealthgapError(`dsr: counts must be 0 or more, found ${xi} at position ${i + 1}`);
    if (!(n[i] > 0)) throw new HealthgapError(`dsr: populations must be greater than 0, found ${n[i]} at position ${i + 1}`);
    if (!(stdpop[i] >= 0)) throw new HealthgapError(`dsr: standard populations must be 0 or more, found ${stdpop[i]} at position ${i + 1}`);
    const r = stdpop[i] / n[i];
    O += xi;
    pop += n[i];
    sumw += stdpop[i];
    wt += xi * r;
    sq += xi * r * r;
  }
  const d = dobson(O, wt / sumw, sq / (sumw * sumw), levels, multiplier);
  const nn = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    total_count: O,
    total_pop: pop,
    value: nn(d.value),
    lower: d.lower.map(nn),
    upper: d.upper.map(nn),
    statistic: d.suppressed ? DSR_SUPPRESSED_STATISTIC : `dsr per ${formatMultiplier(multiplier)}`,
  };
}

/**
 * Directly standardised rates with Dobson confidence limits, as PHEim `calculate_dsr` (2.1.0):
 * one row per group (one row for an ungrouped table) with the group columns, `total_count`,
 * `total_pop`, `value`, the limits, `confidence`, `statistic` ("dsr per 100000") and `method`
 * ("Dobson"). Formula: see {@link dsrWithCI}.
 *
 * Rules, as PHEim: counts ≥ 0 (NA counts count as 0); populations > 0 and not NA (see
 * `zeroPopulation` for the PHEim issue #32 alternative); standard populations ≥ 0 and not NA.
 * A group whose total count is below 10 is suppressed (value and limits NA, statistic
 * "dsr NA for total count < 10"). Groups may have different numbers of categories when the
 * standard population is a column.
 *
 * Non-independent events (`independentEvents: false`, e.g. people admitted more than once): each
 * row holds, for one group × age band × event frequency f, the number of people x with f events.
 * Events per band = Σ f·x; the DSR is computed from those events; the variance is
 * V = Σ_f f²·V_f, V_f the Dobson variance computed from the people with frequency f alone; the
 * limits use O = total events. `method` = "Dobson, with confidence adjusted for non-independent
 * events". Population and standard population must be the same on every row of a group × band.
 *
 * @example
 * // ESP 2013 by position, 19 rows per area in band order 0-4 ... 90+
 * dsr(deaths.groupby('area_code'), { x: 'deaths', n: 'population', stdpopValues: ESP2013 })
 * // or a standard population column:
 * dsr(table.groupby('area_code', 'sex'), { x: 'count', n: 'pop', stdpop: 'esp', confidence: [0.95, 0.998] })
 */
export function dsr(table: ColumnTable, options: DsrOptions): ColumnTable {
  const ctx = new VerbContext(table, 'dsr', options.source);
  const type = checkOutputType(options.type);
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  const multiplier = options.multiplier ?? 100000;
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new HealthgapError(`dsr: multiplier must be a number greater than 0, found ${multiplier}`);
  const zeroPop = options.zeroPopulation ?? 'error';
  if (zeroPop !== 'error' && zeroPop !== 'na') throw new HealthgapError(`dsr: zeroPopulation must be "error" or "na" (found "${zeroPop}")`);
  const independent = options.independentEvents ?? true;
  if (options.stdpop === undefined && options.stdpopValues === undefined) {
    throw new HealthgapError('dsr: give the standard population, as a column (stdpop) or as values by position (stdpopValues, e.g. ESP2013)');
  }
  if (options.stdpop !== undefined && options.stdpopValues !== undefined) {
    throw new HealthgapError('dsr: give stdpop (a column) or stdpopValues, not both');
  }
  if (!independent && (!options.eventFrequency || !options.ageBand)) {
    throw new HealthgapError('dsr: non-independent events (independentEvents: false) need the eventFrequency and ageBand columns');
  }
  ctx.requireColumns(options.x, options.n, ...(options.stdpop ? [options.stdpop] : []), ...(!independent ? [options.eventFrequency!, options.ageBand!] : []));

  const x = ctx.numeric(options.x);
  const n = ctx.numeric(options.n);
  ctx.check(x, options.x, (v) => v >= 0, 'a count of 0 or more');
  ctx.check(n, options.n, (v) => v >= 0, 'a population greater than 0');
  if (zeroPop === 'error') {
    const idx = table.indices(true);
    for (let i = 0; i < idx.length; i++) {
      const v = n[idx[i]];
      if (!(v > 0)) {
        throw ctx.error(
          `expected a population greater than 0, found ${v !== v ? 'NA' : v} (use zeroPopulation: 'na' to return NA for such groups; see PHEindicatormethods issue #32)`,
          idx[i],
          options.n,
        );
      }
    }
  }
  const freq = !independent ? ctx.numeric(options.eventFrequency!) : null;
  if (freq) {
    const idx = table.indices(true);
    for (let i = 0; i < idx.length; i++)
      if (freq[idx[i]] !== freq[idx[i]]) throw ctx.error('expected an event frequency, found NA', idx[i], options.eventFrequency);
    ctx.check(freq, options.eventFrequency!, (v) => v >= 0, 'an event frequency of 0 or more');
  }

  // Standard population: a column, or values by position within each group (× event frequency).
  const g = ctx.groups;
  let w: Float64Array;
  if (options.stdpop) {
    w = ctx.numeric(options.stdpop);
    const idx = table.indices(true);
    for (let i = 0; i < idx.length; i++) if (w[idx[i]] !== w[idx[i]]) throw ctx.error('expected a standard population, found NA', idx[i], options.stdpop);
    ctx.check(w, options.stdpop, (v) => v >= 0, 'a standard population of 0 or more');
  } else {
    const sv = options.stdpopValues!;
    sv.forEach((v, i) => {
      if (!(v >= 0)) throw new HealthgapError(`dsr: stdpopValues must all be 0 or more, found ${v} at position ${i + 1}`);
    });
    w = new Float64Array(table.totalRows()).fill(NaN);
    for (let k = 0; k < g.size; k++) {
      const subsets = freq ? splitBy(g.rows[k], freq) : [g.rows[k]];
      for (const rows of subsets) {
        if (rows.length !== sv.length) {
          const what = g.names.length ? `group ${g.names.map((nm, j) => `${nm} = ${String(g.keys[j][k])}`).join(', ')}` : 'the table';
          throw ctx.error(
            `${what}${freq ? ` (event frequency ${freq[rows[0]]})` : ''} has ${rows.length} rows but stdpopValues has ${sv.length} values: they are matched by position, so each group needs exactly one row per standard population band`,
          );
        }
        for (let i = 0; i < rows.length; i++) w[rows[i]] = sv[i];
      }
    }
  }

  const totalCount = new Float64Array(g.size);
  const totalPop = new Float64Array(g.size);
  const value = new Float64Array(g.size);
  const lower = levels.map(() => new Float64Array(g.size));
  const upper = levels.map(() => new Float64Array(g.size));
  const statistic = new Array<string>(g.size);
  const perStat = `dsr per ${formatMultiplier(multiplier)}`;

  for (let k = 0; k < g.size; k++) {
    const rows = g.rows[k];
    let O: number;
    let pop: number;
    let rateSum: number;
    let variance: number;
    let zero = false;
    if (!freq) {
      O = 0;
      pop = 0;
      let sumw = 0;
      let wt = 0;
      let sq = 0;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const xi = x[r] === x[r] ? x[r] : 0;
        const ni = n[r];
        if (!(ni > 0)) zero = true;
        const ratio = w[r] / ni;
        O += xi;
        pop += ni;
        sumw += w[r];
        wt += xi * ratio;
        sq += xi * ratio * ratio;
      }
      rateSum = wt / sumw;
      variance = sq / (sumw * sumw);
    } else {
      const nf = nonIndependent(ctx, rows, x, n, w, freq, options);
      ({ O, pop, rateSum, variance, zero } = nf);
    }
    totalCount[k] = O;
    totalPop[k] = pop;
    if (zero) {
      value[k] = NaN;
      lower.forEach((l) => (l[k] = NaN));
      upper.forEach((u) => (u[k] = NaN));
      statistic[k] = DSR_ZERO_POPULATION_STATISTIC;
      continue;
    }
    const d = dobson(O, rateSum, variance, levels, multiplier);
    value[k] = d.value;
    levels.forEach((_, j) => {
      lower[j][k] = d.lower[j];
      upper[j][k] = d.upper[j];
    });
    statistic[k] = d.suppressed ? DSR_SUPPRESSED_STATISTIC : perStat;
  }

  const cols: OutputColumn[] = [
    ...ctx.groupColumns(),
    { name: 'total_count', role: 'aux', values: totalCount },
    { name: 'total_pop', role: 'aux', values: totalPop },
    { name: 'value', role: 'value', values: value },
    ...ciColumns(levels, lower, upper),
    ...metaColumns(g.size, levels, statistic, freq ? DSR_NONINDEPENDENT_METHOD : 'Dobson'),
  ];
  return buildOutput(cols, type);
}

/** Split raw rows by the value of a column (first-appearance order). */
function splitBy(rows: ArrayLike<number>, key: Float64Array): number[][] {
  const m = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let a = m.get(key[r]);
    if (!a) m.set(key[r], (a = []));
    a.push(r);
  }
  return [...m.values()];
}

/** Totals of one group for non-independent events (see {@link dsr}). */
function nonIndependent(
  ctx: VerbContext,
  rows: ArrayLike<number>,
  x: Float64Array,
  n: Float64Array,
  w: Float64Array,
  freq: Float64Array,
  options: DsrOptions,
): { O: number; pop: number; rateSum: number; variance: number; zero: boolean } {
  const band = ctx.table.column(options.ageBand!)!;
  // Per age band: population, standard population, events Σ f·x.
  const bands = new Map<unknown, { n: number; w: number; events: number; row: number }>();
  // Per event frequency: Σ x(w/n)² and Σw over its rows.
  const perFreq = new Map<number, { sq: number; sumw: number }>();
  let zero = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const key = band.at(r);
    if (key === null || key === undefined || key === '') throw ctx.error('expected an age band, found NA', r, options.ageBand);
    const xi = x[r] === x[r] ? x[r] : 0;
    const ni = n[r];
    if (!(ni > 0)) zero = true;
    const b = bands.get(key);
    if (!b) bands.set(key, { n: ni, w: w[r], events: freq[r] * xi, row: r });
    else {
      if (!(b.n === ni || (b.n !== b.n && ni !== ni)) || b.w !== w[r]) {
        throw ctx.error(
          `rows of the same group and age band "${String(key)}" have different populations or standard populations (first at row ${ctx.rowPosition(b.row) + 1})`,
          r,
          b.n !== ni ? options.n : (options.stdpop ?? options.n),
        );
      }
      b.events += freq[r] * xi;
    }
    const ratio = w[r] / ni;
    let f = perFreq.get(freq[r]);
    if (!f) perFreq.set(freq[r], (f = { sq: 0, sumw: 0 }));
    f.sq += xi * ratio * ratio;
    f.sumw += w[r];
  }
  let O = 0;
  let pop = 0;
  let sumw = 0;
  let wt = 0;
  for (const b of bands.values()) {
    O += b.events;
    pop += b.n;
    sumw += b.w;
    wt += (b.events * b.w) / b.n;
  }
  let variance = 0;
  for (const [fr, f] of perFreq) variance += fr * fr * (f.sq / (f.sumw * f.sumw));
  return { O, pop, rateSum: wt / sumw, variance, zero };
}
