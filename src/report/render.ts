/**
 * The report renderer: a {@link Report} in, one self-contained, accessible HTML document out.
 *
 * - plotly.js inlined once (or a `<script src>` to a shared local copy); each figure embedded as
 *   JSON in `<script type="application/json">` and drawn by a small inline script after load;
 *   no network requests at all.
 * - Inline CSS: responsive for phones, a print stylesheet for A4.
 * - WCAG 2.1 AA structure: `lang="en-GB"`, skip link, header / nav / main / footer landmarks,
 *   headings in order (h1 title, h2 sections, h3 figures), every chart in a `<figure>` with a
 *   `<figcaption>`, a `role="img"` container labelled with the text alternative, and its data
 *   table right after it.
 * - Every string from the data is escaped with html-escaper; analyst markdown is rendered with
 *   raw HTML shown as text.
 * - Small-number suppression is applied to every table and chart before anything is written,
 *   and the report says how many values were suppressed and under which rule.
 * - Deterministic: the same report gives the same bytes (no timestamps unless `date` is given;
 *   figure ids come from section ids).
 */
import { HealthgapError } from '../core/errors.js';
import { pageStart } from './page.js';
import { healthgapVersion } from './version.js';
import { escapeHtml, jsonForScript, slugId } from './escape.js';
import { MISSING_TEXT, autoColumnFormat, formatCell, isNumericColumn } from './format.js';
import { renderMarkdown } from './markdown.js';
import { gzipSync } from 'node:zlib';
import { FIGURE_BOOT_SCRIPT, PLOTLY_GZIP_SCRIPT_TYPE, chooseBundle, plotlyGzipBase64, plotlyInlineSource } from './plotly.js';
import { applyChartSuppression, applySuppression, describeSuppressionRule, resolveSuppressionRule } from './suppression.js';
import type { DataColumn, DataTable, MethodsEntry, Report, ReportFigure, Section, SuppressionRule } from './types.js';

const e = escapeHtml;

/** A report after suppression, with the number of values suppressed in tables and in figures. */
export interface SuppressedReport {
  report: Report;
  rule: Required<SuppressionRule>;
  /** Cells suppressed in tables (section tables and chart data tables). */
  tableValues: number;
  /** Values suppressed in figure traces. */
  figureValues: number;
}

/**
 * Apply the report's suppression rule (defaults when not set) to every section table, every
 * chart's data table and every chart's figure (see `applySuppression`,
 * `applyChartSuppression`). Returns a new report and the counts; the input is unchanged.
 */
export function suppressReport(report: Report): SuppressedReport {
  const rule = resolveSuppressionRule(report.suppression);
  let tableValues = 0;
  let figureValues = 0;
  const sections = report.sections.map((s) => {
    const figures = s.figures.map((f) => {
      const { chart, figureSuppressed } = applyChartSuppression(f, rule);
      tableValues += chart.table.suppression?.count ?? 0;
      figureValues += figureSuppressed;
      return chart;
    });
    const tables = s.tables.map((t) => {
      const out = applySuppression(t, rule);
      tableValues += out.suppression?.count ?? 0;
      return out;
    });
    return { ...s, figures, tables };
  });
  return { report: { ...report, sections, suppression: rule }, rule, tableValues, figureValues };
}

