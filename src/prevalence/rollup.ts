/**
 * Roll-ups of practice recorded prevalence to PCN, CCG/sub-ICB, STP, NHS region, local authority
 * (LAD/UTLA), ICB 2022, region and England, with Wilson confidence limits.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readerNotes, withNotes } from '../io/csv.js';
import { proportionLimits } from '../stats/proportion.js';
import { getGeography } from '../geography/vintages.js';
import { ENGLAND_CODE } from '../geography/levels.js';
import type { PracticeRegistrationOptions } from '../geography/practices.js';
import { readPracticeMap2022, readGpPractices } from '../io/practices.js';
import { qofRegister } from './registers.js';
import { practicePrevalence, type QofInput } from './recorded.js';
import {
  customPracticeWeights,
  normalisePrevalenceLevel,
  practiceWeights,
  MEMBERSHIP_LEVELS,
  PREVALENCE_LEVEL_LABELS,
  PREVALENCE_PARENT_LEVEL,
  type PracticeWeights,
  type PrevalenceLevel,
} from './membership.js';

/** Options for {@link rollUpPrevalence}. */
export interface RollUpOptions extends PracticeRegistrationOptions {
  /**
   * The analyst's own practice → area lookup (`practice_code`, `area_code`, optional `area_name`,
   * `weight`), or weights from {@link practiceWeights} / {@link customPracticeWeights}.
   */
  lookup?: ColumnTable | PracticeWeights;
  /** Label of the lookup for messages. */
  lookupSource?: string;
  /**
   * A practice with no area in the lookup: `'list'` (it goes into `unmapped` with the reason;
   * default for the bundled lookups, which have known gaps) or `'error'` (an InputError; default
   * for a lookup you pass).
   */
  unmapped?: 'list' | 'error';
  /** Add `parent_code`/`parent_name` (default true). */
  parents?: boolean;
}

/** Result of a roll-up. */
export interface PrevalenceRollUp {
  level: PrevalenceLevel;
  /**
   * One row per area: `area_code`, `area_name`, `level`, `parent_code`, `parent_name`,
   * `practices` (practices contributing), `practices_missing` (contributing practices whose count
   * or list size was missing, left out of the sums), `count`, `denominator`, `value` (%),
   * `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`, `register`, `age_base`.
   */
  table: ColumnTable;
  /** Practices not placed in any area: `practice_code`, `count`, `denominator`, `reason`. */
  unmapped: ColumnTable;
  /** How practices were placed, for the methods note. */
  method: string;
  /** Sentences for output notes (unmapped practices, missing values, age bases, apportioning). */
  notes: string[];
}

let practiceNames: Map<string, string> | null = null;
function practiceName(code: string): string | null {
  if (!practiceNames) {
    practiceNames = new Map();
    const ods = readGpPractices();
    (ods.array('practice_code') as string[]).forEach((c, i) => practiceNames!.set(c, (ods.array('practice_name') as (string | null)[])[i] ?? c));
    const m = readPracticeMap2022();
    (m.array('practice_code') as string[]).forEach((c, i) =>
      practiceNames!.set(c, (m.array('practice_name') as (string | null)[])[i] ?? practiceNames!.get(c) ?? c),
    );
  }
  return practiceNames.get(code) ?? null;
}

/** A weights table indexed by practice (areas numbered in order of first appearance). */
interface IndexedWeights {
  areaCodes: string[];
  areaNames: (string | null)[];
  byPractice: Map<string, { area: number; w: number }[]>;
  mappedBy: Map<string, string>;
}

const indexedWeights = new WeakMap<PracticeWeights, IndexedWeights>();

/**
 * Index a practice → area weights table once per weights object (the bundled weights are cached
 * per level by `practiceWeights`, so the ~100,000 practice × area rows of a residence level are
 * indexed once, not once per register). Read-only afterwards.
 */
