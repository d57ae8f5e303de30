/**
 * Life-expectancy gap decomposition charts (Segment Tool style): contributions in years by age
 * band (horizontal bars) and by cause (a "scarf": one stacked bar of each cause's share of the gap,
 * or stacked bars by age band when the rows carry an age band).
 *
 * Contributions come from an Arriaga decomposition (Arriaga 1984; PHE Segment Tool technical
 * document 2016): positive = this age band/cause widens the gap, negative = narrows it; they sum
 * to the gap (comparator LE − area LE). When the gap is negative (the area lives longer) the chart
 * describes an advantage: bars that add to it or reduce it, and each age's share of the advantage.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import {
  CATEGORICAL_COLOURS,
  OKABE_ITO,
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

/** One age band's contribution to the gap, in years. */
export interface GapByAgeRow {
  ageBand: string;
  contribution: number | null;
}

/** One cause's contribution to the gap in years (optionally within an age band). */
export interface GapByCauseRow {
  cause: string;
  contribution: number | null;
  ageBand?: string | null;
}

export interface LeGapOptions {
  /** The area, e.g. 'Sandwell' or 'Most deprived quintile of Sandwell'. */
  areaName: string;
  /** The comparator, default 'England'. */
  comparatorName?: string;
  /** e.g. 'Males'. */
  groupLabel?: string;
  title?: string;
  subtitle?: string;
  decimals?: number;
  /** The gap itself, if known independently; otherwise the sum of the contributions. */
  totalGap?: number | null;
}

const WIDENS = OKABE_ITO.vermillion;
const NARROWS = OKABE_ITO.blue;

function gapPhrase(o: LeGapOptions): string {
  return `${o.comparatorName ?? 'England'} and ${o.areaName}${o.groupLabel ? ` (${o.groupLabel})` : ''}`;
}

/**
 * Horizontal bars of the gap contribution by age band, youngest at the top; bars that widen the gap
 * are vermillion, bars that narrow it are blue and hatched (so colour is not the only cue), with the
 * value in years printed beside each bar.
 *
 * @example leGapByAgeChart([{ ageBand: '<1', contribution: 0.21 }, { ageBand: '1-4', contribution: -0.01 }], { areaName: 'Sandwell' })
 */
