/**
 * The nearest-neighbour similarity model: standardised (z-score) weighted Euclidean distances
 * between areas over a set of variables. Pure: rows of variables in, ranked neighbours out.
 */
import { mean, sampleStandardDeviation, zScore } from 'simple-statistics';
import { HealthgapError } from '../core/errors.js';

/** One area and its variables (null = missing). */
export interface AreaVariables {
  code: string;
  name: string;
  values: Record<string, number | null>;
}

/** How much one variable adds to a neighbour's distance. */
export interface VariableContribution {
  variable: string;
  /** The target's and the neighbour's values (as given, before standardising). */
  targetValue: number;
  value: number;
  /** Difference in standard deviations (neighbour − target). */
  zDifference: number;
  /** Share of the squared distance (0–1; the shares add up to 1 when the distance is above 0). */
  share: number;
}

/** One neighbour. */
export interface Neighbour {
  /** 1 = nearest. */
  rank: number;
  code: string;
  name: string;
  /** √(Σ wⱼ·Δzⱼ² / Σ wⱼ): the root weighted mean squared difference in standard deviations. */
  distance: number;
  /** Contributions of each variable, in the order of the variables. */
  contributions: VariableContribution[];
  /** Up to three variables on which the neighbour is closest to the target (smallest |Δz|). */
  similarOn: string[];
  /** The variable adding most to the distance. */
  differsMostOn: string;
}

/** Options of {@link nearestNeighbours}. */
export interface NeighbourOptions {
  /** Number of neighbours (default 15). */
  k?: number;
  /** Variables to use (default: every variable of the first area). */
  variables?: readonly string[];
  /** Weight of each variable (default 1; 0 leaves it out). */
  weights?: Readonly<Record<string, number>>;
  /** Variables standardised on the log scale (log10; values must be above 0), e.g. population and density. */
  log?: readonly string[];
}

/** The result: the target, the neighbours, and how the model was set up. */
export interface NeighbourResult {
  target: AreaVariables;
  neighbours: Neighbour[];
  variables: string[];
  weights: number[];
  /** Variables compared on the log10 scale. */
  logged: string[];
  /** Mean and standard deviation of each variable (log10 where logged) over the areas compared. */
  means: number[];
  sds: number[];
  /** Number of areas compared (with every variable present), the target included. */
  areasCompared: number;
  /** Areas left out because a variable was missing. */
  leftOut: string[];
}

/**
 * The k nearest neighbours of `target` among `areas` by standardised Euclidean distance.
 *
 * Each variable j (its log10 when listed in `log`) is standardised over the areas compared:
 * zⱼ = (xⱼ − mean) / sd (sample sd;
 * simple-statistics `mean`, `sampleStandardDeviation`, `zScore`). The distance between the
 * target t and an area a is d = √(Σⱼ wⱼ·(z_aj − z_tj)² / Σⱼ wⱼ), so d = 1 means the areas differ
 * by one standard deviation on every variable on average. Areas are ranked by d, ties broken by
 * code (so the result does not depend on input order). An area with a missing value in any
 * variable is left out (listed in `leftOut`); the target must have every variable. A variable
 * with the same value everywhere is an error (it cannot tell areas apart).
 *
 * @example
 * nearestNeighbours(areas, 'E08000028', { k: 15 }).neighbours[0] // { rank: 1, code: …, distance: … }
 */
