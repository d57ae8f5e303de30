/**
 * One line of a stored release's tidy CSV: numbers written in full (no exponent, no grouping),
 * text quoted when it holds a comma, quote or line break, and a leading `=`, `+`, `-` or `@`
 * neutralised so that a spreadsheet never runs it as a formula.
 */
import { formatCsvNumber, neutraliseFormula } from '../io/csvWrite.js';
import type { TidyValue } from './recogniser.js';

function csvCell(v: TidyValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatCsvNumber(v);
  const t = neutraliseFormula(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * The CSV line (without its line break) of one tidy row or header.
 *
 * @example tidyCsvLine(['mid-2022', 'E01004646', 1751]) // 'mid-2022,E01004646,1751'
 */
export function tidyCsvLine(values: readonly TidyValue[]): string {
  return values.map(csvCell).join(',');
}
