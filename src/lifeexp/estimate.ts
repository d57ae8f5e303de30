/**
 * Life expectancy with its standard error for one population or for every group of a table,
 * built on the statistics core (`lifeExpectancyBands` / `lifeTable` in `src/stats/lifeExpectancy.ts`:
 * Chiang II abridged life table, Silcocks et al. variance for the open band, PHEim NA rules).
 * This module adds the standard error to the output (the gap and SII need it), LE at any band
 * start age (0, 65, …), the totals behind each value and the reason when a value is NA.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readerNotes, withNotes } from '../io/csv.js';
import {
  lifeExpectancyBands,
  lifeTable,
  bandStartAge,
  LE_AGE_CONTENTS_90,
  LE_METHOD,
  type LifeTable,
  type LifeExpectancyProblem,
} from '../stats/lifeExpectancy.js';
import { normaliseConfidence, zFor, type ConfidenceInput } from '../stats/confidence.js';

/** One population's deaths and population by life-table band (start ages ascending, first 0, last open). */
export interface LeBandsInput {
  /** Start age of each band (0, 1, 5, …, 90). */
  startAges: readonly number[];
  deaths: readonly (number | null)[];
  population: readonly (number | null)[];
  /** Band labels for output (default `Under 1`, `1-4`, … built from the start ages). */
  labels?: readonly string[];
}

/** Life expectancy at one age for one population. */
export interface LeEstimate {
  /** Age the expectancy is measured from (a band start age). */
  age: number;
  /** Life expectancy in years; null when NA (see `problem`). */
  value: number | null;
  /** Standard error (Chiang/Silcocks); null when NA. */
  se: number | null;
  /** Lower and upper limits at `confidence`. */
  lower: number | null;
  upper: number | null;
  confidence: number;
  /** Deaths and population at and above `age` (all bands from `age` up). */
  deaths: number | null;
  population: number | null;
  /** Why the value is NA (PHEim rules), or null. */
  problem: LifeExpectancyProblem | 'confidence interval wider than 20 years' | null;
}

/** Default band labels from start ages: `Under 1`, `1-4`, `5-9`, …, `90+`. */
export function leBandLabels(startAges: readonly number[]): string[] {
  return startAges.map((s, i) => {
    if (i === startAges.length - 1) return `${s}+`;
    const hi = startAges[i + 1] - 1;
    if (s === 0 && hi === 0) return 'Under 1';
    return s === hi ? String(s) : `${s}-${hi}`;
  });
}

/** Human text for an NA reason. */
export function leProblemText(problem: LeEstimate['problem']): string {
  switch (problem) {
    case null:
      return '';
    case 'total population 5,000 or less':
      return 'the population is 5,000 or less (too small for a reliable life expectancy)';
    case 'confidence interval wider than 20 years':
      return 'the 95% confidence interval is wider than 20 years (too few deaths)';
    case 'wrong age bands':
      return 'the age bands are not the expected life-table bands';
    default:
      return problem;
  }
}

/**
 * Life expectancy at each requested age (band start ages, default 0) with standard error and
 * limits, for one population (Chiang II with Silcocks' open-band variance via the statistics
 * core, PHEim NA rules: negative deaths, population ≤ 0, deaths > population, wrong bands, total
 * population ≤ 5,000 → NA; a 95% CI wider than 20 years → the value is NA).
 *
 * SE(e_x) = √(Σ_{j≥x} W_j) / l_x (Chiang 1968; Silcocks et al. 2001 for the open band); limits
 * e_x ∓ z·SE, z = Φ⁻¹(1 − (1 − c)/2).
 *
 * @example
 * leEstimate({ startAges: [0, 1, 5, …, 90], deaths, population }, { ages: [0, 65] })[0].value // e0
 */
