/**
 * plotly.js for reports: the minified bundle from `plotly.js-dist-min`, inlined once per report
 * or copied beside many reports as one shared `plotly.min.js`, and the small inline script that
 * draws every figure from its embedded JSON after the page has loaded (no network requests).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HealthgapError } from '../core/errors.js';
import { scriptSafe } from './escape.js';

/** File name of the shared plotly asset written by {@link writePlotlyAsset}. */
export const PLOTLY_ASSET_NAME = 'plotly.min.js';

/**
 * Which plotly.js bundle: `full` (plotly.js-dist-min, every trace type, 4.8 MB) or `basic`
 * (plotly.js-basic-dist-min: `scatter`, `bar`, `pie` only, 1.2 MB, parses about four times
 * faster). `auto` picks `basic` when every trace in the report is one of those types.
 */
export type PlotlyBundle = 'full' | 'basic';

/** Trace types in the basic bundle. */
export const BASIC_TRACE_TYPES: readonly string[] = ['scatter', 'bar', 'pie'];

const BUNDLE_FILES: Record<PlotlyBundle, string> = {
  full: 'plotly.js-dist-min/plotly.min.js',
  basic: 'plotly.js-basic-dist-min/plotly-basic.min.js',
};

/**
 * Absolute path of a plotly.js bundle in node_modules (default the full bundle). When the basic
 * bundle is not installed the full one is returned (it draws everything the basic one does).
 */
export function plotlyBundlePath(bundle: PlotlyBundle = 'full'): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve(BUNDLE_FILES[bundle]);
  } catch {
    if (bundle !== 'full') return plotlyBundlePath('full');
    throw new HealthgapError('cannot find plotly.js-dist-min/plotly.min.js: install the plotly.js-dist-min package', 1);
  }
}

/**
 * The smallest bundle that draws every trace type given (`basic` when all are scatter, bar or
 * pie; a trace without a type is a scatter in plotly.js).
 *
 * @example chooseBundle(['bar', 'scatter']) // 'basic'
 * @example chooseBundle(['choropleth']) // 'full'
 */
export function chooseBundle(traceTypes: Iterable<string | undefined>): PlotlyBundle {
  for (const t of traceTypes) if (!BASIC_TRACE_TYPES.includes(t ?? 'scatter')) return 'full';
  return 'basic';
}

const cachedSource = new Map<string, string>();

/**
 * A plotly.js bundle as text that is safe to inline in a `<script>` element (see
 * `scriptSafe`). Read once per process and cached.
 */
export function plotlyInlineSource(bundle: PlotlyBundle = 'full'): string {
  const path = plotlyBundlePath(bundle);
  let src = cachedSource.get(path);
  if (src === undefined) {
    src = scriptSafe(readFileSync(path, 'utf8'));
    cachedSource.set(path, src);
  }
  return src;
}

const cachedGzip = new Map<string, string>();

/**
 * A plotly.js bundle gzipped (level 9, no timestamp, so the same bytes every run) and base64
 * encoded, for a report with `plotlyEncoding: 'gzip'`: the boot script unpacks it. Cached per
 * process.
 *
 * @example plotlyGzipBase64('basic').length // about 0.5 MB of base64 for the 1.2 MB bundle
 */
export function plotlyGzipBase64(bundle: PlotlyBundle = 'full'): string {
  const path = plotlyBundlePath(bundle);
  let b64 = cachedGzip.get(path);
  if (b64 === undefined) {
    b64 = gzipSync(readFileSync(path), { level: 9 }).toString('base64');
    cachedGzip.set(path, b64);
  }
  return b64;
}

/** MIME type of the `<script>` element holding a gzipped, base64 plotly.js (not run by the browser). */
export const PLOTLY_GZIP_SCRIPT_TYPE = 'application/x-healthgap-plotly-gzip-base64';

/** The plotly.js version bundled (from plotly.js-dist-min's package.json). */
export function plotlyVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('plotly.js-dist-min/package.json') as { version: string };
  return pkg.version;
}

/**
 * Copy plotly.js into `dir` (created if needed) as `plotly.min.js`, so that many reports written
 * with `plotly: { sharedAssetPath: 'plotly.min.js' }` can share it. The full bundle by default
 * (it draws every chart type). Returns the file written.
 *
 * @example writePlotlyAsset('reports') // 'reports/plotly.min.js'
 */
