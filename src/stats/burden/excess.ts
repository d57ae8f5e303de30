/**
 * Excess deaths: observed deaths minus those expected at a reference population's age-specific
 * rates (England, the region, or the best quarter of comparable areas).
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../core/errors.js';
import { normalizeConfidence, poissonCountInterval, type ConfidenceInput } from '../confidence.js';
import { VerbContext, buildOutput, checkOutputType, ciColumns, metaColumns, type OutputColumn, type OutputType, type VerbSource } from '../verb.js';
import { bandedGroups, groupName, matchBands, referenceGroups, strataOf, type BandedGroup } from './groups.js';

/** The `reference` value that pools the best (lowest-mortality) quarter of the groups. */
export const BEST_QUARTILE = 'best-quartile';

/** Options of {@link excessDeaths}. */
export interface ExcessOptions {
  /** Column of observed deaths per age band (NA counts as 0). */
  x: string;
  /** Column of populations per age band (0 or more). */
  n: string;
  /** Column of age-band labels: bands are matched with the reference by label. Without it, by position. */
  ageBand?: string;
  /**
   * The reference group, as a value of `referenceColumn` (e.g. `E92000001` for England, a region
   * code), or `'best-quartile'`: the pooled rates of the quarter of groups with the lowest
   * indirectly standardised mortality (see {@link excessDeaths}).
   */
  reference: string;
  /** Group column holding `reference` (default the first group column). Other group columns (e.g. sex) are matched. */
  referenceColumn?: string;
  /** With `'best-quartile'`: values of the reference column left out of the pool (e.g. England and the regions). */
  exclude?: readonly string[];
  /** One row per group and age band (the band column kept) instead of one per group. Needs `ageBand`. */
  byBand?: boolean;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/**
 * Excess deaths for one group: observed O minus expected E, with limits from O alone
 * (exact Poisson limits below 10 deaths, Byar's from 10, minus E; E is treated as known).
 * Reference: Breslow & Day (1987) vol. II; PHEindicatormethods `phe_rate` limits for a count.
 *
 * @example excessWithCI(120, 100) // { excess: 20, lower: -0.5…, upper: 43.5…, method: 'Byars' }
 */
export function excessWithCI(
  observed: number,
  expected: number,
  confidence = 0.95,
): { excess: number; lower: number | null; upper: number | null; method: 'Exact' | 'Byars' } {
  const [level] = normalizeConfidence(confidence);
  if (!(observed >= 0)) throw new HealthgapError(`excess: observed must be 0 or more, found ${observed}`);
  if (!(expected > 0)) throw new HealthgapError(`excess: expected must be greater than 0, found ${expected}`);
  const ci = poissonCountInterval(observed, level);
  return {
    excess: observed - expected,
    lower: ci.lower === null ? null : ci.lower - expected,
    upper: ci.upper === null ? null : ci.upper - expected,
    method: ci.method,
  };
}

/** Reference rates by band label (or position key) for one stratum. */
interface RefRates {
  template: BandedGroup;
  rate: Map<string, number>;
  label: string;
}

function namedReferenceRates(ctx: VerbContext, ref: BandedGroup, x: Float64Array, n: Float64Array, nName: string): RefRates {
  const rate = new Map<string, number>();
  ref.labels.forEach((label, i) => {
    const r = ref.rows[i];
    if (!(n[r] > 0))
      throw ctx.error(
        `expected a reference population greater than 0, found ${n[r] !== n[r] ? 'NA' : n[r]} (reference group ${groupName(ctx, ref.k)})`,
        r,
        nName,
      );
    rate.set(label, (x[r] === x[r] ? x[r] : 0) / n[r]);
  });
  return { template: ref, rate, label: `the rates of ${groupName(ctx, ref.k)}` };
}

function bestQuartileRates(
  ctx: VerbContext,
  members: readonly BandedGroup[],
  x: Float64Array,
  n: Float64Array,
  ageBand: string | undefined,
  refCol: string,
): RefRates {
  if (members.length < 4) throw new HealthgapError(`${ctx.fn}: the best-quartile reference needs at least 4 groups to choose from (found ${members.length})`);
  const first = members[0];
  const pooledX = new Map<string, number>();
  const pooledN = new Map<string, number>();
  for (const m of members) {
    const { rows, refRows } = matchBands(ctx, m, first, ageBand);
    rows.forEach((r, i) => {
      const label = first.labels[first.rows.indexOf(refRows[i])];
      pooledX.set(label, (pooledX.get(label) ?? 0) + (x[r] === x[r] ? x[r] : 0));
      pooledN.set(label, (pooledN.get(label) ?? 0) + n[r]);
    });
  }
  // indirectly standardised ratio of each member against the pooled rates
  const ranked = members.map((m) => {
    let O = 0,
      E = 0;
    m.rows.forEach((r, i) => {
      const label = ageBand ? m.labels[i] : first.labels[i];
      const N = pooledN.get(label)!;
      O += x[r] === x[r] ? x[r] : 0;
      E += N > 0 ? (n[r] * pooledX.get(label)!) / N : 0;
    });
    return { m, ratio: E > 0 ? O / E : Infinity, key: groupName(ctx, m.k) };
  });
  ranked.sort((a, b) => a.ratio - b.ratio || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const q = Math.ceil(members.length / 4);
  const best = ranked.slice(0, q).map((r) => r.m);
  const bx = new Map<string, number>();
  const bn = new Map<string, number>();
  for (const m of best) {
    m.rows.forEach((r, i) => {
      const label = ageBand ? m.labels[i] : first.labels[i];
      bx.set(label, (bx.get(label) ?? 0) + (x[r] === x[r] ? x[r] : 0));
      bn.set(label, (bn.get(label) ?? 0) + n[r]);
    });
  }
  const rate = new Map<string, number>();
  for (const label of first.labels) {
    const N = bn.get(label)!;
    if (!(N > 0)) throw new HealthgapError(`${ctx.fn}: the best-quartile groups have no population in age band "${label}"`);
    rate.set(label, bx.get(label)! / N);
  }
  return { template: first, rate, label: `the pooled rates of the ${q} of ${members.length} groups (by ${refCol}) with the lowest standardised mortality` };
}

/**
 * Excess deaths: for each group, observed deaths O = Σ xᵢ and expected deaths E = Σ nᵢ·Rᵢ, with Rᵢ
 * the reference's death rate in the same age band; `excess` = O − E with confidence limits from
 * the observed count (exact Poisson below 10 deaths, Byar's from 10, each minus E, as
 * {@link excessWithCI}). One row per group (or per group and band with `byBand`): the group
 * columns, `observed`, `expected`, `excess`, the limits, `confidence`, `statistic`, `method`.
 *
 * References: the reference group named by `reference` in `referenceColumn` (default the first
 * group column; other group columns such as sex are matched), e.g. England `E92000001` or a
 * region; or `'best-quartile'`: within each stratum, the groups (less `exclude`) are ranked by
 * their indirectly standardised ratio against the pooled rates of them all, and the reference
 * rates are the pooled rates of the ⌈G/4⌉ lowest (ties broken by group name) — "deaths that
 * would not have happened at the mortality of the best quarter of areas".
 * The reference group's own row has excess 0 and no limits (method "reference group").
 * Bands are matched by label with `ageBand` (a band on one side only is an InputError),
 * otherwise by position. Expected deaths of 0 (no reference deaths in the group's bands, or no
 * population) is an InputError: an excess cannot be judged against nothing.
 * References: Breslow & Day (1987) vol. II (expected deaths by indirect standardisation);
 * PHE/OHID "excess mortality" and Segment Tool practice of counting deaths above a benchmark.
 *
 * @example
 * excessDeaths(deaths.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', reference: 'E92000001' })
 */
export function excessDeaths(table: ColumnTable, options: ExcessOptions): ColumnTable {
  const ctx = new VerbContext(table, 'excessDeaths', options.source);
  const type = checkOutputType(options.type);
  const levels = normalizeConfidence(options.confidence ?? 0.95);
  if (typeof options.reference !== 'string' || options.reference === '')
    throw new HealthgapError('excessDeaths: give the reference group (e.g. reference: "E92000001") or "best-quartile"');
  if (options.byBand && !options.ageBand) throw new HealthgapError('excessDeaths: byBand needs the age-band column (ageBand)');
  ctx.requireColumns(options.x, options.n, ...(options.ageBand ? [options.ageBand] : []));
  const x = ctx.numeric(options.x);
  const n = ctx.numeric(options.n);
  ctx.check(x, options.x, (v) => v >= 0, 'a count of 0 or more');
  ctx.check(n, options.n, (v) => v >= 0, 'a population of 0 or more');
  const idx = table.indices(true);
  for (let i = 0; i < idx.length; i++) if (n[idx[i]] !== n[idx[i]]) throw ctx.error('expected a population, found NA', idx[i], options.n);
  const groups = bandedGroups(ctx, options.ageBand);
  const g = ctx.groups;

  // reference rates for each group (and which groups are their own reference)
  const rates = new Array<RefRates>(groups.length);
  const isReference = new Uint8Array(groups.length);
  if (options.reference === BEST_QUARTILE) {
    if (!g.names.length) throw new HealthgapError('excessDeaths: group the table (e.g. by area_code) so that the best quarter of groups can be found');
    const refCol = options.referenceColumn ?? g.names[0];
    const j = g.names.indexOf(refCol);
    if (j < 0) throw new HealthgapError(`excessDeaths: the reference column "${refCol}" must be one of the group columns (${g.names.join(', ')})`);
    const excluded = new Set(options.exclude ?? []);
    for (const stratum of strataOf(ctx, refCol)) {
      const members = stratum.filter((k) => !excluded.has(String(g.keys[j][k]))).map((k) => groups[k]);
      const rr = bestQuartileRates(ctx, members, x, n, options.ageBand, refCol);
      for (const k of stratum) rates[k] = rr;
    }
  } else {
    const refOf = referenceGroups(ctx, { reference: options.reference, referenceColumn: options.referenceColumn });
    const cache = new Map<number, RefRates>();
    for (let k = 0; k < groups.length; k++) {
      let rr = cache.get(refOf[k]);
      if (!rr) cache.set(refOf[k], (rr = namedReferenceRates(ctx, groups[refOf[k]], x, n, options.n)));
      rates[k] = rr;
      if (refOf[k] === k) isReference[k] = 1;
    }
  }

  // observed and expected per group (and per band)
  const keyRows: number[] = [];
  const ownRef: boolean[] = [];
  const bandOut: string[] = [];
  const obs: number[] = [];
  const exp: number[] = [];
  const stat: string[] = [];
  for (let k = 0; k < groups.length; k++) {
    const rr = rates[k];
    const { rows, refRows } = matchBands(ctx, groups[k], rr.template, options.ageBand);
    let O = 0,
      E = 0;
    rows.forEach((r, i) => {
      const label = rr.template.labels[rr.template.rows.indexOf(refRows[i])];
      const o = x[r] === x[r] ? x[r] : 0;
      const e = n[r] * rr.rate.get(label)!;
      O += o;
      E += e;
      if (options.byBand) {
        keyRows.push(k);
        ownRef.push(isReference[k] === 1);
        bandOut.push(groups[k].labels[i]);
        obs.push(o);
        exp.push(e);
        stat.push(`excess deaths against ${rr.label}`);
      }
    });
    if (!(E > 0))
      throw ctx.error(
        `expected deaths are 0 for group ${groupName(ctx, k)} (no deaths in the reference in the bands where it has population): excess deaths cannot be judged against 0 expected`,
      );
    if (!options.byBand) {
      keyRows.push(k);
      ownRef.push(isReference[k] === 1);
      obs.push(O);
      exp.push(E);
      stat.push(`excess deaths against ${rr.label}`);
    }
  }
  const size = obs.length;
  const excess = new Float64Array(size);
  const method = new Array<string>(size);
  const lower = levels.map(() => new Float64Array(size));
  const upper = levels.map(() => new Float64Array(size));
  for (let i = 0; i < size; i++) {
    if (ownRef[i]) exp[i] = obs[i];
    excess[i] = obs[i] - exp[i];
    if (ownRef[i]) {
      // the reference against itself: excess 0 by construction, no limits
      levels.forEach((_, j) => {
        lower[j][i] = NaN;
        upper[j][i] = NaN;
      });
      method[i] = 'reference group';
      continue;
    }
    levels.forEach((level, j) => {
      const ci = poissonCountInterval(obs[i], level);
      lower[j][i] = ci.lower === null ? NaN : ci.lower - exp[i];
      upper[j][i] = ci.upper === null ? NaN : ci.upper - exp[i];
      method[i] = ci.method;
    });
  }
  const cols: OutputColumn[] = g.names.map((name, j) => ({ name, role: 'key' as const, values: keyRows.map((k) => g.keys[j][k]) }));
  if (options.byBand) cols.push({ name: options.ageBand!, role: 'key', values: bandOut });
  cols.push(
    { name: 'observed', role: 'aux', values: obs },
    { name: 'expected', role: 'aux', values: exp },
    { name: 'excess', role: 'value', values: excess },
    ...ciColumns(levels, lower, upper),
    ...metaColumns(size, levels, stat, method),
  );
  return buildOutput(cols, type);
}
