/**
 * Healthy life expectancy (HLE) by the Sullivan method, years lived in poor health, and the
 * LE − HLE gap by sex, from HLE values or from the prevalence of good health by age band.
 *
 * Sullivan (1971); Jagger C, Van Oyen H, Robine J-M (2014) "Health expectancy calculation by the
 * Sullivan method: a practical guide" (4th ed., EHLEIS / Newcastle University; 1st ed. Jagger et
 * al. 1999 / EHEMU 2006); ONS "Health state life expectancies, UK" methodology:
 *
 *   HLE_x = Σ_{j ≥ x} L_j·(1 − π_j) / l_x, with π_j the prevalence of poor health (1 − π_j of
 *   good health) in band j and L_j, l_x from the period life table;
 *   Var(HLE_x) = Σ_{j ≥ x} L_j²·Var(π_j) / l_x², Var(π_j) = π_j(1 − π_j)/N_j (N_j the survey
 *   sample size of band j) or the square of a given SE (e.g. from a weighted survey).
 *
 * As in the practical guide, the sampling variance of the prevalence is the whole variance: the
 * mortality (life-table) variance is negligible next to it for survey-based prevalence. Years in
 * poor health = LE_x − HLE_x = Σ L_j π_j / l_x has the same variance.
 */
import { HealthgapError } from '../core/errors.js';
import { normaliseConfidence, zFor } from '../stats/confidence.js';
import type { LifeTable } from '../stats/lifeExpectancy.js';
import { leDifference, type LeGap } from './gap.js';

/** Sullivan HLE at one age. */
export interface LeSullivanResult {
  age: number;
  /** Life expectancy e_x from the life table. */
  le: number;
  /** Healthy life expectancy HLE_x. */
  hle: number;
  /** SE of HLE_x (prevalence sampling variance), null when neither sample sizes nor SEs were given. */
  se: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  /** LE_x − HLE_x: years lived in poor health. */
  poorHealthYears: number;
  /** HLE_x / LE_x: share of remaining life in good health. */
  healthyShare: number;
}

/** Options of {@link leSullivanHle}. */
export interface LeSullivanOptions {
  /** Age to compute HLE from (a band start age; default 0). */
  fromAge?: number;
  /** Survey sample size in each band (for Var(π) = π(1 − π)/N). */
  sampleSize?: readonly number[];
  /** Or the SE of each band's prevalence directly. */
  prevalenceSe?: readonly number[];
  confidence?: number;
}

/**
 * Healthy life expectancy by the Sullivan method from a life table (e.g. `leLifeTable(...)`) and
 * the prevalence of **good** health by band (proportions 0-1, one per band, e.g. "good" or "very
 * good" self-reported health from the Census or the Annual Population Survey). See the module
 * comment for the formula and the SE (Jagger et al.).
 *
 * @example leSullivanHle(lt, [0.97, 0.96, …, 0.45], { sampleSize: [...] }).hle
 */
