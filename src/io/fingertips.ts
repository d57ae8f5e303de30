/**
 * Reader for OHID/PHE Fingertips "download data" CSV exports (the standard layout of the
 * website's Export/Download buttons and of `fingertipsR::fingertips_data()` files).
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, parseCsv, typedTable, withNotes, findColumn, readerNotes, type ColumnSpec, type CsvRecords } from './csv.js';
import { InputError } from '../core/errors.js';

/** The columns of a Fingertips export, in healthgap names, with the export header they come from. */
export const FINGERTIPS_COLUMNS: readonly (ColumnSpec & { required?: boolean })[] = [
  { name: 'indicator_id', source: 'Indicator ID', type: 'integer' },
  { name: 'indicator_name', source: 'Indicator Name', type: 'string' },
  { name: 'parent_code', source: 'Parent Code', type: 'string', required: false },
  { name: 'parent_name', source: 'Parent Name', type: 'string', required: false },
  { name: 'area_code', source: 'Area Code', type: 'string' },
  { name: 'area_name', source: 'Area Name', type: 'string' },
  { name: 'area_type', source: 'Area Type', type: 'string' },
  { name: 'sex', source: 'Sex', type: 'string' },
  { name: 'age', source: 'Age', type: 'string' },
  { name: 'category_type', source: 'Category Type', type: 'string', required: false },
  { name: 'category', source: 'Category', type: 'string', required: false },
  { name: 'time_period', source: 'Time period', type: 'string' },
  { name: 'value', source: 'Value', type: 'number' },
  { name: 'lower_ci_95', source: /^Lower CI 95(\.0)? limit$/i, type: 'number', required: false },
  { name: 'upper_ci_95', source: /^Upper CI 95(\.0)? limit$/i, type: 'number', required: false },
  { name: 'lower_ci_99_8', source: /^Lower CI 99\.8 limit$/i, type: 'number', required: false },
  { name: 'upper_ci_99_8', source: /^Upper CI 99\.8 limit$/i, type: 'number', required: false },
  { name: 'count', source: 'Count', type: 'number', required: false },
  { name: 'denominator', source: 'Denominator', type: 'number', required: false },
  { name: 'value_note', source: 'Value note', type: 'string', required: false },
  { name: 'recent_trend', source: 'Recent Trend', type: 'string', required: false },
  { name: 'compared_to_england', source: /^Compared to England value or percentiles$/i, type: 'string', required: false },
  { name: 'compared_to_parent', source: /^Compared to (?!England value|goal).+ value or percentiles$/i, type: 'string', required: false },
  { name: 'time_period_sortable', source: 'Time period Sortable', type: 'integer', required: false },
  { name: 'new_data', source: 'New data', type: 'string', required: false },
  { name: 'compared_to_goal', source: 'Compared to goal', type: 'string', required: false },
  { name: 'time_period_range', source: 'Time period range', type: 'string', required: false },
];

/** Options of {@link readFingertipsExport}. */
export interface FingertipsReadOptions {
  /** Drop the Category Type breakdown rows (deprivation deciles, ethnic groups …); default false (kept). */
  dropCategoryRows?: boolean;
}

/**
 * Read a Fingertips CSV export into a tidy table with snake_case columns: `indicator_id`,
 * `indicator_name`, `parent_code`, `parent_name`, `area_code`, `area_name`, `area_type`, `sex`,
 * `age`, `category_type`, `category`, `time_period`, `value`, `lower_ci_95`, `upper_ci_95`,
 * `lower_ci_99_8`, `upper_ci_99_8`, `count`, `denominator`, `value_note`, `recent_trend`,
 * `compared_to_england`, `compared_to_parent`, `time_period_sortable`, `new_data`,
 * `compared_to_goal`, `time_period_range` (null when the export is the older 26-column layout).
 *
 * Quirks handled: the `Indicator Name` cell ends in an embedded newline (quoted), trimmed here;
 * the parent comparison column is named after the parent area type (`Compared to Region value or
 * percentiles`, `Compared to Counties & UAs (from Apr 2021) value or percentiles` …) and is read
 * as `compared_to_parent` (the original header is recorded in the notes); CRLF, BOM; empty CIs
 * and values (suppressed or not computed) are null, never zero; Category Type rows (breakdowns
 * such as deprivation deciles, England only) are kept unless `dropCategoryRows` is set; rows
 * one field short of the header (older exports omit the empty last `Compared to goal` field)
 * are read with that field blank, while a row with too many fields is an error.
 * Area codes are as published, which can be pre-2019/2020/2023 codes (map them with the
 * geography code-history helpers).
 *
 * Errors: a missing required column (Indicator ID, Indicator Name, Area Code, Area Name, Area
 * Type, Sex, Age, Time period, Value) is an InputError listing the columns found.
 *
 * @example readFingertipsExport('indicators-CountyUA.data.csv').filter((d) => d.area_code === 'E92000001')
 */
export function readFingertipsExport(path: string, options: FingertipsReadOptions = {}): ColumnTable {
  return fingertipsTable(readCsvRecords(path, { allowShortRecords: true }), options);
}

/**
 * Parse the text of a Fingertips CSV export (e.g. the body of the API's `all_data/csv/…`
 * responses) exactly as {@link readFingertipsExport} reads a file; `label` names the input in
 * messages (a URL or a file name).
 *
 * @example parseFingertipsExport(await response.text(), { label: url })
 */
export function parseFingertipsExport(text: string, options: FingertipsReadOptions & { label?: string } = {}): ColumnTable {
  return fingertipsTable(parseCsv(text, { allowShortRecords: true, file: options.label ?? 'Fingertips export' }), options);
}

function fingertipsTable(rec: CsvRecords, options: FingertipsReadOptions): ColumnTable {
  const missing = FINGERTIPS_COLUMNS.filter((c) => c.required !== false && findColumn(rec.header, c.source ?? c.name) < 0).map((c) => String(c.source));
  if (missing.length) {
    throw new InputError(
      `not a Fingertips export: missing column${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')}; found: ${rec.header.join(', ')}`,
      { file: rec.file, row: rec.lines.length ? rec.lines[0] - 1 : 1 },
    );
  }
  let filter: ((row: string[]) => boolean) | undefined;
  const catIdx = findColumn(rec.header, 'Category Type');
  if (options.dropCategoryRows && catIdx >= 0) filter = (row) => (row[catIdx] ?? '').trim() === '';
  let t = typedTable(rec, FINGERTIPS_COLUMNS as ColumnSpec[], { filter });
  const names = t.array('indicator_name') as (string | null)[];
  t = withNotes(t.assign({ indicator_name: names.map((s) => (s === null ? null : s.replace(/\s+/g, ' ').trim())) }), readerNotes(t));
  const parentIdx = findColumn(rec.header, FINGERTIPS_COLUMNS.find((c) => c.name === 'compared_to_parent')!.source!);
  const notes: string[] = [];
  if (parentIdx >= 0) notes.push(`${rec.file}: compared_to_parent is "${rec.header[parentIdx]}"`);
  if (options.dropCategoryRows && catIdx >= 0) {
    const dropped = rec.rows.length - t.numRows();
    if (dropped) notes.push(`${rec.file}: ${dropped} Category Type row${dropped === 1 ? '' : 's'} dropped (dropCategoryRows)`);
  }
  return withNotes(t, notes);
}
