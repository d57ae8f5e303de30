/**
 * Loader for the PHEindicatormethods conformance fixtures in `tests/fixtures/phe/` (GPL-3 test
 * data, used only as test oracles; see the README there). Reuse it in any conformance test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { parseCsv } from '../../src/io/csv.js';

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

/** The 1e-6 relative tolerance used by every conformance test (absolute near 0). */
export const PHE_REL_TOL = 1e-6;

/**
 * Assert-style comparison: true when `actual` matches `expected` to `rel` relative tolerance
 * (absolute `rel` when |expected| < 1e-12), or both are null/NaN.
 */
export function closeTo(actual: unknown, expected: number | null, rel = PHE_REL_TOL): boolean {
  const a = actual === undefined ? null : (actual as number | null);
  if (expected === null) return a === null || Number.isNaN(a);
  if (a === null || typeof a !== 'number' || Number.isNaN(a)) return false;
  const scale = Math.max(Math.abs(expected), 1e-12);
  return Math.abs(a - expected) <= rel * scale;
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
      if (!closeTo(act[i], e, rel)) out.push(`${label}: row ${i + 1} ${col} = ${String(act[i])}, expected ${String(e)}`);
    });
  }
  return out;
}
