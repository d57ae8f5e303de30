/**
 * plotly.js for reports: the minified bundle from `plotly.js-dist-min`, inlined once per report
 * or copied beside many reports as one shared `plotly.min.js`, and the small inline script that
 * draws every figure from its embedded JSON after the page has loaded (no network requests).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HealthgapError } from '../io/errors.js';
import { scriptSafe } from './escape.js';

/** File name of the shared plotly asset written by {@link writePlotlyAsset}. */
export const PLOTLY_ASSET_NAME = 'plotly.min.js';

/** Absolute path of `plotly.js-dist-min/plotly.min.js` in node_modules. */
export function plotlyBundlePath(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('plotly.js-dist-min/plotly.min.js');
  } catch {
    throw new HealthgapError('cannot find plotly.js-dist-min/plotly.min.js: install the plotly.js-dist-min package', 1);
  }
}

let cachedSource: string | undefined;

/**
 * The plotly.js bundle as text that is safe to inline in a `<script>` element (see
 * `scriptSafe`). Read once per process and cached.
 */
export function plotlyInlineSource(): string {
  if (cachedSource === undefined) cachedSource = scriptSafe(readFileSync(plotlyBundlePath(), 'utf8'));
  return cachedSource;
}

/** The plotly.js version bundled (from plotly.js-dist-min's package.json). */
export function plotlyVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('plotly.js-dist-min/package.json') as { version: string };
  return pkg.version;
}

/**
 * Copy plotly.min.js into `dir` (created if needed) so that many reports written with
 * `plotly: { sharedAssetPath: 'plotly.min.js' }` can share it. Returns the file written.
 *
 * @example writePlotlyAsset('reports') // 'reports/plotly.min.js'
 */
export function writePlotlyAsset(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, PLOTLY_ASSET_NAME);
  copyFileSync(plotlyBundlePath(), out);
  return out;
}

/**
 * The inline script that draws the figures. Each figure's JSON sits in
 * `<script type="application/json" data-hg-figure="ID">` and is drawn into the element `#ID`
 * with config `{displaylogo: false, responsive: true, typesetMath: false}` merged over the
 * figure's own config. If plotly.js is missing, a message points to the data table instead.
 * Before printing, charts are resized to the A4 text width and the data tables opened; after
 * printing they are restored.
 */
export const FIGURE_BOOT_SCRIPT = `(function () {
  'use strict';
  var PRINT_WIDTH = 680;
  function graphs() { return Array.prototype.slice.call(document.querySelectorAll('.hg-chart.js-plotly-plot')); }
  function draw() {
    var nodes = document.querySelectorAll('script[type="application/json"][data-hg-figure]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var el = document.getElementById(node.getAttribute('data-hg-figure'));
      if (!el) continue;
      if (!window.Plotly) {
        el.textContent = 'The interactive chart could not be drawn (plotly.js did not load). The data table below holds the same numbers.';
        el.classList.add('hg-chart-failed');
        continue;
      }
      var spec = JSON.parse(node.textContent);
      var config = Object.assign({}, spec.config || {}, { displaylogo: false, responsive: true, typesetMath: false });
      window.Plotly.newPlot(el, spec.data, spec.layout, config);
    }
  }
  window.addEventListener('beforeprint', function () {
    var d = document.querySelectorAll('details.hg-data');
    for (var i = 0; i < d.length; i++) { if (!d[i].open) { d[i].setAttribute('data-hg-closed', ''); d[i].open = true; } }
    if (!window.Plotly) return;
    graphs().forEach(function (el) { window.Plotly.relayout(el, { width: PRINT_WIDTH }); });
  });
  window.addEventListener('afterprint', function () {
    var d = document.querySelectorAll('details.hg-data[data-hg-closed]');
    for (var i = 0; i < d.length; i++) { d[i].open = false; d[i].removeAttribute('data-hg-closed'); }
    if (!window.Plotly) return;
    graphs().forEach(function (el) { window.Plotly.relayout(el, { width: null, autosize: true }); });
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();`;
