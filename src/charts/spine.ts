/**
 * Fingertips-style spine chart: one row per indicator, centred on England.
 *
 * Geometry follows Fingertips (`angular-app/src/app/area-profile/spine-chart.classes.ts`,
 * `IndicatorStatsCalculator.cs` in the public Fingertips source):
 * the bar is centred on the England value; its half-width is scaled to
 * max(|England − min|, |England − max|); a dark 25th–75th percentile band sits inside a light band
 * running out to England's extremes; for low-is-good indicators the highest values are drawn on the
 * left, so better is always to the right; the area's marker is coloured (and here also shaped) by
 * its significance against England.
 */
import type { ChartPolarity, ChartSpec, PlotlyTrace, SignificanceLabel, TableCell } from './types.js';
import {
  MUTED_TEXT_COLOUR,
  OUTLINE_COLOUR,
  SIGNIFICANCE_ORDER,
  TEXT_COLOUR,
  FONT_SIZE,
  baseConfig,
  baseLayout,
  escapePlotlyText,
  formatNumber,
  lowerFirst,
  roundTo,
  significanceStyle,
  wrapPlotlyText,
} from './theme.js';
import { textWidthPx, wrapToWidth } from './textMetrics.js';

/** England's distribution for one indicator and the value to place on the spine. */
export interface SpineGeometryInput {
  /** England (benchmark) value: the centre of the bar. */
  england: number;
  /** Lowest value among England's areas. */
  lowest: number;
  /** 25th percentile of England's areas. */
  p25: number;
  /** 75th percentile of England's areas. */
  p75: number;
  /** Highest value among England's areas. */
  highest: number;
  /** The area's value (null when missing). */
  value?: number | null;
  polarity: ChartPolarity;
}

/**
 * Positions on a normalised scale where England is 0 and ±1 is England ± halfRange. Positive is
 * to the right (better for RAG polarities; higher otherwise).
 */
export interface SpineGeometry {
  /** max(|England − lowest|, |England − highest|); 0 when all values equal. */
  halfRange: number;
  /** +1 when higher values are drawn to the right, −1 when low is good (higher values to the left). */
  direction: 1 | -1;
  /** Position of the left end of the light band (worst, or lowest for no-judgement). */
  left: number;
  /** Position of the left edge of the dark inner band. */
  innerLeft: number;
  /** Position of the right edge of the dark inner band. */
  innerRight: number;
  /** Position of the right end of the light band (best, or highest). */
  right: number;
  /** Position of the area's marker (null when there is no value). */
  marker: number | null;
  /** Data values at the ends and inner band edges (so labels match what is drawn). */
  leftValue: number;
  innerLeftValue: number;
  innerRightValue: number;
  rightValue: number;
  /** 'Worst' and 'Best' for RAG polarities; 'Lowest' and 'Highest' otherwise. */
  leftLabel: 'Worst' | 'Lowest' | 'Highest';
  rightLabel: 'Best' | 'Highest' | 'Lowest';
}

/** True for the two RAG polarities (a value can be better or worse). */
export function isRagPolarity(polarity: ChartPolarity): boolean {
  return polarity === 'high-is-good' || polarity === 'low-is-good';
}

/**
 * Spine-chart geometry for one indicator (Fingertips): centre = England, half-width scaled to
 * halfRange = max(|E − min|, |E − max|), position(v) = direction·(v − E)/halfRange, with
 * direction = −1 for low-is-good (highest values on the left, so better is to the right) and +1
 * otherwise. Extremes of England's distribution therefore land on [−1, 1] and at least one of them
 * is exactly ±1.
 *
 * @example
 * // low is good: England 10, range 4–20 → halfRange 10; the highest (worst) value is on the left.
 * spineGeometry({ england: 10, lowest: 4, p25: 8, p75: 13, highest: 20, value: 6, polarity: 'low-is-good' })
 * // → { halfRange: 10, direction: -1, left: -1, innerLeft: -0.3, innerRight: 0.2, right: 0.6,
 * //     marker: 0.4, leftValue: 20, rightValue: 4, leftLabel: 'Worst', rightLabel: 'Best', ... }
 */
