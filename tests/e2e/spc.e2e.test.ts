/**
 * The `healthgap spc --html` page in headless Chromium, opened from disk with every network
 * request blocked: each chart draws (points, mean, limits, target) with its two icons, nothing is
 * fetched, no page errors, and axe-core finds no WCAG 2.1 A/AA violations with the data tables
 * closed and open. Data: real NHS England A&E 4-hour performance (type 1) of The Dudley Group
 * and Walsall Healthcare, April 2016 – March 2019 (bundled).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { aeFourHourPerformance } from '../../src/io/aeAttendances.js';
import { tableToCsv } from '../../src/io/csvWrite.js';
import { runCliInProcess } from '../helpers/cli.js';

const OUT = fileURLToPath(new URL('../output/spc/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

describe('SPC page in a browser', () => {
  it('draws every chart with its icons, offline, with no WCAG 2.1 A/AA violations', async () => {
    mkdirSync(OUT, { recursive: true });
    const input = `${OUT}ae.csv`;
    writeFileSync(input, tableToCsv(aeFourHourPerformance({ orgs: ['RNA', 'RBK'], type: '1' })));
    const html = `${OUT}spc.html`;
    const r = await runCliInProcess(
      'spc',
      '--input',
      input,
      '--value',
      'performance',
      '--date',
      'period',
      '--group-by',
      'org_code',
      '--target',
      '0.95',
      '--percent',
      '--html',
      html,
      '--measure',
      '4-hour A&E performance (type 1)',
    );
    expect(r.code).toBe(0);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') || route.request().url().startsWith('data:')
        ? route.continue()
        : (blocked.push(route.request().url()), route.abort()),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => document.querySelectorAll('.hg-chart .main-svg').length >= 2, null, { timeout: 60_000 });
    const charts = await page.$$eval('.hg-chart', (els) =>
      els.map((el) => ({
        traces: el.querySelectorAll('.scatterlayer .trace').length,
        images: el.querySelectorAll('.layer-above image, .imagelayer image').length,
      })),
    );
    expect(charts).toHaveLength(2);
    for (const c of charts) {
      expect(c.images).toBe(2);
      expect(c.traces).toBeGreaterThanOrEqual(6); // value line, point groups, mean, 2 limits, target
    }
    await page.screenshot({ path: `${OUT}spc.png`, fullPage: true });
    await page.addScriptTag({ path: AXE });
    const run = () =>
      page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const res = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return res.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    expect(await run()).toEqual([]);
    await page.$$eval('details.hg-data', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await run()).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
