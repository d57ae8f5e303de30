/**
 * Palettes, fonts, number formatting and the shared layout for healthgap charts.
 *
 * - Categorical colours: Okabe & Ito (2008) "Color Universal Design", safe for the common
 *   colour-vision deficiencies.
 * - Sequential colours: viridis (van der Walt & Smith, matplotlib), perceptually uniform and
 *   readable in greyscale; used for deprivation deciles/quintiles and continuous maps.
 * - Significance colours: the Fingertips palette (better green, similar amber, worse red,
 *   blue shades for higher/lower, white for not compared). These are NOT colour-blind safe on
 *   their own, so every significance marker also has its own shape (see {@link SIGNIFICANCE_STYLES})
 *   and a dark outline, and the label is always in the hover text and the data table.
 * - Text colours meet WCAG 2.1 AA contrast (≥ 4.5:1 on white); see {@link contrastRatio}.
 */
import type { PlotlyConfig, PlotlyLayout, SignificanceLabel } from './types.js';
import { roundHalfAway } from '../core/rounding.js';

/** Font stack used by every chart (system sans-serif fonts; nothing is fetched). */
export const FONT_FAMILY = 'Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif';
/** Base font size in px. */
export const FONT_SIZE = 13;
/** Main text colour (GOV.UK black, 19.0:1 on white). */
export const TEXT_COLOUR = '#0b0c0c';
/** Secondary text colour (GOV.UK dark grey, 7.0:1 on white). */
export const MUTED_TEXT_COLOUR = '#505a5f';
/** Grid and axis line colour (decorative only). */
export const GRID_COLOUR = '#dcdcdc';
/** Outline used around markers and shapes so light fills keep ≥ 3:1 against white. */
export const OUTLINE_COLOUR = '#0b0c0c';

/** Okabe–Ito colour-blind-safe palette. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Okabe–Ito colours in plotting order (black left out: it is reserved for benchmarks). */
export const CATEGORICAL_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
];

/** Series colours for sexes (Okabe–Ito: blue for males, vermillion for females; persons black). */
export const SEX_COLOURS: Readonly<Record<string, string>> = {
  Male: OKABE_ITO.blue,
  Female: OKABE_ITO.vermillion,
  Persons: '#000000',
};

/** Eleven evenly spaced stops of matplotlib's viridis colour map (0 → 1). */
export const VIRIDIS_STOPS: readonly string[] = [
  '#440154',
  '#482475',
  '#414487',
  '#355f8d',
  '#2a788e',
  '#21918c',
  '#22a884',
  '#44bf70',
  '#7ad151',
  '#bddf26',
  '#fde725',
];

/** Fingertips significance colours (fingertips-open `colours` in the area profile code). */
export const FINGERTIPS_COLOURS = {
  better: '#92D050',
  similar: '#FFC000',
  worse: '#C00000',
  notCompared: '#FFFFFF',
  higher: '#BED2FF',
  lower: '#5555E6',
} as const;

/** How a significance label is drawn: fill colour, plotly marker symbol, and a legend description. */
export interface SignificanceStyle {
  label: SignificanceLabel;
  colour: string;
  symbol: string;
  legend: string;
}

/**
 * Marker colour AND shape for each Fingertips comparison label, so significance never relies on
 * colour alone (WCAG 1.4.1): better ▲, worse ▼, similar ●, higher ▶, lower ◀, not compared ◆ (white).
 */
export const SIGNIFICANCE_STYLES: Readonly<Record<SignificanceLabel, SignificanceStyle>> = {
  Better: { label: 'Better', colour: FINGERTIPS_COLOURS.better, symbol: 'triangle-up', legend: 'Better than England' },
  Similar: { label: 'Similar', colour: FINGERTIPS_COLOURS.similar, symbol: 'circle', legend: 'Similar to England' },
  Worse: { label: 'Worse', colour: FINGERTIPS_COLOURS.worse, symbol: 'triangle-down', legend: 'Worse than England' },
  Higher: { label: 'Higher', colour: FINGERTIPS_COLOURS.higher, symbol: 'triangle-right', legend: 'Higher than England' },
  Lower: { label: 'Lower', colour: FINGERTIPS_COLOURS.lower, symbol: 'triangle-left', legend: 'Lower than England' },
  'Not compared': { label: 'Not compared', colour: FINGERTIPS_COLOURS.notCompared, symbol: 'diamond', legend: 'Not compared' },
};

