/**
 * The data model of a healthgap report: a place profile is a {@link Report} made of ordered
 * {@link Section}s, each with a headline, a narrative, figures ({@link ChartSpec}) and data tables
 * ({@link DataTable}), plus a methods appendix ({@link MethodsEntry}) and a small-number
 * suppression rule ({@link SuppressionRule}).
 *
 * Everything here is plain JSON-like data, so domain modules (core20plus5, lifeexp, prevalence)
 * and the chart functions in `src/charts/` can build it without knowing anything about HTML.
 * Charts are the `ChartSpec` defined once in `src/charts/types.ts`.
 */
import type { ChartDataTable, ChartSpec } from '../charts/types.js';

/** How a table column's numbers are shown. */
export type ColumnFormat = 'number' | 'percent' | 'rate' | 'integer' | 'text';

/** One column of a {@link DataTable}. */
export interface DataColumn {
  /** Key into each row object (snake_case by convention, e.g. `area_name`, `count`). */
  key: string;
  /** Column heading shown to the reader (e.g. "Deaths", "Rate per 100,000"). */
  label: string;
  /**
   * How numbers are shown: `integer` (thousands separators, no decimals), `number` (fixed
   * `decimals`, default 1), `rate` (like number, default 1 decimal), `percent` (value already
   * in percent units, e.g. 12.3 → "12.3%", default 1 decimal), `text` (as is). Default: numbers
   * shown as given (all their decimals; thousands separators from 10,000), strings as is.
   */
  format?: ColumnFormat;
  /** Decimal places for `number`, `rate` and `percent`. */
  decimals?: number;
  /** Leave the column out of the printed table (for wide tables on A4; the HTML shows it). */
  hideInPrint?: boolean;
}

/** A cell value: text, a number, or `null` for missing (shown as an en dash, never as 0). */
export type CellValue = string | number | null;

/** Where small-number suppression changed a table (filled in by `applySuppression`). */
export interface TableSuppression {
  /** The rule applied. */
  rule: Required<SuppressionRule>;
  /** Number of cells replaced by the marker (counts and the values derived from them). */
  count: number;
  /** The cells replaced, in row then column order (`row` is the 0-based index into `rows`). */
  cells: { row: number; column: string }[];
}

/** A data table: the numbers behind a chart, or a table in its own right. */
export interface DataTable {
  /** Caption shown above the table (the table's accessible name). */
  caption?: string;
  columns: DataColumn[];
  rows: Record<string, CellValue>[];
  /**
   * Keys of the columns that hold counts (numbers of people or events). Small counts in these
   * columns are suppressed by the report's {@link SuppressionRule}.
   */
  countColumns?: string[];
  /**
   * Values computed from a count column: `{ derived_column: 'count_column' }` (e.g.
   * `{ value: 'count', lowercl: 'count', uppercl: 'count' }`). A derived value is suppressed
   * whenever its count is (when `suppressDerived` is true).
   */
  derivedFrom?: Record<string, string>;
  /** Footnote shown under the table. */
  notes?: string;
  /**
   * `false`: a detail table shown on screen but not printed (the print says it is in the HTML
   * version), so a board paper keeps to its page budget. Default true.
   */
  printed?: boolean;
  /** Set by `applySuppression`; do not fill in by hand. */
  suppression?: TableSuppression;
}

/**
 * Where a figure's trace arrays hold counts, so that the same small-number rule can be applied
 * to the chart data as to the table. `field` and `derived` are paths into a trace:
 * `"x"`, `"y"`, `"text"`, `"error_y.array"`, `"customdata[2]"` (column 2 of each customdata row).
 */
export interface FigureCountField {
  /** Index of the trace in `figure.data`. */
  trace: number;
  /** Path of the per-point array holding the counts. */
  field: string;
  /** Paths of per-point arrays holding values derived from those counts (values, limits, hover text). */
  derived?: string[];
}

/** The charts module's simple table (`{ columns: string[], rows: cell[][] }`). */
export type ChartDataTableLike = ChartDataTable;

/**
 * A chart in a report section: a {@link ChartSpec} from `src/charts/` (title, plotly figure,
 * text alternative, data table, notes), plus what the report needs to apply small-number
 * suppression to it. The chart's table may be the charts module's simple
 * `{ columns: string[], rows: cell[][] }` (column names are then the keys used below) or a full
 * {@link DataTable}.
 */
export interface ReportFigure extends Omit<ChartSpec, 'table' | 'notes'> {
  table: ChartDataTableLike | DataTable;
  notes?: string[];
  /** Column names of the chart table holding counts (suppressed below the threshold). Ignored when `table` is a DataTable (use its own `countColumns`). */
  countColumns?: string[];
  /** `{ derived_column: 'count_column' }` for the chart table (see {@link DataTable.derivedFrom}). */
  derivedFrom?: Record<string, string>;
  /** Display formats for the chart table's columns, by column name. */
  columnFormats?: Record<string, { format?: ColumnFormat; decimals?: number }>;
  /**
   * Trace arrays holding counts (see {@link FigureCountField}). When the chart's table has
   * values under the suppression threshold, the report needs either these declarations or
   * `suppressionApplied: true` (the figure was already built from suppressed data); otherwise
   * rendering fails rather than leak a small number.
   */
  countFields?: FigureCountField[];
  /** True when the figure was built from data already passed through `applySuppression`. */
  suppressionApplied?: boolean;
  /** `false`: a detail chart shown on screen but not printed (the print says it is in the HTML version). */
  printed?: boolean;
}

