/**
 * The healthgap geography: every English LSOA 2011 with its MSOA 2011, LAD 2019, UTLA 2019,
 * region, country, CCG 2020, STP 2020 and ICB 2023, built once per process from the bundled ONS
 * lookups and boundaries ({@link getGeography}). Every area at every level is a set of LSOAs, so
 * parents, children and "LSOAs in" work the same way at every level, including ICBs.
 *
 * Levels and vintages: LSOA/MSOA 2011, LAD 2019 and UTLA 2019 (the geography of IMD 2019 and the
 * ONS mid-2019 population estimates), regions (2011 codes, unchanged since), England, CCG and STP
 * April 2020 (ONS lookups), ICB April 2023 (derived: see ./icb.ts and docs/geography.md).
 */
import { UnknownAreaError, HealthgapError } from '../io/errors.js';
import { readLsoaGeography, readLaCodeHistory } from '../io/lookups.js';
import { deriveIcbs, type IcbDerivation } from './icb.js';
import { GEO_LEVELS, GEO_LEVEL_PRIORITY, GEO_LEVEL_RANK, GEO_LEVEL_LABELS, ENGLAND_CODE, isGeoLevel, type GeoLevel, type AreaRef } from './levels.js';
import { normalisePlaceName, placeNameAliases, containsWords, closeMatches } from './names.js';

/** Where a resolved area came from. */
export type AreaMatch = 'code' | 'name' | 'partial-name';

/** An area found by {@link Geography.resolveArea}. */
export interface ResolvedArea extends AreaRef {
  /** Every level at which this code names exactly the same set of LSOAs (e.g. `['lad', 'utla']` for Sandwell). */
  levels: GeoLevel[];
  /** How the query matched. */
  matchedBy: AreaMatch;
  /** Other areas that matched the query as well (other levels), best first. */
  alternatives: AreaRef[];
}

/** Several areas at the same level match a place name: the message lists them. */
export class AmbiguousAreaError extends HealthgapError {
  readonly query: string;
  readonly candidates: AreaRef[];
  constructor(query: string, candidates: AreaRef[]) {
    const list = candidates.slice(0, 8).map((c) => `${c.name} (${c.code}, ${c.level})`).join('; ');
    super(`"${query}" matches ${candidates.length} areas: ${list}${candidates.length > 8 ? '; …' : ''}. Give the code or more of the name`);
    this.name = 'AmbiguousAreaError';
    this.query = query;
    this.candidates = candidates;
  }
}

/** An area given as a code (the usual level for that code is used) or as an {@link AreaRef}. */
export type AreaInput = string | AreaRef;

interface LevelData {
  areas: AreaRef[];
  index: Map<string, number>;
  /** For each area, the indices of its LSOAs. */
  members: Int32Array[];
}

/** Inputs for building a geography (normally read from the bundled data). */
export interface GeographySources {
  lsoa: string[];
  lsoaName: string[];
  msoa: string[];
  msoaName: string[];
  lad: string[];
  ladName: string[];
  utla: string[];
  utlaName: string[];
  region: string[];
  regionName: string[];
  ccg: string[];
  ccgName: string[];
  stp: string[];
  stpName: string[];
  /** ICB code of each LSOA and the ICB names. */
  icb: string[];
  icbNames: Map<string, string>;
}

export class Geography {
  /** Number of LSOAs. */
  readonly size: number;
  /** How ICBs were derived (per-LAD method, overrides, cross-check). Null when built from given sources. */
  readonly icbDerivation: IcbDerivation | null;
  /** Milliseconds taken to build (reading files included). */
  buildMs = 0;
  private readonly levels = {} as Record<GeoLevel, LevelData>;
  /** For each level, each LSOA's area index at that level. */
  private readonly lsoaArea = {} as Record<GeoLevel, Int32Array>;
  private nameIndex: Map<string, AreaRef[]> | null = null;

