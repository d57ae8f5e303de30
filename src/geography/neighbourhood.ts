/**
 * Neighbourhood areas: the small areas below a local authority that integrated neighbourhood teams
 * and Health and Wellbeing Boards ask about, with the same shape as any resolved area (code, name,
 * level) and their parents stated (the LADs, ICBs and PCNs they touch, and the main LA and ICB
 * they are compared with).
 *
 * Two kinds (the `basis`):
 * - **residents**: a set of LSOAs 2021, exactly: an electoral ward (2024, its LSOAs 2021 in the
 *   ONS best-fit lookup), the analyst's list of LSOAs (2011 or 2021; 2011 lists bridged through the
 *   ONS exact lookup, see {@link lsoaListNeighbourhood}), or the LSOAs whose centroid lies inside a
 *   GeoJSON polygon ({@link polygonNeighbourhood}).
 * - **registered patients**: a set of GP practices: a primary care network (NHS ODS ePCN, January
 *   2023) or the analyst's list of practices. Resident figures (Census 2021 ages, ethnic groups,
 *   IMD 2025) are then apportioned: each LSOA 2021 counts with weight = the practices' share of the
 *   patients registered there (`lsoaWeights`; see ./neighbourhoodLinks.ts).
 */
import { HealthgapError, InputError, UnknownAreaError } from '../core/errors.js';
import { readCsvRecords } from '../io/csv.js';
import { displayPath } from '../io/files.js';
import { readBoundaries, readGeoJson, pointInPolygon, type MultiPolygonGeometry, type PolygonGeometry } from '../io/geojson.js';
import { readLsoa11Lsoa21 } from '../io/lookups2021.js';
import { CENSUS2021_AGE_GROUPS, CENSUS2021_DENOMINATOR } from '../io/census2021.js';
import { cachedRead } from '../io/cache.js';
import { getGeography } from './vintages.js';
import { AmbiguousAreaError } from './resolve.js';
import { allPcns, pcnOfPractice, resolvePcn, type Pcn } from './pcn.js';
import { censusAgesByLsoa, type CensusPopulation } from './census.js';
import { patientsByLsoa2021 } from './neighbourhoodLinks.js';
import type { AreaRef } from './levels.js';

/** The kinds of neighbourhood area. */
export type NeighbourhoodLevel = 'pcn' | 'ward' | 'lsoa-list' | 'practice-list' | 'polygon';

/** An area a neighbourhood touches, with the share of its people there. */
export interface TouchedArea {
  code: string;
  name: string;
  /** Share (0-1) of the neighbourhood's residents (or registered patients) living in it. */
  share: number;
}

/** A neighbourhood area (see the module comment). */
export interface Neighbourhood {
  code: string;
  name: string;
  level: NeighbourhoodLevel;
  /** `residents` (a set of LSOAs 2021) or `registered patients` (a set of practices). */
  basis: 'residents' | 'registered patients';
  /** LSOAs 2021 of the area (residents), or where its registered patients live (practices), sorted. */
  lsoa21: string[];
  /**
   * Weight of each LSOA 2021 in resident figures: 1 for a residents area; for a practice area the
   * practices' share of the patients registered in that LSOA (0-1).
   */
  lsoaWeights: Map<string, number>;
  /** Member practices (PCN or practice list; empty for a residents area). */
  practices: { code: string; name: string }[];
  /** The local authority district (2024) and ICB (2024) it is compared with (where most of its people live; a PCN's own ICB). */
  parentLa: AreaRef | null;
  parentIcb: AreaRef | null;
  /** The LADs 2024, ICBs 2024 and PCNs it touches (at least 1% of its people), largest share first. */
  parents: { lads: TouchedArea[]; icbs: TouchedArea[]; pcns: TouchedArea[] };
  /** The geography vintage of `lsoa21`: always 2024 (LSOA 2021). */
  vintage: '2024';
  /** How the area was made (bridging, centroid rule, practices not found). */
  notes: string[];
}

/** Share below which a touched area is not listed among the parents. */
export const TOUCH_THRESHOLD = 0.01;

/**
 * Areas ranked by their share of a total: share = n / Σ n (Σ over every contribution, including
 * those with no area), kept when at least {@link TOUCH_THRESHOLD}, largest first, ties by code.
 */
