/**
 * Excess deaths by age band and sex: horizontal bars (deaths above or below what the comparator's
 * age-specific rates would give), with 95% confidence intervals as error bars.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import { OUTLINE_COLOUR, SEX_COLOURS, TEXT_COLOUR, baseConfig, baseLayout, escapePlotlyText, formatNumber, placeLegendBelow, roundTo } from './theme.js';

/** One age band's excess deaths for one sex. */
export interface ExcessDeathsRow {
  ageBand: string;
  sex: 'Male' | 'Female' | 'Persons';
  observed: number;
  expected: number;
  excess: number;
  lower: number | null;
  upper: number | null;
}

/** Options of {@link excessDeathsChart}. */
export interface ExcessDeathsChartOptions {
  areaName: string;
  /** Whose rates give the expected deaths, e.g. "England". */
  comparatorName: string;
  title?: string;
  subtitle?: string;
  /** Decimal places for the table and labels (default 1). */
  decimals?: number;
}

const SEX_LABEL: Record<string, string> = { Male: 'Males', Female: 'Females', Persons: 'Persons' };
const SEX_PATTERN: Record<string, string> = { Male: '', Female: '/', Persons: '.' };

/**
 * Excess deaths by age band (youngest at the top), one bar per sex with its 95% confidence
 * interval; positive bars are deaths above the comparator's rates. Sexes differ by colour and by
 * pattern, so colour is not the only cue.
 *
 * @example excessDeathsChart([{ ageBand: '70-74', sex: 'Male', observed: 150, expected: 120, excess: 30, lower: 7.1, upper: 56.4 }], { areaName: 'Sandwell', comparatorName: 'England' })
 */
export function excessDeathsChart(rows: readonly ExcessDeathsRow[], options: ExcessDeathsChartOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const bands: string[] = [];
  for (const r of rows) if (!bands.includes(r.ageBand)) bands.push(r.ageBand);
  const sexes = (['Male', 'Female', 'Persons'] as const).filter((s) => rows.some((r) => r.sex === s));
  const title = options.title ?? `Deaths above or below ${options.comparatorName}'s rates by age, ${options.areaName}`;
  const subtitle = options.subtitle ?? `Observed minus expected deaths at ${options.comparatorName}'s age-specific rates, with 95% confidence intervals.`;
  const data: PlotlyTrace[] = sexes.map((sex) => {
    const sel = rows.filter((r) => r.sex === sex);
    return {
      type: 'bar',
      orientation: 'h',
      name: SEX_LABEL[sex],
      y: sel.map((r) => escapePlotlyText(r.ageBand)),
      x: sel.map((r) => roundTo(r.excess, 4)),
      error_x: {
        type: 'data',
        symmetric: false,
        array: sel.map((r) => (r.upper === null ? 0 : roundTo(r.upper - r.excess, 4))),
        arrayminus: sel.map((r) => (r.lower === null ? 0 : roundTo(r.excess - r.lower, 4))),
        color: TEXT_COLOUR,
        thickness: 1,
        width: 3,
      },
      marker: {
        color: SEX_COLOURS[sex],
        line: { color: OUTLINE_COLOUR, width: 0.6 },
        pattern: { shape: SEX_PATTERN[sex], fillmode: 'overlay', fgcolor: '#ffffff', size: 6, solidity: 0.3 },
      },
      hoverinfo: 'text',
      hovertext: sel.map(
        (r) =>
          `${SEX_LABEL[sex]}, age ${escapePlotlyText(r.ageBand)}: ${formatNumber(r.observed, 0)} deaths, ${formatNumber(r.expected, d)} expected, ${r.excess >= 0 ? '+' : ''}${formatNumber(r.excess, d)} (95% CI ${formatNumber(r.lower, d)} to ${formatNumber(r.upper, d)})`,
      ),
    };
  });
  const layout = baseLayout({
    title,
    subtitle,
    xTitle: `Deaths above (+) or below (−) ${options.comparatorName}'s rates`,
    yTitle: 'Age band (years)',
    height: Math.max(420, 160 + 26 * bands.length),
  });
  Object.assign(layout.yaxis as object, { type: 'category', categoryorder: 'array', categoryarray: bands.map(escapePlotlyText), autorange: 'reversed' });
  Object.assign(layout.xaxis as object, { zeroline: true, zerolinecolor: TEXT_COLOUR, zerolinewidth: 1.5 });
  layout.barmode = 'group';
  layout.bargap = 0.2;
  const total = (sex: string) => rows.filter((r) => r.sex === sex).reduce((s, r) => s + r.excess, 0);
  const largest = [...rows]
    .sort((a, b) => b.excess - a.excess)
    .slice(0, 2)
    .filter((r) => r.excess > 0);
  let alt = `${options.areaName} had ${sexes.map((s) => `${formatNumber(Math.abs(total(s)), 0)} ${total(s) >= 0 ? 'more' : 'fewer'} deaths among ${SEX_LABEL[s].toLowerCase()}`).join(' and ')} than ${options.comparatorName}'s rates would give.`;
  if (largest.length)
    alt += ` The largest excesses were ${largest.map((r) => `${SEX_LABEL[r.sex].toLowerCase()} aged ${r.ageBand} (${formatNumber(r.excess, 0)})`).join(' and ')}.`;
  return {
    title,
    subtitle,
    figure: { data, layout: placeLegendBelow(layout), config: baseConfig() },
    alt,
    table: {
      columns: ['Age band', 'Sex', 'Observed deaths', 'Expected deaths', 'Excess deaths', 'Lower 95% CI', 'Upper 95% CI'],
      rows: rows.map((r): TableCell[] => [
        r.ageBand,
        SEX_LABEL[r.sex],
        r.observed,
        roundTo(r.expected, d),
        roundTo(r.excess, d),
        roundTo(r.lower, d),
        roundTo(r.upper, d),
      ]),
    },
    notes: [],
  };
}