function indexWeights(pw: PracticeWeights): IndexedWeights {
  const hit = indexedWeights.get(pw);
  if (hit) return hit;
  const areaIndex = new Map<string, number>();
  const areaCodes: string[] = [];
  const areaNames: (string | null)[] = [];
  const byPractice = new Map<string, { area: number; w: number }[]>();
  const mappedBy = new Map<string, string>();
  const wc = pw.weights.array('practice_code') as string[];
  const wa = pw.weights.array('area_code') as string[];
  const wn = pw.weights.array('area_name') as (string | null)[];
  const ww = pw.weights.array('weight') as number[];
  const wb = pw.weights.array('mapped_by') as string[];
  for (let i = 0; i < wc.length; i++) {
    let k = areaIndex.get(wa[i]);
    if (k === undefined) {
      k = areaCodes.length;
      areaIndex.set(wa[i], k);
      areaCodes.push(wa[i]);
      areaNames.push(wn[i]);
    }
    let list = byPractice.get(wc[i]);
    if (!list) byPractice.set(wc[i], (list = []));
    list.push({ area: k, w: ww[i] });
    mappedBy.set(wc[i], wb[i]);
  }
  const out = { areaCodes, areaNames, byPractice, mappedBy };
  indexedWeights.set(pw, out);
  return out;
}

/**
 * Roll a practice prevalence table ({@link practicePrevalence}) up to a level.
 *
 * - Membership levels (`pcn`, `ccg`, `stp`, `nhs-region`): area count = Σ count of its practices,
 *   denominator = Σ list sizes; each practice is in exactly one area.
 * - Residence levels (`lad`, `utla`, `icb`, `region`): area count = Σ_p count_p × share_p,area and
 *   denominator = Σ_p list_p × share_p,area, share = the practice's registered patients living in
 *   the area ÷ its patients with an English LSOA (the Fingertips approach). The same all-age
 *   share is applied to every register's list (no age split of patients by LSOA is published).
 *   Counts are then not whole numbers; they are kept unrounded.
 * - `england`: all practices (mapped or not), so it equals the published England total.
 * - `practice`: the practices themselves (`area_code` = practice code).
 *
 * value = count / denominator × 100 with Wilson score limits at 95% and 99.8% (PHEim `phe_proportion`).
 * Totals: Σ over areas of `count` = Σ count of the mapped practices (shares sum to 1), checked in tests.
 * Practices with a missing count or list size are left out of the sums and counted in
 * `practices_missing`; practices that cannot be placed are listed in `unmapped` with the reason.
 *
 * @example rollUpPrevalence(practicePrevalence('DM'), 'utla').table.filter((d) => d.area_code === 'E08000028')
 */