  constructor(src: GeographySources, icbDerivation: IcbDerivation | null = null) {
    this.size = src.lsoa.length;
    this.icbDerivation = icbDerivation;
    const england = new Array<string>(this.size).fill(ENGLAND_CODE);
    const englandName = new Array<string>(this.size).fill('England');
    const icbName = src.icb.map((c) => src.icbNames.get(c) ?? c);
    const cols: Record<GeoLevel, [string[], string[]]> = {
      lsoa: [src.lsoa, src.lsoaName],
      msoa: [src.msoa, src.msoaName],
      lad: [src.lad, src.ladName],
      utla: [src.utla, src.utlaName],
      region: [src.region, src.regionName],
      country: [england, englandName],
      ccg: [src.ccg, src.ccgName],
      stp: [src.stp, src.stpName],
      icb: [src.icb, icbName],
    };
    for (const level of GEO_LEVELS) {
      const [codes, names] = cols[level];
      const areas: AreaRef[] = [];
      const index = new Map<string, number>();
      const of = new Int32Array(this.size);
      const counts: number[] = [];
      for (let i = 0; i < this.size; i++) {
        let k = index.get(codes[i]);
        if (k === undefined) {
          k = areas.length;
          index.set(codes[i], k);
          areas.push({ code: codes[i], name: names[i], level });
          counts.push(0);
        }
        of[i] = k;
        counts[k]++;
      }
      const members = counts.map((n) => new Int32Array(n));
      const fill = new Array<number>(counts.length).fill(0);
      for (let i = 0; i < this.size; i++) members[of[i]][fill[of[i]]++] = i;
      this.levels[level] = { areas, index, members };
      this.lsoaArea[level] = of;
    }
  }

  /** The levels at which a code exists (e.g. `['lad', 'utla']` for E08000028 Sandwell). */
  levelsOf(code: string): GeoLevel[] {
    const c = code.trim().toUpperCase();
    return GEO_LEVEL_PRIORITY.filter((l) => this.levels[l].index.has(c));
  }

  /** The area with this code (at `level`, or at its first level in {@link GEO_LEVEL_PRIORITY}); undefined if unknown. */
  area(code: string, level?: GeoLevel): AreaRef | undefined {
    const c = code.trim().toUpperCase();
    const lv = level ?? this.levelsOf(c)[0];
    if (!lv) return undefined;
    const k = this.levels[lv].index.get(c);
    return k === undefined ? undefined : this.levels[lv].areas[k];
  }

  private need(input: AreaInput, level?: GeoLevel): AreaRef {
    if (typeof input !== 'string') {
      const a = this.area(input.code, input.level);
      if (!a) throw new UnknownAreaError(`${input.code} (${input.level})`, []);
      return a;
    }
    const a = this.area(input, level);
    if (a) return a;
    if (level && this.levelsOf(input).length) {
      throw new UnknownAreaError(input, [], `${level} area (the code exists at level ${this.levelsOf(input).join(', ')})`);
    }
    throw new UnknownAreaError(input, this.suggest(input));
  }

  private members(a: AreaRef): Int32Array {
    return this.levels[a.level].members[this.levels[a.level].index.get(a.code)!];
  }

  /**
   * Every area at a level, in the order first met in the LSOA lookup (sorted by code).
   *
   * @example getGeography().areasAt('icb').length // 42
   */
  areasAt(level: GeoLevel): AreaRef[] {
    if (!isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${GEO_LEVELS.join(', ')}`);
    return [...this.levels[level].areas].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The name of an area from its code; an unknown code is an {@link UnknownAreaError}. */
  areaName(code: AreaInput, level?: GeoLevel): string {
    return this.need(code, level).name;
  }

  /**
   * LSOA 2011 codes inside an area at any level (sorted).
   *
   * @example getGeography().lsoasIn('E06000019').length // 116 (Herefordshire)
   */
  lsoasIn(code: AreaInput, level?: GeoLevel): string[] {
    const a = this.need(code, level);
    const lsoa = this.levels.lsoa.areas;
    return Array.from(this.members(a), (i) => lsoa[i].code).sort();
  }

  /**
   * The area at `level` that wholly contains an area, or null when it is not wholly inside one
   * (a CCG 2020 that crosses a LAD boundary, or asking for a smaller level).
   *
   * @example getGeography().parentOf('E08000028', 'icb')?.code // 'E54000062' (Sandwell → Black Country ICB)
   */
  parentOf(code: AreaInput, level: GeoLevel, fromLevel?: GeoLevel): AreaRef | null {
    const a = this.need(code, fromLevel);
    if (!isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${GEO_LEVELS.join(', ')}`);
    const m = this.members(a);
    const of = this.lsoaArea[level];
    const k = of[m[0]];
    for (let j = 1; j < m.length; j++) if (of[m[j]] !== k) return null;
    const p = this.levels[level].areas[k];
    return p.code === a.code && p.level === a.level ? null : p;
  }

