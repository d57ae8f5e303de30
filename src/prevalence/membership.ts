/**
 * Which area each GP practice's patients count towards, for roll-ups from practice to area.
 *
 * Two kinds of level:
 * - **Membership** (an NHS organisation the practice belongs to): `pcn`, `ccg` (CCG April 2021: the
 *   106 CCGs of the January 2022 practice map, which became the sub-ICB locations of July 2022; not
 *   the 135 CCGs of April 2020 in the LSOA lookup that `healthgap area --vintage 2019` shows), `stp` (STP/ICS, E54, before the July 2022 ICB changes),
 *   `nhs-region` (NHS England commissioning region). Each practice counts wholly (weight 1) in one area.
 * - **Residence** (a place): `lad` (LAD 2019), `utla` (UTLA 2019), `icb` (ICB July 2022, from the
 *   official ONS LSOA 2011 → sub-ICB → ICB lookup: a practice's patients are placed by their LSOA),
 *   `region` (ONS region). Each practice's register and list are split between the areas its
 *   registered patients live in, by the share of its patients living there (weight = share), the
 *   Fingertips method for GP data by local authority.
 *
 * Practices that cannot be placed are never dropped silently: they are returned with the reason.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readPracticeMap2022, readPracticePcn2019, readGpPractices } from '../io/practices.js';
import { practiceAreaShares, practiceDeprivation, type PracticeRegistrationOptions } from '../geography/practices.js';
import type { GeoLevel } from '../geography/levels.js';

/** Levels a practice prevalence table can be rolled up to. */
export type PrevalenceLevel = 'practice' | 'pcn' | 'ccg' | 'stp' | 'nhs-region' | 'lad' | 'utla' | 'icb' | 'region' | 'england';

/** Every level, smallest first. */
export const PREVALENCE_LEVELS: readonly PrevalenceLevel[] = ['practice', 'pcn', 'ccg', 'stp', 'nhs-region', 'lad', 'utla', 'icb', 'region', 'england'];

/** Levels where practices belong to an organisation (weight 1). */
export const MEMBERSHIP_LEVELS: readonly PrevalenceLevel[] = ['pcn', 'ccg', 'stp', 'nhs-region'];

/** Levels where practices are apportioned by where their registered patients live. */
export const RESIDENCE_LEVELS: readonly PrevalenceLevel[] = ['lad', 'utla', 'icb', 'region'];

/** Labels with vintage, for tables and messages. */
export const PREVALENCE_LEVEL_LABELS: Readonly<Record<PrevalenceLevel, string>> = {
  practice: 'GP practice',
  pcn: 'primary care network (PCN)',
  ccg: 'CCG April 2021 (106) / sub-ICB location',
  stp: 'STP/ICS (E54, January 2022)',
  'nhs-region': 'NHS England commissioning region',
  lad: 'local authority district (LAD 2019)',
  utla: 'upper-tier local authority (UTLA 2019)',
  icb: 'integrated care board (ICB July 2022, official)',
  region: 'region (ONS)',
  england: 'England',
};

/** The parent level used for "compared with its parent" (null: England only). */
export const PREVALENCE_PARENT_LEVEL: Readonly<Record<PrevalenceLevel, PrevalenceLevel | null>> = {
  practice: 'pcn',
  pcn: 'ccg',
  ccg: 'stp',
  stp: 'nhs-region',
  'nhs-region': null,
  lad: 'utla',
  utla: 'region',
  icb: 'region',
  region: null,
  england: null,
};

const ALIASES: Record<string, PrevalenceLevel> = {
  la: 'lad',
  ltla: 'lad',
  district: 'lad',
  ua: 'utla',
  cua: 'utla',
  county: 'utla',
  'sub-icb': 'ccg',
  subicb: 'ccg',
  sicbl: 'ccg',
  ics: 'stp',
  'nhs region': 'nhs-region',
  nhsregion: 'nhs-region',
  country: 'england',
  practices: 'practice',
  gp: 'practice',
};

/**
 * Normalise a level name (`la` → `lad`, `sub-icb` → `ccg`, `ics` → `stp`); a HealthgapError lists the levels otherwise.
 * @example normalisePrevalenceLevel('la') // 'lad'
 */
