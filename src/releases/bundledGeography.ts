/**
 * Bundled datasets of the 2021-based geography (IoD2025, LSOA 2021 lookups, Census 2021, ePCN
 * 2023), and other bundled files the dataset catalogue does not list, described for the release
 * catalogue. Provenance in full: `data/SOURCES.md`.
 */
import { existsSync } from 'node:fs';
import { dataPath } from '../io/paths.js';
import type { ReleaseInfo, ReleaseKind } from './types.js';

const OGL = 'OGL v3.0';
type Entry = [
  id: string,
  file: string,
  kind: ReleaseKind,
  title: string,
  period: string,
  vintage: string,
  publisher: string,
  rows: number,
  level?: string,
  licence?: string,
];

const ENTRIES: Entry[] = [
  [
    'imd2025',
    'imd/imd2025_lsoa21_england.csv',
    'imd',
    'IoD2025 by LSOA 2021: IMD and domain ranks, deciles and scores, IDACI, IDAOPI',
    'IoD2025',
    'LSOA 2021',
    'MHCLG',
    33755,
    'lsoa',
  ],
  ['imd2025-lad24', 'imd/imd2025_lad24_summary.csv', 'imd', 'IoD2025 local authority summaries (LAD 2024)', 'IoD2025', 'LAD 2024', 'MHCLG', 296, 'la'],
  ['imd2025-icb24', 'imd/imd2025_icb24_summary.csv', 'imd', 'IoD2025 ICB summaries (ICB 2024)', 'IoD2025', 'ICB 2024', 'MHCLG', 42, 'icb'],
  [
    'lsoa11-lsoa21',
    'lookups/lsoa11_lsoa21_exact_england.csv',
    'lookup',
    'LSOA 2011 → LSOA 2021 exact lookup with change codes (U, S, M, X) and LAD 2022',
    'December 2022',
    'LSOA 2011/2021',
    'ONS',
    33855,
  ],
  [
    'lsoa21-icb24',
    'lookups/lsoa21_sicbl24_icb24_england.csv',
    'lookup',
    'LSOA 2021 → sub-ICB location → ICB (April 2024)',
    'April 2024',
    'LSOA 2021',
    'ONS',
    33755,
  ],
  ['lsoa21-ward24', 'lookups/lsoa21_ward24_lad24_england.csv', 'lookup', 'LSOA 2021 → ward → LAD (2024)', '2024', 'LSOA 2021', 'ONS', 33755],
  [
    'lsoa11-icb22',
    'lookups/lsoa11_sicbl22_icb22_england.csv',
    'lookup',
    'LSOA 2011 → sub-ICB location → ICB (July 2022)',
    'July 2022',
    'LSOA 2011',
    'ONS',
    32844,
  ],
  [
    'sicbl22-icb22',
    'lookups/sicbl22_icb22_nhser22_england.csv',
    'lookup',
    'Sub-ICB location → ICB → NHS England region (July 2022)',
    'July 2022',
    'ICB 2022',
    'ONS',
    106,
  ],
  ['lad22-region22', 'lookups/lad22_region22_england.csv', 'lookup', 'LAD → region (December 2022)', 'December 2022', 'LAD 2022', 'ONS', 309],
  ['lad22-lad23', 'lookups/lad22_lad23.csv', 'lookup', 'LAD 2022 → LAD 2023 (April 2023 mergers)', 'April 2023', 'LAD 2022/2023', 'ONS', 374],
  ['lad23-utla23', 'lookups/lad23_utla23.csv', 'lookup', 'LAD → upper-tier LA (2023)', '2023', 'LAD 2023', 'ONS', 318],
  ['lad23-region23', 'lookups/lad23_region23.csv', 'lookup', 'LAD → region (2023)', '2023', 'LAD 2023', 'ONS', 296],
  [
    'epcn-2023',
    'lookups/epcn_2023-01_practice_pcn.csv',
    'practice-map',
    'GP practice → PCN relationships (ePCN)',
    'January 2023',
    'PCN 2023',
    'NHS England (ODS)',
    6391,
    'practice',
  ],
  [
    'census21-lsoa21-age6',
    'population/census21_lsoa21_age6_england.csv',
    'population-lsoa',
    'Census 2021 usual residents by LSOA 2021, 6 age bands',
    'Census 2021',
    'LSOA 2021',
    'ONS',
    33755,
    'lsoa',
  ],
  [
    'census21-ts021-lsoa21',
    'population/census21_ts021_ethnicity_lsoa21_england.csv',
    'population-lsoa',
    'Census 2021 TS021 ethnic group by LSOA 2021',
    'Census 2021',
    'LSOA 2021',
    'ONS',
    33755,
    'lsoa-ethnicity',
  ],
  [
    'gbd2019-life-table',
    'reference/gbd2019_reference_life_table.csv',
    'reference',
    'GBD 2019 reference life table (standard for years of life lost)',
    '2019',
    'none',
    'IHME (GBD 2019)',
    21,
    undefined,
    'IHME Free-of-Charge Non-commercial User Agreement',
  ],
  [
    'census21-ethnicity-lad21',
    'population/census21_ethnicity_lad21_england.csv',
    'population-la',
    'Census 2021 ethnic group by LAD 2021 (19 groups)',
    'Census 2021',
    'LAD 2021',
    'ONS',
    5871,
    'la-ethnicity',
  ],
];

/** The bundled 2021-geography datasets, when their files are present. */
export function bundledGeographyReleases(): ReleaseInfo[] {
  return ENTRIES.filter(([, file]) => existsSync(dataPath(file))).map(([id, file, kind, title, period, vintage, publisher, rows, level, licence]) => ({
    id,
    kind,
    title,
    period,
    vintage,
    sourceFile: file,
    sha256: null,
    publisher,
    licence: licence ?? OGL,
    added: 'bundled',
    origin: 'bundled',
    path: dataPath(file),
    rows,
    ...(level ? { level } : {}),
  }));
}