function rankTouched(contributions: Iterable<{ area: { code: string; name: string } | null; n: number }>): TouchedArea[] {
  const acc = new Map<string, { code: string; name: string; n: number }>();
  let total = 0;
  for (const { area, n } of contributions) {
    total += n;
    if (!area) continue;
    const x = acc.get(area.code);
    if (x) x.n += n;
    else acc.set(area.code, { code: area.code, name: area.name, n });
  }
  return [...acc.values()]
    .map((x) => ({ code: x.code, name: x.name, share: total > 0 ? x.n / total : 0 }))
    .filter((x) => x.share >= TOUCH_THRESHOLD)
    .sort((a, b) => b.share - a.share || a.code.localeCompare(b.code));
}

function touched(weights: Map<string, number>, pop: (k: string) => number, level: 'lad' | 'icb'): TouchedArea[] {
  const g = getGeography('2024');
  return rankTouched([...weights].map(([k, w]) => ({ area: g.parentOf(k, level, 'lsoa') ?? null, n: w * pop(k) })));
}

/** PCNs whose practices have registered patients living in the LSOAs (share of those patients). */
function pcnsTouching(lsoas: readonly string[]): TouchedArea[] {
  const p = patientsByLsoa2021();
  const set = new Set(lsoas);
  const contributions: { area: Pcn | null; n: number }[] = [];
  for (const [practice, m] of p.byPractice) {
    let n = 0;
    for (const [k, v] of m) if (set.has(k)) n += v;
    if (n > 0) contributions.push({ area: pcnOfPractice(practice) ?? null, n });
  }
  return rankTouched(contributions);
}

const residents = (k: string) => censusAgesByLsoa().get(k)?.[0] ?? 0;

function ref(t: TouchedArea | undefined, level: 'lad' | 'icb'): AreaRef | null {
  return t ? { code: t.code, name: t.name, level } : null;
}

/** A residents area from its LSOAs 2021 (checked, sorted), with parents. */
function residentsArea(code: string, name: string, level: NeighbourhoodLevel, lsoas: readonly string[], notes: string[]): Neighbourhood {
  const lsoa21 = [...new Set(lsoas)].sort();
  if (lsoa21.length === 0) throw new HealthgapError(`${name}: no LSOA 2021 in the area`);
  const weights = new Map(lsoa21.map((k) => [k, 1]));
  const lads = touched(weights, residents, 'lad');
  const icbs = touched(weights, residents, 'icb');
  return {
    code,
    name,
    level,
    basis: 'residents',
    lsoa21,
    lsoaWeights: weights,
    practices: [],
    parentLa: ref(lads[0], 'lad'),
    parentIcb: ref(icbs[0], 'icb'),
    parents: { lads, icbs, pcns: pcnsTouching(lsoa21) },
    vintage: '2024',
    notes,
  };
}

/** A registered-patients area from its practices (codes checked against the registrations). */
function practicesArea(
  code: string,
  name: string,
  level: NeighbourhoodLevel,
  members: { code: string; name: string }[],
  icb: AreaRef | null,
  notes: string[],
): Neighbourhood {
  const p = patientsByLsoa2021();
  const counted = members.filter((m) => p.byPractice.has(m.code));
  const missing = members.filter((m) => !p.byPractice.has(m.code));
  if (counted.length === 0)
    throw new HealthgapError(
      `${name}: none of its ${members.length} practices (${members
        .slice(0, 5)
        .map((m) => m.code)
        .join(', ')}) is in the registrations by LSOA (January 2021)`,
    );
  if (missing.length)
    notes.push(
      `${missing.length} member practice${missing.length === 1 ? ' is' : 's are'} not in the January 2021 registrations by LSOA (opened, merged or recoded since) and ${missing.length === 1 ? 'is' : 'are'} not counted: ${missing.map((m) => m.code).join(', ')}.`,
    );
  const patients = new Map<string, number>();
  for (const m of counted) for (const [k, v] of p.byPractice.get(m.code)!) patients.set(k, (patients.get(k) ?? 0) + v);
  const weights = new Map<string, number>();
  for (const [k, v] of [...patients].sort((a, b) => (a[0] < b[0] ? -1 : 1))) weights.set(k, Math.min(1, v / (p.total.get(k) ?? v)));
  const pat = (k: string) => (patients.get(k) ?? 0) / (weights.get(k) || 1);
  const lads = touched(weights, pat, 'lad');
  const icbs = touched(weights, pat, 'icb');
  const own = pcnsOfPractices(counted.map((m) => m.code));
  return {
    code,
    name,
    level,
    basis: 'registered patients',
    lsoa21: [...weights.keys()],
    lsoaWeights: weights,
    practices: members.map((m) => ({ code: m.code, name: m.name || p.names.get(m.code) || m.code })),
    parentLa: ref(lads[0], 'lad'),
    parentIcb: icb ?? ref(icbs[0], 'icb'),
    parents: { lads, icbs, pcns: own },
    vintage: '2024',
    notes,
  };
}

