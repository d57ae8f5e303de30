/**
 * Core20 and PLUS (ethnicity) figures for neighbourhood areas (wards, PCNs, analyst-drawn areas;
 * `Neighbourhood` of src/geography). A residents area is a set of LSOAs 2021, so its figures are
 * exact sums over them; a practice area (PCN, practice list) counts each LSOA 2021 with the
 * practices' share of the patients registered there (an apportioned estimate, said in the notes).
 */
import { HealthgapError } from '../core/errors.js';
import { censusAgesByLsoa } from '../geography/census.js';
import type { Neighbourhood } from '../geography/neighbourhood.js';
import { patientsByLsoa2021 } from '../geography/neighbourhoodLinks.js';
import { core20Population, imdDecilesByLsoa, CORE20_DENOMINATOR_2025, type Core20Population, type DeprivationBand, type ImdVintage } from './core20.js';
import { plusEthnicity, type PlusEthnicity } from './plus.js';

/** The sentence stating how a practice area's resident figures are apportioned. */
export const APPORTIONED_RESIDENTS =
  'Apportioned estimate: each LSOA 2021 counts with the share of its registered patients who are registered at these practices (NHS Digital registrations by LSOA, January 2021, carried to LSOA 2021 in proportion to Census 2021 residents), applied to its Census 2021 residents.';

function bands(k: number, pop: number[], cyp: number[], count: number[]): DeprivationBand[] {
  const tot = pop.reduce((a, b) => a + b, 0);
  const totCyp = cyp.reduce((a, b) => a + b, 0);
  return Array.from({ length: k }, (_, j) => ({
    band: j + 1,
    lsoas: count[j],
    population: pop[j],
    share: tot > 0 ? pop[j] / tot : null,
    cyp_population: cyp[j],
    cyp_share: totCyp > 0 ? cyp[j] / totCyp : null,
  }));
}

/**
 * The Core20 population of a neighbourhood: residents of LSOAs 2021 in national IMD 2025 deciles
 * 1-2 over all its residents (Census 2021), all ages and 0-15. For a PCN or practice list,
 * `imd: 2025` (default) gives the apportioned residents' share (weights in `lsoaWeights`), and
 * `imd: 2019` the share of its registered patients (IMD 2019 on LSOA 2011, exact: see
 * `core20Population` with `practices`).
 *
 * share = Σ_{LSOA in deciles 1-2} w·pop / Σ_{LSOA} w·pop, with w = 1 for a residents area.
 *
 * @example neighbourhoodCore20(wardNeighbourhood('E05001260')).core20_share
 */
export function neighbourhoodCore20(n: Neighbourhood, options: { imd?: ImdVintage } = {}): Core20Population {
  const imd = options.imd ?? 2025;
  if (n.basis === 'residents') {
    if (imd !== 2025) throw new HealthgapError(`${n.name}: a neighbourhood of LSOAs 2021 is read on IMD 2025 (IMD 2019 ranks LSOAs 2011)`);
    const r = core20Population({ lsoas: n.lsoa21, name: n.name, code: n.code }, { imd: 2025 });
    return { ...r, notes: [...r.notes, ...n.notes] };
  }
  if (imd === 2019) {
    const registered = patientsByLsoa2021().byPractice;
    const reg = n.practices.map((p) => p.code).filter((c) => registered.has(c));
    return core20Population({ practices: reg, name: n.name, code: n.code }, { imd: 2019 });
  }
  const dec = imdDecilesByLsoa(2025);
  const census = censusAgesByLsoa();
  const pop = new Array<number>(10).fill(0);
  const cyp = new Array<number>(10).fill(0);
  const count = new Array<number>(10).fill(0);
  for (const [k, w] of n.lsoaWeights) {
    const d = dec.get(k);
    const c = census.get(k);
    if (d === undefined || !c) throw new HealthgapError(`LSOA 2021 ${k} has no IMD 2025 decile or Census 2021 population`);
    pop[d - 1] += w * c[0];
    cyp[d - 1] += w * c[1];
    count[d - 1]++;
  }
  const q = (a: number[]) => Array.from({ length: 5 }, (_, j) => a[2 * j] + a[2 * j + 1]);
  const total = pop.reduce((a, b) => a + b, 0);
  const cypTotal = cyp.reduce((a, b) => a + b, 0);
  return {
    area_code: n.code,
    area_name: n.name,
    level: 'practice-list',
    imd: 2025,
    basis: 'residents',
    lsoas: n.lsoa21.length,
    core20_lsoas: count[0] + count[1],
    population: total,
    core20_population: pop[0] + pop[1],
    core20_share: total > 0 ? (pop[0] + pop[1]) / total : null,
    cyp_population: cypTotal,
    cyp_core20_population: cyp[0] + cyp[1],
    cyp_core20_share: cypTotal > 0 ? (cyp[0] + cyp[1]) / cypTotal : null,
    deciles: bands(10, pop, cyp, count),
    quintiles: bands(5, q(pop), q(cyp), q(count)),
    denominator: CORE20_DENOMINATOR_2025,
    notes: [APPORTIONED_RESIDENTS, ...n.notes],
  };
}

/**
 * Ethnic groups (Census 2021 TS021) of a neighbourhood and of its Core20 (IMD 2025) LSOAs: exact for
 * a residents area, apportioned for a PCN or practice list (see {@link APPORTIONED_RESIDENTS}).
 *
 * @example neighbourhoodEthnicity(wardNeighbourhood('E05001260')).rows
 */
export function neighbourhoodEthnicity(n: Neighbourhood, options: { detail?: 'broad' | 'detailed' } = {}): PlusEthnicity {
  return plusEthnicity(
    {
      lsoas: n.lsoa21,
      name: n.name,
      code: n.code,
      weights: n.basis === 'residents' ? undefined : n.lsoaWeights,
      notes: n.basis === 'residents' ? n.notes : [APPORTIONED_RESIDENTS, ...n.notes],
    },
    options,
  );
}
