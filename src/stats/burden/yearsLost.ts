/**
 * Years of life lost: potential years of life lost before 75 (PYLL, the ONS/OHID convention) and
 * years of life lost against a standard life table (YLL, the Global Burden of Disease convention),
 * as counts of years, crude rates and age-standardised rates, with Dobson confidence limits.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../core/errors.js';
import type { AgeBand } from '../../io/agebands.js';
import { byarsLower, byarsUpper, exactPoissonInterval, normalizeConfidence, type ConfidenceInput } from '../confidence.js';
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
} from '../verb.js';
import { bandMidpoint, bandOf, checkNoOverlap } from './bands.js';
import { bandedGroups, groupName } from './groups.js';
import { gbd2019ReferenceLifeTable, checkLifeTable, standardLifeExpectancyAt, type StandardLifeTable } from './lifeTable.js';
import { standardWeights, type StandardPopulation } from './standard.js';

/** What `value` holds: the years lost, years per population, or an age-standardised rate. */
export type YearsLostMeasure = 'years' | 'crude-rate' | 'standardised-rate';

/** Options shared by {@link pyll} and {@link yll}. */
export interface YearsLostOptions {
  /** Column of deaths per age band (NA counts as 0). */
  x: string;
  /** Column of age-band labels ("Under 1", "1-4", "5-9" … "90+"). */
  ageBand: string;
  /** Column of populations per age band (needed for rates; each greater than 0). */
  n?: string;
  /** Standard population for the standardised rate: `'esp2013'` (default, matched to the band labels), a column, or values by position. */
  stdpop?: StandardPopulation;
  /** What `value` holds (default: `standardised-rate` for PYLL, `years` for YLL). */
  measure?: YearsLostMeasure;
  /** Rates per this many people: 100000 (default). */
  multiplier?: number;
  /** Width assumed for the open top band when taking its mid-point (default 5: "90+" → 92.5). */
  openBandWidth?: number;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/** Options of {@link pyll}. */
export interface PyllOptions extends YearsLostOptions {
  /** Age up to which years are counted (default 75, the ONS/OHID convention). */
  upperAge?: number;
}

/** Options of {@link yll}. */
export interface YllOptions extends YearsLostOptions {
  /** Standard life table (default the GBD 2019 reference life table). */
  lifeTable?: StandardLifeTable;
}

/** Dobson limits of a weighted sum of Poisson counts with variance V and total count O. */
function dobsonLimits(value: number, V: number, O: number, level: number): { lower: number; upper: number } {
  if (O === 0) return { lower: NaN, upper: NaN };
  const s = Math.sqrt(V / O);
  if (O < 10) {
    const ex = exactPoissonInterval(O, level);
    return { lower: value + s * ((ex.lower as number) - O), upper: value + s * ((ex.upper as number) - O) };
  }
  const b = byarsLower(O, level);
  return { lower: b === null ? NaN : value + s * (b - O), upper: value + s * (byarsUpper(O, level) - O) };
}

interface YearsLostSpec {
  fn: string;
  yearsColumn: string;
  defaultMeasure: YearsLostMeasure;
  /** Years lost per death in a band, or null to leave the band out (ages at and above PYLL's cut-off). */
  years: (band: AgeBand, label: string) => number | null;
  statistic: string;
  method: string;
}

function yearsLost(table: ColumnTable, options: YearsLostOptions, spec: YearsLostSpec): ColumnTable {
  const ctx = new VerbContext(table, spec.fn, options.source);
  const type = checkOutputType(options.type);
  const levels = normalizeConfidence(options.confidence ?? 0.95);
  const measure = options.measure ?? spec.defaultMeasure;
  if (measure !== 'years' && measure !== 'crude-rate' && measure !== 'standardised-rate')
    throw new HealthgapError(`${spec.fn}: measure must be years, crude-rate or standardised-rate (found "${String(measure)}")`);
  const multiplier = options.multiplier ?? 100000;
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new HealthgapError(`${spec.fn}: multiplier must be a number greater than 0, found ${multiplier}`);
  if (measure !== 'years' && !options.n) throw new HealthgapError(`${spec.fn}: a ${measure} needs the population column (n)`);
  if (!options.ageBand) throw new HealthgapError(`${spec.fn}: give the age-band column (ageBand): years lost depend on the age at death`);
  ctx.requireColumns(options.x, options.ageBand, ...(options.n ? [options.n] : []));
  const x = ctx.numeric(options.x);
  ctx.check(x, options.x, (v) => v >= 0, 'a count of 0 or more');
  const n = options.n ? ctx.numeric(options.n) : null;
  const groups = bandedGroups(ctx, options.ageBand);
  const bandCol = ctx.table.column(options.ageBand) as unknown as { at(i: number): unknown };

  // years lost per death, by raw row (NaN = band left out)
  const L = new Float64Array(table.totalRows()).fill(NaN);
  for (const grp of groups) {
    const parsed: { label: string; band: AgeBand }[] = [];
    for (const r of grp.rows) {
      const label = String(bandCol.at(r)).trim();
      const band = bandOf(label);
      if (!band) throw ctx.error(`"${label}" is not an age band; expected labels such as "Under 1", "1-4", "70-74", "90+"`, r, options.ageBand);
      parsed.push({ label, band });
      let years: number | null;
      try {
        years = spec.years(band, label);
      } catch (e) {
        throw ctx.error((e as Error).message, r, options.ageBand);
      }
      if (years !== null) {
        L[r] = years;
        if (n && !(n[r] > 0) && measure !== 'years')
          throw ctx.error(`expected a population greater than 0, found ${n[r] !== n[r] ? 'NA' : n[r]}`, r, options.n);
      }
    }
    checkNoOverlap(parsed, `${ctx.label}, group ${groupName(ctx, grp.k)}`);
  }
  const w = measure === 'standardised-rate' ? standardWeights(ctx, groups, options.stdpop ?? 'esp2013', options.ageBand) : null;

  const size = groups.length;
  const deaths = new Float64Array(size);
  const years = new Float64Array(size);
  const pop = new Float64Array(size);
  const crude = new Float64Array(size);
  const value = new Float64Array(size);
  const lower = levels.map(() => new Float64Array(size));
  const upper = levels.map(() => new Float64Array(size));
  const statistic = new Array<string>(size);
  const perText = formatMultiplier(multiplier);
  const label =
    measure === 'years'
      ? spec.statistic
      : measure === 'crude-rate'
        ? `crude ${spec.statistic} rate per ${perText}`
        : `age-standardised ${spec.statistic} rate per ${perText}`;
  for (let k = 0; k < size; k++) {
    let O = 0,
      Y = 0,
      P = 0,
      VY = 0,
      W = 0,
      S = 0,
      VS = 0;
    for (const r of groups[k].rows) {
      if (L[r] !== L[r]) continue;
      const xi = x[r] === x[r] ? x[r] : 0;
      O += xi;
      Y += xi * L[r];
      VY += xi * L[r] * L[r];
      if (n) P += n[r];
      if (w) {
        const c = (w[r] * L[r]) / n![r];
        W += w[r];
        S += xi * c;
        VS += xi * c * c;
      }
    }
    deaths[k] = O;
    years[k] = Y;
    pop[k] = n ? P : NaN;
    crude[k] = n && P > 0 ? (Y / P) * multiplier : NaN;
    let v: number, V: number;
    if (measure === 'years') {
      v = Y;
      V = VY;
    } else if (measure === 'crude-rate') {
      v = (Y / P) * multiplier;
      V = VY * (multiplier / P) ** 2;
    } else {
      v = (S / W) * multiplier;
      V = VS * (multiplier / W) ** 2;
    }
    const suppressed = measure !== 'years' && O < 10;
    value[k] = suppressed ? NaN : v;
    statistic[k] = suppressed ? `${label}: NA for total count < 10` : label;
    levels.forEach((level, j) => {
      const lim = suppressed ? { lower: NaN, upper: NaN } : dobsonLimits(v, V, O, level);
      lower[j][k] = lim.lower;
      upper[j][k] = lim.upper;
    });
  }
  const cols: OutputColumn[] = [
    ...ctx.groupColumns(),
    { name: 'total_count', role: 'aux', values: deaths },
    { name: spec.yearsColumn, role: 'aux', values: years },
  ];
  if (n) cols.push({ name: 'total_pop', role: 'aux', values: pop }, { name: 'crude_rate', role: 'aux', values: crude });
  cols.push({ name: 'value', role: 'value', values: value }, ...ciColumns(levels, lower, upper), ...metaColumns(size, levels, statistic, spec.method));
  return buildOutput(cols, type);
}

/**
 * Years lost to `upperAge` by a death in a band: upperAge − the band's mid-point for a band that
 * ends before upperAge; null (left out) for a band that starts at or after it; an error for a band
 * that straddles it.
 *
 * @example pyllYears({ lower: 70, upper: 74 }) // 2.5
 * @example pyllYears({ lower: 0, upper: 0 }) // 74.5
 */
export function pyllYears(band: AgeBand, upperAge = 75, label = ''): number | null {
  if (band.lower >= upperAge) return null;
  if (band.upper === null || band.upper >= upperAge) {
    throw new HealthgapError(
      `age band "${label || `${band.lower}${band.upper === null ? '+' : `-${band.upper}`}`}" straddles age ${upperAge}: potential years of life lost need bands that end at ${upperAge - 1} (e.g. "70-74")`,
    );
  }
  return upperAge - bandMidpoint(band);
}

/**
 * Potential years of life lost before age 75 (PYLL), the ONS avoidable-mortality and OHID
 * convention: each death under 75 counts 75 minus the mid-point of its age band ("Under 1" 74.5
 * years, "1-4" 72, "70-74" 2.5); deaths at 75 and over count nothing, and rates use the population
 * and standard population under 75 only. One row per group: the group columns, `total_count`
 * (deaths under 75), `pyll` (years), `total_pop` and `crude_rate` (years per `multiplier` people
 * under 75) when `n` is given, `value`, the limits, `confidence`, `statistic`, `method`.
 *
 * `value` (`measure`): `standardised-rate` (default) = Σ wᵢ·Lᵢ·xᵢ/nᵢ / Σ wᵢ × multiplier with ESP
 * 2013 weights w matched to the band labels (the 0-74 bands); `crude-rate` = Σ Lᵢ·xᵢ / Σ nᵢ ×
 * multiplier; `years` = Σ Lᵢ·xᵢ. Limits: Dobson et al. (1991), the method of
 * PHEindicatormethods' DSR, applied to the weighted sum of Poisson counts: value + √(V/O)·(B(O) − O),
 * V = Σ cᵢ²·xᵢ the variance for the weights cᵢ of each measure and B the exact (O < 10) or Byar's
 * limit of the deaths O. Rates for fewer than 10 deaths are suppressed (value and limits NA), as
 * PHEim suppresses a DSR. A band that straddles 75 ("70-79", "65+") is an error.
 * References: ONS, Avoidable mortality in the UK, methodology (PYLL to age 75 from age-group
 * mid-points); Gardner JW, Sanborn JS (1990) Years of potential life lost (YPLL) — what does it
 * measure? Epidemiology 1:322-329; Dobson AJ et al. (1991) Stat Med 10:457-462.
 *
 * @example
 * pyll(deaths.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band' })
 */
export function pyll(table: ColumnTable, options: PyllOptions): ColumnTable {
  const upperAge = options.upperAge ?? 75;
  if (!Number.isFinite(upperAge) || upperAge <= 0) throw new HealthgapError(`pyll: upperAge must be a number greater than 0, found ${upperAge}`);
  return yearsLost(table, options, {
    fn: 'pyll',
    yearsColumn: 'pyll',
    defaultMeasure: 'standardised-rate',
    years: (band, label) => pyllYears(band, upperAge, label),
    statistic: `potential years of life lost before ${upperAge}`,
    method: 'Dobson',
  });
}

/**
 * Years of life lost against a standard life table (the Global Burden of Disease convention):
 * each death counts the standard remaining life expectancy at the mid-point of its age band
 * (linearly interpolated; the open band's mid-point is its start + openBandWidth / 2). Default
 * table: the GBD 2019 reference life table ({@link gbd2019ReferenceLifeTable}, 88.87 years at
 * birth). Output and limits as {@link pyll}; `value` holds the years (`measure: 'years'`, the
 * default), or a crude or age-standardised rate (ESP 2013, all ages) when `n` is given.
 * References: Murray CJL (1994) Quantifying the burden of disease: the technical basis for
 * disability-adjusted life years, Bull WHO 72:429-445; GBD 2019 Demographics Collaborators (2020)
 * Lancet 396:1160-1203 (the reference life table); Dobson AJ et al. (1991) Stat Med 10:457-462.
 *
 * @example
 * yll(deaths.groupby('area_code'), { x: 'deaths', ageBand: 'age_band' }) // value = years of life lost
 */
export function yll(table: ColumnTable, options: YllOptions): ColumnTable {
  const lt = checkLifeTable(options.lifeTable ?? gbd2019ReferenceLifeTable());
  const open = options.openBandWidth ?? 5;
  if (!Number.isFinite(open) || open <= 0) throw new HealthgapError(`yll: openBandWidth must be a number greater than 0, found ${open}`);
  return yearsLost(table, options, {
    fn: 'yll',
    yearsColumn: 'yll',
    defaultMeasure: 'years',
    years: (band) => standardLifeExpectancyAt(lt, bandMidpoint(band, open)),
    statistic: `years of life lost (${lt.name})`,
    method: 'Dobson',
  });
}