export function leEstimate(input: LeBandsInput, options: { ages?: readonly number[]; confidence?: number } = {}): LeEstimate[] {
  const confidence = normaliseConfidence(options.confidence ?? 0.95)[0];
  const ages = options.ages ?? [0];
  const k = input.startAges.length;
  if (input.deaths.length !== k || input.population.length !== k)
    throw new HealthgapError(`leEstimate: ${k} age bands but ${input.deaths.length} death counts and ${input.population.length} populations`);
  for (const a of ages) {
    if (!input.startAges.includes(a))
      throw new HealthgapError(`life expectancy at age ${a}: not the start of a life-table band (bands start at ${input.startAges.join(', ')})`);
  }
  const res = lifeExpectancyBands(input.deaths, input.population, input.startAges, { confidence, expectedStartAges: input.startAges });
  const z = zFor(confidence);
  return ages.map((age) => {
    const i = input.startAges.indexOf(age);
    let dSum: number | null = 0;
    let pSum: number | null = 0;
    for (let j = i; j < k; j++) {
      const d = input.deaths[j];
      const p = input.population[j];
      dSum = d === null || dSum === null ? null : dSum + d;
      pSum = p === null || pSum === null ? null : pSum + p;
    }
    const value = res.value[i];
    const se = res.se[i];
    let problem: LeEstimate['problem'] = res.problem;
    if (!problem && value === null) problem = 'confidence interval wider than 20 years';
    const ok = value !== null && se !== null;
    return {
      age,
      value: ok ? value : null,
      se: ok ? se : null,
      lower: ok ? value - z * se : null,
      upper: ok ? value + z * se : null,
      confidence,
      deaths: dSum,
      population: pSum,
      problem,
    };
  });
}

/**
 * The full abridged life table (l, L, T, e, …) of one population after checking it as
 * {@link leEstimate} does: throws a {@link HealthgapError} naming the problem when the PHEim rules
 * make it NA (the decomposition needs a complete, valid table).
 *
 * @example leLifeTable(input, 'Sandwell, males').e[0]
 */
export function leLifeTable(input: LeBandsInput, label = 'the population'): LifeTable {
  const k = input.startAges.length;
  if (input.deaths.length !== k || input.population.length !== k)
    throw new HealthgapError(`${label}: ${k} age bands but ${input.deaths.length} death counts and ${input.population.length} populations`);
  const res = lifeExpectancyBands(input.deaths, input.population, input.startAges, { expectedStartAges: input.startAges });
  if (res.problem) throw new HealthgapError(`${label}: no life table: ${leProblemText(res.problem)}`);
  const D = input.deaths as number[];
  if (D[k - 1] === 0) throw new HealthgapError(`${label}: no life table: no deaths in the open age band ${input.startAges[k - 1]}+`);
  return lifeTable(D, input.population as number[], input.startAges);
}

/** Options of {@link leByGroup}. */
export interface LeByGroupOptions {
  /** Key columns (area, sex, period, deprivation decile …). Default `['area_code', 'sex']`, those present. */
  groupBy?: readonly string[];
  /** Column of age bands (labels or start ages). Default `age_band`. */
  ageBand?: string;
  /** Deaths column (default `deaths`). */
  deaths?: string;
  /** Population column (default `population`). */
  population?: string;
  /** Ages to report (band start ages). Default `[0]`. */
  ages?: readonly number[];
  /** Expected band start ages (default the 20 PHEim bands 0, 1, 5, …, 90). */
  startAges?: readonly number[];
  /** Confidence level (default 0.95). */
  confidence?: ConfidenceInput;
  source?: string;
}

/**
 * Life expectancy with standard error and limits for every group of a long table (one row per
 * group and age band), e.g. every area × sex, or every deprivation decile × sex of an area.
 *
 * Output, one row per group and requested age: the key columns, `age` (start age), `value`,
 * `se`, `lowercl`, `uppercl`, `confidence`, `deaths` and `population` (totals at and above `age`),
 * `problem` (null, or why the value is NA: PHEim's rules) and `method`. Notes (readerNotes) list
 * the NA groups. A group without exactly the expected bands is an {@link InputError}: never a
 * silent NA for a missing band.
 *
 * @example leByGroup(leInputs({ level: 'utla', year: 2014 }), { groupBy: ['area_code', 'area_name', 'sex'], ages: [0, 65] })
 */