function pcnsOfPractices(codes: readonly string[]): TouchedArea[] {
  const p = patientsByLsoa2021();
  const acc = new Map<string, { pcn: Pcn; n: number }>();
  let total = 0;
  for (const c of codes) {
    const n = p.english.get(c) ?? 0;
    total += n;
    const pcn = pcnOfPractice(c);
    if (!pcn) continue;
    const x = acc.get(pcn.code);
    if (x) x.n += n;
    else acc.set(pcn.code, { pcn, n });
  }
  return [...acc.values()]
    .map((x) => ({ code: x.pcn.code, name: x.pcn.name, share: total > 0 ? x.n / total : 0 }))
    .sort((a, b) => b.share - a.share || a.code.localeCompare(b.code));
}

/**
 * A primary care network by code (`U55153`) or name, from NHS ODS ePCN (January 2023): its member
 * practices, its ICB (through its sub-ICB location), and the LSOAs 2021 where its registered
 * patients live, each weighted by the PCN's share of the patients registered there.
 *
 * @example pcnNeighbourhood('U89141').practices.length // Stockton PCN's member practices
 */
export function pcnNeighbourhood(query: string): Neighbourhood {
  const pcn = resolvePcn(query);
  return practicesArea(
    pcn.code,
    titleCasePcn(pcn.name),
    'pcn',
    pcn.practices.map((p) => ({ code: p.code, name: p.name })),
    pcn.icb,
    [`Member practices from NHS ODS ePCN (January 2023); sub-ICB location ${pcn.sicbl?.name ?? pcn.sicblOdsCode}.`],
  );
}

/** "STOCKTON PCN" → "Stockton PCN" (ePCN names are in capitals). */
export function titleCasePcn(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/\b([a-z])/g, (m) => m.toUpperCase())
    .replace(/\b(Pcn|Nhs|Gp|Uk)\b/g, (m) => m.toUpperCase())
    .replace(/\b(And|Of|The|In|On|Upon)\b/g, (m, _x, i: number) => (i === 0 ? m : m.toLowerCase()));
}

/**
 * An electoral ward (2024) by code (`E05011272`) or name: its LSOAs 2021 from the ONS LSOA 2021 →
 * ward 2024 best-fit lookup. A name shared by wards of several authorities is an
 * `AmbiguousAreaError` listing them; add the authority after a comma (`"Soho and Victoria,
 * Sandwell"`) or give the code.
 *
 * @example wardNeighbourhood('E05001260').parentLa?.name // the ward's local authority
 */
export function wardNeighbourhood(query: string): Neighbourhood {
  const g = getGeography('2024');
  const q = query.trim();
  let ward: AreaRef;
  try {
    ward = g.resolveArea(q, { level: 'ward' });
  } catch (e) {
    const comma = q.lastIndexOf(',');
    if (e instanceof AmbiguousAreaError && comma < 0) {
      const list = e.candidates
        .slice(0, 8)
        .map((c) => `${c.name}, ${g.parentOf(c.code, 'lad', 'ward')?.name ?? '?'} (${c.code})`)
        .join('; ');
      throw new HealthgapError(
        `"${q}" names ${e.candidates.length} wards: ${list}${e.candidates.length > 8 ? '; …' : ''}. Give the code, or the ward and its local authority ("${q}, ${g.parentOf(e.candidates[0].code, 'lad', 'ward')?.name ?? 'Sandwell'}")`,
      );
    }
    if (!(e instanceof AmbiguousAreaError || e instanceof UnknownAreaError) || comma < 0) throw e;
    const la = g.resolveArea(q.slice(comma + 1).trim());
    const wards = g.childrenOf(la, 'ward', { partial: true });
    const name = q.slice(0, comma).trim().toLowerCase();
    const hit = wards.filter((w) => w.name.toLowerCase() === name);
    if (hit.length !== 1)
      throw new UnknownAreaError(
        q.slice(0, comma).trim(),
        wards.slice(0, 8).map((w) => `${w.name} (${w.code})`),
        `ward of ${la.name}`,
      );
    ward = hit[0];
  }
  return residentsArea(ward.code, ward.name, 'ward', g.lsoasIn(ward), ['Ward: electoral ward (May 2024), its LSOAs 2021 from the ONS best-fit lookup.']);
}

