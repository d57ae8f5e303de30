/**
 * Places across vintages: find a place by name or code in any vintage, say which vintage it was
 * found in, and map an area of one vintage onto the other with the relationship stated
 * (unchanged, recoded, merged into, split between), e.g. Allerdale (LAD 2019) → merged into
 * Cumberland (LAD 2023); a CCG (April 2020) → its successor sub-ICB location(s) (2024).
 *
 * Method: areas are sets of LSOAs. An area of one vintage is carried to the other through the ONS
 * LSOA 2011 → LSOA 2021 exact lookup (a 2011 LSOA that was split reaches all its 2021 parts; merged
 * ones reach the merged LSOA), then read at the corresponding level: LAD → LAD, UTLA → UTLA,
 * CCG → sub-ICB location, STP → ICB, sub-ICB → sub-ICB, ICB → ICB, MSOA → LAD. Local authority
 * codes older than 2019 (Bournemouth E06000028, Taunton Deane E07000190) go through the LA code
 * history (./codes.ts). LSOAs use the lookup's own change codes.
 */
import { UnknownAreaError } from '../core/errors.js';
import { readLsoa11Lsoa21, LSOA_CHANGE_CODES, type LsoaChangeCode } from '../io/lookups2021.js';
import { getGeography } from './vintages.js';
import { currentCode } from './codes.js';
import type { ResolvedArea } from './resolve.js';
import { CURRENT_VINTAGE, GEOGRAPHY_VINTAGES, VINTAGE_SHORT_LABELS, type AreaRef, type GeoLevel, type GeographyVintage } from './levels.js';

/** How an area of one vintage relates to the other vintage's areas. */
export type AreaRelationship = 'unchanged' | 'recoded' | 'merged into' | 'split between' | 'union of' | 'part of' | 'irregular';

/** One target of a {@link VintageMapping}. */
export interface VintageTarget extends AreaRef {
  /** Share of the source area's (target-vintage) LSOAs that lie in this target, 0-1. */
  share: number;
  /** Number of those LSOAs. */
  lsoas: number;
}

/** An area of one vintage mapped onto another. */
export interface VintageMapping {
  from: AreaRef & { vintage: GeographyVintage };
  toVintage: GeographyVintage;
  relationship: AreaRelationship;
  /** Target areas, largest share first. */
  to: VintageTarget[];
  /** One sentence for people, e.g. "Allerdale (E07000026, LAD 2019) merged into Cumberland (E06000063, LAD 2023)". */
  sentence: string;
  /** How it was mapped. */
  method: string;
}

/** The level an area of `level` is read at in the other vintage. */
const CORRESPONDING: Readonly<Record<GeoLevel, Readonly<Record<GeographyVintage, GeoLevel>>>> = {
  lsoa: { '2019': 'lsoa', '2024': 'lsoa' },
  msoa: { '2019': 'msoa', '2024': 'lad' },
  ward: { '2019': 'lad', '2024': 'ward' },
  lad: { '2019': 'lad', '2024': 'lad' },
  utla: { '2019': 'utla', '2024': 'utla' },
  ccg: { '2019': 'ccg', '2024': 'sicbl' },
  sicbl: { '2019': 'sicbl', '2024': 'sicbl' },
  stp: { '2019': 'stp', '2024': 'icb' },
  icb: { '2019': 'icb', '2024': 'icb' },
  nhser: { '2019': 'nhser', '2024': 'nhser' },
  region: { '2019': 'region', '2024': 'region' },
  country: { '2019': 'country', '2024': 'country' },
};

interface Bridge {
  forward: Map<string, { code: string; change: LsoaChangeCode }[]>;
  backward: Map<string, { code: string; change: LsoaChangeCode }[]>;
}
let bridge: Bridge | null = null;

/** The ONS LSOA 2011 ↔ 2021 exact lookup as two maps (built once). */
function lsoaBridge(): Bridge {
  if (bridge) return bridge;
  const t = readLsoa11Lsoa21();
  const a = t.array('lsoa11_code') as string[];
  const b = t.array('lsoa21_code') as string[];
  const c = t.array('change_code') as LsoaChangeCode[];
  const forward = new Map<string, { code: string; change: LsoaChangeCode }[]>();
  const backward = new Map<string, { code: string; change: LsoaChangeCode }[]>();
  for (let i = 0; i < a.length; i++) {
    let f = forward.get(a[i]);
    if (!f) forward.set(a[i], (f = []));
    f.push({ code: b[i], change: c[i] });
    let r = backward.get(b[i]);
    if (!r) backward.set(b[i], (r = []));
    r.push({ code: a[i], change: c[i] });
  }
  bridge = { forward, backward };
  return bridge;
}