export function spineGeometry(input: SpineGeometryInput): SpineGeometry {
  const { england, lowest, p25, p75, highest } = input;
  for (const [name, v] of Object.entries({ england, lowest, p25, p75, highest })) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`spineGeometry: ${name} must be a finite number, got ${String(v)}`);
  }
  if (!(lowest <= p25 && p25 <= p75 && p75 <= highest)) {
    throw new Error(`spineGeometry: expected lowest ≤ p25 ≤ p75 ≤ highest, got ${lowest}, ${p25}, ${p75}, ${highest}`);
  }
  const halfRange = Math.max(Math.abs(england - lowest), Math.abs(england - highest));
  const direction: 1 | -1 = input.polarity === 'low-is-good' ? -1 : 1;
  const pos = (v: number) => (halfRange === 0 ? 0 : clean((direction * (v - england)) / halfRange));
  const rag = isRagPolarity(input.polarity);
  const value = input.value ?? null;
  const marker = value === null || !Number.isFinite(value) ? null : pos(value);
  if (direction === 1) {
    return {
      halfRange,
      direction,
      left: pos(lowest),
      innerLeft: pos(p25),
      innerRight: pos(p75),
      right: pos(highest),
      marker,
      leftValue: lowest,
      innerLeftValue: p25,
      innerRightValue: p75,
      rightValue: highest,
      leftLabel: rag ? 'Worst' : 'Lowest',
      rightLabel: rag ? 'Best' : 'Highest',
    };
  }
  return {
    halfRange,
    direction,
    left: pos(highest),
    innerLeft: pos(p75),
    innerRight: pos(p25),
    right: pos(lowest),
    marker,
    leftValue: highest,
    innerLeftValue: p75,
    innerRightValue: p25,
    rightValue: lowest,
    leftLabel: 'Worst',
    rightLabel: 'Best',
  };
}

/** Remove floating-point noise (e.g. 0.30000000000000004 → 0.3) so specs are stable. */
function clean(x: number): number {
  const r = Math.round(x * 1e12) / 1e12;
  return Object.is(r, -0) ? 0 : r;
}

/** One row of the spine chart. */
export interface SpineIndicator {
  /** Indicator name (plain text; escaped for the figure). */
  indicator: string;
  /** Time period label, e.g. '2017-19'. */
  period?: string | null;
  /** The area's count (numerator), if any. */
  count?: number | null;
  /** The area's value (null when missing or suppressed). */
  value: number | null;
  /** The region's value. */
  regionValue?: number | null;
  /** England's value (the benchmark). */
  englandValue: number | null;
  /** England's lowest, 25th percentile, 75th percentile and highest area values. */
  englandLowest: number | null;
  englandP25: number | null;
  englandP75: number | null;
  englandHighest: number | null;
  polarity: ChartPolarity;
  /** The area compared with England (Fingertips label); null → not compared. */
  significance: SignificanceLabel | null;
  /** Unit shown in hover text, e.g. 'per 100,000' or '%'. */
  unit?: string;
  /** Decimal places for the values of this row (default 1). */
  decimals?: number;
  /**
   * True when the area's count (and so its value) is suppressed by a small-number rule: the count
   * and value columns show the suppression marker instead of the missing-value dash, and no
   * marker is drawn. Pass `count` and `value` as null.
   */
  suppressed?: boolean;
}

export interface SpineChartOptions {
  /** Area name, e.g. 'Sandwell'. */
  areaName: string;
  /** Region name for the region column header (column hidden when no row has a region value). */
  regionName?: string;
  /** Chart title (default 'Spine chart: <area> compared with England'). */
  title?: string;
  subtitle?: string;
  /** Characters per line for indicator names in the wide layout (default: as many as fit its column). */
  nameWidth?: number;
  /** Text shown for suppressed counts and values (default `*`). */
  suppressionMarker?: string;
}

const OUTER_BAND = '#d9d9d9';
/** What a missing value looks like in the chart's text columns (an en dash, as in report tables). */
const MISSING = '–';
const INNER_BAND = '#767676';
const ROW_SHADE = '#f3f2f1';

// ---------------------------------------------------------------------------------------------
// Column layouts, as data
// ---------------------------------------------------------------------------------------------

/** A text cell of a row: the indicator name, its period, the area's count and value, and the comparators. */
export type SpineCellKey = 'period' | 'count' | 'value' | 'region' | 'england' | 'left';