export function normalisePrevalenceLevel(level: string): PrevalenceLevel {
  const k = String(level).trim().toLowerCase();
  const l = (ALIASES[k] ?? k) as PrevalenceLevel;
  if (!PREVALENCE_LEVELS.includes(l))
    throw new HealthgapError(`unknown level "${level}": use one of ${PREVALENCE_LEVELS.join(', ')} (la = lad, sub-icb = ccg)`);
  return l;
}

/**
 * Practice → area weights: `practice_code`, `area_code`, `area_name`, `weight` (1 for
 * membership, the patient share for residence levels; a practice's weights sum to 1), `mapped_by`.
 */
export interface PracticeWeights {
  level: PrevalenceLevel;
  weights: ColumnTable;
  /** How a practice not in the weights table is explained (null = it is simply not there). */
  explain: (practice: string) => string;
  /** One-line description of the method for notes. */
  method: string;
  /** True when the weights came from the analyst (unmapped practices are then errors by default). */
  custom: boolean;
}

interface MapRow {
  pcn_code: string | null;
  pcn_name: string | null;
  ons_ccg_code: string | null;
  ccg_name: string | null;
  ons_stp_code: string | null;
  stp_name: string | null;
  ons_comm_region_code: string | null;
  comm_region_name: string | null;
}

/** The practice map's code for practices in no PCN (`U`, "Unallocated"). */
function isUnallocated(pcnCode: string): boolean {
  return pcnCode.trim().toUpperCase() === 'U';
}

let membershipCache: Map<PrevalenceLevel, PracticeWeights> | null = null;
let odsCache: Map<string, { status: string | null; close: string | null }> | null = null;

/** ODS status and close date of a practice, for explaining why it is not in a lookup. */
function odsStatus(practice: string): string {
  if (!odsCache) {
    const t = readGpPractices();
    const c = t.array('practice_code') as string[];
    const s = t.array('status') as (string | null)[];
    const d = t.array('close_date') as (string | null)[];
    odsCache = new Map(c.map((code, i) => [code, { status: s[i], close: d[i] }]));
  }
  const r = odsCache.get(practice);
  if (!r) return 'not in the NHS ODS practice list either';
  return r.close ? `${(r.status ?? 'closed').toLowerCase()} on ${r.close} per NHS ODS` : `status ${r.status ?? 'unknown'} per NHS ODS`;
}

