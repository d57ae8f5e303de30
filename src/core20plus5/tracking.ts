/**
 * Tracking a Core20PLUS5 metric against its ambition: status (met / on trajectory / off
 * trajectory), a RAG rating and the gap to the ambition and to the trajectory, for a place and —
 * where the data have a group column — for Core20 and the rest separately.
 *
 * Method (linear trajectory): with baseline value b at time t₀ (the first point, or `baseline`),
 * ambition A at target time T, the expected value at time t is
 *   E(t) = b + (A − b)·(t − t₀)/(T − t₀)   (E(t) = A for t ≥ T).
 * For the latest point (value v at time t), with "better" meaning higher (high-is-good) or lower:
 * - **met**: v is at or better than A → green;
 * - **on trajectory**: not met, but v is at or better than E(t) → green;
 * - **off trajectory**: v is worse than E(t) → amber if v has improved on the baseline, red if not
 *   (no better than b), and red for any point after the target time that has not met A.
 * Gaps are signed so that positive means "better than": gap_to_ambition = v − A (high-is-good) or
 * A − v (low-is-good); likewise gap_to_trajectory against E(t).
 *
 * Times: numbers (2023, or 2023.25), calendar years as text ("2023"), or financial years
 * "2023/24", taken as their end (March 2024 = 2024). An ambition "by March 2025" is year 2025 and
 * "by 2028" is 2028. This is a planning convention, not a statistical test: a value's CI is not used.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { HealthgapError, InputError } from '../core/errors.js';
import { normalisePolarity, type PolarityInput } from '../stats/benchmark.js';
import type { Ambition } from './catalogue.js';
import { roundHalfAway } from '../core/rounding.js';

/** Status against an ambition. */
export type AmbitionStatus = 'met' | 'on trajectory' | 'off trajectory' | 'no data';
/** RAG rating. */
export type Rag = 'green' | 'amber' | 'red' | 'grey';

/** One observation of a metric. */
export interface TrackingPoint {
  /** Period: a year number, "2023", or a financial year "2023/24" (= 2024). */
  period: number | string;
  value: number | null;
}

/** Options for {@link trackAmbition}. */
export interface TrackingOptions {
  /** The ambition: a catalogue {@link Ambition} or `{ value, year }`. */
  ambition: Pick<Ambition, 'value' | 'year'>;
  /** Direction of better (default high-is-good). */
  polarity?: PolarityInput;
  /** Baseline period (default: the first point with a value). */
  baseline?: number | string;
}

/** The result of {@link trackAmbition}. */
export interface TrackingResult {
  status: AmbitionStatus;
  rag: Rag;
  baseline_period: number | null;
  baseline_value: number | null;
  latest_period: number | null;
  latest_value: number | null;
  ambition: number;
  ambition_year: number | null;
  /** Trajectory value E(t) at the latest period (null without a target year). */
  expected: number | null;
  /** Positive = better than the ambition. */
  gap_to_ambition: number | null;
  /** Positive = better than the trajectory. */
  gap_to_trajectory: number | null;
  /** One sentence with the numbers. */
  sentence: string;
}

/**
 * A period as a decimal year: 2023 → 2023; "2023" → 2023; "2023/24" or "2023-24" (financial
 * year) → 2024 (its end, March 2024). Anything else is an InputError.
 *
 * @example periodYear('2022/23') // 2023
 */
export function periodYear(p: number | string): number {
  if (typeof p === 'number' && Number.isFinite(p)) return p;
  const s = String(p).trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const start = Number(m[1]);
    // two-digit end year: the century of start + 1 (1999/00 → 2000)
    const end = m[2].length === 2 ? Math.floor((start + 1) / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (end !== start + 1) throw new InputError(`period "${s}" is not a financial year (expected e.g. 2023/24)`);
    return end;
  }
  throw new InputError(`period "${s}" not understood: use a year (2023) or a financial year (2023/24)`);
}

const fmt = (x: number) => roundHalfAway(x, 1).toLocaleString('en-GB');

/**
 * Status of a metric against its ambition from its values over time (see the module notes for
 * the linear trajectory, the status rules and RAG).
 *
 * @example trackAmbition([{ period: 2021, value: 54 }, { period: 2023, value: 58 }], { ambition: { value: 75, year: 2028 } })
 * // expected at 2023 = 54 + 21·2/7 = 60 → off trajectory, amber (improved on baseline), gap to ambition −17
 */
