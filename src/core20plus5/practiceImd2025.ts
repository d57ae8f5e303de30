/**
 * GP practices on IMD 2025, estimated: the Core20 share of a practice's registered patients read
 * on IMD 2025 (LSOA 2021) from registrations by LSOA 2011 (the only ones bundled), bridged through
 * the ONS LSOA 2011 → LSOA 2021 exact lookup.
 *
 * Rule, per LSOA 2011 of residence with n patients:
 * - **unchanged (U)** or **merged (M)**: the LSOA 2011 lies in one LSOA 2021, so its n patients
 *   live there: exact;
 * - **split (S)** or **irregular (X)**: the LSOA 2011 reaches several LSOAs 2021; where they are
 *   all Core20 on IMD 2025, or none is, the patients' Core20 status is still exact; where they
 *   differ, the n patients are shared between the parts in proportion to the parts' Census 2021
 *   usual residents (an estimate: patients are assumed to live like residents), and the range runs
 *   from none of them in Core20 to all of them.
 * So the result is an **estimate** with a range (`core20_share_low` … `core20_share_high`) that
 * contains the true share whatever the patients' real addresses inside those LSOAs. When GP
 * registrations by LSOA 2021 are added (NHS Digital publishes them from 2024), they replace it.
 *
 * Reference: ONS LSOA (2011) to LSOA (2021) exact fit lookup (change codes U/S/M/X); MHCLG IoD2025
 * File 1; ONS Census 2021 usual residents by LSOA 2021; NHS Digital, Patients Registered at a GP
 * Practice by LSOA (January 2021).
 */
import { HealthgapError, InputError } from '../core/errors.js';
import { readLsoa11Lsoa21 } from '../io/lookups2021.js';
import { censusAgesByLsoa } from '../geography/census.js';
import { practiceDeprivation, practiceName, practicePatientsByLsoa, type PracticeRegistrationOptions } from '../geography/practices.js';
import { cachedRead } from '../io/cache.js';
import { imdDecilesByLsoa, isCore20Decile } from './core20.js';

/** How the IMD 2025 estimate for practices is made (stated in every result). */
export const PRACTICE_IMD2025_ESTIMATE_METHOD =
  'Estimate: registered patients by LSOA 2011 (NHS Digital, January 2021) carried to LSOA 2021 through the ONS exact lookup. Patients in an unchanged or merged LSOA are placed exactly; patients in a split or redrawn LSOA whose LSOA 2021 parts differ in Core20 status on IMD 2025 are shared between the parts by their Census 2021 usual residents, and the range gives none to all of them in Core20. GP registrations by LSOA 2021 would make it exact.';

/** The IMD 2025 Core20 estimate for one practice or a group of practices. */
export interface PracticeCore20Imd2025 {
  /** Practice code, or the codes joined with `+`. */
  code: string;
  name: string;
  imd: 2025;
  /** Registered patients with an English LSOA 2011 (NO2011 and Welsh rows left out, as on IMD 2019). */
  patients: number;
  /** Patients whose Core20 status on IMD 2025 follows exactly from the lookup. */
  exact_patients: number;
  /** Patients in split or redrawn LSOAs 2011 whose LSOA 2021 parts differ in Core20 status. */
  apportioned_patients: number;
  /** Estimated patients living in Core20 LSOAs 2021 (the apportioned ones shared by Census 2021 residents). */
  core20_patients: number;
  /** core20_patients / patients. */
  core20_share: number | null;
  /** Lower end of the range: none of the apportioned patients in Core20. */
  core20_share_low: number | null;
  /** Upper end of the range: all of the apportioned patients in Core20. */
  core20_share_high: number | null;
  method: string;
  notes: string[];
}

interface Bridge {
  /** LSOA 2011 → its LSOA 2021 parts with their Census 2021 weights (sum 1) and Core20 flags. */
  parts: Map<string, { core20: boolean; weight: number }[]>;
}

/** The exact lookup with IMD 2025 Core20 flags and Census 2021 weights of each part, built once. */
function bridge(): Bridge {
  return cachedRead('core20:practice-imd2025-bridge', () => {
    const t = readLsoa11Lsoa21();
    const a = t.array('lsoa11_code') as string[];
    const b = t.array('lsoa21_code') as string[];
    const decile = imdDecilesByLsoa(2025);
    const census = censusAgesByLsoa();
    const raw = new Map<string, { code: string; pop: number }[]>();
    for (let i = 0; i < a.length; i++) {
      if (!a[i].startsWith('E01')) continue;
      let r = raw.get(a[i]);
      if (!r) raw.set(a[i], (r = []));
      const pop = census.get(b[i])?.[0];
      if (pop === undefined) throw new HealthgapError(`LSOA 2021 ${b[i]} of the exact lookup has no Census 2021 population`);
      r.push({ code: b[i], pop });
    }
    const parts = new Map<string, { core20: boolean; weight: number }[]>();
    for (const [l, r] of raw) {
      const total = r.reduce((s, x) => s + x.pop, 0);
      parts.set(
        l,
        r.map((x) => {
          const d = decile.get(x.code);
          if (d === undefined) throw new HealthgapError(`LSOA 2021 ${x.code} of the exact lookup is not in IMD 2025`);
          return { core20: isCore20Decile(d), weight: total > 0 ? x.pop / total : 1 / r.length };
        }),
      );
    }
    return { parts };
  });
}