function membership(level: PrevalenceLevel): PracticeWeights {
  if (!membershipCache) membershipCache = new Map();
  const hit = membershipCache.get(level);
  if (hit) return hit;
  const map = readPracticeMap2022();
  const rows = new Map<string, MapRow>();
  (map.objects() as (MapRow & { practice_code: string })[]).forEach((r) => rows.set(r.practice_code, r));
  const pcn19 = new Map<string, { pcn_code: string; pcn_name: string | null }>();
  for (const r of readPracticePcn2019().objects() as { practice_code: string; pcn_code: string; pcn_name: string | null; relationship_end: string | null }[]) {
    if (!r.relationship_end) pcn19.set(r.practice_code, r);
  }
  // PCN (Jan 2022) → the single CCG/STP/region its practices are in (null when it spans several)
  const pcnParent = new Map<string, MapRow | null>();
  for (const r of rows.values()) {
    if (!r.pcn_code || isUnallocated(r.pcn_code)) continue;
    const prev = pcnParent.get(r.pcn_code);
    if (prev === undefined) pcnParent.set(r.pcn_code, r);
    else if (prev !== null && prev.ons_ccg_code !== r.ons_ccg_code) pcnParent.set(r.pcn_code, null);
  }
  const practice_code: string[] = [];
  const area_code: string[] = [];
  const area_name: (string | null)[] = [];
  const mapped_by: string[] = [];
  const push = (p: string, code: string, name: string | null, by: string) => {
    practice_code.push(p);
    area_code.push(code);
    area_name.push(name);
    mapped_by.push(by);
  };
  const pick = (r: MapRow): [string | null, string | null] =>
    level === 'pcn'
      ? [r.pcn_code, r.pcn_name]
      : level === 'ccg'
        ? [r.ons_ccg_code, r.ccg_name]
        : level === 'stp'
          ? [r.ons_stp_code, r.stp_name]
          : [r.ons_comm_region_code, r.comm_region_name];
  const all = new Set([...rows.keys(), ...pcn19.keys()]);
  for (const p of [...all].sort()) {
    if (level === 'pcn') {
      const a = pcn19.get(p);
      if (a) push(p, a.pcn_code, a.pcn_name, 'ePCN December 2019');
      else {
        const r = rows.get(p)!;
        if (r.pcn_code && !isUnallocated(r.pcn_code)) push(p, r.pcn_code, r.pcn_name, 'practice map January 2022');
      }
      continue;
    }
    const r = rows.get(p);
    if (r) {
      const [c, n] = pick(r);
      if (c) push(p, c, n, 'practice map January 2022');
      continue;
    }
    const a = pcn19.get(p);
    const viaPcn = a ? pcnParent.get(a.pcn_code) : undefined;
    if (a && viaPcn) {
      const [c, n] = pick(viaPcn);
      if (c) push(p, c, n, `via its December 2019 PCN ${a.pcn_code}`);
    }
  }
  const weights = aq.table({ practice_code, area_code, area_name, weight: new Array(practice_code.length).fill(1), mapped_by });
  const explain = (p: string): string => {
    const a = pcn19.get(p);
    if (level === 'pcn') {
      const r = rows.get(p);
      if (r && r.pcn_code && isUnallocated(r.pcn_code))
        return `practice ${p} has no open PCN relationship in the December 2019 ePCN file and is "Unallocated" (in no PCN) in the January 2022 practice map`;
      return `practice ${p} has no open PCN relationship in the December 2019 ePCN file and is not in the January 2022 practice map (${odsStatus(p)})`;
    }
    if (!a) return `practice ${p} is not in the January 2022 practice map and has no open December 2019 PCN (${odsStatus(p)})`;
    const par = pcnParent.get(a.pcn_code);
    return par === null
      ? `practice ${p} is not in the January 2022 practice map (${odsStatus(p)}) and its December 2019 PCN ${a.pcn_code} spans several CCGs`
      : `practice ${p} is not in the January 2022 practice map (${odsStatus(p)}) and its December 2019 PCN ${a.pcn_code} is not in it either`;
  };
  const method =
    level === 'pcn'
      ? 'practices counted in their PCN of December 2019 (NHS Digital ePCN), else of January 2022'
      : `practices counted in their ${PREVALENCE_LEVEL_LABELS[level]} from the NHS Digital practice map of January 2022 (gp-reg-pat-prac-map); practices closed by then via their December 2019 PCN when that PCN lies in one CCG`;
  const out: PracticeWeights = { level, weights, explain, method, custom: false };
  membershipCache.set(level, out);
  return out;
}

const residenceCache = new WeakMap<object, Map<PrevalenceLevel, PracticeWeights>>();
const DEFAULT_KEY = {};

function residence(level: PrevalenceLevel, options: PracticeRegistrationOptions): PracticeWeights {
  const key = options.registrations ?? DEFAULT_KEY;
  let byLevel = residenceCache.get(key);
  if (!byLevel) residenceCache.set(key, (byLevel = new Map()));
  const hit = byLevel.get(level);
  if (hit) return hit;
  const shares = practiceAreaShares(level as GeoLevel, options);
  const weights = shares.select({ practice_code: 'practice_code', area_code: 'area_code', area_name: 'area_name', share: 'weight' });
  const weightsOut = weights.assign({ mapped_by: new Array(weights.numRows()).fill('registered patients by LSOA') });
  const dep = practiceDeprivation(options);
  const known = new Map<string, { total: number; english: number }>();
  const dc = dep.array('practice_code') as string[];
  const dt = dep.array('patients_total') as number[];
  const de = dep.array('patients_english') as number[];
  dc.forEach((c, i) => known.set(c, { total: dt[i], english: de[i] }));
  const file = options.source ?? 'the registrations-by-LSOA file (January 2021)';
  const explain = (p: string): string => {
    const k = known.get(p);
    if (!k) return `practice ${p} is not in ${file} (${odsStatus(p)}), so where its patients live is unknown`;
    return `practice ${p} has no registered patients with an English LSOA in ${file} (${k.total} patients, none in England)`;
  };
  const out: PracticeWeights = {
    level,
    weights: weightsOut,
    explain,
    method: `each practice's register and list apportioned to ${PREVALENCE_LEVEL_LABELS[level]} by the share of its registered patients living there (NHS Digital patients registered at a GP practice by LSOA; the Fingertips method)`,
    custom: false,
  };
  byLevel.set(level, out);
  return out;
}