export function trackAmbition(points: readonly TrackingPoint[], options: TrackingOptions): TrackingResult {
  const polarity = normalisePolarity(options.polarity ?? 'high-is-good');
  if (polarity !== 'high-is-good' && polarity !== 'low-is-good')
    throw new HealthgapError('trackAmbition: polarity must be high-is-good or low-is-good to judge progress towards an ambition');
  const A = options.ambition.value;
  if (!Number.isFinite(A)) throw new HealthgapError('trackAmbition: the ambition needs a numeric value');
  const T = options.ambition.year;
  const pts = points.map((p) => ({ t: periodYear(p.period), v: p.value })).sort((a, b) => a.t - b.t);
  for (let i = 1; i < pts.length; i++) if (pts[i].t === pts[i - 1].t) throw new InputError(`period ${pts[i].t} appears more than once`);
  const valued = pts.filter((p) => p.v !== null && Number.isFinite(p.v)) as { t: number; v: number }[];
  const better = (a: number, b: number) => (polarity === 'high-is-good' ? a - b : b - a);
  if (valued.length === 0) {
    return {
      status: 'no data',
      rag: 'grey',
      baseline_period: null,
      baseline_value: null,
      latest_period: null,
      latest_value: null,
      ambition: A,
      ambition_year: T,
      expected: null,
      gap_to_ambition: null,
      gap_to_trajectory: null,
      sentence: 'No values to compare with the ambition.',
    };
  }
  let base = valued[0];
  if (options.baseline !== undefined) {
    const bt = periodYear(options.baseline);
    const b = valued.find((p) => p.t === bt);
    if (!b) throw new InputError(`baseline period ${options.baseline} has no value`);
    base = b;
  }
  const latest = valued[valued.length - 1];
  let expected: number | null = null;
  if (T !== null) {
    if (T <= base.t) expected = A;
    else expected = latest.t >= T ? A : base.v + ((A - base.v) * (latest.t - base.t)) / (T - base.t);
  }
  const gapA = better(latest.v, A);
  const gapE = expected === null ? null : better(latest.v, expected);
  let status: AmbitionStatus;
  let rag: Rag;
  if (gapA >= 0) {
    status = 'met';
    rag = 'green';
  } else if (gapE !== null && gapE >= 0 && !(T !== null && latest.t >= T)) {
    status = 'on trajectory';
    rag = 'green';
  } else {
    status = 'off trajectory';
    rag = T !== null && latest.t >= T ? 'red' : better(latest.v, base.v) > 0 && latest !== base ? 'amber' : 'red';
  }
  const dir = polarity === 'high-is-good' ? 'at least' : 'at most';
  const sentence =
    `${fmt(latest.v)} in ${latest.t} against an ambition of ${dir} ${fmt(A)}${T !== null ? ` by ${T}` : ''}: ${status}` +
    (expected !== null && status !== 'met' ? ` (the straight-line trajectory from ${fmt(base.v)} in ${base.t} expects ${fmt(expected)} by ${latest.t})` : '') +
    `; ${gapA >= 0 ? `${fmt(gapA)} better than` : `${fmt(-gapA)} short of`} the ambition.`;
  return {
    status,
    rag,
    baseline_period: base.t,
    baseline_value: base.v,
    latest_period: latest.t,
    latest_value: latest.v,
    ambition: A,
    ambition_year: T,
    expected,
    gap_to_ambition: gapA,
    gap_to_trajectory: gapE,
    sentence,
  };
}

/** Options for {@link trackAmbitionTable}. */
export interface TrackingTableOptions extends TrackingOptions {
  /** Period column (default `period`). */
  period?: string;
  /** Value column (default `value`). */
  value?: string;
  /** Optional group column (e.g. Core20 / Rest, or area): one result per group. */
  group?: string;
}

/**
 * {@link trackAmbition} for a table of values over time, one row per group (e.g. `Core20` and
 * `Rest` from {@link core20Gap} run per year, or areas): the group column (if any), then
 * `status`, `rag`, `baseline_period`, `baseline_value`, `latest_period`, `latest_value`,
 * `ambition`, `ambition_year`, `expected`, `gap_to_ambition`, `gap_to_trajectory`, `sentence`.
 *
 * @example trackAmbitionTable(t, { group: 'core20_group', ambition: { value: 75, year: 2028 } })
 */
export function trackAmbitionTable(table: ColumnTable, options: TrackingTableOptions): ColumnTable {
  const pc = options.period ?? 'period';
  const vc = options.value ?? 'value';
  for (const c of [pc, vc, ...(options.group ? [options.group] : [])]) {
    if (!table.columnNames().includes(c)) throw new InputError(`missing column "${c}"; the table has: ${table.columnNames().join(', ')}`);
  }
  const periods = table.array(pc) as (number | string)[];
  const values = table.array(vc) as (number | null)[];
  const groups = options.group ? (table.array(options.group) as unknown[]).map(String) : periods.map(() => '');
  const order = [...new Set(groups)];
  const rows = order.map((g) => {
    const pts: TrackingPoint[] = [];
    groups.forEach((x, i) => {
      if (x === g) pts.push({ period: periods[i], value: values[i] });
    });
    const r = trackAmbition(pts, options);
    return options.group ? { [options.group]: g, ...r } : r;
  });
  return aq.from(rows);
}
