/**
 * Funnel plot: each unit's value against its denominator, with control limits around the baseline.
 *
 * Limits come from the statistics layer (PHEim `calculate_funnel_limits`: 95% at Φ⁻¹(0.975) and
 * 99.8% at Φ⁻¹(0.999)) and the significance labels from PHEim `assign_funnel_significance`
 * ("High (0.001)", "High (0.025)", "Not significant", "Low (0.025)", "Low (0.001)").
 * Spiegelhalter D. Funnel plots for comparing institutional performance. Stat Med 2005;24:1185–202.
 */
import type { Polarity, ChartSpec, PlotlyTrace, TableCell } from './types.js';
import { OKABE_ITO, OUTLINE_COLOUR, TEXT_COLOUR, baseConfig, baseLayout, placeLegendBelow, escapePlotlyText, formatNumber, roundTo } from './theme.js';

/** PHEim funnel significance labels; anything else (or null) is treated as not compared. */
export type FunnelSignificance = 'High (0.001)' | 'High (0.025)' | 'Not significant' | 'Low (0.025)' | 'Low (0.001)';

/** One unit (practice, area) on the funnel. */
export interface FunnelPoint {
  label: string;
  denominator: number | null;
  value: number | null;
  significance?: FunnelSignificance | string | null;
}

/** One row of funnel limits (PHEim `calculate_funnel_limits` output, renamed). */
export interface FunnelLimitRow {
  denominator: number;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  baseline: number;
}

export interface FunnelChartOptions {
  title: string;
  subtitle?: string;
  /** What a point is, plural, for the text alternative (default 'units'), e.g. 'GP practices'. */
  unitName?: string;
  xTitle?: string;
  yTitle?: string;
  /** When RAG, the legend says which side is better. */
  polarity?: Polarity;
  decimals?: number;
  /** Written after every value in the legend, hover and text alternative, e.g. '%' (default none). */
  valueSuffix?: string;
  /** Label of a point to highlight and label on the chart (e.g. the area of interest). */
  highlight?: string;
}

interface FunnelCategory {
  key: FunnelSignificance | 'Not compared';
  legend: string;
  colour: string;
  symbol: string;
  size: number;
}

/** Marker style per funnel category: shape says above/within/below, colour depth says 95% vs 99.8%. */
export const FUNNEL_CATEGORIES: readonly FunnelCategory[] = [
  { key: 'High (0.001)', legend: 'Above 99.8% limit', colour: OKABE_ITO.vermillion, symbol: 'triangle-up', size: 11 },
  { key: 'High (0.025)', legend: 'Above 95% limit', colour: OKABE_ITO.orange, symbol: 'triangle-up', size: 9 },
  { key: 'Not significant', legend: 'Within 95% limits', colour: '#bdbdbd', symbol: 'circle', size: 7 },
  { key: 'Low (0.025)', legend: 'Below 95% limit', colour: OKABE_ITO.skyBlue, symbol: 'triangle-down', size: 9 },
  { key: 'Low (0.001)', legend: 'Below 99.8% limit', colour: OKABE_ITO.blue, symbol: 'triangle-down', size: 11 },
  { key: 'Not compared', legend: 'Not compared', colour: '#ffffff', symbol: 'diamond', size: 8 },
];

/**
 * Map a significance label to its funnel category (unknown/null → 'Not compared').
 * @example funnelCategory('High (0.001)').legend // 'Above 99.8% limit'
 */
export function funnelCategory(label: string | null | undefined): FunnelCategory {
  return FUNNEL_CATEGORIES.find((c) => c.key === label) ?? FUNNEL_CATEGORIES[FUNNEL_CATEGORIES.length - 1];
}

/**
 * Build a funnel plot: 95% limits (dashed), 99.8% limits (dotted), the baseline (solid), and one
 * marker trace per significance category present (shape and colour differ), labels on hover.
 * Points with a missing value or denominator are left out of the plot (kept in the table, listed in notes).
 *
 * @example
 * funnelChart([{ label: 'Practice A', denominator: 4000, value: 62.1, significance: 'Low (0.025)' }],
 *   [{ denominator: 100, lower95: 50, upper95: 90, lower998: 40, upper998: 95, baseline: 71 }],
 *   { title: 'Hypertension recorded prevalence', yTitle: '%' })
 */
