/**
 * Place-name search over a geography (the `Geography` class): the name index, `resolveArea` (a place by code or
 * name, forgivingly) and `suggest` (close matches for an unknown place). Cross-vintage look-up
 * (old codes mapped forward) is in ./successors.ts.
 */
import { UnknownAreaError, HealthgapError } from '../core/errors.js';
import { GEO_LEVEL_PRIORITY, isGeoLevel, type GeoLevel, type AreaRef, type GeographyVintage } from './levels.js';
import { normalisePlaceName, placeNameAliases, containsWords, closeMatches } from './names.js';
import type { SuccessorArea } from './levels.js';

/**
 * What the name index reads of a geography (the `Geography` class provides it; an interface here
 * so that this module does not import the class that builds it).
 */
export interface NameIndexSource {
  readonly vintage: GeographyVintage;
  readonly levelNames: readonly GeoLevel[];
  hasLevel(level: GeoLevel): boolean;
  levelsOf(code: string): GeoLevel[];
  area(code: string, level?: GeoLevel): AreaRef | undefined;
  successorArea(code: string): SuccessorArea | undefined;
  areasAt(level: GeoLevel, options?: { successors?: boolean }): AreaRef[];
  sameArea(a: AreaRef, b: AreaRef): boolean;
}

/** Where a resolved area came from. */
export type AreaMatch = 'code' | 'name' | 'partial-name';

/** An area found by `Geography.resolveArea`. */
export interface ResolvedArea extends AreaRef {
  /** Every level at which this code names exactly the same set of LSOAs (e.g. `['lad', 'utla']` for Sandwell). */
  levels: GeoLevel[];
  /** How the query matched. */
  matchedBy: AreaMatch;
  /** Other areas that matched the query as well (other levels), best first. */
  alternatives: AreaRef[];
  /** The vintage of the geography the area was found in. */
  vintage: GeographyVintage;
  /** Set when the area is a successor area of its vintage (an exact union of predecessors, e.g. Cumberland in the 2019 vintage). */
  successor?: SuccessorArea;
}

/** Options of {@link PlaceNameIndex.resolve}. */
export interface ResolveOptions {
  /** Only look at one level. */
  level?: GeoLevel;
}

/** Several areas at the same level match a place name: the message lists them. */
export class AmbiguousAreaError extends HealthgapError {
  readonly query: string;
  readonly candidates: AreaRef[];
  constructor(query: string, candidates: AreaRef[]) {
    const list = candidates
      .slice(0, 8)
      .map((c) => `${c.name} (${c.code}, ${c.level})`)
      .join('; ');
    super(`"${query}" matches ${candidates.length} areas: ${list}${candidates.length > 8 ? '; …' : ''}. Give the code or more of the name`);
    this.name = 'AmbiguousAreaError';
    this.query = query;
    this.candidates = candidates;
  }
}

const SMALL_LEVELS: readonly GeoLevel[] = ['lsoa', 'msoa', 'ward'];

/** The name index of one geography, built on first use. */
export class PlaceNameIndex {
  private readonly g: NameIndexSource;
  private readonly index = new Map<string, AreaRef[]>();

  constructor(g: NameIndexSource) {
    this.g = g;
    for (const level of GEO_LEVEL_PRIORITY) {
      if (!g.hasLevel(level)) continue;
      for (const a of g.areasAt(level, { successors: true })) {
        // a recoded successor (Barnsley E08000038 = Barnsley E08000016) is found by its code only
        if ((g.successorArea(a.code)?.predecessors.length ?? 0) === 1) continue;
        for (const alias of placeNameAliases(a.name)) {
          let list = this.index.get(alias);
          if (!list) this.index.set(alias, (list = []));
          list.push(a);
        }
      }
    }
  }

  private levelOrder(level?: GeoLevel): GeoLevel[] {
    return (level ? [level] : GEO_LEVEL_PRIORITY).filter((l) => this.g.hasLevel(l));
  }

  private finish(best: AreaRef, all: AreaRef[], matchedBy: AreaMatch, order: readonly GeoLevel[] = GEO_LEVEL_PRIORITY): ResolvedArea {
    const levels = [best.level];
    const alternatives: AreaRef[] = [];
    for (const a of all) {
      if (a === best) continue;
      if (a.code === best.code && this.g.sameArea(a, best)) {
        if (!levels.includes(a.level)) levels.push(a.level);
      } else if (!alternatives.some((x) => x.code === a.code && x.level === a.level)) alternatives.push(a);
    }
    // a code at several levels with the same LSOAs (a unitary authority) is reported at all of them
    for (const l of this.g.levelsOf(best.code)) {
      if (!order.includes(l)) continue;
      const other = this.g.area(best.code, l);
      if (other && !levels.includes(l) && this.g.sameArea(other, best)) levels.push(l);
    }
    const successor = this.g.successorArea(best.code);
    return { ...best, levels, matchedBy, alternatives, vintage: this.g.vintage, ...(successor ? { successor } : {}) };
  }