export function leByGroup(table: ColumnTable, options: LeByGroupOptions = {}): ColumnTable {
  const names = table.columnNames();
  const source = options.source ?? 'the life-expectancy input table';
  const bandCol = options.ageBand ?? 'age_band';
  const dCol = options.deaths ?? 'deaths';
  const pCol = options.population ?? 'population';
  for (const c of [bandCol, dCol, pCol]) if (!names.includes(c)) throw new InputError(`no column "${c}" (columns: ${names.join(', ')})`, { file: source });
  const keys = (options.groupBy ?? ['area_code', 'sex'].filter((c) => names.includes(c))).slice();
  for (const k of keys) if (!names.includes(k)) throw new InputError(`no column "${k}" to group by (columns: ${names.join(', ')})`, { file: source });
  const expected = (options.startAges ?? LE_AGE_CONTENTS_90).slice();
  const ages = (options.ages ?? [0]).slice();
  for (const a of ages)
    if (!expected.includes(a))
      throw new HealthgapError(`life expectancy at age ${a}: not the start of a life-table band (bands start at ${expected.join(', ')})`);
  const confidence = normaliseConfidence(options.confidence ?? 0.95)[0];

  const n = table.numRows();
  const bands = table.array(bandCol) as unknown[];
  const D = table.array(dCol) as (number | null)[];
  const P = table.array(pCol) as (number | null)[];
  const keyArrs = keys.map((k) => table.array(k) as unknown[]);
  const label = (i: number) => (keys.length ? keys.map((k, j) => `${k}=${String(keyArrs[j][i])}`).join(' ') : 'the table');
  const groups = new Map<string, { first: number; rows: (number | undefined)[] }>();
  for (let i = 0; i < n; i++) {
    const s = bandStartAge(bands[i]);
    const b = expected.indexOf(s);
    if (b < 0)
      throw new InputError(
        `age band ${JSON.stringify(bands[i])} is not one of the life-table bands (starting at ${expected.join(', ')}); rebuild the bands with leToLifeTableBands`,
        { row: i + 1, column: bandCol },
      );
    const key = keyArrs.map((a) => String(a[i])).join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: i, rows: new Array(expected.length) }));
    if (g.rows[b] !== undefined) throw new InputError(`age band ${JSON.stringify(bands[i])} appears twice for ${label(i)}`, { row: i + 1, column: bandCol });
    g.rows[b] = i;
  }
  const out: Record<string, unknown[]> = {};
  for (const k of keys) out[k] = [];
  for (const c of ['age', 'value', 'se', 'lowercl', 'uppercl', 'confidence', 'deaths', 'population', 'problem', 'method']) out[c] = [];
  const naGroups: string[] = [];
  for (const g of groups.values()) {
    const missing = expected.filter((_, b) => g.rows[b] === undefined);
    if (missing.length)
      throw new InputError(
        `${label(g.first)} has no row for the age band(s) starting at ${missing.join(', ')} (a life table needs all ${expected.length} bands)`,
        { file: source, column: bandCol },
      );
    const rows = g.rows as number[];
    const num = (x: unknown) => (x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x)) ? null : Number(x));
    const est = leEstimate({ startAges: expected, deaths: rows.map((r) => num(D[r])), population: rows.map((r) => num(P[r])) }, { ages, confidence });
    for (const e of est) {
      keys.forEach((k, j) => out[k].push(keyArrs[j][g.first]));
      out.age.push(e.age);
      out.value.push(e.value);
      out.se.push(e.se);
      out.lowercl.push(e.lower);
      out.uppercl.push(e.upper);
      out.confidence.push(`${Math.round(confidence * 1000) / 10}%`);
      out.deaths.push(e.deaths);
      out.population.push(e.population);
      out.problem.push(e.problem);
      out.method.push(LE_METHOD);
      if (e.problem) naGroups.push(`${label(g.first)} at ${e.age}: ${leProblemText(e.problem)}`);
    }
  }
  const notes = [...readerNotes(table)];
  if (naGroups.length)
    notes.push(`life expectancy is NA for ${naGroups.length} value(s): ${naGroups.slice(0, 5).join('; ')}${naGroups.length > 5 ? '; …' : ''}`);
  return withNotes(aq.table(out), notes);
}