/**
 * A text column of a spine layout. `header` may use `{area}`, `{region}` (wrapped to the layout's
 * `wrap` characters) and `{left}` (worst / lowest); `group: true` columns sit under one heading,
 * the area's name.
 */
export interface SpineColumnDef {
  key: SpineCellKey;
  header: string;
  anchor: 'left' | 'right' | 'center';
  group?: boolean;
}

/**
 * One layout of the spine chart. The base layout (`maxWidth` null) is drawn above 1000 px; the
 * others are breakpoints, applied at or below their `maxWidth`: `print` at exactly the A4 print
 * width (680 px, where the report redraws charts for print), `narrow` below it (phones). Column widths are measured from the text at `sizeAt` px (the narrowest width the
 * layout is drawn at), so the columns never run together; the indicator name gets what is left
 * once the spine has its `minSpine` share.
 */
export interface SpineLayoutDef {
  name: 'wide' | 'medium' | 'print' | 'narrow';
  maxWidth: number | null;
  sizeAt: number;
  fontSize: number;
  columns: readonly SpineColumnDef[];
  /** England's best / highest as a column right of the spine. */
  rightEnd: boolean;
  /** Smallest share of the width for the spine itself. */
  minSpine: number;
  /** Largest share for the indicator name. */
  maxName: number;
  /** Characters to wrap the area and region names at in headers. */
  wrap: number;
  /** Smallest row height and the padding added to the name's lines, px. */
  minRowPx: number;
  rowPad: number;
  /** Spine heading: `full` ("worse ← → better") or `short` ("better →"). */
  direction: 'full' | 'short';
  /** Bottom margin for the legend, px. */
  bottom: number;
}

const AREA_COLUMNS: readonly SpineColumnDef[] = [
  { key: 'period', header: 'Period', anchor: 'center' },
  { key: 'count', header: 'count', anchor: 'right', group: true },
  { key: 'value', header: 'value', anchor: 'right', group: true },
  { key: 'region', header: '{region}<br>value', anchor: 'right' },
  { key: 'england', header: 'England<br>value', anchor: 'right' },
];

/** The spine chart's layouts, widest first. */
export const SPINE_LAYOUTS: readonly SpineLayoutDef[] = [
  {
    name: 'wide',
    maxWidth: null,
    sizeAt: 1001,
    fontSize: 12,
    columns: [...AREA_COLUMNS, { key: 'left', header: 'England<br>{left}', anchor: 'right' }],
    rightEnd: true,
    minSpine: 0.22,
    maxName: 0.27,
    wrap: 22,
    minRowPx: 30,
    rowPad: 12,
    direction: 'full',
    bottom: 70,
  },
  {
    name: 'medium',
    maxWidth: 1000,
    sizeAt: 681,
    fontSize: 11,
    columns: AREA_COLUMNS,
    rightEnd: false,
    minSpine: 0.24,
    maxName: 0.32,
    wrap: 20,
    minRowPx: 30,
    rowPad: 12,
    direction: 'full',
    bottom: 70,
  },
  {
    name: 'print',
    maxWidth: 680,
    sizeAt: 680,
    fontSize: 10,
    columns: AREA_COLUMNS.filter((c) => c.key !== 'count'),
    rightEnd: false,
    minSpine: 0.24,
    maxName: 0.36,
    wrap: 9,
    minRowPx: 22,
    rowPad: 4,
    direction: 'full',
    bottom: 84,
  },
  {
    name: 'narrow',
    maxWidth: 679,
    sizeAt: 340,
    fontSize: 11,
    columns: [
      { key: 'value', header: '{area}', anchor: 'right' },
      { key: 'england', header: 'England', anchor: 'right' },
    ],
    rightEnd: false,
    minSpine: 0.26,
    maxName: 0.4,
    wrap: 9,
    minRowPx: 30,
    rowPad: 12,
    direction: 'short',
    bottom: 150,
  },
];

/** Horizontal margins of the chart (px): annotations are placed on the plot width between them. */
const SIDE_MARGIN = 10;
/** Padding around each text column, px. */
const COLUMN_PAD = 10;

/** A column placed on the paper: its left edge, width and text anchor position (all 0-1). */
interface PlacedColumn extends SpineColumnDef {
  header: string;
  from: number;
  width: number;
  at: number;
}

/** Words used at the ends and in the spine heading, by the polarities present. */
interface EndWords {
  left: string;
  right: string;
  direction: string;
  rightArrow: string;
}