/**
 * Estimated Core20 share of the registered patients of a practice (or several, added up) on IMD
 * 2025, from registrations by LSOA 2011 bridged to LSOA 2021 (rule in the module comment), with
 * the range that holds whatever the patients' exact addresses.
 *
 * share = (Σ exact Core20 patients + Σ_split n·Σ_parts w·core20) / patients, with w the Census 2021
 * share of each LSOA 2021 part; low and high put the split patients all outside or all inside.
 *
 * @example practiceCore20Imd2025('M88006').core20_share // ≈ 0.7 (Cape Hill Medical Centre, Sandwell)
 */
export function practiceCore20Imd2025(practice: string | readonly string[], options: PracticeRegistrationOptions = {}): PracticeCore20Imd2025 {
  const codes = (typeof practice === 'string' ? [practice] : [...practice]).map((c) => c.trim().toUpperCase());
  if (codes.length === 0) throw new HealthgapError('the list of practices is empty');
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) throw new InputError(`practice ${repeated} is listed more than once; each practice's patients must be counted once`);
  const t = practicePatientsByLsoa(codes, options);
  const lsoa = t.array('lsoa11cd') as string[];
  const n = t.array('patients') as number[];
  const { parts } = bridge();
  let patients = 0;
  let exact = 0;
  let apportioned = 0;
  let core20Exact = 0;
  let core20Apportioned = 0;
  for (let i = 0; i < lsoa.length; i++) {
    const p = parts.get(lsoa[i]);
    if (!p) throw new HealthgapError(`LSOA 2011 ${lsoa[i]} is not in the ONS LSOA 2011 → 2021 lookup`);
    patients += n[i];
    const inCore20 = p.filter((x) => x.core20).length;
    if (inCore20 === 0 || inCore20 === p.length) {
      exact += n[i];
      if (inCore20 > 0) core20Exact += n[i];
    } else {
      apportioned += n[i];
      core20Apportioned += n[i] * p.reduce((s, x) => s + (x.core20 ? x.weight : 0), 0);
    }
  }
  const share = (x: number) => (patients > 0 ? x / patients : null);
  const notes = [
    `IMD 2025, estimated: ${Math.round(exact).toLocaleString('en-GB')} of ${Math.round(patients).toLocaleString('en-GB')} patients (${patients > 0 ? ((100 * exact) / patients).toFixed(1) : '0.0'}%) have a Core20 status known exactly (unchanged or merged LSOAs, or split ones whose 2021 parts agree); ${Math.round(apportioned).toLocaleString('en-GB')} live in split or redrawn LSOAs whose 2021 parts differ in Core20 status and are shared by Census 2021 residents.`,
  ];
  const dep = practiceDeprivation(options);
  const all = dep.array('practice_code') as string[];
  let noLsoa = 0;
  let wales = 0;
  for (const c of codes) {
    const r = dep.object(all.indexOf(c)) as Record<string, number>;
    noLsoa += r.patients_no_lsoa;
    wales += r.patients_wales;
  }
  if (noLsoa > 0) notes.push(`${noLsoa.toLocaleString('en-GB')} registered patients have no LSOA recorded (NO2011) and are not counted.`);
  if (wales > 0) notes.push(`${wales.toLocaleString('en-GB')} registered patients live in Wales (outside the English indices) and are not counted.`);
  notes.push('Registered patients are all ages (persons): no children and young people split is available from this file.');
  const name = codes.length === 1 ? (practiceName(codes[0], options) ?? codes[0]) : `${codes.length} practices`;
  return {
    code: codes.join('+'),
    name,
    imd: 2025,
    patients,
    exact_patients: exact,
    apportioned_patients: apportioned,
    core20_patients: core20Exact + core20Apportioned,
    core20_share: share(core20Exact + core20Apportioned),
    core20_share_low: share(core20Exact),
    core20_share_high: share(core20Exact + apportioned),
    method: PRACTICE_IMD2025_ESTIMATE_METHOD,
    notes,
  };
}
