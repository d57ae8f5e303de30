/**
 * Readers for the ONS lookups of the current geography (LSOA 2021, ward 2024, LAD 2022/2023/2024,
 * UTLA 2023, sub-ICB location and ICB 2022/2024, NHS England region) bundled in `data/lookups`
 * (see data/SOURCES.md). Columns are snake_case `<level><year>_code` / `_name`, and for NHS
 * bodies `_ods_code` (the three-character ODS code). Each reader takes an optional path to read
 * another copy of the same ONS product; the bundled file is read once per process.
 */
import type { ColumnTable } from 'arquero';
import { readTypedCsv, type ColumnSpec } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

const s = (name: string, source: string = name): ColumnSpec => ({ name, source, type: 'string', allowMissing: false });

/** The change codes of the ONS LSOA 2011 → LSOA 2021 exact lookup. */
export type LsoaChangeCode = 'U' | 'S' | 'M' | 'X';

/** What each change code means (ONS, LSOA (2011) to LSOA (2021) exact-fit lookup). */
export const LSOA_CHANGE_CODES: Readonly<Record<LsoaChangeCode, string>> = {
  U: 'unchanged',
  S: 'split (one 2011 LSOA became two or more 2021 LSOAs)',
  M: 'merged (two or more 2011 LSOAs became one 2021 LSOA)',
  X: 'irregular (boundaries redrawn: 2011 and 2021 LSOAs overlap many-to-many)',
};

/**
 * ONS LSOA (2011) → LSOA (2021) → LAD (2022) **exact** lookup, England (33,855 rows: one per
 * 2011-2021 pair). Columns: `lsoa11_code`, `lsoa21_code`, `change_code` (U/S/M/X, see
 * {@link LSOA_CHANGE_CODES}), `lad22_code`. Every English LSOA 2011 (32,844) and LSOA 2021
 * (33,755) appears at least once.
 *
 * @example readLsoa11Lsoa21().filter((d) => d.change_code === 'S').numRows() // rows of split LSOAs
 */
export function readLsoa11Lsoa21(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lsoa11_lsoa21_exact_england.csv'), 'lsoa11-lsoa21', (file) => {
    const t = readTypedCsv(file, [s('lsoa11_code'), s('lsoa21_code'), s('change_code'), s('lad22_code')]);
    const codes = t.array('change_code') as string[];
    const bad = codes.findIndex((c) => !(c in LSOA_CHANGE_CODES));
    if (bad >= 0) throw new InputError(`expected a change code U, S, M or X, found "${codes[bad]}"`, { file, row: bad + 2, column: 'change_code' });
    return t;
  });
}

/**
 * ONS LSOA (2021) → Sub ICB Location → Integrated Care Board, April 2024, England (33,755 rows;
 * official). Columns: `lsoa21_code`, `sicbl24_code`, `sicbl24_ods_code`, `sicbl24_name`,
 * `icb24_code`, `icb24_ods_code`, `icb24_name`. 106 sub-ICB locations, 42 ICBs.
 *
 * @example readLsoa21Icb2024().filter((d) => d.lsoa21_code === 'E01033421').get('icb24_code') // Norfolk and Waveney (Lowestoft)
 */
export function readLsoa21Icb2024(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lsoa21_sicbl24_icb24_england.csv'), 'lsoa21-icb24', (file) =>
    readTypedCsv(file, [
      s('lsoa21_code'),
      s('sicbl24_code'),
      s('sicbl24_ods_code', 'sicbl24_code_nhs'),
      s('sicbl24_name'),
      s('icb24_code'),
      s('icb24_ods_code', 'icb24_code_nhs'),
      s('icb24_name'),
    ]),
  );
}

/**
 * ONS LSOA (2021) → electoral ward (2024) → LAD (2024) best-fit lookup, England (33,755 rows).
 * Columns: `lsoa21_code`, `lsoa21_name`, `ward24_code`, `ward24_name`, `lad24_code`, `lad24_name`.
 *
 * @example new Set(readLsoa21Ward2024().array('lad24_code')).size // 296
 */
export function readLsoa21Ward2024(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lsoa21_ward24_lad24_england.csv'), 'lsoa21-ward24', (file) =>
    readTypedCsv(file, [s('lsoa21_code'), s('lsoa21_name'), s('ward24_code'), s('ward24_name'), s('lad24_code'), s('lad24_name')]),
  );
}