export function writePlotlyAsset(dir: string, bundle: PlotlyBundle = 'full'): string {
  const out = join(dir, PLOTLY_ASSET_NAME);
  writeFileAtomic(out, readFileSync(plotlyBundlePath(bundle)));
  return out;
}

/**
 * The inline script that draws the figures. Each figure's JSON sits in
 * `<script type="application/json" data-hg-figure="ID">` as `{ data, layout, config,
 * breakpoints? }` (see `pageFigureSpec`) and is drawn into the element `#ID` with
 * config `{displaylogo: false, responsive: true, typesetMath: false, displayModeBar: false,
 * showSendToCloud: false, showLink: false}` merged over the figure's own config: the chart
 * container is an image (`role="img"`) for assistive technology, so it must hold no focusable
 * controls.
 *
 * - Title: the page shows the chart's title and subtitle as HTML above it, so the plotly title is
 *   left out when drawing and the top margin and height shrink by the space it took (22 px a
 *   line, as `baseLayout` allows).
 * - Breakpoints: the layout is the figure's layout with every breakpoint whose `maxWidth` is at
 *   least the container's width deep-merged over it (widest first), so phones get the chart's
 *   narrow layout; when the window is resized across a breakpoint the chart is redrawn.
 * - The "Download chart (PNG)" button beside each chart (`data-hg-download`) is shown once the
 *   chart is drawn and saves the chart at desktop width with its title and subtitle inside the
 *   image (`Plotly.downloadImage`, no network).
 * - Before printing, charts are redrawn at the A4 text width (with the breakpoints for that
 *   width) and at their `printHeight` (default at most 360 px, so two charts share a page), and
 *   the data tables opened; after printing they are restored.
 * - If plotly.js is missing, a message points to the data table instead.
 * - A figure whose JSON would repeat an earlier figure's (the same chart in the summary and in its
 *   section) carries `data-hg-same-as="ID"` and an empty body: its spec is read from that figure.
 * - plotly.js stored gzipped (a `<script>` of type {@link PLOTLY_GZIP_SCRIPT_TYPE}, base64) and
 *   large figure JSON stored gzipped (`data-hg-packed="gzip-base64"`) are unpacked first with
 *   `DecompressionStream`; the figures are drawn once that is done.
 */
