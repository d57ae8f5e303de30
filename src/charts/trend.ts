/**
 * Trend over time with 95% confidence intervals, markers coloured and shaped by significance
 * against England, an optional England line, and the Fingertips recent-trend label
 * (TrendMarkerCalculator: "Increasing and getting better", "No significant change", ...) in the subtitle.
 */
import type { ChartSpec, PlotlyTrace, SignificanceLabel, TableCell } from './types.js';
import {
  OKABE_ITO,
  OUTLINE_COLOUR,
  SIGNIFICANCE_ORDER,
  baseConfig,
  baseLayout,
  placeLegendBelow,
  escapePlotlyText,
  formatNumber,
  lowerFirst,
  roundTo,
  significanceStyle,
} from './theme.js';

/** One period's value. */
export interface TrendChartPoint {
  period: string;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  count?: number | null;
  significance?: SignificanceLabel | null;
}

export interface TrendChartOptions {
  areaName: string;
  indicator: string;
  /** Fingertips recent-trend label, e.g. 'Decreasing and getting better'. */
  recentTrend?: string | null;
  /** A comparator series (England), same periods. */
  comparator?: { name: string; points: { period: string; value: number | null }[] };
  yTitle?: string;
  xTitle?: string;
  unit?: string;
  title?: string;
  decimals?: number;
  /** Start the y axis at zero (default true for rates and percentages). */
  yFromZero?: boolean;
}

const AREA_COLOUR = OKABE_ITO.blue;

/**
 * Line chart of an indicator over time: the area's line, its 95% CIs as error bars, markers shaped
 * and coloured by significance, and an England line.
 *
 * @example trendChart([{ period: '2015', value: 75.4, lower: 66.2, upper: 85.6, significance: 'Better' }],
 *   { areaName: 'Sandwell', indicator: 'Campylobacter incidence', recentTrend: 'No significant change' })
 */