/** Order in which significance categories appear in legends. */
export const SIGNIFICANCE_ORDER: readonly SignificanceLabel[] = ['Better', 'Similar', 'Worse', 'Higher', 'Lower', 'Not compared'];

/**
 * The style for a significance label; `null`/unknown labels are drawn as "Not compared".
 * @example significanceStyle('Worse').symbol // 'triangle-down'
 */
export function significanceStyle(label: SignificanceLabel | null | undefined): SignificanceStyle {
  return (label && SIGNIFICANCE_STYLES[label]) || SIGNIFICANCE_STYLES['Not compared'];
}

/** Parse `#rgb` / `#rrggbb` into [r, g, b] 0–255. */
export function hexToRgb(hex: string): [number, number, number] {
  let h = hex.trim().replace(/^#/, '');
  if (h.length === 3)
    h = h
      .split('')
      .map((c) => c + c)
      .join('');
  if (!/^[0-9a-fA-F]{6}$/.test(h)) throw new Error(`hexToRgb: expected a #rrggbb colour, got "${hex}"`);
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Format [r, g, b] (0–255) as `#rrggbb`. */
export function rgbToHex([r, g, b]: [number, number, number]): string {
  const part = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/**
 * WCAG 2.1 relative luminance of an sRGB colour: L = 0.2126 R + 0.7152 G + 0.0722 B on linearised
 * channels (c ≤ 0.03928 ? c/12.92 : ((c+0.055)/1.055)^2.4). Reference: WCAG 2.1, "relative luminance".
 * @example relativeLuminance('#ffffff') // 1
 */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter. AA needs ≥ 4.5 for text,
 * ≥ 3 for large text and graphical objects.
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(foreground: string, background: string): number {
  const a = relativeLuminance(foreground);
  const b = relativeLuminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * The text colour (main text colour or white) with the higher contrast on a given fill.
 * @example textColourOn('#440154') // '#ffffff'
 */
export function textColourOn(fill: string): string {
  return contrastRatio('#ffffff', fill) >= contrastRatio(TEXT_COLOUR, fill) ? '#ffffff' : TEXT_COLOUR;
}

/**
 * Sample the viridis colour map at t ∈ [0, 1] by linear interpolation between its stops.
 * @example viridis(0) // '#440154'
 */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(VIRIDIS_STOPS[i]);
  const b = hexToRgb(VIRIDIS_STOPS[i + 1]);
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/**
 * `n` colours evenly spaced along viridis, darkest first (n ≥ 1).
 * @example sequentialColours(2) // ['#440154', '#fde725']
 */
export function sequentialColours(n: number): string[] {
  if (n <= 1) return [viridis(0)];
  return Array.from({ length: n }, (_, i) => viridis(i / (n - 1)));
}

/** Colours for national IMD deciles 1 (most deprived, darkest) … 10 (least deprived). */
export const IMD_DECILE_COLOURS: readonly string[] = sequentialColours(10);
/** Colours for IMD quintiles 1 (most deprived) … 5 (least deprived). */
export const IMD_QUINTILE_COLOURS: readonly string[] = sequentialColours(5);
/** A plotly colorscale for viridis. */
export const VIRIDIS_COLORSCALE: [number, string][] = VIRIDIS_STOPS.map((c, i) => [i / (VIRIDIS_STOPS.length - 1), c]);

/** Highlight colour for Core20 (IMD deciles 1–2) and the neutral colour for other deciles. */
export const CORE20_COLOUR = OKABE_ITO.vermillion;
export const NON_CORE20_COLOUR = '#8c8c8c';

/**
 * Escape text for plotly's pseudo-HTML labels (titles, ticks, hover, annotations): `&`, `<`, `>`
 * become entities, so an indicator called `<script>` shows as text and is never interpreted.
 * @example escapePlotlyText('<b>') // '&lt;b&gt;'
 */
export function escapePlotlyText(text: string): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Wrap plain text at word boundaries to lines of at most `width` characters, escaped for plotly and
 * joined with `<br>`.
 * @example wrapPlotlyText('Life expectancy at birth', 10) // 'Life<br>expectancy<br>at birth'
 */
export function wrapPlotlyText(text: string, width = 60): string {
  const words = String(text)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length === 0) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map(escapePlotlyText).join('<br>');
}

/**
 * Format a number with fixed decimals and thousands separators (deterministic, locale-free);
 * `null`/non-finite → the `missing` text.
 * @example formatNumber(12345.678, 1) // '12,345.7'
 */
export function formatNumber(value: number | null | undefined, decimals = 1, missing = '-'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  const fixed = roundTo(value, decimals).toFixed(Math.max(0, decimals));
  const negative = fixed.startsWith('-') && Number(fixed) !== 0;
  const [int, frac] = fixed.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * Round for display to `decimals` places (null and non-finite → null): the display rule of
 * `core/rounding.ts` (half away from zero on the shortest decimal representation).
 * @example roundTo(2.345, 2) // 2.35
 * @example roundTo(8.575, 2) // 8.58
 */
export function roundTo(value: number, decimals: number): number;
export function roundTo(value: number | null | undefined, decimals: number): number | null;
export function roundTo(value: number | null | undefined, decimals: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return roundHalfAway(value, decimals);
}

/**
 * Lower-case the first letter only, keeping proper nouns: 'Better than England' → 'better than England'.
 * @example lowerFirst('Worse than England') // 'worse than England'
 */
export function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}

/** Options common to the layouts of all charts. */
export interface BaseLayoutOptions {
  title: string;
  /** Subtitle shown under the title in smaller muted text (plain text). */
  subtitle?: string;
  xTitle?: string;
  yTitle?: string;
  height?: number;
  width?: number;
  showLegend?: boolean;
  margin?: { l?: number; r?: number; t?: number; b?: number };
}

/**
 * The shared layout: fonts, colours, title (+ subtitle), axis titles, legend below the plot,
 * white background, and no automatic sizing surprises. Chart functions extend the result.
 */
export function baseLayout(options: BaseLayoutOptions): PlotlyLayout {
  const titleText = options.subtitle
    ? `${wrapPlotlyText(options.title, 80)}<br><span style="font-size:${FONT_SIZE - 1}px;color:${MUTED_TEXT_COLOUR}">${wrapPlotlyText(options.subtitle, 100)}</span>`
    : wrapPlotlyText(options.title, 80);
  const titleLines = (titleText.match(/<br>/g) ?? []).length + 1;
  const axis = (title: string | undefined) => ({
    title: title ? { text: escapePlotlyText(title), standoff: 8 } : undefined,
    color: TEXT_COLOUR,
    gridcolor: GRID_COLOUR,
    linecolor: MUTED_TEXT_COLOUR,
    zerolinecolor: GRID_COLOUR,
    automargin: true,
    tickfont: { size: FONT_SIZE - 1, color: TEXT_COLOUR },
  });
  const layout: PlotlyLayout = {
    title: {
      text: titleText,
      x: 0,
      xanchor: 'left',
      xref: 'paper',
      font: { size: FONT_SIZE + 3, color: TEXT_COLOUR, family: FONT_FAMILY },
    },
    font: { family: FONT_FAMILY, size: FONT_SIZE, color: TEXT_COLOUR },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 70, r: 30, t: 40 + 22 * titleLines, b: 60, ...options.margin },
    xaxis: axis(options.xTitle),
    yaxis: axis(options.yTitle),
    showlegend: options.showLegend ?? true,
    legend: {
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: -0.18,
      yanchor: 'top',
      font: { size: FONT_SIZE - 1, color: TEXT_COLOUR },
    },
    hoverlabel: { font: { family: FONT_FAMILY, size: FONT_SIZE, color: TEXT_COLOUR }, bgcolor: '#ffffff', bordercolor: TEXT_COLOUR },
    height: options.height ?? 450,
  };
  if (options.width !== undefined) layout.width = options.width;
  return layout;
}

/**
 * Put the legend under the x axis at a fixed pixel offset (plotly positions legends in paper
 * fractions, so a fixed fraction overlaps the axis title on short charts), and make room for it.
 * Call after the layout's height and margins are final.
 */
export function placeLegendBelow(layout: PlotlyLayout, offsetPx = 72, legendRowsPx = 50): PlotlyLayout {
  const margin = layout.margin as { t: number; b: number };
  margin.b = Math.max(margin.b, offsetPx + legendRowsPx);
  const plotHeight = Math.max(100, (layout.height as number) - margin.t - margin.b);
  layout.legend = { ...(layout.legend as object), y: roundTo(-offsetPx / plotHeight, 4), yanchor: 'top' };
  return layout;
}

/** plotly.js config shared by all charts: no logo, no links to the plotly cloud, responsive. */
export function baseConfig(): PlotlyConfig {
  return {
    displaylogo: false,
    responsive: true,
    showLink: false,
    showSendToCloud: false,
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
    toImageButtonOptions: { format: 'png', scale: 2 },
  };
}
