/**
 * Core20: the most deprived 20% of England's population by the Index of Multiple Deprivation,
 * taken (as NHS England does) as the residents of LSOAs in national IMD deciles 1 and 2. Two IMD
 * vintages, chosen with `imd` (default 2025, stated in every result):
 * - IMD 2025 (MHCLG, October 2025) on LSOA 2021, with Census 2021 usual residents (all ages and
 *   0-15) as populations: the only LSOA 2021 populations by age bundled;
 * - IMD 2019 on LSOA 2011, with the IoD2019 File 6 denominators (ONS mid-2015 LSOA estimates,
 *   excluding prisoners), all ages and 0-15.
 * Every result says which in its `imd` and `denominator` fields. For a GP practice the population
 * is its registered patients (NHS Digital, January 2021) with an English LSOA 2011, so practice
 * figures are on IMD 2019 only until GP registrations by LSOA 2021 are added.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { HealthgapError, InputError } from '../core/errors.js';
import { readImd, readImdPopulation } from '../io/imd.js';
import { readImd2025 } from '../io/imd2025.js';
import { CENSUS2021_DENOMINATOR } from '../io/census2021.js';
import { getGeography } from '../geography/vintages.js';
import { censusAgesByLsoa } from '../geography/census.js';
import { lsoasForPlace } from '../geography/successors.js';
import type { AreaRef, GeoLevel, GeographyVintage } from '../geography/levels.js';
import { explainUnknownLsoa, practiceDeprivation, practiceName, practicePatientsByLsoa, type PracticeRegistrationOptions } from '../geography/practices.js';

/** National IMD deciles that make up Core20 (1 = most deprived 10% of LSOAs). */
export const CORE20_DECILES: readonly number[] = Object.freeze([1, 2]);

/** An IMD vintage: 2019 (LSOA 2011) or 2025 (LSOA 2021). */
export type ImdVintage = 2019 | 2025;

/** The IMD used when none is given: IMD 2025. */
export const DEFAULT_IMD: ImdVintage = 2025;

/** The population denominator used for residents on IMD 2019, stated in every output. */
export const CORE20_DENOMINATOR =
  'IoD2019 File 6 population denominators: ONS mid-2015 LSOA 2011 estimates excluding prisoners (MHCLG, 2019); children and young people = dependent children aged 0-15';

/** The population denominator used for residents on IMD 2025, stated in every output. */
export const CORE20_DENOMINATOR_2025 = `${CENSUS2021_DENOMINATOR} by LSOA 2021; children and young people = aged 0-15. IoD2025 File 6 denominators and mid-year LSOA 2021 estimates are not bundled`;

/** The denominator used for GP practices. */
export const CORE20_PRACTICE_DENOMINATOR =
  'patients registered at the practice with an English LSOA 2011 of residence (NHS Digital, Patients Registered at a GP Practice, January 2021 extract)';

/** Why practice Core20 shares are not available on IMD 2025 (stated wherever a practice is asked for on IMD 2025). */
export const PRACTICE_IMD2025_UNAVAILABLE =
  'Exact Core20 shares of a practice\'s registered patients on IMD 2025 need the patients\' LSOA 2021 of residence (NHS Digital "Patients Registered at a GP Practice" by LSOA 2021, published from 2024); the bundled registrations (January 2021, 2022) are by LSOA 2011. Practice figures are therefore on IMD 2019; an IMD 2025 estimate through the ONS LSOA 2011 → 2021 lookup, with the range it could take (patients in split LSOAs shared by Census 2021 residents), is given when a practice is asked for on IMD 2025.';

/** The geography vintage of an IMD vintage. */
export function imdGeography(imd: ImdVintage): GeographyVintage {
  return imd === 2025 ? '2024' : '2019';
}

/** Read an IMD vintage given by a user (`2019`, `2025`); anything else is an error. */
export function parseImdVintage(x: unknown): ImdVintage {
  const s = String(x).trim();
  if (s === '2019') return 2019;
  if (s === '2025') return 2025;
  throw new HealthgapError(`unknown IMD "${s}"; expected 2019 (LSOA 2011) or 2025 (LSOA 2021)`);
}

