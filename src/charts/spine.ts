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
      halfRange, direction,
      left: pos(lowest), innerLeft: pos(p25), innerRight: pos(p75), right: pos(highest), marker,
      leftValue: lowest, innerLeftValue: p25, innerRightValue: p75, rightValue: highest,
      leftLabel: rag ? 'Worst' : 'Lowest', rightLabel: rag ? 'Best' : 'Highest',
    };
  }
  return {
    halfRange, direction,
    left: pos(highest), innerLeft: pos(p75), innerRight: pos(p25), right: pos(lowest), marker,
    leftValue: highest, innerLeftValue: p75, innerRightValue: p25, rightValue: lowest,
    leftLabel: 'Worst', rightLabel: 'Best',
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
  /** Characters per line for indicator names in the wide layout (default 36). */
  nameWidth?: number;
  /** Text shown for suppressed counts and values (default `*`). */
  suppressionMarker?: string;
}

const OUTER_BAND = '#d9d9d9';
/** What a missing value looks like in the chart's text columns (an en dash, as in report tables). */
const MISSING = '–';
const INNER_BAND = '#767676';
const ROW_SHADE = '#f3f2f1';

/**
 * Build a Fingertips-style spine chart with its text alternative and data table.
 *
 * Left part: indicator name, period, count, area value, region value, England value and England's
 * worst/lowest as text columns; middle: the spine (light band worst→best, dark 25th–75th band,
 * black England line, the area marker coloured and shaped by significance); right: best/highest.
 * Rows whose England distribution is missing get text columns but no bar (listed in `notes`).
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
  const hasRegion = rows.some((r) => r.regionValue !== null && r.regionValue !== undefined);
  const hasPeriod = rows.some((r) => r.period);
  const hasCount = rows.some((r) => (r.count !== null && r.count !== undefined) || r.suppressed === true);

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

  const marker = options.suppressionMarker ?? '*';
  const polarities = new Set(geoms.map((g, i) => (g ? isRagPolarity(rows[i].polarity) : null)).filter((x) => x !== null));
  const allRag = polarities.size === 1 && polarities.has(true);
  const noneRag = polarities.size === 1 && polarities.has(false);
  const leftWord = allRag ? 'worst' : noneRag ? 'lowest' : 'worst/<br>lowest';
  const rightWord = allRag ? 'best' : noneRag ? 'highest' : 'best/<br>highest';
  const direction = allRag ? 'worse ← → better' : noneRag ? 'lower ← → higher' : 'worse/lower ← → better/higher';
  const rightArrow = allRag ? 'better →' : noneRag ? 'higher →' : 'better/higher →';
  const cellText = (r: SpineIndicator, i: number): Record<string, string> => {
    const d = r.decimals ?? 1;
    const g = geoms[i];
    const hidden = r.suppressed === true;
    return {
      name: '',
      period: escapePlotlyText(r.period ?? ''),
      count: hidden ? escapePlotlyText(marker) : formatNumber(r.count ?? null, 0, MISSING),
      value: hidden ? escapePlotlyText(marker) : formatNumber(r.value, d, MISSING),
      region: formatNumber(r.regionValue ?? null, d, MISSING),
      england: formatNumber(r.englandValue, d, MISSING),
      left: g ? formatNumber(g.leftValue, d, MISSING) : MISSING,
      right: g ? formatNumber(g.rightValue, d, MISSING) : MISSING,
    };
  };
  const cells = rows.map(cellText);

  // Three column layouts: wide (desktop), medium (up to 1000 px, and the A4 print width: no
  // worst/best text columns) and narrow (phones: indicator, value, England and the spine).
  // `group`: a heading over adjacent columns (the area's name over its count and value).
  type Col = { key: string; header: string; width: number; anchor: 'left' | 'right' | 'center'; group?: string };
  type Variant = { nameWidth: number; fontSize: number; cols: Col[]; spineEnd: number; right: boolean; direction?: string };
  const areaHead = (w: number) => wrapPlotlyText(area, w);
  const regionHead = (w: number) => wrapPlotlyText(options.regionName ?? 'Region', w);
  const variant = (kind: 'wide' | 'medium' | 'narrow'): Variant => {
    const cols: Col[] = [];
    if (kind === 'wide') {
      cols.push({ key: 'name', header: 'Indicator', width: 0.25, anchor: 'left' });
      if (hasPeriod) cols.push({ key: 'period', header: 'Period', width: 0.06, anchor: 'center' });
      if (hasCount) cols.push({ key: 'count', header: 'count', width: 0.065, anchor: 'right', group: areaHead(22) });
      cols.push({ key: 'value', header: 'value', width: 0.06, anchor: 'right', group: areaHead(22) });
      if (hasRegion) cols.push({ key: 'region', header: `${regionHead(12)}<br>value`, width: 0.065, anchor: 'right' });
      cols.push({ key: 'england', header: 'England<br>value', width: 0.06, anchor: 'right' });
      cols.push({ key: 'left', header: `England<br>${leftWord}`, width: 0.065, anchor: 'right' });
      return { nameWidth: options.nameWidth ?? 36, fontSize: FONT_SIZE - 1, cols, spineEnd: 0.915, right: true };
    }
    if (kind === 'medium') {
      cols.push({ key: 'name', header: 'Indicator', width: 0.3, anchor: 'left' });
      if (hasPeriod) cols.push({ key: 'period', header: 'Period', width: 0.075, anchor: 'center' });
      if (hasCount) cols.push({ key: 'count', header: 'count', width: 0.085, anchor: 'right', group: areaHead(20) });
      cols.push({ key: 'value', header: 'value', width: 0.075, anchor: 'right', group: areaHead(20) });
      if (hasRegion) cols.push({ key: 'region', header: `${regionHead(10)}<br>value`, width: 0.08, anchor: 'right' });
      cols.push({ key: 'england', header: 'England<br>value', width: 0.075, anchor: 'right' });
      return { nameWidth: 32, fontSize: FONT_SIZE - 2, cols, spineEnd: 0.99, right: false };
    }
    cols.push({ key: 'name', header: 'Indicator', width: 0.38, anchor: 'left' });
    cols.push({ key: 'value', header: `${areaHead(9)}`, width: 0.16, anchor: 'right' });
    cols.push({ key: 'england', header: 'England', width: 0.17, anchor: 'right' });
    return { nameWidth: 24, fontSize: FONT_SIZE - 2, cols, spineEnd: 0.99, right: false, direction: `<b>England range</b><br>${rightArrow}` };
  };
  const lineCount = (text: string) => text.split('<br>').length;
  const variantLayout = (v: Variant, top: number, bottom: number) => {
    const names = rows.map((r) => wrapPlotlyText(r.indicator, v.nameWidth));
    const lineH = v.fontSize + 3;
    const rowPx = Math.max(30, lineH * Math.max(1, ...names.map(lineCount)) + 12);
    const annotations: Record<string, unknown>[] = [];
    let x = 0;
    const placed = v.cols.map((c) => {
      const at = c.anchor === 'left' ? x : c.anchor === 'right' ? x + c.width - 0.008 : x + c.width / 2;
      x += c.width;
      return { ...c, at };
    });
    const spineStart = x + 0.01;
    const spineHead = v.direction ?? `<b>England range</b><br>${direction}`;
    const heads = [...placed.map((c) => (c.group ? `${c.group}<br>${c.header}` : c.header)), spineHead];
    if (v.right) heads.push(`England<br>${rightWord}`);
    const headerPx = lineH * Math.max(...heads.map(lineCount)) + 6;
    const groups = new Map<string, { from: number; to: number; lines: number }>();
    let gx = 0;
    for (const c of v.cols) {
      if (c.group) {
        const g = groups.get(c.group) ?? { from: gx, to: gx, lines: lineCount(c.header) };
        g.to = gx + c.width;
        groups.set(c.group, g);
      }
      gx += c.width;
    }
    const font = { size: v.fontSize, color: TEXT_COLOUR };
    const headerY = -0.5 - 4 / rowPx;
    for (const c of placed) {
      annotations.push({
        x: c.at, y: headerY, xref: 'paper', yref: 'y', text: `<b>${c.header}</b>`, showarrow: false,
        xanchor: c.anchor, yanchor: 'bottom', align: c.anchor, font,
      });
    }
    for (const [text, g] of groups) {
      annotations.push({
        x: (g.from + g.to) / 2, y: headerY, xref: 'paper', yref: 'y', text: `<b>${text}</b>`, showarrow: false,
        xanchor: 'center', yanchor: 'bottom', align: 'center', yshift: lineH * g.lines + 2, font,
      });
    }
    annotations.push({
      x: (spineStart + v.spineEnd) / 2, y: headerY, xref: 'paper', yref: 'y', text: spineHead,
      showarrow: false, xanchor: 'center', yanchor: 'bottom', align: 'center', font,
    });
    if (v.right) {
      annotations.push({ x: v.spineEnd + 0.01, y: headerY, xref: 'paper', yref: 'y', text: `<b>England<br>${rightWord}</b>`, showarrow: false, xanchor: 'left', yanchor: 'bottom', align: 'left', font });
    }
    rows.forEach((_, i) => {
      const cell: Record<string, string> = { ...cells[i], name: names[i] };
      for (const c of placed) {
        annotations.push({ x: c.at, y: i, xref: 'paper', yref: 'y', text: cell[c.key], showarrow: false, xanchor: c.anchor, yanchor: 'middle', align: c.anchor, font });
      }
      if (v.right) annotations.push({ x: v.spineEnd + 0.01, y: i, xref: 'paper', yref: 'y', text: cell.right, showarrow: false, xanchor: 'left', yanchor: 'middle', align: 'left', font });
    });
    const headerRows = (headerPx + 6) / rowPx;
    return {
      annotations,
      height: top + bottom + Math.round((n + headerRows) * rowPx),
      xaxis: { domain: [roundTo(spineStart, 4), v.spineEnd] },
      yaxis: { range: [n - 0.5, roundTo(-0.5 - headerRows, 4)] },
    };
  };

  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 2) {
    shapes.push({ type: 'rect', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: i - 0.5, y1: i + 0.5, fillcolor: ROW_SHADE, line: { width: 0 }, layer: 'below' });
  }

  const data: PlotlyTrace[] = [];
  const idx = rows.map((_, i) => i).filter((i) => geoms[i] !== null);
  const hoverRange = (i: number) => {
    const r = rows[i];
    const g = geoms[i]!;
    const d = r.decimals ?? 1;
    return `${wrapPlotlyText(r.indicator, 50)}<br>England ${g.leftLabel.toLowerCase()}: ${formatNumber(g.leftValue, d)}` +
      `<br>25th–75th percentile: ${formatNumber(r.englandP25, d)}–${formatNumber(r.englandP75, d)}` +
      `<br>England ${g.rightLabel.toLowerCase()}: ${formatNumber(g.rightValue, d)}<br>England value: ${formatNumber(r.englandValue, d)}`;
  };
  data.push({
    type: 'bar', orientation: 'h', name: 'England range (worst/lowest to best/highest)',
    y: idx, base: idx.map((i) => geoms[i]!.left), x: idx.map((i) => clean(geoms[i]!.right - geoms[i]!.left)),
    width: 0.56, marker: { color: OUTER_BAND, line: { width: 0 } },
    hoverinfo: 'text', hovertext: idx.map(hoverRange), xaxis: 'x', yaxis: 'y',
  });
  data.push({
    type: 'bar', orientation: 'h', name: 'England 25th to 75th percentile',
    y: idx, base: idx.map((i) => geoms[i]!.innerLeft), x: idx.map((i) => clean(geoms[i]!.innerRight - geoms[i]!.innerLeft)),
    width: 0.56, marker: { color: INNER_BAND, line: { width: 0 } },
    hoverinfo: 'text', hovertext: idx.map(hoverRange), xaxis: 'x', yaxis: 'y',
  });
  const lineX: (number | null)[] = [];
  const lineY: (number | null)[] = [];
  for (const i of idx) lineX.push(0, 0, null), lineY.push(i - 0.38, i + 0.38, null);
  data.push({
    type: 'scatter', mode: 'lines', name: 'England value', x: lineX, y: lineY,
    line: { color: TEXT_COLOUR, width: 2.5 }, hoverinfo: 'skip', xaxis: 'x', yaxis: 'y',
  });

  for (const label of SIGNIFICANCE_ORDER) {
    const members = idx.filter((i) => geoms[i]!.marker !== null && (rows[i].significance ?? 'Not compared') === label);
    if (members.length === 0) continue;
    const st = significanceStyle(label);
    data.push({
      type: 'scatter', mode: 'markers', name: `${escapePlotlyText(area)}: ${lowerFirst(st.legend)}`,
      x: members.map((i) => geoms[i]!.marker), y: members,
      marker: { symbol: st.symbol, color: st.colour, size: 14, line: { color: OUTLINE_COLOUR, width: 1.2 } },
      hoverinfo: 'text',
      hovertext: members.map((i) => {
        const r = rows[i];
        const d = r.decimals ?? 1;
        const unit = r.unit ? ` ${escapePlotlyText(r.unit)}` : '';
        return `${wrapPlotlyText(r.indicator, 50)}<br>${escapePlotlyText(area)}: ${formatNumber(r.value, d)}${unit}` +
          `<br>England: ${formatNumber(r.englandValue, d)}${unit}<br>${st.legend}`;
      }),
      xaxis: 'x', yaxis: 'y',
    });
  }

  let extent = 1;
  for (const g of geoms) if (g && g.marker !== null) extent = Math.max(extent, Math.abs(g.marker));
  const layout = baseLayout({
    title, subtitle: options.subtitle, height: 0, margin: { l: 10, r: 10, b: 70 },
  });
  const top = (layout.margin as { t: number }).t;
  const bottom = 70;
  const wide = variantLayout(variant('wide'), top, bottom);
  const medium = variantLayout(variant('medium'), top, bottom);
  const narrow = variantLayout(variant('narrow'), top, bottom);
  // Legend rows: about four in the narrow layout, two otherwise.
  const narrowBottom = 150;
  layout.height = wide.height;
  layout.barmode = 'overlay';
  layout.bargap = 0;
  layout.shapes = shapes;
  layout.annotations = wide.annotations;
  layout.xaxis = {
    domain: wide.xaxis.domain, range: [-extent - 0.08, extent + 0.08], showticklabels: false, showgrid: false,
    zeroline: false, showline: false, fixedrange: true,
  };
  layout.yaxis = {
    range: wide.yaxis.range, showticklabels: false, showgrid: false, zeroline: false, fixedrange: true,
  };
  layout.legend = { ...(layout.legend as object), y: 0, yanchor: 'top', traceorder: 'normal' };
  layout.hovermode = 'closest';
  const breakpoints = [
    { maxWidth: 1000, layout: { height: medium.height, annotations: medium.annotations, xaxis: medium.xaxis, yaxis: medium.yaxis } },
    {
      maxWidth: 480,
      layout: {
        height: narrow.height - bottom + narrowBottom, annotations: narrow.annotations, xaxis: narrow.xaxis, yaxis: narrow.yaxis,
        margin: { b: narrowBottom }, legend: { font: { size: FONT_SIZE - 2 } },
      },
    },
  ];

  // Text alternative and table.
  const counts = new Map<SignificanceLabel, number>();
  for (const r of rows) {
    const s = r.significance ?? 'Not compared';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const parts = SIGNIFICANCE_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s.toLowerCase()}`);
  const worse = rows.filter((r) => r.significance === 'Worse');
  const detail = (list: SpineIndicator[]) => list.slice(0, 5).map((r) => `${r.indicator} (${formatNumber(r.value, r.decimals ?? 1)} vs England ${formatNumber(r.englandValue, r.decimals ?? 1)})`).join('; ');
  let alt = `Spine chart of ${n} indicator${n === 1 ? '' : 's'} for ${area} compared with England: ${parts.join(', ')}.`;
  if (worse.length > 0) alt += ` Worse than England: ${detail(worse)}${worse.length > 5 ? `; and ${worse.length - 5} more` : ''}.`;
  else {
    const better = rows.filter((r) => r.significance === 'Better');
    if (better.length > 0) alt += ` None is worse than England; better: ${detail(better)}${better.length > 5 ? `; and ${better.length - 5} more` : ''}.`;
  }

  const columns = ['Indicator', 'Period', 'Count', `${area} value`];
  if (hasRegion) columns.push(`${options.regionName ?? 'Region'} value`);
  columns.push('England value', 'England worst/lowest', 'England 25th percentile', 'England 75th percentile', 'England best/highest', 'Compared with England', 'Polarity');
  const polarityText: Record<ChartPolarity, string> = {
    'high-is-good': 'High is good', 'low-is-good': 'Low is good', 'no-judgement': 'No judgement', 'not-applicable': 'Not applicable',
  };
  const tableRows: TableCell[][] = rows.map((r, i) => {
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
      polarityText[r.polarity],
    );
    return row;
  });

  return {
    title,
    subtitle: options.subtitle,
    figure: { data, layout, config: baseConfig() },
    breakpoints,
    alt,
    table: { columns, rows: tableRows },
    notes,
  };
}

/** The muted colour used for secondary spine text (exported for reports that mimic the chart). */
export const SPINE_COLOURS = { outerBand: OUTER_BAND, innerBand: INNER_BAND, rowShade: ROW_SHADE, muted: MUTED_TEXT_COLOUR } as const;