export const FIGURE_BOOT_SCRIPT = `(function () {
  'use strict';
  var PRINT_WIDTH = 680;
  var PRINT_MAX_HEIGHT = 360;
  var DOWNLOAD_WIDTH = 1100;
  var specs = {};
  function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function merge(a, b) {
    var out = {};
    var k;
    for (k in a) if (Object.prototype.hasOwnProperty.call(a, k)) out[k] = a[k];
    for (k in b) if (Object.prototype.hasOwnProperty.call(b, k)) out[k] = isObj(out[k]) && isObj(b[k]) ? merge(out[k], b[k]) : b[k];
    return out;
  }
  function copy(v) { return JSON.parse(JSON.stringify(v)); }
  function active(spec, width) {
    return (spec.breakpoints || []).filter(function (b) { return width <= b.maxWidth; }).map(function (b) { return b.maxWidth; }).join(',');
  }
  function titleSpace(layout) {
    var t = layout.title;
    var text = typeof t === 'string' ? t : (t && typeof t.text === 'string' ? t.text : '');
    if (!text.trim()) return 0;
    var lines = text.split(/<br/i).length;
    var top = layout.margin && typeof layout.margin.t === 'number' ? layout.margin.t : 100;
    return Math.max(0, Math.min(22 * lines, top - 30));
  }
  function layoutFor(spec, width, keepTitle) {
    var layout = copy(spec.layout);
    (spec.breakpoints || []).forEach(function (b) { if (width <= b.maxWidth) layout = merge(layout, copy(b.layout)); });
    var dt = keepTitle ? 0 : titleSpace(spec.layout);
    if (dt > 0) {
      layout.title = { text: '' };
      layout.margin = merge(layout.margin || {}, { t: (layout.margin && typeof layout.margin.t === 'number' ? layout.margin.t : 100) - dt });
      if (typeof layout.height === 'number') layout.height = layout.height - dt;
    }
    return layout;
  }
  function configFor(spec) {
    return Object.assign({}, spec.config || {}, { displaylogo: false, responsive: true, typesetMath: false,
      displayModeBar: false, showSendToCloud: false, showLink: false });
  }
  function graphs() { return Array.prototype.slice.call(document.querySelectorAll('.hg-chart.js-plotly-plot')); }
  function redraw(el, width, fixed, print) {
    var spec = specs[el.id];
    if (!spec) return;
    var layout = layoutFor(spec, width);
    if (fixed) layout.width = width;
    if (print) layout.height = spec.printHeight || Math.min(typeof layout.height === 'number' ? layout.height : 450, PRINT_MAX_HEIGHT);
    el.setAttribute('data-hg-active', active(spec, width));
    window.Plotly.react(el, el.data, layout, configFor(spec));
  }
  function draw() {
    var nodes = document.querySelectorAll('script[type="application/json"][data-hg-figure]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var el = document.getElementById(node.getAttribute('data-hg-figure'));
      if (!el) continue;
      if (!window.Plotly || node.hasAttribute('data-hg-packed')) {
        el.textContent = 'The interactive chart could not be drawn (plotly.js did not load). The data table below holds the same numbers.';
        el.classList.add('hg-chart-failed');
        continue;
      }
      var same = node.getAttribute('data-hg-same-as');
      var source = same ? document.querySelector('script[type="application/json"][data-hg-figure="' + same + '"]') : node;
      var spec = JSON.parse((source || node).textContent);
      specs[el.id] = spec;
      var width = el.clientWidth || PRINT_WIDTH;
      el.setAttribute('data-hg-active', active(spec, width));
      window.Plotly.newPlot(el, spec.data, layoutFor(spec, width), configFor(spec));
      var button = document.querySelector('button[data-hg-download="' + el.id + '"]');
      if (button) button.hidden = false;
    }
    if (window.performance && performance.mark) performance.mark('hg-figures-drawn');
  }
  var printing = false;
  var timer = null;
  window.addEventListener('resize', function () {
    if (printing || !window.Plotly) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () {
      graphs().forEach(function (el) {
        var spec = specs[el.id];
        if (spec && active(spec, el.clientWidth) !== el.getAttribute('data-hg-active')) redraw(el, el.clientWidth, false);
      });
    }, 150);
  });
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var button = t && t.closest ? t.closest('button[data-hg-download]') : null;
    if (!button || !window.Plotly) return;
    var id = button.getAttribute('data-hg-download');
    var el = document.getElementById(id);
    var spec = specs[id];
    if (!el || !spec) return;
    var layout = layoutFor(spec, DOWNLOAD_WIDTH, true);
    layout.width = DOWNLOAD_WIDTH;
    window.Plotly.downloadImage({ data: copy(spec.data), layout: layout, config: { displaylogo: false } },
      { format: 'png', filename: id.replace(/-chart$/, ''), scale: 2, width: DOWNLOAD_WIDTH, height: layout.height });
  });
  window.addEventListener('beforeprint', function () {
    printing = true;
    var d = document.querySelectorAll('details.hg-data:not(.hg-data-long)');
    for (var i = 0; i < d.length; i++) { if (!d[i].open) { d[i].setAttribute('data-hg-closed', ''); d[i].open = true; } }
    if (!window.Plotly) return;
    graphs().forEach(function (el) { redraw(el, PRINT_WIDTH, true, true); });
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    var d = document.querySelectorAll('details.hg-data[data-hg-closed]');
    for (var i = 0; i < d.length; i++) { d[i].open = false; d[i].removeAttribute('data-hg-closed'); }
    if (!window.Plotly) return;
    graphs().forEach(function (el) { redraw(el, el.clientWidth, false); });
  });
  function start() {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
  }
  function unpack(b64) {
    var text = atob(b64.trim());
    var bytes = new Uint8Array(text.length);
    for (var b = 0; b < text.length; b++) bytes[b] = text.charCodeAt(b);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  }
  var packed = document.querySelector('script[type="${PLOTLY_GZIP_SCRIPT_TYPE}"]');
  var packedFigures = Array.prototype.slice.call(document.querySelectorAll('script[type="application/json"][data-hg-packed]'));
  if (typeof DecompressionStream === 'undefined' || ((!packed || window.Plotly) && !packedFigures.length)) { start(); return; }
  var jobs = packedFigures.map(function (node) {
    return unpack(node.textContent).then(function (json) { node.textContent = json; node.removeAttribute('data-hg-packed'); });
  });
  if (packed && !window.Plotly) {
    jobs.push(unpack(packed.textContent).then(function (src) {
      var script = document.createElement('script');
      script.textContent = src;
      document.head.appendChild(script); // runs it at once
      document.head.removeChild(script); // the page keeps only its own script elements
    }));
  }
  Promise.all(jobs).then(start, start);
})();`;
