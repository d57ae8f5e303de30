/**
 * Life expectancy from an abridged life table: Chiang's method II with the Silcocks et al. (2001)
 * variance for the open final age band, as PHEindicatormethods 2.1.0 `phe_life_expectancy` and
 * the PHE/OHID Life Expectancy Calculator (Fingertips technical guidance "Life expectancy").
 *
 * Notation, for age band i with start age x_i, width n_i, deaths D_i and population P_i:
 * - M_i = D_i / P_i; a_i = 0.1 for the band starting at age 0, 0.5 otherwise.
 * - q_i = n_i M_i / (1 + n_i M_i (1 − a_i)) when D_i ≤ P_i / n_i / a_i, otherwise q_i = 1 (the
 *   "q = 1 rule", PHEim issue #47). In the open final band q = 1 (PHEim sets n = 2/M there).
 * - l_0 = 100,000, l_{i+1} = l_i (1 − q_i), d_i = l_i − l_{i+1}.
 * - L_i = n_i (l_{i+1} + a_i d_i); in the open band L = l / M.
 * - T_i = Σ_{j ≥ i} L_j, e_i = T_i / l_i (0 when l_i = 0).
 * - Variance (Chiang, with Silcocks for the open band): s²_i = q_i² (1 − q_i) / D_i (0 when
 *   d_i = 0); in the open band s² = 4 / (D M²).
 *   W_i = s²_i l_i² ((1 − a_i) n_i + e_{i+1})²; in the open band W = (l/2)² s².
 *   SE(e_i) = √(Σ_{j ≥ i} W_j) / l_i.
 * - Limits e_i ∓ z·SE(e_i), z = Φ⁻¹(c + (1 − c)/2), for every confidence level requested.
 *
 * NA rules (PHEim): the whole group is NA (with a note) when any band has deaths < 0, population
 * ≤ 0, deaths > population, when the group does not have exactly the expected bands, or when its
 * total population is ≤ 5,000. A single value is NA (its limits kept) when 1.959964·SE > 10,
 * i.e. the 95% interval is wider than 20 years, whatever confidence was asked for. Zero deaths in
 * the open band make every value of the group infinite: they are returned as NA.
 *
 * healthgap additions (documented differences from PHEim):
 * - The final open band is configurable through `ageContents`: 90+ (PHEim's 20 bands, default),
 *   85+ (`[0, 1, 5, …, 80, 85]`) or 80+ (`[0, 1, 5, …, 75, 80]`) — PHEim issues #96 and #68.
 *   PHEim hard-wires 20 bands and returns NA for anything else.
 * - Bands are matched on their start age (the first integer in the label, "<1"/"under 1" = 0), so
 *   labels such as "0", "1-4", "90+" work with the default numeric `ageContents`.
 * - A missing (null) death count or population makes the group NA with a note (PHEim gives NA
 *   values without a message); a band repeated within a group is treated as a wrong set of bands.
 * - Infinite or undefined limits (zero deaths in the open band) are returned as null (PHEim
 *   returns NaN/Inf there).
 *
 * References: Chiang CL (1968) Introduction to Stochastic Processes in Biostatistics, 189-214;
 * Silcocks PBS, Jenner DA, Reza R (2001) J Epidemiol Community Health 55:38-43;
 * Eayres DP, Williams ES (2004) J Epidemiol Community Health 58:243-249; Toson B, Baker A (2003)
 * ONS Methodology Series 33 (the 5,000 minimum).
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { withNotes } from '../io/csv.js';
import { normaliseConfidence, zFor, type ConfidenceInput } from './confidence.js';
import { Z_975 } from './distributions.js';
import { VerbContext, buildOutput, checkOutputType, ciColumns, metaColumns, type OutputColumn, type OutputType, type VerbSource } from './verb.js';

/** PHEim's default `age_contents`: 20 bands 0, 1-4, 5-9, …, 85-89, 90+ (start ages). */
export const LE_AGE_CONTENTS_90: readonly number[] = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
/** 19 bands ending in an open 85+ band (PHEim issue #96). */
export const LE_AGE_CONTENTS_85: readonly number[] = LE_AGE_CONTENTS_90.slice(0, 19);
/** 18 bands ending in an open 80+ band (PHEim issue #68). */
export const LE_AGE_CONTENTS_80: readonly number[] = LE_AGE_CONTENTS_90.slice(0, 18);

