/**
 * Life expectancy (or any indicator) by deprivation quantile with confidence intervals and the
 * slope index of inequality (SII) line.
 *
 * The x axis is the relative rank in the deprivation distribution, 0 = most deprived end,
 * 1 = least deprived end: each quantile sits at the midpoint of its cumulative population share
 * b_i (as in the SII regression, PHEim `phe_sii`; Low & Low, "Measuring the gap", 2004), so the
 * SII line y = intercept + SII·b is drawn exactly as it was fitted and SII is the modelled
 * difference between the least and the most deprived ends.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import {
  CATEGORICAL_COLOURS,
  OUTLINE_COLOUR,
  SEX_COLOURS,
  baseConfig,
  baseLayout,
  placeLegendBelow,
  escapePlotlyText,
  formatNumber,
  roundTo,
} from './theme.js';

/** One deprivation quantile's value (1 = most deprived). */
export interface DeprivationPoint {
  /** Quantile number, 1 = most deprived. */
  quantile: number;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  /** Population of the quantile, used to place it at its cumulative-share midpoint. */
  population?: number | null;
}

/** The SII line, either as the regression (intercept at the most deprived end, slope = SII) or as end values. */
export type SiiLine = { intercept: number; slope: number } | { mostDeprived: number; leastDeprived: number };

export interface DeprivationSeries {
  /** Series name, e.g. 'Male', 'Female'. */
  name: string;
  points: DeprivationPoint[];
  sii?: SiiLine | null;
  /** Optional CI of the SII, shown in hover, text alternative and notes. */
  siiLower?: number | null;
  siiUpper?: number | null;
}

export interface LeDeprivationOptions {
  areaName: string;
  title?: string;
  subtitle?: string;
  /** 'decile' (default) or 'quintile' etc., for labels. */
  quantileName?: string;
  yTitle?: string;
  /** Unit for values in text, default 'years'. */
  unit?: string;
  decimals?: number;
  /**
   * A place to mark on the chart (a star per series at its own value, at the x position of the
   * quantile it belongs to), e.g. one authority on a chart of authorities grouped by deprivation.
   */
  highlight?: { name: string; quantile: number; values: { series: string; value: number | null }[] } | null;
}

/**
 * x positions of quantiles on the 0–1 deprivation rank scale: b_i = (Σ_{j<i} a_j) + a_i/2 with a_i the
 * population share, quantiles ordered most → least deprived. Missing populations → equal shares.
 * @example deprivationRank([{ quantile: 1, value: 1, population: 100 }, { quantile: 2, value: 1, population: 300 }]) // [0.125, 0.625]
 */
export function deprivationRank(points: DeprivationPoint[]): number[] {
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => a.p.quantile - b.p.quantile);
  const havePop = points.length > 0 && points.every((p) => p.population !== null && p.population !== undefined && p.population > 0);
  const total = havePop ? points.reduce((s, p) => s + (p.population as number), 0) : points.length;
  const out = new Array<number>(points.length);
  let cum = 0;
  for (const { p, i } of order) {
    const a = (havePop ? (p.population as number) : 1) / total;
    out[i] = Math.round((cum + a / 2) * 1e12) / 1e12;
    cum += a;
  }
  return out;
}

/** Values of the SII line at b = 0 (most deprived) and b = 1 (least deprived). */
export function siiEnds(sii: SiiLine): { mostDeprived: number; leastDeprived: number; slope: number } {
  if ('slope' in sii) return { mostDeprived: sii.intercept, leastDeprived: sii.intercept + sii.slope, slope: sii.slope };
  return { mostDeprived: sii.mostDeprived, leastDeprived: sii.leastDeprived, slope: sii.leastDeprived - sii.mostDeprived };
}

