/**
 * GP practice readers: the NHS ODS practice list, practice → PCN → CCG → STP → region maps, and
 * patients registered at each practice by LSOA of residence.
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, snakeCase, type ColumnSpec } from './csv.js';
import { readTypedCsvLean } from './csvLean.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/** Every column as text, snake_cased from the header. */
function allText(header: string[], required: string[]): ColumnSpec[] {
  const names = header.map(snakeCase);
  const specs: ColumnSpec[] = header.map((h, i) => ({ name: names[i], source: h, type: 'string' }));
  for (const r of required) if (!names.includes(r)) specs.push({ name: r, source: r, type: 'string' });
  return specs.map((s) => (required.includes(s.name) && s.name.endsWith('_code') ? { ...s, allowMissing: false } : s));
}

/**
 * The NHS ODS GP practice list (epraccur-style), 15,199 practices including closed ones:
 * `practice_code`, `practice_name`, `postcode`, `open_date`, `close_date` (ISO `YYYY-MM-DD`
 * text, null while open), `status` (`Active`, `Inactive`, …), `prescribing_setting`
 * (`GP Practice` for practices; other settings are out-of-hours, walk-in and similar).
 *
 * Source: NHS England Organisation Data Service (OGL v3), via a parquet mirror (see
 * data/SOURCES.md). Quirk: no sub-ICB/ICB column; use {@link readPracticeMap2022} for that.
 *
 * @example readGpPractices().filter((d) => d.status === 'Active')
 */
export function readGpPractices(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('qof/gp_practices_ods.csv'), 'gp-practices', (file) => {
    const rec = readCsvRecords(file);
    return typedTable(rec, allText(rec.header, ['practice_code', 'practice_name', 'postcode', 'open_date', 'close_date', 'status', 'prescribing_setting']));
  });
}

/**
 * NHS Digital `gp-reg-pat-prac-map.csv`, January 2022 (6,527 practices): each practice → PCN →
 * CCG → STP/ICS → NHS commissioning region. Columns (snake_case of the header): `publication`,
 * `extract_date`, `practice_code`, `practice_name`, `practice_postcode`, `pcn_code`, `pcn_name`,
 * `ons_ccg_code`, `ccg_code`, `ccg_name`, `ons_stp_code` (E54…), `stp_code`, `stp_name`,
 * `ons_comm_region_code`, `comm_region_code`, `comm_region_name`.
 *
 * Quirks: CCGs are the April 2021 configuration (106 CCGs); STP codes predate the July 2022 ICBs
 * (West Birmingham practices are still in the Black Country STP, QUA).
 *
 * @example readPracticeMap2022().filter((d) => d.stp_code === 'QUA')
 */
export function readPracticeMap2022(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/gp_reg_pat_prac_map_jan2022.csv'), 'prac-map-2022', (file) => {
    const rec = readCsvRecords(file);
    return typedTable(rec, allText(rec.header, ['practice_code', 'pcn_code', 'ons_ccg_code', 'ons_stp_code']));
  });
}

/**
 * Practice → PCN relationships from the NHS Digital/ODS ePCN workbook, December 2019 (the first
 * PCN year, matching QOF 2019-20): `practice_code`, `practice_name`, `practice_ccg_code`,
 * `practice_ccg_name`, `pcn_code`, `pcn_name`, `pcn_ccg_code`, `pcn_ccg_name`,
 * `relationship_start`, `relationship_end` (`YYYYMMDD` text; end null while open). 6,757 rows.
 *
 * Quirks: CCG codes are the 2019-20 3-character ODS codes (before the April 2020 mergers); in 30
 * rows the practice's CCG differs from its PCN's CCG.
 *
 * @example readPracticePcn2019().filter((d) => d.pcn_code === 'U45102')
 */
export function readPracticePcn2019(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('lookups/epcn_dec2019_practice_pcn_ccg.csv'), 'pcn-2019', (file) => {
    const rec = readCsvRecords(file);
    return typedTable(rec, allText(rec.header, ['practice_code', 'pcn_code']));
  });
}

/**
 * NHS Digital "Patients Registered at a GP Practice", patients per practice by LSOA 2011 of
 * residence (`gp-reg-pat-prac-lsoa-all.csv`, persons): `practice_code`, `practice_name`,
 * `lsoa11cd`, `patients`. The bundled file is (almost certainly) the January 2021 extract:
 * 839,677 rows, 6,658 practices, 60,606,345 patients.
 *
 * Quirks, kept as published and documented rather than dropped: `lsoa11cd` = `NO2011` where no
 * LSOA is recorded (4,656 rows, 34,879 patients) and Welsh `W01…` LSOAs (14,013 patients); filter
 * to `E01…` for English analyses. Small counts are not suppressed. Also reads the NHS Digital
 * originals (`PRACTICE_CODE`, `PRACTICE_NAME`, `LSOA_CODE`, `NUMBER_OF_PATIENTS`, plus
 * `PUBLICATION`, `EXTRACT_DATE`, `SEX`, which are ignored).
 *
 * Speed and memory: the 36 MB (3.5 MB gzipped) bundled file takes about 3 s of CPU to gunzip,
 * parse (csv-parse, about 80% of it) and type; later calls in the same process return the cached
 * table at once (`bench/io-readers.ts`). It is read with `readTypedCsvLean` (records converted as
 * they are parsed, practice codes, names and LSOA codes interned), so the read no longer holds
 * 839,677 string arrays at once and the table keeps one string per distinct code.
 *
 * @example readGpRegistrationsByLsoa().filter((d) => d.practice_code === 'A81001')
 */
export function readGpRegistrationsByLsoa(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv'), 'gp-reg-lsoa', (file) =>
    readTypedCsvLean(file, [
      { name: 'practice_code', source: 'PRACTICE_CODE', type: 'string', allowMissing: false },
      { name: 'practice_name', source: 'PRACTICE_NAME', type: 'string' },
      { name: 'lsoa11cd', source: /^LSOA_?(CODE|11CD)$/i, type: 'string', allowMissing: false },
      { name: 'patients', source: /^(NUMBER_OF_PATIENTS|PATIENTS?)$/i, type: 'count' },
    ]),
  );
}
