/**
 * Plotly figures in notebooks: HTML that draws a figure with plotly.js, offline. plotly.js is
 * inlined (read from the installed `plotly.js-dist-min`), so the figure shows in Jupyter
 * Notebook and in the HTML that `jupyter nbconvert --to html` writes, with no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { escape } from 'html-escaper';
import { tableHtml, type TableLike } from './tables.js';
import { jsonForScript } from '../report/escape.js';

/** A plotly.js figure: traces, layout and optional config, as plain JSON. */
export interface FigureSpec {
  data: readonly object[];
  layout?: object;
  config?: object;
}

/** A chart from `src/charts/`: a plotly figure with its title, text alternative and data table. */
export interface ChartLike {
  title: string;
  figure: FigureSpec;
  alt?: string;
  table?: TableLike;
  notes?: string | readonly string[];
}

/** What `showFigure` accepts: a plain plotly figure or a chart spec. */
export type FigureLike = FigureSpec | ChartLike;

/** How plotly.js gets into the HTML: `inline` (the whole library, ~5 MB, in a script element) or `none` (assume it is already on the page). */
export type PlotlyInclude = 'inline' | 'none';

/** Options for {@link figureHtml}. */
export interface FigureOptions {
  /** Include plotly.js in the output (default `inline`). */
  plotly?: PlotlyInclude;
  /** The `id` of the figure's div (default: random `hg-fig-…`). */
  id?: string;
  /** Height in pixels when the layout has none (default 450). */
  height?: number;
  /** For a chart spec: show its data table in a collapsed "Data" block (default true). */
  showData?: boolean;
}

/** True for a plain plotly figure (`{ data: [...] }`). */
export function isFigureSpec(value: unknown): value is FigureSpec {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data);
}

/** True for a chart spec (`{ title, figure: { data } }`). */
export function isChartLike(value: unknown): value is ChartLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    isFigureSpec((value as { figure?: unknown }).figure)
  );
}

let plotlySourceCache: string | undefined;

/** Path of the installed plotly.js bundle (`plotly.js-dist-min/plotly.min.js`). */
export function plotlyBundlePath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist-min');
}

/** The plotly.js source, made safe to inline in a `<script>` element (read once, then cached). */
export function plotlySource(): string {
  plotlySourceCache ??= scriptSafe(readFileSync(plotlyBundlePath(), 'utf8'));
  return plotlySourceCache;
}

/**
 * Make JavaScript source safe inside a `<script>` element: the `<` of every `<!--`, `<script`
 * and `</script` becomes `\x3C` (same meaning in JS strings, templates and regexes).
 */
export function scriptSafe(source: string): string {
  return source.replace(/<(?=!--|\/?script)/gi, '\\x3C');
}

/** @deprecated Use `jsonForScript` from `report/escape.ts` (the one `<script>`-safe JSON escaper); kept for one release. */
export const scriptJson = jsonForScript;

/** A fresh element id for a figure div. */
export function newFigureId(): string {
  return `hg-fig-${randomBytes(6).toString('hex')}`;
}

/**
 * HTML that draws a figure: optionally plotly.js itself, a `<div>` for the plot, and a script
 * calling `Plotly.newPlot` (which waits up to 10 s for plotly.js if another output loads it).
 * A chart spec also gets its title as a caption, its text alternative, notes and, collapsed,
 * the data table behind it.
 *
 * @example figureHtml({ data: [{ type: 'bar', x: ['A', 'B'], y: [1, 2] }] }, { plotly: 'none' })
 */
export function figureHtml(figure: FigureLike, options: FigureOptions = {}): string {
  const chart = isChartLike(figure) ? figure : undefined;
  const spec = chart ? chart.figure : figure;
  if (!isFigureSpec(spec)) throw new TypeError('showFigure: expected a plotly figure { data, layout } or a chart { title, figure, alt, table }');
  const id = options.id ?? newFigureId();
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new RangeError(`figure id must be letters, digits, - or _, got "${id}"`);
  const layout = (spec.layout ?? {}) as { height?: unknown };
  const height = typeof layout.height === 'number' ? layout.height : (options.height ?? 450);
  const payload = { data: spec.data, layout: spec.layout ?? {}, config: { responsive: true, displaylogo: false, ...(spec.config ?? {}) } };
  const parts: string[] = [];
  if ((options.plotly ?? 'inline') === 'inline') {
    parts.push(`<script type="text/javascript">/* plotly.js, inlined by healthgap */\n${plotlySource()}\n</script>`);
  }
  const label = chart ? ` role="img" aria-label="${escape(chart.alt ?? chart.title)}"` : '';
  parts.push(`<div id="${id}" class="hg-plot"${label} style="width:100%;height:${Math.round(height)}px"></div>`);
  parts.push(
    `<script type="text/javascript">(function(){var id=${jsonForScript(id)};var fig=${jsonForScript(payload)};` +
      `function draw(){var el=document.getElementById(id);if(el){window.Plotly.newPlot(el,fig.data,fig.layout,fig.config);}}` +
      `if(window.Plotly){draw();}else{var n=0;var t=setInterval(function(){if(window.Plotly){clearInterval(t);draw();}` +
      `else if(++n>100){clearInterval(t);var el=document.getElementById(id);if(el){el.style.height='auto';` +
      `el.textContent='plotly.js is not loaded on this page: show the figure again with showFigure(figure, { plotly: "inline" }).';}}},100);}})();</script>`,
  );
  if (!chart) return parts.join('\n');
  const extra: string[] = [];
  if (chart.alt) extra.push(`<p class="hg-alt">${escape(chart.alt)}</p>`);
  const notes = chart.notes === undefined ? [] : typeof chart.notes === 'string' ? [chart.notes] : [...chart.notes];
  for (const note of notes) extra.push(`<p class="hg-note">${escape(note)}</p>`);
  if (chart.table !== undefined && options.showData !== false) {
    extra.push(`<details><summary>Data behind the chart</summary>${tableHtml(chart.table, { limit: Infinity })}</details>`);
  }
  return `<figure class="hg-figure" style="margin:0.5em 0"><figcaption style="font-weight:600">${escape(chart.title)}</figcaption>\n${parts.join('\n')}\n${extra.join('\n')}</figure>`;
}

/** A one-line text stand-in for a figure (used outside Jupyter). */
export function figureText(figure: FigureLike): string {
  if (isChartLike(figure)) return `[figure] ${figure.title}${figure.alt ? `: ${figure.alt}` : ''}`;
  const layout = (figure.layout ?? {}) as { title?: unknown };
  const title =
    typeof layout.title === 'string'
      ? layout.title
      : typeof (layout.title as { text?: unknown } | undefined)?.text === 'string'
        ? (layout.title as { text: string }).text
        : undefined;
  return `[figure] ${title ?? 'plotly figure'} (${figure.data.length} trace${figure.data.length === 1 ? '' : 's'}; open in Jupyter to see it)`;
}
