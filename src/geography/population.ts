/**
 * Mid-2019 population of any area built from whole local authority districts (LAD, UTLA, ICB,
 * region, England): the sum of its LAD 2019 populations in the ONS mid-2019 estimates (MYE2).
 */
import { readMye2 } from '../io/population.js';
import type { AreaInput } from './geography.js';
import { getGeography } from './vintages.js';
import type { GeoLevel } from './levels.js';

export interface AreaPopulation {
  code: string;
  year: 2019;
  /** Null when the area is not made of whole LADs (an LSOA, MSOA, or a CCG crossing LAD boundaries). */
  persons: number | null;
  male: number | null;
  female: number | null;
  /** LAD 2019 codes summed. */
  lads: string[];
  note: string;
}

let ladTotals: Map<string, { persons: number; male: number; female: number }> | null = null;

function totals(): Map<string, { persons: number; male: number; female: number }> {
  if (ladTotals) return ladTotals;
  const m = new Map<string, { persons: number; male: number; female: number }>();
  const keys = { Persons: 'persons', Male: 'male', Female: 'female' } as const;
  for (const sex of ['Persons', 'Male', 'Female'] as const) {
    const t = readMye2({ year: 2019, sex });
    const codes = t.array('area_code') as string[];
    const pop = t.array('population') as number[];
    for (let i = 0; i < codes.length; i++) {
      let r = m.get(codes[i]);
      if (!r) m.set(codes[i], (r = { persons: 0, male: 0, female: 0 }));
      r[keys[sex]] += pop[i];
    }
  }
  ladTotals = m;
  return m;
}

/**
 * Mid-2019 population (Persons, Male, Female) of an area, as the sum of the ONS mid-2019
 * estimates (MYE2, all ages) of the LAD 2019 districts wholly inside it. For a LAD that is its own
 * estimate; for a UTLA, region or England it equals the ONS figure for that area; for an ICB it
 * is the sum of its LADs when it is made of whole LADs (null otherwise: ICB 2022 boundaries cut
 * a few districts, e.g. East Suffolk); for an authority created since 2019 (Cumberland) it is the
 * sum of its predecessor districts.
 *
 * @example areaPopulation('E92000001').persons // 56286961
 */
export function areaPopulation(code: AreaInput, level?: GeoLevel): AreaPopulation {
  const g = getGeography();
  const a = typeof code === 'string' ? (g.area(code, level) ?? g.resolveArea(code, { level })) : code;
  // a successor area of the 2019 vintage (Cumberland = Allerdale + Carlisle + Copeland) sums its predecessors
  const successor = g.successorArea(a.code);
  const whole = successor ? successor.predecessors : a.level === 'lad' ? [a] : g.childrenOf(a, 'lad');
  const lsoas = g.lsoasIn(a).length;
  const covered = whole.reduce((n, l) => n + g.lsoasIn(l).length, 0);
  if (whole.length === 0 || covered !== lsoas) {
    return {
      code: a.code,
      year: 2019,
      persons: null,
      male: null,
      female: null,
      lads: [],
      note: `${a.name} is not made of whole local authority districts; ONS mid-2019 estimates are by LAD`,
    };
  }
  const tot = totals();
  let persons = 0;
  let male = 0;
  let female = 0;
  for (const l of whole) {
    const r = tot.get(l.code);
    if (!r) return { code: a.code, year: 2019, persons: null, male: null, female: null, lads: [], note: `no mid-2019 estimate for ${l.name} (${l.code})` };
    persons += r.persons;
    male += r.male;
    female += r.female;
  }
  return {
    code: a.code,
    year: 2019,
    persons,
    male,
    female,
    lads: whole.map((l) => l.code),
    note: `ONS mid-2019 population estimates (MYE2), sum of ${whole.length} LAD 2019 area${whole.length === 1 ? '' : 's'}${successor ? ` (${whole.map((l) => l.name).join(', ')}: the predecessors of ${a.name})` : ''}`,
  };
}
