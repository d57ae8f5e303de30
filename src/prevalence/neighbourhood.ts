/**
 * QOF recorded prevalence for neighbourhood areas (`Neighbourhood` of src/geography):
 *
 * - **PCN or practice list** (registered patients): Σ register / Σ list size over the member
 *   practices, as NHS Digital aggregates QOF to PCNs. Exact.
 * - **Ward, LSOA list or drawn polygon** (residents): apportioned by where registered patients
 *   live, as Fingertips rolls practice data up to local authorities. For each practice p, s_p =
 *   (its registered patients living in the area) / (its patients living in England); the area's
 *   register = Σ_p register_p × s_p and list = Σ_p list_p × s_p. Patients by LSOA 2021 are
 *   estimated from the January 2021 registrations by LSOA 2011 (./neighbourhoodLinks in
 *   src/geography). Limits: it assumes each practice's patients on the register live like its
 *   list as a whole (a practice's diabetics are spread over its LSOAs like its other patients), so
 *   differences between streets served by the same practice are invisible; the smaller the area,
 *   the more its figure reflects its practices rather than its own residents.
 *
 * Confidence intervals: Wilson score on the (possibly fractional) apportioned counts, as for any
 * roll-up; they show sampling variation only, not the uncertainty of the apportioning.
 */
import { cachedRead } from '../io/cache.js';
import { ENGLAND_CODE } from '../geography/levels.js';
import type { Neighbourhood } from '../geography/neighbourhood.js';
import { patientsByLsoa2021 } from '../geography/neighbourhoodLinks.js';
import { proportionWithCI } from '../stats/proportion.js';
import { qofRegister, type QofRegister } from './registers.js';
import { practicePrevalence } from './recorded.js';
import { getGeography } from '../geography/vintages.js';

/** How much of each practice counts towards a neighbourhood. */
export interface NeighbourhoodPracticeShare {
  practice_code: string;
  practice_name: string;
  /** Registered patients of the practice living in the area (residents area; estimated) or all its English patients (member practice). */
  patients: number;
  /** Share of the practice counted (1 for a member practice). */
  share: number;
  /** Share of the area's registered residents (or of a PCN's patients) at this practice. */
  area_share: number;
}

/**
 * The practices that count towards a neighbourhood, with their shares: member practices (share 1)
 * for a PCN or practice list; for a residents area every practice with registered patients living
 * there, largest first.
 *
 * @example neighbourhoodPracticeShares(wardNeighbourhood('E05001260')).slice(0, 3)
 */
export function neighbourhoodPracticeShares(n: Neighbourhood): NeighbourhoodPracticeShare[] {
  const p = patientsByLsoa2021();
  const out: NeighbourhoodPracticeShare[] = [];
  if (n.basis === 'registered patients') {
    for (const m of n.practices) {
      const e = p.english.get(m.code);
      if (e === undefined) continue;
      out.push({ practice_code: m.code, practice_name: p.names.get(m.code) ?? m.name, patients: e, share: 1, area_share: 0 });
    }
  } else {
    const set = new Set(n.lsoa21);
    for (const [code, m] of p.byPractice) {
      let x = 0;
      for (const [k, v] of m) if (set.has(k)) x += v;
      if (x > 0) out.push({ practice_code: code, practice_name: p.names.get(code) ?? code, patients: x, share: x / p.english.get(code)!, area_share: 0 });
    }
  }
  const total = out.reduce((s, r) => s + r.patients, 0);
  for (const r of out) r.area_share = total > 0 ? r.patients / total : 0;
  return out.sort((a, b) => b.patients - a.patients || a.practice_code.localeCompare(b.practice_code));
}

/** One register's recorded prevalence for a neighbourhood, with its comparators. */
export interface NeighbourhoodPrevalenceRow {
  register: string;
  name: string;
  age_base: string;
  /** Patients on the register (apportioned, so possibly fractional, for a residents area). */
  count: number | null;
  denominator: number | null;
  /** count / denominator × 100. */
  value: number | null;
  lower95_0cl: number | null;
  upper95_0cl: number | null;
  /** Practices contributing (with a published count and list size). */
  practices: number;
  la_value: number | null;
  icb_value: number | null;
  england_value: number | null;
}

