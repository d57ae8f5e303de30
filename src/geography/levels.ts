/**
 * Geography levels and vintages used by healthgap.
 *
 * Two vintages, each a partition of England into small areas with every other level built from
 * them (see docs/geography.md):
 * - `'2024'` (current, the default for place look-ups): LSOA 2021, electoral ward 2024, LAD 2024
 *   (the same 296 codes as LAD 2023, after the April 2023 mergers), UTLA 2023, region, sub-ICB
 *   location and ICB April 2024 (official ONS lookup), NHS England region, England. The geography of
 *   IMD 2025 and Census 2021.
 * - `'2019'`: LSOA/MSOA 2011, LAD 2019, UTLA 2019, region, CCG April 2020 (135), STP 2020, sub-ICB
 *   location and ICB July 2022 (official ONS LSOA 2011 lookup), NHS England region, England. The
 *   geography of IMD 2019 and the ONS mid-2019 estimates. The authorities created since 2019
 *   (Buckinghamshire, North and West Northamptonshire, Cumberland, Westmorland and Furness, North
 *   Yorkshire, Somerset) are added to it as the exact union of their predecessor districts.
 */

/** A level of the geography. */
export type GeoLevel = 'lsoa' | 'msoa' | 'ward' | 'lad' | 'utla' | 'region' | 'country' | 'ccg' | 'stp' | 'sicbl' | 'icb' | 'nhser';

/** Every level, smallest first. */
export const GEO_LEVELS: readonly GeoLevel[] = ['lsoa', 'msoa', 'ward', 'lad', 'utla', 'ccg', 'sicbl', 'stp', 'icb', 'nhser', 'region', 'country'];

/** Order used when a code or name matches at several levels: the first level wins. */
export const GEO_LEVEL_PRIORITY: readonly GeoLevel[] = ['lad', 'utla', 'region', 'country', 'icb', 'stp', 'nhser', 'sicbl', 'ccg', 'ward', 'msoa', 'lsoa'];

/** Rough size rank of each level; {@link ancestors} looks only at higher ranks. */
export const GEO_LEVEL_RANK: Readonly<Record<GeoLevel, number>> = {
  lsoa: 0,
  msoa: 1,
  ward: 1,
  lad: 2,
  utla: 3,
  ccg: 3,
  sicbl: 3,
  stp: 4,
  icb: 4,
  nhser: 5,
  region: 5,
  country: 6,
};

/** A vintage of the geography: `'2024'` (current: LSOA 2021, LAD 2023/2024, ICB 2024) or `'2019'` (LSOA 2011, LAD 2019, CCG 2020, ICB 2022). */
export type GeographyVintage = '2019' | '2024';

/** Every vintage, newest first. */
export const GEOGRAPHY_VINTAGES: readonly GeographyVintage[] = ['2024', '2019'];

/** The current vintage, used when none is given to place look-ups and `healthgap area`. */
export const CURRENT_VINTAGE: GeographyVintage = '2024';

/** True when `x` names a vintage (`'2019'`, `'2024'`; `'current'` and `2023`/`2025` are accepted by {@link parseVintage}). */
export function isGeographyVintage(x: unknown): x is GeographyVintage {
  return x === '2019' || x === '2024';
}

/**
 * Read a vintage given by a user: `2019`, `2024`, `current`, and `2023`/`2025` (the LAD 2023 and
 * IMD 2025 geography is the 2024 vintage). Anything else is null.
 *
 * @example parseVintage('2023') // '2024'
 */
export function parseVintage(x: unknown): GeographyVintage | null {
  const s = String(x).trim().toLowerCase();
  if (s === '2019' || s === '2011' || s === '2020') return '2019';
  if (s === '2024' || s === '2023' || s === '2025' || s === '2021' || s === 'current') return '2024';
  return null;
}

/** The levels each vintage has. */
export const VINTAGE_LEVELS: Readonly<Record<GeographyVintage, readonly GeoLevel[]>> = {
  '2024': ['lsoa', 'ward', 'lad', 'utla', 'sicbl', 'icb', 'nhser', 'region', 'country'],
  '2019': ['lsoa', 'msoa', 'lad', 'utla', 'ccg', 'sicbl', 'stp', 'icb', 'nhser', 'region', 'country'],
};