/** National IMD quintile of a decile: ⌈decile / 2⌉ (quintile 1 = deciles 1-2 = Core20). */
export function imdQuintileOfDecile(decile: number): number {
  return Math.ceil(decile / 2);
}

/** True when a national IMD decile is in Core20 (1 or 2). */
export function isCore20Decile(decile: number | null | undefined): boolean {
  return decile === 1 || decile === 2;
}

interface LsoaData {
  imd: ImdVintage;
  codes: string[];
  row: Map<string, number>;
  decile: Int32Array;
  rank: Int32Array;
  score: Float64Array;
  total: Float64Array;
  cyp: Float64Array;
}
const lsoaData = new Map<ImdVintage, LsoaData>();

/** IMD decile/rank/score and populations per LSOA for an IMD vintage, indexed once per process. */
function lsoas(imd: ImdVintage = 2019): LsoaData {
  const hit = lsoaData.get(imd);
  if (hit) return hit;
  const t = imd === 2025 ? readImd2025() : readImd();
  const codes = t.array(imd === 2025 ? 'lsoa21cd' : 'lsoa11cd') as string[];
  const row = new Map<string, number>();
  codes.forEach((c, i) => row.set(c, i));
  const total = new Float64Array(codes.length).fill(NaN);
  const cyp = new Float64Array(codes.length).fill(NaN);
  if (imd === 2025) {
    const census = censusAgesByLsoa();
    codes.forEach((c, i) => {
      const v = census.get(c);
      if (v) {
        total[i] = v[0];
        cyp[i] = v[1];
      }
    });
  } else {
    const pop = readImdPopulation();
    const pc = pop.array('lsoa11cd') as string[];
    const pt = pop.array('total_population') as (number | null)[];
    const py = pop.array('children_0_15') as (number | null)[];
    pc.forEach((c, j) => {
      const i = row.get(c);
      if (i === undefined) throw new HealthgapError(`IoD2019 File 6 has LSOA ${c}, which is not in the IMD 2019 table`);
      total[i] = pt[j] ?? NaN;
      cyp[i] = py[j] ?? NaN;
    });
  }
  const d: LsoaData = {
    imd,
    codes,
    row,
    decile: Int32Array.from(t.array('imd_decile') as number[]),
    rank: Int32Array.from(t.array('imd_rank') as number[]),
    score: Float64Array.from(t.array('imd_score') as (number | null)[], (v) => v ?? NaN),
    total,
    cyp,
  };
  lsoaData.set(imd, d);
  return d;
}

/**
 * The national IMD decile of each LSOA of an IMD vintage (LSOA 2011 codes for 2019, LSOA 2021 for
 * 2025), as a map; for callers that need the published deciles without a table.
 *
 * @example imdDecilesByLsoa(2025).get('E01000001') // 8
 */
export function imdDecilesByLsoa(imd: ImdVintage): Map<string, number> {
  const d = lsoas(imd);
  return new Map(d.codes.map((c, i) => [c, d.decile[i]]));
}

/** Row index of each code in the IMD table; unknown codes, blanks and (optionally) duplicates throw. */
function lsoaRows(
  codes: readonly (string | null | undefined)[],
  where: { source?: string; column?: string; allowDuplicates?: boolean; header?: boolean },
  imd: ImdVintage = 2019,
): Int32Array {
  const d = lsoas(imd);
  const label = imd === 2025 ? 'LSOA 2021' : 'LSOA 2011';
  const out = new Int32Array(codes.length);
  const first = new Map<number, number>();
  const at = (i: number) => (where.source && where.header !== false ? i + 2 : i + 1);
  for (let i = 0; i < codes.length; i++) {
    const raw = codes[i];
    if (raw === null || raw === undefined || String(raw).trim() === '') {
      throw new InputError(`missing LSOA code (expected an ${label} code such as E01011959)`, { file: where.source, row: at(i), column: where.column });
    }
    const c = String(raw).trim().toUpperCase();
    const k = d.row.get(c);
    if (k === undefined) {
      const why =
        imd === 2025 ? `unknown LSOA 2021 code ${c} (IMD 2025 ranks the 33,755 English LSOAs 2021; for LSOA 2011 codes use IMD 2019)` : explainUnknownLsoa(c);
      throw new InputError(why, { file: where.source, row: at(i), column: where.column });
    }
    if (!where.allowDuplicates) {
      const f = first.get(k);
      if (f !== undefined)
        throw new InputError(`duplicate LSOA ${c} (first at ${where.source ? 'line' : 'row'} ${at(f)}); each LSOA must appear once`, {
          file: where.source,
          row: at(i),
          column: where.column,
        });
      first.set(k, i);
    }
    out[i] = k;
  }
  return out;
}

