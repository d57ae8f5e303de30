/**
 * The Fingertips section of a place profile: any Fingertips indicators (by ID, a profile or a
 * domain) for the place, from what is on disk (the response cache and promoted releases; never
 * the network, so the profile regenerates offline): a spine chart against England, trend charts
 * with the recent-trend label, and a table. Values, confidence intervals, "compared with England"
 * and "compared with parent" judgements and recent trends are Fingertips' own, shown as
 * published. healthgap computes only the spine chart's range across the place's peers (lowest,
 * quartiles, highest, R type 7 quantiles), infers polarity from the published judgements, and
 * calculates a recent trend (Fingertips' method) where the export gives none; the appendix says so.
 */
import { spineChart, type SpineIndicator } from '../../../charts/spine.js';
import { trendChart, type TrendChartPoint } from '../../../charts/trend.js';
import type { SignificanceLabel } from '../../../charts/types.js';
import { defaultFingertipsCacheDir } from '../../../fingertips/cache.js';
import { FINGERTIPS_ENGLAND, fingertipsPlaceData, type FingertipsPlaceData, type FingertipsPlaceSeries } from '../../../fingertips/place.js';
import { describeSelection, parseFingertipsSelection, type FingertipsProfileOptions } from '../../../fingertips/selection.js';
import { isSuppressedCount } from '../../suppression.js';
import type { CellValue, DataTable, MethodsEntry, ReportFigure, Section } from '../../types.js';
import { num, type SectionContext } from '../context.js';
import { spineFigure } from './spine.js';

/** Most trend charts drawn (the table lists every indicator). */
const MAX_TRENDS = 8;

function label(text: string | null): SignificanceLabel {
  switch (text) {
    case 'Better':
    case 'Best':
      return 'Better';
    case 'Worse':
    case 'Worst':
      return 'Worse';
    case 'Higher':
    case 'Highest':
      return 'Higher';
    case 'Lower':
    case 'Lowest':
      return 'Lower';
    case 'Similar':
      return 'Similar';
    default:
      return 'Not compared';
  }
}