export function leGapByAgeChart(rows: GapByAgeRow[], options: LeGapOptions): ChartSpec {
  const d = options.decimals ?? 2;
  const sum = rows.reduce((s, r) => s + (r.contribution ?? 0), 0);
  const total = options.totalGap ?? sum;
  const title = options.title ?? `Contribution of each age group to the life expectancy gap between ${gapPhrase(options)}`;
  const notes: string[] = [];
  rows.forEach((r) => {
    if (r.contribution === null) notes.push(`${r.ageBand}: no contribution available.`);
  });
  if (options.totalGap !== null && options.totalGap !== undefined && Math.abs(options.totalGap - sum) > 0.005) {
    notes.push(`The age contributions sum to ${formatNumber(sum, d)} years; the gap is ${formatNumber(options.totalGap, d)} years.`);
  }
  const bands = rows.map((r) => escapePlotlyText(r.ageBand));
  // A negative gap: the area lives longer than the comparator. Words and the share column then
  // describe the area's advantage (ages with negative contributions add to it).
  const advantage = total < 0;
  const trace = (positive: boolean): PlotlyTrace => {
    const sel = rows.map((r) => r.contribution !== null && (positive ? r.contribution >= 0 : r.contribution < 0));
    return {
      type: 'bar',
      orientation: 'h',
      name: advantage ? (positive ? 'Reduces the advantage' : 'Adds to the advantage') : positive ? 'Widens the gap' : 'Narrows the gap',
      y: bands.filter((_, i) => sel[i]),
      x: rows.filter((_, i) => sel[i]).map((r) => roundTo(r.contribution, 6)),
      text: rows.filter((_, i) => sel[i]).map((r) => formatNumber(r.contribution, d)),
      textposition: 'outside',
      cliponaxis: false,
      textfont: { color: TEXT_COLOUR, size: FONT_SIZE - 1 },
      marker: {
        color: positive ? WIDENS : NARROWS,
        line: { color: OUTLINE_COLOUR, width: 0.6 },
        pattern: positive ? { shape: '' } : { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 6, solidity: 0.3 },
      },
      hoverinfo: 'text',
      hovertext: rows.filter((_, i) => sel[i]).map((r) => `Age ${escapePlotlyText(r.ageBand)}: ${formatNumber(r.contribution, d)} years`),
    };
  };
  const data: PlotlyTrace[] = [trace(true), trace(false)];
  const subtitle = options.subtitle ?? `Gap: ${formatNumber(total, 1)} years. Bars add up to the gap.`;
  const layout = baseLayout({
    title,
    subtitle,
    xTitle: 'Contribution to the gap (years)',
    yTitle: 'Age band (years)',
    height: Math.max(380, 140 + 24 * rows.length),
  });
  Object.assign(layout.yaxis as object, { type: 'category', categoryorder: 'array', categoryarray: bands, autorange: 'reversed' });
  // Room on both sides for the value printed beside each bar, so a label never runs into the age
  // labels or off the chart.
  const vals = rows.map((r) => r.contribution).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  const pad = (hi - lo) * 0.16 || 0.1;
  Object.assign(layout.xaxis as object, {
    zeroline: true,
    zerolinecolor: TEXT_COLOUR,
    zerolinewidth: 1.5,
    tickformat: `.${d}f`,
    range: [roundTo(lo < 0 ? lo - pad : -pad / 4, 4), roundTo(hi > 0 ? hi + pad : pad / 4, 4)],
  });
  layout.barmode = 'relative';
  layout.bargap = 0.25;
  const ranked = rows.filter((r) => r.contribution !== null).sort((a, b) => (b.contribution as number) - (a.contribution as number));
  const top = ranked.slice(0, 3).filter((r) => (r.contribution as number) > 0);
  let alt: string;
  if (advantage) {
    const group = options.groupLabel ? ` (${options.groupLabel})` : '';
    const best = [...ranked]
      .reverse()
      .slice(0, 3)
      .filter((r) => (r.contribution as number) < 0);
    const against = ranked.filter((r) => (r.contribution as number) > 0);
    alt = `Life expectancy in ${options.areaName}${group} is ${formatNumber(-total, 1)} years higher than in ${options.comparatorName ?? 'England'}: an advantage, not a gap.`;
    if (best.length > 0)
      alt += ` The ages that add most to the advantage are ${best.map((r) => `${r.ageBand} (${formatNumber(-(r.contribution as number), d)} years)`).join(', ')}.`;
    if (against.length > 0) alt += ` ${against.length} age band${against.length === 1 ? ' reduces' : 's reduce'} it.`;
  } else {
    alt = `The life expectancy gap between ${gapPhrase(options)} is ${formatNumber(total, 1)} years.`;
    if (top.length > 0)
      alt += ` The largest contributions are from ages ${top.map((r) => `${r.ageBand} (${formatNumber(r.contribution, d)} years)`).join(', ')}.`;
    const negative = ranked.filter((r) => (r.contribution as number) < 0);
    if (negative.length > 0) alt += ` ${negative.length} age band${negative.length === 1 ? ' narrows' : 's narrow'} the gap.`;
  }
  return {
    title,
    subtitle,
    figure: { data, layout: placeLegendBelow(layout), config: baseConfig() },
    breakpoints: [
      { maxWidth: 480, layout: { xaxis: { range: [roundTo(lo < 0 ? lo - 1.6 * pad : -pad / 4, 4), roundTo(hi > 0 ? hi + 1.6 * pad : pad / 4, 4)] } } },
    ],
    alt,
    table: {
      columns: ['Age band', 'Contribution to the gap (years)', advantage ? 'Share of the advantage (%)' : 'Share of the gap (%)'],
      rows: rows.map((r): TableCell[] => [
        r.ageBand,
        roundTo(r.contribution, d),
        r.contribution === null || total === 0 ? null : roundTo((100 * r.contribution) / total, 1),
      ]),
    },
    notes,
  };
}

/** Colours for causes: Okabe–Ito, then black and grey (nine distinct colours before reuse). */
export const CAUSE_COLOURS: readonly string[] = [...CATEGORICAL_COLOURS, '#000000', '#999999'];
const CAUSE_PATTERNS = ['', '/', '', '\\', '', 'x', '', '.', '-'];

/**
 * The gap by cause. Without age bands: a Segment-Tool "scarf" — one horizontal bar 100% wide in
 * which each cause's segment is its share of the gap (negative shares extend left of zero).
 * With age bands: stacked horizontal bars by age band, one colour per cause, in years.
 *
 * @example leGapByCauseChart([{ cause: 'Circulatory', contribution: 0.9 }, { cause: 'Cancer', contribution: 0.7 }], { areaName: 'Sandwell' })
 */