  /**
   * Find an area by GSS code or name, case-insensitively and forgivingly: `E08000028`,
   * `Sandwell`, `sandwell`, `Herefordshire, County of`, `herefordshire`, `Bristol`,
   * `Kingston upon Hull`, `Black Country` (an ICB). When a name or code exists at several levels
   * the first level in {@link GEO_LEVEL_PRIORITY} wins (LAD before UTLA before region, ICB
   * before STP before sub-ICB before CCG), the level is reported, and the others are in
   * `alternatives`; pass `level` to choose. An unknown place is an {@link UnknownAreaError}
   * listing close matches; a partial name matching several areas at one level is an
   * {@link AmbiguousAreaError}.
   */
  resolve(query: string, options: ResolveOptions = {}): ResolvedArea {
    const q = query.trim();
    if (!q) throw new UnknownAreaError(query, [], 'area (empty name)');
    const level = options.level;
    if (level !== undefined && !isGeoLevel(level))
      throw new HealthgapError(`unknown geography level "${String(level)}"; expected one of ${this.g.levelNames.join(', ')}`);
    if (level !== undefined && !this.g.hasLevel(level))
      throw new HealthgapError(`the ${this.g.vintage} geography has no ${level} level; it has ${this.g.levelNames.join(', ')}`);
    const order = this.levelOrder(level);

    const code = q.toUpperCase();
    if (/^[A-Z]\d{8}$/.test(code)) {
      const hits = order.map((l) => this.g.area(code, l)).filter((a): a is AreaRef => a !== undefined);
      if (hits.length) return this.finish(hits[0], hits, 'code', order);
      throw new UnknownAreaError(q, this.suggest(q, level), level ? `${level} code` : 'area code');
    }

    const norm = normalisePlaceName(q);
    const exact = (this.index.get(norm) ?? []).filter((a) => order.includes(a.level));
    if (exact.length) {
      const found = this.pick(q, exact, order, 'name');
      // "Hull" names NHS Hull CCG exactly; prefer the local authority covering the same LSOAs
      if (!level && (found.level === 'ccg' || found.level === 'stp' || found.level === 'sicbl')) {
        const laLevels = order.filter((l) => l === 'lad' || l === 'utla');
        const la = this.partialMatches(norm, laLevels).find((a) => this.g.sameArea(a, found));
        if (la) return this.finish(la, [la, found, ...found.alternatives, ...this.partialMatches(norm, laLevels)], 'partial-name');
      }
      return found;
    }

    const partial = this.partialMatches(norm, level ? [level] : order.filter((l) => !SMALL_LEVELS.includes(l)));
    if (partial.length) return this.pick(q, partial, order, 'partial-name');
    throw new UnknownAreaError(q, this.suggest(q, level));
  }

  /** Areas at `levels` whose name (any alias) contains the normalised query as whole words. */
  private partialMatches(norm: string, levels: readonly GeoLevel[]): AreaRef[] {
    const out: AreaRef[] = [];
    if (norm.length < 3) return out;
    for (const [alias, list] of this.index) {
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
    return this.finish(sorted[0], sorted, how, order);
  }

  /**
   * Close matches for an unknown name or code, as "Name (CODE)" strings: nearest names by edit
   * distance (LSOA/MSOA/ward names only when the query looks like one or `level` asks), or for a
   * code, codes within two edits.
   */
  suggest(query: string, level?: GeoLevel, limit = 5): string[] {
    const q = query.trim();
    const code = q.toUpperCase();
    const levels = this.levelOrder(level);
    if (/^[A-Z]\d{6,10}$/.test(code)) {
      const codes: string[] = [];
      for (const l of levels) for (const a of this.g.areasAt(l, { successors: true })) if (a.code.slice(0, 3) === code.slice(0, 3)) codes.push(a.code);
      return closeMatches(
        code.toLowerCase(),
        codes.map((c) => c.toLowerCase()),
        limit,
      ).map((c) => {
        const a = this.g.area(c.toUpperCase(), level)!;
        return `${a.name} (${a.code})`;
      });
    }
    const norm = normalisePlaceName(q);
    const small = /\d{3}[a-z]?$/.test(norm);
    const byAlias = new Map<string, AreaRef[]>();
    for (const [alias, list] of this.index) {
      const keep = list.filter((a) => levels.includes(a.level) && (small || level || !SMALL_LEVELS.includes(a.level)));
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
}
