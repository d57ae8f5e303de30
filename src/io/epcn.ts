/**
 * Reader for the NHS ODS ePCN file (primary care networks and their member practices), as the
 * tidy CSV made by `data/tools/build-geo-data.mjs` from the published workbook.
 */
import type { ColumnTable } from 'arquero';
import { readTypedCsv } from './csv.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/**
 * Open practice → PCN memberships from NHS ODS ePCN, January 2023 (6,391 practices, one row
 * each): `practice_code`, `practice_name`, `practice_sicbl_ods_code` (the practice's sub-ICB
 * location, ODS code such as `15N`), `pcn_code`, `pcn_name`, `pcn_sicbl_ods_code` (the PCN's
 * sub-ICB location; differs for cross-border PCNs), `start_date` (YYYYMMDD).
 *
 * @example readEpcn2023().filter((d) => d.practice_code === 'A81001').get('pcn_name') // 'STOCKTON PCN'
 */
export function readEpcn2023(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/epcn_2023-01_practice_pcn.csv'), 'epcn-2023-01', (file) =>
    readTypedCsv(file, [
      { name: 'practice_code', type: 'string', allowMissing: false },
      { name: 'practice_name', type: 'string' },
      { name: 'practice_sicbl_ods_code', type: 'string', allowMissing: false },
      { name: 'pcn_code', type: 'string', allowMissing: false },
      { name: 'pcn_name', type: 'string' },
      { name: 'pcn_sicbl_ods_code', type: 'string', allowMissing: false },
      { name: 'start_date', type: 'string' },
    ]),
  );
}