/** Options for {@link flagCore20}. */
export interface FlagCore20Options {
  /** Column of LSOA codes (default `lsoa11cd` for IMD 2019, `lsoa21cd` for IMD 2025). */
  lsoa?: string;
  /**
   * IMD vintage: 2019 (LSOA 2011 codes) or 2025 (LSOA 2021 codes). Default: 2025 when the column
   * name says 2021 (`lsoa21cd`, `lsoa21_code`), 2019 when it says 2011 or is not given; the LSOA
   * codes decide, as each IMD ranks its own LSOA vintage.
   */
  imd?: ImdVintage;
  /** Reject repeated LSOA codes (default false: a table may hold one LSOA per year, sex, ...). */
  unique?: boolean;
  /** File the table was read from, for error messages (rows reported as file lines). */
  source?: string;
}

/**
 * Add the national IMD position of each row's LSOA to a table: `imd_rank` (1 = most deprived of
 * 32,844 LSOAs 2011 on IMD 2019, of 33,755 LSOAs 2021 on IMD 2025), `imd_decile` (published),
 * `imd_quintile` (= ⌈decile/2⌉) and `core20` (true for deciles 1-2). Returns a new table; the
 * input is not changed. Every code must be an LSOA of the chosen IMD: an unknown code (a typo, a
 * Welsh code, or an LSOA of the other vintage) is an InputError naming the row; nothing is dropped.
 *
 * Reference: MHCLG, English Indices of Deprivation 2019 (File 1) and 2025 (File 1); NHS England,
 * Core20PLUS5.
 *
 * @example flagCore20(aq.table({ lsoa11cd: ['E01009935'] })).get('core20', 0) // true (Sandwell 027B, IMD 2019 decile 1)
 * @example flagCore20(aq.table({ lsoa21cd: ['E01000001'] })).get('imd_decile', 0) // 8 (IMD 2025)
 */
export function flagCore20(table: ColumnTable, options: FlagCore20Options = {}): ColumnTable {
  const imd =
    options.imd ??
    (options.lsoa !== undefined && /21/.test(options.lsoa)
      ? 2025
      : options.lsoa === undefined && table.columnNames().includes('lsoa21cd') && !table.columnNames().includes('lsoa11cd')
        ? 2025
        : 2019);
  const col = options.lsoa ?? (imd === 2025 ? 'lsoa21cd' : 'lsoa11cd');
  const label = imd === 2025 ? 'LSOA 2021' : 'LSOA 2011';
  if (!table.columnNames().includes(col))
    throw new InputError(`missing column "${col}" of ${label} codes; the table has: ${table.columnNames().join(', ')}`, { file: options.source });
  const rows = lsoaRows(table.array(col) as string[], { source: options.source, column: col, allowDuplicates: !options.unique }, imd);
  const d = lsoas(imd);
  const dec = Array.from(rows, (k) => d.decile[k]);
  return table.assign({
    imd_rank: Array.from(rows, (k) => d.rank[k]),
    imd_decile: dec,
    imd_quintile: dec.map(imdQuintileOfDecile),
    core20: dec.map(isCore20Decile),
  });
}

/** One national IMD decile (or quintile) of an area's population. */
export interface DeprivationBand {
  /** Decile 1-10 or quintile 1-5 (1 = most deprived nationally). */
  band: number;
  lsoas: number;
  population: number;
  /** population / area population (0-1). */
  share: number | null;
  /** Children and young people 0-15 (null for GP practices: the registrations file is all ages). */
  cyp_population: number | null;
  cyp_share: number | null;
}

