/**
 * Statistical process control (XmR) chart in the NHS England "Making Data Count" style: the
 * values as a grey line, points coloured AND shaped by what they signal (grey circles common
 * cause, blue squares special cause improvement, orange diamonds concern, purple triangles
 * neutral), the mean as a solid line and the process limits as dashed lines per rebase segment,
 * the target (red dashed) and trajectory (purple dotted) when given, and the variation and
 * assurance icons (drawn by healthgap as SVG, `spcIcons.ts`) in the top right corner. The icons'
 * meaning is also in the subtitle and the text alternative, and every point is in the data table.
 *
 * The input is plain records with NHSRplotthedots' column names (the rows of `spc()` in
 * `src/stats/spc.ts` fit as they are); charts know nothing of the method.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import { baseConfig, baseLayout, escapePlotlyText, OUTLINE_COLOUR, placeLegendBelow, roundTo } from './theme.js';
import {
  SPC_ASSURANCE_ICON_TEXT,
  SPC_COLOURS,
  SPC_VARIATION_ICON_TEXT,
  spcAssuranceIconSvg,
  spcVariationIconSvg,
  svgDataUri,
  type SpcAssuranceIconKey,
  type SpcVariationIconKey,
} from './spcIcons.js';

/** One point of an SPC chart (a row of `spc()` output; extra fields are ignored). */
export interface SpcChartPoint {
  x: string;
  y: number;
  mean_col: number | null;
  lpl: number | null;
  upl: number | null;
  rebase_group: number;
  special_cause_type: string;
  point_type: string;
  target?: number | null;
  trajectory?: number | null;
}

/** Options of {@link spcChart}. */
export interface SpcChartOptions {
  /** What is measured, e.g. "4-hour A&E performance (type 1)". */
  measure: string;
  /** Whose series it is, e.g. "Sandwell and West Birmingham (RXK)". */
  name?: string;
  title?: string;
  /** Which way is better (for the legend and text). */
  improvement?: 'increase' | 'decrease' | 'neutral';
  /** Variation icon of the latest segment. */
  variation?: SpcVariationIconKey;
  /** Assurance icon (only with a target). */
  assurance?: SpcAssuranceIconKey | null;
  /** Show values as percentages (values are proportions 0–1). */
  percent?: boolean;
  /** Decimal places shown (default 1 for percentages, else 2). */
  decimals?: number;
  yTitle?: string;
  xTitle?: string;
  height?: number;
}

const POINT_STYLES: Record<string, { name: string; colour: string; symbol: string; size: number }> = {
  common_cause: { name: 'Common cause', colour: SPC_COLOURS.commonCause, symbol: 'circle', size: 7 },
  special_cause_improvement: { name: 'Special cause: improvement', colour: SPC_COLOURS.improvement, symbol: 'square', size: 10 },
  special_cause_concern: { name: 'Special cause: concern', colour: SPC_COLOURS.concern, symbol: 'diamond', size: 11 },
  special_cause_neutral_high: { name: 'Special cause: neutral (high)', colour: SPC_COLOURS.neutral, symbol: 'triangle-up', size: 10 },
  special_cause_neutral_low: { name: 'Special cause: neutral (low)', colour: SPC_COLOURS.neutral, symbol: 'triangle-down', size: 10 },
};

/** The plain-language meaning of a point type, for tables and text. */
export function spcPointTypeLabel(pointType: string): string {
  return POINT_STYLES[pointType]?.name ?? pointType;
}

/**
 * A Making Data Count XmR chart of one series (one facet) with its text alternative and data table.
 * @example spcChart(result.rows.filter((r) => r.f === 'RXK'), { measure: '4-hour A&E performance', name: 'RXK', percent: true, variation: 'concern_low', assurance: 'consistent_fail' })
 */
