/**
 * Core20 vs the rest, and PLUS groups vs the rest: the value of an indicator in a group, in its
 * comparator (the rest of the area, or a named reference group), the absolute gap and the ratio,
 * each with a confidence interval, and whether the gap is significant.
 *
 * Methods (95% unless `confidence` says otherwise; z = Φ⁻¹(1 − α/2)):
 * - **Proportions** from counts: each value with Wilson score limits (stats `proportionWithCI`).
 *   Gap p₁ − p₀ with **Newcombe's hybrid score interval** (Newcombe 1998, method 10):
 *   L = d − √((p₁ − l₁)² + (u₀ − p₀)²), U = d + √((u₁ − p₁)² + (p₀ − l₀)²), where (lᵢ, uᵢ) are the
 *   Wilson limits. Ratio p₁/p₀ with the **log (Katz) interval**:
 *   exp(ln(p₁/p₀) ± z·√(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀)) (Katz et al. 1978); no ratio limits when x₁ or x₀ is 0.
 * - **Rates** from counts and person-years/populations: each value with exact (x < 10) or Byar's
 *   limits (stats `rateWithCI`, PHEim `phe_rate`). Gap r₁ − r₀ ± z·√(SE₁² + SE₀²) with
 *   SEᵢ = (uᵢ − lᵢ)/(2z) taken from each rate's Byar's/exact interval (the PHE approach of deriving
 *   a standard error from published limits). Ratio r₁/r₀ on the log scale:
 *   exp(ln(r₁/r₀) ± z·√(1/x₁ + 1/x₀)) (Poisson counts; Kirkwood & Sterne, Essential Medical
 *   Statistics, 2003, ch. 23; Breslow & Day 1987 vol. II).
 * - **Values with confidence limits** (e.g. Fingertips figures for Core20 and the rest): SEᵢ =
 *   (uᵢ − lᵢ)/(2z) for the gap (d ± z√(SE₁² + SE₀²)); for the ratio, SEᵢ = (ln uᵢ − ln lᵢ)/(2z)
 *   and exp(ln(v₁/v₀) ± z√(SE₁² + SE₀²)). This assumes the given limits are at the same
 *   `confidence` level and roughly symmetric (on the log scale for the ratio): say so in reports.
 *
 * Significance comes from the gap's interval: it excludes 0 → the group is Higher/Lower than its
 * comparator (Better/Worse when a polarity is given); otherwise Similar. (Two separate CIs that
 * overlap do not by themselves show "no difference": this is why the gap interval is used.)
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { HealthgapError, InputError } from '../core/errors.js';
import { normaliseConfidence, confidenceLabel } from '../stats/confidence.js';
import type { PolarityInput } from '../stats/polarity.js';
import { flagCore20 } from './core20.js';
import type { ValueCI } from '../core/types.js';
import { compareProportions, compareRates, compareValues, type GroupComparison } from '../stats/groupComparison.js';

export { compareProportions, compareRates, compareValues, type GroupComparison };

const NULL_CI: ValueCI = { value: null, lower: null, upper: null };

/** What kind of indicator the counts are. */
export type GapStatistic = 'proportion' | 'rate';

export type { ValueCI };

/** Options for {@link groupGap} and {@link core20Gap}. */
export interface GroupGapOptions {
  /** Column of group labels (ethnicity, inclusion health group, SMI yes/no, ...). */
  group: string;
  /** Count mode: numerator column (events, people meeting the condition). */
  x?: string;
  /** Count mode: denominator column (people in the group, or population / person-years for rates). */
  n?: string;
  /** Value mode: value column (with `lower`, `upper`); one row per group. */
  value?: string;
  lower?: string;
  upper?: string;
  /** Count mode: `proportion` (default; Wilson/Newcombe) or `rate` (Byar's/exact, rate ratio). */
  statistic?: GapStatistic;
  /** Multiplier for values and gaps: default 100 (percentage) for proportions, 100,000 for rates. */
  multiplier?: number;
  /** Confidence level, default 0.95 (also the level of the limits given in value mode). */
  confidence?: number;
  /** Indicator polarity: with high-is-good / low-is-good, significance reads Better/Worse. */
  polarity?: PolarityInput;
  /**
   * The comparator: `'rest'` (default in count mode: every other group combined) or the label of
   * a reference group (required in value mode when there are more than two groups).
   */
  reference?: string;
  /** Groups to report (default: every group except a named reference). */
  groups?: readonly string[];
  /** Label of the comparator in the output when `reference` is 'rest' (default "Rest"). */
  restLabel?: string;
  /** File the table came from, for messages. */
  source?: string;
}

