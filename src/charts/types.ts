/**
 * Shared types for healthgap charts.
 *
 * Figures are plain, JSON-serialisable plotly.js specs (`{ data, layout, config }`). We keep our own
 * minimal types instead of `@types/plotly.js` so that the specs stay plain data (no functions,
 * no class instances) and do not depend on a typings package lagging behind plotly.js 4.
 */

/** One plotly.js trace: `type` plus any plotly attributes (plain JSON values only). */
export interface PlotlyTrace {
  type: string;
  [attribute: string]: unknown;
}

/** A plotly.js layout object (plain JSON values only). */
export type PlotlyLayout = Record<string, unknown>;

/** A plotly.js config object (plain JSON values only). */
export type PlotlyConfig = Record<string, unknown>;

/** A plotly.js figure: pass to `Plotly.newPlot(div, figure.data, figure.layout, figure.config)`. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: PlotlyConfig;
}

/** A cell of a chart's data table: text, number, or null for missing/suppressed. */
export type TableCell = string | number | null;

/** The data behind a chart, as a simple table for screen readers and people who prefer numbers. */
export interface ChartDataTable {
  columns: string[];
  rows: TableCell[][];
}

/**
 * What every chart function returns: the figure plus what the report needs to meet WCAG 2.1 AA
 * (a text alternative and a data table), so a chart can never be shown without them.
 */
export interface ChartSpec {
  /** Plain-text chart title (also used inside the figure). */
  title: string;
  /** The plotly.js figure spec. */
  figure: PlotlyFigure;
  /** Text alternative: one or two sentences with the key numbers. */
  alt: string;
  /** The data behind the chart. */
  table: ChartDataTable;
  /** Optional notes the report may print under the chart (e.g. rows left out and why). */
  notes: string[];
  /**
   * The subtitle drawn under the title (plain text), so a report can show title and subtitle as
   * HTML above the chart (where they wrap on any screen) instead of inside it.
   */
  subtitle?: string;
  /**
   * Layout changes for narrow containers (phones, the A4 print width), applied by the report
   * when the chart is drawn: see {@link ChartBreakpoint}.
   */
  breakpoints?: ChartBreakpoint[];
  /**
   * Height in px of the chart in print (A4 width). Default: the report caps printed charts at
   * a height that lets two share a page; charts whose height follows their rows (the spine
   * chart) give their own.
   */
  printHeight?: number;
}

/**
 * A layout for containers up to `maxWidth` px wide, deep-merged over the figure's layout (objects
 * merged key by key, arrays and other values replaced). When several apply, the wider
 * breakpoint is merged first and the narrower one over it.
 *
 * @example { maxWidth: 480, layout: { xaxis: { title: { text: '% of population' } } } }
 */
export interface ChartBreakpoint {
  maxWidth: number;
  layout: PlotlyLayout;
}

export type { Polarity, SignificanceLabel } from '../core/types.js';

/** @deprecated Use {@link Polarity} (one type for charts and statistics); kept for one release. */
export type ChartPolarity = import('../core/types.js').Polarity;
