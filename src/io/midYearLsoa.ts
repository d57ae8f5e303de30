/**
 * Reader for ONS mid-year population estimates by LSOA 2021, single year of age and sex, as
 * stored by `healthgap data add` from the published `sapelsoasyoa…xlsx` workbook (one sheet per
 * year): one row per year × LSOA × sex.
 */
import type { ColumnTable } from 'arquero';
import { readTypedCsv, type ColumnSpec } from './csv.js';

/** The open top age of the ONS LSOA single-year tables (90 = 90 and over). */
export const MID_YEAR_LSOA_TOP_AGE = 90;

/**
 * ONS mid-year estimates by LSOA 2021 as stored by `data add`: `period` (`mid-2022`), `lad_code`
 * (the LAD code as published in that workbook, e.g. LAD 2023), `lsoa21_code`, `sex`
 * (`Female`/`Male`), `all_ages` (the sum of the ages of that sex), `age_0` … `age_90` (90 and
 * over). Females + males give the published Total of each LSOA.
 *
 * Reference: ONS, "Lower layer Super Output Area population estimates by single year of age and
 * sex" (OGL v3); ONS advise single-year LSOA figures are building bricks for larger areas or
 * broader ages, not for direct use.
 *
 * @example readMidYearLsoa(findRelease('population-lsoa-lsoa-syoa-mid-2022-to-mid-2024')!.path).filter((d) => d.period === 'mid-2024')
 */
export function readMidYearLsoa(path: string): ColumnTable {
  const ages = Array.from({ length: MID_YEAR_LSOA_TOP_AGE + 1 }, (_, a): ColumnSpec => ({ name: `age_${a}`, type: 'count', allowMissing: false }));
  return readTypedCsv(path, [
    { name: 'period', type: 'string', allowMissing: false },
    { name: 'lad_code', type: 'string' },
    { name: 'lsoa21_code', type: 'string', allowMissing: false },
    { name: 'sex', type: 'string', allowMissing: false },
    { name: 'all_ages', type: 'count', allowMissing: false },
    ...ages,
  ]);
}
