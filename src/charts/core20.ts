/**
 * Share of an area's population in each national IMD decile, with deciles 1–2 (Core20: the most
 * deprived 20% of England by IMD 2019, NHS England Core20PLUS5) highlighted, against England's share.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import {
  CORE20_COLOUR,
  NON_CORE20_COLOUR,
  OUTLINE_COLOUR,
  TEXT_COLOUR,
  FONT_SIZE,
  baseConfig,
  baseLayout,
  placeLegendBelow,
  escapePlotlyText,
  formatNumber,
  roundTo,
} from './theme.js';

/** One national IMD decile (1 = most deprived) with the area's population in it. */
export interface Core20DecileRow {
  decile: number;
  population: number | null;
  /** England's share of population in this decile, %; default 10 (deciles hold 10% of LSOAs). */
  englandShare?: number | null;
}

export interface Core20ShareOptions {
  areaName: string;
  title?: string;
  subtitle?: string;
  /** Deciles counted as Core20 (default [1, 2]). */
  core20Deciles?: number[];
  decimals?: number;
  /** The IMD the deciles come from, for the title and text alternative (default 'IMD 2019'). */
  imdLabel?: string;
}

/**
 * Percentage share of a population by decile: 100·pop_d / Σ pop (null populations count as 0 and are noted).
 * @example core20Shares([{ decile: 1, population: 30 }, { decile: 2, population: 70 }]) // [30, 70]
 */
export function core20Shares(rows: Core20DecileRow[]): number[] {
  const total = rows.reduce((s, r) => s + (r.population ?? 0), 0);
  return rows.map((r) => (total > 0 ? (100 * (r.population ?? 0)) / total : 0));
}

/**
 * Bars of the area's population share by national IMD decile (Core20 deciles in vermillion, others
 * grey and hatched), with England's share per decile as a black dashed reference line.
 *
 * @example core20ShareChart(rows, { areaName: 'Sandwell' }).alt
 * // 'x% of Sandwell's population (n people) lives in Core20 areas (national IMD 2019 deciles 1–2), compared with y% of England's.'
 */
export function core20ShareChart(rows: Core20DecileRow[], options: Core20ShareOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const core = new Set(options.core20Deciles ?? [1, 2]);
  const sorted = [...rows].sort((a, b) => a.decile - b.decile);
  const shares = core20Shares(sorted);
  const eng = sorted.map((r) => (r.englandShare === undefined ? 10 : r.englandShare));
  const notes: string[] = [];
  sorted.forEach((r) => {
    if (r.population === null) notes.push(`Decile ${r.decile}: population not available, counted as 0.`);
  });
  const label = (dec: number) => (dec === 1 ? '1<br>most<br>deprived' : dec === 10 ? '10<br>least<br>deprived' : String(dec));
  const imdLabel = options.imdLabel ?? 'IMD 2019';
  const title = options.title ?? `Population of ${options.areaName} by national deprivation decile (${imdLabel})`;
  const area = escapePlotlyText(options.areaName);
  const bars = (isCore: boolean): PlotlyTrace => {
    const idx = sorted.map((_, i) => i).filter((i) => core.has(sorted[i].decile) === isCore);
    return {
      type: 'bar',
      name: isCore ? `${area}: Core20 (deciles ${[...core].sort((a, b) => a - b).join('–')})` : `${area}: other deciles`,
      x: idx.map((i) => label(sorted[i].decile)),
      y: idx.map((i) => roundTo(shares[i], 4)),
      text: idx.map((i) => `${formatNumber(shares[i], d)}%`),
      textposition: 'outside',
      cliponaxis: false,
      textfont: { color: TEXT_COLOUR, size: FONT_SIZE - 1 },
      marker: {
        color: isCore ? CORE20_COLOUR : NON_CORE20_COLOUR,
        line: { color: OUTLINE_COLOUR, width: 0.6 },
        pattern: isCore ? { shape: '' } : { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 6, solidity: 0.2 },
      },
      hoverinfo: 'text',
      hovertext: idx.map(
        (i) =>
          `Decile ${sorted[i].decile}: ${formatNumber(shares[i], d)}% of ${area} (${formatNumber(sorted[i].population, 0)} people); England ${formatNumber(eng[i], d)}%`,
      ),
    };
  };
  const data: PlotlyTrace[] = [
    bars(true),
    bars(false),
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'England',
      x: sorted.map((r) => label(r.decile)),
      y: eng.map((v) => roundTo(v, 4)),
      line: { color: '#000000', width: 2, dash: 'dash' },
      marker: { color: '#000000', size: 6, symbol: 'line-ew-open', line: { width: 2, color: '#000000' } },
      hoverinfo: 'text',
      hovertext: sorted.map((r, i) => `England, decile ${r.decile}: ${formatNumber(eng[i], d)}%`),
    },
  ];
  const coreShare = sorted.reduce((s, r, i) => s + (core.has(r.decile) ? shares[i] : 0), 0);
  const corePop = sorted.reduce((s, r) => s + (core.has(r.decile) ? (r.population ?? 0) : 0), 0);
  const engCore = sorted.reduce((s, r, i) => s + (core.has(r.decile) ? (eng[i] ?? 0) : 0), 0);
  const subtitle = options.subtitle ?? `Core20: ${formatNumber(coreShare, d)}% of ${options.areaName}'s population, ${formatNumber(engCore, d)}% in England`;
  const layout = baseLayout({
    title,
    subtitle,
    xTitle: `National ${imdLabel} decile`,
    yTitle: 'Share of population (%)',
    height: 460,
  });
  Object.assign(layout.xaxis as object, { type: 'category', categoryorder: 'array', categoryarray: sorted.map((r) => label(r.decile)) });
  Object.assign(layout.yaxis as object, { ticksuffix: '%', rangemode: 'tozero' });
  layout.barmode = 'overlay';
  // Phones: decile numbers only (the axis title says which end is most deprived), labels that do
  // not fit are hidden rather than shrunk (the data table has every value).
  const breakpoints = [
    {
      maxWidth: 480,
      layout: {
        xaxis: {
          tickangle: 0,
          tickvals: sorted.map((r) => label(r.decile)),
          ticktext: sorted.map((r) => String(r.decile)),
          title: { text: `${imdLabel} decile (1 = most deprived)` },
        },
        uniformtext: { minsize: FONT_SIZE - 3, mode: 'hide' },
      },
    },
  ];
  const alt =
    `${formatNumber(coreShare, d)}% of ${options.areaName}'s population (${formatNumber(corePop, 0)} people) lives in Core20 areas ` +
    `(national ${imdLabel} deciles ${[...core].sort((a, b) => a - b).join(' and ')}), compared with ${formatNumber(engCore, d)}% of England's. ` +
    `The largest share is in decile ${sorted[shares.indexOf(Math.max(...shares))]?.decile ?? '-'} (${formatNumber(Math.max(...shares), d)}%).`;
  const tableRows: TableCell[][] = sorted.map((r, i) => [
    r.decile,
    core.has(r.decile) ? 'Yes' : 'No',
    r.population,
    roundTo(shares[i], d),
    roundTo(eng[i] ?? null, d),
  ]);
  return {
    title,
    subtitle,
    figure: { data, layout: placeLegendBelow(layout), config: baseConfig() },
    breakpoints,
    alt,
    table: {
      columns: ['National IMD decile', 'Core20', `${options.areaName} population`, `${options.areaName} share (%)`, 'England share (%)'],
      rows: tableRows,
    },
    notes,
  };
}