export function rollUpPrevalence(practices: ColumnTable, level: PrevalenceLevel | string, options: RollUpOptions = {}): PrevalenceRollUp {
  const lv = normalisePrevalenceLevel(level);
  const names = practices.columnNames();
  for (const c of ['practice_code', 'count', 'denominator'])
    if (!names.includes(c)) throw new HealthgapError(`rollUpPrevalence: the practice table has no column "${c}" (use practicePrevalence to build it)`);
  const pc = practices.array('practice_code') as string[];
  const cnt = practices.array('count') as (number | null)[];
  const den = practices.array('denominator') as (number | null)[];
  const register = names.includes('register') ? ((practices.array('register') as string[])[0] ?? null) : null;
  const ageBase = names.includes('age_base') ? ((practices.array('age_base') as (string | null)[])[0] ?? null) : null;
  const notes: string[] = [...readerNotes(practices)];
  const seen = new Set<string>();
  for (const p of pc) {
    if (seen.has(p))
      throw new InputError(`practice ${p} appears more than once in the practice table; roll-ups need one row per practice`, { column: 'practice_code' });
    seen.add(p);
  }

  // weights: practice → [(area index, weight)]
  let pw: PracticeWeights | null = null;
  if (lv !== 'practice' && lv !== 'england') {
    if (options.lookup)
      pw =
        'weights' in options.lookup && 'explain' in options.lookup
          ? (options.lookup as PracticeWeights)
          : customPracticeWeights(options.lookup as ColumnTable, lv, options.lookupSource ?? 'practice lookup');
    else pw = practiceWeights(lv, options);
  }
  let areaCodes: string[] = [];
  let areaNames: (string | null)[] = [];
  let byPractice = new Map<string, { area: number; w: number }[]>();
  let mappedBy = new Map<string, string>();
  if (pw) ({ areaCodes, areaNames, byPractice, mappedBy } = indexWeights(pw));
  else if (lv === 'england') {
    areaCodes.push(ENGLAND_CODE);
    areaNames.push('England');
  }

  const na = lv === 'practice' ? pc.length : areaCodes.length;
  const sumX = new Float64Array(na);
  const sumN = new Float64Array(na);
  const nPractices = new Int32Array(na);
  const nMissing = new Int32Array(na);
  const un = { practice_code: [] as string[], count: [] as (number | null)[], denominator: [] as (number | null)[], reason: [] as string[] };
  const policy = options.unmapped ?? (pw?.custom ? 'error' : 'list');
  const viaPcn: string[] = [];
  for (let i = 0; i < pc.length; i++) {
    const x = cnt[i];
    const n = den[i];
    const known = x !== null && n !== null && !Number.isNaN(x) && !Number.isNaN(n);
    let targets: { area: number; w: number }[];
    if (lv === 'practice') targets = [{ area: i, w: 1 }];
    else if (lv === 'england') targets = [{ area: 0, w: 1 }];
    else {
      const t = byPractice.get(pc[i]);
      if (!t) {
        const reason = pw!.explain(pc[i]);
        if (policy === 'error')
          throw new InputError(`${reason}; add it to the lookup (or pass unmapped: 'list' to list unmapped practices instead)`, {
            file: options.lookupSource ?? 'practice lookup',
            column: 'practice_code',
          });
        un.practice_code.push(pc[i]);
        un.count.push(x);
        un.denominator.push(n);
        un.reason.push(reason);
        continue;
      }
      targets = t;
      if (mappedBy.get(pc[i])?.startsWith('via ')) viaPcn.push(pc[i]);
    }
    for (const { area, w } of targets) {
      nPractices[area]++;
      if (!known) {
        nMissing[area]++;
        continue;
      }
      sumX[area] += (x as number) * w;
      sumN[area] += (n as number) * w;
    }
  }

  const rows = {
    area_code: [] as string[],
    area_name: [] as (string | null)[],
    level: [] as string[],
    parent_code: [] as (string | null)[],
    parent_name: [] as (string | null)[],
    practices: [] as number[],
    practices_missing: [] as number[],
    count: [] as (number | null)[],
    denominator: [] as (number | null)[],
    value: [] as (number | null)[],
    lower95_0cl: [] as (number | null)[],
    upper95_0cl: [] as (number | null)[],
    lower99_8cl: [] as (number | null)[],
    upper99_8cl: [] as (number | null)[],
    register: [] as (string | null)[],
    age_base: [] as (string | null)[],
  };
  const parents = options.parents === false ? null : parentLookup(lv, practices, options, pw?.custom ?? false);
  const order = Array.from({ length: na }, (_, k) => k);
  if (lv !== 'practice') order.sort((a, b) => areaCodes[a].localeCompare(areaCodes[b]));
  for (const k of order) {
    if (lv !== 'practice' && nPractices[k] === 0) continue;
    const code = lv === 'practice' ? pc[k] : areaCodes[k];
    const knownAll = nPractices[k] > nMissing[k];
    const x = knownAll ? sumX[k] : null;
    const n = knownAll ? sumN[k] : null;
    const { value: v, lower95_0cl: l95, upper95_0cl: u95, lower99_8cl: l998, upper99_8cl: u998 } = proportionLimits(x, n);
    const par = parents?.(code) ?? null;
    rows.area_code.push(code);
    rows.area_name.push(lv === 'practice' ? practiceName(code) : areaNames[k]);
    rows.level.push(lv);
    rows.parent_code.push(par?.code ?? null);
    rows.parent_name.push(par?.name ?? null);
    rows.practices.push(nPractices[k]);
    rows.practices_missing.push(nMissing[k]);
    rows.count.push(x);
    rows.denominator.push(n);
    rows.value.push(v);
    rows.lower95_0cl.push(l95);
    rows.upper95_0cl.push(u95);
    rows.lower99_8cl.push(l998);
    rows.upper99_8cl.push(u998);
    rows.register.push(register);
    rows.age_base.push(ageBase);
  }
  const unmapped = aq.table(un);
  const method = lv === 'practice' ? 'each GP practice on its own' : lv === 'england' ? 'the sum over every practice in the file' : pw!.method;
  if (un.practice_code.length) {
    const sx = un.count.reduce<number>((s, v) => s + (v ?? 0), 0);
    notes.push(
      `${un.practice_code.length} practice${un.practice_code.length === 1 ? '' : 's'} (${sx.toLocaleString('en-GB')} patients on the ${register ?? ''} register) could not be placed at the ${PREVALENCE_LEVEL_LABELS[lv]} level and are listed as unmapped with the reason; they are in the England total.`,
    );
  }
  if (viaPcn.length)
    notes.push(`${viaPcn.length} practice${viaPcn.length === 1 ? '' : 's'} closed before January 2022 placed through their December 2019 PCN.`);
  if (lv !== 'practice' && lv !== 'england' && !MEMBERSHIP_LEVELS.includes(lv) && !pw?.custom) {
    notes.push(
      `Practice counts apportioned to ${PREVALENCE_LEVEL_LABELS[lv]} by where their registered patients live (all-age shares applied to the ${ageBase ?? ''} list); counts are therefore not whole numbers.`,
    );
  }
  return { level: lv, table: withNotes(aq.table(rows), notes), unmapped, method, notes };
}