/** The Core20 population of a place. */
export interface Core20Population {
  area_code: string;
  area_name: string;
  /** Geography level, `lsoa-list` for the analyst's own LSOAs, `practice` for a GP practice. */
  level: GeoLevel | 'lsoa-list' | 'practice' | 'practice-list';
  /** The IMD the deciles come from (2019 on LSOA 2011, 2025 on LSOA 2021). */
  imd: ImdVintage;
  /** `residents` or `registered patients` (GP practice). */
  basis: 'residents' | 'registered patients';
  lsoas: number;
  core20_lsoas: number;
  population: number;
  core20_population: number;
  /** core20_population / population (0-1). */
  core20_share: number | null;
  cyp_population: number | null;
  cyp_core20_population: number | null;
  cyp_core20_share: number | null;
  deciles: DeprivationBand[];
  quintiles: DeprivationBand[];
  denominator: string;
  notes: string[];
}

/**
 * Where a place's Core20 figures come from: a place name or code in any vintage (LAD, UTLA, ICB,
 * sub-ICB, region, England, ward, CCG/STP 2020, MSOA: anything `findPlace` knows; an area of the
 * other vintage is carried through the LSOA lookup, exactly when it nests), a GP practice code
 * (`M88006`), or the analyst's own LSOA list (LSOA 2021 for IMD 2025, LSOA 2011 for IMD 2019).
 */
export type Core20Place =
  | string
  | { lsoas: readonly string[]; name?: string; code?: string; source?: string }
  | { practice: string }
  | { practices: readonly string[]; name?: string; code?: string }
  | readonly string[];

/** Options of {@link core20Population} and the functions built on it. */
export interface Core20Options extends PracticeRegistrationOptions {
  /** IMD vintage (default {@link DEFAULT_IMD}, 2025). A GP practice without an explicit `imd` is read on IMD 2019 (see {@link PRACTICE_IMD2025_UNAVAILABLE}). */
  imd?: ImdVintage;
}

const PRACTICE_CODE = /^[A-Z]\d{5}$/;

function bands(k: number, pop: Float64Array, cyp: Float64Array | null, lsoaCount: Int32Array): DeprivationBand[] {
  const tot = pop.reduce((a, b) => a + b, 0);
  const totCyp = cyp ? cyp.reduce((a, b) => a + b, 0) : 0;
  return Array.from({ length: k }, (_, j) => ({
    band: j + 1,
    lsoas: lsoaCount[j],
    population: pop[j],
    share: tot > 0 ? pop[j] / tot : null,
    cyp_population: cyp ? cyp[j] : null,
    cyp_share: cyp && totCyp > 0 ? cyp[j] / totCyp : null,
  }));
}

function denominatorOf(imd: ImdVintage): string {
  return imd === 2025 ? CORE20_DENOMINATOR_2025 : CORE20_DENOMINATOR;
}

function fromRows(
  rows: ArrayLike<number>,
  area: { code: string; name: string; level: Core20Population['level'] },
  imd: ImdVintage,
  notes: string[] = [],
): Core20Population {
  const d = lsoas(imd);
  const pop = new Float64Array(10);
  const cyp = new Float64Array(10);
  const count = new Int32Array(10);
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const k = rows[i];
    const j = d.decile[k] - 1;
    if (Number.isNaN(d.total[k]) || Number.isNaN(d.cyp[k])) {
      missing++;
      continue;
    }
    pop[j] += d.total[k];
    cyp[j] += d.cyp[k];
    count[j]++;
  }
  if (missing) throw new HealthgapError(`${missing} LSOAs of ${area.name} have no ${imd === 2025 ? 'Census 2021' : 'IoD2019 File 6'} population`);
  return assemble(area, imd, 'residents', pop, cyp, count, denominatorOf(imd), notes);
}

