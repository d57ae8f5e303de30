/**
 * GP practices seen through where their patients live: NHS Digital "Patients Registered at a GP
 * Practice" by LSOA 2011 of residence (`gp-reg-pat-prac-lsoa-all`, January 2021 extract bundled)
 * joined to IMD 2019 and to the LSOA 2011 geography.
 *
 * - {@link practiceDeprivation}: per practice, patients with an English LSOA, patients by national
 *   IMD 2019 decile and quintile, the Core20 share (national deciles 1-2), the
 *   registered-population-weighted IMD 2019 score and the practice's quintile of that score.
 * - {@link practiceAreaShares}: each practice's patients split by the area (LAD 2019, UTLA 2019,
 *   ICB 2022, region, ...) they live in, with shares, for registered-population-weighted roll-ups
 *   from practice to local authority as Fingertips does ("GP practice data aggregated to local
 *   authority by the proportion of each practice's registered patients resident in it").
 * - {@link practicePatientsByLsoa}: one practice's (or several practices') patients by English LSOA.
 *
 * Rows that are not English LSOA 2011 codes are kept out of every share and counted instead:
 * `NO2011` (no LSOA recorded: 4,656 rows, 34,879 patients in the bundled file) and Welsh `W01…`
 * LSOAs (276 rows, 14,013 patients, practices near the border). They appear in the columns
 * `patients_no_lsoa` and `patients_wales`, so `patients_total` = `patients_english` +
 * `patients_no_lsoa` + `patients_wales`.
 *
 * Speed: the 839,677-row file is read once per process by `readGpRegistrationsByLsoa` (a few
 * seconds), then every function here works on its column arrays (integer indexes, typed arrays)
 * and caches its result per registrations table, so repeated calls are immediate.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { HealthgapError, InputError } from '../core/errors.js';
import { readGpRegistrationsByLsoa } from '../io/practices.js';
import { readImd } from '../io/imd.js';
import { quantileOf } from '../stats/quantile.js';
import { getGeography } from './vintages.js';
import { isGeoLevel, GEO_LEVELS, type GeoLevel } from './levels.js';

/** Options shared by the practice functions. */
export interface PracticeRegistrationOptions {
  /**
   * Registrations table with `practice_code`, `practice_name`, `lsoa11cd`, `patients` (as
   * `readGpRegistrationsByLsoa(path)` returns for any NHS Digital gp-reg-pat-prac-lsoa file).
   * Default: the bundled January 2021 extract.
   */
  registrations?: ColumnTable;
  /**
   * The file the registrations table was read from, for error messages: problems are then
   * reported as that file's line (table row + 1, for the header). Without it, as table rows.
   */
  source?: string;
}

/** Indexed view of a registrations table, built once per table. */
interface RegistrationIndex {
  practiceCodes: string[];
  practiceNames: (string | null)[];
  /** Practice index of each row. */
  rowPractice: Int32Array;
  /** IMD table row of each row's LSOA, or -1 NO2011, -2 Welsh. */
  rowLsoa: Int32Array;
  patients: Float64Array;
  /** LSOA codes in IMD row order (for the geography join). */
  imdLsoa: string[];
  noLsoaRows: number;
  walesRows: number;
}

const indexCache = new WeakMap<ColumnTable, RegistrationIndex>();
const NO_LSOA = -1;
const WALES = -2;

interface ImdIndex {
  codes: string[];
  row: Map<string, number>;
  decile: Int32Array;
  score: Float64Array;
}
const imdCache = new WeakMap<ColumnTable, ImdIndex>();

/** IMD 2019 (bundled) indexed by LSOA code, built once per process. */
function imdIndex(): ImdIndex {
  const imd = readImd();
  const codes = imd.array('lsoa11cd') as string[];
  const cached = imdCache.get(imd);
  if (cached) return cached;
  const row = new Map<string, number>();
  codes.forEach((c, i) => row.set(c, i));
  const dec = imd.array('imd_decile') as (number | null)[];
  const sc = imd.array('imd_score') as (number | null)[];
  const out = { codes, row, decile: Int32Array.from(dec, (d) => d ?? 0), score: Float64Array.from(sc, (s) => (s === null ? NaN : s)) };
  imdCache.set(imd, out);
  return out;
}