/**
 * LSOA codes of the other vintage reached from LSOA codes of `from` through the exact lookup
 * (2011 → 2021 or 2021 → 2011), sorted and without repeats.
 *
 * @example bridgeLsoas(['E01000001'], '2019') // ['E01000001'] (unchanged)
 */
export function bridgeLsoas(lsoas: readonly string[], from: GeographyVintage): string[] {
  const b = lsoaBridge();
  const m = from === '2019' ? b.forward : b.backward;
  const out = new Set<string>();
  for (const l of lsoas) for (const x of m.get(l) ?? []) out.add(x.code);
  return [...out].sort();
}

function label(a: AreaRef, v: GeographyVintage): string {
  return `${a.name} (${a.code}, ${VINTAGE_SHORT_LABELS[v][a.level] ?? a.level})`;
}

function describe(from: AreaRef & { vintage: GeographyVintage }, toVintage: GeographyVintage, relationship: AreaRelationship, to: VintageTarget[]): string {
  const src = label(from, from.vintage);
  const list = (xs: VintageTarget[]) => xs.map((t) => `${label(t, toVintage)}${xs.length > 1 ? ` ${Math.round(t.share * 100)}%` : ''}`).join(', ');
  switch (relationship) {
    case 'unchanged':
      return `${src} is unchanged in the ${toVintage} geography`;
    case 'recoded':
      return `${src} is the same area as ${label(to[0], toVintage)}, under a new code`;
    case 'merged into':
      return `${src} ${from.vintage < toVintage ? 'merged into' : 'is part of'} ${label(to[0], toVintage)}`;
    case 'union of':
      return `${src} is the union of ${list(to)}`;
    case 'part of':
      return `${src} lies within ${label(to[0], toVintage)}`;
    case 'split between':
      return `${src} is split between ${list(to)}`;
    case 'irregular':
      return `${src} was redrawn (irregular change) and overlaps ${list(to)}`;
  }
}

/**
 * Map an area of one vintage onto the other (default: the current vintage), stating the
 * relationship. Shares are by count of LSOAs of the target vintage.
 *
 * @example mapAreaToVintage('E07000026', '2019').relationship // 'merged into' (Allerdale → Cumberland)
 * @example mapAreaToVintage('E07000244', '2024', '2019').to.map((t) => t.code) // East Suffolk → Suffolk Coastal, Waveney
 */
