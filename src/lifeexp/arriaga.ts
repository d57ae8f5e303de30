/**
 * Decomposition of a life-expectancy gap by age band (Arriaga 1984) and by cause of death
 * (proportional allocation), the method of the PHE/OHID Segment Tool.
 *
 * Population 1 is the area, population 2 the comparator (England, or the least deprived group).
 * With the abridged life tables of both (Chiang II, `lifeTable` in src/stats), for bands i = s …
 * k−1 from the starting age x_s (0 for life expectancy at birth):
 *
 *   closed band i:  Δ_i = (l¹_i / l¹_s)·(L²_i/l²_i − L¹_i/l¹_i)                 (direct effect)
 *                        + (T²_{i+1} / l¹_s)·(l¹_i/l²_i − l¹_{i+1}/l²_{i+1})     (indirect + interaction)
 *   open band k−1:  Δ_{k−1} = (l¹_{k−1} / l¹_s)·(T²_{k−1}/l²_{k−1} − T¹_{k−1}/l¹_{k−1})
 *
 * and Σ_i Δ_i = e²_s − e¹_s exactly (the sum telescopes: Preston, Heuveline & Guillot 2001,
 * "Demography", §3.7, eq. 3.11 and box 3.4; Arriaga EE (1984) "Measuring and explaining the
 * change in life expectancies", Demography 21:83-96). A positive Δ_i means higher mortality in the
 * area at those ages widens the gap.
 *
 * By cause (Preston et al. 2001, eq. 3.12): Δ_{i,c} = Δ_i · (m²_{i,c} − m¹_{i,c}) / (m²_i − m¹_i),
 * with m_{i,c} = D_{i,c} / P_i; the causes of a band add up to Δ_i. When m¹_i = m²_i, Δ_i is 0 and so
 * is every cause's share. Deaths by cause that do not add up to a band's deaths get an "Other
 * causes (not given)" remainder; more deaths by cause than in total is an error.
 *
 * Arriaga's decomposition is not symmetric: decomposing from the comparator's side gives slightly
 * different band contributions (the total is exactly the negative). `symmetric: true` averages the
 * two directions (Δ = (Δ_{1→2} − Δ_{2→1}) / 2), so that swapping the populations exactly flips
 * every contribution; the default is the classic one-way method, as the Segment Tool.
 */
import { HealthgapError } from '../core/errors.js';
import type { LifeTable } from '../stats/lifeExpectancy.js';
import { leBandLabels, leLifeTable, type LeBandsInput } from './estimate.js';

/** One age band's contribution to the gap. */
export interface LeAgeContribution {
  age_band: string;
  age_start: number;
  /** Δ_i, years; the contributions add up to `gap`. */
  contribution: number;
  /** Direct effect (first term; for the symmetric method the average of both directions). */
  direct: number;
  /** Indirect and interaction effect (second term; 0 in the open band). */
  indirect: number;
}

/** Result of an age decomposition. */
export interface LeDecomposition {
  /** Age the life expectancies are measured from. */
  fromAge: number;
  /** Life expectancy of the area (population 1) and the comparator (population 2) at `fromAge`. */
  areaLe: number;
  comparatorLe: number;
  /** comparatorLe − areaLe: positive when the area's life expectancy is lower. */
  gap: number;
  method: 'arriaga' | 'arriaga-symmetric';
  byAge: LeAgeContribution[];
}

function checkPair(lt1: LifeTable, lt2: LifeTable): void {
  const k = lt1.startAge.length;
  if (lt2.startAge.length !== k || lt1.startAge.some((s, i) => s !== lt2.startAge[i])) {
    throw new HealthgapError(
      `the two life tables have different age bands (${lt1.startAge.join(', ')} vs ${lt2.startAge.join(', ')}); decompose populations with the same bands`,
    );
  }
  for (const lt of [lt1, lt2]) {
    for (let i = 0; i < k; i++) {
      if (!(lt.l[i] > 0) || !Number.isFinite(lt.T[i]))
        throw new HealthgapError(
          `cannot decompose: no survivors at age ${lt.startAge[i]} in one life table (every death rate must give q < 1 before the open band, and the open band needs deaths)`,
        );
    }
  }
}