export function trendChart(points: TrendChartPoint[], options: TrendChartOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const unit = options.unit ? ` ${options.unit}` : '';
  const title = options.title ?? `${options.indicator}: ${options.areaName}`;
  const notes: string[] = [];
  const periods = points.map((p) => escapePlotlyText(p.period));
  const area = escapePlotlyText(options.areaName);
  points.forEach((p) => {
    if (p.value === null) notes.push(`${p.period}: no value for ${options.areaName}.`);
  });
  const data: PlotlyTrace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: area,
      x: periods,
      y: points.map((p) => p.value),
      connectgaps: false,
      line: { color: AREA_COLOUR, width: 2 },
      hoverinfo: 'skip',
      legendgroup: 'area',
    },
  ];
  const anySig = points.some((p) => p.significance);
  const groups: (SignificanceLabel | null)[] = anySig ? [...SIGNIFICANCE_ORDER] : [null];
  for (const g of groups) {
    const idx = points.map((_, i) => i).filter((i) => points[i].value !== null && (g === null || (points[i].significance ?? 'Not compared') === g));
    if (idx.length === 0) continue;
    const st = g ? significanceStyle(g) : null;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: st ? `${area}: ${lowerFirst(st.legend)}` : `${area} (95% CI)`,
      legendgroup: 'area',
      x: idx.map((i) => periods[i]),
      y: idx.map((i) => points[i].value),
      error_y: {
        type: 'data',
        symmetric: false,
        color: AREA_COLOUR,
        thickness: 1.4,
        width: 4,
        array: idx.map((i) =>
          points[i].upper !== null && points[i].upper !== undefined ? roundTo((points[i].upper as number) - (points[i].value as number), 6) : null,
        ),
        arrayminus: idx.map((i) =>
          points[i].lower !== null && points[i].lower !== undefined ? roundTo((points[i].value as number) - (points[i].lower as number), 6) : null,
        ),
      },
      marker: st
        ? { symbol: st.symbol, color: st.colour, size: 12, line: { color: OUTLINE_COLOUR, width: 1 } }
        : { symbol: 'circle', color: AREA_COLOUR, size: 8, line: { color: OUTLINE_COLOUR, width: 0.8 } },
      hoverinfo: 'text',
      hovertext: idx.map((i) => {
        const p = points[i];
        return (
          `${area}, ${escapePlotlyText(p.period)}: ${formatNumber(p.value, d)}${escapePlotlyText(unit)}<br>95% CI ${formatNumber(p.lower ?? null, d)} to ${formatNumber(p.upper ?? null, d)}` +
          (p.count !== null && p.count !== undefined ? `<br>Count: ${formatNumber(p.count, 0)}` : '') +
          (st ? `<br>${st.legend}` : '')
        );
      }),
    });
  }
  if (options.comparator) {
    const cmp = options.comparator;
    const byPeriod = new Map(cmp.points.map((p) => [p.period, p.value]));
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: escapePlotlyText(cmp.name),
      x: periods,
      y: points.map((p) => byPeriod.get(p.period) ?? null),
      line: { color: '#000000', width: 2, dash: 'dash' },
      marker: { color: '#000000', size: 5, symbol: 'square' },
      connectgaps: false,
      hoverinfo: 'text',
      hovertext: points.map(
        (p) => `${escapePlotlyText(cmp.name)}, ${escapePlotlyText(p.period)}: ${formatNumber(byPeriod.get(p.period) ?? null, d)}${escapePlotlyText(unit)}`,
      ),
    });
  }
  const trendText = options.recentTrend ? `Recent trend: ${options.recentTrend}` : undefined;
  const layout = baseLayout({
    title,
    subtitle: trendText,
    xTitle: options.xTitle ?? 'Period',
    yTitle: options.yTitle ?? `Value${unit}`,
    height: 460,
  });
  Object.assign(layout.xaxis as object, { type: 'category', categoryorder: 'array', categoryarray: periods });
  if (options.yFromZero ?? true) Object.assign(layout.yaxis as object, { rangemode: 'tozero' });
  layout.hovermode = 'closest';

  const valid = points.filter((p) => p.value !== null);
  let alt = `${options.indicator} in ${options.areaName}`;
  if (valid.length > 0) {
    const first = valid[0];
    const last = valid[valid.length - 1];
    alt += ` was ${formatNumber(first.value, d)}${unit} in ${first.period} and ${formatNumber(last.value, d)}${unit} in ${last.period}`;
    if (last.lower !== null && last.lower !== undefined && last.upper !== null && last.upper !== undefined)
      alt += ` (95% CI ${formatNumber(last.lower, d)} to ${formatNumber(last.upper, d)})`;
    if (options.comparator) {
      const e = options.comparator.points.find((p) => p.period === last.period);
      if (e && e.value !== null) alt += `; ${options.comparator.name}: ${formatNumber(e.value, d)}${unit}`;
    }
    if (last.significance) alt += `; ${lowerFirst(significanceStyle(last.significance).legend)} in ${last.period}`;
  } else alt += ': no values';
  alt += '.';
  if (options.recentTrend) alt += ` Recent trend: ${options.recentTrend}.`;
  const columns = ['Period', 'Count', `${options.areaName} value`, 'Lower 95% CI', 'Upper 95% CI', 'Compared with England'];
  if (options.comparator) columns.push(`${options.comparator.name} value`);
  const byPeriod = new Map((options.comparator?.points ?? []).map((p) => [p.period, p.value]));
  const rows: TableCell[][] = points.map((p) => {
    const r: TableCell[] = [p.period, p.count ?? null, roundTo(p.value, d), roundTo(p.lower ?? null, d), roundTo(p.upper ?? null, d), p.significance ?? null];
    if (options.comparator) r.push(roundTo(byPeriod.get(p.period) ?? null, d));
    return r;
  });
  return { title, subtitle: trendText, figure: { data, layout: placeLegendBelow(layout), config: baseConfig() }, alt, table: { columns, rows }, notes };
}
