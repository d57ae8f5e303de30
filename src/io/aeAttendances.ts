/**
 * NHS England monthly A&E attendances and emergency admissions by provider, April 2016 – March
 * 2019 (the NHSRdatasets `ae_attendances` table, bundled as `data/spc/ae_attendances.csv.gz`;
 * see data/SOURCES.md). One row per month, organisation and A&E type:
 * - `period`: first day of the month (`YYYY-MM-DD`);
 * - `org_code`: ODS code of the provider (trusts such as `RXK` Sandwell and West Birmingham, and
 *   independent sector or community providers of type 3 units);
 * - `type`: `1` (major emergency departments), `2` (single-specialty units), `other` (type 3 and
 *   4: urgent treatment centres, minor injury units, walk-in centres);
 * - `attendances`, `breaches` (attendances over 4 hours from arrival to admission, transfer or
 *   discharge), `admissions` (emergency admissions via A&E).
 *
 * Quirks worth knowing: a trust appears only in the months and types it reported; mergers change
 * what a code covers (University Hospitals Birmingham `RRK` includes the former Heart of England
 * sites, `RR1`, from July 2018, so its attendances triple); months with no attendances of a type
 * are absent, not zero.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { cachedRead } from './cache.js';
import { readTypedCsv } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';

/** The A&E types in the data. */
export type AeType = '1' | '2' | 'other';

/**
 * Read the A&E attendances table (the bundled file, or `file` with the same columns).
 * @example readAeAttendances().filter((d) => d.org_code === 'RXK').numRows() // 108 (36 months × 3 types)
 */
export function readAeAttendances(file?: string): ColumnTable {
  const path = file ?? dataPath('spc/ae_attendances.csv');
  const read = () =>
    readTypedCsv(path, [
      { name: 'period', type: 'string', allowMissing: false },
      { name: 'org_code', type: 'string', allowMissing: false },
      { name: 'type', type: 'string', allowMissing: false },
      { name: 'attendances', type: 'count', allowMissing: false },
      { name: 'breaches', type: 'count', allowMissing: false },
      { name: 'admissions', type: 'count', allowMissing: false },
    ]);
  return file ? read() : cachedRead('ae-attendances', read);
}

/** Options of {@link aeFourHourPerformance}. */
export interface AeFourHourOptions {
  /** ODS codes of the providers to keep (default all). */
  orgs?: readonly string[];
  /** A&E type: `1` (major departments), `2`, `other`, or `all` (default: the sum of every type, NHS England's headline). */
  type?: AeType | 'all';
  /** The table to use (default {@link readAeAttendances}). */
  table?: ColumnTable;
}

/**
 * Monthly 4-hour performance per provider: the share of attendances admitted, transferred or
 * discharged within 4 hours, `performance = 1 − breaches / attendances`, summing attendances and
 * breaches over the chosen A&E types first. Columns: `org_code`, `period`, `attendances`,
 * `breaches`, `performance`; sorted by provider then month. The national standard is 95%.
 * @example aeFourHourPerformance({ orgs: ['RXK'], type: '1' }).get('performance', 0) // 1 − breaches/attendances in April 2016
 */
export function aeFourHourPerformance(options: AeFourHourOptions = {}): ColumnTable {
  const type = options.type ?? 'all';
  if (!['1', '2', 'other', 'all'].includes(type)) throw new InputError(`A&E type must be 1, 2, other or all (found "${type}")`);
  const src = options.table ?? readAeAttendances();
  const orgs = options.orgs ? new Set(options.orgs.map((o) => o.trim().toUpperCase())) : null;
  const org = src.array('org_code') as string[];
  const ty = src.array('type') as string[];
  const per = src.array('period') as string[];
  const att = src.array('attendances') as number[];
  const br = src.array('breaches') as number[];
  const sums = new Map<string, { org_code: string; period: string; attendances: number; breaches: number }>();
  for (let i = 0; i < org.length; i++) {
    if (orgs && !orgs.has(org[i])) continue;
    if (type !== 'all' && ty[i] !== type) continue;
    const key = `${org[i]}|${per[i]}`;
    const s = sums.get(key) ?? { org_code: org[i], period: per[i], attendances: 0, breaches: 0 };
    s.attendances += att[i];
    s.breaches += br[i];
    sums.set(key, s);
  }
  if (orgs) {
    const found = new Set([...sums.values()].map((s) => s.org_code));
    const missing = [...orgs].filter((o) => !found.has(o));
    if (missing.length)
      throw new InputError(`no A&E rows${type === 'all' ? '' : ` of type ${type}`} for ${missing.join(', ')} (codes are NHS trust ODS codes such as RXK)`);
  }
  const rows = [...sums.values()]
    .filter((s) => s.attendances > 0)
    .sort((a, b) => (a.org_code < b.org_code ? -1 : a.org_code > b.org_code ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return aq.from(rows.map((s) => ({ ...s, performance: 1 - s.breaches / s.attendances })));
}
