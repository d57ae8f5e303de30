/**
 * Preview of a report section in a notebook: heading, headline, narrative (markdown, raw HTML
 * shown as text), figures with their text alternatives and data, tables and notes.
 */
import { escape } from 'html-escaper';
import { Marked } from 'marked';
import { figureHtml, figureText, type ChartLike, type PlotlyInclude } from './figures.js';
import { tableHtml, tableText, type TableLike } from './tables.js';

/** A report section (the shape of `Section` in `src/report/types.ts`). */
export interface SectionLike {
  id?: string;
  heading: string;
  headline?: string;
  narrative?: string | readonly string[];
  figures?: readonly ChartLike[];
  tables?: readonly TableLike[];
  notes?: string;
}

/** True for a section-like object (`{ heading, figures?, tables? }` with a headline or narrative). */
export function isSectionLike(value: unknown): value is SectionLike {
  const s = value as Partial<SectionLike> | null;
  return typeof s === 'object' && s !== null && typeof s.heading === 'string' && (typeof s.headline === 'string' || s.narrative !== undefined);
}

const markdown = new Marked({
  async: false,
  gfm: true,
  renderer: {
    // Raw HTML in narrative text is shown as text, never interpreted (as in the report).
    html({ text }) {
      return escape(text);
    },
  },
});

/** Render markdown to HTML; raw HTML inside it is escaped, not interpreted. */
export function markdownHtml(text: string): string {
  return markdown.parse(text, { async: false }) as string;
}

/**
 * HTML preview of a section: `<section>` with an `<h2>` heading, the headline in bold, the
 * narrative paragraphs, each figure (see `figureHtml`), each table (see `tableHtml`) and notes.
 * `plotly` controls whether the first figure inlines plotly.js (default `inline`).
 */
export function sectionHtml(section: SectionLike, options: { plotly?: PlotlyInclude } = {}): string {
  const parts: string[] = [`<h2>${escape(section.heading)}</h2>`];
  if (section.headline) parts.push(`<p><strong>${escape(section.headline)}</strong></p>`);
  const narrative = section.narrative === undefined ? [] : typeof section.narrative === 'string' ? [section.narrative] : [...section.narrative];
  for (const paragraph of narrative) parts.push(markdownHtml(paragraph));
  let plotly: PlotlyInclude = options.plotly ?? 'inline';
  for (const figure of section.figures ?? []) {
    parts.push(figureHtml(figure, { plotly }));
    plotly = 'none';
  }
  for (const table of section.tables ?? []) parts.push(tableHtml(table, { limit: Infinity }));
  if (section.notes) parts.push(`<div class="hg-note" style="font-size:12px;color:#555">${markdownHtml(section.notes)}</div>`);
  const id = section.id ? ` id="${escape(section.id)}"` : '';
  return `<section class="hg-section"${id}>\n${parts.join('\n')}\n</section>`;
}

/** Plain-text preview of a section (used outside Jupyter). */
export function sectionText(section: SectionLike): string {
  const lines = [section.heading.toUpperCase()];
  if (section.headline) lines.push(section.headline);
  const narrative = section.narrative === undefined ? [] : typeof section.narrative === 'string' ? [section.narrative] : [...section.narrative];
  lines.push(...narrative);
  for (const figure of section.figures ?? []) lines.push(figureText(figure));
  for (const table of section.tables ?? []) lines.push(tableText(table, { limit: Infinity }));
  if (section.notes) lines.push(section.notes);
  return lines.join('\n\n');
}