/**
 * Chart of values by deprivation quantile with CI error bars and SII lines, one colour per series.
 *
 * @example
 * leDeprivationChart([{ name: 'Male', points: [{ quantile: 1, value: 70.6, lower: 68.3, upper: 72.8 }, ...],
 *   sii: { intercept: 70.1, slope: 12.4 } }], { areaName: 'Hartlepool' })
 */
export function leDeprivationChart(series: DeprivationSeries[], options: LeDeprivationOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const qn = options.quantileName ?? 'decile';
  const unit = options.unit ?? 'years';
  const title = options.title ?? `Life expectancy by deprivation ${qn}, ${options.areaName}`;
  const notes: string[] = [];
  const data: PlotlyTrace[] = [];
  let tickvals: number[] = [];
  let ticktext: string[] = [];
  series.forEach((s, si) => {
    const colour = SEX_COLOURS[s.name] ?? CATEGORICAL_COLOURS[si % CATEGORICAL_COLOURS.length];
    const xs = deprivationRank(s.points);
    const idx = s.points.map((_, i) => i).filter((i) => s.points[i].value !== null);
    s.points.forEach((p) => {
      if (p.value === null) notes.push(`${s.name}, ${qn} ${p.quantile}: no value.`);
    });
    if (si === 0) {
      const ord = s.points.map((p, i) => ({ q: p.quantile, x: xs[i] })).sort((a, b) => a.q - b.q);
      tickvals = ord.map((o) => roundTo(o.x, 4));
      // The ends say which way deprivation runs (under the axis, where they cannot hit the title).
      ticktext = ord.map((o, k) =>
        k === 0 && ord.length > 1 ? `${o.q}<br>most<br>deprived` : k === ord.length - 1 && ord.length > 1 ? `${o.q}<br>least<br>deprived` : String(o.q),
      );
    }
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: escapePlotlyText(s.name),
      legendgroup: `s${si}`,
      x: idx.map((i) => roundTo(xs[i], 4)),
      y: idx.map((i) => s.points[i].value),
      error_y: {
        type: 'data',
        symmetric: false,
        color: colour,
        thickness: 1.5,
        width: 4,
        array: idx.map((i) => {
          const p = s.points[i];
          return p.upper !== null && p.upper !== undefined ? roundTo(p.upper - (p.value as number), 6) : null;
        }),
        arrayminus: idx.map((i) => {
          const p = s.points[i];
          return p.lower !== null && p.lower !== undefined ? roundTo((p.value as number) - p.lower, 6) : null;
        }),
      },
      marker: { color: colour, size: 9, symbol: si === 0 ? 'circle' : si === 1 ? 'square' : 'diamond', line: { color: OUTLINE_COLOUR, width: 0.8 } },
      hoverinfo: 'text',
      hovertext: idx.map((i) => {
        const p = s.points[i];
        return `${escapePlotlyText(s.name)}, ${qn} ${p.quantile}: ${formatNumber(p.value, d)} ${unit}<br>95% CI ${formatNumber(p.lower ?? null, d)} to ${formatNumber(p.upper ?? null, d)}`;
      }),
    });
    if (s.sii) {
      const e = siiEnds(s.sii);
      const ci =
        s.siiLower !== null && s.siiLower !== undefined && s.siiUpper !== null && s.siiUpper !== undefined
          ? ` (95% CI ${formatNumber(s.siiLower, d)} to ${formatNumber(s.siiUpper, d)})`
          : '';
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${escapePlotlyText(s.name)}: SII ${formatNumber(e.slope, d)} ${unit}${ci}`,
        legendgroup: `s${si}`,
        x: [0, 1],
        y: [roundTo(e.mostDeprived, 6), roundTo(e.leastDeprived, 6)],
        line: { color: colour, width: 2, dash: 'dash' },
        hoverinfo: 'text',
        hovertext: `${escapePlotlyText(s.name)}: slope index of inequality ${formatNumber(e.slope, d)} ${unit}${ci}`,
      });
    }
  });

  const hl = options.highlight ?? null;
  const hlSentence: string[] = [];
  if (hl && series.length > 0) {
    const xs = deprivationRank(series[0].points);
    const k = series[0].points.findIndex((p) => p.quantile === hl.quantile);
    const pts = hl.values.filter((v) => v.value !== null && series.some((s) => s.name === v.series));
    if (k >= 0 && pts.length > 0) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: escapePlotlyText(hl.name),
        x: pts.map(() => roundTo(xs[k], 4)),
        y: pts.map((v) => v.value),
        marker: { color: '#000000', size: 15, symbol: 'star', line: { color: '#ffffff', width: 1 } },
        hoverinfo: 'text',
        hovertext: pts.map((v) => `${escapePlotlyText(hl.name)}, ${escapePlotlyText(v.series)}: ${formatNumber(v.value, d)} ${unit} (${qn} ${hl.quantile})`),
      });
      hlSentence.push(`${hl.name} (star, ${qn} ${hl.quantile}): ${pts.map((v) => `${v.series} ${formatNumber(v.value, d)} ${unit}`).join(', ')}.`);
    }
  }

  const layout = baseLayout({
    title,
    subtitle: options.subtitle,
    xTitle: `Deprivation ${qn} (placed at its share of the population)`,
    yTitle: options.yTitle ?? 'Life expectancy at birth (years)',
    height: 540,
  });
  Object.assign(layout.xaxis as object, { range: [0, 1], tickvals, ticktext, showgrid: false, zeroline: false });
  layout.hovermode = 'closest';

  const sentences = series.map((s) => {
    const byQ = [...s.points].filter((p) => p.value !== null).sort((a, b) => a.quantile - b.quantile);
    if (byQ.length === 0) return `${s.name}: no values.`;
    const first = byQ[0];
    const last = byQ[byQ.length - 1];
    let t = `${s.name}: ${formatNumber(first.value, d)} ${unit} in ${qn} ${first.quantile} (most deprived) and ${formatNumber(last.value, d)} in ${qn} ${last.quantile} (least deprived)`;
    if (s.sii) {
      const e = siiEnds(s.sii);
      t += `; slope index of inequality ${formatNumber(e.slope, d)} ${unit}`;
      if (s.siiLower !== null && s.siiLower !== undefined && s.siiUpper !== null && s.siiUpper !== undefined)
        t += ` (95% CI ${formatNumber(s.siiLower, d)} to ${formatNumber(s.siiUpper, d)})`;
    }
    return `${t}.`;
  });
  const alt = `${title}. ${[...sentences, ...hlSentence].join(' ')}`;
  const rows: TableCell[][] = [];
  for (const s of series) {
    const xs = deprivationRank(s.points);
    s.points.forEach((p, i) =>
      rows.push([s.name, p.quantile, roundTo(p.value, d), roundTo(p.lower ?? null, d), roundTo(p.upper ?? null, d), p.population ?? null, roundTo(xs[i], 3)]),
    );
    if (s.sii) notes.push(`${s.name}: slope index of inequality ${formatNumber(siiEnds(s.sii).slope, d)} ${unit}.`);
  }
  if (hl && hlSentence.length) for (const v of hl.values) rows.push([`${hl.name}, ${v.series}`, hl.quantile, roundTo(v.value, d), null, null, null, null]);
  return {
    title,
    subtitle: options.subtitle,
    figure: { data, layout: placeLegendBelow(layout, 96), config: baseConfig() },
    breakpoints: [
      {
        maxWidth: 480,
        layout: { xaxis: { tickangle: 0, ticktext: ticktext.map((t) => t.split('<br>')[0]), title: { text: `Deprivation ${qn} (1 = most deprived)` } } },
      },
    ],
    alt,
    table: { columns: ['Series', capitalise(qn), 'Value', 'Lower 95% CI', 'Upper 95% CI', 'Population', 'Relative rank (0 = most deprived)'], rows },
    notes,
  };
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