function seriesName(s: FingertipsPlaceSeries): string {
  const parts = [s.sex !== 'Persons' ? s.sex : null, s.age !== 'All ages' ? s.age : null].filter(Boolean);
  return `${s.indicatorName}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

function fmtDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Which decimals to show: 1, or 2 for values below 10. */
function decimalsFor(s: FingertipsPlaceSeries): number {
  const v = s.latest.value ?? s.england?.value ?? null;
  return v !== null && Math.abs(v) < 10 ? 2 : 1;
}

function spineRow(ctx: SectionContext, s: FingertipsPlaceSeries): SpineIndicator & { hidden: boolean } {
  const count = s.latest.count === null ? null : Math.round(s.latest.count);
  const hidden = count !== null && isSuppressedCount(count, ctx.rule);
  const r = s.range;
  return {
    indicator: seriesName(s),
    period: s.latest.time_period,
    count: hidden ? null : count,
    value: s.latest.value,
    regionValue: s.parent && s.parent.area_code !== FINGERTIPS_ENGLAND ? s.parent.value : null,
    englandValue: s.england?.value ?? null,
    englandLowest: r ? r[0] : null,
    englandP25: r ? r[1] : null,
    englandP75: r ? r[3] : null,
    englandHighest: r ? r[4] : null,
    polarity: s.polarity,
    significance: label(s.latest.compared_to_england),
    decimals: decimalsFor(s),
    hidden,
  };
}

function trendFigure(ctx: SectionContext, s: FingertipsPlaceSeries): ReportFigure {
  const d = decimalsFor(s);
  const points: TrendChartPoint[] = s.series.map((p) => ({
    period: p.time_period,
    value: p.value,
    lower: p.lowercl,
    upper: p.uppercl,
    count: p.count === null || isSuppressedCount(Math.round(p.count), ctx.rule) ? null : p.count,
    significance: label(p.compared_to_england),
  }));
  const chart = trendChart(points, {
    areaName: ctx.name,
    indicator: seriesName(s),
    recentTrend: s.recentTrend,
    comparator: { name: 'England', points: s.englandSeries.map((e) => ({ period: e.time_period, value: e.value })) },
    decimals: d,
    yFromZero: true,
  });
  return {
    ...chart,
    notes: [
      ...(chart.notes ?? []),
      `Recent trend: ${s.recentTrend ?? 'none'} (${s.recentTrendSource === 'published' ? 'as published by Fingertips' : 'calculated by healthgap with the Fingertips method, as the export gives none'}).`,
    ],
  };
}

function table(ctx: SectionContext, data: FingertipsPlaceData): DataTable {
  const rows: Record<string, CellValue>[] = data.series.map((s) => {
    const d = decimalsFor(s);
    return {
      indicator: `${seriesName(s)} [${s.indicatorId}]`,
      period: s.latest.time_period,
      count: s.latest.count,
      value: num(s.latest.value, d),
      ci: s.latest.lowercl === null || s.latest.uppercl === null ? '–' : `${num(s.latest.lowercl, d)} to ${num(s.latest.uppercl, d)}`,
      england: s.england ? num(s.england.value, d) : '–',
      vs_england: s.latest.compared_to_england ?? 'Not compared',
      vs_parent: s.latest.compared_to_parent ?? 'Not compared',
      trend: s.recentTrend ?? '–',
    };
  });
  return {
    caption: `Fingertips indicators for ${ctx.name}: latest period`,
    columns: [
      { key: 'indicator', label: 'Indicator [Fingertips ID]' },
      { key: 'period', label: 'Period' },
      { key: 'count', label: 'Count', format: 'integer' },
      { key: 'value', label: ctx.name },
      { key: 'ci', label: '95% confidence interval' },
      { key: 'england', label: 'England' },
      { key: 'vs_england', label: 'Compared with England' },
      { key: 'vs_parent', label: 'Compared with parent area' },
      { key: 'trend', label: 'Recent trend' },
    ],
    rows,
    countColumns: ['count'],
    notes:
      'Values, confidence intervals, comparisons and recent trends as published by OHID Fingertips (a recent trend marked in the trend chart notes as calculated by healthgap where Fingertips gives none). Counts below the report’s threshold are suppressed; the published values are kept.',
  };
}

/** The data a Fingertips section shows (read once; also used for the appendix). */
export function fingertipsSectionData(ctx: SectionContext, options: FingertipsProfileOptions): FingertipsPlaceData {
  const selection = typeof options.selection === 'string' ? parseFingertipsSelection(options.selection) : options.selection;
  const cacheDir = options.cacheDir ?? defaultFingertipsCacheDir({ dataDir: options.dataDir });
  return fingertipsPlaceData(selection, options.areaCode ?? ctx.place.code, { cacheDir, dataDir: options.dataDir });
}

/**
 * Build the Fingertips section and its appendix entries for a place.
 *
 * @example fingertipsSection(ctx, { selection: 'default' })
 */
export function fingertipsSection(ctx: SectionContext, options: FingertipsProfileOptions): { section: Section; appendix: MethodsEntry[] } {
  const selection = typeof options.selection === 'string' ? parseFingertipsSelection(options.selection) : options.selection;
  const data = fingertipsSectionData(ctx, options);
  const what = describeSelection(selection);
  const missingText = [
    data.missing.length
      ? `Not on this computer (fetch with \`healthgap fingertips data ${data.missing.join(',')} --area-type <ID>\` or promote a release): indicator${data.missing.length === 1 ? '' : 's'} ${data.missing.join(', ')}.`
      : '',
    data.notForPlace.length
      ? `Cached, but with no rows for ${ctx.name} (${options.areaCode ?? ctx.place.code}; the data may use another area type or older codes): ${data.notForPlace.join(', ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (data.series.length === 0) {
    return {
      section: {
        id: 'fingertips',
        heading: 'Fingertips indicators',
        headline: `No Fingertips data for ${ctx.name} is on this computer for ${what}.`,
        narrative: [
          `This section is drawn from the Fingertips cache and releases only (never the network), so the profile regenerates offline. ${missingText}`.trim(),
        ],
        figures: [],
        tables: [],
      },
      appendix: [],
    };
  }
  const rows = data.series.map((s) => spineRow(ctx, s));
  const spineRows: SpineIndicator[] = rows.map(({ hidden: _hidden, ...r }) => r);
  const chart = spineChart(spineRows, {
    areaName: ctx.name,
    regionName: 'Parent',
    suppressionMarker: ctx.rule.marker,
    title: `${data.series.length} Fingertips indicator${data.series.length === 1 ? '' : 's'} for ${ctx.name} compared with England`,
    subtitle: 'Range: the place’s peers (same Fingertips area type), latest period',
  });
  const spine = spineFigure(ctx, chart, spineRows, `Data for: ${chart.title}`, 'areas of the same type in Fingertips');
  const judged = data.series.filter((s) => s.polarity === 'high-is-good' || s.polarity === 'low-is-good');
  const count = (list: FingertipsPlaceSeries[], ...labels: string[]) => list.filter((s) => labels.includes(s.latest.compared_to_england ?? '')).length;
  const worse = judged.filter((s) => /^(Worse|Worst)$/.test(s.latest.compared_to_england ?? ''));
  const headline = `Of ${data.series.length} Fingertips measure${data.series.length === 1 ? '' : 's'} for ${ctx.name}, Fingertips judges ${count(data.series, 'Better', 'Best')} better than England, ${count(data.series, 'Similar')} similar and ${count(data.series, 'Worse', 'Worst')} worse in the latest period${count(data.series, 'Higher', 'Lower', 'Highest', 'Lowest') ? `; ${count(data.series, 'Higher', 'Highest')} higher and ${count(data.series, 'Lower', 'Lowest')} lower where no better/worse judgement is made` : ''}.`;
  const sources = data.sources.map(
    (s) =>
      `${s.origin === 'release' ? `release ${s.detail}` : s.origin === 'file' ? `export file ${s.detail}` : 'the Fingertips API'} (${s.url}, ${s.origin === 'file' ? 'imported' : 'fetched'} ${fmtDate(s.fetchedAt)}) for indicator${s.indicatorIds.length === 1 ? '' : 's'} ${s.indicatorIds.join(', ')}`,
  );
  const narrative = [
    `${what} for ${ctx.name}, as published by OHID Fingertips: values with their 95% confidence intervals and Fingertips' own comparisons with England and with the parent area. The spine chart places ${ctx.name}'s latest value within the range of areas of the same type; the trend charts show each measure over time with England for reference and the recent trend.`,
    worse.length
      ? `Worse than England (as published): ${worse.map((s) => seriesName(s)).join('; ')}.`
      : 'No measure is judged worse than England in its latest period.',
    `Data: ${sources.join('; ')}.`,
    ...(missingText ? [missingText] : []),
  ];
  const trends = data.series.slice(0, MAX_TRENDS).map((s) => trendFigure(ctx, s));
  const hidden = rows.filter((r) => r.hidden).map((r) => r.indicator);
  const notes = [
    data.series.length > MAX_TRENDS ? `Trend charts are drawn for the first ${MAX_TRENDS} measures; the table lists all ${data.series.length}.` : '',
    hidden.length ? `Counts below ${ctx.rule.threshold} are suppressed (${hidden.join('; ')}); Fingertips' published values are shown.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const appendix: MethodsEntry[] = data.series.map((s) => {
    const src = data.sources.find((x) => x.indicatorIds.includes(s.indicatorId));
    return {
      indicator: `${seriesName(s)} (Fingertips ${s.indicatorId})`,
      definition: `As defined by OHID Fingertips for indicator ${s.indicatorId} (see its metadata on Fingertips or \`healthgap fingertips metadata ${s.indicatorId}\`).`,
      period: s.latest.time_period,
      source: `OHID Fingertips${src ? `, ${src.url}, ${src.origin === 'file' ? 'imported from an export file' : src.origin === 'release' ? `release ${src.detail}` : 'fetched'} ${fmtDate(src.fetchedAt)}` : ''}; Open Government Licence v3.0`,
      method: `Value, confidence interval, comparisons with England and parent${s.recentTrendSource === 'published' ? ' and recent trend' : ''} as published by Fingertips. Computed by healthgap: the spine chart's range (lowest, 25th and 75th percentiles, highest of ${s.peers} areas of type "${s.latest.area_type}", R type 7 quantiles)${s.recentTrendSource === 'healthgap' ? '; the recent trend (Fingertips method, weighted regression on the last five points), as the export gives none' : ''}; polarity ${s.polaritySource === 'published judgements' ? `(${s.polarity}) inferred from Fingertips' published better/worse judgements` : 'unknown (no published judgement), drawn without better/worse colouring'}.`,
      ciMethod: '95% confidence interval as published by Fingertips',
    };
  });
  return {
    section: {
      id: 'fingertips',
      heading: 'Fingertips indicators',
      headline,
      narrative,
      figures: [spine, ...trends],
      tables: [table(ctx, data)],
      notes: notes || undefined,
    },
    appendix,
  };
}
