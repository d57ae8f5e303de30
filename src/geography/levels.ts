/**
 * Geography levels used by healthgap and their vintages. The toolkit's geography is that of the
 * English Indices of Deprivation 2019 and the ONS mid-2019 population estimates: LSOA/MSOA 2011,
 * LAD 2019, UTLA 2019; NHS bodies are CCG 2020, STP 2020 and ICB 2023 (July 2022 boundaries).
 */

/** A level of the geography. */
export type GeoLevel = 'lsoa' | 'msoa' | 'lad' | 'utla' | 'region' | 'country' | 'ccg' | 'stp' | 'icb';

/** Every level, smallest first. */
export const GEO_LEVELS: readonly GeoLevel[] = ['lsoa', 'msoa', 'lad', 'utla', 'ccg', 'stp', 'icb', 'region', 'country'];

/** Order used when a code or name matches at several levels: the first level wins. */
export const GEO_LEVEL_PRIORITY: readonly GeoLevel[] = ['lad', 'utla', 'region', 'country', 'icb', 'stp', 'ccg', 'msoa', 'lsoa'];

/** Rough size rank of each level; {@link ancestors} looks only at higher ranks. */
export const GEO_LEVEL_RANK: Readonly<Record<GeoLevel, number>> = {
  lsoa: 0,
  msoa: 1,
  lad: 2,
  utla: 3,
  ccg: 3,
  stp: 4,
  icb: 4,
  region: 5,
  country: 6,
};

/** Human labels with vintage, for messages and the CLI. */
export const GEO_LEVEL_LABELS: Readonly<Record<GeoLevel, string>> = {
  lsoa: 'LSOA 2011',
  msoa: 'MSOA 2011',
  lad: 'local authority district (LAD 2019)',
  utla: 'upper-tier local authority (UTLA 2019)',
  region: 'region',
  country: 'country',
  ccg: 'clinical commissioning group (CCG 2020)',
  stp: 'sustainability and transformation partnership (STP 2020)',
  icb: 'integrated care board (ICB 2023)',
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