interface GroupTotals {
  x: number | null;
  n: number | null;
  rows: number;
}

function num(v: unknown, where: { file?: string; row: number; column: string }, what: 'x' | 'n'): number | null {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (typeof v !== 'number') throw new InputError(`expected a number, found "${String(v)}"`, where);
  if (v < 0) throw new InputError(`expected a ${what === 'x' ? 'count' : 'denominator'} of 0 or more, found ${v}`, where);
  return v;
}

/**
 * A PLUS-group breakdown: the indicator in each group of `group` against its comparator (the rest
 * of the table, or a named reference group), with value, gap and ratio CIs and significance (see
 * the module notes for the methods). Count mode sums `x` and `n` within groups (a null anywhere
 * in a group makes its totals null: reported as "Not compared", never treated as 0); value mode
 * takes one row per group with `value`, `lower`, `upper`.
 *
 * Output, one row per reported group: `group`, `x`, `n`, `value`, `lowercl`, `uppercl`,
 * `reference`, `reference_x`, `reference_n`, `reference_value`, `reference_lowercl`,
 * `reference_uppercl`, `gap`, `gap_lowercl`, `gap_uppercl`, `ratio`, `ratio_lowercl`,
 * `ratio_uppercl`, `significance`, `confidence`, `statistic`, `gap_method`, `ratio_method`.
 *
 * Checks: negative counts, x > n for proportions, n = 0, a reference group that is absent, and
 * repeated groups in value mode are InputErrors.
 *
 * @example groupGap(t, { group: 'ethnic_group', x: 'checked', n: 'on_register' }) // each group vs the rest
 */
