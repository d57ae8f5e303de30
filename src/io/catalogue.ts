/**
 * A typed catalogue of every dataset bundled in `data/`: what it is, who published it, the
 * period it covers, its licence and size, and the healthgap function that reads it. Provenance
 * in full is in `data/SOURCES.md`. Used by `healthgap data`.
 */
import { existsSync } from 'node:fs';
import { dataPath } from './paths.js';

/** One bundled dataset. */
export interface DatasetInfo {
  /** Short stable identifier (`imd2019`, `mye2-2019-persons`). */
  id: string;
  /** Path inside `data/` without any `.gz` (pass to `dataPath`). */
  file: string;
  title: string;
  publisher: string;
  /** The period the data describe. */
  period: string;
  licence: string;
  /** Number of data records (rows, GeoJSON features, or coded area rows for sheet dumps). */
  rows: number;
  /** What `rows` counts. */
  unit: 'rows' | 'features' | 'area rows' | 'sheet lines';
  /** The healthgap reader, when there is one. */
  reader?: string;
  notes?: string;
}

const OGL = 'OGL v3.0';

/** Every bundled dataset (checked against the files by the test suite). */
export const DATASETS: readonly DatasetInfo[] = [
  // IMD 2019
  { id: 'imd2019', file: 'imd/imd2019_lsoa11_england_tidy.csv', title: 'IMD 2019 by LSOA 2011: score, rank, decile, mid-2015 population (tidy join)', publisher: 'MHCLG (derived join)', period: 'IoD2019 (published 2019)', licence: OGL, rows: 32844, unit: 'rows', reader: 'readImd()', notes: 'Derived from Files 1, 5/7 and 6; always use the published rank, not a re-ranked score.' },
  { id: 'imd2019-file1', file: 'imd/IoD2019_File1_IMD_lsoa11.csv', title: 'IoD2019 File 1: IMD rank and decile by LSOA 2011', publisher: 'MHCLG', period: 'IoD2019', licence: OGL, rows: 32844, unit: 'rows', reader: 'readImdFile1()', notes: 'Official export: CRLF, no final newline, quoted thousands.' },
  { id: 'imd2019-file2', file: 'imd/IoD2019_File2_domains_lsoa11.csv', title: 'IoD2019 File 2: IMD and 7 domain ranks and deciles by LSOA 2011', publisher: 'MHCLG', period: 'IoD2019', licence: OGL, rows: 32844, unit: 'rows', reader: 'readImdDomains()' },
  { id: 'imd2019-file6', file: 'imd/IoD2019_File6_population_denominators_lsoa11.csv', title: 'IoD2019 File 6: population denominators by LSOA 2011 (excluding prisoners)', publisher: 'MHCLG (from ONS)', period: 'mid-2015', licence: OGL, rows: 32844, unit: 'rows', reader: 'readImdPopulation()' },
  { id: 'imd2019-scores', file: 'imd/IoD2019_scores_lsoa11.csv', title: 'IoD2019 scores: IMD, domains, IDACI/IDAOPI, sub-domains by LSOA 2011', publisher: 'MHCLG', period: 'IoD2019', licence: OGL, rows: 32844, unit: 'rows', reader: 'readImdScores()' },
  // Lookups
  { id: 'lsoa11-geography', file: 'lookups/lsoa11_geography_england.csv', title: 'LSOA 2011 → MSOA, LAD19, UTLA19, region, CCG20, STP20, LAD20 (joined)', publisher: 'ONS / MHCLG (derived join)', period: '2011 LSOAs; LAD/UTLA 2019; CCG/STP April 2020', licence: OGL, rows: 32844, unit: 'rows', reader: 'readLsoaGeography()' },
  { id: 'lsoa11-ccg20-lad20', file: 'lookups/lsoa11_ccg20_lad20_england.csv', title: 'LSOA 2011 → CCG → LAD (April 2020), England', publisher: 'ONS', period: 'April 2020', licence: OGL, rows: 32844, unit: 'rows', reader: 'readLsoaCcgLad2020()' },
  { id: 'lsoa11-utla19', file: 'lookups/lsoa11_utla19_england_wales.csv', title: 'LSOA 2011 → UTLA (2019), England and Wales', publisher: 'ONS', period: '2019', licence: OGL, rows: 34753, unit: 'rows', reader: 'readLsoaUtla2019()' },
  { id: 'ltla19-utla19', file: 'lookups/ltla19_utla19_england_wales.csv', title: 'Lower tier → upper tier local authority (April 2019), England and Wales', publisher: 'ONS', period: 'April 2019', licence: OGL, rows: 339, unit: 'rows', reader: 'readLtlaUtla2019()' },
  { id: 'ccg20-stp20', file: 'lookups/ccg20_stp20_england.csv', title: 'CCG → STP (April 2020), England', publisher: 'ONS', period: 'April 2020', licence: OGL, rows: 135, unit: 'rows', reader: 'readCcgStp2020()', notes: 'STPs, not the July 2022 ICBs.' },
  { id: 'lad19-phec19', file: 'lookups/lad19_phec19_phereg19_england.csv', title: 'LAD → PHE Centre → PHE Region (December 2019)', publisher: 'ONS', period: 'December 2019', licence: OGL, rows: 317, unit: 'rows', reader: 'readLadPheCentre2019()' },
  { id: 'la-code-history', file: 'lookups/la_all_codes_drkane.csv', title: 'Every LTLA code since 2011 → current LAD, UTLA, region', publisher: 'David Kane, from ONS names and codes', period: '2011 to 2023', licence: 'OGL v3.0 (ONS data)', rows: 415, unit: 'rows', reader: 'readLaCodeHistory()' },
  { id: 'utla-codes', file: 'lookups/utla_all_codes_drkane.csv', title: 'UTLA → combined authority, region, country', publisher: 'David Kane, from ONS names and codes', period: 'current (2023)', licence: 'OGL v3.0 (ONS data)', rows: 218, unit: 'rows', reader: 'readUtlaCodes()' },
  { id: 'practice-map-2022', file: 'lookups/gp_reg_pat_prac_map_jan2022.csv', title: 'GP practice → PCN → CCG → STP → NHS region', publisher: 'NHS Digital', period: 'January 2022', licence: OGL, rows: 6527, unit: 'rows', reader: 'readPracticeMap2022()', notes: 'CCGs April 2021; STPs before July 2022 ICBs.' },
  { id: 'practice-pcn-2019', file: 'lookups/epcn_dec2019_practice_pcn_ccg.csv', title: 'GP practice → PCN relationships (ePCN, derived from the xlsx)', publisher: 'NHS Digital / ODS', period: 'December 2019', licence: OGL, rows: 6757, unit: 'rows', reader: 'readPracticePcn2019()' },
  // Population
  { id: 'mye2-2019-persons', file: 'population/mye2_mid2019_lad19_persons.csv', title: 'Population by single year of age, persons, UK areas (LAD 2019 codes)', publisher: 'ONS', period: 'mid-2019', licence: OGL, rows: 430, unit: 'rows', reader: "readMye2({ year: 2019, sex: 'Persons' })" },
  { id: 'mye2-2019-males', file: 'population/mye2_mid2019_lad19_males.csv', title: 'Population by single year of age, males, UK areas (LAD 2019 codes)', publisher: 'ONS', period: 'mid-2019', licence: OGL, rows: 430, unit: 'rows', reader: "readMye2({ year: 2019, sex: 'Male' })" },
  { id: 'mye2-2019-females', file: 'population/mye2_mid2019_lad19_females.csv', title: 'Population by single year of age, females, UK areas (LAD 2019 codes)', publisher: 'ONS', period: 'mid-2019', licence: OGL, rows: 430, unit: 'rows', reader: "readMye2({ year: 2019, sex: 'Female' })" },
  { id: 'mye3-2019', file: 'population/mye3_mid2019_lad19_components_of_change.csv', title: 'Components of population change (births, deaths, migration) by area', publisher: 'ONS', period: 'mid-2018 to mid-2019', licence: OGL, rows: 430, unit: 'rows', reader: 'readMye3Components()' },
  // Deaths
  { id: 'deaths2014', file: 'deaths/deaths2014_la_sex_age_tidy.csv', title: 'Deaths by area of usual residence, sex and age band (tidy, GSS codes)', publisher: 'ONS (derived)', period: '2014 registrations', licence: OGL, rows: 15800, unit: 'rows', reader: 'readDeaths2014()', notes: '395 areas × 2 sexes × 20 bands; 2014 area codes.' },
  { id: 'deaths2014-table2', file: 'deaths/deathsarea2014_table2_deaths_by_la_sex_age.csv', title: 'Deaths registered by area of usual residence 2014, Table 2 (sheet export, names only)', publisher: 'ONS', period: '2014 registrations', licence: OGL, rows: 467, unit: 'sheet lines', notes: 'Raw sheet dump kept for provenance; use deaths2014.' },
  { id: 'mye2-2014-males', file: 'deaths/MYE2_mid2014_uk_males.csv', title: 'Population by single year of age, males, UK areas (sheet export)', publisher: 'ONS', period: 'mid-2014', licence: OGL, rows: 440, unit: 'area rows', reader: "readMye2({ year: 2014, sex: 'Male' })" },
  { id: 'mye2-2014-females', file: 'deaths/MYE2_mid2014_uk_females.csv', title: 'Population by single year of age, females, UK areas (sheet export)', publisher: 'ONS', period: 'mid-2014', licence: OGL, rows: 440, unit: 'area rows', reader: "readMye2({ year: 2014, sex: 'Female' })" },
  // GP registrations and QOF
  { id: 'gp-reg-lsoa-2021', file: 'gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv', title: 'Patients registered at each GP practice by LSOA 2011 of residence', publisher: 'NHS Digital', period: 'January 2021 (inferred)', licence: OGL, rows: 839677, unit: 'rows', reader: 'readGpRegistrationsByLsoa()', notes: 'Includes NO2011 and Welsh LSOA rows.' },
  { id: 'gp-reg-lsoa-2022', file: 'gp_registrations/gp_reg_pat_prac_lsoa_all_2022.csv', title: 'Patients registered at each GP practice by LSOA 2011 (later extract)', publisher: 'NHS Digital', period: '2022 (month not recorded)', licence: OGL, rows: 865965, unit: 'rows', reader: "readGpRegistrationsByLsoa(dataPath('gp_registrations/gp_reg_pat_prac_lsoa_all_2022.csv'))" },
  { id: 'gp-qof-age-groups', file: 'gp_registrations/gp_by_qof_age_group_apr2020_hoclibrary.csv', title: 'GP practice population in QOF age groups, 0-64 and 65+', publisher: 'House of Commons Library (from NHS Digital)', period: 'April 2020 / QOF 2019-20', licence: 'Open Parliament Licence; NHS Digital data OGL v3.0', rows: 6730, unit: 'rows', reader: 'readQofAgeGroups()' },
  { id: 'qof-prevalence-1920', file: 'qof/PREVALENCE_1920.csv', title: 'QOF practice registers and list sizes, 21 registers', publisher: 'NHS Digital', period: '2019-20', licence: OGL, rows: 141120, unit: 'rows', reader: 'readQofPrevalence()', notes: '6,720 practices; 6 rows have register > list size as published.' },
  { id: 'qof-derived', file: 'qof/qof_practice_prevalence_derived.csv', title: 'QOF practice recorded prevalence proportions (derived, no counts)', publisher: 'NHS Digital (derived)', period: 'not stated (probably 2021-22)', licence: OGL, rows: 6470, unit: 'rows', reader: 'readQofDerivedPrevalence()', notes: 'Demo and plausibility use only.' },
  { id: 'gp-practices', file: 'qof/gp_practices_ods.csv', title: 'GP practices (ODS epraccur-style list), open and closed', publisher: 'NHS England ODS', period: 'snapshot, date not recorded', licence: OGL, rows: 15199, unit: 'rows', reader: 'readGpPractices()' },
  // Fingertips and reference
  { id: 'fingertips-93356', file: 'fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv', title: 'Fingertips export: Campylobacter incidence (93356), Counties & UAs', publisher: 'Public Health England (Fingertips)', period: '2015-2017', licence: OGL, rows: 852, unit: 'rows', reader: 'readFingertipsExport(path)', notes: 'Standard 26-column layout; pre-2019 county/UA codes.' },
  { id: 'esp2013-19', file: 'reference/esp2013_5yr_19bands.csv', title: 'European Standard Population 2013, 19 bands', publisher: 'Eurostat', period: '2013', licence: '© European Union, reuse with acknowledgement', rows: 19, unit: 'rows', reader: 'readEsp2013(19)' },
  { id: 'esp2013-21', file: 'reference/esp2013_21bands.csv', title: 'European Standard Population 2013, 21 bands', publisher: 'Eurostat', period: '2013', licence: '© European Union, reuse with acknowledgement', rows: 21, unit: 'rows', reader: 'readEsp2013(21)' },
  { id: 'hse2022-hypertension', file: 'reference/hse2022_hypertension_by_age_sex.csv', title: 'Health Survey for England: hypertension status by age and sex (%)', publisher: 'NHS England', period: '2022', licence: OGL, rows: 15, unit: 'rows', reader: 'readHse2022Hypertension()' },
  // NHS performance (SPC)
  { id: 'ae-attendances', file: 'spc/ae_attendances.csv', title: 'A&E attendances, 4-hour breaches and emergency admissions by provider, month and A&E type', publisher: 'NHS England (NHSRdatasets ae_attendances)', period: 'April 2016 to March 2019', licence: OGL, rows: 12765, unit: 'rows', reader: 'readAeAttendances()', notes: 'RRK includes the former Heart of England (RR1) sites from July 2018.' },
  // Boundaries
  { id: 'boundaries-lad', file: 'boundaries/lad_may2024_uk_bsc.geojson', title: 'Local authority district boundaries, UK (BSC)', publisher: 'ONS', period: 'May 2024', licence: OGL, rows: 361, unit: 'features', reader: "readBoundaries('lad')" },
  { id: 'boundaries-ctyua', file: 'boundaries/ctyua_dec2023_uk_bsc.geojson', title: 'Counties and unitary authority boundaries, UK (BSC)', publisher: 'ONS', period: 'December 2023', licence: OGL, rows: 218, unit: 'features', reader: "readBoundaries('utla')" },
  { id: 'boundaries-icb', file: 'boundaries/icb_apr2023_en_bsc.geojson', title: 'Integrated care board boundaries, England (BSC)', publisher: 'ONS', period: 'April 2023', licence: OGL, rows: 42, unit: 'features', reader: "readBoundaries('icb')" },
  { id: 'boundaries-sicbl', file: 'boundaries/sicbl_apr2023_en_bsc.geojson', title: 'Sub-ICB location boundaries, England (BSC)', publisher: 'ONS', period: 'April 2023', licence: OGL, rows: 106, unit: 'features', reader: "readBoundaries('sicbl')" },
  { id: 'boundaries-region', file: 'boundaries/rgn_dec2023_en_buc.geojson', title: 'Region boundaries, England (BUC)', publisher: 'ONS', period: 'December 2023', licence: OGL, rows: 9, unit: 'features', reader: "readBoundaries('region')" },
  { id: 'boundaries-lsoa-wmca', file: 'boundaries/lsoa11_bgc_E47000007.geojson', title: 'LSOA 2011 boundaries, West Midlands Combined Authority (7 LADs)', publisher: 'ONS (split by LA by David Kane)', period: '2011 LSOAs', licence: OGL, rows: 1680, unit: 'features', reader: "readBoundaries('lsoa')" },
  { id: 'boundaries-lsoa-herefordshire', file: 'boundaries/lsoa11_bgc_E06000019.geojson', title: 'LSOA 2011 boundaries, Herefordshire', publisher: 'ONS (split by LA by David Kane)', period: '2011 LSOAs', licence: OGL, rows: 116, unit: 'features', reader: "readBoundaries('lsoa')" },
  { id: 'boundaries-lsoa-worcestershire', file: 'boundaries/lsoa11_bgc_E10000034.geojson', title: 'LSOA 2011 boundaries, Worcestershire', publisher: 'ONS (split by LA by David Kane)', period: '2011 LSOAs', licence: OGL, rows: 364, unit: 'features', reader: "readBoundaries('lsoa')" },
  // Current geography and deprivation (IoD2025, LSOA 2021 lookups, Census 2021, ePCN 2023)
  { id: 'imd2025', file: 'imd/imd2025_lsoa21_england.csv', title: 'IoD2025 by LSOA 2021: IMD and 7 domain ranks, published deciles and scores; IDACI/IDAOPI', publisher: 'MHCLG', period: 'IoD2025 (October 2025)', licence: OGL, rows: 33755, unit: 'rows', reader: 'readImd2025()', notes: 'IMD rank/decile from File 1, IDACI/IDAOPI from File 3, scores from File 7; deciles checked against File 1.' },
  { id: 'imd2025-lad24', file: 'imd/imd2025_lad24_summary.csv', title: 'IoD2025 File 10 (v2): local authority district summaries', publisher: 'MHCLG', period: 'IoD2025; LAD 2024', licence: OGL, rows: 296, unit: 'rows', reader: 'readImd2025LadSummary()' },
  { id: 'imd2025-icb24', file: 'imd/imd2025_icb24_summary.csv', title: 'IoD2025 File 13: integrated care board summaries', publisher: 'MHCLG', period: 'IoD2025; ICB 2024', licence: OGL, rows: 42, unit: 'rows', reader: 'readImd2025IcbSummary()' },
  { id: 'lsoa11-lsoa21', file: 'lookups/lsoa11_lsoa21_exact_england.csv', title: 'LSOA 2011 → LSOA 2021 exact lookup with change codes U/S/M/X, England', publisher: 'ONS', period: '2011 → 2021', licence: OGL, rows: 33855, unit: 'rows', reader: 'readLsoa11Lsoa21()' },
  { id: 'lsoa21-icb24', file: 'lookups/lsoa21_sicbl24_icb24_england.csv', title: 'LSOA 2021 → sub-ICB location → ICB (official)', publisher: 'ONS', period: 'April 2024', licence: OGL, rows: 33755, unit: 'rows', reader: 'readLsoa21Icb2024()' },
  { id: 'lsoa21-ward24', file: 'lookups/lsoa21_ward24_lad24_england.csv', title: 'LSOA 2021 → electoral ward → LAD (best fit), England', publisher: 'ONS', period: '2024', licence: OGL, rows: 33755, unit: 'rows', reader: 'readLsoa21Ward2024()' },
  { id: 'lsoa11-icb22', file: 'lookups/lsoa11_sicbl22_icb22_england.csv', title: 'LSOA 2011 → sub-ICB location → ICB (official)', publisher: 'ONS', period: 'July 2022', licence: OGL, rows: 32844, unit: 'rows', reader: 'readLsoa11Icb2022()' },
  { id: 'sicbl22-nhser22', file: 'lookups/sicbl22_icb22_nhser22_england.csv', title: 'Sub-ICB location → ICB → NHS England region', publisher: 'ONS', period: 'July 2022', licence: OGL, rows: 106, unit: 'rows', reader: 'readSubIcbIcbRegion2022()' },
  { id: 'lad22-region22', file: 'lookups/lad22_region22_england.csv', title: 'LAD → region (December 2022, before the April 2023 mergers)', publisher: 'ONS', period: 'December 2022', licence: OGL, rows: 309, unit: 'rows', reader: 'readLadRegion2022()' },
  { id: 'lad22-lad23', file: 'lookups/lad22_lad23.csv', title: 'LAD 2022 → LAD 2023 (the April 2023 mergers), England and Wales', publisher: 'ONS', period: '2022 → 2023', licence: OGL, rows: 374, unit: 'rows', reader: 'readLad22Lad23()' },
  { id: 'lad23-utla23', file: 'lookups/lad23_utla23.csv', title: 'LAD 2023 → upper-tier local authority 2023, England and Wales', publisher: 'ONS', period: '2023', licence: OGL, rows: 318, unit: 'rows', reader: 'readLad23Utla23()' },
  { id: 'lad23-region23', file: 'lookups/lad23_region23.csv', title: 'LAD 2023 → region, England', publisher: 'ONS', period: '2023', licence: OGL, rows: 296, unit: 'rows', reader: 'readLad23Region23()' },
  { id: 'practice-pcn-2023', file: 'lookups/epcn_2023-01_practice_pcn.csv', title: 'GP practice → PCN → sub-ICB location: open memberships (ePCN, derived from the xlsx)', publisher: 'NHS England ODS', period: 'January 2023', licence: OGL, rows: 6391, unit: 'rows', reader: 'readEpcn2023()' },
  { id: 'census21-age-lsoa21', file: 'population/census21_lsoa21_age6_england.csv', title: 'Census 2021 usual residents by LSOA 2021, six age groups', publisher: 'ONS', period: '21 March 2021', licence: OGL, rows: 33755, unit: 'rows', reader: 'readCensus2021AgeLsoa()', notes: 'England 56,489,608; the IMD 2025 denominator.' },
  { id: 'census21-ts021-lsoa21', file: 'population/census21_ts021_ethnicity_lsoa21_england.csv', title: 'Census 2021 TS021 ethnic group by LSOA 2021 (5 broad, 19 detailed groups)', publisher: 'ONS', period: '21 March 2021', licence: OGL, rows: 33755, unit: 'rows', reader: 'readCensus2021EthnicityLsoa()' },
  { id: 'census21-ethnicity-lad21', file: 'population/census21_ethnicity_lad21_england.csv', title: 'Census 2021 ethnic group (19 groups) by LAD 2021', publisher: 'ONS', period: '21 March 2021', licence: OGL, rows: 5871, unit: 'rows', reader: 'readCensus2021EthnicityLad()' },
];

/** A dataset by id; undefined when there is none. */
export function findDataset(id: string): DatasetInfo | undefined {
  return DATASETS.find((d) => d.id === id);
}

/** The catalogue with each file's resolved path and whether it is present (for `healthgap data`). */
export function datasetCatalogue(): (DatasetInfo & { path: string; present: boolean })[] {
  return DATASETS.map((d) => {
    const path = dataPath(d.file);
    return { ...d, path, present: existsSync(path) };
  });
}
