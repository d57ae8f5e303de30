/**
 * The contract of a layout recogniser: `match` looks at headers or sheet names only; `parse`
 * normalises the file to a tidy table and lists every problem found (one per refusal line).
 */
import type { ReleaseKind, ReleaseProblem } from './types.js';
import type { SourceInput } from './source.js';

/** A value of a tidy release table. */
export type TidyValue = string | number | null;

/** A file recognised and normalised, ready for validation results to be judged and installed. */
export interface ParsedRelease {
  kind: ReleaseKind;
  /** Layout recognised (`qof-ccg-workbook`, `iod-file1`, …). */
  layout: string;
  title: string;
  period: string;
  periods?: string[];
  vintage: string;
  level?: string;
  publisher: string;
  licence: string;
  columns: string[];
  rows: TidyValue[][];
  problems: ReleaseProblem[];
  warnings: string[];
  notes?: string;
}

/** Options the analyst may give to `data add`. */
export interface AddHints {
  kind?: string;
  period?: string;
  /** The LSOA vintage the file is offered as (`LSOA 2011`, `LSOA 2021`, `2021`) where its headers do not say. */
  vintage?: string;
  /** The data directory whose releases serve as references (a practice list for a practice map); set by `addRelease`. */
  dataDir?: string;
}

/** One official layout. */
export interface Recogniser {
  layout: string;
  kind: ReleaseKind;
  /** What the layout looks like, for the "expected …" line. */
  expects: string;
  match(src: SourceInput): boolean;
  parse(src: SourceInput, hints: AddHints): ParsedRelease;
}

/** Index of the first header matching `re` (−1 when none). */
export function findColumn(header: readonly unknown[], re: RegExp): number {
  return header.findIndex((h) => typeof h === 'string' && re.test(h.trim()));
}

/** Parse a whole number written as published ("29,199", " 12 "); null when it is not one. */
export function parseCount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** OGL v3.0, the licence of ONS, MHCLG and NHS England / NHS Digital releases. */
export const OGL = 'OGL v3.0';