function endWords(geoms: (SpineGeometry | null)[], rows: readonly SpineIndicator[]): EndWords {
  const polarities = new Set(geoms.map((g, i) => (g ? isRagPolarity(rows[i].polarity) : null)).filter((x) => x !== null));
  const allRag = polarities.size === 1 && polarities.has(true);
  const noneRag = polarities.size === 1 && polarities.has(false);
  return {
    left: allRag ? 'worst' : noneRag ? 'lowest' : 'worst/<br>lowest',
    right: allRag ? 'best' : noneRag ? 'highest' : 'best/<br>highest',
    direction: allRag ? 'worse ← → better' : noneRag ? 'lower ← → higher' : 'worse/lower ← → better/higher',
    rightArrow: allRag ? 'better →' : noneRag ? 'higher →' : 'better/higher →',
  };
}

/** The text of every cell of a row (the name is wrapped per layout). */
function rowCells(r: SpineIndicator, g: SpineGeometry | null, marker: string): Record<SpineCellKey | 'right', string> {
  const d = r.decimals ?? 1;
  const hidden = r.suppressed === true;
  return {
    period: escapePlotlyText(r.period ?? ''),
    count: hidden ? escapePlotlyText(marker) : formatNumber(r.count ?? null, 0, MISSING),
    value: hidden ? escapePlotlyText(marker) : formatNumber(r.value, d, MISSING),
    region: formatNumber(r.regionValue ?? null, d, MISSING),
    england: formatNumber(r.englandValue, d, MISSING),
    left: g ? formatNumber(g.leftValue, d, MISSING) : MISSING,
    right: g ? formatNumber(g.rightValue, d, MISSING) : MISSING,
  };
}

/**
 * Place a layout's text columns: each as wide as its widest cell or header line (plus padding)
 * at `sizeAt`, the grouped columns together at least as wide as the area name over them, the
 * indicator name in what is left beside the spine (at most `maxName`).
 */
function placeColumns(
  def: SpineLayoutDef,
  columns: SpineColumnDef[],
  headers: string[],
  cells: Record<string, string>[],
  groupHead: string,
  rightText: string[],
): { name: number; cols: PlacedColumn[]; spineStart: number; spineEnd: number; rightWidth: number } {
  const paper = def.sizeAt - 2 * SIDE_MARGIN;
  const fs = def.fontSize;
  const px = columns.map((c, j) => Math.max(textWidthPx(headers[j], fs, true), ...cells.map((row) => textWidthPx(row[c.key], fs))) + COLUMN_PAD);
  const grouped = columns.map((c, j) => (c.group ? j : -1)).filter((j) => j >= 0);
  if (grouped.length) {
    const need = textWidthPx(groupHead, fs, true) + COLUMN_PAD;
    const have = grouped.reduce((s, j) => s + px[j], 0);
    if (need > have) for (const j of grouped) px[j] += (need - have) / grouped.length;
  }
  const rightPx = def.rightEnd ? Math.max(...rightText.map((t) => textWidthPx(t, fs, true)), 0) + COLUMN_PAD : 0;
  const fixed = px.reduce((a, b) => a + b, 0) / paper;
  const rightWidth = rightPx / paper;
  const name = Math.max(0.12, Math.min(def.maxName, 1 - fixed - rightWidth - def.minSpine - 0.01));
  let x = name;
  const cols = columns.map((c, j) => {
    const width = px[j] / paper;
    const at = c.anchor === 'right' ? x + width - COLUMN_PAD / 2 / paper : c.anchor === 'left' ? x + COLUMN_PAD / 2 / paper : x + width / 2;
    const out = { ...c, header: headers[j], from: x, width, at: roundTo(at, 4) };
    x += width;
    return out;
  });
  return { name, cols, spineStart: roundTo(x + 0.01, 4), spineEnd: roundTo(1 - rightWidth, 4), rightWidth };
}

/** Annotation for one cell or header (paper x, data y). */
function textAnnotation(
  x: number,
  y: number,
  text: string,
  anchor: 'left' | 'right' | 'center',
  size: number,
  valign: 'middle' | 'bottom',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    x,
    y,
    xref: 'paper',
    yref: 'y',
    text,
    showarrow: false,
    xanchor: anchor,
    yanchor: valign,
    align: anchor,
    font: { size, color: TEXT_COLOUR },
    ...extra,
  };
}

