/**
 * Inequality in life expectancy within an area: life expectancy by deprivation decile or quintile,
 * the gap between the most and least deprived groups (with its confidence interval), and the
 * slope index of inequality (SII) and relative index of inequality (RII), as OHID publishes for
 * every local authority ("inequality in life expectancy at birth", Fingertips indicator 92901).
 *
 * LE by group comes from deaths and populations by deprivation group and age band
 * ({@link leByDeprivation}, Chiang II / Silcocks via the statistics core), or from a ready table of
 * LE by group with standard errors or 95% limits (e.g. an OHID download, or PHEim's LE_testdata).
 * The SII is the statistics core's `sii` (PHEim `phe_sii`, Low & Low 2004): value type normal,
 * each group weighted by its population, confidence limits by seeded simulation, so a result is
 * reproducible from its seed. Groups are numbered 1 = most deprived … k = least deprived (the IMD
 * convention); the SII is then the modelled gap in years between the least and the most deprived
 * ends of the area's deprivation scale (positive when the least deprived live longer).
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readerNotes, withNotes } from '../io/csv.js';
import { sii as siiVerb } from '../stats/sii.js';
import { normaliseConfidence, confidenceSuffix, zFor } from '../stats/confidence.js';
import { leByGroup, type LeByGroupOptions } from './estimate.js';
import { leDifference, type LeGapJudgement } from './gap.js';

/** Options of {@link leByDeprivation}. */
export interface LeByDeprivationOptions extends Omit<LeByGroupOptions, 'groupBy'> {
  /** Column of the deprivation group (1 = most deprived). Default `quantile`. */
  quantile?: string;
  /** Other key columns (area, sex). Default `['area_code', 'sex']`, those present. */
  groupBy?: readonly string[];
}

/**
 * Life expectancy (with SE and limits) for each deprivation group of each area and sex, from
 * deaths and populations by group and life-table band: {@link leByGroup} grouped by the area keys
 * and the quantile column. Output as leByGroup, with the quantile column after the keys.
 *
 * @example leByDeprivation(deathsByDecile, { quantile: 'imd_decile', groupBy: ['area_code', 'sex'] })
 */
export function leByDeprivation(table: ColumnTable, options: LeByDeprivationOptions = {}): ColumnTable {
  const q = options.quantile ?? 'quantile';
  const names = table.columnNames();
  if (!names.includes(q))
    throw new InputError(`no deprivation group column "${q}" (columns: ${names.join(', ')})`, { file: options.source ?? 'the life-expectancy input table' });
  const keys = (options.groupBy ?? ['area_code', 'sex'].filter((c) => names.includes(c))).filter((k) => k !== q);
  return leByGroup(table, { ...options, groupBy: [...keys, q] });
}

/** Options of {@link leInequality}. */
export interface LeInequalityOptions {
  /** Keys of one SII (area, sex, period). Default `['area_code', 'sex']`, those present. */
  groupBy?: readonly string[];
  /** Deprivation group column, 1 = most deprived (default `quantile`). */
  quantile?: string;
  /** Life expectancy column (default `value`). */
  value?: string;
  /** Standard error column (default `se`); or give `lowerCl`/`upperCl` (95% limits). */
  se?: string;
  lowerCl?: string;
  upperCl?: string;
  /** Population of each group, the SII weights (default `population`). */
  population?: string;
  /** Simulation repetitions (default 100,000 as PHEim; at least 1,000). */
  repetitions?: number;
  /** Seed of the simulation (default 1): the same seed gives the same limits. */
  seed?: number;
  /** Confidence level of the SII and the gap (default 0.95). */
  confidence?: number;
  source?: string;
}

