/**
 * Section 6, the spine chart summary, and the helper that turns the profile's indicators into
 * spine-chart rows (used by the prevalence section too). Counts are text labels in the chart, so
 * they are passed already suppressed by the report's rule (a suppressed count and the value
 * derived from it become null, and the row says so).
 */
import { spineChart, type SpineIndicator } from '../../../charts/spine.js';
import type { SignificanceLabel } from '../../../charts/types.js';
import { SIGNIFICANCE_ORDER } from '../../../charts/theme.js';
import { isSuppressedCount } from '../../suppression.js';
import type { ChartSpec } from '../../../charts/types.js';
import type { CellValue, DataTable, ReportFigure, Section } from '../../types.js';
import { comparisonWords, num, type SectionContext } from '../context.js';
import type { PlaceIndicator } from '../indicators.js';
import { PEER_NAMES } from '../place.js';
import { neighbourIndicatorTable } from '../neighbours.js';

const CHART_LABELS: readonly string[] = ['Better', 'Similar', 'Worse', 'Higher', 'Lower', 'Not compared'];

/** Fingertips label → spine marker label (Best/Worst fold into Better/Worse). */
function chartLabel(label: string): SignificanceLabel {
  if (label === 'Best') return 'Better';
  if (label === 'Worst') return 'Worse';
  if (label === 'Highest') return 'Higher';
  if (label === 'Lowest') return 'Lower';
  return (CHART_LABELS.includes(label) ? label : 'Not compared') as SignificanceLabel;
}

/** Spine rows for indicators, with small counts (and their values) suppressed by the context's rule. */
export function spineRows(ctx: SectionContext, indicators: readonly PlaceIndicator[]): { rows: SpineIndicator[]; suppressed: string[] } {
  const suppressed: string[] = [];
  const rows = indicators.map((p): SpineIndicator => {
    const count = p.place.count === null ? null : Math.round(p.place.count);
    const hide = p.def.countIsPeople && count !== null && isSuppressedCount(count, ctx.rule);
    if (hide) suppressed.push(p.def.name);
    const r = p.range;
    return {
      indicator: p.def.name,
      period: p.def.period,
      count: hide ? null : count,
      value: hide ? null : p.place.value,
      regionValue: p.region?.value ?? null,
      englandValue: p.england.value,
      englandLowest: r ? r[0] : null,
      englandP25: r ? r[1] : null,
      englandP75: r ? r[3] : null,
      englandHighest: r ? r[4] : null,
      polarity: p.def.polarity,
      significance: hide ? 'Not compared' : chartLabel(p.vsEngland),
      unit: p.def.unit,
      decimals: p.def.decimals,
      suppressed: hide,
    };
  });
  return { rows, suppressed };
}

/**
 * The report figure for a spine chart: the chart's data table becomes a {@link DataTable} with
 * short column headers in which every value has its own indicator's decimal places (a rate with
 * one, a prevalence with two), suppressed counts and values show the rule's marker and missing
 * ones the dash. The chart itself is already built from suppressed rows (`spineRows`).
 */
