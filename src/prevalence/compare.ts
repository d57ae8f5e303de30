/**
 * Comparisons of recorded prevalence: each area against England and against its parent area
 * (Fingertips benchmarking via the statistics core), and ranks within a comparator group.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import {
  compareToBenchmark,
  normaliseComparatorMethod,
  normalisePolarity,
  type BenchmarkValue,
  type ComparatorMethodInput,
  type PolarityInput,
} from '../stats/benchmark.js';

/** Options for {@link comparePrevalence}. */
export interface ComparePrevalenceOptions {
  /** England's value and 95% limits (e.g. the row of `rollUpPrevalence(p, 'england').table`). */
  england: BenchmarkValue | ColumnTable;
  /** Parent areas (a roll-up at the parent level: `area_code`, `value`, `lower95_0cl`, `upper95_0cl`), matched on `parent_code`. */
  parents?: ColumnTable;
  /**
   * Fingertips comparator method (default 1: "confidence interval overlapping the reference value
   * (95%)", the method Fingertips uses for QOF prevalence). Also 17 (95% and 99.8%), 12
   * (overlapping intervals), 5 (SPC for proportions), 15 (quintiles).
   */
  method?: ComparatorMethodInput;
  /** Polarity (default `no-judgement`: Higher / Similar / Lower, as Fingertips shows recorded prevalence). */
  polarity?: PolarityInput;
  /** Confidence of control limits for method 5 (default 0.95). */
  confidence?: number;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A benchmark from a value object or the first row of a table. */
function benchmarkOf(b: BenchmarkValue | ColumnTable): BenchmarkValue {
  if (typeof (b as ColumnTable).columnNames === 'function') {
    const t = b as ColumnTable;
    if (t.numRows() !== 1) throw new HealthgapError(`comparePrevalence: the England table must have exactly one row, found ${t.numRows()}`);
    const o = t.object(0) as Record<string, unknown>;
    return { value: num(o.value), lower95: num(o.lower95_0cl ?? o.lowercl), upper95: num(o.upper95_0cl ?? o.uppercl) };
  }
  return b as BenchmarkValue;
}

/**
 * Rank of each value, 1 = highest; ties share the smallest rank (1, 2, 2, 4); null values get null.
 * @example prevalenceRanks([5, 7, null, 7]) // [3, 1, null, 1]
 */
export function prevalenceRanks(values: readonly (number | null)[]): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => b - a);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > v) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}

/**
 * Compare every area of a roll-up with England and with its parent, and rank it.
 *
 * Appends: `england_value`, `compared_to_england` (Fingertips label: Higher / Similar / Lower for
 * no judgement; Better / Similar / Worse for a RAG polarity; Not compared), `england_significance_code`
 * (1, 0, −1; ±2 beyond 99.8% with method 17), `parent_value`, `compared_to_parent`,
 * `parent_significance_code` (null when the area has no parent row), `rank` and `rank_of` (1 = highest
 * value among all areas in the table), `rank_in_parent` and `rank_in_parent_of` (among the areas
 * sharing the same parent).
 *
 * Method 1 (default): the benchmark inside the area's 95% Wilson interval → Similar, else Higher or
 * Lower (Fingertips `SingleOverlappingCIsForOneCILevelComparer`). Reference: OHID Fingertips
 * technical guidance, "Comparisons with benchmarks"; statistics core `compareToBenchmark`.
 *
 * @example comparePrevalence(utla.table, { england: england.table, parents: region.table })
 */
export function comparePrevalence(areas: ColumnTable, options: ComparePrevalenceOptions): ColumnTable {
  const method = normaliseComparatorMethod(options.method ?? 1);
  const polarity = normalisePolarity(options.polarity ?? 'no-judgement');
  const names = areas.columnNames();
  for (const c of ['area_code', 'value'])
    if (!names.includes(c)) throw new HealthgapError(`comparePrevalence: the areas table has no column "${c}" (use rollUpPrevalence to build it)`);
  const eng = benchmarkOf(options.england);
  const value = areas.array('value') as (number | null)[];
  const col = (c: string) => (names.includes(c) ? (areas.array(c) as (number | null)[]) : value.map(() => null));
  const l95 = col('lower95_0cl');
  const u95 = col('upper95_0cl');
  const l998 = col('lower99_8cl');
  const u998 = col('upper99_8cl');
  const den = col('denominator');
  const parentCode = names.includes('parent_code') ? (areas.array('parent_code') as (string | null)[]) : value.map(() => null);
  const parentRows = new Map<string, BenchmarkValue>();
  if (options.parents) {
    const pn = options.parents.columnNames();
    if (!pn.includes('area_code') || !pn.includes('value')) throw new HealthgapError('comparePrevalence: the parents table needs area_code and value columns');
    const pa = options.parents.array('area_code') as string[];
    const pv = options.parents.array('value') as (number | null)[];
    const pl = pn.includes('lower95_0cl') ? (options.parents.array('lower95_0cl') as (number | null)[]) : pv.map(() => null);
    const pu = pn.includes('upper95_0cl') ? (options.parents.array('upper95_0cl') as (number | null)[]) : pv.map(() => null);
    pa.forEach((c, i) => parentRows.set(c, { value: pv[i], lower95: pl[i], upper95: pu[i] }));
  }
  const cmpOpts = { method, polarity, multiplier: 100, confidence: options.confidence, values: method === 15 || method === 16 ? value : undefined };
  const n = value.length;
  const out = {
    england_value: new Array<number | null>(n),
    compared_to_england: new Array<string>(n),
    england_significance_code: new Array<number | null>(n),
    parent_value: new Array<number | null>(n),
    compared_to_parent: new Array<string | null>(n),
    parent_significance_code: new Array<number | null>(n),
    rank: prevalenceRanks(value),
    rank_of: new Array<number>(n).fill(value.filter((v) => v !== null).length),
    rank_in_parent: new Array<number | null>(n).fill(null),
    rank_in_parent_of: new Array<number | null>(n).fill(null),
  };
  for (let i = 0; i < n; i++) {
    const area = { value: value[i], lower95: l95[i], upper95: u95[i], lower998: l998[i], upper998: u998[i], denominator: den[i] };
    const e = compareToBenchmark(area, eng, cmpOpts);
    out.england_value[i] = num(eng.value);
    out.compared_to_england[i] = e.label;
    out.england_significance_code[i] = e.significanceCode;
    const pc = parentCode[i];
    const p = pc ? parentRows.get(pc) : undefined;
    if (p) {
      const r = compareToBenchmark(area, p, cmpOpts);
      out.parent_value[i] = num(p.value);
      out.compared_to_parent[i] = r.label;
      out.parent_significance_code[i] = r.significanceCode;
    } else {
      out.parent_value[i] = null;
      out.compared_to_parent[i] = null;
      out.parent_significance_code[i] = null;
    }
  }
  // ranks within parent
  const groups = new Map<string, number[]>();
  parentCode.forEach((p, i) => {
    if (p === null) return;
    let g = groups.get(p);
    if (!g) groups.set(p, (g = []));
    g.push(i);
  });
  for (const rows of groups.values()) {
    const r = prevalenceRanks(rows.map((i) => value[i]));
    const of = rows.filter((i) => value[i] !== null).length;
    rows.forEach((i, k) => {
      out.rank_in_parent[i] = r[k];
      out.rank_in_parent_of[i] = r[k] === null ? null : of;
    });
  }
  return areas.assign(out);
}