export function leSullivanHle(lt: LifeTable, goodHealth: readonly number[], options: LeSullivanOptions = {}): LeSullivanResult {
  const k = lt.startAge.length;
  if (goodHealth.length !== k) throw new HealthgapError(`Sullivan HLE: ${k} age bands in the life table but ${goodHealth.length} prevalences of good health`);
  goodHealth.forEach((g, j) => {
    if (!(g >= 0 && g <= 1))
      throw new HealthgapError(`Sullivan HLE: the prevalence of good health must be a proportion from 0 to 1 (band starting ${lt.startAge[j]}: ${g})`);
  });
  const fromAge = options.fromAge ?? 0;
  const s = lt.startAge.indexOf(fromAge);
  if (s < 0) throw new HealthgapError(`Sullivan HLE from age ${fromAge}: not the start of a band (${lt.startAge.join(', ')})`);
  if (!(lt.l[s] > 0)) throw new HealthgapError(`Sullivan HLE: no survivors at age ${fromAge}`);
  if (options.sampleSize && options.prevalenceSe) throw new HealthgapError('Sullivan HLE: give sampleSize or prevalenceSe, not both');
  const varPi = (j: number): number | null => {
    if (options.prevalenceSe) {
      const se = options.prevalenceSe[j];
      if (!(se >= 0)) throw new HealthgapError(`Sullivan HLE: prevalence SE must be 0 or more (band starting ${lt.startAge[j]}: ${se})`);
      return se * se;
    }
    if (options.sampleSize) {
      const nj = options.sampleSize[j];
      if (!(nj > 0)) throw new HealthgapError(`Sullivan HLE: sample size must be more than 0 (band starting ${lt.startAge[j]}: ${nj})`);
      return (goodHealth[j] * (1 - goodHealth[j])) / nj;
    }
    return null;
  };
  for (const arr of [options.sampleSize, options.prevalenceSe])
    if (arr && arr.length !== k) throw new HealthgapError(`Sullivan HLE: ${k} age bands but ${arr.length} sample sizes / SEs`);
  let healthy = 0;
  let v: number | null = 0;
  for (let j = s; j < k; j++) {
    healthy += lt.L[j] * goodHealth[j];
    const vj = varPi(j);
    v = vj === null || v === null ? null : v + lt.L[j] * lt.L[j] * vj;
  }
  const lx = lt.l[s];
  const hle = healthy / lx;
  const le = lt.e[s];
  const confidence = normaliseConfidence(options.confidence ?? 0.95)[0];
  const se = v === null ? null : Math.sqrt(v) / lx;
  const z = zFor(confidence);
  return {
    age: fromAge,
    le,
    hle,
    se,
    lower: se === null ? null : hle - z * se,
    upper: se === null ? null : hle + z * se,
    confidence,
    poorHealthYears: le - hle,
    healthyShare: hle / le,
  };
}

/** LE and HLE of one sex (given values, e.g. from ONS or Fingertips). */
export interface LeHleValues {
  sex: 'Male' | 'Female' | 'Persons';
  le: number;
  hle: number;
  leSe?: number | null;
  hleSe?: number | null;
}

/** Years in poor health and the LE − HLE gap for one sex. */
export interface LeHleSummary {
  sex: 'Male' | 'Female' | 'Persons';
  le: number;
  hle: number;
  /** LE − HLE. */
  poorHealthYears: number;
  /** HLE / LE. */
  healthyShare: number;
}

/**
 * Years lived in poor health (LE − HLE) and the share of life in good health, by sex, from given
 * LE and HLE values. HLE above LE is an error (it cannot be).
 *
 * @example leHleSummary([{ sex: 'Male', le: 76.9, hle: 58.9 }, { sex: 'Female', le: 81.0, hle: 59.1 }])
 */
export function leHleSummary(rows: readonly LeHleValues[]): LeHleSummary[] {
  return rows.map((r) => {
    if (!(r.le > 0) || !(r.hle >= 0))
      throw new HealthgapError(`${r.sex}: life expectancy and healthy life expectancy must be positive numbers (found ${r.le}, ${r.hle})`);
    if (r.hle > r.le) throw new HealthgapError(`${r.sex}: healthy life expectancy (${r.hle}) is more than life expectancy (${r.le})`);
    return { sex: r.sex, le: r.le, hle: r.hle, poorHealthYears: r.le - r.hle, healthyShare: r.hle / r.le };
  });
}

/**
 * HLE gap between an area and a comparator, with CI from the two SEs (as {@link leDifference}).
 *
 * @example leHleGap({ value: 58.9, se: 1.2 }, { value: 63.1, se: 0.2 }).judgement // 'significantly lower'
 */
export function leHleGap(area: { value: number | null; se: number | null }, comparator: { value: number | null; se: number | null }, confidence = 0.95): LeGap {
  return leDifference(area, comparator, confidence);
}