/** Layout parts of one spine layout: annotations, height and the axes' domain and range. */
interface SpineLayoutParts {
  annotations: Record<string, unknown>[];
  height: number;
  xaxis: { domain: number[] };
  yaxis: { range: number[] };
}

/** Build one layout of the chart from its definition. */
function buildLayout(
  def: SpineLayoutDef,
  rows: readonly SpineIndicator[],
  cellsByRow: Record<string, string>[],
  ctx: { area: string; region: string; words: EndWords; top: number; hasPeriod: boolean; hasCount: boolean; hasRegion: boolean; nameWidth?: number },
): SpineLayoutParts {
  const n = rows.length;
  const fs = def.fontSize;
  const lineH = fs + 3;
  const columns = def.columns.filter(
    (c) => (c.key !== 'period' || ctx.hasPeriod) && (c.key !== 'count' || ctx.hasCount) && (c.key !== 'region' || ctx.hasRegion),
  );
  const fill = (t: string) =>
    t.replace('{area}', wrapPlotlyText(ctx.area, def.wrap)).replace('{region}', wrapPlotlyText(ctx.region, def.wrap)).replace('{left}', ctx.words.left);
  const headers = columns.map((c) => fill(c.header));
  const groupHead = wrapPlotlyText(ctx.area, def.wrap);
  const rightHead = `England<br>${ctx.words.right}`;
  const rightText = [rightHead, ...cellsByRow.map((c) => c.right)];
  const placed = placeColumns(def, columns, headers, cellsByRow, groupHead, rightText);
  const namePx = placed.name * (def.sizeAt - 2 * SIDE_MARGIN) - COLUMN_PAD;
  const names = rows.map((r) => (def.name === 'wide' && ctx.nameWidth ? wrapPlotlyText(r.indicator, ctx.nameWidth) : wrapToWidth(r.indicator, namePx, fs)));
  const lines = (t: string) => t.split('<br>').length;
  const rowPx = Math.max(def.minRowPx, lineH * Math.max(1, ...names.map(lines)) + def.rowPad);
  const spineHead = def.direction === 'short' ? `<b>England range</b><br>${ctx.words.rightArrow}` : `<b>England range</b><br>${ctx.words.direction}`;
  const groupLines = columns.some((c) => c.group) ? lines(groupHead) : 0;
  const heads = [...headers.map((h, j) => (columns[j].group ? groupLines : 0) + lines(h)), lines(spineHead), def.rightEnd ? lines(rightHead) : 1];
  const headerPx = lineH * Math.max(...heads) + 6;
  const headerY = -0.5 - 4 / rowPx;
  const annotations: Record<string, unknown>[] = [];
  annotations.push(textAnnotation(0, headerY, '<b>Indicator</b>', 'left', fs, 'bottom'));
  for (const c of placed.cols) annotations.push(textAnnotation(c.at, headerY, `<b>${c.header}</b>`, c.anchor, fs, 'bottom'));
  const grouped = placed.cols.filter((c) => c.group);
  if (grouped.length) {
    const from = grouped[0].from;
    const to = grouped[grouped.length - 1].from + grouped[grouped.length - 1].width;
    annotations.push(
      textAnnotation(roundTo((from + to) / 2, 4), headerY, `<b>${groupHead}</b>`, 'center', fs, 'bottom', {
        yshift: lineH * Math.max(...grouped.map((c) => lines(c.header))) + 2,
      }),
    );
  }
  annotations.push(textAnnotation(roundTo((placed.spineStart + placed.spineEnd) / 2, 4), headerY, spineHead, 'center', fs, 'bottom'));
  if (def.rightEnd) annotations.push(textAnnotation(roundTo(placed.spineEnd + 0.01, 4), headerY, `<b>${rightHead}</b>`, 'left', fs, 'bottom'));
  rows.forEach((_, i) => {
    annotations.push(textAnnotation(0, i, names[i], 'left', fs, 'middle'));
    for (const c of placed.cols) annotations.push(textAnnotation(c.at, i, cellsByRow[i][c.key], c.anchor, fs, 'middle'));
    if (def.rightEnd) annotations.push(textAnnotation(roundTo(placed.spineEnd + 0.01, 4), i, cellsByRow[i].right, 'left', fs, 'middle'));
  });
  const headerRows = (headerPx + 6) / rowPx;
  return {
    annotations,
    height: ctx.top + def.bottom + Math.round((n + headerRows) * rowPx),
    xaxis: { domain: [placed.spineStart, placed.spineEnd] },
    yaxis: { range: [n - 0.5, roundTo(-0.5 - headerRows, 4)] },
  };
}