/** Where a list of LSOA codes came from (for one-line errors). */
export interface LsoaListSource {
  /** File name for messages. */
  file?: string;
  /** Column name for messages. */
  column?: string;
  /** File line (or 1-based row) of each code. */
  lines?: readonly number[];
}

/** Options of {@link lsoaListNeighbourhood}. */
export interface LsoaListOptions extends LsoaListSource {
  name: string;
  code?: string;
  /** `'2021'`, `'2011'` or `'auto'` (default: 2011 when any code is an LSOA 2011 that no longer exists in 2021, else 2021). */
  vintage?: '2011' | '2021' | 'auto';
}

interface LsoaSets {
  s2011: Set<string>;
  s2021: Set<string>;
  /** LSOA 2021 → its 2011 predecessors in the exact lookup. */
  back: Map<string, string[]>;
  /** LSOA 2011 → its 2021 successors. */
  fwd: Map<string, string[]>;
}

function lsoaSets(): LsoaSets {
  return cachedRead('neighbourhood:lsoa-sets', () => {
    const t = readLsoa11Lsoa21();
    const a = t.array('lsoa11_code') as string[];
    const b = t.array('lsoa21_code') as string[];
    const back = new Map<string, string[]>();
    const fwd = new Map<string, string[]>();
    for (let i = 0; i < a.length; i++) {
      (back.get(b[i]) ?? back.set(b[i], []).get(b[i])!).push(a[i]);
      (fwd.get(a[i]) ?? fwd.set(a[i], []).get(a[i])!).push(b[i]);
    }
    return { s2011: new Set(a), s2021: new Set(b), back, fwd };
  });
}

/**
 * The rule that carries a set of LSOAs 2011 to LSOAs 2021 through the ONS exact lookup: an LSOA
 * 2021 is included when at least half of its LSOA 2011 predecessors are in the set. Unchanged and
 * split LSOAs (one predecessor) follow their 2011 LSOA exactly; merged and redrawn ones follow the
 * majority (a tie includes).
 */
export const LSOA_BRIDGE_RULE =
  'LSOAs 2011 carried to LSOAs 2021 through the ONS exact lookup: an LSOA 2021 is included when at least half of its 2011 predecessors are (unchanged and split LSOAs follow their 2011 LSOA; merged and redrawn ones the majority, a tie included).';

/** Carry LSOAs 2011 to LSOAs 2021 by {@link LSOA_BRIDGE_RULE}; notes count the partial cases. */
export function bridgeLsoa2011Set(lsoa11: Iterable<string>): { lsoa21: string[]; notes: string[] } {
  const s = lsoaSets();
  const set = new Set(lsoa11);
  const candidates = new Set<string>();
  for (const l of set) for (const k of s.fwd.get(l) ?? []) candidates.add(k);
  const out: string[] = [];
  let partIn = 0;
  let partOut = 0;
  for (const k of candidates) {
    const preds = s.back.get(k)!;
    const inside = preds.filter((p) => set.has(p)).length;
    if (2 * inside >= preds.length) {
      out.push(k);
      if (inside < preds.length) partIn++;
    } else partOut++;
  }
  const notes = [LSOA_BRIDGE_RULE];
  if (partIn)
    notes.push(
      `${partIn} LSOA${partIn === 1 ? '' : 's'} 2021 included although some of ${partIn === 1 ? 'its' : 'their'} 2011 predecessors are not in the area.`,
    );
  if (partOut)
    notes.push(
      `${partOut} LSOA${partOut === 1 ? '' : 's'} 2021 left out: fewer than half of ${partOut === 1 ? 'its' : 'their'} 2011 predecessors are in the area.`,
    );
  return { lsoa21: out.sort(), notes };
}

/**
 * A neighbourhood from the analyst's list of LSOA codes, 2011 or 2021. Every code must be an
 * English LSOA of the vintage (an unknown code, a blank or a repeat is a one-line `InputError`
 * naming file, line and column). LSOA 2011 lists are carried to 2021 by {@link LSOA_BRIDGE_RULE},
 * the rule and its partial cases stated in `notes`. With `vintage: 'auto'` (default) the list is
 * read as 2011 when any code exists only in 2011, else as 2021 (most codes are the same in both).
 *
 * @example lsoaListNeighbourhood(['E01009935', 'E01009936'], { name: 'Two Sandwell LSOAs' }).lsoa21
 */