function assemble(
  area: { code: string; name: string; level: Core20Population['level'] },
  imd: ImdVintage,
  basis: Core20Population['basis'],
  pop: Float64Array,
  cyp: Float64Array | null,
  count: Int32Array,
  denominator: string,
  notes: string[],
): Core20Population {
  const q = (a: Float64Array) => Float64Array.from({ length: 5 }, (_, j) => a[2 * j] + a[2 * j + 1]);
  const qc = Int32Array.from({ length: 5 }, (_, j) => count[2 * j] + count[2 * j + 1]);
  const total = pop.reduce((a, b) => a + b, 0);
  const core = pop[0] + pop[1];
  const cypTotal = cyp ? cyp.reduce((a, b) => a + b, 0) : null;
  const cypCore = cyp ? cyp[0] + cyp[1] : null;
  return {
    area_code: area.code,
    area_name: area.name,
    level: area.level,
    imd,
    basis,
    lsoas: count.reduce((a, b) => a + b, 0),
    core20_lsoas: count[0] + count[1],
    population: total,
    core20_population: core,
    core20_share: total > 0 ? core / total : null,
    cyp_population: cypTotal,
    cyp_core20_population: cypCore,
    cyp_core20_share: cypTotal !== null && cypTotal > 0 ? cypCore! / cypTotal : null,
    deciles: bands(10, pop, cyp, count),
    quintiles: bands(5, q(pop), cyp ? q(cyp) : null, qc),
    denominator,
    notes,
  };
}

const areaCache = new Map<string, Core20Population>();

/**
 * The population living in Core20 (national IMD deciles 1-2) and its share, for all ages and for
 * children and young people 0-15, with the full distribution by national decile and quintile.
 *
 * share = Σ_{LSOAs in deciles 1-2} pop / Σ_{LSOAs in the place} pop, with pop the Census 2021
 * usual residents (IMD 2025, LSOA 2021; the default) or the IoD2019 File 6 mid-2015 population
 * excluding prisoners (IMD 2019, LSOA 2011). For a GP practice, pop = registered patients by LSOA
 * 2011 (January 2021; NO2011 and Welsh rows excluded and noted), IMD 2019 only, no CYP split.
 * No confidence interval: these are counts of a whole population, not a sample.
 *
 * Place: a name or code in any vintage (`'Sandwell'`, `'Cumberland'`, `'E54000062'`,
 * `'England'`), a practice (`'M88006'` or `{ practice: 'M88006' }`), a list of practices
 * (`['M91004', 'M91010']` or `{ practices: [...], name }`: their registered patients added up,
 * IMD 2019 as for one practice), or `{ lsoas: [...], name }`.
 *
 * Reference: NHS England, Core20PLUS5 (adults, 2021; children and young people, 2023); MHCLG
 * IoD2025 File 1 and IoD2019 Files 1 and 6; ONS Census 2021.
 *
 * @example core20Population('Sandwell').core20_share // IMD 2025, Census 2021
 * @example core20Population('Sandwell', { imd: 2019 }).core20_share // ≈ 0.60
 * @example core20Population({ practices: ['M91004', 'M91010'], name: 'Two Walsall practices' }).core20_share
 */
export function core20Population(place: Core20Place, options: Core20Options = {}): Core20Population {
  if (isPracticeList(place)) {
    const list = Array.isArray(place) ? (place as readonly string[]) : (place as { practices: readonly string[] }).practices;
    const named = Array.isArray(place) ? {} : (place as { name?: string; code?: string });
    if (options.imd === 2025)
      throw new HealthgapError(
        `GP practices on IMD 2025: not available exactly; use practiceCore20Imd2025 for the bridged estimate. ${PRACTICE_IMD2025_UNAVAILABLE}`,
      );
    return practicesCore20(list, options, named);
  }
  const practice =
    typeof place === 'string' && PRACTICE_CODE.test(place.trim().toUpperCase())
      ? place.trim().toUpperCase()
      : typeof place !== 'string' && 'practice' in place
        ? place.practice.trim().toUpperCase()
        : null;
  if (practice) {
    if (options.imd === 2025)
      throw new HealthgapError(
        `GP practice ${practice} on IMD 2025: not available exactly; use practiceCore20Imd2025 for the bridged estimate. ${PRACTICE_IMD2025_UNAVAILABLE}`,
      );
    return practiceCore20(practice, options);
  }
  const imd = options.imd ?? DEFAULT_IMD;
  if (imd !== 2019 && imd !== 2025) throw new HealthgapError(`unknown IMD ${String(imd)}; expected 2019 or 2025`);
  if (typeof place !== 'string' && 'lsoas' in place) {
    const rows = lsoaRows(place.lsoas, { source: place.source, column: imd === 2025 ? 'lsoa21cd' : 'lsoa11cd' }, imd);
    if (rows.length === 0) throw new HealthgapError('the LSOA list is empty');
    return fromRows(rows, { code: place.code ?? 'LSOA list', name: place.name ?? `${rows.length} LSOAs`, level: 'lsoa-list' }, imd);
  }
  return areaCore20(place as string | AreaRef, imd);
}