/** One indicator's entry in the methods and sources appendix. */
export interface MethodsEntry {
  /** Indicator name as it appears in the report. */
  indicator: string;
  /** What is measured (numerator and denominator). */
  definition: string;
  /** Time period (e.g. "2017-19", "mid-2019"). */
  period: string;
  /** Data source with publisher (e.g. "ONS mid-year population estimates, mid-2019"). */
  source: string;
  /** Statistical method (e.g. "Directly standardised rate, 2013 European Standard Population"). */
  method: string;
  /** Confidence interval method (e.g. "Byar's method, 95%"; "Not applicable"). */
  ciMethod: string;
  notes?: string;
  /**
   * Group heading (e.g. "QOF 2019-20 recorded prevalence"): consecutive entries with the same
   * group are shown as one compact table, one row per indicator, with what they share stated once
   * above it.
   */
  group?: string;
  /** `false`: shown on screen only (the print says it is in the HTML version). */
  printed?: boolean;
}

/**
 * Small-number suppression: counts from 1 to `threshold - 1` (and 0 when `suppressZero`) are
 * replaced by `marker`, and so are values derived from them when `suppressDerived` is true.
 * See docs/suppression.md.
 */
export interface SuppressionRule {
  /** Counts below this are suppressed. Default 5 (counts of 1 to 4). */
  threshold?: number;
  /** Also suppress zero counts. Default false (a zero is not disclosive of individuals). */
  suppressZero?: boolean;
  /** Text shown in place of a suppressed value. Default `*`. */
  marker?: string;
  /** Also suppress values derived from a suppressed count (rates, percentages, limits). Default true. */
  suppressDerived?: boolean;
}

/** A section of a report (a chapter of a place profile). */
export interface Section {
  /** Stable identifier: used for the anchor and the figure ids (`[a-z0-9-]`; other characters are replaced). */
  id: string;
  heading: string;
  /** One sentence giving the main message of the section. */
  headline: string;
  /** Narrative: markdown text (one string) or paragraphs of markdown (array). Raw HTML is shown as text. */
  narrative: string | string[];
  figures: ReportFigure[];
  tables: DataTable[];
  /** Footnote for the section (markdown). */
  notes?: string;
  /**
   * `'summary'`: the board summary at the front of the report (a panel on screen; in print it
   * ends with a page break, and a chart it shares with a later section is printed only here).
   */
  kind?: 'summary';
}

/** How plotly.js reaches the page: inlined once in the file, or a `<script src>` to a shared copy. */
export type PlotlyMode = 'inline' | { sharedAssetPath: string };

/** A whole report (one place profile). */
export interface Report {
  title: string;
  placeName: string;
  /** GSS code of the place (e.g. E08000027). */
  placeCode?: string;
  subtitle?: string;
  /** Intended audience (e.g. "Dudley Health and Wellbeing Board"). */
  audience?: string;
  /** Organisation text shown in the banner in place of a logo (e.g. "Dudley Public Health"). */
  logoText?: string;
  /** Publication date as text (e.g. "12 March 2025"). No date is written unless given. */
  date?: string;
  /**
   * The periods of the data, for the running footer of the printed report (e.g. "population
   * mid-2019; deaths 2014; QOF 2019/20"). Default: the distinct periods of the appendix entries.
   */
  dataPeriods?: string;
  /** A few headline numbers for an index page of many profiles (label → shown text, e.g. "Core20 share" → "60.3%"). */
  keyFigures?: { label: string; value: string }[];
  sections: Section[];
  appendix: MethodsEntry[];
  /** Small-number suppression rule; defaults apply when omitted (see {@link SuppressionRule}). */
  suppression?: SuppressionRule;
  /** Default `'inline'`. */
  plotly?: PlotlyMode;
  /**
   * Bundle to inline (ignored with a shared asset): `auto` (default) inlines the 1.2 MB basic
   * bundle when every trace is a scatter, bar or pie, else the full 4.8 MB bundle.
   */
  plotlyBundle?: 'auto' | 'full' | 'basic';
  /**
   * How an inlined plotly.js is stored: `text` (default, the bundle as it is) or `gzip` (gzip,
   * base64; the page's own script unpacks it with the browser's `DecompressionStream`, no network:
   * the 1.2 MB basic bundle becomes ~0.5 MB); figure JSON over 16 KB (maps) is stored the same way.
   * Browsers without `DecompressionStream` (before 2023) show the data tables and a note in place
   * of the charts.
   */
  plotlyEncoding?: 'text' | 'gzip';
}

/** One row of the index page that links many profiles. */
export interface ReportIndexEntry {
  title: string;
  /** Relative link to the profile (e.g. `dudley.html`). */
  href: string;
  placeName: string;
  status: 'written' | 'skipped' | 'failed';
  /** Why a profile was skipped or failed. */
  reason?: string;
  /** The place's headline numbers (see `Report.keyFigures`), shown as columns of the index. */
  keyFigures?: { label: string; value: string }[];
}
