/**
 * Render every chart with plotly.js (plotly.js-dist-min, inlined) in headless Chromium with all
 * network requests blocked; check there is no plotly error, the expected number of traces was
 * drawn, nothing was fetched, and save screenshots under tests/output/charts/ (git-ignored).
 * Inputs are real: Fingertips campylobacter export, PHEim funnel and LE-by-decile test data, ONS
 * mid-2019 population, ONS 2014 deaths and mid-2014 population, IMD 2019 and ONS LSOA boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import {
  choroplethChart,
  core20ShareChart,
  funnelChart,
  imdDecileCategories,
  leDeprivationChart,
  leGapByAgeChart,
  leGapByCauseChart,
  pyramidChart,
  spineChart,
  trendChart,
  type ChartSpec,
} from '../../src/charts/index.js';
import * as inputs from './inputs.js';

const OUT = fileURLToPath(new URL('../output/charts/', import.meta.url));
const require = createRequire(import.meta.url);
const PLOTLY = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');

function buildCharts(): Record<string, ChartSpec> {
  const campy = inputs.campylobacter();
  const funnel = inputs.funnelInputs();
  const pyr = inputs.pyramidRows(inputs.SANDWELL);
  const eng = inputs.pyramidRows(inputs.ENGLAND);
  const gap = inputs.leGapSandwellMales();
  const wm = inputs.lsoaBoundaries('lsoa11_bgc_E47000007.geojson.gz');
  const wmVals = inputs.imdMapValues(new Set(wm.features.map((f) => String(f.properties?.LSOA11CD))));
  const hf = inputs.lsoaBoundaries('lsoa11_bgc_E06000019.geojson');
  const hfVals = inputs.imdMapValues(new Set(hf.features.map((f) => String(f.properties?.LSOA11CD))));
  // Broad age groups of the same real decomposition, to exercise the scarf layout (no cause-of-death data is bundled).
  const broad: Record<string, string> = { 'Under 1': 'Under 1', '1-4': '1-14', '5-9': '1-14', '10-14': '1-14' };
  const scarf = new Map<string, number>();
  for (const r of gap.rows) {
    const lo = parseInt(r.ageBand, 10);
    const k = broad[r.ageBand] ?? (lo < 45 ? '15-44' : lo < 65 ? '45-64' : lo < 85 ? '65-84' : '85+');
    scarf.set(k, (scarf.get(k) ?? 0) + (r.contribution ?? 0));
  }
  return {
    spine: spineChart(campy.spine, { areaName: 'Sandwell', regionName: 'West Midlands' }),
    // Same real rows under a hostile name and area: labels must show as text, never as markup.
    escaping: spineChart(
      campy.spine.slice(0, 1).map((r) => ({ ...r, indicator: '<script>window.pwned=1</script> & <b>bold</b>' })),
      { areaName: '<img src=x onerror=alert(1)>' },
    ),
    funnel: funnelChart(funnel.points, funnel.limits, {
      title: 'Proportion by primary care trust, PHEindicatormethods funnel test data',
      unitName: 'PCTs',
      yTitle: 'Percentage (%)',
      xTitle: 'Denominator (people)',
      highlight: 'Norwich PCT',
    }),
    leDeprivation: leDeprivationChart(inputs.leDeciles(), { areaName: 'Sandwell', subtitle: 'Local deprivation deciles, PHEindicatormethods SII test data' }),
    leGapAge: leGapByAgeChart(gap.rows, { areaName: 'Sandwell', groupLabel: 'males, 2014', totalGap: gap.gap }),
    leGapScarf: leGapByCauseChart(
      [...scarf].map(([cause, contribution]) => ({ cause: `Ages ${cause}`, contribution })),
      {
        areaName: 'Sandwell',
        groupLabel: 'males, 2014',
        title: 'Share of the life expectancy gap between England and Sandwell (males, 2014) by broad age group',
      },
    ),
    core20: core20ShareChart(inputs.core20Rows(inputs.SANDWELL), { areaName: 'Sandwell' }),
    pyramid: pyramidChart(pyr.rows, {
      areaName: 'Sandwell',
      comparator: eng.rows,
      comparatorName: 'England',
      subtitle: 'ONS mid-2019 population estimates. Bars: Sandwell; outline: England.',
    }),
    trend: trendChart(campy.trend, {
      areaName: 'Sandwell',
      indicator: 'Campylobacter incidence rate',
      unit: 'per 100,000',
      yTitle: 'Rate per 100,000',
      recentTrend: campy.recentTrend,
      comparator: { name: 'England', points: campy.englandTrend },
    }),
    mapWestMidlands: choroplethChart(wm, wmVals.deciles, {
      title: 'Index of Multiple Deprivation 2019 by LSOA, West Midlands Combined Authority',
      idProperty: 'LSOA11CD',
      nameProperty: 'LSOA11NM',
      legendTitle: 'National IMD decile',
      categories: imdDecileCategories(),
      areaLabel: 'LSOAs',
    }),
    mapHerefordshire: choroplethChart(hf, hfVals.scores, {
      title: 'IMD 2019 score by LSOA, Herefordshire',
      idProperty: 'LSOA11CD',
      nameProperty: 'LSOA11NM',
      legendTitle: 'IMD score (higher = more deprived)',
      areaLabel: 'LSOAs',
      reverseColours: true,
    }),
  };
}

let browser: Browser;
let page: Page;
let charts: Record<string, ChartSpec>;
const requests: string[] = [];
const errors: string[] = [];
let results: Record<string, { ok: boolean; error?: string; fullData: number; traceNodes: number }> = {};

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  charts = buildCharts();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const divs = Object.keys(charts)
    .map((id) => `<div id="${id}" style="width:1000px;margin-bottom:20px"></div>`)
    .join('\n');
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>charts</title></head><body style="margin:0">${divs}<script>${PLOTLY}</script></body></html>`,
  );
  results = await page.evaluate(
    async (specs) => {
      const out: Record<string, { ok: boolean; error?: string; fullData: number; traceNodes: number }> = {};
      for (const [id, spec] of Object.entries(specs)) {
        const gd = document.getElementById(id) as HTMLElement & { _fullData?: unknown[] };
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          await (window as any).Plotly.newPlot(gd, spec.figure.data, spec.figure.layout, { ...(spec.figure.config as object), responsive: false });
          out[id] = { ok: true, fullData: gd._fullData?.length ?? 0, traceNodes: gd.querySelectorAll('.cartesianlayer .trace').length };
        } catch (e) {
          out[id] = { ok: false, error: String(e), fullData: 0, traceNodes: 0 };
        }
      }
      return out;
    },
    charts as unknown as Record<string, { figure: { data: unknown[]; layout: unknown; config: unknown } }>,
  );
  for (const id of Object.keys(charts)) await page.locator(`#${id}`).screenshot({ path: `${OUT}${id}.png` });
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('charts render in headless Chromium with plotly.js, offline', () => {
  it('renders every chart without a plotly error and draws every trace', () => {
    for (const [id, spec] of Object.entries(charts)) {
      expect(results[id], id).toMatchObject({ ok: true, fullData: spec.figure.data.length, traceNodes: spec.figure.data.length });
    }
  });
  it('shows hostile labels as text and runs nothing', async () => {
    const text = (await page.locator('#escaping').innerText()).replace(/\s+/g, '');
    expect(text).toContain('<script>window.pwned=1</script>&<b>bold</b>');
    expect(text).toContain('<imgsrc=xonerror=alert(1)>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('#escaping img').count()).toBe(0);
  });
  it("shows an area's name, code and value on hover over the map", async () => {
    const spec = charts.mapHerefordshire;
    const hover = spec.figure.data[spec.figure.data.length - 1] as unknown as { x: number[]; y: number[]; hovertext: string[] };
    // The most isolated area centre (a rural LSOA), so the nearest point is unambiguous.
    let pick = 0;
    let best = -1;
    hover.x.forEach((x, i) => {
      let near = Infinity;
      hover.x.forEach((x2, j) => {
        if (j !== i) near = Math.min(near, Math.hypot(x - x2, hover.y[i] - hover.y[j]));
      });
      if (near > best) {
        best = near;
        pick = i;
      }
    });
    await page.locator('#mapHerefordshire').scrollIntoViewIfNeeded();
    const pos = await page.evaluate(
      ([x, y]) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const gd = document.getElementById('mapHerefordshire') as any;
        const fl = gd._fullLayout;
        const box = gd.getBoundingClientRect();
        return { px: box.left + fl.xaxis._offset + fl.xaxis.l2p(x), py: box.top + fl.yaxis._offset + fl.yaxis.l2p(y) };
      },
      [hover.x[pick], hover.y[pick]],
    );
    await page.mouse.move(pos.px, pos.py);
    await page.waitForTimeout(300);
    const label = (await page.locator('#mapHerefordshire .hoverlayer').textContent()) ?? '';
    const code = /\((E01\d+)\)/.exec(hover.hovertext[pick])![1];
    expect(label).toContain(code);
    expect(label).toContain('IMD score');
  });
  it('fetches nothing and logs no errors', () => {
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('uses the real inputs as expected (pyramid sums to the ONS all-ages total, map covers every LSOA)', () => {
    const pyr = inputs.pyramidRows(inputs.SANDWELL);
    expect(pyr.rows.reduce((s, r) => s + (r.population ?? 0), 0)).toBe(pyr.allAges);
    expect(pyr.allAges).toBe(328450);
    expect(charts.pyramid.alt).toContain('Sandwell has 328,450 people');
    expect(charts.mapWestMidlands.notes).toEqual([]);
    expect(charts.mapWestMidlands.table.rows.length).toBe(inputs.lsoaBoundaries('lsoa11_bgc_E47000007.geojson.gz').features.length);
    expect(charts.spine.table.rows[0].slice(0, 6)).toEqual(['Campylobacter incidence rate per 100,000, all ages', '2015', 241, 75.4, 95.3, 94.7]);
    const gapSum = charts.leGapAge.table.rows.reduce((s, r) => s + (r[1] as number), 0);
    expect(gapSum).toBeCloseTo(2.19, 1);
  });
  it('keeps the West Midlands map a reasonable size', () => {
    expect(JSON.stringify(charts.mapWestMidlands.figure).length).toBeLessThan(6_000_000);
  });
});