/** Core20 population of a place named in any vintage (cached per process). */
function areaCore20(place: string | AreaRef, imd: ImdVintage): Core20Population {
  const key = `${imd}:${typeof place === 'string' ? place.trim().toLowerCase() : `${place.level}:${place.code}`}`;
  const hit = areaCache.get(key);
  if (hit) return hit;
  const found = lsoasForPlace(place, imdGeography(imd));
  const d = lsoas(imd);
  const rows = Int32Array.from(found.lsoas, (c) => d.row.get(c) ?? -1);
  if (rows.some((r) => r < 0)) throw new HealthgapError(`some LSOAs of ${found.area.name} are not in IMD ${imd}`);
  const notes = found.note ? [found.note] : [];
  if (found.area.successor) notes.push(found.area.successor.note);
  const out = fromRows(rows, { code: found.area.code, name: found.area.name, level: found.area.level }, imd, notes);
  areaCache.set(key, out);
  return out;
}

function isPracticeList(place: Core20Place): place is readonly string[] | { practices: readonly string[]; name?: string; code?: string } {
  return Array.isArray(place) || (typeof place === 'object' && place !== null && 'practices' in place);
}

/** Core20 population of the registered patients of several practices (one row each, summed). */
function practicesCore20(list: readonly string[], options: PracticeRegistrationOptions, named: { name?: string; code?: string }): Core20Population {
  const codes = list.map((c) => String(c).trim().toUpperCase());
  if (codes.length === 0) throw new HealthgapError('the list of practices is empty');
  const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (repeated.length) throw new InputError(`practice ${repeated[0]} is listed more than once; each practice's patients must be counted once`);
  if (codes.length === 1) return practiceCore20(codes[0], options);
  for (const c of codes) practiceCore20(c, options); // unknown codes: the same error as for one practice
  const t = practiceDeprivation(options);
  const all = t.array('practice_code') as string[];
  const pop = new Float64Array(10);
  let noLsoa = 0;
  let wales = 0;
  for (const c of codes) {
    const r = t.object(all.indexOf(c)) as Record<string, number>;
    for (let j = 0; j < 10; j++) pop[j] += r[`imd_d${j + 1}`];
    noLsoa += r.patients_no_lsoa;
    wales += r.patients_wales;
  }
  // distinct LSOAs where at least one patient of the practices lives, by national decile
  const count = new Int32Array(10);
  const d = lsoas(2019);
  for (const l of new Set(practicePatientsByLsoa(codes, options).array('lsoa11cd') as string[])) count[d.decile[d.row.get(l)!] - 1]++;
  const notes = [`${codes.length} practices (${codes.join(', ')}): their registered patients added up.`];
  if (noLsoa > 0) notes.push(`${noLsoa.toLocaleString('en-GB')} registered patients have no LSOA recorded (NO2011) and are not counted.`);
  if (wales > 0) notes.push(`${wales.toLocaleString('en-GB')} registered patients live in Wales (outside IMD 2019 for England) and are not counted.`);
  notes.push('Registered patients are all ages (persons): no children and young people split is available from this file.');
  notes.push(`On IMD 2019, not IMD 2025: ${PRACTICE_IMD2025_UNAVAILABLE}`);
  return assemble(
    { code: named.code ?? codes.join('+'), name: named.name ?? `${codes.length} practices`, level: 'practice-list' },
    2019,
    'registered patients',
    pop,
    null,
    count,
    CORE20_PRACTICE_DENOMINATOR,
    notes,
  );
}

