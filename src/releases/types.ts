/**
 * Types of the release catalogue: one description for every dataset release, bundled in `data/`
 * or added by an analyst to the data directory (`healthgap data add`).
 */

/** The kinds of dataset release healthgap knows. */
export const RELEASE_KINDS = [
  'imd',
  'population-lsoa',
  'population-la',
  'deaths-la',
  'le-la',
  'qof-prevalence',
  'gp-registrations-lsoa',
  'practice-map',
  'lookup',
  'boundaries',
  'fingertips',
  'reference',
] as const;

/** A kind of dataset release (`qof-prevalence`, `imd`, …). */
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** One dataset release, bundled or added. */
export interface ReleaseInfo {
  /** Stable identifier (`imd2019`, `qof-prevalence-ccg-2019-20`). */
  id: string;
  kind: ReleaseKind;
  title: string;
  /** The period the data describe as published (`2019-20`, `IoD2025`, `mid-2019`). */
  period: string;
  /** Every period held when there are several (a QOF CCG workbook holds two years). */
  periods?: string[];
  /** Geography vintage of the area codes (`LSOA 2011`, `CCG 2019`, `LAD 2019`, `practice`). */
  vintage: string;
  /** Level of the areas (`lsoa`, `ccg`, `practice`, `la`, …) when one level. */
  level?: string;
  /** File name of the source as published (for bundled releases, the path inside `data/`). */
  sourceFile: string;
  /** SHA-256 of the source file (hex); for bundled releases computed on request (`null` until then). */
  sha256: string | null;
  publisher: string;
  licence: string;
  /** ISO date-time the release was added; `bundled` for releases shipped in `data/`. */
  added: string;
  origin: 'bundled' | 'added';
  /** Absolute path of the stored data file. */
  path: string;
  rows: number;
  columns?: string[];
  /** Findings of validation kept with the release (missing areas, published anomalies). */
  warnings?: string[];
  notes?: string;
  /** True for the latest release of its kind (set by the catalogue listing). */
  latest?: boolean;
}

/** One problem found while validating a file (one line of a refusal). */
export interface ReleaseProblem {
  sheet?: string;
  /** 1-based row (line in a CSV, row in a sheet). */
  row?: number;
  column?: string;
  message: string;
}
