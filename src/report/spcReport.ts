/**
 * SPC results as report sections and as a whole self-contained page: one section per facet
 * (group) with the Making Data Count chart (icons, text alternative, data table), a headline in
 * words, the summary per rebase segment, and the method in the appendix. Used by
 * `healthgap spc --html` and by the place profile's SPC section.
 */
import { aq } from '../core/arquero.js';
import { spcChart } from '../charts/spc.js';
import { displayPath, readCsvRecords } from '../io/csv.js';
import { HealthgapError, InputError } from '../core/errors.js';
import type { SpcFacet, SpcOptions, SpcResult, SpcSummaryRow } from '../stats/spc.js';
import { spc, SPC_LIMIT, SPC_MR_OUTLIER, SPC_SHORT_GROUP_THRESHOLD } from '../stats/spc.js';
import { slugId } from './escape.js';
import type { DataTable, MethodsEntry, Report, Section } from './types.js';

/**
 * Read an analyst's CSV (plain or .gz) and run {@link spc} on it; errors name the file, line and column.
 * @example spcFromCsv('ae.csv', { value: 'performance', date: 'period', groupBy: 'org_code' }, { target: 0.95 })
 */
export function spcFromCsv(file: string, columns: { value: string; date: string; groupBy?: string; trajectory?: string }, options: SpcOptions): SpcResult {
  const rec = readCsvRecords(file);
  const label = displayPath(file);
  for (const [flag, name] of [
    ['--value', columns.value],
    ['--date', columns.date],
    ['--group-by', columns.groupBy],
    ['--trajectory', columns.trajectory],
  ] as const) {
    if (name !== undefined && !rec.header.includes(name)) {
      throw new InputError(`no column "${name}" (${flag}); the header has: ${rec.header.slice(0, 30).join(', ')}${rec.header.length > 30 ? ', …' : ''}`, {
        file: label,
        row: 1,
      });
    }
  }
  if (rec.rows.length === 0) throw new InputError('no data rows', { file: label });
  const wanted = [columns.value, columns.date, columns.groupBy, columns.trajectory].filter((c): c is string => c !== undefined);
  const data = Object.fromEntries(
    [...new Set(wanted)].map((c) => {
      const j = rec.header.indexOf(c);
      return [c, rec.rows.map((r) => r[j])];
    }),
  );
  return spc(aq.table(data), {
    ...options,
    value: columns.value,
    date: columns.date,
    facet: columns.groupBy,
    trajectory: columns.trajectory,
    source: { file: label },
    lines: rec.lines,
  });
}

/** How the sections describe the series. */
export interface SpcSectionOptions {
  /** What is measured, e.g. "4-hour A&E performance (type 1 departments)". */
  measure: string;
  /** Show values as percentages (values are proportions 0–1). */
  percent?: boolean;
  /** Decimal places shown. */
  decimals?: number;
  /** Readable names of the facets (e.g. `{ RXK: 'Sandwell and West Birmingham (RXK)' }`). */
  names?: Readonly<Record<string, string>>;
  /** Prefix of the section ids (default `spc`). */
  idPrefix?: string;
  /** Where the data came from (for the appendix). */
  source?: string;
}

function formatter(options: SpcSectionOptions): (v: number | null) => string {
  const pct = options.percent ?? false;
  const d = options.decimals ?? (pct ? 1 : 2);
  return (v) => (v === null || !Number.isFinite(v) ? 'n/a' : `${(pct ? v * 100 : v).toFixed(d)}${pct ? '%' : ''}`);
}

