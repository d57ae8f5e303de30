/**
 * Loader for the PHEindicatormethods conformance fixtures in `tests/fixtures/phe/` (GPL-3 test
 * data, used only as test oracles; see the README there). Reuse it in any conformance test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { parseCsv } from '../../src/io/csv.js';
import { isRelClose, PHE_REL_TOL } from './tolerance.js';

export { PHE_REL_TOL, expectRelClose } from './tolerance.js';

/** Absolute path of a fixture file, e.g. `phePath('testdata_Rate__testdata_Rate.csv')`. */
export function phePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/phe/${name}`, import.meta.url));
}

/** A fixture as header + string records (BOM stripped, header names trimmed of spaces and newlines). Empty cell = null. */
export function loadPhe(name: string): { header: string[]; rows: (string | null)[][] } {
  const recs = parseCsv(readFileSync(phePath(name), 'utf8'), { file: name });
  return { header: recs.header.map((h) => h.trim()), rows: recs.rows.map((r) => r.map((c) => (c === '' ? null : c))) };
}

/** A cell as a number (null for an empty cell). Throws on a non-numeric cell, so a test cannot pass by accident. */
export function pheNumber(cell: string | null | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  const v = Number(cell);
  if (!Number.isFinite(v)) throw new Error(`fixture cell "${cell}" is not a number`);
  return v;
}

/** A fixture's records keyed by (trimmed) header name, cells as raw text ('' for an empty cell). */
export function pheRecords(name: string): Record<string, string>[] {
  const recs = parseCsv(readFileSync(phePath(name), 'utf8'), { file: name });
  const header = recs.header.map((h) => h.trim());
  return recs.rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

/**
 * A fixture as an arquero table with column types guessed: a column whose every cell is a number,
 * empty or `NA` is numeric (empty and `NA` → null); other columns stay text.
 */
export function pheAutoTable(name: string): ColumnTable {
  const { header, rows } = loadPhe(name);
  const cols: Record<string, unknown[]> = {};
  header.forEach((h, j) => {
    const vals = rows.map((r) => r[j]);
    const numeric = vals.every((v) => v === null || v === 'NA' || Number.isFinite(Number(v)));
    cols[h] = numeric ? vals.map((v) => (v === null || v === 'NA' ? null : Number(v))) : vals.map((v) => v ?? '');
  });
  return aq.table(cols);
}

/**
 * A fixture as an arquero table. Columns listed in `numeric` are converted with {@link pheNumber};
 * the rest stay strings (empty → null). `rows` optionally picks 0-based data rows.
 */
export function pheTable(name: string, numeric: readonly string[] = [], rows?: readonly number[]): ColumnTable {
  const { header, rows: all } = loadPhe(name);
  const pick = rows ? rows.map((i) => all[i]) : all;
  const data: Record<string, unknown[]> = {};
  header.forEach((h, j) => {
    const missing = numeric.filter((c) => !header.includes(c));
    if (missing.length) throw new Error(`fixture ${name} has no column(s) ${missing.join(', ')}`);
    data[h] = pick.map((r) => (numeric.includes(h) ? pheNumber(r[j]) : r[j]));
  });
  return aq.table(data, header);
}

/** A message-friendly list of cells that differ: `[]` when all match. */
export function mismatches(label: string, actual: ColumnTable, expected: Record<string, (number | null)[]>, rel = PHE_REL_TOL): string[] {
  const out: string[] = [];
  for (const [col, exp] of Object.entries(expected)) {
    if (!actual.columnNames().includes(col)) {
      out.push(`${label}: missing column ${col}`);
      continue;
    }
    const act = actual.array(col) as unknown[];
    if (act.length !== exp.length) out.push(`${label}: column ${col} has ${act.length} rows, expected ${exp.length}`);
    exp.forEach((e, i) => {
      if (!isRelClose(act[i], e, rel)) out.push(`${label}: row ${i + 1} ${col} = ${String(act[i])}, expected ${String(e)}`);
    });
  }
  return out;
}