export function lsoaListNeighbourhood(codes: readonly string[], options: LsoaListOptions): Neighbourhood {
  const s = lsoaSets();
  const where = (i: number) => ({ file: options.file, row: options.lines?.[i] ?? i + 1, column: options.column });
  const clean = codes.map((c, i) => {
    const x = String(c ?? '')
      .trim()
      .toUpperCase();
    if (!x) throw new InputError('missing LSOA code (expected an English LSOA code such as E01009935)', where(i));
    return x;
  });
  if (clean.length === 0) throw new InputError('the LSOA list is empty', { file: options.file });
  let vintage = options.vintage ?? 'auto';
  if (vintage === 'auto') vintage = clean.some((c) => s.s2011.has(c) && !s.s2021.has(c)) ? '2011' : '2021';
  const known = vintage === '2011' ? s.s2011 : s.s2021;
  const first = new Map<string, number>();
  clean.forEach((c, i) => {
    if (!known.has(c)) {
      const other = vintage === '2011' ? s.s2021.has(c) : s.s2011.has(c);
      const why = /^W01/.test(c)
        ? `${c} is a Welsh LSOA; neighbourhoods are English`
        : other
          ? `${c} is an LSOA ${vintage === '2011' ? '2021' : '2011'} code in a list read as LSOA ${vintage} (a list is one vintage)`
          : `unknown LSOA code ${c} (not an English LSOA ${vintage})`;
      throw new InputError(why, where(i));
    }
    const f = first.get(c);
    if (f !== undefined) throw new InputError(`LSOA ${c} is listed twice (first at line ${where(f).row}); each LSOA must appear once`, where(i));
    first.set(c, i);
  });
  const name = options.name.trim();
  if (!name) throw new HealthgapError('a neighbourhood needs a name (--name)');
  const code = options.code ?? 'lsoa-list';
  if (vintage === '2021')
    return residentsArea(code, name, 'lsoa-list', clean, [`The analyst's list of ${clean.length} LSOAs 2021${options.file ? ` (${options.file})` : ''}.`]);
  const b = bridgeLsoa2011Set(clean);
  return residentsArea(code, name, 'lsoa-list', b.lsoa21, [
    `The analyst's list of ${clean.length} LSOAs 2011${options.file ? ` (${options.file})` : ''}, carried to ${b.lsoa21.length} LSOAs 2021.`,
    ...b.notes,
  ]);
}

/**
 * Read a list of LSOA codes from a CSV file: the column named like an LSOA code column
 * (`lsoa21cd`, `lsoa11cd`, `LSOA21CD`, `lsoa_code`, `lsoa`, …), or a file with one code per line
 * and no header. Returns the codes with their file lines and the column name, for one-line errors.
 *
 * @example readLsoaList('my-area.csv').codes.length
 */
export function readLsoaList(file: string): { codes: string[]; lines: number[]; column: string; file: string } {
  const r = readCsvRecords(file, { relaxColumnCount: true });
  const shown = displayPath(file);
  const looksLikeCode = (x: string) => /^[EW]01\d{6}$/i.test(x.trim());
  if (r.header.length >= 1 && looksLikeCode(r.header[0])) {
    return { codes: [r.header[0], ...r.rows.map((x) => x[0] ?? '')], lines: [1, ...r.lines], column: 'column 1 (no header)', file: shown };
  }
  const col = r.header.findIndex((h) => /^lsoa(_?(11|21|2011|2021))?_?(cd|code)?$/i.test(h.trim().replace(/\s+/g, '_')));
  if (col < 0) throw new InputError(`no LSOA code column (such as lsoa21cd or lsoa11cd); the header has: ${r.header.join(', ')}`, { file: shown, row: 1 });
  return { codes: r.rows.map((x) => x[col] ?? ''), lines: r.lines, column: r.header[col], file: shown };
}

/**
 * A neighbourhood made of the analyst's list of GP practices (ODS codes): their registered
 * patients, as a PCN's. Unknown codes are an `InputError`.
 *
 * @example practiceListNeighbourhood(['M88006', 'M88010'], { name: 'Two Sandwell practices' }).basis // 'registered patients'
 */
