/**
 * The display helpers: one call shows a table, a figure or a report section inline in a
 * Jupyter notebook (tslab kernel), or as plain text when run as a script.
 */
import { readerNotes } from '../io/csv.js';
import { suppressReport } from '../report/index.js';
import type { Section, SuppressionRule } from '../report/index.js';
import { emit, tslabDisplay } from './display.js';
import { figureHtml, figureText, isChartLike, isFigureSpec, type FigureLike, type FigureOptions } from './figures.js';
import { isSectionLike, markdownHtml, sectionHtml, sectionText, type SectionLike } from './sections.js';
import { isArqueroTable, isTableLike, tableHtml, tableText, type TableLike, type TableOptions } from './tables.js';

let plotlyOnPage = false;

/** Which plotly.js to send with a figure: `auto` (only with the first figure of the kernel session), `inline` or `none`. */
export type ShowPlotly = 'auto' | 'inline' | 'none';

function plotlyFor(mode: ShowPlotly | undefined): 'inline' | 'none' {
  const m = mode ?? 'auto';
  if (m === 'none') return 'none';
  if (m === 'inline' || !plotlyOnPage) {
    if (tslabDisplay()) plotlyOnPage = true;
    return 'inline';
  }
  return 'none';
}

/**
 * Show a table: an arquero table, an array of row objects, or a `{ columns, rows }` table,
 * as a formatted HTML table (numbers with thousands separators and sensible decimals, missing
 * values as `–`, everything escaped), at most `limit` rows (default 20). Notes recorded by a
 * healthgap reader (e.g. suppressed cells) are shown under the table.
 *
 * @example showTable(prevalence, { limit: 10, caption: 'Diabetes prevalence, 2019/20', decimals: { value: 2 } })
 */
export function showTable(table: TableLike, options: TableOptions = {}): void {
  const notes = isArqueroTable(table) ? readerNotes(table) : [];
  const extra = options.notes === undefined ? [] : typeof options.notes === 'string' ? [options.notes] : [...options.notes];
  const opts = { ...options, notes: [...notes, ...extra] };
  emit(tableHtml(table, opts), tableText(table, opts));
}

/**
 * Show a plotly figure (`{ data, layout }`) or a chart spec from `healthgap` charts (title,
 * figure, text alternative, data table) inline. plotly.js is inlined with the first figure of
 * the session, so the figure also shows in `jupyter nbconvert --to html` output, offline.
 *
 * @example showFigure({ data: [{ type: 'bar', x: ['Dudley', 'Sandwell'], y: [7.2, 8.9] }], layout: { title: { text: 'Diabetes %' } } })
 */
export function showFigure(figure: FigureLike, options: Omit<FigureOptions, 'plotly'> & { plotly?: ShowPlotly } = {}): void {
  if (!isFigureSpec(figure) && !isChartLike(figure))
    throw new TypeError('showFigure: expected a plotly figure { data, layout } or a chart { title, figure, alt, table }');
  const text = figureText(figure);
  if (!tslabDisplay()) {
    console.log(text);
    return;
  }
  emit(figureHtml(figure, { ...options, plotly: plotlyFor(options.plotly) }), text);
}

/**
 * Preview a report section: heading, headline, narrative (markdown), figures, tables and notes.
 * When the section is a complete report section (an `id`, and every figure has `alt` text and a
 * data table) the report engine's small-number suppression (`suppressReport`, default rule or
 * `options.suppression`) is applied first, so the preview shows what the profile will print.
 * Rendered with the notebook's table and figure renderers (the profile's own page styling
 * comes from the report engine).
 *
 * @example showSection({ id: 'diabetes', heading: 'Diabetes', headline: 'Recorded prevalence is above England', narrative: '...', figures: [], tables: [] })
 */
export function showSection(section: SectionLike, options: { plotly?: ShowPlotly; suppression?: SuppressionRule } = {}): void {
  if (!isSectionLike(section)) throw new TypeError('showSection: expected a section { heading, headline, narrative, figures, tables }');
  const shown = isReportSection(section) ? suppressedSection(section, options.suppression) : section;
  const text = sectionText(shown);
  if (!tslabDisplay()) {
    console.log(text);
    return;
  }
  const plotly = (shown.figures?.length ?? 0) > 0 ? plotlyFor(options.plotly) : 'none';
  emit(sectionHtml(shown, { plotly }), text);
}

/** True when a section has everything the report engine needs (id, alt text and a table for each figure). */
function isReportSection(section: SectionLike): boolean {
  return (
    typeof section.id === 'string' &&
    (section.figures ?? []).every((f) => typeof f.alt === 'string' && f.alt.trim() !== '' && f.table !== undefined) &&
    (section.tables ?? []).every((t) => !isArqueroTable(t) && !Array.isArray(t))
  );
}

/** The section after the report's small-number suppression (see `suppressReport`). */
export function suppressedSection(section: SectionLike, suppression?: SuppressionRule): SectionLike {
  const full = { figures: [], tables: [], narrative: '', headline: '', ...section } as unknown as Section;
  const { report } = suppressReport({ title: 'Preview', placeName: 'Preview', sections: [full], appendix: [], suppression });
  return report.sections[0] as unknown as SectionLike;
}

/** Show raw HTML (you are responsible for escaping it); prints it as text outside Jupyter. */
export function showHtml(html: string): void {
  emit(html, html);
}

/** Show markdown text (raw HTML in it is escaped); prints the markdown outside Jupyter. */
export function showMarkdown(text: string): void {
  emit(markdownHtml(text), text);
}

/**
 * Show anything: a section, a chart or plotly figure, a table, markdown text; other values are
 * printed with `console.log`.
 *
 * @example show(table); show(chart); show('**Note:** counts under 5 are suppressed.')
 */
export function show(value: unknown, options: TableOptions = {}): void {
  if (typeof value === 'string') return showMarkdown(value);
  if (isSectionLike(value)) return showSection(value);
  if (isChartLike(value) || isFigureSpec(value)) return showFigure(value);
  if (isTableLike(value)) return showTable(value, options);
  console.log(value);
}