function practiceCore20(code: string, options: PracticeRegistrationOptions): Core20Population {
  const t = practiceDeprivation(options);
  const codes = t.array('practice_code') as string[];
  const i = codes.indexOf(code);
  if (i < 0) {
    const close = codes.filter((c) => c.slice(0, 3) === code.slice(0, 3)).slice(0, 5);
    throw new InputError(
      `unknown GP practice code "${code}" (not in the registrations by LSOA file)${close.length ? `; codes starting ${code.slice(0, 3)} include ${close.join(', ')}` : ''}`,
    );
  }
  const r = t.object(i) as Record<string, number>;
  const pop = Float64Array.from({ length: 10 }, (_, j) => r[`imd_d${j + 1}`]);
  // LSOAs with at least one registered patient, by national decile
  const count = new Int32Array(10);
  const d = lsoas(2019);
  for (const l of practicePatientsByLsoa(code, options).array('lsoa11cd') as string[]) count[d.decile[d.row.get(l)!] - 1]++;
  const notes: string[] = [];
  if (r.patients_no_lsoa > 0)
    notes.push(`${r.patients_no_lsoa.toLocaleString('en-GB')} registered patients have no LSOA recorded (NO2011) and are not counted.`);
  if (r.patients_wales > 0)
    notes.push(`${r.patients_wales.toLocaleString('en-GB')} registered patients live in Wales (outside IMD 2019 for England) and are not counted.`);
  notes.push('Registered patients are all ages (persons): no children and young people split is available from this file.');
  notes.push(`On IMD 2019, not IMD 2025: ${PRACTICE_IMD2025_UNAVAILABLE}`);
  return assemble(
    { code, name: practiceName(code, options) ?? code, level: 'practice' },
    2019,
    'registered patients',
    pop,
    null,
    count,
    CORE20_PRACTICE_DENOMINATOR,
    notes,
  );
}

/**
 * Core20 population and share for every area at a level (default `lad`) of the IMD's geography
 * (2024 for IMD 2025: LAD 2023, ICB 2024, …; 2019 for IMD 2019): one row per area with
 * `area_code`, `area_name`, `lsoas`, `core20_lsoas`, `population`, `core20_population`,
 * `core20_share`, `cyp_population`, `cyp_core20_population`, `cyp_core20_share`, `imd`.
 *
 * @example core20ByArea('icb').orderby(aq.desc('core20_share')).get('area_name', 0)
 */
export function core20ByArea(level: GeoLevel = 'lad', options: { imd?: ImdVintage } = {}): ColumnTable {
  const imd = options.imd ?? DEFAULT_IMD;
  const g = getGeography(imdGeography(imd));
  const rows = g.areasAt(level).map((a) => {
    const p = areaCore20(a, imd);
    return {
      area_code: a.code,
      area_name: a.name,
      lsoas: p.lsoas,
      core20_lsoas: p.core20_lsoas,
      population: p.population,
      core20_population: p.core20_population,
      core20_share: p.core20_share,
      cyp_population: p.cyp_population,
      cyp_core20_population: p.cyp_core20_population,
      cyp_core20_share: p.cyp_core20_share,
      imd,
    };
  });
  return aq.from(rows);
}

/**
 * The distribution of a {@link Core20Population} by national IMD decile (or quintile) as a table:
 * `band`, `lsoas`, `population`, `share`, `cyp_population`, `cyp_share`, plus `core20` (true for
 * deciles 1-2 / quintile 1).
 *
 * @example core20BandTable(core20Population('Walsall'), 'decile')
 */