export function practiceListNeighbourhood(codes: readonly string[], options: { name: string; code?: string; file?: string }): Neighbourhood {
  const p = patientsByLsoa2021();
  const clean = codes.map((c) => String(c).trim().toUpperCase()).filter(Boolean);
  if (clean.length === 0) throw new InputError('the list of practices is empty', { file: options.file });
  clean.forEach((c, i) => {
    if (!p.byPractice.has(c))
      throw new InputError(`unknown GP practice code "${c}" (not in the January 2021 registrations by LSOA)`, { file: options.file, row: i + 1 });
    if (clean.indexOf(c) !== i) throw new InputError(`practice ${c} is listed twice`, { file: options.file, row: i + 1 });
  });
  const pcns = pcnsOfPractices(clean);
  const pcn = pcns.length ? resolvePcn(pcns[0].code) : null;
  return practicesArea(
    options.code ?? 'practice-list',
    options.name,
    'practice-list',
    clean.map((c) => ({ code: c, name: p.names.get(c) ?? c })),
    pcn?.icb ?? null,
    [`The analyst's list of ${clean.length} practices.`],
  );
}

/** Where the LSOA points for polygon neighbourhoods come from. */
export const LSOA_POINT_RULE =
  'An LSOA is inside a drawn polygon when its point lies inside: the LSOA 2011 centroid published with the ONS LSOA 2011 boundaries (LONG/LAT), bundled for the West Midlands combined authority, Herefordshire and Worcestershire only. These are the geometric centroids of the boundary file; population-weighted centroids are not bundled. LSOAs 2011 inside are then carried to LSOAs 2021 through the exact lookup.';

function lsoaPoints(): { code: string; point: [number, number] }[] {
  return cachedRead('neighbourhood:lsoa11-points', () =>
    readBoundaries('lsoa')
      .filter((f) => f.point)
      .map((f) => ({ code: f.code, point: f.point! })),
  );
}

/**
 * A neighbourhood drawn as a GeoJSON polygon (a FeatureCollection of Polygon/MultiPolygon features,
 * WGS84 longitude/latitude; all features together): the LSOAs whose centroid falls inside (see
 * {@link LSOA_POINT_RULE}), carried to 2021 by {@link LSOA_BRIDGE_RULE}. A polygon covering no LSOA
 * centroid is an `InputError` saying where points exist.
 *
 * @example polygonNeighbourhood('area.geojson', { name: 'Tipton and Rowley' }).lsoa21.length
 */
export function polygonNeighbourhood(file: string, options: { name: string; code?: string }): Neighbourhood {
  const fc = readGeoJson(file);
  const shown = displayPath(file);
  const shapes: (PolygonGeometry | MultiPolygonGeometry)[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g) return;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
      throw new InputError(`feature ${i + 1}: expected a Polygon or MultiPolygon, found ${g.type}`, { file: shown });
    shapes.push(g as PolygonGeometry | MultiPolygonGeometry);
  });
  if (shapes.length === 0) throw new InputError('no Polygon or MultiPolygon feature in the file', { file: shown });
  const inside = lsoaPoints()
    .filter((p) => shapes.some((s) => pointInPolygon(p.point, s)))
    .map((p) => p.code);
  if (inside.length === 0)
    throw new InputError(
      'the polygon covers no LSOA: no LSOA centroid lies inside it (centroids are bundled for the West Midlands combined authority, Herefordshire and Worcestershire; coordinates must be longitude, latitude in WGS84)',
      { file: shown },
    );
  const b = bridgeLsoa2011Set(inside);
  return residentsArea(options.code ?? 'polygon', options.name, 'polygon', b.lsoa21, [
    `Drawn polygon (${shown}): ${inside.length} LSOAs 2011 whose centroid lies inside, carried to ${b.lsoa21.length} LSOAs 2021.`,
    LSOA_POINT_RULE,
    ...b.notes,
  ]);
}

/**
 * The electoral wards (2024) of a local authority (LAD 2024 or UTLA 2023; by name or code),
 * sorted by name; wards that only partly fit the authority are left out.
 *
 * @example wardsOf('Sandwell').length // Sandwell's 24 wards
 */
export function wardsOf(la: string): AreaRef[] {
  const g = getGeography('2024');
  const a = g.resolveArea(la);
  if (a.level !== 'lad' && a.level !== 'utla') throw new HealthgapError(`--wards-of needs a local authority; ${a.name} (${a.code}) is a ${a.level}`);
  return g.childrenOf(a, 'ward').sort((x, y) => x.name.localeCompare(y.name, 'en-GB'));
}