function checkReport(report: Report): void {
  if (!report || typeof report !== 'object') throw new HealthgapError('renderReport: expected a report object');
  if (typeof report.title !== 'string' || report.title.trim() === '') throw new HealthgapError('report: title is required');
  if (typeof report.placeName !== 'string' || report.placeName.trim() === '') throw new HealthgapError('report: placeName is required');
  if (!Array.isArray(report.sections)) throw new HealthgapError('report: sections must be an array');
  if (!Array.isArray(report.appendix)) throw new HealthgapError('report: appendix must be an array of methods entries');
  const seen = new Set<string>(['contents', 'main', 'about-the-numbers', 'methods']);
  for (const s of report.sections) {
    if (!s || typeof s.id !== 'string') throw new HealthgapError('report: every section needs an id');
    const id = slugId(s.id);
    if (seen.has(id)) throw new HealthgapError(`report: section id "${s.id}" is used twice or is reserved (contents, main, about-the-numbers, methods)`);
    seen.add(id);
    if (typeof s.heading !== 'string' || s.heading.trim() === '') throw new HealthgapError(`report: section "${s.id}" needs a heading`);
    for (const f of s.figures ?? []) {
      if (!f || !f.figure || !Array.isArray(f.figure.data)) throw new HealthgapError(`report: a figure in section "${s.id}" has no figure.data array`);
      if (typeof f.alt !== 'string' || f.alt.trim() === '') throw new HealthgapError(`report: figure "${f.title}" in section "${s.id}" needs alt text`);
      if (!f.table) throw new HealthgapError(`report: figure "${f.title}" in section "${s.id}" needs a data table`);
    }
  }
  if (report.plotly && report.plotly !== 'inline') {
    const p = report.plotly.sharedAssetPath;
    if (typeof p !== 'string' || p === '' || /^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('//')) {
      throw new HealthgapError(`report: plotly.sharedAssetPath must be a local relative path such as "plotly.min.js", found ${JSON.stringify(p)}`);
    }
  }
}

/** Pluralise "value". */
function values(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'value was' : 'values were'}`;
}

/** Text of a cell that looks like a number when shown (`12,345`, `-0.8`, `12.3%`, `78.1 to 79.4`): right-aligned. */
const NUMERIC_TEXT = /^[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/** Whether a column's shown cells are numbers or number-like text (missing and suppressed cells ignored). */
function numericColumn(table: DataTable, column: DataColumn, marker: string | undefined): boolean {
  if (column.format) return isNumericColumn(column, undefined);
  let seen = false;
  for (const row of table.rows) {
    const v = row[column.key];
    if (v === null || v === undefined || v === marker) continue;
    if (typeof v === 'number') {
      seen = true;
      continue;
    }
    if (typeof v === 'string' && NUMERIC_TEXT.test(v.trim())) {
      seen = true;
      continue;
    }
    return false;
  }
  return seen;
}

/** The key under a table: what the suppression marker and the missing-value dash mean (only those used). */
function tableKey(usedMarker: boolean, usedMissing: boolean, rule: Required<SuppressionRule> | undefined): string[] {
  const out: string[] = [];
  if (usedMarker && rule) out.push(`${e(rule.marker)} suppressed (small number): ${e(describeSuppressionRule(rule))}`);
  if (usedMissing) out.push(`${MISSING_TEXT} not available (no value in the source data, or not applicable).`);
  return out;
}

/**
 * Render a {@link DataTable} as an accessible HTML table inside a horizontally scrollable,
 * keyboard-focusable region. The first column is a row header. Suppressed cells (those recorded
 * by `applySuppression`, and any cell holding the rule's marker) show the marker with a visually
 * hidden "suppressed" for screen readers; missing values show an en dash with a visually hidden
 * "not available"; a key under the table explains whichever of the two is used. Columns of
 * numbers (or number-like text such as `12.3%`) are right-aligned with tabular figures.
 * `id` must be unique in the page. The table should already be suppressed (see
 * `applySuppression`); this function does not suppress.
 */
export function renderDataTable(table: DataTable, id: string, fallbackLabel: string): string {
  const capId = `${id}-caption`;
  const caption = table.caption && table.caption.trim() !== '' ? table.caption : fallbackLabel;
  const rule = table.suppression?.rule;
  const marker = rule?.marker;
  const suppressed = new Set((table.suppression?.cells ?? []).map((c) => `${c.row}\u0000${c.column}`));
  const columns = table.columns.map((c) => autoColumnFormat(c, table.rows));
  const numeric = columns.map((c) => numericColumn(table, c, marker));
  const textWidth = columns.map((c) =>
    numeric[columns.indexOf(c)] ? 0 : Math.max(0, ...table.rows.map((r) => (typeof r[c.key] === 'string' ? (r[c.key] as string).length : 0))),
  );
  let usedMarker = false;
  let usedMissing = false;
  // The column of longest text (if long) gets a minimum width, so it is not squeezed into a
  // word per line by the columns of numbers, which never wrap.
  const widest = textWidth.indexOf(Math.max(...textWidth.slice(1), 0), 1);
  const head = columns
    .map((c, j) => {
      const cls = [numeric[j] ? 'hg-num' : '', j === widest && textWidth[j] > 40 ? 'hg-wide' : '', c.hideInPrint ? 'hg-noprint' : ''].filter(Boolean).join(' ');
      return `<th scope="col"${cls ? ` class="${cls}"` : ''}>${e(c.label)}</th>`;
    })
    .join('');
  const body = table.rows
    .map((row, i) => {
      const cells = columns.map((c, j) => {
        const tag = j === 0 ? 'th' : 'td';
        const scope = j === 0 ? ' scope="row"' : '';
        const v = row[c.key];
        const isSupp = suppressed.has(`${i}\u0000${c.key}`) || (marker !== undefined && v === marker);
        const text = formatCell(v, c);
        const isMissing = !isSupp && text === MISSING_TEXT;
        if (isSupp) usedMarker = true;
        if (isMissing) usedMissing = true;
        const cls = [numeric[j] ? 'hg-num' : '', isSupp ? 'hg-suppressed' : '', isMissing ? 'hg-missing' : '', c.hideInPrint ? 'hg-noprint' : '']
          .filter(Boolean)
          .join(' ');
        const content = isSupp
          ? `<span aria-hidden="true">${e(text)}</span><span class="hg-vh">suppressed</span>`
          : isMissing
            ? `<span aria-hidden="true">${MISSING_TEXT}</span><span class="hg-vh">not available</span>`
            : e(text);
        return `<${tag}${scope}${cls ? ` class="${cls}"` : ''}>${content}</${tag}>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const notes: string[] = [];
  if (table.notes) notes.push(e(table.notes));
  notes.push(...tableKey(usedMarker, usedMissing, rule));
  const note = notes.length ? `\n<p class="hg-table-note${table.printed === false ? ' hg-noprint' : ''}">${notes.join(' ')}</p>` : '';
  return (
    (table.printed === false ? `<p class="hg-print-only">${e(caption)}: in the HTML version of this report.</p>\n` : '') +
    `<div class="hg-table-wrap${table.printed === false ? ' hg-noprint' : ''}" id="${id}" role="region" aria-labelledby="${capId}" tabindex="0">\n` +
    `<table class="hg-table${columns.filter((c) => !c.hideInPrint).length >= 10 ? ' hg-table-many' : ''}">\n<caption id="${capId}">${e(caption)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>${note}`
  );
}

