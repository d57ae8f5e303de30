/** Build a report {@link DataTable} from an arquero table. */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import type { CellValue, DataColumn, DataTable } from './types.js';

/**
 * Turn an arquero table into a {@link DataTable}. `columns` picks and labels the columns (in
 * that order); when omitted every column is used with its name as label. Values that are not
 * strings or finite numbers (undefined, NaN, objects) become `null`. The other DataTable fields
 * (`countColumns`, `derivedFrom`, `notes`) pass through from `extra`.
 *
 * @example
 * dataTableFromArquero(aq.table({ area_name: ['Dudley'], count: [3] }),
 *   [{ key: 'area_name', label: 'Area' }, { key: 'count', label: 'Deaths', format: 'integer' }],
 *   { caption: 'Deaths', countColumns: ['count'] })
 */
export function dataTableFromArquero(table: ColumnTable, columns?: DataColumn[], extra: Omit<DataTable, 'columns' | 'rows' | 'suppression'> = {}): DataTable {
  const names = table.columnNames();
  const cols: DataColumn[] = columns ?? names.map((n) => ({ key: n, label: n }));
  for (const c of cols) {
    if (!names.includes(c.key)) throw new HealthgapError(`table column "${c.key}" not found (columns: ${names.join(', ')})`);
  }
  const rows = (table.objects() as Record<string, unknown>[]).map((o) => {
    const row: Record<string, CellValue> = {};
    for (const c of cols) {
      const v = o[c.key];
      row[c.key] = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    return row;
  });
  return { ...extra, columns: cols, rows };
}