/** `method` text of PHEim's life expectancy output. */
export const LE_METHOD = 'Chiang, using Silcocks et al for confidence limits';

/** Minimum total population (exclusive): groups with total population ≤ 5,000 are NA (PHEim). */
export const LE_MIN_TOTAL_POPULATION = 5000;

/** Φ⁻¹(0.975), for PHEim's "95% CI wider than 20 years" rule (computed once, not per group). */
const Z95 = Z_975;

/** A complete abridged life table, one array entry per age band (youngest first). */
export interface LifeTable {
  /** Start age of each band; the last band is open (x+). */
  startAge: number[];
  /** Band width n_i; for the open band PHEim's 2/M (only used to give q = 1). */
  n: number[];
  /** Fraction of the interval lived by those who die in it (0.1 at age 0, else 0.5). */
  a: number[];
  /** Deaths D_i and population P_i as given. */
  deaths: number[];
  population: number[];
  /** Age-specific death rate M_i = D_i / P_i. */
  m: number[];
  /** Probability of dying in the band, q_i (1 in the open band). */
  q: number[];
  /** Survivors at the start of the band, l_i (l_0 = radix). */
  l: number[];
  /** Deaths in the band in the life table, d_i = l_i − l_{i+1}. */
  d: number[];
  /** Person-years lived in the band, L_i. */
  L: number[];
  /** Person-years lived from the band's start age onwards, T_i. */
  T: number[];
  /** Life expectancy at the band's start age, e_i = T_i / l_i. */
  e: number[];
  /** Chiang/Silcocks variance contribution of each band, W_i. */
  w: number[];
  /** Standard error of e_i. */
  se: number[];
}

/** Options for {@link lifeTable}. */
export interface LifeTableOptions {
  /** l_0, the life-table radix (default 100,000). SEs and e do not depend on it. */
  radix?: number;
}

/**
 * The abridged life table (Chiang II, Silcocks variance for the open band) for one population:
 * `deaths[i]`, `population[i]` for the band starting at `startAges[i]` (ascending, first 0); the
 * last band is open-ended. No NA rules are applied here (see {@link lifeExpectancyBands}); values
 * may be infinite or NaN for degenerate input (e.g. zero deaths in the open band).
 *
 * Used by the life-expectancy domain module (Arriaga decomposition needs l, L, T, e).
 *
 * @example
 * const lt = lifeTable(deaths, pops, [0, 1, 5, 10, ..., 90]);
 * lt.e[0]; // life expectancy at birth, 80.1696... for PHEim's documented example
 */