export function leGapByCauseChart(rows: GapByCauseRow[], options: LeGapOptions): ChartSpec {
  const d = options.decimals ?? 2;
  const notes: string[] = [];
  const byAge = rows.some((r) => r.ageBand !== null && r.ageBand !== undefined && r.ageBand !== '');
  const causes: string[] = [];
  for (const r of rows) if (!causes.includes(r.cause)) causes.push(r.cause);
  const causeTotal = new Map<string, number>();
  for (const r of rows) causeTotal.set(r.cause, (causeTotal.get(r.cause) ?? 0) + (r.contribution ?? 0));
  const sum = [...causeTotal.values()].reduce((s, v) => s + v, 0);
  const total = options.totalGap ?? sum;
  rows.forEach((r) => {
    if (r.contribution === null) notes.push(`${r.cause}${r.ageBand ? `, ${r.ageBand}` : ''}: no contribution available.`);
  });
  const title = options.title ?? `Contribution of each cause of death to the life expectancy gap between ${gapPhrase(options)}`;
  const data: PlotlyTrace[] = [];
  let layout;
  let subtitle: string;
  if (!byAge) {
    causes.forEach((c, i) => {
      const v = causeTotal.get(c) ?? 0;
      const share = total === 0 ? 0 : (100 * v) / total;
      data.push({
        type: 'bar',
        orientation: 'h',
        name: escapePlotlyText(c),
        y: ['Gap'],
        x: [roundTo(share, 4)],
        text: [`${escapePlotlyText(c)}<br>${formatNumber(share, 0)}%`],
        textposition: 'inside',
        insidetextanchor: 'middle',
        marker: {
          color: CAUSE_COLOURS[i % CAUSE_COLOURS.length],
          line: { color: '#ffffff', width: 1.5 },
          pattern: { shape: CAUSE_PATTERNS[i % CAUSE_PATTERNS.length], fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 },
        },
        hoverinfo: 'text',
        hovertext: [`${escapePlotlyText(c)}: ${formatNumber(v, d)} years (${formatNumber(share, 1)}% of the gap)`],
      });
    });
    subtitle = options.subtitle ?? `Gap: ${formatNumber(total, 1)} years. Each segment is a cause's share of the gap.`;
    layout = baseLayout({
      title,
      subtitle,
      xTitle: 'Share of the life expectancy gap (%)',
      height: 320,
    });
    Object.assign(layout.yaxis as object, { showticklabels: false, showgrid: false });
    Object.assign(layout.xaxis as object, { ticksuffix: '%', zeroline: true, zerolinecolor: TEXT_COLOUR });
    layout.uniformtext = { minsize: FONT_SIZE - 3, mode: 'hide' };
  } else {
    const bands: string[] = [];
    for (const r of rows) if (r.ageBand && !bands.includes(r.ageBand)) bands.push(r.ageBand);
    causes.forEach((c, i) => {
      const sel = rows.filter((r) => r.cause === c && r.ageBand);
      data.push({
        type: 'bar',
        orientation: 'h',
        name: escapePlotlyText(c),
        y: sel.map((r) => escapePlotlyText(r.ageBand as string)),
        x: sel.map((r) => roundTo(r.contribution, 6)),
        marker: {
          color: CAUSE_COLOURS[i % CAUSE_COLOURS.length],
          line: { color: '#ffffff', width: 0.8 },
          pattern: { shape: CAUSE_PATTERNS[i % CAUSE_PATTERNS.length], fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 },
        },
        hoverinfo: 'text',
        hovertext: sel.map((r) => `${escapePlotlyText(c)}, age ${escapePlotlyText(r.ageBand as string)}: ${formatNumber(r.contribution, d)} years`),
      });
    });
    subtitle = options.subtitle ?? `Gap: ${formatNumber(total, 1)} years, by age band and cause.`;
    layout = baseLayout({
      title,
      subtitle,
      xTitle: 'Contribution to the gap (years)',
      yTitle: 'Age band (years)',
      height: Math.max(400, 160 + 24 * bands.length),
    });
    Object.assign(layout.yaxis as object, { type: 'category', categoryorder: 'array', categoryarray: bands.map(escapePlotlyText), autorange: 'reversed' });
    Object.assign(layout.xaxis as object, { zeroline: true, zerolinecolor: TEXT_COLOUR, zerolinewidth: 1.5 });
  }
  layout.barmode = 'relative';
  layout.legend = { ...(layout.legend as object), traceorder: 'normal' };
  const ranked = causes.map((c) => ({ c, v: causeTotal.get(c) ?? 0 })).sort((a, b) => b.v - a.v);
  const top = ranked.slice(0, 3).filter((x) => x.v > 0);
  let alt = `The life expectancy gap between ${gapPhrase(options)} is ${formatNumber(total, 1)} years.`;
  if (top.length > 0)
    alt += ` The causes contributing most are ${top.map((x) => `${x.c} (${formatNumber(x.v, d)} years, ${formatNumber(total === 0 ? null : (100 * x.v) / total, 0)}%)`).join(', ')}.`;
  const columns = byAge
    ? ['Cause', 'Age band', 'Contribution to the gap (years)', 'Share of the gap (%)']
    : ['Cause', 'Contribution to the gap (years)', 'Share of the gap (%)'];
  const tableRows: TableCell[][] = rows.map((r) => {
    const share = r.contribution === null || total === 0 ? null : roundTo((100 * r.contribution) / total, 1);
    return byAge ? [r.cause, r.ageBand ?? null, roundTo(r.contribution, d), share] : [r.cause, roundTo(r.contribution, d), share];
  });
  return { title, subtitle, figure: { data, layout: placeLegendBelow(layout), config: baseConfig() }, alt, table: { columns, rows: tableRows }, notes };
}