export function groupGap(table: ColumnTable, options: GroupGapOptions): ColumnTable {
  const cols = table.columnNames();
  const need = (c: string | undefined, what: string) => {
    if (!c) throw new HealthgapError(`groupGap: give ${what}`);
    if (!cols.includes(c)) throw new InputError(`missing column "${c}"; the table has: ${cols.join(', ')}`, { file: options.source });
    return c;
  };
  const gcol = need(options.group, 'the group column');
  const valueMode = options.value !== undefined;
  if (valueMode && (options.x || options.n))
    throw new HealthgapError('groupGap: give either counts (x and n) or values with limits (value, lower, upper), not both');
  const [conf] = normaliseConfidence(options.confidence ?? 0.95);
  const statistic = options.statistic ?? 'proportion';
  if (statistic !== 'proportion' && statistic !== 'rate')
    throw new HealthgapError(`groupGap: statistic must be "proportion" or "rate", found "${String(statistic)}"`);
  const mult = options.multiplier ?? (statistic === 'rate' ? 100000 : 100);
  const labels = (table.array(gcol) as unknown[]).map((v, i) => {
    if (v === null || v === undefined || String(v).trim() === '')
      throw new InputError('missing group label', { file: options.source, row: i + 1, column: gcol });
    return String(v);
  });
  const order = [...new Set(labels)];
  const base = { confidence: conf, polarity: options.polarity };
  type Row = Record<string, unknown>;
  const out: Row[] = [];

  if (valueMode) {
    const v = table.array(need(options.value, 'value')) as (number | null)[];
    const lo = table.array(need(options.lower, 'lower (the lower confidence limit column)')) as (number | null)[];
    const up = table.array(need(options.upper, 'upper (the upper confidence limit column)')) as (number | null)[];
    const at = new Map<string, number>();
    labels.forEach((l, i) => {
      if (at.has(l))
        throw new InputError(`group "${l}" appears more than once (first at row ${at.get(l)! + 1}); with values and limits give one row per group`, {
          file: options.source,
          row: i + 1,
          column: gcol,
        });
      at.set(l, i);
    });
    let ref = options.reference;
    if (!ref || ref === 'rest') {
      if (order.length !== 2)
        throw new HealthgapError(
          'groupGap: with values and limits, name the reference group (option reference): values of other groups cannot be combined into "the rest"',
        );
      ref = order[1];
    }
    if (!at.has(ref))
      throw new InputError(`reference group "${ref}" is not in column "${gcol}" (groups: ${order.join(', ')})`, { file: options.source, column: gcol });
    const r = at.get(ref)!;
    const refCI = { value: v[r], lower: lo[r], upper: up[r] };
    for (const g of options.groups ?? order.filter((l) => l !== ref)) {
      const i = at.get(g);
      if (i === undefined) throw new InputError(`group "${g}" is not in column "${gcol}"`, { file: options.source, column: gcol });
      const cmp = compareValues({ value: v[i], lower: lo[i], upper: up[i] }, refCI, base);
      out.push(row(g, null, null, ref, null, null, cmp));
    }
  } else {
    const xs = table.array(need(options.x, 'x (the numerator column)')) as unknown[];
    const ns = table.array(need(options.n, 'n (the denominator column)')) as unknown[];
    const totals = new Map<string, GroupTotals>();
    labels.forEach((l, i) => {
      const x = num(xs[i], { file: options.source, row: i + 1, column: options.x! }, 'x');
      const n = num(ns[i], { file: options.source, row: i + 1, column: options.n! }, 'n');
      if (statistic === 'proportion' && x !== null && n !== null && x > n)
        throw new InputError(`numerator ${x} is greater than its denominator ${n}`, { file: options.source, row: i + 1, column: options.x });
      const t = totals.get(l) ?? { x: 0, n: 0, rows: 0 };
      t.x = t.x === null || x === null ? null : t.x + x;
      t.n = t.n === null || n === null ? null : t.n + n;
      t.rows++;
      totals.set(l, t);
    });
    const named = options.reference && options.reference !== 'rest' ? options.reference : null;
    if (named && !totals.has(named))
      throw new InputError(`reference group "${named}" is not in column "${gcol}" (groups: ${order.join(', ')})`, { file: options.source, column: gcol });
    const restLabel = options.restLabel ?? 'Rest';
    for (const g of options.groups ?? order.filter((l) => l !== named)) {
      const t = totals.get(g);
      if (!t) throw new InputError(`group "${g}" is not in column "${gcol}"`, { file: options.source, column: gcol });
      let rx: number | null = 0;
      let rn: number | null = 0;
      if (named) {
        rx = totals.get(named)!.x;
        rn = totals.get(named)!.n;
      } else {
        for (const [l, o] of totals) {
          if (l === g) continue;
          rx = rx === null || o.x === null ? null : rx + o.x;
          rn = rn === null || o.n === null ? null : rn + o.n;
        }
        if (totals.size < 2) throw new HealthgapError(`groupGap: only one group ("${g}") in column "${gcol}": nothing to compare with`);
      }
      const refName = named ?? restLabel;
      let cmp: GroupComparison;
      if (t.x === null || t.n === null || rx === null || rn === null) {
        cmp = {
          group: NULL_CI,
          reference: NULL_CI,
          gap: NULL_CI,
          ratio: NULL_CI,
          significance: 'Not compared',
          gapMethod: 'missing counts (null) in a group',
          ratioMethod: 'missing counts (null) in a group',
        };
      } else if (t.n === 0 || rn === 0) {
        throw new InputError(`the ${t.n === 0 ? `group "${g}"` : `comparator "${refName}"`} has a total denominator of 0`, {
          file: options.source,
          column: options.n,
        });
      } else {
        cmp =
          statistic === 'proportion'
            ? compareProportions(t.x, t.n, rx, rn, { ...base, multiplier: mult })
            : compareRates(t.x, t.n, rx, rn, { ...base, multiplier: mult });
      }
      out.push(row(g, t.x, t.n, refName, rx, rn, cmp));
    }
  }
  const stat = valueMode
    ? 'values with confidence limits'
    : statistic === 'proportion'
      ? mult === 100
        ? 'percentage'
        : `proportion × ${mult}`
      : `rate per ${mult.toLocaleString('en-GB')}`;
  return aq.from(out.map((r) => ({ ...r, confidence: confidenceLabel([conf]), statistic: stat })));
}

function row(g: string, x: number | null, n: number | null, ref: string, rx: number | null, rn: number | null, c: GroupComparison): Record<string, unknown> {
  return {
    group: g,
    x,
    n,
    value: c.group.value,
    lowercl: c.group.lower,
    uppercl: c.group.upper,
    reference: ref,
    reference_x: rx,
    reference_n: rn,
    reference_value: c.reference.value,
    reference_lowercl: c.reference.lower,
    reference_uppercl: c.reference.upper,
    gap: c.gap.value,
    gap_lowercl: c.gap.lower,
    gap_uppercl: c.gap.upper,
    ratio: c.ratio.value,
    ratio_lowercl: c.ratio.lower,
    ratio_uppercl: c.ratio.upper,
    significance: c.significance,
    gap_method: c.gapMethod,
    ratio_method: c.ratioMethod,
  };
}