// made on first use: building an Intl formatter loads ICU data (~15 ms), which `import 'healthgap'` need not pay
let monthFormat: Intl.DateTimeFormat | undefined;
/** "March 2019" for a first-of-month date, else the date as given. */
function when(iso: string): string {
  return /^\d{4}-\d{2}-01$/.test(iso)
    ? (monthFormat ??= new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${iso}T00:00:00Z`))
    : iso;
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The summary rows of one facet as a report table. */
function summaryTable(rows: SpcSummaryRow[], show: (v: number | null) => string, name: string): DataTable {
  return {
    caption: `Summary of the SPC chart for ${name}, by period between rebases`,
    columns: [
      { key: 'segment', label: 'Limits period', format: 'text' },
      { key: 'n', label: 'Points', format: 'integer' },
      { key: 'mean', label: 'Mean', format: 'text' },
      { key: 'limits', label: 'Process limits', format: 'text' },
      { key: 'improvement', label: 'Improvement points', format: 'integer' },
      { key: 'concern', label: 'Concern points', format: 'integer' },
      { key: 'variation', label: 'Variation (latest point)', format: 'text' },
      { key: 'assurance', label: 'Assurance', format: 'text' },
    ],
    rows: rows.map((s) => ({
      segment: `${when(s.from)} to ${when(s.to)}`,
      n: s.n,
      mean: show(s.mean_col),
      limits: `${show(s.lpl)} to ${show(s.upl)}`,
      improvement: s.special_cause_improvement,
      concern: s.special_cause_concern,
      variation: s.variation_text,
      assurance: s.assurance_text,
    })),
  };
}

/**
 * One report section for one facet of an SPC result.
 * @example spcSection(result, 'RXK', { measure: '4-hour A&E performance', percent: true })
 */
export function spcSection(result: SpcResult, facet: SpcFacet, options: SpcSectionOptions): Section {
  const rows = result.rows.filter((r) => r.f === facet);
  const summary = result.summary.filter((s) => s.f === facet);
  if (rows.length === 0) throw new HealthgapError(`spcSection: no points for group "${String(facet)}"`);
  const show = formatter(options);
  const name = options.names?.[String(facet)] ?? (facet === 'no facet' ? options.measure : String(facet));
  const latest = summary[summary.length - 1];
  const last = rows[rows.length - 1];
  const chart = spcChart(rows, {
    measure: options.measure,
    name: facet === 'no facet' ? undefined : name,
    improvement: result.options.improvement,
    variation: latest.variation_icon,
    assurance: latest.assurance_type,
    percent: options.percent,
    decimals: options.decimals,
  });
  const headline =
    `${facet === 'no facet' ? 'Latest value' : name}: ${show(last.y)} in ${when(last.x)}; ${lowerFirst(latest.variation_text)}` +
    (latest.assurance_text ? `; target ${show(latest.target)}: ${lowerFirst(latest.assurance_text)}` : '') +
    '.';
  const narrative: string[] = [];
  const dir =
    result.options.improvement === 'increase'
      ? 'Higher values are better.'
      : result.options.improvement === 'decrease'
        ? 'Lower values are better.'
        : 'Neither direction is better (neutral).';
  narrative.push(
    `Statistical process control chart of ${rows.length} points from ${when(rows[0].x)} to ${when(last.x)}. ${dir} ` +
      `Points outside the process limits, runs of 7 on one side of the mean, trends of 7 and 2 of 3 points near a limit signal special cause variation; the rest is common cause (the usual ups and downs of this process).`,
  );
  if (summary.length > 1)
    narrative.push(
      `The limits were recalculated (rebased) from ${summary
        .slice(1)
        .map((s) => when(s.from))
        .join(', ')}.`,
    );
  if (latest.short_group_warning)
    narrative.push(`The latest limits rest on ${latest.n} points only: they are trial limits and will change as points are added.`);
  return {
    id: `${options.idPrefix ?? 'spc'}-${facet === 'no facet' ? 'series' : slugId(String(facet)) || 'series'}`,
    heading: facet === 'no facet' ? options.measure : `${options.measure}: ${name}`,
    headline,
    narrative,
    figures: [chart],
    tables: [summaryTable(summary, show, name)],
  };
}

/** The methods appendix entry of an SPC analysis. */
export function spcMethodsEntry(result: SpcResult, options: SpcSectionOptions): MethodsEntry {
  const o = result.options;
  const first = result.rows[0]?.x;
  const last = result.rows.reduce((m, r) => (r.x > m ? r.x : m), first ?? '');
  return {
    indicator: options.measure,
    definition: options.measure,
    period: first ? `${when(first)} to ${when(last)}` : 'n/a',
    source: options.source ?? 'Data supplied by the analyst',
    method:
      `XmR statistical process control chart with NHS England Making Data Count rules, as NHSRplotthedots 0.2.0: mean ± ${SPC_LIMIT} × mean moving range` +
      (o.screenOutliers ? `, moving ranges of ${SPC_MR_OUTLIER} × the mean moving range or more left out` : ', no screening of moving ranges') +
      (o.fixAfterNPoints ? `, limits fixed after ${o.fixAfterNPoints} points` : '') +
      `. Special causes: a point outside the limits; a trend of 7 rising or falling points; 2 of 3 points beyond 2 sigma on the same side; 7 points on one side of the mean (in that precedence). Segments of fewer than ${SPC_SHORT_GROUP_THRESHOLD} points have trial limits.`,
    ciMethod: 'Not applicable (process limits are 3-sigma limits of the XmR chart)',
    notes: result.warnings.length ? result.warnings.join(' ') : undefined,
  };
}

/**
 * A whole report of an SPC result: one section per facet, the method in the appendix. Write it
 * with `renderReport` (self-contained HTML, plotly inlined).
 * @example writeFileAtomic('spc.html', renderReport(spcReport(result, { measure: '4-hour A&E performance', percent: true })))
 */
export function spcReport(result: SpcResult, options: SpcSectionOptions & { title?: string; subtitle?: string }): Report {
  const facets = [...new Set(result.rows.map((r) => r.f))];
  const used = new Set<string>();
  return {
    title: options.title ?? `Statistical process control: ${options.measure}`,
    placeName:
      facets.length === 1 && facets[0] === 'no facet'
        ? options.measure
        : facets.length <= 6
          ? facets.map((f) => options.names?.[String(f)] ?? String(f)).join(', ')
          : `${facets.length} series`,
    subtitle: options.subtitle ?? 'Making Data Count charts (XmR, NHSRplotthedots rules)',
    sections: facets.map((f, i) => {
      const s = spcSection(result, f, options);
      // two groups whose names slug alike ("A b" and "a-b") would share an anchor
      const id = used.has(s.id) ? `${s.id}-${i + 1}` : s.id;
      used.add(id);
      return { ...s, id };
    }),
    appendix: [spcMethodsEntry(result, options)],
  };
}