/** The registers a neighbourhood profile shows by default (common long-term conditions). */
export const NEIGHBOURHOOD_REGISTERS: readonly string[] = ['HYP', 'DM', 'AST', 'COPD', 'CHD', 'DEP', 'MH', 'CKD', 'AF', 'OB'];

/** Practice shares of a comparator area (LAD, ICB 2024) by the same apportioning, once per area; England: every practice whole. */
function comparatorShares(code: string): { code: string; share: number }[] {
  return cachedRead(`neighbourhood:comparator-shares:${code}`, () => {
    const p = patientsByLsoa2021();
    if (code === ENGLAND_CODE) return [...p.english.keys()].map((c) => ({ code: c, share: 1 }));
    const set = new Set(getGeography('2024').lsoasIn(code));
    const out: { code: string; share: number }[] = [];
    for (const [c, m] of p.byPractice) {
      let x = 0;
      for (const [k, v] of m) if (set.has(k)) x += v;
      if (x > 0) out.push({ code: c, share: x / p.english.get(c)! });
    }
    return out;
  });
}

function apportioned(reg: QofRegister, shares: readonly { code: string; share: number }[]): { x: number; list: number; used: number; age: string } {
  const byPractice = practiceRegister(reg);
  let x = 0;
  let list = 0;
  let used = 0;
  let age = '';
  for (const s of shares) {
    const r = byPractice.get(s.code);
    if (!r || r.count === null || r.list === null) continue;
    x += r.count * s.share;
    list += r.list * s.share;
    age = r.age;
    used++;
  }
  return { x, list, used, age };
}

function comparatorValue(reg: QofRegister, code: string | undefined): number | null {
  if (!code) return null;
  const a = apportioned(reg, comparatorShares(code));
  return a.list > 0 ? (100 * a.x) / a.list : null;
}

function practiceRegister(reg: QofRegister): Map<string, { count: number | null; list: number | null; age: string }> {
  return cachedRead(`neighbourhood:qof-practices:${reg.code}`, () => {
    const t = practicePrevalence(reg);
    const pc = t.array('practice_code') as string[];
    const c = t.array('count') as (number | null)[];
    const d = t.array('denominator') as (number | null)[];
    const a = t.array('age_base') as string[];
    return new Map(pc.map((x, i) => [x, { count: c[i], list: d[i], age: a[i] }]));
  });
}

/**
 * QOF 2019-20 recorded prevalence of registers (default {@link NEIGHBOURHOOD_REGISTERS}) for a
 * neighbourhood, by the method of its basis (see the module comment), beside its parent local
 * authority (LAD 2024) and ICB (2024), rolled up by the same apportioning over their LSOAs 2021,
 * and England (every practice).
 *
 * @example neighbourhoodPrevalence(pcnNeighbourhood('U89141'), ['DM'])[0].value
 */
export function neighbourhoodPrevalence(n: Neighbourhood, registers: readonly string[] = NEIGHBOURHOOD_REGISTERS): NeighbourhoodPrevalenceRow[] {
  const shares = neighbourhoodPracticeShares(n);
  return registers.map((code) => {
    const reg = qofRegister(code);
    const { x, list, used, age } = apportioned(
      reg,
      shares.map((s) => ({ code: s.practice_code, share: s.share })),
    );
    const ci = used > 0 && list > 0 ? proportionWithCI(Math.min(x, list), list, 0.95, 100) : { value: null, lower: null, upper: null };
    return {
      register: reg.code,
      name: reg.name,
      age_base: age,
      count: used > 0 ? x : null,
      denominator: used > 0 ? list : null,
      value: ci.value,
      lower95_0cl: ci.lower,
      upper95_0cl: ci.upper,
      practices: used,
      la_value: comparatorValue(reg, n.parentLa?.code),
      icb_value: comparatorValue(reg, n.parentIcb?.code),
      england_value: comparatorValue(reg, ENGLAND_CODE),
    };
  });
}