  /**
   * Every area (at a higher level) that wholly contains this one, smallest first: e.g. for a LAD
   * its UTLA, ICB, region and England (and its CCG/STP 2020 when it lies wholly inside one).
   *
   * @example getGeography().ancestors('E08000028').map((a) => a.level) // ['utla', 'ccg', 'stp', 'icb', 'region', 'country']
   */
  ancestors(code: AreaInput, fromLevel?: GeoLevel): AreaRef[] {
    const a = this.need(code, fromLevel);
    const out: AreaRef[] = [];
    for (const level of GEO_LEVELS) {
      if (GEO_LEVEL_RANK[level] <= GEO_LEVEL_RANK[a.level]) continue;
      const p = this.parentOf(a, level);
      if (p) out.push(p);
    }
    return out;
  }

  /**
   * The areas at `level` inside an area: those wholly inside it, or with `partial: true` also
   * those that only overlap it. Sorted by code.
   *
   * @example getGeography().childrenOf('E10000034', 'lad').length // 6 (Worcestershire's districts)
   */
  childrenOf(code: AreaInput, level: GeoLevel, options: { partial?: boolean; fromLevel?: GeoLevel } = {}): AreaRef[] {
    const a = this.need(code, options.fromLevel);
    if (!isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${GEO_LEVELS.join(', ')}`);
    const of = this.lsoaArea[level];
    const inside = new Set<number>();
    for (const i of this.members(a)) inside.add(of[i]);
    const data = this.levels[level];
    const out: AreaRef[] = [];
    const mine = new Uint8Array(this.size);
    for (const i of this.members(a)) mine[i] = 1;
    for (const k of inside) {
      const child = data.areas[k];
      if (child.code === a.code && child.level === a.level) continue;
      if (!options.partial && !data.members[k].every((i) => mine[i] === 1)) continue;
      out.push(child);
    }
    return out.sort((x, y) => x.code.localeCompare(y.code));
  }

  /** The area at `level` containing LSOA `lsoa` (every LSOA has exactly one at each level). */
  lsoaParent(lsoa: string, level: GeoLevel): AreaRef {
    const k = this.levels.lsoa.index.get(lsoa.trim().toUpperCase());
    if (k === undefined) throw new UnknownAreaError(lsoa, this.suggest(lsoa), 'LSOA 2011');
    return this.levels[level].areas[this.lsoaArea[level][k]];
  }

  /** Same LSOA set? (used to report that a LAD and a UTLA with the same code are one area.) */
  private sameArea(a: AreaRef, b: AreaRef): boolean {
    const x = this.members(a);
    const y = this.members(b);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }

  private names(): Map<string, AreaRef[]> {
    if (this.nameIndex) return this.nameIndex;
    const idx = new Map<string, AreaRef[]>();
    for (const level of GEO_LEVEL_PRIORITY) {
      for (const a of this.levels[level].areas) {
        for (const alias of placeNameAliases(a.name)) {
          let list = idx.get(alias);
          if (!list) idx.set(alias, (list = []));
          list.push(a);
        }
      }
    }
    this.nameIndex = idx;
    return idx;
  }

  private finish(best: AreaRef, all: AreaRef[], matchedBy: AreaMatch): ResolvedArea {
    const levels = [best.level];
    const alternatives: AreaRef[] = [];
    for (const a of all) {
      if (a === best) continue;
      if (a.code === best.code && this.sameArea(a, best)) {
        if (!levels.includes(a.level)) levels.push(a.level);
      } else if (!alternatives.some((x) => x.code === a.code && x.level === a.level)) alternatives.push(a);
    }
    return { ...best, levels, matchedBy, alternatives };
  }

  /**
   * Find an area by GSS code or name, case-insensitively and forgivingly: `E08000028`,
   * `Sandwell`, `sandwell`, `Herefordshire, County of`, `herefordshire`, `Bristol`,
   * `Kingston upon Hull`, `Black Country` (an ICB). When a name or code exists at several levels
   * the first level in {@link GEO_LEVEL_PRIORITY} wins (LAD before UTLA before region, ICB
   * before STP before CCG), the level is reported, and the others are in `alternatives`; pass
   * `level` to choose. An unknown place is an {@link UnknownAreaError} listing close matches; a
   * partial name matching several areas at one level is an {@link AmbiguousAreaError}.
   *
   * @example getGeography().resolveArea('herefordshire') // { code: 'E06000019', name: 'Herefordshire, County of', level: 'lad', levels: ['lad', 'utla'], ... }
   */
  resolveArea(query: string, options: { level?: GeoLevel } = {}): ResolvedArea {
    const q = query.trim();
    if (!q) throw new UnknownAreaError(query, [], 'area (empty name)');
    const level = options.level;
    if (level !== undefined && !isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${GEO_LEVELS.join(', ')}`);
    const order = level ? [level] : GEO_LEVEL_PRIORITY;

    // by code
    const code = q.toUpperCase();
    if (/^[A-Z]\d{8}$/.test(code)) {
      const hits = order.map((l) => this.area(code, l)).filter((a): a is AreaRef => a !== undefined);
      if (hits.length) return this.finish(hits[0], hits, 'code');
      throw new UnknownAreaError(q, this.suggest(q, level), level ? `${level} code` : 'area code');
    }

    // by name (exact on a normalised alias)
    const norm = normalisePlaceName(q);
    const exact = (this.names().get(norm) ?? []).filter((a) => order.includes(a.level));
    if (exact.length) {
      const found = this.pick(q, exact, order, 'name');
      // "Hull" names NHS Hull CCG exactly; prefer the local authority covering the same LSOAs
      if (!level && (found.level === 'ccg' || found.level === 'stp')) {
        const la = this.partialMatches(norm, ['lad', 'utla']).find((a) => this.sameArea(a, found));
        if (la) return this.finish(la, [la, found, ...found.alternatives, ...this.partialMatches(norm, ['lad', 'utla'])], 'partial-name');
      }
      return found;
    }

    // by partial name: the query's words inside a name (not for LSOA/MSOA names)
    const partial = this.partialMatches(norm, level ? [level] : order.filter((l) => l !== 'lsoa' && l !== 'msoa'));
    if (partial.length) return this.pick(q, partial, order, 'partial-name');
    throw new UnknownAreaError(q, this.suggest(q, level));
  }