/** Explain an LSOA code that is not in IMD 2019 (LSOA 2011). */
export function explainUnknownLsoa(code: string): string {
  if (/^E01\d{6}$/.test(code)) {
    return `LSOA "${code}" is not an LSOA 2011 code in IMD 2019; it is probably an LSOA 2021 code (new or changed in the 2021 Census geography). IMD 2019 uses LSOA 2011: map 2021 codes to 2011 with the ONS LSOA 2011 to LSOA 2021 best-fit lookup first (or use IMD 2025, which is on LSOA 2021, when available)`;
  }
  return `"${code}" is not an English LSOA 2011 code (expected E01 followed by 6 digits, e.g. E01011959)`;
}

function indexRegistrations(table: ColumnTable, source: string | undefined): RegistrationIndex {
  const hit = indexCache.get(table);
  if (hit) return hit;
  for (const c of ['practice_code', 'lsoa11cd', 'patients']) {
    if (!table.columnNames().includes(c))
      throw new InputError(`missing column "${c}"; expected practice_code, practice_name, lsoa11cd, patients`, { file: source });
  }
  const imd = imdIndex();
  const n = table.numRows();
  const pc = table.array('practice_code') as (string | null)[];
  const pn = (table.columnNames().includes('practice_name') ? table.array('practice_name') : new Array(n).fill(null)) as (string | null)[];
  const ls = table.array('lsoa11cd') as (string | null)[];
  const pt = table.array('patients') as (number | null)[];
  const practiceIndex = new Map<string, number>();
  const practiceCodes: string[] = [];
  const practiceNames: (string | null)[] = [];
  const rowPractice = new Int32Array(n);
  const rowLsoa = new Int32Array(n);
  const patients = new Float64Array(n);
  let noLsoaRows = 0;
  let walesRows = 0;
  const walesSlot = new Map<string, number>();
  /** Practice-LSOA slot of each row (IMD row, or past the IMD rows for Welsh codes, -1 for NO2011). */
  const rowSlot = new Int32Array(n);
  let current = -1;
  let contiguous = true;
  for (let i = 0; i < n; i++) {
    const code = pc[i];
    if (code === null || code === '') throw new InputError('missing practice code', { file: source, row: source ? i + 2 : i + 1, column: 'practice_code' });
    let p = current >= 0 && practiceCodes[current] === code ? current : practiceIndex.get(code);
    if (p === undefined) {
      p = practiceCodes.length;
      practiceIndex.set(code, p);
      practiceCodes.push(code);
      practiceNames.push(pn[i]);
    } else if (p !== current) contiguous = false;
    current = p;
    rowPractice[i] = p;
    const v = pt[i];
    if (v === null || Number.isNaN(v))
      throw new InputError('missing number of patients (registration counts are never suppressed in the NHS Digital file; check the input)', {
        file: source,
        row: source ? i + 2 : i + 1,
        column: 'patients',
      });
    if (v < 0)
      throw new InputError(`expected a number of patients of 0 or more, found ${v}`, { file: source, row: source ? i + 2 : i + 1, column: 'patients' });
    patients[i] = v;
    const raw = ls[i] ?? '';
    let k = imd.row.get(raw);
    let l = raw;
    if (k === undefined) {
      l = raw.trim().toUpperCase();
      k = imd.row.get(l);
    }
    if (k !== undefined) {
      rowLsoa[i] = k;
      rowSlot[i] = k;
    } else if (l === 'NO2011' || l === '') {
      rowLsoa[i] = NO_LSOA;
      rowSlot[i] = -1;
      noLsoaRows++;
    } else if (/^W01\d{6}$/.test(l)) {
      rowLsoa[i] = WALES;
      walesRows++;
      let w = walesSlot.get(l);
      if (w === undefined) walesSlot.set(l, (w = imd.codes.length + walesSlot.size));
      rowSlot[i] = w;
    } else {
      throw new InputError(explainUnknownLsoa(l), { file: source, row: source ? i + 2 : i + 1, column: 'lsoa11cd' });
    }
  }
  // duplicate practice–LSOA pairs: with each practice's rows together (as published) a stamp per
  // LSOA slot finds them in one pass; otherwise a map of pairs.
  const slotName = (slot: number) => (slot < imd.codes.length ? imd.codes[slot] : [...walesSlot].find(([, w]) => w === slot)![0]);
  const duplicate = (i: number, first: number) => {
    const at = (r: number) => (source ? r + 2 : r + 1);
    throw new InputError(
      `duplicate row for practice ${practiceCodes[rowPractice[i]]} and LSOA ${slotName(rowSlot[i])} (first at ${source ? 'line' : 'row'} ${at(first)}); each practice–LSOA pair must appear once`,
      { file: source, row: at(i), column: 'lsoa11cd' },
    );
  };
  if (contiguous) {
    const stamp = new Int32Array(imd.codes.length + walesSlot.size).fill(-1);
    const firstRow = new Int32Array(stamp.length);
    for (let i = 0; i < n; i++) {
      const slot = rowSlot[i];
      if (slot < 0) continue;
      if (stamp[slot] === rowPractice[i]) duplicate(i, firstRow[slot]);
      stamp[slot] = rowPractice[i];
      firstRow[slot] = i;
    }
  } else {
    const seen = new Map<number, number>();
    const width = imd.codes.length + walesSlot.size;
    for (let i = 0; i < n; i++) {
      const slot = rowSlot[i];
      if (slot < 0) continue;
      const key = rowPractice[i] * width + slot;
      const first = seen.get(key);
      if (first !== undefined) duplicate(i, first);
      seen.set(key, i);
    }
  }
  const out: RegistrationIndex = { practiceCodes, practiceNames, rowPractice, rowLsoa, patients, imdLsoa: imd.codes, noLsoaRows, walesRows };
  indexCache.set(table, out);
  return out;
}