export function lifeTable(deaths: ArrayLike<number>, population: ArrayLike<number>, startAges: ArrayLike<number>, options: LifeTableOptions = {}): LifeTable {
  const k = startAges.length;
  if (deaths.length !== k || population.length !== k) {
    throw new HealthgapError(`lifeTable: deaths (${deaths.length}), population (${population.length}) and startAges (${k}) must have the same length`);
  }
  if (k < 2) throw new HealthgapError('lifeTable: at least two age bands are needed');
  if (startAges[0] !== 0) throw new HealthgapError(`lifeTable: the first age band must start at 0 (found ${startAges[0]})`);
  for (let i = 1; i < k; i++) {
    if (!(startAges[i] > startAges[i - 1]))
      throw new HealthgapError(`lifeTable: start ages must be strictly ascending (found ${startAges[i - 1]} then ${startAges[i]})`);
  }
  const radix = options.radix ?? 1e5;
  const D = Array.from(deaths);
  const P = Array.from(population);
  const x = Array.from(startAges);
  const m = new Array<number>(k);
  const n = new Array<number>(k);
  const a = new Array<number>(k);
  const q = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    m[i] = D[i] / P[i];
    a[i] = x[i] === 0 ? 0.1 : 0.5;
    n[i] = i < k - 1 ? x[i + 1] - x[i] : 2 / m[i];
    q[i] = D[i] <= P[i] / n[i] / a[i] ? (m[i] * n[i]) / (1 + m[i] * n[i] * (1 - a[i])) : 1;
  }
  const l = new Array<number>(k);
  l[0] = radix;
  for (let i = 1; i < k; i++) l[i] = l[i - 1] * (1 - q[i - 1]);
  const d = new Array<number>(k);
  const L = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    const next = i < k - 1 ? l[i + 1] : 0;
    d[i] = l[i] - next;
    L[i] = i < k - 1 ? n[i] * (l[i + 1] + a[i] * d[i]) : l[i] / m[i];
  }
  const T = new Array<number>(k);
  let acc = 0;
  for (let i = k - 1; i >= 0; i--) {
    acc += L[i];
    T[i] = acc;
  }
  const e = new Array<number>(k);
  for (let i = 0; i < k; i++) e[i] = l[i] === 0 ? 0 : T[i] / l[i];
  const w = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    if (i < k - 1) {
      const s2 = d[i] === 0 ? 0 : (q[i] * q[i] * (1 - q[i])) / D[i];
      const f = (1 - a[i]) * n[i] + e[i + 1];
      w[i] = s2 * l[i] * l[i] * f * f;
    } else {
      const s2 = 4 / (D[i] * m[i] * m[i]);
      w[i] = (l[i] / 2) * (l[i] / 2) * s2;
    }
  }
  const se = new Array<number>(k);
  acc = 0;
  for (let i = k - 1; i >= 0; i--) {
    acc += w[i];
    se[i] = Math.sqrt(acc / (l[i] * l[i]));
  }
  return { startAge: x, n, a, deaths: D, population: P, m, q, l, d, L, T, e, w, se };
}

/** Why a whole group's life expectancy is NA (PHEim's checks, in PHEim's order, plus ours). */
export type LifeExpectancyProblem =
  | 'negative deaths'
  | 'population zero or less'
  | 'wrong age bands'
  | 'deaths more than population'
  | 'total population 5,000 or less'
  | 'missing deaths or population';

/** Result of {@link lifeExpectancyBands} for one population. */
export interface LifeExpectancyBands {
  /** Life expectancy at each band's start age; null where NA. */
  value: (number | null)[];
  /** lower[c][i], upper[c][i]: limits at confidence level c for band i; null where NA. */
  lower: (number | null)[][];
  upper: (number | null)[][];
  /** Standard error of each value (null where not finite). */
  se: (number | null)[];
  /** Set when the whole group is NA. */
  problem: LifeExpectancyProblem | null;
  /** Number of bands whose value was suppressed because the 95% CI is wider than 20 years. */
  suppressedWide: number;
}

/**
 * Life expectancy at every band's start age with confidence limits and PHEim's NA rules, for one
 * population whose bands are already in ascending order of start age. `expectedStartAges` (default
 * the 20 PHEim bands) defines the bands that must be present.
 *
 * @example
 * lifeExpectancyBands(deaths, pops, LE_AGE_CONTENTS_90, { confidence: 0.95 }).value[0]; // e0
 */