function oneWay(lt1: LifeTable, lt2: LifeTable, s: number): { direct: number[]; indirect: number[] } {
  const k = lt1.startAge.length;
  const l1s = lt1.l[s];
  const direct: number[] = [];
  const indirect: number[] = [];
  for (let i = s; i < k; i++) {
    if (i < k - 1) {
      direct.push((lt1.l[i] / l1s) * (lt2.L[i] / lt2.l[i] - lt1.L[i] / lt1.l[i]));
      indirect.push((lt2.T[i + 1] / l1s) * (lt1.l[i] / lt2.l[i] - lt1.l[i + 1] / lt2.l[i + 1]));
    } else {
      direct.push((lt1.l[i] / l1s) * (lt2.T[i] / lt2.l[i] - lt1.T[i] / lt1.l[i]));
      indirect.push(0);
    }
  }
  return { direct, indirect };
}

/**
 * Arriaga decomposition of e²_x − e¹_x by age band from two abridged life tables with the same
 * bands (population 1 = the area, 2 = the comparator). See the module comment for the formula.
 *
 * @example
 * const d = leArriaga(lifeTable(dSandwell, pSandwell, ages), lifeTable(dEngland, pEngland, ages));
 * d.byAge.reduce((s, r) => s + r.contribution, 0) === d.gap // to 1e-12
 */
export function leArriaga(
  lt1: LifeTable,
  lt2: LifeTable,
  options: { fromAge?: number; labels?: readonly string[]; symmetric?: boolean } = {},
): LeDecomposition {
  checkPair(lt1, lt2);
  const fromAge = options.fromAge ?? 0;
  const s = lt1.startAge.indexOf(fromAge);
  if (s < 0) throw new HealthgapError(`decomposition from age ${fromAge}: not the start of a band (${lt1.startAge.join(', ')})`);
  const labels = options.labels ?? leBandLabels(lt1.startAge);
  if (labels.length !== lt1.startAge.length) throw new HealthgapError(`${labels.length} band labels for ${lt1.startAge.length} bands`);
  const a = oneWay(lt1, lt2, s);
  let direct = a.direct;
  let indirect = a.indirect;
  if (options.symmetric) {
    const b = oneWay(lt2, lt1, s);
    direct = direct.map((v, j) => (v - b.direct[j]) / 2);
    indirect = indirect.map((v, j) => (v - b.indirect[j]) / 2);
  }
  const byAge: LeAgeContribution[] = direct.map((dv, j) => ({
    age_band: labels[s + j],
    age_start: lt1.startAge[s + j],
    contribution: dv + indirect[j],
    direct: dv,
    indirect: indirect[j],
  }));
  return { fromAge, areaLe: lt1.e[s], comparatorLe: lt2.e[s], gap: lt2.e[s] - lt1.e[s], method: options.symmetric ? 'arriaga-symmetric' : 'arriaga', byAge };
}

/**
 * Decompose the life-expectancy gap between an area and a comparator from their deaths and
 * populations by band (same bands, each a valid life table under the PHEim rules, else a
 * {@link HealthgapError} saying which and why).
 *
 * @example leDecomposeGap(sandwellMale, englandMale).byAge // contributions by age band, sum = England − Sandwell
 */
export function leDecomposeGap(
  area: LeBandsInput,
  comparator: LeBandsInput,
  options: { fromAge?: number; symmetric?: boolean; areaLabel?: string; comparatorLabel?: string } = {},
): LeDecomposition {
  if (area.startAges.length !== comparator.startAges.length || area.startAges.some((s, i) => s !== comparator.startAges[i])) {
    throw new HealthgapError(`the area and the comparator have different age bands (${area.startAges.join(', ')} vs ${comparator.startAges.join(', ')})`);
  }
  const lt1 = leLifeTable(area, options.areaLabel ?? 'the area');
  const lt2 = leLifeTable(comparator, options.comparatorLabel ?? 'the comparator');
  return leArriaga(lt1, lt2, { fromAge: options.fromAge, labels: area.labels ?? leBandLabels(area.startAges), symmetric: options.symmetric });
}

/** Deaths by cause for the two populations, per band (same band order as the life tables). */
export interface LeCauseDeaths {
  cause: string;
  /** Deaths from this cause in the area (population 1), one per band. */
  area: readonly number[];
  /** Deaths from this cause in the comparator (population 2), one per band. */
  comparator: readonly number[];
}