/**
 * ONS LSOA (2011) → Sub ICB Location → ICB, July 2022, England (32,844 rows; official). Columns:
 * `lsoa11_code`, `sicbl22_code`, `icb22_code` (names: {@link readSubIcbIcbRegion2022}).
 *
 * @example readLsoa11Icb2022().numRows() // 32844
 */
export function readLsoa11Icb2022(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lsoa11_sicbl22_icb22_england.csv'), 'lsoa11-icb22', (file) =>
    readTypedCsv(file, [s('lsoa11_code'), s('sicbl22_code'), s('icb22_code')]),
  );
}

/**
 * ONS Sub ICB Locations → Integrated Care Boards → NHS England (Region), July 2022 (106 rows).
 * Columns: `sicbl22_code`, `sicbl22_ods_code`, `sicbl22_name`, `icb22_code`, `icb22_ods_code`,
 * `icb22_name`, `nhser22_code`, `nhser22_ods_code`, `nhser22_name`. Accepts the ONS download as
 * published (BOM, `ObjectId` column).
 *
 * @example new Set(readSubIcbIcbRegion2022().array('nhser22_code')).size // 7
 */
export function readSubIcbIcbRegion2022(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/sicbl22_icb22_nhser22_england.csv'), 'sicbl22-icb22-nhser22', (file) =>
    readTypedCsv(file, [
      s('sicbl22_code', 'SICBL22CD'),
      s('sicbl22_ods_code', 'SICBL22CDH'),
      s('sicbl22_name', 'SICBL22NM'),
      s('icb22_code', 'ICB22CD'),
      s('icb22_ods_code', 'ICB22CDH'),
      s('icb22_name', 'ICB22NM'),
      s('nhser22_code', 'NHSER22CD'),
      s('nhser22_ods_code', 'NHSER22CDH'),
      s('nhser22_name', 'NHSER22NM'),
    ]),
  );
}

/**
 * ONS Local Authority District to Region (December 2022), England (309 rows: the LAD set before
 * the April 2023 mergers). Columns: `lad22_code`, `lad22_name`, `rgn22_code`, `rgn22_name`.
 */
export function readLadRegion2022(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lad22_region22_england.csv'), 'lad22-rgn22', (file) =>
    readTypedCsv(file, [s('lad22_code', 'LAD22CD'), s('lad22_name', 'LAD22NM'), s('rgn22_code', 'RGN22CD'), s('rgn22_name', 'RGN22NM')]),
  );
}

/**
 * ONS LAD (2022) → LAD (2023), England and Wales (374 rows): the April 2023 reorganisation
 * (Cumberland, Westmorland and Furness, North Yorkshire, Somerset). Columns: `lad22_code`,
 * `lad22_name`, `lad23_code`, `lad23_name`.
 *
 * @example readLad22Lad23().filter((d) => d.lad22_code === 'E07000026').get('lad23_name') // 'Cumberland' (Allerdale)
 */
export function readLad22Lad23(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lad22_lad23.csv'), 'lad22-lad23', (file) =>
    readTypedCsv(file, [s('lad22_code', 'ltla22_code'), s('lad22_name', 'ltla22_name'), s('lad23_code', 'ltla23_code'), s('lad23_name', 'ltla23_name')]),
  );
}

/**
 * ONS LAD (2023) → upper-tier local authority (2023), England and Wales (318 rows). Columns:
 * `lad23_code`, `lad23_name`, `utla23_code`, `utla23_name`. LAD 2023 and LAD 2024 codes are the
 * same in England, so this serves for 2024 too.
 */
export function readLad23Utla23(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lad23_utla23.csv'), 'lad23-utla23', (file) =>
    readTypedCsv(file, [s('lad23_code', 'ltla23_code'), s('lad23_name', 'ltla23_name'), s('utla23_code'), s('utla23_name')]),
  );
}

/**
 * ONS LAD (2023) → region, England (296 rows). Columns: `lad23_code`, `lad23_name`,
 * `rgn23_code`, `rgn23_name`.
 */
export function readLad23Region23(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/lad23_region23.csv'), 'lad23-rgn23', (file) =>
    readTypedCsv(file, [s('lad23_code', 'ltla23_code'), s('lad23_name', 'ltla23_name'), s('rgn23_code', 'region23_code'), s('rgn23_name', 'region23_name')]),
  );
}