// ---------------------------------------------------------------------------------------------
// Traces
// ---------------------------------------------------------------------------------------------

/** Hover text of a row's bands: England's ends, quartiles and value. */
function rangeHover(r: SpineIndicator, g: SpineGeometry): string {
  const d = r.decimals ?? 1;
  return (
    `${wrapPlotlyText(r.indicator, 50)}<br>England ${g.leftLabel.toLowerCase()}: ${formatNumber(g.leftValue, d)}` +
    `<br>25th–75th percentile: ${formatNumber(r.englandP25, d)}–${formatNumber(r.englandP75, d)}` +
    `<br>England ${g.rightLabel.toLowerCase()}: ${formatNumber(g.rightValue, d)}<br>England value: ${formatNumber(r.englandValue, d)}`
  );
}

/** The light (whole range) or dark (25th-75th percentile) band of every row with a distribution. */
function bandTrace(kind: 'outer' | 'inner', idx: number[], rows: readonly SpineIndicator[], geoms: (SpineGeometry | null)[]): PlotlyTrace {
  const from = (g: SpineGeometry) => (kind === 'outer' ? g.left : g.innerLeft);
  const to = (g: SpineGeometry) => (kind === 'outer' ? g.right : g.innerRight);
  return {
    type: 'bar',
    orientation: 'h',
    name: kind === 'outer' ? 'England range (worst/lowest to best/highest)' : 'England 25th to 75th percentile',
    y: idx,
    base: idx.map((i) => from(geoms[i]!)),
    x: idx.map((i) => clean(to(geoms[i]!) - from(geoms[i]!))),
    width: 0.56,
    marker: { color: kind === 'outer' ? OUTER_BAND : INNER_BAND, line: { width: 0 } },
    hoverinfo: 'text',
    hovertext: idx.map((i) => rangeHover(rows[i], geoms[i]!)),
    xaxis: 'x',
    yaxis: 'y',
  };
}

/** The black England line on every row with a distribution. */
function englandLineTrace(idx: number[]): PlotlyTrace {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const i of idx) x.push(0, 0, null), y.push(i - 0.38, i + 0.38, null);
  return { type: 'scatter', mode: 'lines', name: 'England value', x, y, line: { color: TEXT_COLOUR, width: 2.5 }, hoverinfo: 'skip', xaxis: 'x', yaxis: 'y' };
}