export function spcChart(points: readonly SpcChartPoint[], options: SpcChartOptions): ChartSpec {
  const pct = options.percent ?? false;
  const d = options.decimals ?? (pct ? 1 : 2);
  const scale = (v: number | null | undefined): number | null =>
    v === null || v === undefined || !Number.isFinite(v) ? null : roundTo(pct ? v * 100 : v, pct ? d + 4 : d + 6);
  const show = (v: number | null | undefined): string => {
    const s = scale(v);
    return s === null ? 'n/a' : `${s.toFixed(d)}${pct ? '%' : ''}`;
  };
  const who = options.name ? `: ${options.name}` : '';
  const title = options.title ?? `${options.measure}${who}`;
  const variationText = options.variation ? SPC_VARIATION_ICON_TEXT[options.variation] : null;
  const assuranceText = options.assurance ? SPC_ASSURANCE_ICON_TEXT[options.assurance] : null;
  const subtitle =
    [variationText ? `Variation: ${variationText}` : null, assuranceText ? `Assurance: ${assuranceText}` : null].filter(Boolean).join('. ') || undefined;
  const x = points.map((p) => p.x);
  const data: PlotlyTrace[] = [];
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: escapePlotlyText(options.name ?? options.measure),
    x,
    y: points.map((p) => scale(p.y)),
    line: { color: SPC_COLOURS.valueLine, width: 2 },
    hoverinfo: 'skip',
    showlegend: false,
  });
  for (const [type, st] of Object.entries(POINT_STYLES)) {
    const idx = points.map((_, i) => i).filter((i) => points[i].point_type === type);
    if (!idx.length) continue;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: st.name,
      x: idx.map((i) => x[i]),
      y: idx.map((i) => scale(points[i].y)),
      marker: { color: st.colour, symbol: st.symbol, size: st.size, line: { color: OUTLINE_COLOUR, width: type === 'common_cause' ? 0.6 : 1 } },
      hoverinfo: 'text',
      hovertext: idx.map(
        (i) => `${escapePlotlyText(points[i].x)}: ${escapePlotlyText(show(points[i].y))}<br>${escapePlotlyText(points[i].special_cause_type)}`,
      ),
    });
  }
  // mean and limits, one line per rebase segment
  const segments = [...new Set(points.map((p) => p.rebase_group))];
  const lineTrace = (key: 'mean_col' | 'lpl' | 'upl', name: string, line: Record<string, unknown>, legend: boolean, seg: number) => {
    const idx = points.map((_, i) => i).filter((i) => points[i].rebase_group === seg);
    return {
      type: 'scatter',
      mode: 'lines',
      name,
      legendgroup: name,
      showlegend: legend,
      x: idx.map((i) => x[i]),
      y: idx.map((i) => scale(points[i][key])),
      line,
      hoverinfo: 'text',
      hovertext: idx.map((i) => `${name}: ${escapePlotlyText(show(points[i][key]))}`),
    } as PlotlyTrace;
  };
  segments.forEach((seg, k) => {
    data.push(lineTrace('mean_col', 'Mean', { color: SPC_COLOURS.mean, width: 1.6 }, k === 0, seg));
    data.push(lineTrace('upl', 'Process limits', { color: SPC_COLOURS.limits, width: 1.4, dash: 'dash' }, k === 0, seg));
    data.push(lineTrace('lpl', 'Process limits', { color: SPC_COLOURS.limits, width: 1.4, dash: 'dash' }, false, seg));
  });
  const hasTarget = points.some((p) => p.target !== null && p.target !== undefined);
  if (hasTarget) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'Target',
      x,
      y: points.map((p) => scale(p.target)),
      line: { color: SPC_COLOURS.target, width: 1.6, dash: 'longdash' },
      hoverinfo: 'text',
      hovertext: points.map((p) => `Target: ${escapePlotlyText(show(p.target))}`),
    });
  }
  const hasTrajectory = points.some((p) => p.trajectory !== null && p.trajectory !== undefined);
  if (hasTrajectory) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'Trajectory',
      x,
      y: points.map((p) => scale(p.trajectory)),
      connectgaps: false,
      line: { color: SPC_COLOURS.trajectory, width: 1.6, dash: 'dot' },
      hoverinfo: 'text',
      hovertext: points.map((p) => `Trajectory: ${escapePlotlyText(show(p.trajectory))}`),
    });
  }
  const layout = baseLayout({
    title,
    subtitle,
    xTitle: options.xTitle ?? 'Month',
    yTitle: options.yTitle ?? (pct ? `${options.measure} (%)` : options.measure),
    height: options.height ?? 470,
    margin: { r: 110 },
  });
  Object.assign(layout.xaxis as object, { type: 'date' });
  if (pct) Object.assign(layout.yaxis as object, { ticksuffix: '%' });
  layout.hovermode = 'closest';
  const images: Record<string, unknown>[] = [];
  if (options.variation)
    images.push({
      source: svgDataUri(spcVariationIconSvg(options.variation)),
      xref: 'paper',
      yref: 'paper',
      x: 1.01,
      y: 1,
      sizex: 0.09,
      sizey: 0.2,
      xanchor: 'left',
      yanchor: 'top',
    });
  if (options.assurance)
    images.push({
      source: svgDataUri(spcAssuranceIconSvg(options.assurance)),
      xref: 'paper',
      yref: 'paper',
      x: 1.01,
      y: 0.76,
      sizex: 0.09,
      sizey: 0.2,
      xanchor: 'left',
      yanchor: 'top',
    });
  if (images.length) layout.images = images;

  // text alternative
  const n = points.length;
  const last = points[n - 1];
  const counts = (t: string) => points.filter((p) => p.point_type === t).length;
  const improvement = counts('special_cause_improvement');
  const concern = counts('special_cause_concern');
  const neutral = counts('special_cause_neutral_high') + counts('special_cause_neutral_low');
  let alt = `${options.measure}${options.name ? ` for ${options.name}` : ''}`;
  if (n === 0) alt += ': no values.';
  else {
    alt += `, ${n} points from ${points[0].x} to ${last.x}. Latest value ${show(last.y)} (${last.x}); mean ${show(last.mean_col)}, process limits ${show(last.lpl)} to ${show(last.upl)}${segments.length > 1 ? ` (after ${segments.length - 1} rebase${segments.length > 2 ? 's' : ''})` : ''}.`;
    const sc: string[] = [];
    if (improvement) sc.push(`${improvement} special cause improvement`);
    if (concern) sc.push(`${concern} special cause concern`);
    if (neutral) sc.push(`${neutral} special cause neither improvement nor concern`);
    alt += sc.length ? ` Points signalling: ${sc.join(', ')}.` : ' No point signals special cause variation.';
    if (hasTarget) alt += ` Target ${show(last.target)}.`;
    if (variationText) alt += ` Variation icon: ${variationText}.`;
    if (assuranceText) alt += ` Assurance icon: ${assuranceText}.`;
  }
  const unit = pct ? ' (%)' : '';
  const columns = [
    'Date',
    `Value${unit}`,
    `Mean${unit}`,
    `Lower process limit${unit}`,
    `Upper process limit${unit}`,
    ...(hasTarget ? [`Target${unit}`] : []),
    ...(hasTrajectory ? [`Trajectory${unit}`] : []),
    'Rule',
    'Signal',
  ];
  const rows: TableCell[][] = points.map((p) => [
    p.x,
    roundTo(scale(p.y), d + 1),
    roundTo(scale(p.mean_col), d + 1),
    roundTo(scale(p.lpl), d + 1),
    roundTo(scale(p.upl), d + 1),
    ...(hasTarget ? [roundTo(scale(p.target), d + 1)] : []),
    ...(hasTrajectory ? [roundTo(scale(p.trajectory), d + 1)] : []),
    p.special_cause_type,
    spcPointTypeLabel(p.point_type),
  ]);
  const notes: string[] = [];
  if (n > 0 && n < 13)
    notes.push(`Only ${n} points: the limits are trial limits and will change as points are added (Making Data Count suggests at least 12, ideally 20).`);
  return { title, subtitle, figure: { data, layout: placeLegendBelow(layout), config: baseConfig() }, alt, table: { columns, rows }, notes };
}