export function funnelChart(points: FunnelPoint[], limits: FunnelLimitRow[], options: FunnelChartOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const sfx = escapePlotlyText(options.valueSuffix ?? '');
  const notes: string[] = [];
  const unitName = options.unitName ?? 'units';
  const sorted = [...limits].sort((a, b) => a.denominator - b.denominator);
  const lx = sorted.map((r) => r.denominator);
  const data: PlotlyTrace[] = [];
  const limitLine = (key: keyof FunnelLimitRow, name: string, dash: string, legend: boolean, group: string): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines',
    name,
    legendgroup: group,
    showlegend: legend,
    x: lx,
    y: sorted.map((r) => r[key]),
    line: { color: TEXT_COLOUR, width: 1.3, dash },
    hoverinfo: 'skip',
    connectgaps: false,
  });
  data.push(limitLine('upper998', '99.8% limits', 'dot', true, 'l998'));
  data.push(limitLine('lower998', '99.8% limits', 'dot', false, 'l998'));
  data.push(limitLine('upper95', '95% limits', 'dash', true, 'l95'));
  data.push(limitLine('lower95', '95% limits', 'dash', false, 'l95'));
  const baseline = sorted.length > 0 ? sorted[0].baseline : null;
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: `Baseline (${formatNumber(baseline, d)}${sfx})`,
    x: lx,
    y: sorted.map((r) => r.baseline),
    line: { color: TEXT_COLOUR, width: 2 },
    hoverinfo: 'skip',
  });

  const plotted = points.filter((p) => {
    const ok = p.value !== null && p.denominator !== null && Number.isFinite(p.value) && Number.isFinite(p.denominator);
    if (!ok) notes.push(`${p.label}: no value or denominator, not plotted.`);
    return ok;
  });
  const rag = options.polarity === 'high-is-good' || options.polarity === 'low-is-good';
  const judgement = (key: string): string => {
    if (!rag) return '';
    const high = key.startsWith('High');
    const low = key.startsWith('Low');
    if (!high && !low) return '';
    const better = (high && options.polarity === 'high-is-good') || (low && options.polarity === 'low-is-good');
    return better ? ' (better)' : ' (worse)';
  };
  for (const cat of FUNNEL_CATEGORIES) {
    const members = plotted.filter((p) => funnelCategory(p.significance ?? null).key === cat.key);
    if (members.length === 0) continue;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${cat.legend}${judgement(cat.key)}`,
      x: members.map((p) => p.denominator),
      y: members.map((p) => p.value),
      marker: { symbol: cat.symbol, color: cat.colour, size: cat.size, line: { color: OUTLINE_COLOUR, width: 0.8 } },
      hoverinfo: 'text',
      hovertext: members.map(
        (p) => `${escapePlotlyText(p.label)}<br>Value: ${formatNumber(p.value, d)}${sfx}<br>Denominator: ${formatNumber(p.denominator, 0)}<br>${cat.legend}`,
      ),
    });
  }
  const annotations: Record<string, unknown>[] = [];
  if (options.highlight) {
    const h = plotted.find((p) => p.label === options.highlight);
    if (h) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: escapePlotlyText(h.label),
        x: [h.denominator],
        y: [h.value],
        marker: { symbol: 'circle-open', size: 20, color: TEXT_COLOUR, line: { width: 2.5, color: TEXT_COLOUR } },
        hoverinfo: 'skip',
      });
      annotations.push({
        x: h.denominator,
        y: h.value,
        text: `<b>${escapePlotlyText(h.label)}</b>`,
        showarrow: true,
        arrowhead: 0,
        ax: 40,
        ay: 45,
        font: { color: TEXT_COLOUR },
        bgcolor: '#ffffff',
        bordercolor: TEXT_COLOUR,
        borderpad: 3,
      });
    } else notes.push(`Highlighted unit "${options.highlight}" is not among the plotted points.`);
  }

  const layout = baseLayout({
    title: options.title,
    subtitle: options.subtitle,
    xTitle: options.xTitle ?? 'Denominator',
    yTitle: options.yTitle ?? 'Value',
    height: 500,
  });
  (layout.xaxis as Record<string, unknown>).rangemode = 'tozero';
  // Focus the y axis on the points: limits at tiny denominators (up to 0–100%) would squash them.
  if (plotted.length > 0) {
    const minDen = Math.min(...plotted.map((p) => p.denominator as number));
    const ys = plotted.map((p) => p.value as number);
    for (const r of sorted) {
      if (r.denominator < minDen * 0.5) continue;
      for (const v of [r.lower998, r.upper998, r.baseline]) if (v !== null && Number.isFinite(v)) ys.push(v);
    }
    const lo = Math.min(...ys);
    const hi = Math.max(...ys);
    const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
    (layout.yaxis as Record<string, unknown>).range = [roundTo(lo - pad, 6), roundTo(hi + pad, 6)];
  }
  (layout.xaxis as Record<string, unknown>).separatethousands = true;
  layout.annotations = annotations;
  layout.hovermode = 'closest';

  const counts = FUNNEL_CATEGORIES.map((c) => ({
    c,
    n: points.filter((p) => p.value !== null && funnelCategory(p.significance ?? null).key === c.key).length,
  })).filter((x) => x.n > 0);
  const above = counts.filter((x) => x.c.key.startsWith('High')).reduce((s, x) => s + x.n, 0);
  const below = counts.filter((x) => x.c.key.startsWith('Low')).reduce((s, x) => s + x.n, 0);
  const above998 = counts.find((x) => x.c.key === 'High (0.001)')?.n ?? 0;
  const below998 = counts.find((x) => x.c.key === 'Low (0.001)')?.n ?? 0;
  const alt =
    `Funnel plot of ${plotted.length} ${unitName} around a baseline of ${formatNumber(baseline, d)}${sfx}: ` +
    `${above} above the 95% upper limit (${above998} also above 99.8%), ${below} below the 95% lower limit (${below998} also below 99.8%), ` +
    `and ${plotted.length - above - below} within the limits or not compared.`;
  const rows: TableCell[][] = points.map((p) => [p.label, p.denominator, roundTo(p.value, d), funnelCategory(p.significance ?? null).legend]);
  return {
    title: options.title,
    subtitle: options.subtitle,
    figure: { data, layout: placeLegendBelow(layout), config: baseConfig() },
    alt,
    table: {
      columns: [
        options.unitName ? capitalise(options.unitName) : 'Unit',
        options.xTitle ?? 'Denominator',
        options.yTitle ?? 'Value',
        'Compared with the funnel limits',
      ],
      rows,
    },
    notes,
  };
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
