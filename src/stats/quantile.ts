/**
 * Assign quantiles (deciles, quintiles, …) by rank, as PHEindicatormethods 2.1.0 `phe_quantile`
 * and the OHID technical guide "Assigning deprivation categories".
 *
 * Within each group, with N the number of non-missing values and k the number of quantiles:
 * - adjusted value = max(values) − value when inverted (highest value → quantile 1), else value;
 * - rank = rank of the adjusted value with ties at the minimum rank ("min");
 * - q = ⌊(k + 1) − ⌈((N + 1) − rank) / (N / k)⌉⌋, and q = 0 becomes 1;
 * - N < k → every quantile of the group is NA (with a note); a missing value gets NA.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { withNotes } from '../io/csv.js';
import { VerbContext, buildOutput, checkOutputType, type OutputColumn, type OutputType, type VerbSource } from './verb.js';

/** Options of {@link quantile}. */
export interface QuantileOptions {
  /** Column of numeric values to rank. */
  values: string;
  /** Number of quantiles (default 10). */
  nquantiles?: number;
  /**
   * true (default): the highest values are quantile 1; false: the lowest values are quantile 1.
   * Ignored when `invertColumn` is given.
   */
  invert?: boolean;
  /**
   * A column giving the direction per group (PHEim `inverttype = "field"`): true/false, "TRUE"/
   * "FALSE", or a Fingertips polarity text ("RAG - Low is good" → invert, "RAG - High is good" →
   * not inverted). It must be constant within each group.
   */
  invertColumn?: string;
  /** "full" (default) adds `nquantiles`, `groupvars` and `qinverted`; "standard" only `quantile`. */
  type?: OutputType;
  source?: VerbSource;
}

/** Read one invert/polarity cell: true (highest = quantile 1), false, or null if unreadable. */
export function invertFromPolarity(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return null;
  const s = String(v).trim().toLowerCase();
  if (s === 'true' || s === 't' || s === '1' || /low is good/.test(s)) return true;
  if (s === 'false' || s === 'f' || s === '0' || /high is good/.test(s)) return false;
  return null;
}

/**
 * Quantile of each of `values` (null = missing) by PHEim's rank formula; all null when fewer
 * non-missing values than `nquantiles`.
 *
 * @example quantileOf([5, 3, 9, 1, 7], 5, true) // [3, 4, 1, 5, 2]
 */
export function quantileOf(values: ArrayLike<number | null>, nquantiles = 10, invert = true): (number | null)[] {
  const n = values.length;
  let max = -Infinity;
  let N = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v === v) {
      N++;
      if (v > max) max = v;
    }
  }
  const out = new Array<number | null>(n).fill(null);
  if (N < nquantiles) return out;
  const adj: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v === v) {
      adj.push(invert ? max - v : v);
      idx.push(i);
    }
  }
  const order = adj.map((_, j) => j).sort((p, q) => adj[p] - adj[q]);
  const rank = new Array<number>(adj.length);
  for (let j = 0; j < order.length; j++) {
    rank[order[j]] = j > 0 && adj[order[j]] === adj[order[j - 1]] ? rank[order[j - 1]] : j + 1;
  }
  for (let j = 0; j < adj.length; j++) {
    let q = Math.floor(nquantiles + 1 - Math.ceil((N + 1 - rank[j]) / (N / nquantiles)));
    if (q === 0) q = 1;
    out[idx[j]] = q;
  }
  return out;
}

/**
 * Assign quantiles within each group of a table (PHEim `phe_quantile`): returns every input column
 * in table order plus `quantile`, and for `type: "full"` `nquantiles`, `groupvars` (the group
 * column names, ", "-separated) and `qinverted`. Groups with fewer values than quantiles get NA
 * and a note (read with `readerNotes(result)`).
 *
 * @example
 * quantile(lsoa.groupby('lad_code'), { values: 'imd_score', nquantiles: 5 })
 */
export function quantile(table: ColumnTable, options: QuantileOptions): ColumnTable {
  const ctx = new VerbContext(table, 'quantile', options.source);
  const type = checkOutputType(options.type);
  const k = options.nquantiles ?? 10;
  if (!Number.isInteger(k) || k < 1) throw new HealthgapError(`quantile: nquantiles must be a whole number of 1 or more (found ${k})`);
  const values = ctx.numeric(options.values);
  const nRaw = ctx.table.totalRows();
  const result = new Array<number | null>(nRaw).fill(null);
  const invertRaw = new Array<boolean>(nRaw).fill(options.invert ?? true);
  const g = ctx.groups;
  const tooFew: string[] = [];
  for (let gi = 0; gi < g.size; gi++) {
    const rows = g.rows[gi];
    let inv = options.invert ?? true;
    if (options.invertColumn) {
      ctx.requireColumns(options.invertColumn);
      const col = ctx.table.column(options.invertColumn)!;
      let first: boolean | null = null;
      for (let i = 0; i < rows.length; i++) {
        const cell = col.at(rows[i]);
        const b = invertFromPolarity(cell);
        if (b === null)
          throw ctx.error(`expected TRUE/FALSE or a polarity such as "RAG - Low is good", found ${JSON.stringify(cell)}`, rows[i], options.invertColumn);
        if (first === null) first = b;
        else if (b !== first) throw ctx.error('invert values must be the same within each group', rows[i], options.invertColumn);
      }
      inv = first ?? true;
    }
    const vals = Array.from(rows, (r) => values[r]);
    const q = quantileOf(vals, k, inv);
    let nonNa = 0;
    for (let i = 0; i < rows.length; i++) {
      result[rows[i]] = q[i];
      invertRaw[rows[i]] = inv;
      if (vals[i] === vals[i]) nonNa++;
    }
    if (nonNa > 0 && nonNa < k) tooFew.push(g.names.length ? g.names.map((nm, j) => `${nm}=${String(g.keys[j][gi])}`).join(' ') : 'the table');
  }
  const idx = ctx.table.indices(true);
  const pick = <T>(arr: T[]) => Array.from(idx, (r) => arr[r]);
  const n = idx.length;
  const groupvars = g.names.join(', ');
  const cols: OutputColumn[] = [
    ...ctx.inputColumns(['quantile', 'nquantiles', 'groupvars', 'qinverted']),
    { name: 'quantile', role: 'value', values: pick(result) },
    { name: 'nquantiles', role: 'meta', values: new Array(n).fill(k) },
    { name: 'groupvars', role: 'meta', values: new Array(n).fill(groupvars) },
    {
      name: 'qinverted',
      role: 'meta',
      values: pick(invertRaw).map((b) => (b ? 'lowest quantile represents highest values' : 'lowest quantile represents lowest values')),
    },
  ];
  const notes = tooFew.length
    ? [
        `quantile: ${tooFew.length} group(s) had fewer values than the ${k} quantiles requested; their quantiles are NA (${tooFew.slice(0, 5).join('; ')}${tooFew.length > 5 ? '; …' : ''})`,
      ]
    : [];
  return withNotes(buildOutput(cols, type === 'full' ? 'full' : 'value'), notes);
}

/** Alias of {@link quantile} (a name unlikely to clash with other libraries' `quantile`). */
export const assignQuantiles = quantile;
