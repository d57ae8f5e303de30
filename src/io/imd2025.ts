/**
 * Readers for the English Indices of Deprivation 2025 (IoD2025, MHCLG, October 2025), which rank
 * the 33,755 LSOAs (2021) of England. IMD 2019 (LSOA 2011) stays in ./imd.ts.
 *
 * The bundled LSOA table keeps the **published** deciles of IoD2025 File 1: decile sizes
 * alternate 3,375/3,376 LSOAs, and recomputing deciles from ranks gets five LSOAs wrong, so never
 * re-derive them. Each reader takes an optional path to read an analyst's own copy with the same
 * columns; without one it reads the bundled file once per process.
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, type ColumnSpec } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/** Number of LSOAs (2021) in England ranked by IMD 2025. */
export const IMD2025_LSOA_COUNT = 33755;

/** The IMD and its 7 IoD2025 domains, by the short names of their columns (same names as IMD 2019's). */
export const IMD2025_DOMAINS: readonly string[] = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment'];

/**
 * IoD2025 per English LSOA 2021 (33,755 rows): `lsoa21cd`, `lsoa21nm`, `lad24cd`, `lad24nm`, then
 * for each of {@link IMD2025_DOMAINS} `<d>_rank` (1 = most deprived), `<d>_decile` (1 = most
 * deprived 10%) and `<d>_score` (income and employment scores are rates; health, crime and living
 * environment scores can be negative), then `idaci_rank`, `idaci_decile`, `idaopi_rank`,
 * `idaopi_decile`.
 *
 * Source: IMD rank and decile from IoD2025 File 1, IDACI/IDAOPI from File 3, scores and domain
 * ranks/deciles from File 7 (through the `IMD` R package), checked against File 1; see
 * data/SOURCES.md. Ranks must lie in 1..33,755 and deciles in 1..10 (else an InputError naming the
 * line and column). An analyst's own copy needs the IMD columns; domain and IDACI/IDAOPI columns
 * it lacks are read as nulls.
 *
 * @example readImd2025().filter((d) => d.imd_decile <= 2).numRows() // 6751 (Core20 on IMD 2025)
 */
export function readImd2025(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('imd/imd2025_lsoa21_england.csv'), 'imd2025-lsoa21', (file) => {
    const rec = readCsvRecords(file);
    const schema: ColumnSpec[] = [
      { name: 'lsoa21cd', type: 'string', allowMissing: false },
      { name: 'lsoa21nm', type: 'string' },
      { name: 'lad24cd', type: 'string' },
      { name: 'lad24nm', type: 'string' },
    ];
    for (const d of IMD2025_DOMAINS) {
      schema.push({ name: `${d}_rank`, type: 'count', allowMissing: d !== 'imd', required: d === 'imd' });
      schema.push({ name: `${d}_decile`, type: 'count', allowMissing: d !== 'imd', required: d === 'imd' });
      schema.push({ name: `${d}_score`, type: 'number', required: d === 'imd' });
    }
    for (const d of ['idaci', 'idaopi']) {
      schema.push({ name: `${d}_rank`, type: 'count', required: false });
      schema.push({ name: `${d}_decile`, type: 'count', required: false });
    }
    const t = typedTable(rec, schema);
    const n = t.numRows();
    const max = Math.max(n, IMD2025_LSOA_COUNT);
    for (const d of [...IMD2025_DOMAINS, 'idaci', 'idaopi']) {
      const ranks = t.array(`${d}_rank`) as (number | null)[];
      const deciles = t.array(`${d}_decile`) as (number | null)[];
      for (let i = 0; i < n; i++) {
        if (ranks[i] !== null && (ranks[i]! < 1 || ranks[i]! > max))
          throw new InputError(`expected a rank from 1 to ${max}, found ${ranks[i]}`, { file: rec.file, row: rec.lines[i], column: `${d}_rank` });
        if (deciles[i] !== null && (deciles[i]! < 1 || deciles[i]! > 10))
          throw new InputError(`expected a decile from 1 to 10, found ${deciles[i]}`, { file: rec.file, row: rec.lines[i], column: `${d}_decile` });
      }
    }
    return t;
  });
}

const SUMMARY_KEYS: Record<'lad24' | 'icb24', [string, string]> = { lad24: ['ltla24_code', 'ltla24_name'], icb24: ['icb24_code', 'icb24_name'] };

function readSummary(path: string | undefined, level: 'lad24' | 'icb24', bundled: string): ColumnTable {
  return readMaybeCached(path, dataPath(bundled), `imd2025-${level}`, (file) => {
    const rec = readCsvRecords(file);
    const [codeCol, nameCol] = SUMMARY_KEYS[level];
    const schema: ColumnSpec[] = [
      { name: `${level}_code`, source: codeCol, type: 'string', allowMissing: false },
      { name: `${level}_name`, source: nameCol, type: 'string' },
      ...rec.header
        .filter((h) => h !== codeCol && h !== nameCol)
        .map((h) => ({ name: h.replace(/^imd(?:_2025|25)_/, 'imd_'), source: h, type: 'number' as const })),
    ];
    return typedTable(rec, schema);
  });
}

/**
 * IoD2025 File 10 (v2): summaries for the 296 local authority districts (LAD 2024). Columns:
 * `lad24_code`, `lad24_name`, then for the IMD, each domain, IDACI and IDAOPI (prefix `imd_`,
 * `income_`, `employment_`, `education_skills_and_training_`, …) the average rank and score,
 * proportion of LSOAs in the most deprived 10% nationally, extent, local concentration and their
 * ranks (1 = most deprived), e.g. `imd_average_score`, `imd_rank_of_average_score`,
 * `imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally`, `imd_extent`,
 * `imd_local_concentration`.
 *
 * @example readImd2025LadSummary().numRows() // 296
 */
export function readImd2025LadSummary(path?: string): ColumnTable {
  return readSummary(path, 'lad24', 'imd/imd2025_lad24_summary.csv');
}

/**
 * IoD2025 File 13: the same summaries for the 42 integrated care boards (ICB 2024); columns as
 * {@link readImd2025LadSummary} with `icb24_code`, `icb24_name` (ICB names as MHCLG spells them).
 *
 * @example readImd2025IcbSummary().numRows() // 42
 */
export function readImd2025IcbSummary(path?: string): ColumnTable {
  return readSummary(path, 'icb24', 'imd/imd2025_icb24_summary.csv');
}