function registrationsOf(options: PracticeRegistrationOptions): { table: ColumnTable; source: string | undefined } {
  if (options.registrations) return { table: options.registrations, source: options.source };
  return { table: readGpRegistrationsByLsoa(), source: options.source ?? 'data/gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv.gz' };
}

const deprivationCache = new WeakMap<ColumnTable, ColumnTable>();

/**
 * Deprivation profile of every GP practice from where its registered patients live: one row per
 * practice, sorted as in the input (by practice code in the bundled file).
 *
 * Columns:
 * - `practice_code`, `practice_name`
 * - `patients_total` (all rows), `patients_english` (English LSOA 2011 codes, the base of every
 *   share), `patients_no_lsoa` (`NO2011` rows), `patients_wales` (Welsh `W01…` LSOAs)
 * - `imd_d1` … `imd_d10`: patients living in LSOAs in each national IMD 2019 decile (1 = most deprived)
 * - `imd_q1` … `imd_q5`: the same by national quintile (q = ⌈d/2⌉)
 * - `core20_patients` (= `imd_d1 + imd_d2`) and `core20_share` = core20_patients / patients_english
 *   (a proportion 0-1; null when the practice has no English patients)
 * - `imd_score` = Σ patients_l × IMD score_l / Σ patients_l over English LSOAs (the
 *   population-weighted IMD 2019 score, as Fingertips' "Deprivation score (IMD 2019)" for practices)
 * - `imd_score_quintile` / `imd_score_decile`: quintile/decile of `imd_score` among the practices
 *   in this table (1 = most deprived, highest score), by PHEim's `phe_quantile` rank rule
 *   (stats `quantileOf`); practice-level, so not the same as the national LSOA deciles.
 *
 * Reference: NHS Digital, Patients Registered at a GP Practice (LSOA file); MHCLG English Indices
 * of Deprivation 2019; OHID Fingertips practice deprivation ("IMD 2019 score, GP practice,
 * attributed from LSOA scores weighted by registered patients").
 *
 * @example practiceDeprivation().filter((d) => d.practice_code === 'M88006').get('core20_share', 0)
 */