export function core20BandTable(p: Core20Population, by: 'decile' | 'quintile' = 'decile'): ColumnTable {
  const b = by === 'decile' ? p.deciles : p.quintiles;
  return aq.from(
    b.map((x) => ({
      [by]: x.band,
      lsoas: x.lsoas,
      population: x.population,
      share: x.share,
      cyp_population: x.cyp_population,
      cyp_share: x.cyp_share,
      core20: by === 'decile' ? x.band <= 2 : x.band === 1,
    })),
  );
}

/** Options for {@link localDeciles}. */
export interface LocalDecileOptions {
  /** Number of local groups (default 10; 5 for local quintiles). */
  groups?: number;
  /** IMD vintage (default 2025). */
  imd?: ImdVintage;
}

/**
 * Local deprivation deciles within an area: the area's LSOAs ranked by their national IMD rank
 * (1 = most deprived) and split into `groups` groups of (as near as possible) equal numbers of
 * LSOAs: the LSOA at position i (1 = most deprived of N) is in local group ⌈groups · i / N⌉.
 * Group sizes differ by at most one LSOA. This is the method of OHID's local deprivation deciles
 * (e.g. Fingertips "deprivation deciles within the local authority" for life expectancy): equal
 * LSOA counts, not equal populations. Columns: `lsoa11cd` (IMD 2019) or `lsoa21cd` (IMD 2025),
 * `imd_rank`, `imd_decile` (national), `local_decile` (1 = most deprived locally), `population`,
 * `cyp_population` (File 6 mid-2015 for IMD 2019, Census 2021 for IMD 2025).
 *
 * Needs at least `groups` LSOAs. Ties cannot occur (national ranks are unique).
 *
 * @example localDeciles('Herefordshire', { imd: 2019 }).filter((d) => d.local_decile === 1).numRows() // 12 of 116
 */
export function localDeciles(place: string | { lsoas: readonly string[]; source?: string }, options: LocalDecileOptions = {}): ColumnTable {
  const k = options.groups ?? 10;
  const imd = options.imd ?? DEFAULT_IMD;
  if (!Number.isInteger(k) || k < 2) throw new HealthgapError(`localDeciles: groups must be a whole number of 2 or more, found ${k}`);
  const d = lsoas(imd);
  let rows: Int32Array;
  if (typeof place === 'string') rows = Int32Array.from(lsoasForPlace(place, imdGeography(imd)).lsoas, (c) => d.row.get(c)!);
  else rows = lsoaRows(place.lsoas, { source: place.source, column: imd === 2025 ? 'lsoa21cd' : 'lsoa11cd' }, imd);
  const n = rows.length;
  if (n < k) throw new HealthgapError(`localDeciles: ${n} LSOAs cannot be split into ${k} groups`);
  const sorted = Array.from(rows).sort((a, b) => d.rank[a] - d.rank[b]);
  return aq.table({
    [imd === 2025 ? 'lsoa21cd' : 'lsoa11cd']: sorted.map((r) => d.codes[r]),
    imd_rank: sorted.map((r) => d.rank[r]),
    imd_decile: sorted.map((r) => d.decile[r]),
    local_decile: sorted.map((_, i) => Math.ceil((k * (i + 1)) / n)),
    population: sorted.map((r) => d.total[r]),
    cyp_population: sorted.map((r) => d.cyp[r]),
  });
}

/** The region containing a place in its IMD's geography (null for England, regions, practices, LSOA lists and places across regions). */
export function regionOf(p: Core20Population): { code: string; name: string } | null {
  if (p.level === 'lsoa-list' || p.level === 'practice' || p.level === 'practice-list' || p.level === 'region' || p.level === 'country') return null;
  const g = getGeography(imdGeography(p.imd));
  const ref = { code: p.area_code, name: p.area_name, level: p.level };
  let r: AreaRef | null = null;
  if (g.area(ref.code, ref.level)) r = g.parentOf(ref, 'region');
  else {
    const lsoas = lsoasForPlace(ref, imdGeography(p.imd)).lsoas;
    const regions = new Set(lsoas.map((l) => g.lsoaParent(l, 'region').code));
    if (regions.size === 1) r = g.area([...regions][0], 'region') ?? null;
  }
  return r ? { code: r.code, name: r.name } : null;
}