/**
 * SII and RII in life expectancy, and the gap between the least and most deprived groups, for
 * every area (and sex) of a table of LE by deprivation group.
 *
 * - SII, RII, intercept: statistics core `sii` (PHEim `phe_sii`, value type 0 "normal": LE is
 *   simulated on its own scale with its SE), limits `sii_lower`/`sii_upper` at `confidence`
 *   by seeded simulation. RII = (β0 + β1)/β0: LE at the least deprived end over the most deprived.
 * - Gap: LE(least deprived) − LE(most deprived) with CI √(SE₁² + SE_k²) and the judgement.
 *
 * An area with a missing LE in any group, or without every group, gets null SII and gap with a
 * note (the SII needs every group). Output columns: the keys, `quantiles`, `most_deprived_le`,
 * `least_deprived_le`, `gap`, `gap_lower`, `gap_upper`, `gap_judgement`, `sii`, `sii_lower`,
 * `sii_upper`, `rii`, `rii_lower`, `rii_upper`, `intercept`, `seed`, `repetitions`.
 *
 * @example leInequality(leByDecile, { groupBy: ['area_code', 'sex'], quantile: 'decile', seed: 1 })
 */
export function leInequality(table: ColumnTable, options: LeInequalityOptions = {}): ColumnTable {
  const names = table.columnNames();
  const source = options.source ?? 'the life expectancy by deprivation table';
  const q = options.quantile ?? 'quantile';
  const v = options.value ?? 'value';
  const pop = options.population ?? 'population';
  const seCol = options.se ?? (options.lowerCl && options.upperCl ? undefined : 'se');
  const keys = (options.groupBy ?? ['area_code', 'sex'].filter((c) => names.includes(c))).slice();
  const need = [q, v, pop, ...keys, ...(seCol ? [seCol] : [options.lowerCl as string, options.upperCl as string])];
  for (const c of need) if (!names.includes(c)) throw new InputError(`no column "${c}" (columns: ${names.join(', ')})`, { file: source });
  const confidence = normaliseConfidence(options.confidence ?? 0.95)[0];
  const reps = options.repetitions ?? 100000;
  const seed = options.seed ?? 1;
  const z95 = zFor(0.95);

  // SE for each row: given, or from 95% limits (PHEim: (ucl − lcl) / (2 × 1.959964))
  const n = table.numRows();
  const qArr = table.array(q) as unknown[];
  const vArr = table.array(v) as (number | null)[];
  const pArr = table.array(pop) as (number | null)[];
  const seArr: (number | null)[] = seCol
    ? (table.array(seCol) as (number | null)[])
    : (() => {
        const lo = table.array(options.lowerCl as string) as (number | null)[];
        const hi = table.array(options.upperCl as string) as (number | null)[];
        return lo.map((l, i) => (l === null || hi[i] === null ? null : ((hi[i] as number) - l) / (2 * z95)));
      })();
  const keyArrs = keys.map((k) => table.array(k) as unknown[]);
  const groups = new Map<string, { first: number; rows: number[] }>();
  const allQ = new Set<number>();
  for (let i = 0; i < n; i++) {
    const qi = Number(qArr[i]);
    if (!Number.isInteger(qi) || qi < 1)
      throw new InputError(`expected a deprivation group number 1, 2, … (1 = most deprived), found ${JSON.stringify(qArr[i])}`, { row: i + 1, column: q });
    allQ.add(qi);
    const key = keyArrs.map((a) => String(a[i])).join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: i, rows: [] }));
    if (g.rows.some((r) => Number(qArr[r]) === qi))
      throw new InputError(`group ${qi} appears twice for ${keys.map((k, j) => `${k}=${String(keyArrs[j][i])}`).join(' ')}`, { row: i + 1, column: q });
    g.rows.push(i);
  }
  const k = Math.max(...allQ);
  if (allQ.size !== k)
    throw new InputError(`deprivation groups must be numbered 1 … k without gaps (found ${[...allQ].sort((a, b) => a - b).join(', ')})`, {
      file: source,
      column: q,
    });

  const complete: number[] = [];
  const notes: string[] = [...readerNotes(table)];
  const incomplete: string[] = [];
  const withNa: string[] = [];
  for (const g of groups.values()) {
    const label = keys.map((kk, j) => `${kk}=${String(keyArrs[j][g.first])}`).join(' ');
    if (g.rows.length !== k) incomplete.push(label);
    else if (g.rows.some((r) => vArr[r] === null || seArr[r] === null || pArr[r] === null || Number.isNaN(vArr[r] as number))) withNa.push(label);
    else complete.push(...g.rows);
  }
  if (incomplete.length)
    notes.push(
      `leInequality: ${incomplete.length} group(s) do not have all ${k} deprivation groups; their SII and gap are null: ${incomplete.slice(0, 5).join('; ')}${incomplete.length > 5 ? '; …' : ''}`,
    );
  if (withNa.length)
    notes.push(
      `leInequality: ${withNa.length} group(s) have a missing life expectancy in some deprivation group; their SII and gap are null: ${withNa.slice(0, 5).join('; ')}${withNa.length > 5 ? '; …' : ''}`,
    );

  // SII through the statistics core, on complete groups only
  const siiByKey = new Map<string, { sii: number; rii: number; lo: number; hi: number; rlo: number; rhi: number; intercept: number }>();
  if (complete.length) {
    const cols: Record<string, unknown[]> = { __key: [], __q: [], __pop: [], __v: [], __se: [] };
    for (const r of complete) {
      cols.__key.push(keyArrs.map((a) => String(a[r])).join('\u0001'));
      cols.__q.push(Number(qArr[r]));
      cols.__pop.push(pArr[r]);
      cols.__v.push(vArr[r]);
      cols.__se.push(seArr[r]);
    }
    const res = siiVerb(aq.table(cols).groupby('__key'), {
      quantile: '__q',
      population: '__pop',
      value: '__v',
      se: '__se',
      valueType: 0,
      rii: true,
      intercept: true,
      repetitions: reps,
      seed,
      confidence,
      source: { file: source },
    });
    const sfx = confidenceSuffix(confidence);
    const rk = res.array('__key') as string[];
    const get = (c: string) => res.array(c) as number[];
    const [s, r, lo, hi, rlo, rhi, ic] = ['sii', 'rii', `sii_lower${sfx}cl`, `sii_upper${sfx}cl`, `rii_lower${sfx}cl`, `rii_upper${sfx}cl`, 'intercept'].map(
      get,
    );
    rk.forEach((key, i) => siiByKey.set(key, { sii: s[i], rii: r[i], lo: lo[i], hi: hi[i], rlo: rlo[i], rhi: rhi[i], intercept: ic[i] }));
  }

  const out: Record<string, unknown[]> = {};
  for (const kk of keys) out[kk] = [];
  const cols = [
    'quantiles',
    'most_deprived_le',
    'least_deprived_le',
    'gap',
    'gap_lower',
    'gap_upper',
    'gap_judgement',
    'sii',
    'sii_lower',
    'sii_upper',
    'rii',
    'rii_lower',
    'rii_upper',
    'intercept',
    'confidence',
    'seed',
    'repetitions',
  ];
  for (const c of cols) out[c] = [];
  for (const [key, g] of groups) {
    keys.forEach((kk, j) => out[kk].push(keyArrs[j][g.first]));
    const byQ = new Map(g.rows.map((r) => [Number(qArr[r]), r]));
    const most = byQ.get(1);
    const least = byQ.get(k);
    const val = (r: number | undefined) => (r === undefined ? null : vArr[r]);
    const se = (r: number | undefined) => (r === undefined ? null : seArr[r]);
    const gap = g.rows.length === k ? leDifference({ value: val(least), se: se(least) }, { value: val(most), se: se(most) }, confidence) : null;
    const s = siiByKey.get(key);
    out.quantiles.push(g.rows.length);
    out.most_deprived_le.push(val(most));
    out.least_deprived_le.push(val(least));
    out.gap.push(gap?.difference ?? null);
    out.gap_lower.push(gap?.lower ?? null);
    out.gap_upper.push(gap?.upper ?? null);
    out.gap_judgement.push((gap?.judgement ?? 'not compared') as LeGapJudgement);
    out.sii.push(s?.sii ?? null);
    out.sii_lower.push(s?.lo ?? null);
    out.sii_upper.push(s?.hi ?? null);
    out.rii.push(s?.rii ?? null);
    out.rii_lower.push(s?.rlo ?? null);
    out.rii_upper.push(s?.rhi ?? null);
    out.intercept.push(s?.intercept ?? null);
    out.confidence.push(`${Math.round(confidence * 1000) / 10}%`);
    out.seed.push(seed);
    out.repetitions.push(reps);
  }
  if (groups.size === 0) throw new HealthgapError('leInequality: the table has no rows');
  return withNotes(aq.table(out), notes);
}
