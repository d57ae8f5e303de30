/**
 * The healthgap geography: a partition of England into LSOAs with every other level of a vintage
 * given per LSOA, so parents, children and "LSOAs in" work the same way at every level. Two
 * vintages (see ./levels.ts and docs/geography.md), built once per process by ./vintages.ts
 * ({@link getGeography}):
 * - `'2024'`, current: LSOA 2021, ward 2024, LAD 2023/2024, UTLA 2023, region, sub-ICB location
 *   and ICB April 2024, NHS England region;
 * - `'2019'`: LSOA/MSOA 2011, LAD 2019, UTLA 2019, region, CCG April 2020, STP 2020, sub-ICB
 *   location and ICB July 2022, NHS England region; plus the authorities created since 2019 as
 *   exact unions of their predecessor districts ("successor areas").
 *
 * Place-name search (resolveArea, suggest, the name index) is in ./resolve.ts.
 */
import { UnknownAreaError, HealthgapError } from '../core/errors.js';
import type { IcbDerivation } from './icb.js';
import {
  GEO_LEVEL_PRIORITY,
  GEO_LEVEL_RANK,
  ENGLAND_CODE,
  isGeoLevel,
  levelLabel,
  VINTAGE_LEVELS,
  type GeoLevel,
  type AreaRef,
  type GeographyVintage,
  type SuccessorArea,
} from './levels.js';
import { PlaceNameIndex, type ResolvedArea, type ResolveOptions } from './resolve.js';

export { AmbiguousAreaError, type ResolvedArea, type AreaMatch, type ResolveOptions } from './resolve.js';

/** An area given as a code (the usual level for that code is used) or as an {@link AreaRef}. */
export type AreaInput = string | AreaRef;

interface LevelData {
  areas: AreaRef[];
  index: Map<string, number>;
  /** For each area, the indices of its LSOAs. */
  members: Int32Array[];
}

export type { SuccessorArea } from './levels.js';

/** Inputs for the 2019 vintage in the shape used before vintages existed (kept for callers). */
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

/** Inputs for a geography: the vintage, and for each of its levels the code and name of every LSOA's area. */
export interface GeographyColumns {
  vintage: GeographyVintage;
  /** Codes and names per LSOA, for `lsoa` and every other level of the vintage (country is added when absent). */
  levels: Partial<Record<GeoLevel, { codes: string[]; names: string[] }>>;
  /** Successor areas (unions of whole areas), added to look-ups but not to {@link Geography.areasAt}. */
  successors?: SuccessorArea[];
}

function isSources(x: GeographySources | GeographyColumns): x is GeographySources {
  return Array.isArray((x as GeographySources).lsoa);
}

export class Geography {
  /** Number of LSOAs. */
  readonly size: number;
  /** The vintage of this geography (`'2024'` current, `'2019'`). */
  readonly vintage: GeographyVintage;
  /** The levels this vintage has, smallest first. */
  readonly levelNames: readonly GeoLevel[];
  /** Kept for callers of the former ICB derivation: always null now that ICBs come from the official ONS lookups. */
  readonly icbDerivation: IcbDerivation | null;
  /** Milliseconds taken to build (reading files included). */
  buildMs = 0;
  private readonly levels = {} as Record<GeoLevel, LevelData>;
  /** For each level, each LSOA's area index at that level. */
  private readonly lsoaArea = {} as Record<GeoLevel, Int32Array>;
  private readonly successorByCode = new Map<string, { info: SuccessorArea; members: Int32Array }>();
  private nameIndex: PlaceNameIndex | null = null;

