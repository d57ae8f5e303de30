/**
 * Readers for the ONS geography lookups bundled in `data/lookups` (see data/SOURCES.md). Each
 * returns an arquero table with snake_case columns: `<level><year>_code`, `<level><year>_name`
 * and, for NHS bodies, `<level><year>_ods_code` (the three-character ODS code, e.g. `00T`).
 * Every reader takes an optional `file` to read another copy of the same ONS product (read each
 * time); the bundled file is read once per process and shared (arquero tables are immutable).
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { readTypedCsv, type ColumnSpec } from './csv.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

const s = (name: string, source: string): ColumnSpec => ({ name, source, type: 'string', allowMissing: false });
const opt = (name: string, source: string): ColumnSpec => ({ name, source, type: 'string', required: false });

/**
 * One row per English LSOA 2011 (32,844): MSOA 2011, LAD 2019, UTLA 2019, region (2011 codes),
 * CCG 2020, STP 2020 and LAD 2020 (`lookups/lsoa11_geography_england.csv`).
 * Columns: lsoa11_code, lsoa11_name, msoa11_code, msoa11_name, lad19_code, lad19_name,
 * utla19_code, utla19_name, rgn11_code, rgn11_name, ccg20_code, ccg20_ods_code, ccg20_name,
 * stp20_code, stp20_ods_code, stp20_name, lad20_code, lad20_name.
 *
 * @example readLsoaGeography().numRows() // 32844
 */
export function readLsoaGeography(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/lsoa11_geography_england.csv'), 'readLsoaGeography', (f) => readLsoaGeographyUncached(f));
}

function readLsoaGeographyUncached(file: string): ColumnTable {
  return readTypedCsv(file, [
    s('lsoa11_code', 'lsoa11cd'),
    s('lsoa11_name', 'lsoa11nm'),
    s('msoa11_code', 'msoa11cd'),
    s('msoa11_name', 'msoa11nm'),
    s('lad19_code', 'lad19cd'),
    s('lad19_name', 'lad19nm'),
    s('utla19_code', 'utla19cd'),
    s('utla19_name', 'utla19nm'),
    s('rgn11_code', 'rgn11cd'),
    s('rgn11_name', 'rgn11nm'),
    s('ccg20_code', 'ccg20cd'),
    s('ccg20_ods_code', 'ccg20cdh'),
    s('ccg20_name', 'ccg20nm'),
    s('stp20_code', 'stp20cd'),
    s('stp20_ods_code', 'stp20cdh'),
    s('stp20_name', 'stp20nm'),
    s('lad20_code', 'lad20cd'),
    s('lad20_name', 'lad20nm'),
  ]);
}

/**
 * Lower-tier to upper-tier local authority, April 2019, England and Wales (339 rows;
 * `lookups/ltla19_utla19_england_wales.csv`). Columns: ltla19_code, ltla19_name, utla19_code, utla19_name.
 *
 * @example readLtlaUtla2019().filter((d) => d.utla19_code === 'E10000034').numRows() // 6 (Worcestershire's districts)
 */
export function readLtlaUtla2019(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/ltla19_utla19_england_wales.csv'), 'readLtlaUtla2019', (f) => readLtlaUtla2019Uncached(f));
}

function readLtlaUtla2019Uncached(file: string): ColumnTable {
  return readTypedCsv(file, [s('ltla19_code', 'LTLA19CD'), s('ltla19_name', 'LTLA19NM'), s('utla19_code', 'UTLA19CD'), s('utla19_name', 'UTLA19NM')]);
}

/**
 * LAD 2019 to PHE Centre and PHE Region, December 2019 (317 rows;
 * `lookups/lad19_phec19_phereg19_england.csv`). Columns: lad19_code, lad19_name, phec19_code,
 * phec19_ods_code, phec19_name, phereg19_code, phereg19_ods_code, phereg19_name.
 */
export function readLadPheCentre2019(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/lad19_phec19_phereg19_england.csv'), 'readLadPheCentre2019', (f) => readLadPheCentre2019Uncached(f));
}

function readLadPheCentre2019Uncached(file: string): ColumnTable {
  return readTypedCsv(file, [
    s('lad19_code', 'LAD19CD'),
    s('lad19_name', 'LAD19NM'),
    s('phec19_code', 'PHEC19CD'),
    s('phec19_ods_code', 'PHEC19CDH'),
    s('phec19_name', 'PHEC19NM'),
    s('phereg19_code', 'PHEREG19CD'),
    s('phereg19_ods_code', 'PHEREG19CDH'),
    s('phereg19_name', 'PHEREG19NM'),
  ]);
}

/**
 * Every lower-tier local authority code in use since 2011 with its current ("active") LAD,
 * that LAD's UTLA, combined authority, region and country (415 rows, UK;
 * `lookups/la_all_codes_drkane.csv`). Columns: lad_code, lad_name, lad_active_code,
 * lad_active_name, utla_code, utla_name, cauth_code, cauth_name, rgn_code, rgn_name, ctry_code,
 * ctry_name, current (boolean: the code is still in use). Blank cells (no combined authority,
 * Northern Ireland UTLAs) are null.
 *
 * @example readLaCodeHistory().filter((d) => d.lad_code === 'E06000028').get('lad_active_code') // 'E06000058'
 */
