/**
 * End-to-end: a real ward profile (Abbey, Sandwell, E05001260) written to
 * tests/output/neighbourhoods/, opened offline in headless Chromium: every chart drawn with its
 * traces, no request or console error, axe-core WCAG 2.1 A/AA with 0 violations, byte-identical
 * regeneration. Then small-number suppression in England's smallest ward (Stibbard, North Norfolk,
 * E05011858: one LSOA 2021, E01026787): Census 2021 TS021 counts 4 Asian residents (Bangladeshi 1,
 * Indian 1, Other Asian 2), 1 Black and 1 of another ethnic group
 * (data/population/census21_ts021_ethnicity_lsoa21_england.csv.gz), so those three counts and
 * their shares are shown as the marker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { wardNeighbourhood } from '../../src/geography/index.js';
import { buildNeighbourhoodProfile } from '../../src/report/profile/neighbourhood/index.js';
import { renderReport, writeReport } from '../../src/report/index.js';
import type { Report } from '../../src/report/index.js';

const OUT = fileURLToPath(new URL('../output/neighbourhoods/', import.meta.url));
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

describe('neighbourhood profile end to end in headless Chromium', () => {
  let browser: Browser;
  let report: Report;
  let traces: number[];
  const file = join(OUT, 'abbey.html');

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    report = buildNeighbourhoodProfile(wardNeighbourhood('E05001260'));
    traces = report.sections.flatMap((s) => s.figures.map((f) => f.figure.data.length));
    writeReport(report, file);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('has its sections: who lives here, deprivation with a map, practices with the ICB funnel, prevalence, parent authority', () => {
    expect(report.sections.map((s) => s.id)).toEqual(['who-lives-here', 'deprivation', 'practices', 'prevalence', 'parent-authority']);
    // age bars (4 series); Core20 deciles and the LSOA 2011 map; funnel (+ the ringed practices)
    expect(traces.length).toBe(4);
    expect(report.sections[4].headline).toMatch(/not estimated for areas as small as Abbey; the figures here are for Sandwell/);
  });

  it('regenerates byte for byte', () => {
    expect(renderReport(buildNeighbourhoodProfile(wardNeighbourhood('E05001260')))).toBe(readFileSync(file, 'utf8'));
  }, 120_000);

  it('draws every chart offline, with no request, no error and no axe-core WCAG 2.1 A/AA violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.split('#')[0] === url) return route.continue();
      blocked.push(u);
      return route.abort();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction((k) => document.querySelectorAll('.hg-chart.js-plotly-plot .main-svg').length >= k, traces.length, { timeout: 60_000 });
    const drawn = await page.$$eval('.hg-chart', (els) => els.map((el) => ((el as unknown as { data?: unknown[] }).data ?? []).length));
    expect(drawn).toEqual(traces);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.$$eval('details.hg-data', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(OUT, 'abbey-desktop.png'), fullPage: true });
    await context.close();
  }, 180_000);

  it("suppresses the small ethnic-group counts of England's smallest ward", () => {
    const html = renderReport(buildNeighbourhoodProfile(wardNeighbourhood('E05011858')));
    const table = html.slice(html.indexOf('Ethnic groups of Stibbard'), html.indexOf('</table>', html.indexOf('Ethnic groups of Stibbard')));
    const row = (label: string) => {
      const at = table.indexOf(label);
      return table.slice(at, table.indexOf('</tr>', at));
    };
    for (const label of ['Asian, Asian British or Asian Welsh', 'Black, Black British', 'Other ethnic group'])
      expect((row(label).match(/\*<span class="hg-sr">suppressed<\/span>|\*suppressed|>\*</g) ?? []).length, label).toBeGreaterThanOrEqual(1);
    expect(row('White')).not.toMatch(/suppressed/);
  }, 120_000);
});