export function mapAreaToVintage(
  area: string | AreaRef,
  fromVintage: GeographyVintage,
  toVintage: GeographyVintage = fromVintage === '2019' ? '2024' : '2019',
): VintageMapping {
  const gFrom = getGeography(fromVintage);
  const gTo = getGeography(toVintage);
  const a = typeof area === 'string' ? gFrom.resolveArea(area) : gFrom.need(area);
  const from = { code: a.code, name: a.name, level: a.level, vintage: fromVintage };
  const level = CORRESPONDING[a.level][toVintage];
  const srcLsoas = gFrom.lsoasIn(a);
  const method =
    'LSOAs carried through the ONS LSOA 2011 → LSOA 2021 exact lookup, then read at the ' + (VINTAGE_SHORT_LABELS[toVintage][level] ?? level) + ' level';

  if (a.level === 'lsoa' && fromVintage !== toVintage) {
    const b = lsoaBridge();
    const hits = (fromVintage === '2019' ? b.forward : b.backward).get(a.code) ?? [];
    const change = hits[0]?.change ?? 'U';
    const to = hits.map((h) => ({ ...gTo.area(h.code, 'lsoa')!, share: 1 / hits.length, lsoas: 1 }));
    let relationship: AreaRelationship =
      change === 'U' ? 'unchanged' : change === 'X' ? 'irregular' : (change === 'S') === (fromVintage === '2019') ? 'split between' : 'merged into';
    if (relationship === 'unchanged' && to[0]?.code !== a.code) relationship = 'recoded';
    return {
      from,
      toVintage,
      relationship,
      to,
      sentence: `${describe(from, toVintage, relationship, to)} (ONS change code ${change}: ${LSOA_CHANGE_CODES[change]})`,
      method: 'ONS LSOA 2011 → LSOA 2021 exact lookup (change codes U/S/M/X)',
    };
  }

  const lsoas = fromVintage === toVintage ? srcLsoas : bridgeLsoas(srcLsoas, fromVintage);
  const counts = new Map<string, { ref: AreaRef; n: number }>();
  for (const l of lsoas) {
    const p = gTo.lsoaParent(l, level);
    const c = counts.get(p.code);
    if (c) c.n++;
    else counts.set(p.code, { ref: p, n: 1 });
  }
  const total = lsoas.length;
  const to: VintageTarget[] = [...counts.values()]
    .sort((x, y) => y.n - x.n || x.ref.code.localeCompare(y.ref.code))
    .map(({ ref, n }) => ({ ...ref, share: n / total, lsoas: n }));
  // a target is wholly covered when all its LSOAs, carried back, lie in the source area
  const src = new Set(srcLsoas);
  const whole = (t: AreaRef) => {
    const tl = gTo.lsoasIn(t);
    return (fromVintage === toVintage ? tl : bridgeLsoas(tl, toVintage)).every((x) => src.has(x));
  };
  let relationship: AreaRelationship;
  if (to.length > 1) relationship = to.every(whole) ? 'union of' : 'split between';
  else if (whole(to[0])) relationship = to[0].code === a.code ? 'unchanged' : 'recoded';
  else relationship = a.level === 'msoa' || a.level === 'ward' || a.level === 'lsoa' ? 'part of' : 'merged into';
  return { from, toVintage, relationship, to, sentence: describe(from, toVintage, relationship, to), method };
}

/** A place found by {@link findPlace}. */
export interface PlaceMatch {
  /** The area, in the vintage where it was found. */
  area: ResolvedArea;
  /** The vintage asked for. */
  requested: GeographyVintage;
  /** Where it was found (differs from `requested` for an old or a new code). */
  foundIn: GeographyVintage;
  /** When found in another vintage: how it maps onto the requested one. */
  mapping: VintageMapping | null;
}

/**
 * Find a place by name or code in any vintage (the requested one first, default current) and
 * say which; a place found only in the other vintage is mapped onto the requested one with the
 * relationship stated. A local authority code older than both vintages (Bournemouth E06000028)
 * is followed through the LA code history.
 *
 * @example findPlace('Allerdale').mapping?.sentence // 'Allerdale (E07000026, LAD 2019) merged into Cumberland (E06000063, LAD 2023)'
 * @example findPlace('Cumberland').foundIn // '2024'
 */
export function findPlace(query: string, options: { vintage?: GeographyVintage; level?: GeoLevel } = {}): PlaceMatch {
  const requested = options.vintage ?? CURRENT_VINTAGE;
  const order = [requested, ...GEOGRAPHY_VINTAGES.filter((v) => v !== requested)];
  let firstError: unknown = null;
  for (const v of order) {
    const g = getGeography(v);
    if (options.level && !g.hasLevel(options.level)) continue;
    try {
      const area = g.resolveArea(query, { level: options.level });
      return { area, requested, foundIn: v, mapping: v === requested ? null : mapAreaToVintage(area, v, requested) };
    } catch (e) {
      if (!(e instanceof UnknownAreaError)) throw e;
      firstError ??= e;
    }
  }
  // an older LA code: follow the code history to a current code
  const code = query.trim().toUpperCase();
  if (/^E0[6-9]\d{6}$|^E10\d{6}$/.test(code)) {
    const m = currentCode(code, { target: requested === '2019' ? '2019' : 'current' });
    if (m.change !== 'unmapped' && m.to.length) {
      const g = getGeography(requested);
      const level = m.level ?? 'lad';
      const first = g.area(m.to[0].code, level) ?? g.area(m.to[0].code);
      if (first) {
        const area = g.resolveArea(first.code, { level: first.level });
        const to = m.to.map((t) => ({ ...(g.area(t.code, first.level) ?? { code: t.code, name: t.name, level: first.level }), share: t.share, lsoas: 0 }));
        const relationship: AreaRelationship =
          m.change === 'split' ? 'split between' : m.change === 'merged' ? 'merged into' : m.change === 'recoded' ? 'recoded' : 'unchanged';
        const from = { code, name: m.name ?? code, level, vintage: requested };
        return {
          area,
          requested,
          foundIn: requested,
          mapping: {
            from,
            toVintage: requested,
            relationship,
            to,
            sentence: `${from.name} (${code}, a former local authority code) ${relationship === 'split between' ? 'is split between' : relationship === 'merged into' ? 'merged into' : relationship === 'recoded' ? 'is now' : 'is'} ${to.map((t) => `${t.name} (${t.code}${to.length > 1 ? `, ${Math.round(t.share * 100)}%` : ''})`).join(', ')}`,
            method: 'local authority code history (drkane/geo-lookups), by LSOA 2011',
          },
        };
      }
    }
  }
  throw firstError;
}