export function practiceDeprivation(options: PracticeRegistrationOptions = {}): ColumnTable {
  const { table, source } = registrationsOf(options);
  const hit = deprivationCache.get(table);
  if (hit) return hit;
  const ix = indexRegistrations(table, source);
  const imd = imdIndex();
  const np = ix.practiceCodes.length;
  const total = new Float64Array(np);
  const english = new Float64Array(np);
  const noLsoa = new Float64Array(np);
  const wales = new Float64Array(np);
  const deciles = Array.from({ length: 10 }, () => new Float64Array(np));
  const scoreSum = new Float64Array(np);
  const scoreWeight = new Float64Array(np);
  const n = ix.rowPractice.length;
  for (let i = 0; i < n; i++) {
    const p = ix.rowPractice[i];
    const v = ix.patients[i];
    total[p] += v;
    const k = ix.rowLsoa[i];
    if (k === NO_LSOA) noLsoa[p] += v;
    else if (k === WALES) wales[p] += v;
    else {
      english[p] += v;
      const d = imd.decile[k];
      if (d >= 1 && d <= 10) deciles[d - 1][p] += v;
      const s = imd.score[k];
      if (!Number.isNaN(s)) {
        scoreSum[p] += v * s;
        scoreWeight[p] += v;
      }
    }
  }
  const score = Array.from(scoreWeight, (w, p) => (w > 0 ? scoreSum[p] / w : null));
  const cols: Record<string, unknown[] | Float64Array> = {
    practice_code: ix.practiceCodes,
    practice_name: ix.practiceNames,
    patients_total: total,
    patients_english: english,
    patients_no_lsoa: noLsoa,
    patients_wales: wales,
  };
  deciles.forEach((d, j) => (cols[`imd_d${j + 1}`] = d));
  for (let q = 1; q <= 5; q++) cols[`imd_q${q}`] = Float64Array.from(deciles[2 * q - 2], (v, p) => v + deciles[2 * q - 1][p]);
  cols.core20_patients = cols.imd_q1;
  cols.core20_share = Array.from(english, (e, p) => (e > 0 ? (deciles[0][p] + deciles[1][p]) / e : null));
  cols.imd_score = score;
  cols.imd_score_quintile = quantileOf(score, 5, true);
  cols.imd_score_decile = quantileOf(score, 10, true);
  const out = aq.table(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v])));
  deprivationCache.set(table, out);
  return out;
}

/** Counts of rows/patients kept out of the shares, for notes in outputs. */
export interface PracticeRegistrationNotes {
  rows: number;
  practices: number;
  patientsTotal: number;
  patientsEnglish: number;
  noLsoaRows: number;
  noLsoaPatients: number;
  walesRows: number;
  walesPatients: number;
  /** One-line sentences for report notes. */
  notes: string[];
}

/**
 * What the registrations table holds and what was kept out of the LSOA-based shares (NO2011 and
 * Welsh rows), as numbers and as sentences.
 *
 * @example practiceRegistrationNotes().noLsoaPatients // 34879 (bundled January 2021 extract)
 */
export function practiceRegistrationNotes(options: PracticeRegistrationOptions = {}): PracticeRegistrationNotes {
  const { table, source } = registrationsOf(options);
  const ix = indexRegistrations(table, source);
  let tot = 0;
  let no = 0;
  let wa = 0;
  for (let i = 0; i < ix.patients.length; i++) {
    tot += ix.patients[i];
    if (ix.rowLsoa[i] === NO_LSOA) no += ix.patients[i];
    else if (ix.rowLsoa[i] === WALES) wa += ix.patients[i];
  }
  const fmt = (x: number) => x.toLocaleString('en-GB');
  return {
    rows: ix.patients.length,
    practices: ix.practiceCodes.length,
    patientsTotal: tot,
    patientsEnglish: tot - no - wa,
    noLsoaRows: ix.noLsoaRows,
    noLsoaPatients: no,
    walesRows: ix.walesRows,
    walesPatients: wa,
    notes: [
      `${fmt(no)} registered patients in ${fmt(ix.noLsoaRows)} rows have no LSOA recorded (NO2011) and are not in any LSOA-based share.`,
      `${fmt(wa)} registered patients in ${fmt(ix.walesRows)} rows live in Welsh LSOAs (W01…), outside IMD 2019 for England, and are not in any share.`,
    ],
  };
}

const shareCache = new WeakMap<ColumnTable, Map<GeoLevel, ColumnTable>>();

/**
 * Each practice's registered patients split by the area they live in, at a geography level
 * (default `lad`, LAD 2019; also `utla`, `icb`, `region`, `ccg`, `msoa`, ...): one row per
 * practice × area with at least one patient. Columns `practice_code`, `area_code`, `area_name`,
 * `patients`, `share` (= patients / the practice's patients with an English LSOA; a practice's
 * shares sum to 1).
 *
 * Use: registered-population-weighted roll-up from practice to area, as Fingertips does for QOF
 * prevalence by local authority: area count = Σ_practices count_p × share_p,area, area list size
 * = Σ list_p × share_p,area. NO2011 and Welsh patients are outside every share (see
 * {@link practiceRegistrationNotes}), so a practice's count is spread over its English patients.
 *
 * @example practiceAreaShares('utla').filter((d) => d.area_code === 'E06000019') // practices serving Herefordshire
 */