/** One marker trace per comparison label present (colour and shape by the label). */
function markerTraces(idx: number[], rows: readonly SpineIndicator[], geoms: (SpineGeometry | null)[], area: string): PlotlyTrace[] {
  const out: PlotlyTrace[] = [];
  for (const label of SIGNIFICANCE_ORDER) {
    const members = idx.filter((i) => geoms[i]!.marker !== null && (rows[i].significance ?? 'Not compared') === label);
    if (members.length === 0) continue;
    const st = significanceStyle(label);
    out.push({
      type: 'scatter',
      mode: 'markers',
      name: `${escapePlotlyText(area)}: ${lowerFirst(st.legend)}`,
      x: members.map((i) => geoms[i]!.marker),
      y: members,
      marker: { symbol: st.symbol, color: st.colour, size: 14, line: { color: OUTLINE_COLOUR, width: 1.2 } },
      hoverinfo: 'text',
      hovertext: members.map((i) => {
        const r = rows[i];
        const d = r.decimals ?? 1;
        const unit = r.unit ? ` ${escapePlotlyText(r.unit)}` : '';
        return (
          `${wrapPlotlyText(r.indicator, 50)}<br>${escapePlotlyText(area)}: ${formatNumber(r.value, d)}${unit}` +
          `<br>England: ${formatNumber(r.englandValue, d)}${unit}<br>${st.legend}`
        );
      }),
      xaxis: 'x',
      yaxis: 'y',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text alternative and table
// ---------------------------------------------------------------------------------------------

function spineAlt(rows: readonly SpineIndicator[], area: string): string {
  const n = rows.length;
  const counts = new Map<SignificanceLabel, number>();
  for (const r of rows) {
    const s = r.significance ?? 'Not compared';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const parts = SIGNIFICANCE_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s.toLowerCase()}`);
  const detail = (list: SpineIndicator[]) =>
    list
      .slice(0, 5)
      .map((r) => `${r.indicator} (${formatNumber(r.value, r.decimals ?? 1)} vs England ${formatNumber(r.englandValue, r.decimals ?? 1)})`)
      .join('; ');
  let alt = `Spine chart of ${n} indicator${n === 1 ? '' : 's'} for ${area} compared with England: ${parts.join(', ')}.`;
  const worse = rows.filter((r) => r.significance === 'Worse');
  if (worse.length > 0) return `${alt} Worse than England: ${detail(worse)}${worse.length > 5 ? `; and ${worse.length - 5} more` : ''}.`;
  const better = rows.filter((r) => r.significance === 'Better');
  if (better.length > 0) alt += ` None is worse than England; better: ${detail(better)}${better.length > 5 ? `; and ${better.length - 5} more` : ''}.`;
  return alt;
}

const POLARITY_TEXT: Record<ChartPolarity, string> = {
  'high-is-good': 'High is good',
  'low-is-good': 'Low is good',
  'no-judgement': 'No judgement',
  'not-applicable': 'Not applicable',
};

function spineTable(
  rows: readonly SpineIndicator[],
  geoms: (SpineGeometry | null)[],
  area: string,
  region: string,
  hasRegion: boolean,
  marker: string,
): { columns: string[]; rows: TableCell[][] } {
  const columns = ['Indicator', 'Period', 'Count', `${area} value`];
  if (hasRegion) columns.push(`${region} value`);
  columns.push(
    'England value',
    'England worst/lowest',
    'England 25th percentile',
    'England 75th percentile',
    'England best/highest',
    'Compared with England',
    'Polarity',
  );
  const out = rows.map((r, i) => {
    const d = r.decimals ?? 1;
    const g = geoms[i];
    const row: TableCell[] = r.suppressed
      ? [r.indicator, r.period ?? null, marker, marker]
      : [r.indicator, r.period ?? null, r.count ?? null, roundTo(r.value, d)];
    if (hasRegion) row.push(roundTo(r.regionValue ?? null, d));
    row.push(
      roundTo(r.englandValue, d),
      g ? roundTo(g.leftValue, d) : null,
      roundTo(r.englandP25, d),
      roundTo(r.englandP75, d),
      g ? roundTo(g.rightValue, d) : null,
      r.significance ?? 'Not compared',
      POLARITY_TEXT[r.polarity],
    );
    return row;
  });
  return { columns, rows: out };
}

// ---------------------------------------------------------------------------------------------
// The chart
// ---------------------------------------------------------------------------------------------

/**
 * Build a Fingertips-style spine chart with its text alternative and data table.
 *
 * Left part: indicator name, period, count, area value, region value, England value and England's
 * worst/lowest as text columns; middle: the spine (light band worst→best, dark 25th–75th band,
 * black England line, the area marker coloured and shaped by significance); right: best/highest.
 * Rows whose England distribution is missing get text columns but no bar (listed in `notes`).
 * The column sets and sizes for each width (desktop, laptop, A4 print, phone) are the data in
 * {@link SPINE_LAYOUTS}; the print layout's height is the chart's `printHeight`.
 *
 * @example
 * // Sandwell, campylobacter incidence 2017 (Fingertips 93356; England quartiles over county/UAs)
 * spineChart([{ indicator: 'Campylobacter incidence rate', period: '2017', count: 261, value: 80.9,
 *   regionValue: 92.0, englandValue: 96.6, englandLowest: 15.5, englandP25: 74.1, englandP75: 119.4,
 *   englandHighest: 174.3, polarity: 'low-is-good', significance: 'Better', unit: 'per 100,000' }],
 *   { areaName: 'Sandwell', regionName: 'West Midlands' })
 */
export function spineChart(rows: SpineIndicator[], options: SpineChartOptions): ChartSpec {
  const area = options.areaName;
  const title = options.title ?? `Spine chart: ${area} compared with England`;
  const notes: string[] = [];
  const n = rows.length;
  const marker = options.suppressionMarker ?? '*';
  const geoms = rows.map((r) => {
    const { englandValue: e, englandLowest: lo, englandP25: q1, englandP75: q3, englandHighest: hi } = r;
    if (e === null || lo === null || q1 === null || q3 === null || hi === null) {
      notes.push(`${r.indicator}: no England distribution, so no bar is drawn.`);
      return null;
    }
    return spineGeometry({ england: e, lowest: lo, p25: q1, p75: q3, highest: hi, value: r.value, polarity: r.polarity });
  });
  rows.forEach((r) => {
    if (r.suppressed) notes.push(`${r.indicator}: suppressed for ${area} (based on a small count).`);
    else if (r.value === null) notes.push(`${r.indicator}: no value for ${area}.`);
  });
  const hasRegion = rows.some((r) => r.regionValue !== null && r.regionValue !== undefined);
  const cells = rows.map((r, i) => rowCells(r, geoms[i], marker));
  const layout = baseLayout({ title, subtitle: options.subtitle, height: 0, margin: { l: SIDE_MARGIN, r: SIDE_MARGIN, b: SPINE_LAYOUTS[0].bottom } });
  const ctx = {
    area,
    region: options.regionName ?? 'Region',
    words: endWords(geoms, rows),
    top: (layout.margin as { t: number }).t,
    hasPeriod: rows.some((r) => r.period),
    hasCount: rows.some((r) => (r.count !== null && r.count !== undefined) || r.suppressed === true),
    hasRegion,
    nameWidth: options.nameWidth,
  };
  const parts = SPINE_LAYOUTS.map((def) => ({ def, parts: buildLayout(def, rows, cells, ctx) }));
  const [wide, ...others] = parts;

  const idx = rows.map((_, i) => i).filter((i) => geoms[i] !== null);
  const data: PlotlyTrace[] = [
    bandTrace('outer', idx, rows, geoms),
    bandTrace('inner', idx, rows, geoms),
    englandLineTrace(idx),
    ...markerTraces(idx, rows, geoms, area),
  ];

  let extent = 1;
  for (const g of geoms) if (g && g.marker !== null) extent = Math.max(extent, Math.abs(g.marker));
  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 2)
    shapes.push({ type: 'rect', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: i - 0.5, y1: i + 0.5, fillcolor: ROW_SHADE, line: { width: 0 }, layer: 'below' });
  layout.height = wide.parts.height;
  layout.barmode = 'overlay';
  layout.bargap = 0;
  layout.shapes = shapes;
  layout.annotations = wide.parts.annotations;
  layout.xaxis = {
    domain: wide.parts.xaxis.domain,
    range: [-extent - 0.08, extent + 0.08],
    showticklabels: false,
    showgrid: false,
    zeroline: false,
    showline: false,
    fixedrange: true,
  };
  layout.yaxis = { range: wide.parts.yaxis.range, showticklabels: false, showgrid: false, zeroline: false, fixedrange: true };
  layout.legend = { ...(layout.legend as object), y: 0, yanchor: 'top', traceorder: 'normal' };
  layout.hovermode = 'closest';
  const breakpoints = others.map(({ def, parts: p }) => ({
    maxWidth: def.maxWidth as number,
    layout: {
      height: p.height,
      annotations: p.annotations,
      xaxis: p.xaxis,
      yaxis: p.yaxis,
      ...(def.bottom !== SPINE_LAYOUTS[0].bottom ? { margin: { b: def.bottom } } : {}),
      ...(def.fontSize < FONT_SIZE - 1 ? { legend: { font: { size: def.fontSize } } } : {}),
    },
  }));
  const print = others.find((x) => x.def.name === 'print');
  return {
    title,
    subtitle: options.subtitle,
    figure: { data, layout, config: baseConfig() },
    breakpoints,
    printHeight: print ? print.parts.height : undefined,
    alt: spineAlt(rows, area),
    table: spineTable(rows, geoms, area, options.regionName ?? 'Region', hasRegion, marker),
    notes,
  };
}

/** The muted colour used for secondary spine text (exported for reports that mimic the chart). */
export const SPINE_COLOURS = { outerBand: OUTER_BAND, innerBand: INNER_BAND, rowShade: ROW_SHADE, muted: MUTED_TEXT_COLOUR } as const;