/** Tables with more rows than this are not printed (the HTML file has them); the print shows a note instead. */
export const LONG_TABLE_ROWS = 60;

/**
 * The figure's JSON for the page: `{ data, layout, config }` and, when the chart has them, its
 * `breakpoints` (narrowest last) and `printHeight`. The boot script draws the chart without its plotly title
 * (the title and subtitle are in the HTML figcaption, where they wrap on any screen) and puts it
 * back for the PNG download; see `FIGURE_BOOT_SCRIPT`.
 */
export function pageFigureSpec(chart: ReportFigure): Record<string, unknown> {
  const spec: Record<string, unknown> = { data: chart.figure.data, layout: chart.figure.layout ?? {}, config: chart.figure.config ?? {} };
  const bps = (chart as { breakpoints?: { maxWidth: number; layout: Record<string, unknown> }[] }).breakpoints;
  if (bps && bps.length) spec.breakpoints = [...bps].sort((a, b) => b.maxWidth - a.maxWidth);
  if (typeof chart.printHeight === 'number' && chart.printHeight > 0) spec.printHeight = chart.printHeight;
  return spec;
}

/** The figcaption's description: the text alternative without a repeat of the title at its start. */
function visibleDescription(title: string, alt: string): string {
  const t = title.trim().replace(/\.$/, '');
  return alt.startsWith(`${t}. `) ? alt.slice(t.length + 2) : alt;
}