/** Label of the Core20 group in {@link core20Gap} output. */
export const CORE20_LABEL = 'Core20 (IMD 2019 deciles 1-2)';
/** Label of the comparator in {@link core20Gap} output. */
export const CORE20_REST_LABEL = 'Rest (deciles 3-10)';

/** Options for {@link core20Gap}: how rows are assigned to Core20, plus the {@link GroupGapOptions} measures. */
export interface Core20GapOptions extends Omit<GroupGapOptions, 'group' | 'reference' | 'groups' | 'restLabel'> {
  /** Column of LSOA 2011 codes: rows are Core20 when their LSOA is in national IMD 2019 deciles 1-2. */
  lsoa?: string;
  /** Or a column of national IMD deciles (1-10). */
  decile?: string;
  /** Or a column of national IMD quintiles (1-5; quintile 1 = Core20). */
  quintile?: string;
  /** Or a column already saying Core20 (true/false, 1/0, "Core20"/"Rest"). */
  core20?: string;
}

/**
 * Core20 vs the rest of the area for an indicator given per LSOA, per national deprivation decile
 * or quintile, or as two values with CIs: the Core20 value, the rest-of-area value, the gap
 * (Core20 − rest) and ratio (Core20 / rest) with CIs, and significance — {@link groupGap} with the
 * groups `Core20 (IMD 2019 deciles 1-2)` and `Rest (deciles 3-10)`.
 *
 * Rows are assigned by exactly one of `lsoa` (joined to IMD 2019; unknown or LSOA 2021 codes are
 * InputErrors), `decile`, `quintile` or `core20`. Count mode sums x and n per side; value mode
 * needs exactly one Core20 row and one rest row.
 *
 * @example core20Gap(perLsoa, { lsoa: 'lsoa11cd', x: 'screened', n: 'eligible' }) // proportion gap, Newcombe CI
 * @example core20Gap(byQuintile, { quintile: 'imd_quintile', x: 'admissions', n: 'population', statistic: 'rate' })
 */
export function core20Gap(table: ColumnTable, options: Core20GapOptions): ColumnTable {
  const given = (['lsoa', 'decile', 'quintile', 'core20'] as const).filter((k) => options[k] !== undefined);
  if (given.length !== 1)
    throw new HealthgapError('core20Gap: say how to find Core20 rows with exactly one of lsoa, decile, quintile or core20 (a column name)');
  const how = given[0];
  const col = options[how]!;
  if (!table.columnNames().includes(col))
    throw new InputError(`missing column "${col}"; the table has: ${table.columnNames().join(', ')}`, { file: options.source });
  let flags: boolean[];
  if (how === 'lsoa') flags = flagCore20(table.select(col), { lsoa: col, source: options.source }).array('core20') as boolean[];
  else {
    flags = (table.array(col) as unknown[]).map((v, i) => {
      const where = { file: options.source, row: i + 1, column: col };
      if (how === 'core20') {
        const s = String(v).trim().toLowerCase();
        if (v === true || s === 'true' || s === '1' || s === 'core20' || s === 'yes') return true;
        if (v === false || s === 'false' || s === '0' || s === 'rest' || s === 'no') return false;
        throw new InputError(`expected true/false (or Core20/Rest), found "${String(v)}"`, where);
      }
      const k = typeof v === 'number' ? v : Number(String(v).trim());
      const max = how === 'decile' ? 10 : 5;
      if (!Number.isInteger(k) || k < 1 || k > max) throw new InputError(`expected a national IMD ${how} from 1 to ${max}, found "${String(v)}"`, where);
      return how === 'decile' ? k <= 2 : k === 1;
    });
  }
  if (!flags.some((f) => f)) throw new HealthgapError('core20Gap: no row is in Core20 (national IMD 2019 deciles 1-2): nothing to compare');
  if (flags.every((f) => f)) throw new HealthgapError('core20Gap: every row is in Core20: there is no rest of the area to compare with');
  const labelled = table.assign({ core20_group: flags.map((f) => (f ? CORE20_LABEL : CORE20_REST_LABEL)) });
  return groupGap(labelled, {
    ...options,
    group: 'core20_group',
    groups: [CORE20_LABEL],
    reference: options.value !== undefined ? CORE20_REST_LABEL : 'rest',
    restLabel: CORE20_REST_LABEL,
  });
}