export function lifeExpectancyBands(
  deaths: ArrayLike<number | null>,
  population: ArrayLike<number | null>,
  startAges: ArrayLike<number>,
  options: { confidence?: ConfidenceInput; expectedStartAges?: readonly number[] } = {},
): LifeExpectancyBands {
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  const expected = options.expectedStartAges ?? LE_AGE_CONTENTS_90;
  const k = startAges.length;
  const na = (problem: LifeExpectancyProblem): LifeExpectancyBands => ({
    value: new Array(k).fill(null),
    lower: levels.map(() => new Array(k).fill(null)),
    upper: levels.map(() => new Array(k).fill(null)),
    se: new Array(k).fill(null),
    problem,
    suppressedWide: 0,
  });
  const D: number[] = [];
  const P: number[] = [];
  for (let i = 0; i < k; i++) {
    const di = deaths[i];
    const pi = population[i];
    if (di === null || pi === null || di !== di || pi !== pi) return na('missing deaths or population');
    D.push(di);
    P.push(pi);
  }
  if (D.some((v) => v < 0)) return na('negative deaths');
  if (P.some((v) => v <= 0)) return na('population zero or less');
  let sameBands = k === expected.length;
  for (let i = 0; sameBands && i < k; i++) if (startAges[i] !== expected[i]) sameBands = false;
  if (!sameBands) return na('wrong age bands');
  if (D.some((v, i) => v > P[i])) return na('deaths more than population');
  if (P.reduce((s, v) => s + v, 0) <= LE_MIN_TOTAL_POPULATION) return na('total population 5,000 or less');

  const lt = lifeTable(D, P, startAges);
  const z95 = Z95;
  const zs = levels.map(zFor);
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  const value: (number | null)[] = [];
  const lower = levels.map(() => [] as (number | null)[]);
  const upper = levels.map(() => [] as (number | null)[]);
  let suppressedWide = 0;
  for (let i = 0; i < k; i++) {
    const e = lt.e[i];
    const se = lt.se[i];
    const wide = z95 * se > 10;
    if (wide && Number.isFinite(e)) suppressedWide++;
    value.push(wide || !Number.isFinite(e) ? null : e);
    for (let c = 0; c < zs.length; c++) {
      lower[c].push(fin(e - zs[c] * se));
      upper[c].push(fin(e + zs[c] * se));
    }
  }
  return { value, lower, upper, se: lt.se.map(fin), problem: null, suppressedWide };
}

/**
 * Start age of an age-band label: the first integer in it, as PHEim (`"10 – 14"` → 10,
 * `"90+"` → 90); `"<1"` and `"under 1"` → 0. Numbers are returned as they are. NaN when none.
 */
export function bandStartAge(label: unknown): number {
  if (typeof label === 'number') return label;
  if (label === null || label === undefined) return NaN;
  const s = String(label);
  if (/^\s*(<\s*1(?!\d)|under\s*1(?!\d))/i.test(s)) return 0;
  const m = /\d+/.exec(s);
  return m ? Number(m[0]) : NaN;
}

/** Options of {@link lifeExpectancy}. */
export interface LifeExpectancyOptions {
  /** Column of death counts per age band. */
  deaths: string;
  /** Column of populations (person-years) per age band. */
  population: string;
  /** Column of age bands: start ages (0, 1, 5, …) or labels ("0", "1-4", …, "90+"). */
  startAge: string;
  /**
   * The expected bands (start ages or labels), ascending, first 0, last = the open band.
   * Default PHEim's 20 bands up to 90+; use {@link LE_AGE_CONTENTS_85} / {@link LE_AGE_CONTENTS_80}
   * for an 85+ or 80+ final band.
   */
  ageContents?: readonly (number | string)[];
  /** `'all'` (default) or the start age(s) / label(s) to return life expectancy for. */
  leAge?: 'all' | number | string | readonly (number | string)[];
  /** One level or several (`[0.95, 0.998]`); any level in [0.9, 1] (or [90, 100]). Default 0.95. */
  confidence?: ConfidenceInput;
  /** PHEim's `type` (default `"full"`). */
  type?: OutputType;
  /** For error messages (the CLI passes the file). */
  source?: VerbSource;
}