/** The LSOAs of a place in a vintage, from {@link lsoasForPlace}. */
export interface PlaceLsoas {
  /** The place as found (in `foundIn`). */
  area: ResolvedArea;
  foundIn: GeographyVintage;
  /** The vintage of `lsoas`. */
  vintage: GeographyVintage;
  /** LSOA codes of `vintage` (sorted). */
  lsoas: string[];
  /** True when the LSOAs are exactly the place (always, unless the place was carried from the other vintage and LSOAs cross its boundary). */
  exact: boolean;
  /** How the LSOAs were found when the place is of the other vintage; null otherwise. */
  note: string | null;
}

/**
 * The LSOAs of `vintage` that make up a place named or coded in any vintage: its own LSOAs when it
 * is an area of `vintage`; otherwise its LSOAs carried through the ONS LSOA 2011 → 2021 exact
 * lookup. That is exact when the place nests (every LSOA reached lies wholly inside it, as for
 * Cumbria county, a CCG or a 2019 district), and approximate otherwise (the note gives the number
 * of LSOAs that cross its boundary; they are included).
 *
 * @example lsoasForPlace('E10000006', '2024').exact // true (Cumbria county = Cumberland + Westmorland and Furness)
 */
export function lsoasForPlace(query: string | AreaRef, vintage: GeographyVintage): PlaceLsoas {
  if (typeof query !== 'string') {
    const g = getGeography(vintage);
    if (g.area(query.code, query.level))
      return { area: g.resolveArea(query.code, { level: query.level }), foundIn: vintage, vintage, lsoas: g.lsoasIn(query), exact: true, note: null };
    query = query.code;
  }
  const m = findPlace(query, { vintage });
  if (m.foundIn === vintage && !m.mapping)
    return { area: m.area, foundIn: vintage, vintage, lsoas: getGeography(vintage).lsoasIn(m.area), exact: true, note: null };
  if (m.foundIn === vintage && m.mapping) {
    // an older LA code followed through the code history to current areas
    const g = getGeography(vintage);
    const lsoas = [...new Set(m.mapping.to.flatMap((t) => (g.area(t.code, t.level) ? g.lsoasIn(t) : [])))].sort();
    return { area: m.area, foundIn: vintage, vintage, lsoas, exact: m.mapping.relationship !== 'split between', note: m.mapping.sentence + '.' };
  }
  const src = getGeography(m.foundIn).lsoasIn(m.area);
  const lsoas = bridgeLsoas(src, m.foundIn);
  const inside = new Set(src);
  const b = lsoaBridge();
  const back = vintage === '2024' ? b.backward : b.forward;
  const crossing = lsoas.filter((l) => (back.get(l) ?? []).some((x) => !inside.has(x.code))).length;
  const fromLabel = VINTAGE_SHORT_LABELS[m.foundIn].lsoa;
  const toLabel = VINTAGE_SHORT_LABELS[vintage].lsoa;
  const note =
    `${m.area.name} (${m.area.code}) is an area of the ${m.foundIn} geography: its ${src.length} ${fromLabel}s were carried to ${lsoas.length} ${toLabel}s through the ONS exact lookup` +
    (crossing === 0 ? ', which nest exactly in it.' : `; ${crossing} of them cross its boundary and are included, so figures are approximate.`);
  return { area: m.area, foundIn: m.foundIn, vintage, lsoas, exact: crossing === 0, note };
}
