/**
 * `src/io`: reading the files analysts actually have (bundled open data and their own CSVs) into
 * tidy, typed arquero tables, with one-line errors naming file, line and column.
 */
export * from './errors.js';
export { readerNotes, withNotes } from '../core/notes.js';
export { readText, readFileBytes, readLimits, displayPath, DEFAULT_READ_LIMITS } from './files.js';
export type { ReadLimits } from './files.js';
export { SUPPRESSION_MARKERS, parseNumberCell, findColumn, missingColumnMessage, ColumnTyper } from './cells.js';
export type { CellType, CellSpec } from './cells.js';
export { parseCsv, readCsvRecords, typedTable, readTypedCsv, readCsvTable, snakeCase } from './csv.js';
export type { CsvRecords, ParseCsvOptions, ColumnSpec, CsvTableOptions, CsvTable } from './csv.js';
export { readTypedCsvLean } from './csvLean.js';
export type { LeanCsvOptions } from './csvLean.js';
export { exportReaderCache, importReaderCache } from './cacheTransfer.js';
export type { ReaderCacheSnapshot } from './cacheTransfer.js';
export { dataDir, dataPath, packageRoot } from './paths.js';
export { cachedRead, clearReaderCache } from './cache.js';
export * from './agebands.js';
export * from './imd.js';
export * from './population.js';
export * from './deaths.js';
export * from './qof.js';
export * from './practices.js';
export * from './fingertips.js';
export * from './reference.js';
export * from './catalogue.js';
export * from './lookups.js';
export * from './geojson.js';
export { aggregateRecords, duckdbQuery, loadDuckDb, isDuckDbAvailable, DUCKDB_PACKAGE } from './duckdb.js';
export type { AggregateRecordsOptions, RecordMeasure, RecordAgeBands, RecordImdJoin } from './duckdb.js';
// current geography and deprivation: IoD2025, LSOA 2021 lookups, Census 2021, ePCN 2023
export * from './imd2025.js';
export * from './lookups2021.js';
export * from './census2021.js';
export * from './epcn.js';
export * from './aeAttendances.js';