export function nearestNeighbours(areas: readonly AreaVariables[], target: string, options: NeighbourOptions = {}): NeighbourResult {
  const k = options.k ?? 15;
  if (!Number.isInteger(k) || k < 1) throw new HealthgapError(`k must be a whole number of 1 or more (found ${k})`);
  if (areas.length === 0) throw new HealthgapError('no areas to compare');
  const vars = [...(options.variables ?? Object.keys(areas[0].values))];
  if (vars.length === 0) throw new HealthgapError('give at least one variable');
  const seen = new Set<string>();
  for (const v of vars) {
    if (seen.has(v)) throw new HealthgapError(`variable "${v}" is given twice`);
    seen.add(v);
  }
  const known = new Set(areas.flatMap((a) => Object.keys(a.values)));
  for (const v of vars) if (!known.has(v)) throw new HealthgapError(`unknown variable "${v}"; available: ${[...known].join(', ')}`);
  for (const name of Object.keys(options.weights ?? {}))
    if (!vars.includes(name)) throw new HealthgapError(`a weight is given for "${name}", which is not one of the variables used (${vars.join(', ')})`);
  const weights = vars.map((v) => {
    const w = options.weights?.[v] ?? 1;
    if (!Number.isFinite(w) || w < 0) throw new HealthgapError(`the weight of "${v}" must be a number of 0 or more (found ${w})`);
    return w;
  });
  const wSum = weights.reduce((a, b) => a + b, 0);
  if (!(wSum > 0)) throw new HealthgapError('every weight is 0: give at least one variable a weight above 0');

  const codes = new Set<string>();
  for (const a of areas) {
    if (codes.has(a.code)) throw new HealthgapError(`area ${a.code} appears twice in the variables`);
    codes.add(a.code);
  }
  const t = areas.find((a) => a.code === target);
  if (!t) throw new HealthgapError(`area ${target} is not among the ${areas.length} areas compared`);
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const missing = vars.filter((v) => !isNum(t.values[v]));
  if (missing.length) throw new HealthgapError(`${t.name} (${t.code}) has no value for ${missing.join(', ')}: choose other variables`);
  const complete = areas.filter((a) => vars.every((v) => isNum(a.values[v])));
  const leftOut = areas.filter((a) => !complete.includes(a)).map((a) => a.code);
  if (complete.length < 3) throw new HealthgapError(`only ${complete.length} areas have every variable: too few to standardise`);

  const logged = new Set(options.log ?? []);
  for (const a of complete) {
    for (const v of vars) {
      if (logged.has(v) && !((a.values[v] as number) > 0))
        throw new HealthgapError(`${a.name} (${a.code}) has ${v} = ${a.values[v]}: a variable compared on the log scale must be above 0`);
    }
  }
  const means: number[] = [];
  const sds: number[] = [];
  const z: number[][] = complete.map(() => []);
  vars.forEach((v) => {
    const col = complete.map((a) => (logged.has(v) ? Math.log10(a.values[v] as number) : (a.values[v] as number)));
    const m = mean(col);
    const sd = sampleStandardDeviation(col);
    if (!(sd > 0)) throw new HealthgapError(`variable "${v}" has the same value for every area: it cannot tell areas apart`);
    means.push(m);
    sds.push(sd);
    col.forEach((x, i) => z[i].push(zScore(x, m, sd)));
  });
  const ti = complete.indexOf(t);
  const scored = complete
    .map((a, i) => {
      if (i === ti) return null;
      const sq = vars.map((_, j) => weights[j] * (z[i][j] - z[ti][j]) ** 2);
      const total = sq.reduce((s, x) => s + x, 0);
      return { a, i, sq, total, distance: Math.sqrt(total / wSum) };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((p, q) => p.distance - q.distance || (p.a.code < q.a.code ? -1 : p.a.code > q.a.code ? 1 : 0));
  const neighbours = scored.slice(0, k).map((s, r): Neighbour => {
    const contributions = vars.map(
      (v, j): VariableContribution => ({
        variable: v,
        targetValue: t.values[v] as number,
        value: s.a.values[v] as number,
        zDifference: z[s.i][j] - z[ti][j],
        share: s.total > 0 ? s.sq[j] / s.total : 0,
      }),
    );
    const used = contributions.filter((_, j) => weights[j] > 0);
    const similarOn = [...used]
      .sort((p, q) => Math.abs(p.zDifference) - Math.abs(q.zDifference) || vars.indexOf(p.variable) - vars.indexOf(q.variable))
      .slice(0, Math.max(1, Math.min(3, used.length - 1)))
      .map((c) => c.variable);
    const differsMostOn = [...used].sort((p, q) => q.share - p.share || vars.indexOf(p.variable) - vars.indexOf(q.variable))[0].variable;
    return { rank: r + 1, code: s.a.code, name: s.a.name, distance: s.distance, contributions, similarOn, differsMostOn };
  });
  return { target: t, neighbours, variables: vars, weights, logged: vars.filter((v) => logged.has(v)), means, sds, areasCompared: complete.length, leftOut };
}
