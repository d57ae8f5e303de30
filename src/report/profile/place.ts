/**
 * The place a profile is about: resolved from a name or code, with the level its indicators are
 * compared at (its peers for the England range of the spine chart), its region and ICB.
 */
import { getGeography } from '../../geography/vintages.js';
import { ENGLAND_CODE, type AreaRef, type GeoLevel } from '../../geography/levels.js';
import { HealthgapError } from '../../core/errors.js';

/** Levels a profile can be made for, with the peers used for England's range. */
export type ProfileLevel = 'utla' | 'lad' | 'icb' | 'region';

/** Plural names of the peer groups (for chart notes and the methods appendix). */
export const PEER_NAMES: Readonly<Record<ProfileLevel, string>> = {
  utla: 'upper-tier local authorities (counties and unitary authorities, April 2019)',
  lad: 'local authority districts (April 2019)',
  icb: 'integrated care boards (July 2022 boundaries, from the official ONS lookup)',
  region: 'regions',
};

/** A resolved place. */
export interface ProfilePlace {
  code: string;
  name: string;
  /** The level the place's indicators are computed and compared at. */
  level: ProfileLevel;
  /** Region wholly containing it (null for a region itself or an ICB crossing regions). */
  region: AreaRef | null;
  /** ICB (July 2022, official ONS lookup) wholly containing it (null when none does). */
  icb: AreaRef | null;
  /** LAD 2019 districts in the place. */
  lads: AreaRef[];
}

/**
 * Resolve a place for a profile. Upper-tier authorities (including unitaries and metropolitan
 * districts, which are both LAD and UTLA) are compared with the 151 UTLAs; districts that are only
 * LADs with the 317 LADs; ICBs with the 42 ICBs; regions with the 9 regions.
 * Unknown names throw `UnknownAreaError` with suggestions.
 *
 * @example resolveProfilePlace('Sandwell') // { code: 'E08000028', name: 'Sandwell', level: 'utla', region: West Midlands, icb: Black Country, ... }
 */
export function resolveProfilePlace(query: string | AreaRef, level?: GeoLevel): ProfilePlace {
  const g = getGeography();
  const area = typeof query === 'string' ? g.resolveArea(query, level ? { level } : {}) : { ...query, levels: g.levelsOf(query.code) };
  if (area.code === ENGLAND_CODE) throw new HealthgapError('no profile for England itself: profiles compare a place with England');
  const levels = area.levels ?? [area.level];
  let profileLevel: ProfileLevel;
  if (level && ['utla', 'lad', 'icb', 'region'].includes(level)) profileLevel = level as ProfileLevel;
  else if (levels.includes('utla')) profileLevel = 'utla';
  else if (levels.includes('lad')) profileLevel = 'lad';
  else if (levels.includes('icb')) profileLevel = 'icb';
  else if (levels.includes('region')) profileLevel = 'region';
  else {
    throw new HealthgapError(
      `no profile for ${area.name} (${area.code}): profiles are made for local authorities (UTLA or LAD 2019), ICBs and regions, not for a ${area.level.toUpperCase()}`,
    );
  }
  const region = profileLevel === 'region' ? null : g.parentOf(area.code, 'region', profileLevel);
  const icb = profileLevel === 'icb' ? { code: area.code, name: area.name, level: 'icb' as const } : g.parentOf(area.code, 'icb', profileLevel);
  const lads =
    profileLevel === 'lad' ? [{ code: area.code, name: area.name, level: 'lad' as const }] : g.childrenOf(area.code, 'lad', { fromLevel: profileLevel });
  return { code: area.code, name: area.name, level: profileLevel, region, icb, lads };
}

/** Readable short name: "Herefordshire, County of" → "Herefordshire", "Bristol, City of" → "Bristol". */
export function placeDisplayName(name: string): string {
  const m = /^(.*), (County|City) of$/.exec(name);
  return m ? m[1] : name;
}

/** File names Windows reserves whatever the extension (`con.html` cannot be written there). */
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A file-name slug for a place: lower case letters, digits and hyphens, at most 80 characters, so
 * a name can never leave the output folder (`../`, `/`, `\` and dots become hyphens) nor be a
 * reserved device name (`con` becomes `con-place`).
 * @example placeSlug('Herefordshire, County of') // 'herefordshire'
 * @example placeSlug('../../etc/passwd') // 'etc-passwd'
 */
export function placeSlug(name: string): string {
  const slug =
    placeDisplayName(name)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80)
      .replace(/^-+|-+$/g, '') || 'place';
  return RESERVED_FILE_NAMES.test(slug) ? `${slug}-place` : slug;
}
