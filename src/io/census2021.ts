/**
 * Readers for Census 2021 (ONS, Census day 21 March 2021) tables by LSOA 2021 and by local
 * authority: usual residents in six age groups and ethnic group (TS021). These are the population
 * denominators for IMD 2025 (LSOA 2021) until mid-year LSOA 2021 estimates are added; say so in
 * any output that uses them ({@link CENSUS2021_DENOMINATOR}).
 *
 * Census counts carry ONS's deliberate small random adjustments (cell perturbation): the total of
 * one LSOA differs by a few people between tables. That is expected, not an error.
 */
import type { ColumnTable } from 'arquero';
import { readTypedCsv, type ColumnSpec } from './csv.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/** The sentence naming the Census 2021 denominator, for outputs. */
export const CENSUS2021_DENOMINATOR = 'Census 2021 usual residents (ONS, 21 March 2021)';

/** The six Census 2021 age groups of {@link readCensus2021AgeLsoa}, as column names. */
export const CENSUS2021_AGE_GROUPS: readonly string[] = ['age_0_15', 'age_16_24', 'age_25_34', 'age_35_49', 'age_50_64', 'age_65_plus'];

/**
 * Census 2021 usual residents by LSOA 2021, England (33,755 rows): `lsoa21_code`, `all_ages`,
 * `age_0_15`, `age_16_24`, `age_25_34`, `age_35_49`, `age_50_64`, `age_65_plus`. England total
 * 56,489,608.
 *
 * @example readCensus2021AgeLsoa().filter((d) => d.lsoa21_code === 'E01000001').get('age_0_15') // 125
 */
export function readCensus2021AgeLsoa(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('population/census21_lsoa21_age6_england.csv'), 'census21-age6', (file) =>
    readTypedCsv(file, [
      { name: 'lsoa21_code', type: 'string', allowMissing: false },
      { name: 'all_ages', type: 'count', allowMissing: false },
      ...CENSUS2021_AGE_GROUPS.map((name): ColumnSpec => ({ name, type: 'count', allowMissing: false })),
    ]),
  );
}

/** A Census 2021 ethnic group: its column name, label and broad group. */
export interface EthnicGroup {
  /** Column name in healthgap tables, e.g. `asian_indian`. */
  name: string;
  /** ONS label, e.g. `Asian, Asian British or Asian Welsh: Indian`. */
  label: string;
  /** The broad group's column name (itself for a broad group). */
  broad: string;
}

/** The 5 broad groups of Census 2021 (TS021), in ONS order. */
export const ETHNIC_GROUPS_BROAD: readonly EthnicGroup[] = [
  { name: 'asian', label: 'Asian, Asian British or Asian Welsh', broad: 'asian' },
  { name: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African', broad: 'black' },
  { name: 'mixed', label: 'Mixed or Multiple ethnic groups', broad: 'mixed' },
  { name: 'white', label: 'White', broad: 'white' },
  { name: 'other', label: 'Other ethnic group', broad: 'other' },
];

/** The 19 detailed groups of Census 2021 (TS021), in ONS order. */
export const ETHNIC_GROUPS_DETAILED: readonly EthnicGroup[] = (
  [
    ['asian', 'asian_bangladeshi', 'Bangladeshi'],
    ['asian', 'asian_chinese', 'Chinese'],
    ['asian', 'asian_indian', 'Indian'],
    ['asian', 'asian_pakistani', 'Pakistani'],
    ['asian', 'asian_other', 'Other Asian'],
    ['black', 'black_african', 'African'],
    ['black', 'black_caribbean', 'Caribbean'],
    ['black', 'black_other', 'Other Black'],
    ['mixed', 'mixed_white_asian', 'White and Asian'],
    ['mixed', 'mixed_white_black_african', 'White and Black African'],
    ['mixed', 'mixed_white_black_caribbean', 'White and Black Caribbean'],
    ['mixed', 'mixed_other', 'Other Mixed or Multiple ethnic groups'],
    ['white', 'white_british', 'English, Welsh, Scottish, Northern Irish or British'],
    ['white', 'white_irish', 'Irish'],
    ['white', 'white_gypsy_irish_traveller', 'Gypsy or Irish Traveller'],
    ['white', 'white_roma', 'Roma'],
    ['white', 'white_other', 'Other White'],
    ['other', 'other_arab', 'Arab'],
    ['other', 'other_any', 'Any other ethnic group'],
  ] as const
).map(([broad, name, detail]) => ({ name, label: `${ETHNIC_GROUPS_BROAD.find((b) => b.name === broad)!.label}: ${detail}`, broad }));

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Census 2021 TS021 ethnic group by LSOA 2021, England (33,755 rows): `lsoa21_code`, `all_usual_residents`,
 * the 5 broad groups (`asian`, `black`, `mixed`, `white`, `other`) and the 19 detailed groups
 * (`asian_bangladeshi` … `other_any`; see {@link ETHNIC_GROUPS_DETAILED}). Reads the ONS
 * bulk file's headers (`geography code`, `Ethnic group: Total: All usual residents`,
 * `Ethnic group: Asian, Asian British or Asian Welsh`, …), so the ONS download (England and
 * Wales) reads as well: pass `englandOnly` false to keep Welsh rows.
 *
 * @example readCensus2021EthnicityLsoa().numRows() // 33755
 */
export function readCensus2021EthnicityLsoa(path?: string, options: { englandOnly?: boolean } = {}): ColumnTable {
  const englandOnly = options.englandOnly !== false;
  return readMaybeCached(path, dataPath('population/census21_ts021_ethnicity_lsoa21_england.csv'), `census21-ts021-${englandOnly}`, (file) =>
    readTypedCsv(
      file,
      [
        { name: 'lsoa21_code', source: 'geography code', type: 'string', allowMissing: false },
        { name: 'all_usual_residents', source: /^Ethnic group: Total: All usual residents$/i, type: 'count', allowMissing: false },
        ...[...ETHNIC_GROUPS_BROAD, ...ETHNIC_GROUPS_DETAILED].map(
          (g): ColumnSpec => ({ name: g.name, source: new RegExp(`^Ethnic group: ${escape(g.label)}$`, 'i'), type: 'count', allowMissing: false }),
        ),
      ],
      englandOnly ? { filter: (row, header) => (row[header.indexOf('geography code')] ?? '').startsWith('E') } : {},
    ),
  );
}

/**
 * Census 2021 ethnic group (19 detailed groups) by local authority district 2021 (the 309 English
 * LADs before the April 2023 mergers), long: `lad21_code`, `lad21_name`, `ethnic_group` (the ONS
 * label, e.g. `Asian, Asian British or Asian Welsh: Indian`), `usual_residents`. Bridge to LAD 2023
 * with `readLad22Lad23` (LAD 2021 and 2022 codes are the same in England).
 *
 * @example readCensus2021EthnicityLad().numRows() // 5871 (309 × 19)
 */
export function readCensus2021EthnicityLad(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('population/census21_ethnicity_lad21_england.csv'), 'census21-ethnicity-lad21', (file) =>
    readTypedCsv(file, [
      { name: 'lad21_code', type: 'string', allowMissing: false },
      { name: 'lad21_name', type: 'string' },
      { name: 'ethnic_group', type: 'string', allowMissing: false },
      { name: 'usual_residents', type: 'count', allowMissing: false },
    ]),
  );
}