/** One cause's contribution within one age band. */
export interface LeCauseContribution {
  age_band: string;
  age_start: number;
  cause: string;
  contribution: number;
}

/** Name of the remainder cause added when causes do not add up to all deaths. */
export const LE_OTHER_CAUSES = 'Other causes (not given)';

/**
 * Split each age band's Arriaga contribution between causes of death in proportion to the
 * difference in cause-specific death rates (Preston, Heuveline & Guillot 2001, eq. 3.12; PHE
 * Segment Tool): Δ_{i,c} = Δ_i·(m²_{i,c} − m¹_{i,c})/(m²_i − m¹_i), m_{i,c} = D_{i,c}/P_i.
 *
 * `lt1`/`lt2` are the life tables the decomposition was made from (their deaths and populations
 * give m_i). Causes must not add up to more deaths than the band's total (error); a shortfall
 * becomes the cause {@link LE_OTHER_CAUSES}. Per band the causes add up to Δ_i, so over all rows
 * they add up to the gap.
 *
 * @example leArriagaByCause(decomp, lt1, lt2, [{ cause: 'Circulatory', area: [...], comparator: [...] }, ...])
 */
export function leArriagaByCause(decomposition: LeDecomposition, lt1: LifeTable, lt2: LifeTable, causes: readonly LeCauseDeaths[]): LeCauseContribution[] {
  checkPair(lt1, lt2);
  const k = lt1.startAge.length;
  const s = lt1.startAge.indexOf(decomposition.fromAge);
  if (causes.length === 0) throw new HealthgapError('no causes of death given');
  const names = new Set<string>();
  for (const c of causes) {
    if (names.has(c.cause)) throw new HealthgapError(`cause "${c.cause}" is given twice`);
    names.add(c.cause);
    if (c.area.length !== k || c.comparator.length !== k)
      throw new HealthgapError(`cause "${c.cause}": ${k} age bands expected, found ${c.area.length} (area) and ${c.comparator.length} (comparator)`);
    for (const arr of [c.area, c.comparator])
      for (const v of arr) if (!(v >= 0)) throw new HealthgapError(`cause "${c.cause}": deaths must be numbers of 0 or more (found ${v})`);
  }
  const all = [...causes];
  const rem1 = new Array<number>(k).fill(0);
  const rem2 = new Array<number>(k).fill(0);
  let needOther = false;
  for (let i = 0; i < k; i++) {
    const s1 = causes.reduce((t, c) => t + c.area[i], 0);
    const s2 = causes.reduce((t, c) => t + c.comparator[i], 0);
    const tol = (x: number) => 1e-9 * Math.max(1, x);
    if (s1 > lt1.deaths[i] + tol(lt1.deaths[i]))
      throw new HealthgapError(`age band starting ${lt1.startAge[i]}: deaths by cause in the area (${s1}) exceed all deaths (${lt1.deaths[i]})`);
    if (s2 > lt2.deaths[i] + tol(lt2.deaths[i]))
      throw new HealthgapError(`age band starting ${lt1.startAge[i]}: deaths by cause in the comparator (${s2}) exceed all deaths (${lt2.deaths[i]})`);
    rem1[i] = Math.max(0, lt1.deaths[i] - s1);
    rem2[i] = Math.max(0, lt2.deaths[i] - s2);
    if (rem1[i] > tol(lt1.deaths[i]) || rem2[i] > tol(lt2.deaths[i])) needOther = true;
  }
  if (needOther) all.push({ cause: LE_OTHER_CAUSES, area: rem1, comparator: rem2 });
  const out: LeCauseContribution[] = [];
  decomposition.byAge.forEach((row, j) => {
    const i = s + j;
    const m1 = lt1.deaths[i] / lt1.population[i];
    const m2 = lt2.deaths[i] / lt2.population[i];
    const dm = m2 - m1;
    // cause rates computed so that they add up to the band's rate (the remainder closes the sum)
    for (const c of all) {
      const share = dm === 0 ? 0 : (c.comparator[i] / lt2.population[i] - c.area[i] / lt1.population[i]) / dm;
      out.push({ age_band: row.age_band, age_start: row.age_start, cause: c.cause, contribution: row.contribution * share });
    }
  });
  return out;
}