/**
 * The PCNs of an ICB (through their sub-ICB location) or of a local authority (the PCNs whose
 * registered patients live mostly in it), sorted by name.
 *
 * @example pcnsOf('Black Country').length
 */
export function pcnsOf(place: string): Pcn[] {
  const g = getGeography('2024');
  const a = g.resolveArea(place);
  let out: Pcn[];
  if (a.level === 'icb') out = allPcns().filter((p) => p.icb?.code === a.code);
  else if (a.level === 'lad' || a.level === 'utla') {
    const lads = new Set(a.level === 'lad' ? [a.code] : g.childrenOf(a, 'lad').map((l) => l.code));
    const icbs = new Set(g.lsoasIn(a).map((l) => g.parentOf(l, 'icb', 'lsoa')?.code));
    out = allPcns().filter((p) => {
      if (!p.icb || !icbs.has(p.icb.code)) return false;
      try {
        const n = pcnNeighbourhood(p.code);
        return n.parentLa !== null && lads.has(n.parentLa.code);
      } catch {
        return false;
      }
    });
  } else throw new HealthgapError(`--pcns-of needs an ICB or a local authority; ${a.name} (${a.code}) is a ${a.level}`);
  return out.sort((x, y) => x.name.localeCompare(y.name, 'en-GB'));
}

/**
 * Census 2021 usual residents of a neighbourhood, all ages and in six age groups: Σ over its LSOAs
 * 2021 of weight × residents (weight 1 for a residents area; the practices' share of the patients
 * registered there for a PCN or practice list, so those figures are apportioned estimates).
 *
 * @example neighbourhoodCensusPopulation(wardNeighbourhood('E05001260')).all_ages
 */
export function neighbourhoodCensusPopulation(n: Neighbourhood): CensusPopulation {
  const m = censusAgesByLsoa();
  const sum = new Array<number>(1 + CENSUS2021_AGE_GROUPS.length).fill(0);
  for (const [k, w] of n.lsoaWeights) {
    const v = m.get(k);
    if (!v) throw new HealthgapError(`LSOA 2021 ${k} has no Census 2021 population`);
    for (let j = 0; j < v.length; j++) sum[j] += w * v[j];
  }
  return {
    code: n.code,
    name: n.name,
    all_ages: sum[0],
    ages: Object.fromEntries(CENSUS2021_AGE_GROUPS.map((k, j) => [k, sum[j + 1]])),
    lsoas: n.lsoa21.length,
    source:
      n.basis === 'residents'
        ? `${CENSUS2021_DENOMINATOR}, summed over LSOAs 2021`
        : `${CENSUS2021_DENOMINATOR}, apportioned to the practices by their share of the patients registered in each LSOA 2021 (an estimate)`,
  };
}

/** The kinds a neighbourhood is asked for by. */
export type NeighbourhoodQuery =
  | { pcn: string }
  | { ward: string }
  | { lsoas: readonly string[]; name: string; source?: LsoaListSource; vintage?: '2011' | '2021' | 'auto' }
  | { lsoaFile: string; name: string; vintage?: '2011' | '2021' | 'auto' }
  | { practices: readonly string[]; name: string }
  | { geojson: string; name: string };

/**
 * One entry point for every kind of neighbourhood.
 *
 * @example resolveNeighbourhood({ ward: 'E05001260' }).level // 'ward'
 * @example resolveNeighbourhood({ lsoaFile: 'my-area.csv', name: 'My area' }).basis // 'residents'
 */
export function resolveNeighbourhood(q: NeighbourhoodQuery): Neighbourhood {
  if ('pcn' in q) return pcnNeighbourhood(q.pcn);
  if ('ward' in q) return wardNeighbourhood(q.ward);
  if ('lsoaFile' in q) {
    const r = readLsoaList(q.lsoaFile);
    return lsoaListNeighbourhood(r.codes, { name: q.name, file: r.file, column: r.column, lines: r.lines, vintage: q.vintage });
  }
  if ('lsoas' in q) return lsoaListNeighbourhood(q.lsoas, { name: q.name, vintage: q.vintage, ...q.source });
  if ('practices' in q) return practiceListNeighbourhood(q.practices, { name: q.name });
  return polygonNeighbourhood(q.geojson, { name: q.name });
}