/**
 * The practice → area weights for a level (see the module comment for the two kinds of level).
 *
 * - Membership levels use the NHS Digital practice map of January 2022 (`readPracticeMap2022`)
 *   and, for PCNs, the ePCN relationships of December 2019 (`readPracticePcn2019`, the QOF
 *   2019-20 year); a practice closed before January 2022 is placed through its December 2019
 *   PCN when all of that PCN's practices lie in one CCG.
 * - Residence levels use `practiceAreaShares` (patients registered at each practice by LSOA,
 *   January 2021 bundled; pass `registrations` for another extract).
 *
 * @example practiceWeights('ccg').weights.filter((d) => d.practice_code === 'M88006')
 */
export function practiceWeights(level: PrevalenceLevel | string, options: PracticeRegistrationOptions = {}): PracticeWeights {
  const l = normalisePrevalenceLevel(level);
  if (l === 'practice' || l === 'england') throw new HealthgapError(`practiceWeights: level "${l}" needs no lookup`);
  return MEMBERSHIP_LEVELS.includes(l) ? membership(l) : residence(l, options);
}

/**
 * Practice → area weights from an analyst's own lookup table: `practice_code`, `area_code`,
 * optionally `area_name` and `weight` (or `share`; default 1 = membership). Each practice must
 * appear once (membership) or have weights summing to 1 (apportioned), else an InputError.
 *
 * @example customPracticeWeights(aq.table({ practice_code: ['M88006'], area_code: ['E08000028'] }), 'lad')
 */
export function customPracticeWeights(lookup: ColumnTable, level: PrevalenceLevel | string = 'practice', source = 'practice lookup'): PracticeWeights {
  const l = normalisePrevalenceLevel(level);
  const names = lookup.columnNames();
  for (const c of ['practice_code', 'area_code'])
    if (!names.includes(c))
      throw new InputError(`missing column "${c}"; a practice lookup needs practice_code, area_code (and optionally area_name, weight)`, { file: source });
  const wCol = names.includes('weight') ? 'weight' : names.includes('share') ? 'share' : null;
  const pc = lookup.array('practice_code') as (string | null)[];
  const ac = lookup.array('area_code') as (string | null)[];
  const an = names.includes('area_name') ? (lookup.array('area_name') as (string | null)[]) : pc.map(() => null);
  const w = wCol ? (lookup.array(wCol) as (number | null)[]) : pc.map(() => 1);
  const sums = new Map<string, number>();
  const practice_code: string[] = [];
  const area_code: string[] = [];
  const area_name: (string | null)[] = [];
  const weight: number[] = [];
  for (let i = 0; i < pc.length; i++) {
    const p = String(pc[i] ?? '')
      .trim()
      .toUpperCase();
    const a = String(ac[i] ?? '').trim();
    if (!p) throw new InputError('missing practice code', { file: source, row: i + 2, column: 'practice_code' });
    if (!a) throw new InputError(`missing area code for practice ${p}`, { file: source, row: i + 2, column: 'area_code' });
    const wi = w[i];
    if (wi === null || !(wi > 0) || wi > 1)
      throw new InputError(`expected a weight greater than 0 and at most 1 for practice ${p}, found ${wi}`, {
        file: source,
        row: i + 2,
        column: wCol ?? 'weight',
      });
    if (!wCol && sums.has(p))
      throw new InputError(`practice ${p} appears more than once; without a weight column each practice belongs to one area`, {
        file: source,
        row: i + 2,
        column: 'practice_code',
      });
    sums.set(p, (sums.get(p) ?? 0) + wi);
    practice_code.push(p);
    area_code.push(a);
    area_name.push(an[i]);
    weight.push(wi);
  }
  for (const [p, s] of sums)
    if (Math.abs(s - 1) > 1e-6)
      throw new InputError(`the weights of practice ${p} sum to ${s}, not 1; a practice's patients must be shared out in full`, {
        file: source,
        column: wCol ?? 'weight',
      });
  return {
    level: l,
    weights: aq.table({ practice_code, area_code, area_name, weight, mapped_by: practice_code.map(() => source) }),
    explain: (p) => `practice ${p} is not in ${source}`,
    method: `practices mapped to areas by ${source}`,
    custom: true,
  };
}

/** @deprecated Use {@link normalisePrevalenceLevel} (one spelling: normalise); kept for one release. */
export const normalizePrevalenceLevel = normalisePrevalenceLevel;
