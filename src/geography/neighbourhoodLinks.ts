/**
 * Links between residents and registered patients below local authority level, for neighbourhood
 * areas (wards, PCNs, analyst-drawn areas):
 *
 * - **LSOA bridge groups.** The ONS LSOA 2011 → LSOA 2021 exact lookup is a bipartite graph; its
 *   connected components ("bridge groups") are the smallest sets of 2011 and 2021 LSOAs that cover
 *   the same ground. An unchanged LSOA is a group of one 2011 and one 2021 LSOA; a split 2011 LSOA
 *   is a group with its 2021 parts; merged LSOAs form one group; irregular (X) redrawings join all
 *   the LSOAs they touch.
 * - **Patients registered by LSOA 2021 (estimated).** GP registrations are published by LSOA 2011
 *   (NHS Digital, January 2021 bundled). Within a bridge group, the patients are shared between the
 *   group's 2021 LSOAs in proportion to their Census 2021 residents: patients(p, k) =
 *   patients(p, group) × residents(k) / residents(group). Exact for unchanged and merged LSOAs
 *   (one 2021 LSOA per group); an assumption (patients spread like residents) for split and
 *   irregular ones.
 */
import { readLsoa11Lsoa21 } from '../io/lookups2021.js';
import { readGpRegistrationsByLsoa } from '../io/practices.js';
import { cachedRead } from '../io/cache.js';
import { censusAgesByLsoa } from './census.js';

/** The bridge groups of the LSOA 2011 ↔ 2021 exact lookup. */
export interface LsoaBridgeGroups {
  /** Group index of each LSOA 2011. */
  of2011: Map<string, number>;
  /** Group index of each LSOA 2021. */
  of2021: Map<string, number>;
  /** The LSOAs 2011 and 2021 of each group. */
  groups: { lsoa11: string[]; lsoa21: string[] }[];
}

/**
 * The connected components of the ONS LSOA 2011 → 2021 exact lookup (union-find), built once per
 * process.
 *
 * @example lsoaBridgeGroups().groups.length // fewer than 32,844: merged and irregular LSOAs share a group
 */
export function lsoaBridgeGroups(): LsoaBridgeGroups {
  return cachedRead('neighbourhood:lsoa-bridge-groups', () => {
    const t = readLsoa11Lsoa21();
    const a = t.array('lsoa11_code') as string[];
    const b = t.array('lsoa21_code') as string[];
    const id = new Map<string, number>();
    const parent: number[] = [];
    const node = (k: string) => {
      let i = id.get(k);
      if (i === undefined) {
        i = parent.length;
        id.set(k, i);
        parent.push(i);
      }
      return i;
    };
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    };
    for (let i = 0; i < a.length; i++) {
      const x = find(node(`a${a[i]}`));
      const y = find(node(`b${b[i]}`));
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
    const groupOfRoot = new Map<number, number>();
    const groups: { lsoa11: string[]; lsoa21: string[] }[] = [];
    const of2011 = new Map<string, number>();
    const of2021 = new Map<string, number>();
    for (const [key, i] of [...id].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
      const r = find(i);
      let g = groupOfRoot.get(r);
      if (g === undefined) {
        g = groups.length;
        groupOfRoot.set(r, g);
        groups.push({ lsoa11: [], lsoa21: [] });
      }
      const code = key.slice(1);
      if (key[0] === 'a') {
        groups[g].lsoa11.push(code);
        of2011.set(code, g);
      } else {
        groups[g].lsoa21.push(code);
        of2021.set(code, g);
      }
    }
    return { of2011, of2021, groups };
  });
}

/** Registered patients of each practice by LSOA 2021 (estimated through the bridge groups). */
export interface PatientsByLsoa2021 {
  /** practice code → (LSOA 2021 → patients, fractional where a group's patients are shared). */
  byPractice: Map<string, Map<string, number>>;
  /** practice code → practice name. */
  names: Map<string, string>;
  /** practice code → registered patients living in England (all English LSOAs). */
  english: Map<string, number>;
  /** LSOA 2021 → registered patients of all practices living there. */
  total: Map<string, number>;
  /** What the numbers are. */
  source: string;
}

/** The registrations extract the neighbourhood figures use, named in outputs. */
export const NEIGHBOURHOOD_REGISTRATIONS =
  'NHS Digital, Patients Registered at a GP Practice by LSOA 2011 of residence, January 2021 extract (the one matching QOF 2019-20)';

/**
 * Every practice's registered patients by LSOA 2021 of residence, estimated from the January 2021
 * registrations by LSOA 2011: within each bridge group (see {@link lsoaBridgeGroups}) the group's
 * patients are shared between its LSOAs 2021 in proportion to their Census 2021 residents. Rows
 * with no LSOA (NO2011) and Welsh LSOAs are left out. Built once per process.
 *
 * @example patientsByLsoa2021().byPractice.get('M88006')?.size // LSOAs 2021 where its patients live
 */
export function patientsByLsoa2021(): PatientsByLsoa2021 {
  return cachedRead('neighbourhood:patients-lsoa21', () => {
    const { of2011, groups } = lsoaBridgeGroups();
    const census = censusAgesByLsoa();
    const t = readGpRegistrationsByLsoa();
    const pc = t.array('practice_code') as string[];
    const pn = t.array('practice_name') as (string | null)[];
    const lc = t.array('lsoa11cd') as string[];
    const np = t.array('patients') as (number | null)[];
    const byPractice = new Map<string, Map<string, number>>();
    const names = new Map<string, string>();
    const english = new Map<string, number>();
    const total = new Map<string, number>();
    const groupWeights = new Map<number, [string, number][]>();
    const weights = (g: number): [string, number][] => {
      let w = groupWeights.get(g);
      if (w) return w;
      const kids = groups[g].lsoa21;
      const pops = kids.map((k) => census.get(k)?.[0] ?? 0);
      const sum = pops.reduce((s, x) => s + x, 0);
      w = kids.map((k, j) => [k, sum > 0 ? pops[j] / sum : 1 / kids.length]);
      groupWeights.set(g, w);
      return w;
    };
    for (let i = 0; i < pc.length; i++) {
      const g = of2011.get(lc[i]);
      const n = np[i];
      if (g === undefined || !n) continue;
      if (!names.has(pc[i])) names.set(pc[i], pn[i] ?? pc[i]);
      let m = byPractice.get(pc[i]);
      if (!m) byPractice.set(pc[i], (m = new Map()));
      english.set(pc[i], (english.get(pc[i]) ?? 0) + n);
      for (const [k, w] of weights(g)) {
        m.set(k, (m.get(k) ?? 0) + n * w);
        total.set(k, (total.get(k) ?? 0) + n * w);
      }
    }
    return { byPractice, names, english, total, source: NEIGHBOURHOOD_REGISTRATIONS };
  });
}