  constructor(src: GeographySources | GeographyColumns, icbDerivation: IcbDerivation | null = null) {
    const cols: GeographyColumns = isSources(src)
      ? {
          vintage: '2019',
          levels: {
            lsoa: { codes: src.lsoa, names: src.lsoaName },
            msoa: { codes: src.msoa, names: src.msoaName },
            lad: { codes: src.lad, names: src.ladName },
            utla: { codes: src.utla, names: src.utlaName },
            region: { codes: src.region, names: src.regionName },
            ccg: { codes: src.ccg, names: src.ccgName },
            stp: { codes: src.stp, names: src.stpName },
            icb: { codes: src.icb, names: src.icb.map((c) => src.icbNames.get(c) ?? c) },
          },
        }
      : src;
    const lsoa = cols.levels.lsoa;
    if (!lsoa) throw new HealthgapError('a geography needs LSOA codes');
    this.size = lsoa.codes.length;
    this.vintage = cols.vintage;
    this.icbDerivation = icbDerivation;
    const given = { ...cols.levels };
    if (!given.country) given.country = { codes: new Array<string>(this.size).fill(ENGLAND_CODE), names: new Array<string>(this.size).fill('England') };
    this.levelNames = VINTAGE_LEVELS[this.vintage].filter((l) => given[l] !== undefined);
    for (const level of this.levelNames) {
      const { codes, names } = given[level]!;
      if (codes.length !== this.size) throw new HealthgapError(`geography ${this.vintage}: level ${level} has ${codes.length} rows, expected ${this.size}`);
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
    for (const s of cols.successors ?? []) {
      const idx = this.levels.lsoa.index;
      const members = Int32Array.from(s.lsoas, (c) => {
        const k = idx.get(c);
        if (k === undefined) throw new HealthgapError(`successor area ${s.area.name}: unknown LSOA ${c}`);
        return k;
      }).sort();
      this.successorByCode.set(s.area.code, { info: s, members });
    }
  }

  /** True when this vintage has the level. */
  hasLevel(level: GeoLevel): boolean {
    return this.levels[level] !== undefined;
  }

  private checkLevel(level: GeoLevel): void {
    if (!isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${this.levelNames.join(', ')}`);
    if (!this.hasLevel(level)) throw new HealthgapError(`the ${this.vintage} geography has no ${level} level; it has ${this.levelNames.join(', ')}`);
  }

  /** The levels at which a code exists (e.g. `['lad', 'utla']` for E08000028 Sandwell), successor areas included. */
  levelsOf(code: string): GeoLevel[] {
    const c = code.trim().toUpperCase();
    const s = this.successorByCode.get(c);
    return GEO_LEVEL_PRIORITY.filter((l) => (this.levels[l]?.index.has(c) ?? false) || (s?.info.levels.includes(l) ?? false));
  }

  /** The area with this code (at `level`, or at its first level in {@link GEO_LEVEL_PRIORITY}); undefined if unknown. */
  area(code: string, level?: GeoLevel): AreaRef | undefined {
    const c = code.trim().toUpperCase();
    const lv = level ?? this.levelsOf(c)[0];
    if (!lv || !this.levels[lv]) return undefined;
    const k = this.levels[lv].index.get(c);
    if (k !== undefined) return this.levels[lv].areas[k];
    const s = this.successorByCode.get(c);
    if (s && s.info.levels.includes(lv)) return { code: s.info.area.code, name: s.info.area.name, level: lv };
    return undefined;
  }

  /** The successor area with this code (an exact union of predecessor areas), or undefined. */
  successorArea(code: string): SuccessorArea | undefined {
    return this.successorByCode.get(code.trim().toUpperCase())?.info;
  }

  /** Every successor area of this vintage (empty for the current vintage). */
  successorAreas(): SuccessorArea[] {
    return [...this.successorByCode.values()].map((s) => s.info);
  }

  /** @internal Resolve an input to a known area (throws UnknownAreaError). */
  need(input: AreaInput, level?: GeoLevel): AreaRef {
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
    throw new UnknownAreaError(input, this.suggest(input), `area (${this.vintage} geography)`);
  }

  private members(a: AreaRef): Int32Array {
    const data = this.levels[a.level];
    const k = data?.index.get(a.code);
    if (k !== undefined) return data.members[k];
    const s = this.successorByCode.get(a.code);
    if (s) return s.members;
    throw new UnknownAreaError(`${a.code} (${a.level})`, []);
  }

  /**
   * Every area at a level, sorted by code (successor areas only with `{ successors: true }`).
   *
   * @example getGeography().areasAt('icb').length // 42
   */
  areasAt(level: GeoLevel, options: { successors?: boolean } = {}): AreaRef[] {
    this.checkLevel(level);
    const out = [...this.levels[level].areas];
    if (options.successors)
      for (const s of this.successorByCode.values()) if (s.info.levels.includes(level)) out.push({ code: s.info.area.code, name: s.info.area.name, level });
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The name of an area from its code; an unknown code is an {@link UnknownAreaError}. */
  areaName(code: AreaInput, level?: GeoLevel): string {
    return this.need(code, level).name;
  }

  /**
   * LSOA codes (2011 or 2021, by vintage) inside an area at any level (sorted).
   *
   * @example getGeography('2019').lsoasIn('E06000019').length // 116 (Herefordshire)
   */
  lsoasIn(code: AreaInput, level?: GeoLevel): string[] {
    const a = this.need(code, level);
    const lsoa = this.levels.lsoa.areas;
    return Array.from(this.members(a), (i) => lsoa[i].code).sort();
  }

  /**
   * The area at `level` that wholly contains an area, or null when it is not wholly inside one
   * (East Suffolk is split between two ICBs) or `level` is not larger.
   *
   * @example getGeography().parentOf('E08000028', 'icb')?.code // 'E54000062' (Sandwell → Black Country ICB)
   */
  parentOf(code: AreaInput, level: GeoLevel, fromLevel?: GeoLevel): AreaRef | null {
    const a = this.need(code, fromLevel);
    if (!isGeoLevel(level)) throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${this.levelNames.join(', ')}`);
    if (!this.hasLevel(level)) return null;
    const m = this.members(a);
    if (m.length === 0) return null;
    const of = this.lsoaArea[level];
    const k = of[m[0]];
    for (let j = 1; j < m.length; j++) if (of[m[j]] !== k) return null;
    const p = this.levels[level].areas[k];
    return p.code === a.code && p.level === a.level ? null : p;
  }

  /**
   * Every area (at a higher level) that wholly contains this one, smallest first: e.g. for a LAD
   * its UTLA, ICB, NHS region, region and England.
   *
   * @example getGeography().ancestors('E08000028').map((a) => a.level) // ['utla', 'sicbl', 'icb', 'nhser', 'region', 'country']
   */
  ancestors(code: AreaInput, fromLevel?: GeoLevel): AreaRef[] {
    const a = this.need(code, fromLevel);
    const out: AreaRef[] = [];
    for (const level of this.levelNames) {
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
   * @example getGeography('2019').childrenOf('E10000034', 'lad').length // 6 (Worcestershire's districts)
   */
  childrenOf(code: AreaInput, level: GeoLevel, options: { partial?: boolean; fromLevel?: GeoLevel } = {}): AreaRef[] {
    const a = this.need(code, options.fromLevel);
    this.checkLevel(level);
    const of = this.lsoaArea[level];
    const inside = new Set<number>();
    const mine = new Uint8Array(this.size);
    for (const i of this.members(a)) {
      inside.add(of[i]);
      mine[i] = 1;
    }
    const data = this.levels[level];
    const out: AreaRef[] = [];
    for (const k of inside) {
      const child = data.areas[k];
      if (child.code === a.code && child.level === a.level) continue;
      if (!options.partial && !data.members[k].every((i) => mine[i] === 1)) continue;
      out.push(child);
    }
    return out.sort((x, y) => x.code.localeCompare(y.code));
  }

  /**
   * How an area overlaps the areas of another level, by LSOA count: each overlapping area with
   * the number of the area's LSOAs in it, largest first.
   *
   * @example getGeography().overlaps('E07000244', 'icb') // East Suffolk: Suffolk and North East Essex, Norfolk and Waveney
   */
  overlaps(code: AreaInput, level: GeoLevel, fromLevel?: GeoLevel): { area: AreaRef; lsoas: number }[] {
    const a = this.need(code, fromLevel);
    this.checkLevel(level);
    const of = this.lsoaArea[level];
    const count = new Map<number, number>();
    for (const i of this.members(a)) count.set(of[i], (count.get(of[i]) ?? 0) + 1);
    return [...count]
      .map(([k, n]) => ({ area: this.levels[level].areas[k], lsoas: n }))
      .sort((x, y) => y.lsoas - x.lsoas || x.area.code.localeCompare(y.area.code));
  }

  /** The area at `level` containing LSOA `lsoa` (every LSOA has exactly one at each level). */
  lsoaParent(lsoa: string, level: GeoLevel): AreaRef {
    this.checkLevel(level);
    const k = this.levels.lsoa.index.get(lsoa.trim().toUpperCase());
    if (k === undefined) throw new UnknownAreaError(lsoa, this.suggest(lsoa, 'lsoa'), levelLabel('lsoa', this.vintage));
    return this.levels[level].areas[this.lsoaArea[level][k]];
  }

  /** Same LSOA set? (used to report that a LAD and a UTLA with the same code are one area.) */
  sameArea(a: AreaRef, b: AreaRef): boolean {
    const x = this.members(a);
    const y = this.members(b);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }

  private places(): PlaceNameIndex {
    if (!this.nameIndex) this.nameIndex = new PlaceNameIndex(this);
    return this.nameIndex;
  }

  /**
   * Find an area of this vintage by GSS code or name, forgivingly (see {@link PlaceNameIndex.resolve}).
   *
   * @example getGeography('2019').resolveArea('herefordshire') // { code: 'E06000019', name: 'Herefordshire, County of', level: 'lad', levels: ['lad', 'utla'], vintage: '2019', ... }
   */
  resolveArea(query: string, options: ResolveOptions = {}): ResolvedArea {
    return this.places().resolve(query, options);
  }

  /** Close matches for an unknown name or code, as "Name (CODE)" strings (see {@link PlaceNameIndex.suggest}). */
  suggest(query: string, level?: GeoLevel, limit = 5): string[] {
    return this.places().suggest(query, level, limit);
  }

  /** A short description of an area's level(s) in a vintage, e.g. "LAD 2019 and UTLA 2019". */
  static describeLevels(levels: readonly GeoLevel[], vintage: GeographyVintage = '2019'): string {
    return levels.map((l) => levelLabel(l, vintage)).join(' and ');
  }
}