/**
 * The figure JSON already written in the page being rendered (JSON → chart id): a chart shown
 * twice (the summary's spine chart and its section's) embeds its JSON once; see `FIGURE_BOOT_SCRIPT`.
 * Set for the duration of one `renderReport` call (rendering is synchronous).
 */
let writtenSpecs: Map<string, string> | null = null;
/** Set with `plotlyEncoding: 'gzip'`: figure JSON over {@link PACK_FIGURE_BYTES} is embedded gzipped. */
let packLargeFigures = false;
/** Figure JSON longer than this (characters) is gzipped in a report with `plotlyEncoding: 'gzip'` (maps, long spine charts). */
const PACK_FIGURE_BYTES = 16_384;

/** The figure's JSON `<script>`: the JSON, or a pointer to the figure that already holds the same JSON. */
function figureJsonScript(chartId: string, json: string): string {
  const earlier = writtenSpecs?.get(json);
  if (earlier !== undefined) return `<script type="application/json" data-hg-figure="${chartId}" data-hg-same-as="${earlier}"></script>\n`;
  writtenSpecs?.set(json, chartId);
  if (packLargeFigures && json.length > PACK_FIGURE_BYTES) {
    const packed = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
    return `<script type="application/json" data-hg-figure="${chartId}" data-hg-packed="gzip-base64">${packed}</script>\n`;
  }
  return `<script type="application/json" data-hg-figure="${chartId}">${json}</script>\n`;
}

/** Render the sections with each distinct figure JSON embedded once (see {@link figureJsonScript}). */
function renderSectionsOnce(sections: Section[], printedCharts: Set<string>, packLarge: boolean): string[] {
  writtenSpecs = new Map();
  packLargeFigures = packLarge;
  try {
    return sections.map((s) => renderSection(s, printedCharts));
  } finally {
    writtenSpecs = null;
    packLargeFigures = false;
  }
}

/** Render one chart as a `<figure>`: heading, subtitle, text alternative, chart container, embedded JSON and the data table. */
function renderFigure(chart: ReportFigure & { table: DataTable }, figId: string, printedBefore = false): string {
  const chartId = `${figId}-chart`;
  const title = chart.title && chart.title.trim() !== '' ? chart.title : 'Chart';
  const subtitle = (chart as { subtitle?: string }).subtitle;
  const spec = pageFigureSpec(chart);
  const screenOnly = chart.printed === false && !printedBefore;
  return (
    (printedBefore ? `<p class="hg-print-only">${e(title)}: printed in the board summary at the front.</p>\n` : '') +
    `<figure class="hg-figure${printedBefore || screenOnly ? ' hg-noprint' : ''}" id="${figId}" aria-labelledby="${figId}-title">\n` +
    `<figcaption><h3 id="${figId}-title">${e(title)}</h3>\n` +
    (subtitle && subtitle.trim() !== '' ? `<p class="hg-chart-subtitle">${e(subtitle)}</p>\n` : '') +
    `<p id="${figId}-desc" class="hg-chart-desc">${e(visibleDescription(title, chart.alt))}</p></figcaption>\n` +
    `<div class="hg-chart" id="${chartId}" role="img" aria-label="${e(`${title}. ${chart.alt}`)}"></div>\n` +
    `<button type="button" class="hg-download" data-hg-download="${chartId}" hidden>Download chart (PNG)<span class="hg-vh">: ${e(title)}</span></button>\n` +
    figureJsonScript(chartId, jsonForScript(spec)) +
    `<details class="hg-data${chart.table.rows.length > LONG_TABLE_ROWS ? ' hg-data-long' : ''}">\n<summary>Show the data<span class="hg-vh">: ${e(title)}</span></summary>\n` +
    `${renderDataTable(chart.table, `${figId}-data`, `Data for: ${title}`)}\n</details>\n` +
    ((chart.notes ?? []).length ? `<ul class="hg-figure-notes">${(chart.notes ?? []).map((n) => `<li>${e(n)}</li>`).join('')}</ul>\n` : '') +
    `</figure>`
  );
}