export function practiceAreaShares(level: GeoLevel = 'lad', options: PracticeRegistrationOptions = {}): ColumnTable {
  if (!isGeoLevel(level) || level === 'lsoa')
    throw new HealthgapError(
      `practiceAreaShares: level must be one of ${GEO_LEVELS.filter((l) => l !== 'lsoa').join(', ')}; found "${String(level)}" (for LSOAs use practicePatientsByLsoa)`,
    );
  const { table, source } = registrationsOf(options);
  let byLevel = shareCache.get(table);
  if (!byLevel) shareCache.set(table, (byLevel = new Map()));
  const hit = byLevel.get(level);
  if (hit) return hit;
  const ix = indexRegistrations(table, source);
  const geo = getGeography();
  // IMD row → area index at the level
  const areas = geo.areasAt(level);
  const areaOfImdRow = new Int32Array(ix.imdLsoa.length).fill(-1);
  const imdRow = imdIndex().row;
  areas.forEach((a, k) => {
    for (const l of geo.lsoasIn(a)) {
      const r = imdRow.get(l);
      if (r !== undefined) areaOfImdRow[r] = k;
    }
  });
  const na = areas.length;
  // accumulate per practice × area (sparse: map key p*na+k)
  const acc = new Map<number, number>();
  const english = new Float64Array(ix.practiceCodes.length);
  for (let i = 0; i < ix.rowPractice.length; i++) {
    const r = ix.rowLsoa[i];
    if (r < 0) continue;
    const k = areaOfImdRow[r];
    if (k < 0) throw new HealthgapError(`LSOA ${ix.imdLsoa[r]} has no ${level} area in the bundled geography`);
    const p = ix.rowPractice[i];
    english[p] += ix.patients[i];
    const key = p * na + k;
    acc.set(key, (acc.get(key) ?? 0) + ix.patients[i]);
  }
  const keys = [...acc.keys()].sort((a, b) => a - b);
  const practice_code: string[] = [];
  const area_code: string[] = [];
  const area_name: string[] = [];
  const patients: number[] = [];
  const share: number[] = [];
  for (const key of keys) {
    const p = Math.floor(key / na);
    const k = key - p * na;
    const v = acc.get(key)!;
    practice_code.push(ix.practiceCodes[p]);
    area_code.push(areas[k].code);
    area_name.push(areas[k].name);
    patients.push(v);
    share.push(v / english[p]);
  }
  const out = aq.table({ practice_code, area_code, area_name, patients, share });
  byLevel.set(level, out);
  return out;
}

/**
 * Registered patients of one or more practices by English LSOA 2011 of residence: columns
 * `practice_code`, `lsoa11cd`, `patients` (NO2011 and Welsh rows left out; see
 * {@link practiceRegistrationNotes}). An unknown practice code is an InputError naming close codes.
 *
 * @example practicePatientsByLsoa('M88006').numRows() // number of LSOAs the practice's patients live in
 */
export function practicePatientsByLsoa(practice: string | readonly string[], options: PracticeRegistrationOptions = {}): ColumnTable {
  const { table, source } = registrationsOf(options);
  const ix = indexRegistrations(table, source);
  const wanted = (typeof practice === 'string' ? [practice] : [...practice]).map((c) => c.trim().toUpperCase());
  const index = new Map(ix.practiceCodes.map((c, i) => [c, i]));
  const want = new Set<number>();
  for (const c of wanted) {
    const p = index.get(c);
    if (p === undefined) {
      const close = ix.practiceCodes.filter((x) => x.slice(0, 3) === c.slice(0, 3)).slice(0, 5);
      throw new InputError(
        `unknown GP practice code "${c}" in ${source ?? 'the registrations table'}${close.length ? `; codes starting ${c.slice(0, 3)} include ${close.join(', ')}` : ''}`,
      );
    }
    want.add(p);
  }
  const practice_code: string[] = [];
  const lsoa11cd: string[] = [];
  const patients: number[] = [];
  for (let i = 0; i < ix.rowPractice.length; i++) {
    if (!want.has(ix.rowPractice[i]) || ix.rowLsoa[i] < 0) continue;
    practice_code.push(ix.practiceCodes[ix.rowPractice[i]]);
    lsoa11cd.push(ix.imdLsoa[ix.rowLsoa[i]]);
    patients.push(ix.patients[i]);
  }
  return aq.table({ practice_code, lsoa11cd, patients });
}

/** The practice's name from the registrations table (null when not present). */
export function practiceName(practice: string, options: PracticeRegistrationOptions = {}): string | null {
  const { table, source } = registrationsOf(options);
  const ix = indexRegistrations(table, source);
  const p = ix.practiceCodes.indexOf(practice.trim().toUpperCase());
  return p < 0 ? null : ix.practiceNames[p];
}