/**
 * Life expectancy at every age band (Chiang II, Silcocks variance) for each group of a table with
 * one row per age band — PHEindicatormethods `phe_life_expectancy`.
 *
 * Output: the group columns, the age band column (as given), `value`, `lowercl`/`uppercl` (or
 * `lower95_0cl`, … for several levels), and for `type: "full"` `pops_used`, `dths_used` (population
 * and deaths at and above the band's age), `confidence`, `statistic` ("life expectancy at 5") and
 * `method`. Groups that fail a PHEim check are NA; the reasons are attached as notes, read them
 * with `readerNotes(result)` from `src/io/csv.ts`.
 *
 * @example
 * const out = lifeExpectancy(deaths.groupby('area_code', 'sex'), { deaths: 'deaths', population: 'population', startAge: 'age_band', leAge: [0] });
 */
export function lifeExpectancy(table: ColumnTable, options: LifeExpectancyOptions): ColumnTable {
  const ctx = new VerbContext(table, 'lifeExpectancy', options.source);
  const type = checkOutputType(options.type);
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  ctx.requireColumns(options.deaths, options.population, options.startAge);
  const contents = options.ageContents ?? LE_AGE_CONTENTS_90;
  const expected = contents.map(bandStartAge);
  expected.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0) throw new HealthgapError(`ageContents: cannot read a start age from "${String(contents[i])}"`);
  });
  if (expected[0] !== 0) throw new HealthgapError('ageContents: the first age band must be 0');
  const sorted = [...expected].sort((p, q) => p - q);
  const outOfPlace = contents.filter((_, i) => expected[i] !== sorted[i]);
  if (outOfPlace.length)
    throw new HealthgapError(`ageContents doesn't appear to be in ascending order; these bands are out of position: ${outOfPlace.join(', ')}`);
  if (new Set(expected).size !== expected.length) throw new HealthgapError('ageContents: each age band must appear once');

  const deaths = ctx.numeric(options.deaths);
  const pops = ctx.numeric(options.population);
  const bandCol = ctx.table.column(options.startAge)!;
  const nRaw = ctx.table.totalRows();
  const start = new Float64Array(nRaw);
  const visible = ctx.table.indices(true);
  const seen = new Set<number>();
  for (let i = 0; i < visible.length; i++) {
    const r = visible[i];
    const s = bandStartAge(bandCol.at(r));
    if (!Number.isInteger(s) || s < 0)
      throw ctx.error(`expected an age band such as 0, "1-4" or "90+", found ${JSON.stringify(bandCol.at(r))}`, r, options.startAge);
    start[r] = s;
    seen.add(s);
  }
  const unknown = [...seen].filter((s) => !expected.includes(s)).sort((p, q) => p - q);
  const absent = expected.filter((s) => !seen.has(s));
  if (visible.length > 0 && (unknown.length || absent.length)) {
    const parts: string[] = [];
    if (unknown.length) parts.push(`bands starting at ${unknown.join(', ')} are not in ageContents`);
    if (absent.length) parts.push(`no row has the band starting at ${absent.join(', ')}`);
    throw ctx.error(`the age bands do not match ageContents [${contents.join(', ')}]: ${parts.join('; ')}`, undefined, options.startAge);
  }

  // leAge filter (PHEim: rows whose band is in le_age; if none match, all rows with a warning).
  const notes: string[] = [];
  let wanted: Set<number> | null = null;
  if (options.leAge !== undefined && options.leAge !== 'all') {
    const list = Array.isArray(options.leAge) ? (options.leAge as readonly (number | string)[]) : [options.leAge as number | string];
    const ages = list.map(bandStartAge).filter((s) => expected.includes(s));
    if (ages.length === 0) notes.push(`lifeExpectancy: leAge ${list.join(', ')} is not among the age bands; all life expectancies are returned`);
    else wanted = new Set(ages);
  }

  const g = ctx.groups;
  const keyOut: unknown[][] = g.names.map(() => []);
  const bandOut: unknown[] = [];
  const valueOut: (number | null)[] = [];
  const lowerOut: (number | null)[][] = levels.map(() => []);
  const upperOut: (number | null)[][] = levels.map(() => []);
  const popsUsed: (number | null)[] = [];
  const dthsUsed: (number | null)[] = [];
  const statistic: string[] = [];
  const problems = new Map<LifeExpectancyProblem, string[]>();
  // one "life expectancy at <band>" string per band label, shared by every group's rows
  const statisticOf = new Map<unknown, string>();
  let wideCount = 0;
  for (let k = 0; k < g.size; k++) {
    const rows = Array.from(g.rows[k]).sort((p, q) => start[p] - start[q] || p - q);
    const ages = rows.map((r) => start[r]);
    const dth = rows.map((r) => deaths[r]);
    const pop = rows.map((r) => pops[r]);
    const res = lifeExpectancyBands(dth, pop, ages, { confidence: levels, expectedStartAges: expected });
    if (res.problem) {
      const label = g.names.length ? g.names.map((nm, j) => `${nm}=${String(g.keys[j][k])}`).join(' ') : 'the table';
      problems.set(res.problem, [...(problems.get(res.problem) ?? []), label]);
    }
    wideCount += res.suppressedWide;
    // cumulative population and deaths at and above each band
    const cumP = new Array<number>(rows.length);
    const cumD = new Array<number>(rows.length);
    let sp = 0;
    let sd = 0;
    for (let i = rows.length - 1; i >= 0; i--) {
      sp += pop[i];
      sd += dth[i];
      cumP[i] = sp;
      cumD[i] = sd;
    }
    for (let i = 0; i < rows.length; i++) {
      if (wanted && !wanted.has(ages[i])) continue;
      for (let j = 0; j < g.names.length; j++) keyOut[j].push(g.keys[j][k]);
      const label = bandCol.at(rows[i]);
      bandOut.push(label);
      valueOut.push(res.value[i]);
      for (let c = 0; c < levels.length; c++) {
        lowerOut[c].push(res.lower[c][i]);
        upperOut[c].push(res.upper[c][i]);
      }
      popsUsed.push(Number.isFinite(cumP[i]) ? cumP[i] : null);
      dthsUsed.push(Number.isFinite(cumD[i]) ? cumD[i] : null);
      let stat = statisticOf.get(label);
      if (stat === undefined) {
        stat = `life expectancy at ${String(label)}`;
        statisticOf.set(label, stat);
      }
      statistic.push(stat);
    }
  }
  const messages: Record<LifeExpectancyProblem, string> = {
    'negative deaths': 'some age bands have negative deaths',
    'population zero or less': 'some age bands have a zero or less population',
    'wrong age bands': `some groups do not have exactly the ${expected.length} age bands of ageContents (each once)`,
    'deaths more than population': 'some age bands have more deaths than population',
    'total population 5,000 or less': 'some groups have a total population of 5,000 or less',
    'missing deaths or population': 'some age bands have a missing death count or population',
  };
  for (const [problem, groups] of problems) {
    const shown = groups.slice(0, 5).join('; ') + (groups.length > 5 ? `; and ${groups.length - 5} more` : '');
    notes.push(
      `lifeExpectancy: ${messages[problem]}; outputs for ${groups.length === 1 && !g.names.length ? 'the table' : `${groups.length} group(s) (${shown})`} are NA`,
    );
  }
  if (wideCount > 0)
    notes.push(`lifeExpectancy: ${wideCount} life expectancy value(s) have a 95% confidence interval wider than 20 years; these values are NA (limits kept)`);

  const n = valueOut.length;
  const cols: OutputColumn[] = [
    ...g.names.map((name, j) => ({ name, role: 'key' as const, values: keyOut[j] })),
    ...(g.names.includes(options.startAge) ? [] : [{ name: options.startAge, role: 'key' as const, values: bandOut }]),
    { name: 'value', role: 'value', values: valueOut },
    ...ciColumns(levels, lowerOut as unknown as ArrayLike<number>[], upperOut as unknown as ArrayLike<number>[]),
    { name: 'pops_used', role: 'meta', values: popsUsed },
    { name: 'dths_used', role: 'meta', values: dthsUsed },
    ...metaColumns(n, levels, statistic, LE_METHOD),
  ];
  return withNotes(buildOutput(cols, type), notes);
}