function narrativeMarkdown(n: string | string[] | undefined): string {
  if (n === undefined || n === null) return '';
  return Array.isArray(n) ? n.join('\n\n') : String(n);
}

/**
 * Render one section (already suppressed). `printed` holds the titles of the charts of the board
 * summary: a later chart with the same title is shown on screen but left out of print (a line
 * says where it is printed).
 */
function renderSection(section: Section, printed: Set<string>): string {
  const id = slugId(section.id);
  const parts: string[] = [];
  const summary = section.kind === 'summary';
  parts.push(`<section class="hg-section${summary ? ' hg-summary' : ''}" id="${id}" aria-labelledby="${id}-heading">`);
  parts.push(`<h2 id="${id}-heading">${e(section.heading)}</h2>`);
  if (section.headline) parts.push(`<p class="hg-headline">${e(section.headline)}</p>`);
  const md = narrativeMarkdown(section.narrative);
  if (md.trim() !== '') parts.push(`<div class="hg-narrative">\n${renderMarkdown(md).trim()}\n</div>`);
  (section.figures ?? []).forEach((f, i) => {
    const before = !summary && printed.has(f.title);
    if (summary) printed.add(f.title);
    parts.push(renderFigure(f as ReportFigure & { table: DataTable }, `fig-${id}-${i + 1}`, before));
  });
  (section.tables ?? []).forEach((t, i) => parts.push(renderDataTable(t, `tbl-${id}-${i + 1}`, `${section.heading}: table ${i + 1}`)));
  if (section.notes && section.notes.trim() !== '') parts.push(`<div class="hg-section-notes">\n${renderMarkdown(section.notes).trim()}\n</div>`);
  parts.push('</section>');
  return parts.join('\n');
}

const METHODS_FIELDS: [string, Exclude<keyof MethodsEntry, 'printed'>][] = [
  ['Definition', 'definition'],
  ['Period', 'period'],
  ['Source', 'source'],
  ['Method', 'method'],
  ['Confidence interval method', 'ciMethod'],
  ['Notes', 'notes'],
];

function filled(m: MethodsEntry, k: Exclude<keyof MethodsEntry, 'printed'>): boolean {
  return m[k] !== undefined && m[k] !== null && String(m[k]).trim() !== '';
}

/** Consecutive entries with the same `group` (entries without one stand alone). */
function methodsGroups(entries: MethodsEntry[]): MethodsEntry[][] {
  const out: MethodsEntry[][] = [];
  for (const m of entries) {
    const last = out[out.length - 1];
    if (m.group && last && last[0].group === m.group) last.push(m);
    else out.push([m]);
  }
  return out;
}

/**
 * One group of methods entries as a compact table: the fields every entry shares are stated
 * once above the table, the others are columns, one row per indicator.
 */
