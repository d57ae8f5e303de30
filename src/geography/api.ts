/**
 * Plain functions over the bundled geography ({@link getGeography}, built once per process on
 * first use). Each is the same-named method of {@link Geography}; `vintage` chooses the geography
 * (`'2019'`, the default here because most bundled data are on LSOA 2011, or `'2024'`, current).
 * For a look-up across vintages that maps old codes forward, see `findPlace` (./successors.ts).
 */
import { getGeography } from './vintages.js';
import type { AreaInput, ResolvedArea } from './geography.js';
import type { AreaRef, GeoLevel, GeographyVintage } from './levels.js';

/** Options shared by the functions below. */
export interface VintageOption {
  /** `'2019'` (default) or `'2024'` (current). */
  vintage?: GeographyVintage;
}

/**
 * Find an area by code or name, forgivingly (`Sandwell`, `E08000028`, `herefordshire`,
 * `Herefordshire, County of`, `Bristol`, `Kingston upon Hull`). Throws `UnknownAreaError` with
 * close matches, or `AmbiguousAreaError`. See {@link Geography.resolveArea}.
 *
 * @example resolveArea('Sandwell') // { code: 'E08000028', name: 'Sandwell', level: 'lad', levels: ['lad', 'utla'], vintage: '2019', ... }
 * @example resolveArea('Cumberland', { vintage: '2024' }).code // 'E06000063'
 */
export function resolveArea(query: string, options: { level?: GeoLevel } & VintageOption = {}): ResolvedArea {
  return getGeography(options.vintage).resolveArea(query, { level: options.level });
}

/**
 * The area at `level` wholly containing an area, or null (see {@link Geography.parentOf}).
 *
 * @example parentOf('E08000028', 'icb')?.code // 'E54000062' (NHS Black Country ICB)
 */
export function parentOf(code: AreaInput, level: GeoLevel, options: VintageOption = {}): AreaRef | null {
  return getGeography(options.vintage).parentOf(code, level);
}

/**
 * Every higher-level area wholly containing an area (UTLA, sub-ICB/ICB, NHS region, region,
 * England, and CCG/STP 2020 in the 2019 vintage when nested), smallest first.
 *
 * @example ancestors('E10000034').map((a) => a.code) // Worcestershire → [..., 'E54000019', 'E40000011', 'E12000005', 'E92000001']
 */
export function ancestors(code: AreaInput, options: VintageOption = {}): AreaRef[] {
  return getGeography(options.vintage).ancestors(code);
}

/**
 * Areas at `level` inside an area (wholly; `{partial: true}` adds those that overlap).
 *
 * @example childrenOf('E10000034', 'lad').length // 6
 */
export function childrenOf(code: AreaInput, level: GeoLevel, options: { partial?: boolean } & VintageOption = {}): AreaRef[] {
  return getGeography(options.vintage).childrenOf(code, level, { partial: options.partial });
}

/**
 * LSOA codes inside an area at any level (LSOA 2011 in the 2019 vintage, LSOA 2021 in 2024), sorted.
 *
 * @example lsoasIn('E06000019').length // 116 (Herefordshire, LSOA 2011)
 */
export function lsoasIn(code: AreaInput, options: VintageOption = {}): string[] {
  return getGeography(options.vintage).lsoasIn(code);
}

/**
 * All areas at a level, sorted by code.
 *
 * @example areasAt('icb').length // 42
 * @example areasAt('lad', { vintage: '2024' }).length // 296
 */
export function areasAt(level: GeoLevel, options: VintageOption = {}): AreaRef[] {
  return getGeography(options.vintage).areasAt(level);
}

/**
 * An area's name from its code.
 *
 * @example areaName('E54000062') // 'NHS Black Country Integrated Care Board'
 */
export function areaName(code: AreaInput, options: VintageOption = {}): string {
  return getGeography(options.vintage).areaName(code);
}