  /** Areas at `levels` whose name (any alias) contains the normalised query as whole words. */
  private partialMatches(norm: string, levels: readonly GeoLevel[]): AreaRef[] {
    const out: AreaRef[] = [];
    if (norm.length < 3) return out;
    for (const [alias, list] of this.names()) {
      if (!containsWords(alias, norm)) continue;
      for (const a of list) if (levels.includes(a.level) && !out.includes(a)) out.push(a);
    }
    return out;
  }

  private pick(query: string, hits: AreaRef[], order: readonly GeoLevel[], how: AreaMatch): ResolvedArea {
    const sorted = [...hits].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
    const top = sorted.filter((a) => a.level === sorted[0].level);
    const distinct = [...new Map(top.map((a) => [a.code, a])).values()];
    if (distinct.length > 1) throw new AmbiguousAreaError(query, distinct);
    return this.finish(sorted[0], sorted, how);
  }

  /**
   * Close matches for an unknown name or code, as "Name (CODE)" strings: nearest names by edit
   * distance (LSOA/MSOA names only when the query looks like one), or for a code, codes within
   * two edits.
   */
  suggest(query: string, level?: GeoLevel, limit = 5): string[] {
    const q = query.trim();
    const code = q.toUpperCase();
    const levels = level ? [level] : GEO_LEVEL_PRIORITY;
    if (/^[A-Z]\d{6,10}$/.test(code)) {
      const codes: string[] = [];
      for (const l of levels) for (const a of this.levels[l].areas) if (a.code.slice(0, 3) === code.slice(0, 3)) codes.push(a.code);
      return closeMatches(code.toLowerCase(), codes.map((c) => c.toLowerCase()), limit).map((c) => {
        const a = this.area(c.toUpperCase(), level)!;
        return `${a.name} (${a.code})`;
      });
    }
    const norm = normalisePlaceName(q);
    const small = /\d{3}[a-z]?$/.test(norm);
    const byAlias = new Map<string, AreaRef[]>();
    for (const [alias, list] of this.names()) {
      const keep = list.filter((a) => levels.includes(a.level) && (small || level || (a.level !== 'lsoa' && a.level !== 'msoa')));
      if (keep.length) byAlias.set(alias, keep);
    }
    const out: string[] = [];
    for (const alias of closeMatches(norm, [...byAlias.keys()], limit * 2)) {
      for (const a of byAlias.get(alias)!) {
        const s = `${a.name} (${a.code})`;
        if (!out.includes(s)) out.push(s);
      }
    }
    return out.slice(0, limit);
  }