/** Human labels with vintage, for messages and the CLI. */
export const VINTAGE_LEVEL_LABELS: Readonly<Record<GeographyVintage, Readonly<Partial<Record<GeoLevel, string>>>>> = {
  '2024': {
    lsoa: 'LSOA 2021',
    ward: 'electoral ward 2024',
    lad: 'local authority district (LAD 2023/2024)',
    utla: 'upper-tier local authority (UTLA 2023)',
    sicbl: 'sub-ICB location (April 2024)',
    icb: 'integrated care board (ICB April 2024)',
    nhser: 'NHS England region',
    region: 'region',
    country: 'country',
  },
  '2019': {
    lsoa: 'LSOA 2011',
    msoa: 'MSOA 2011',
    lad: 'local authority district (LAD 2019)',
    utla: 'upper-tier local authority (UTLA 2019)',
    ccg: 'clinical commissioning group (CCG April 2020, 135)',
    sicbl: 'sub-ICB location (July 2022)',
    stp: 'sustainability and transformation partnership (STP 2020)',
    icb: 'integrated care board (ICB July 2022)',
    nhser: 'NHS England region',
    region: 'region',
    country: 'country',
  },
};

/** Labels of the 2019 vintage's levels (kept for callers written before vintages). */
export const GEO_LEVEL_LABELS: Readonly<Record<GeoLevel, string>> = {
  ...({ ward: 'electoral ward 2024' } as Record<GeoLevel, string>),
  ...(VINTAGE_LEVEL_LABELS['2019'] as Record<GeoLevel, string>),
};

/** The label of a level in a vintage, e.g. `levelLabel('lad', '2024')` → "local authority district (LAD 2023/2024)". */
export function levelLabel(level: GeoLevel, vintage: GeographyVintage = '2019'): string {
  return VINTAGE_LEVEL_LABELS[vintage][level] ?? level;
}

/** Short column-style labels ("LAD 2023", "ICB 2024") for tables and the CLI. */
export const VINTAGE_SHORT_LABELS: Readonly<Record<GeographyVintage, Readonly<Partial<Record<GeoLevel, string>>>>> = {
  '2024': {
    lsoa: 'LSOA 2021',
    ward: 'Ward 2024',
    lad: 'LAD 2023',
    utla: 'UTLA 2023',
    sicbl: 'Sub-ICB 2024',
    icb: 'ICB 2024',
    nhser: 'NHS region',
    region: 'Region',
    country: 'Country',
  },
  '2019': {
    lsoa: 'LSOA 2011',
    msoa: 'MSOA 2011',
    lad: 'LAD 2019',
    utla: 'UTLA 2019',
    ccg: 'CCG 2020',
    sicbl: 'Sub-ICB 2022',
    stp: 'STP 2020',
    icb: 'ICB 2022',
    nhser: 'NHS region',
    region: 'Region',
    country: 'Country',
  },
};

/** Code of England (country level). */
export const ENGLAND_CODE = 'E92000001';

/** True when `x` is a geography level name. */
export function isGeoLevel(x: unknown): x is GeoLevel {
  return typeof x === 'string' && (GEO_LEVELS as readonly string[]).includes(x);
}

/** An area: its GSS code, its name and the level it is at. */
export interface AreaRef {
  code: string;
  name: string;
  level: GeoLevel;
}

/**
 * An area of a vintage that is not one of its level's partition areas but an exact union of whole
 * areas of that level: e.g. in the 2019 vintage, Cumberland (LAD 2023) = Allerdale + Carlisle +
 * Copeland (LAD 2019).
 */
export interface SuccessorArea {
  /** The area, at its main level. */
  area: AreaRef;
  /** Every level it stands for (e.g. `['lad', 'utla']` for a unitary authority). */
  levels: GeoLevel[];
  /** The predecessor areas it is the union of. */
  predecessors: AreaRef[];
  /** LSOA codes (of this vintage) inside it. */
  lsoas: string[];
  /** One sentence saying how it is built, for reports. */
  note: string;
}