/** A function giving the parent of an area code at a level, or null. */
function parentLookup(
  lv: PrevalenceLevel,
  practices: ColumnTable,
  options: RollUpOptions,
  custom: boolean,
): ((code: string) => { code: string; name: string } | null) | null {
  const parentLevel = PREVALENCE_PARENT_LEVEL[lv];
  if (custom) return null;
  if (lv === 'england') return null;
  if (parentLevel === null) return () => ({ code: ENGLAND_CODE, name: 'England' });
  if (lv === 'lad' || lv === 'utla' || lv === 'icb') {
    const g = getGeography();
    const geoLevel = lv;
    return (code) => {
      if (lv === 'lad') {
        // a unitary or metropolitan district is its own UTLA: compare it with its region instead
        const u = g.parentOf(code, 'utla', 'lad');
        if (u && u.code !== code) return u;
      }
      return g.parentOf(code, 'region', geoLevel);
    };
  }
  // membership levels and practices: the parent area holding most of the area's list
  const pw = practiceWeights(parentLevel, options);
  const parentOfPractice = new Map<string, { code: string; name: string }>();
  const wc = pw.weights.array('practice_code') as string[];
  const wa = pw.weights.array('area_code') as string[];
  const wn = pw.weights.array('area_name') as (string | null)[];
  wc.forEach((p, i) => parentOfPractice.set(p, { code: wa[i], name: wn[i] ?? wa[i] }));
  if (lv === 'practice') return (code) => parentOfPractice.get(code) ?? null;
  const own = practiceWeights(lv, options);
  const oc = own.weights.array('practice_code') as string[];
  const oa = own.weights.array('area_code') as string[];
  const den = new Map<string, number>();
  const pc = practices.array('practice_code') as string[];
  const pd = practices.array('denominator') as (number | null)[];
  pc.forEach((p, i) => den.set(p, pd[i] ?? 0));
  const votes = new Map<string, Map<string, number>>();
  const named = new Map<string, string>();
  oc.forEach((p, i) => {
    const par = parentOfPractice.get(p);
    if (!par) return;
    named.set(par.code, par.name);
    let v = votes.get(oa[i]);
    if (!v) votes.set(oa[i], (v = new Map()));
    v.set(par.code, (v.get(par.code) ?? 0) + (den.get(p) ?? 0) + 1e-9);
  });
  return (code) => {
    const v = votes.get(code);
    if (!v) return null;
    let best: string | null = null;
    let bw = -1;
    for (const [c, w] of v) if (w > bw || (w === bw && best !== null && c < best)) [best, bw] = [c, w];
    return best ? { code: best, name: named.get(best) ?? best } : null;
  };
}

/**
 * Recorded prevalence of a register at a level in one call: {@link practicePrevalence} then
 * {@link rollUpPrevalence}. The QOF file defaults to the bundled 2019-20 publication.
 *
 * @example prevalenceByLevel('DM', 'utla').table.filter((d) => d.area_code === 'E08000028') // Sandwell, diabetes 17+
 */
export function prevalenceByLevel(register: string, level: PrevalenceLevel | string, options: RollUpOptions & QofInput = {}): PrevalenceRollUp {
  const reg = qofRegister(register);
  const practices = practicePrevalence(reg, options);
  return rollUpPrevalence(practices, level, options);
}