export function spineFigure(ctx: SectionContext, chart: ChartSpec, rows: readonly SpineIndicator[], caption: string, peerNames?: string): ReportFigure {
  const t = chart.table;
  const peers = `England’s ${peerNames ?? PEER_NAMES[ctx.place.level]}`;
  const hasRegion = t.columns.length === 12;
  const valueCols = hasRegion ? 7 : 6; // value, [region], England, worst, p25, p75, best
  const columns = [
    { key: 'indicator', label: 'Indicator' },
    { key: 'period', label: 'Period' },
    { key: 'count', label: 'Count', format: 'integer' as const },
    { key: 'value', label: ctx.name },
    ...(hasRegion ? [{ key: 'region', label: ctx.regionName ?? 'Region' }] : []),
    { key: 'england', label: 'England' },
    { key: 'worst', label: 'Worst / lowest' },
    { key: 'p25', label: '25th percentile' },
    { key: 'p75', label: '75th percentile' },
    { key: 'best', label: 'Best / highest' },
    { key: 'vs_england', label: 'vs England' },
    { key: 'polarity', label: 'Polarity', hideInPrint: true },
  ];
  const tableRows = t.rows.map((cells, i) => {
    const d = rows[i]?.decimals ?? 1;
    const out: Record<string, CellValue> = {};
    columns.forEach((c, j) => {
      const v = cells[j] ?? null;
      if (j >= 3 && j < 3 + valueCols) out[c.key] = typeof v === 'number' ? num(v, d) : v;
      else out[c.key] = v;
    });
    return out;
  });
  const table: DataTable = {
    caption,
    columns,
    rows: tableRows,
    notes: `Count: the number each value is built from: deaths in 2014 (life expectancy: deaths at the ages covered; mortality: deaths), patients on the GP register (recorded prevalence and hypertension against expected), residents of Core20 neighbourhoods (mid-2015, Core20 share) and residents aged 65 and over (mid-2019). Worst / lowest, 25th and 75th percentiles and best / highest: the range across ${peers}${rows.some((r) => r.polarity !== 'no-judgement' && /^(Life expectancy|Mortality)/.test(r.indicator)) ? ' (for life expectancy and mortality, leaving out City of London and the Isles of Scilly; see the methods)' : ''}; worst and best where a direction is judged (polarity), otherwise lowest and highest. “vs England”: compared with England’s value using the 95% confidence interval. Each value has its indicator’s decimal places.`,
  };
  return { ...chart, table, suppressionApplied: true };
}

/**
 * The comparison counts of spine rows in the chart's own order and words ("1 better, 4 similar,
 * 6 worse, 6 higher, 6 lower, 2 not compared"), so a section headline and the chart's text
 * alternative always count "similar" the same way.
 */
export function spineCounts(rows: readonly SpineIndicator[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const label = r.significance ?? 'Not compared';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return SIGNIFICANCE_ORDER.filter((l) => counts.has(l))
    .map((l) => `${counts.get(l)} ${l.toLowerCase()}`)
    .join(', ');
}

/** Build the spine chart summary of every indicator. */
export function spineSection(ctx: SectionContext): Section {
  const all = [...ctx.indicators.values()];
  const { rows, suppressed } = spineRows(ctx, all);
  const chart = spineChart(rows, {
    areaName: ctx.name,
    regionName: ctx.regionName ?? undefined,
    suppressionMarker: ctx.rule.marker,
    title: `${all.length} indicators for ${ctx.name} compared with England`,
    subtitle: `England range: ${ctx.place.level === 'region' ? 'regions' : PEER_NAMES[ctx.place.level]}`,
  });
  const worse = all.filter((p) => p.vsEngland === 'Worse' || p.vsEngland === 'Worst');
  const headline = `${all.length} indicators for ${ctx.name} compared with England: ${spineCounts(rows)}. Better and worse are judged only where higher or lower is clearly better (life expectancy and deaths); recorded prevalence is higher, lower or similar, without a judgement.`;
  const narrative = [
    `Each row shows ${ctx.name}'s value (marker) against the range across England's ${ctx.place.level === 'region' ? 'regions' : PEER_NAMES[ctx.place.level]}: the light bar runs from the worst (or lowest) to the best (or highest) area, the dark bar covers the middle half (25th to 75th percentile) and the black line is England. Better is always to the right for indicators where a direction is judged. Marker colour and shape show the comparison with England (95% confidence interval).`,
    worse.length
      ? `Significantly worse than England: ${worse.map((p) => p.def.name.toLowerCase()).join('; ')}.`
      : `No indicator is significantly worse than England.`,
  ];
  const notes = suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined;
  return {
    id: 'spine',
    heading: 'Summary of indicators against England',
    headline,
    narrative,
    figures: [spineFigure(ctx, chart, rows, `Data for: ${chart.title}`)],
    tables: [neighbourIndicatorTable(ctx)].filter((t) => t !== null),
    notes,
  };
}

export { comparisonWords };
