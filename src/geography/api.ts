/**
 * Plain functions over the bundled geography ({@link getGeography}, built once per process on
 * first use, about half a second). Each is the same-named method of {@link Geography}.
 */
import { getGeography, type AreaInput, type ResolvedArea } from './geography.js';
import type { AreaRef, GeoLevel } from './levels.js';

/**
 * Find an area by code or name, forgivingly (`Sandwell`, `E08000028`, `herefordshire`,
 * `Herefordshire, County of`, `Bristol`, `Kingston upon Hull`). Throws `UnknownAreaError` with
 * close matches, or `AmbiguousAreaError`. See {@link Geography.resolveArea}.
 *
 * @example resolveArea('Sandwell') // { code: 'E08000028', name: 'Sandwell', level: 'lad', levels: ['lad', 'utla'], ... }
 */
export function resolveArea(query: string, options: { level?: GeoLevel } = {}): ResolvedArea {
  return getGeography().resolveArea(query, options);
}

/**
 * The area at `level` wholly containing an area, or null (see {@link Geography.parentOf}).
 *
 * @example parentOf('E08000028', 'icb')?.code // 'E54000062' (NHS Black Country ICB)
 */
export function parentOf(code: AreaInput, level: GeoLevel): AreaRef | null {
  return getGeography().parentOf(code, level);
}

/**
 * Every higher-level area wholly containing an area (UTLA, CCG/STP when nested, ICB, region,
 * England), smallest first.
 *
 * @example ancestors('E10000034').map((a) => a.code) // Worcestershire → [..., 'E54000019', 'E12000005', 'E92000001']
 */
export function ancestors(code: AreaInput): AreaRef[] {
  return getGeography().ancestors(code);
}

/**
 * Areas at `level` inside an area (wholly; `{partial: true}` adds those that overlap).
 *
 * @example childrenOf('E10000034', 'lad').length // 6
 */
export function childrenOf(code: AreaInput, level: GeoLevel, options: { partial?: boolean } = {}): AreaRef[] {
  return getGeography().childrenOf(code, level, options);
}

/**
 * LSOA 2011 codes inside an area at any level (including ICB 2023), sorted.
 *
 * @example lsoasIn('E06000019').length // 116 (Herefordshire)
 */
export function lsoasIn(code: AreaInput): string[] {
  return getGeography().lsoasIn(code);
}

/**
 * All areas at a level, sorted by code.
 *
 * @example areasAt('icb').length // 42
 */
export function areasAt(level: GeoLevel): AreaRef[] {
  return getGeography().areasAt(level);
}

/**
 * An area's name from its code.
 *
 * @example areaName('E54000062') // 'NHS Black Country Integrated Care Board'
 */
export function areaName(code: AreaInput): string {
  return getGeography().areaName(code);
}
