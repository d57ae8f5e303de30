/**
 * Readers for the English Indices of Deprivation 2019 (IoD2019, MHCLG) at LSOA 2011 level.
 *
 * The official CSV exports keep their quirks (CRLF line endings, no final newline, numbers
 * written with thousands separators such as `"29,199"`, very long column headers); these
 * readers accept them as published, and also the same files re-saved with a BOM or LF endings.
 * Each reader takes an optional path so an analyst can read their own copy or a newer edition
 * with the same layout; without one it reads the bundled file (cached per process).
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, type ColumnSpec } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/** Number of LSOAs (2011) in England ranked by IMD 2019. */
export const IMD2019_LSOA_COUNT = 32844;

const LSOA_COLUMNS: ColumnSpec[] = [
  { name: 'lsoa11cd', source: /^LSOA code/i, type: 'string', allowMissing: false },
  { name: 'lsoa11nm', source: /^LSOA name/i, type: 'string' },
  { name: 'lad19cd', source: /^Local Authority District code/i, type: 'string' },
  { name: 'lad19nm', source: /^Local Authority District name/i, type: 'string' },
];

/** Check ranks lie in 1..max(n, 32,844) and deciles in 1..10; throws an InputError naming the line. */
function checkRanks(table: ColumnTable, file: string, lines: number[], pairs: [string, string][]): void {
  const n = table.numRows();
  // a subset of the national file (one region, say) keeps its national ranks
  const maxRank = Math.max(n, IMD2019_LSOA_COUNT);
  for (const [rankCol, decileCol] of pairs) {
    const ranks = table.array(rankCol) as (number | null)[];
    const deciles = table.array(decileCol) as (number | null)[];
    for (let i = 0; i < n; i++) {
      const r = ranks[i];
      const d = deciles[i];
      if (r !== null && (r < 1 || r > maxRank))
        throw new InputError(`expected a rank from 1 to ${maxRank}, found ${r}`, { file, row: lines[i], column: rankCol });
      if (d !== null && (d < 1 || d > 10)) throw new InputError(`expected a decile from 1 to 10, found ${d}`, { file, row: lines[i], column: decileCol });
    }
  }
}

/**
 * The bundled tidy IMD 2019 table, one row per English LSOA 2011 (32,844 rows): `lsoa11cd`,
 * `lsoa11nm`, `lad19cd`, `lad19nm`, `imd_score`, `imd_rank` (1 = most deprived), `imd_decile`
 * (1 = most deprived 10%), `pop_mid2015` (the IoD2019 mid-2015 population excluding prisoners,
 * column `pop_mid2015_excl_prisoners` in the file).
 *
 * Source: derived from MHCLG IoD2019 Files 1 and 6, with the IMD score from File 5/7 (rounded to
 * 3 dp as published); see data/SOURCES.md. Quirk: several LSOAs share a score at 3 dp, so never
 * re-rank from `imd_score`; use the published `imd_rank`.
 *
 * @example const imd = readImd(); imd.filter((d) => d.imd_decile <= 2).numRows() // Core20 LSOAs
 */
export function readImd(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/imd2019_lsoa11_england_tidy.csv'), 'imd-tidy', (file) => {
    const rec = readCsvRecords(file);
    const t = typedTable(rec, [
      { name: 'lsoa11cd', type: 'string', allowMissing: false },
      { name: 'lsoa11nm', type: 'string' },
      { name: 'lad19cd', type: 'string' },
      { name: 'lad19nm', type: 'string' },
      { name: 'imd_score', type: 'number' },
      { name: 'imd_rank', type: 'count' },
      { name: 'imd_decile', type: 'count' },
      { name: 'pop_mid2015', source: /^pop_mid2015/i, type: 'count' },
    ]);
    checkRanks(t, rec.file, rec.lines, [['imd_rank', 'imd_decile']]);
    return t;
  });
}

/**
 * IoD2019 File 1 as published by MHCLG (`File_1_-_IMD2019_Index_of_Multiple_Deprivation`):
 * `lsoa11cd`, `lsoa11nm`, `lad19cd`, `lad19nm`, `imd_rank`, `imd_decile`.
 *
 * Quirks handled: CRLF, no final newline, ranks quoted with thousands separators (`"29,199"`),
 * long headers (`Index of Multiple Deprivation (IMD) Rank`), and a UTF-8 BOM when re-saved from
 * Excel. Ranks must be 1..number of rows and deciles 1..10.
 *
 * @example readImdFile1().get('imd_rank', 0) // 29199 (E01000001, City of London 001A)
 */
export function readImdFile1(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/IoD2019_File1_IMD_lsoa11.csv'), 'imd-file1', (file) => {
    const rec = readCsvRecords(file);
    const t = typedTable(rec, [
      ...LSOA_COLUMNS,
      { name: 'imd_rank', source: /^Index of Multiple Deprivation \(IMD\) Rank/i, type: 'count' },
      { name: 'imd_decile', source: /^Index of Multiple Deprivation \(IMD\) Decile/i, type: 'count' },
    ]);
    checkRanks(t, rec.file, rec.lines, [['imd_rank', 'imd_decile']]);
    return t;
  });
}