  /** A short description of an area's level(s), e.g. "LAD 2019 and UTLA 2019". */
  static describeLevels(levels: readonly GeoLevel[]): string {
    return levels.map((l) => GEO_LEVEL_LABELS[l]).join(' and ');
  }
}

let cached: Geography | null = null;

/**
 * Build a {@link Geography} from the bundled lookups (LSOA 2011 geography lookup, code history)
 * and boundaries (ICB April 2023, LAD May 2024, sub-ICB April 2023, bundled LSOA 2011) once
 * per process; later calls return the same object.
 *
 * @example getGeography().size // 32844
 */
export function getGeography(): Geography {
  if (cached) return cached;
  const t0 = performance.now();
  const t = readLsoaGeography();
  const col = (name: string) => t.array(name) as string[];
  const lsoa = col('lsoa11_code');
  const lad = col('lad19_code');
  const ccg = col('ccg20_code');
  const history = readLaCodeHistory();
  const activeLad = new Map<string, string>();
  const hc = history.array('lad_code') as string[];
  const ha = history.array('lad_active_code') as string[];
  hc.forEach((c, i) => activeLad.set(c, ha[i]));
  const der = deriveIcbs({ lsoa, lsoaLad: lad, lsoaCcg: ccg, activeLad });
  const icb = lsoa.map((c, i) => der.lsoaOverrides.get(c) ?? der.lads.get(lad[i])!.icb);
  const g = new Geography(
    {
      lsoa,
      lsoaName: col('lsoa11_name'),
      msoa: col('msoa11_code'),
      msoaName: col('msoa11_name'),
      lad,
      ladName: col('lad19_name'),
      utla: col('utla19_code'),
      utlaName: col('utla19_name'),
      region: col('rgn11_code'),
      regionName: col('rgn11_name'),
      ccg,
      ccgName: col('ccg20_name'),
      stp: col('stp20_code'),
      stpName: col('stp20_name'),
      icb,
      icbNames: new Map(der.icbs.map((x) => [x.code, x.name])),
    },
    der,
  );
  g.buildMs = performance.now() - t0;
  cached = g;
  return g;
}