export function readLaCodeHistory(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/la_all_codes_drkane.csv'), 'readLaCodeHistory', (f) => readLaCodeHistoryUncached(f));
}

function readLaCodeHistoryUncached(file: string): ColumnTable {
  const t = readTypedCsv(file, [
    s('lad_code', 'LADCD'),
    s('lad_name', 'LADNM'),
    s('lad_active_code', 'LADCD_ACTIVE'),
    s('lad_active_name', 'LADNM_ACTIVE'),
    opt('utla_code', 'UTLACD'),
    opt('utla_name', 'UTLANM'),
    opt('cauth_code', 'CAUTHCD'),
    opt('cauth_name', 'CAUTHNM'),
    opt('rgn_code', 'RGNCD'),
    opt('rgn_name', 'RGNNM'),
    opt('ctry_code', 'CTRYCD'),
    opt('ctry_name', 'CTRYNM'),
    s('current', 'Current'),
  ]);
  const current = (t.array('current') as string[]).map((v) => v.toUpperCase() === 'TRUE');
  return t.assign(aq.table({ current }));
}

/**
 * Current upper-tier local authorities with combined authority, region and country (218 rows,
 * UK; `lookups/utla_all_codes_drkane.csv`). Columns: utla_code, utla_name, cauth_code,
 * cauth_name, rgn_code, rgn_name, ctry_code, ctry_name.
 */
export function readUtlaCodes(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/utla_all_codes_drkane.csv'), 'readUtlaCodes', (f) => readUtlaCodesUncached(f));
}

function readUtlaCodesUncached(file: string): ColumnTable {
  return readTypedCsv(file, [
    s('utla_code', 'UTLACD'),
    s('utla_name', 'UTLANM'),
    opt('cauth_code', 'CAUTHCD'),
    opt('cauth_name', 'CAUTHNM'),
    opt('rgn_code', 'RGNCD'),
    opt('rgn_name', 'RGNNM'),
    opt('ctry_code', 'CTRYCD'),
    opt('ctry_name', 'CTRYNM'),
  ]);
}

/**
 * Clinical commissioning group to sustainability and transformation partnership, April 2020
 * (135 rows; `lookups/ccg20_stp20_england.csv`). STP 2020 is not ICB 2022 (see docs/geography.md).
 * Columns: ccg20_code, ccg20_ods_code, ccg20_name, stp20_code, stp20_ods_code, stp20_name.
 */
export function readCcgStp2020(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/ccg20_stp20_england.csv'), 'readCcgStp2020', (f) => readCcgStp2020Uncached(f));
}

function readCcgStp2020Uncached(file: string): ColumnTable {
  return readTypedCsv(file, [
    s('ccg20_code', 'CCG20CD'),
    s('ccg20_ods_code', 'CCG20CDH'),
    s('ccg20_name', 'CCG20NM'),
    s('stp20_code', 'STP20CD'),
    s('stp20_ods_code', 'STP20CDH'),
    s('stp20_name', 'STP20NM'),
  ]);
}

/**
 * LSOA 2011 to CCG 2020 to LAD 2020, England (32,844 rows; `lookups/lsoa11_ccg20_lad20_england.csv`).
 * Columns: lsoa11_code, lsoa11_name, ccg20_code, ccg20_ods_code, ccg20_name, lad20_code, lad20_name.
 */
export function readLsoaCcgLad2020(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/lsoa11_ccg20_lad20_england.csv'), 'readLsoaCcgLad2020', (f) => readLsoaCcgLad2020Uncached(f));
}

function readLsoaCcgLad2020Uncached(file: string): ColumnTable {
  return readTypedCsv(file, [
    s('lsoa11_code', 'LSOA11CD'),
    s('lsoa11_name', 'LSOA11NM'),
    s('ccg20_code', 'CCG20CD'),
    s('ccg20_ods_code', 'CCG20CDH'),
    s('ccg20_name', 'CCG20NM'),
    s('lad20_code', 'LAD20CD'),
    s('lad20_name', 'LAD20NM'),
  ]);
}

/**
 * LSOA 2011 to UTLA 2019, England and Wales (34,753 rows; `lookups/lsoa11_utla19_england_wales.csv`).
 * Columns: lsoa11_code, lsoa11_name, utla19_code, utla19_name.
 */
export function readLsoaUtla2019(file?: string): ColumnTable {
  return readMaybeCached(file, dataPath('lookups/lsoa11_utla19_england_wales.csv'), 'readLsoaUtla2019', (f) => readLsoaUtla2019Uncached(f));
}

function readLsoaUtla2019Uncached(file: string): ColumnTable {
  return readTypedCsv(file, [s('lsoa11_code', 'LSOA11CD'), s('lsoa11_name', 'LSOA11NM'), s('utla19_code', 'UTLA19CD'), s('utla19_name', 'UTLA19NM')]);
}