/** The IMD and the 7 IoD2019 domains, with the short names used for their columns. */
export const IMD_DOMAINS: readonly { name: string; header: string }[] = [
  { name: 'imd', header: 'Index of Multiple Deprivation (IMD)' },
  { name: 'income', header: 'Income' },
  { name: 'employment', header: 'Employment' },
  { name: 'education', header: 'Education, Skills and Training' },
  { name: 'health', header: 'Health Deprivation and Disability' },
  { name: 'crime', header: 'Crime' },
  { name: 'barriers', header: 'Barriers to Housing and Services' },
  { name: 'living_environment', header: 'Living Environment' },
];

function escapeRe(s: string): RegExp {
  return new RegExp('^' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/**
 * IoD2019 File 2 (`File_2_-_IoD2019_Domains_of_Deprivation`): rank and decile of the IMD and of
 * the 7 domains per LSOA 2011. Columns: `lsoa11cd`, `lsoa11nm`, `lad19cd`, `lad19nm`, then
 * `imd_rank`, `imd_decile`, `income_rank`, `income_decile`, `employment_…`, `education_…`
 * (Education, Skills and Training), `health_…` (Health Deprivation and Disability), `crime_…`,
 * `barriers_…` (Barriers to Housing and Services), `living_environment_…`. Rank 1 and decile 1
 * are the most deprived.
 *
 * Quirks: CRLF, no final newline, headers such as `Income Rank (where 1 is most deprived)`.
 *
 * @example readImdDomains().columnNames().includes('health_decile') // true
 */
export function readImdDomains(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/IoD2019_File2_domains_lsoa11.csv'), 'imd-file2', (file) => {
    const rec = readCsvRecords(file);
    const schema: ColumnSpec[] = [...LSOA_COLUMNS];
    for (const d of IMD_DOMAINS) {
      schema.push({ name: `${d.name}_rank`, source: escapeRe(`${d.header} Rank`), type: 'count' });
      schema.push({ name: `${d.name}_decile`, source: escapeRe(`${d.header} Decile`), type: 'count' });
    }
    const t = typedTable(rec, schema);
    checkRanks(
      t,
      rec.file,
      rec.lines,
      IMD_DOMAINS.map((d) => [`${d.name}_rank`, `${d.name}_decile`] as [string, string]),
    );
    return t;
  });
}

/**
 * IoD2019 File 6 (`File_6_-_IoD2019_Population_Denominators`): the mid-2015 populations,
 * excluding prisoners, used to build the indices. Columns: `lsoa11cd`, `lsoa11nm`, `lad19cd`,
 * `lad19nm`, `total_population`, `children_0_15`, `population_16_59`, `population_60_plus`,
 * `working_age_population` (18-59 women / 18-64 men, the Employment domain denominator).
 *
 * Quirks: CRLF, no final newline, counts quoted with thousands separators (`"1,296"`).
 *
 * @example readImdPopulation().array('total_population') // mid-2015 LSOA populations
 */
export function readImdPopulation(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/IoD2019_File6_population_denominators_lsoa11.csv'), 'imd-file6', (file) =>
    typedTable(readCsvRecords(file), [
      ...LSOA_COLUMNS,
      { name: 'total_population', source: /^Total population/i, type: 'count' },
      { name: 'children_0_15', source: /^Dependent Children aged 0-15/i, type: 'count' },
      { name: 'population_16_59', source: /^Population aged 16-59/i, type: 'count' },
      { name: 'population_60_plus', source: /^Older population aged 60 and over/i, type: 'count' },
      { name: 'working_age_population', source: /^Working age population/i, type: 'count' },
    ]),
  );
}

/** Score columns of the IoD2019 scores file, in file order. */
export const IMD_SCORE_COLUMNS: readonly string[] = [
  'imd_score',
  'income_score_rate',
  'employment_score_rate',
  'education_skills_training_score',
  'health_deprivation_disability_score',
  'crime_score',
  'barriers_housing_services_score',
  'living_environment_score',
  'idaci_score_rate',
  'idaopi_score_rate',
  'children_young_people_subdomain_score',
  'adult_skills_subdomain_score',
  'geographical_barriers_subdomain_score',
  'wider_barriers_subdomain_score',
  'indoors_subdomain_score',
  'outdoors_subdomain_score',
];

/**
 * IoD2019 scores per LSOA 2011: `lsoa11cd`, `imd_score`, the 7 domain scores (income and
 * employment are rates, a proportion of the population), IDACI and IDAOPI (rates), and the 6
 * sub-domain scores (see {@link IMD_SCORE_COLUMNS}).
 *
 * Source: the score columns of IoD2019 File 7 (MHCLG), columns renamed; see data/SOURCES.md.
 * Quirk: some domain scores are negative by construction (health, crime, sub-domains are
 * standardised scores); higher always means more deprived.
 *
 * @example readImdScores().get('imd_score', 0) // 6.208 (E01000001)
 */
export function readImdScores(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/IoD2019_scores_lsoa11.csv'), 'imd-scores', (file) =>
    typedTable(readCsvRecords(file), [
      { name: 'lsoa11cd', type: 'string', allowMissing: false },
      ...IMD_SCORE_COLUMNS.map((name) => ({ name, type: 'number' as const })),
    ]),
  );
}