function renderMethodsGroup(group: MethodsEntry[], n: number): string {
  const shared = METHODS_FIELDS.filter(([, k]) => group.every((m) => filled(m, k) && String(m[k]) === String(group[0][k])));
  const varying = METHODS_FIELDS.filter(([, k]) => !shared.some(([, s]) => s === k) && group.some((m) => filled(m, k)));
  const id = `methods-group-${n}`;
  const head = ['<th scope="col">Indicator</th>', ...varying.map(([label]) => `<th scope="col">${label}</th>`)].join('');
  const body = group
    .map((m) => `<tr><th scope="row">${e(m.indicator)}</th>${varying.map(([, k]) => `<td>${filled(m, k) ? e(m[k]) : MISSING_TEXT}</td>`).join('')}</tr>`)
    .join('\n');
  return [
    `<h3 id="${id}">${e(group[0].group ?? '')}</h3>`,
    shared.length ? `<dl>\n${shared.map(([label, k]) => `<div><dt>${label}</dt><dd>${e(group[0][k])}</dd></div>`).join('\n')}\n</dl>` : '',
    `<div class="hg-table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0">`,
    `<table class="hg-table hg-methods-table">\n<caption id="${id}-caption">${e(group[0].group ?? '')}: ${group.length} indicators</caption>`,
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`,
  ]
    .filter((x) => x !== '')
    .join('\n');
}

/**
 * The methods and sources appendix: one h3 and definition list per indicator, in the given
 * order; consecutive entries of one `group` as one compact table (one row per indicator).
 */
function renderMethods(entries: MethodsEntry[], noteText: string): string {
  const parts: string[] = [];
  parts.push('<section class="hg-section hg-methods" id="methods" aria-labelledby="methods-heading">');
  parts.push('<h2 id="methods-heading">Methods and sources</h2>');
  if (entries.length === 0) parts.push('<p>No indicator metadata was supplied for this report.</p>');
  methodsGroups(entries).forEach((g, i) => {
    if (g.length > 1) {
      parts.push(renderMethodsGroup(g, i + 1));
      return;
    }
    const m = g[0];
    const screenOnly = m.printed === false;
    if (screenOnly) parts.push(`<p class="hg-print-only">${e(m.indicator)}: in the HTML version of this report.</p>`);
    parts.push(`<h3${screenOnly ? ' class="hg-noprint"' : ''}>${e(m.indicator)}</h3>`);
    const items = METHODS_FIELDS.filter(([, k]) => filled(m, k)).map(([label, k]) => `<div><dt>${label}</dt><dd>${e(m[k])}</dd></div>`);
    parts.push(`<dl${screenOnly ? ' class="hg-noprint"' : ''}>\n${items.join('\n')}\n</dl>`);
  });
  parts.push('<h3>Small-number suppression</h3>');
  parts.push(`<p class="hg-suppression-note" id="about-the-numbers">${e(noteText)}</p>`);
  parts.push(`<p>Suppression is applied to the tables and to the chart data before the report is written.</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

/** Text for a CSS string (`content: "…"`): backslashes, quotes, line breaks and `<` escaped. */
function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

/** The data periods for the footer: the report's own text, or the distinct appendix periods. */
function dataPeriodsText(r: Report): string {
  if (r.dataPeriods && r.dataPeriods.trim() !== '') return r.dataPeriods.trim();
  const seen: string[] = [];
  for (const m of r.appendix) if (m.period && !seen.includes(m.period)) seen.push(m.period);
  return seen.join(', ');
}

/**
 * The running footer of the printed report (CSS page-margin boxes, so the browser's own print
 * and any print-to-PDF show it): title and date, data periods and version at the left, "Page n
 * of N" at the right.
 */
export function printFooterCss(r: Report): string {
  const periods = dataPeriodsText(r);
  const left = [`${r.title}${r.date ? `, ${r.date}` : ''}`, periods ? `Data: ${periods}` : '', `healthgap ${healthgapVersion()}`].filter(Boolean).join(' · ');
  const box = 'font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 6.5pt; color: #4b5559; vertical-align: top;';
  return (
    `@media print { @page { @bottom-left { content: ${cssString(left)}; ${box} text-align: left; width: 80%; } ` +
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} text-align: right; width: 20%; } } }`
  );
}

/**
 * Render a report to one self-contained HTML document (see the module comment). Small-number
 * suppression is applied first ({@link suppressReport}). Throws a `HealthgapError` for a report
 * that is missing required parts (title, place name, unique section ids, alt text and a data
 * table for each chart), and when a chart's table has suppressed counts that its figure cannot
 * be shown to hide.
 *
 * @example
 * const html = renderReport({ title: 'Place profile', placeName: 'Dudley', placeCode: 'E08000027',
 *   sections: [{ id: 'people', heading: 'Who lives here', headline: 'Dudley has 321,596 residents.',
 *     narrative: 'Mid-2019 estimates.', figures: [], tables: [] }], appendix: [] });
 */
export function renderReport(report: Report): string {
  return renderReportWithStats(report).html;
}

/**
 * {@link renderReport}, also returning how many values were suppressed in tables and figures
 * (used by `writeReport` and the batch CLI's summary).
 */
export function renderReportWithStats(report: Report): { html: string; tableValues: number; figureValues: number } {
  checkReport(report);
  const { report: r, rule, tableValues, figureValues } = suppressReport(report);
  const sections = r.sections;
  const printedCharts = new Set<string>();

  const docTitle = r.placeName && !r.title.includes(r.placeName) ? `${r.title}: ${r.placeName}` : r.title;
  const meta: string[] = [];
  meta.push(`<div><dt>Place</dt><dd>${e(r.placeName)}${r.placeCode ? ` (${e(r.placeCode)})` : ''}</dd></div>`);
  if (r.audience) meta.push(`<div><dt>For</dt><dd>${e(r.audience)}</dd></div>`);
  if (r.date) meta.push(`<div><dt>Date</dt><dd>${e(r.date)}</dd></div>`);

  const toc = [...sections.map((s) => `<li><a href="#${slugId(s.id)}">${e(s.heading)}</a></li>`), '<li><a href="#methods">Methods and sources</a></li>'];

  const suppressedTotal = tableValues;
  const noteText =
    suppressedTotal > 0
      ? `Small numbers: ${values(suppressedTotal)} suppressed in this report's tables${figureValues > 0 ? ` (and ${values(figureValues).replace(/ (was|were)$/, '')} hidden in the charts)` : ''}. ${describeSuppressionRule(rule)}`
      : `Small numbers: no values needed suppressing in this report. ${describeSuppressionRule(rule)}`;

  const bundle =
    r.plotlyBundle === 'full' || r.plotlyBundle === 'basic'
      ? r.plotlyBundle
      : chooseBundle(sections.flatMap((s) => s.figures.flatMap((f) => f.figure.data.map((t) => (typeof t.type === 'string' ? t.type : undefined)))));
  const plotlyTag =
    r.plotly && r.plotly !== 'inline'
      ? `<script src="${e(r.plotly.sharedAssetPath)}"></script>`
      : r.plotlyEncoding === 'gzip'
        ? `<script type="${PLOTLY_GZIP_SCRIPT_TYPE}">${plotlyGzipBase64(bundle)}</script>`
        : `<script>${plotlyInlineSource(bundle)}</script>`;

  const html = [
    ...pageStart(docTitle, printFooterCss(r)),
    '<header class="hg-header">',
    '<div class="hg-wrap">',
    r.logoText ? `<p class="hg-logo">${e(r.logoText)}</p>` : '',
    `<h1>${e(r.title)}</h1>`,
    r.subtitle ? `<p class="hg-subtitle">${e(r.subtitle)}</p>` : '',
    `<dl class="hg-meta">\n${meta.join('\n')}\n</dl>`,
    '</div>',
    '</header>',
    '<nav class="hg-toc" aria-labelledby="contents">',
    '<div class="hg-wrap">',
    '<h2 id="contents">Contents</h2>',
    `<ol>\n${toc.join('\n')}\n</ol>`,
    '</div>',
    '</nav>',
    '<main id="main" tabindex="-1">',
    '<div class="hg-wrap">',
    `<p class="hg-print-only">The numbers behind every chart are in the HTML version of this report (“Show the data” under each chart).</p>`,
    ...renderSectionsOnce(sections, printedCharts, r.plotlyEncoding === 'gzip' && (r.plotly === undefined || r.plotly === 'inline')),
    renderMethods(r.appendix, noteText),
    '</div>',
    '</main>',
    '<footer class="hg-footer">',
    '<div class="hg-wrap">',
    `<p>${e(r.title)}${r.date ? `, ${e(r.date)}` : ''}. ${dataPeriodsText(r) ? `Data: ${e(dataPeriodsText(r))}. ` : ''}Produced with healthgap ${e(healthgapVersion())}. Charts drawn with plotly.js; every chart's numbers are in the table beside it.</p>`,
    '</div>',
    '</footer>',
    plotlyTag,
    `<script>${FIGURE_BOOT_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ];
  return { html: html.filter((line) => line !== '').join('\n') + '\n', tableValues, figureValues };
}
