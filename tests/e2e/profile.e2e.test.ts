/**
 * End-to-end: a real place profile (Sandwell) built from the bundled data, written to
 * tests/output/profiles/, opened from disk in headless Chromium with every network request
 * blocked: every chart drawn with its expected number of traces, no plotly or console error,
 * axe-core WCAG 2.1 A/AA with 0 violations, screenshots (desktop, phone, print), escaping of a
 * custom section titled `<script>alert(1)</script>`, small-number suppression in a custom table,
 * byte-identical regeneration; then the batch generator (worker threads) on two real places and
 * one bad name: the others are written and the index says which failed and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildPlaceProfile, generateProfiles } from '../../src/report/profile/index.js';
import { renderReport, writeReport } from '../../src/report/index.js';
import type { Report } from '../../src/report/index.js';

const OUT = fileURLToPath(new URL('../output/profiles/', import.meta.url));
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

function sandwell(): Report {
  return buildPlaceProfile('Sandwell', {
    logoText: 'healthgap test',
    customSections: [
      {
        heading: '<script>alert(1)</script>',
        headline: 'An analyst section with a small count.',
        markdown: ['Local note with <b>markup</b> shown as text.'],
        table: {
          caption: 'Deaths of Sandwell females at two ages, 2014',
          columns: [
            { key: 'group', label: 'Group' },
            { key: 'n', label: 'Count', format: 'integer' },
            { key: 'pct', label: 'Share (%)', format: 'percent' },
          ],
          // Sandwell female deaths registered in 2014 at ages 1-4 (2) and 40-44 (13), ONS Table 2
          // (data/deaths/deaths2014_la_sex_age_tidy.csv); share of the two groups' 15 deaths.
          rows: [
            { group: 'Ages 1-4', n: 2, pct: 13.3 },
            { group: 'Ages 40-44', n: 13, pct: 86.7 },
          ],
          countColumns: ['n'],
          derivedFrom: { pct: 'n' },
        },
        after: 'end',
      },
    ],
  });
}

describe('place profile end to end in headless Chromium', () => {
  let browser: Browser;
  const report = sandwell();
  const file = join(OUT, 'sandwell.html');
  const traces = report.sections.flatMap((s) => s.figures.map((f) => f.figure.data.length));

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeReport(report, file);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(target: string, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, offline: true });
    const page = await context.newPage();
    const blocked: string[] = [];
    const errors: string[] = [];
    const url = pathToFileURL(target).href;
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.split('#')[0] === url) return route.continue();
      blocked.push(u);
      return route.abort();
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(url, { waitUntil: 'load' });
    return { page, context, blocked, errors };
  }

  async function drawn(page: Page) {
    await page.waitForFunction((k) => document.querySelectorAll('.hg-chart.js-plotly-plot .main-svg').length >= k, traces.length, { timeout: 60_000 });
    return page.$$eval('.hg-chart', (els) =>
      els.map((el) => ({
        id: el.id,
        traces: ((el as unknown as { data?: unknown[] }).data ?? []).length,
        label: el.getAttribute('aria-label') ?? '',
        error: el.textContent?.includes('error') ?? false,
      })),
    );
  }

  it('has every section and a chart count matching the report', () => {
    expect(report.sections.map((s) => s.id)).toEqual([
      'key-messages',
      'board-summary',
      'who-lives-here',
      'life-expectancy',
      'burden',
      'core20plus5',
      'core20-imd2025',
      'prevalence',
      'practice-variation',
      'spine',
      'custom-script-alert-1-script',
    ]);
    // (key messages: no chart) board summary: Core20 deciles, spine, male LE decomposition, LSOA map; pyramid, Core20 deciles, LSOA map;
    // 2 decompositions + LE by deprivation; excess deaths by age; Core20PLUS5 spine; Core20 on IMD 2025 (transition, map,
    // the Core20 share on IMD 2019 and IMD 2025 as a trend, on screen only); prevalence spine; funnel; spine
    expect(traces).toHaveLength(18);
  });

  it('regenerates byte for byte', () => {
    expect(renderReport(sandwell())).toBe(readFileSync(file, 'utf8'));
  });

  it('draws every chart offline with the expected traces, no request and no error', async () => {
    const { page, context, blocked, errors } = await open(file);
    const charts = await drawn(page);
    expect(charts.map((c) => c.traces)).toEqual(traces);
    expect(charts.every((c) => c.label.length > 30)).toBe(true);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(OUT, 'profile-desktop.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('escapes the custom heading and suppresses the small count in its table', async () => {
    const { page, context } = await open(file);
    expect(await page.textContent('#custom-script-alert-1-script-heading')).toBe('<script>alert(1)</script>');
    const cells = await page.$$eval('#custom-script-alert-1-script table tbody tr', (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th,td')).map((c) => c.textContent?.trim())),
    );
    expect(cells).toEqual([
      ['Ages 1-4', '*suppressed', '*suppressed'],
      ['Ages 40-44', '13', '86.7%'],
    ]);
    const scripts = await page.locator('script').count();
    expect(scripts).toBe(traces.length + 2); // plotly, one JSON block per figure, the boot script
    await context.close();
  }, 120_000);

  it('has no axe-core WCAG 2.1 A/AA violations', async () => {
    const { page, context } = await open(file);
    await drawn(page);
    await page.$$eval('details.hg-data', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } })
        .axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
    });
    expect(result).toEqual([]);
    await context.close();
  }, 120_000);

  it('fits a phone (390 px) and prints to A4', async () => {
    const phone = await open(file, { width: 390, height: 844 });
    await drawn(phone.page);
    const w = await phone.page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    expect(w.doc).toBeLessThanOrEqual(w.win);
    // Titles are HTML above the charts (they wrap), not clipped plotly text; the charts use their
    // narrow layouts (the spine chart drops to indicator, value and England).
    const phoneCharts = await phone.page.$$eval('.hg-chart', (els) =>
      els.map((el) => ({
        title: el.querySelector('.gtitle')?.textContent ?? '',
        active: el.getAttribute('data-hg-active'),
        width: el.getBoundingClientRect().width,
      })),
    );
    expect(phoneCharts.every((c) => c.title === '' && c.width <= 390)).toBe(true);
    expect(await phone.page.getAttribute('#fig-spine-1-chart', 'data-hg-active')).toBe('1000,680,679');
    const spineHeads = await phone.page.$$eval('#fig-spine-1-chart .annotation-text', (els) => els.slice(0, 4).map((x) => x.textContent));
    expect(spineHeads).toEqual(['Indicator', 'Sandwell', 'England', 'England rangebetter/higher →']);
    await phone.page.screenshot({ path: join(OUT, 'profile-phone.png'), fullPage: true });
    await phone.context.close();
    const print = await open(file, { width: 794, height: 1123 });
    await drawn(print.page);
    await print.page.emulateMedia({ media: 'print' });
    await print.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await print.page.waitForTimeout(500);
    await print.page.screenshot({ path: join(OUT, 'profile-print.png'), fullPage: true });
    await print.context.close();
  }, 180_000);

  it('generates several profiles with worker threads; a bad place fails alone', async () => {
    const dir = join(OUT, 'batch');
    const seen: string[] = [];
    const result = await generateProfiles(['Walsall', 'Nowhereshire', 'Herefordshire'], {
      out: dir,
      jobs: 2,
      sections: ['who-lives-here', 'spine'],
      onProgress: (o) => seen.push(o.placeName),
    });
    expect([result.written, result.skipped, result.failed]).toEqual([2, 0, 1]);
    expect(seen.sort()).toEqual(['Herefordshire', 'Nowhereshire', 'Walsall']);
    expect(existsSync(join(dir, 'walsall.html'))).toBe(true);
    expect(existsSync(join(dir, 'herefordshire.html'))).toBe(true);
    const bad = result.outcomes.find((o) => o.status === 'failed')!;
    expect(bad.reason).toMatch(/^unknown area "Nowhereshire"/);
    const index = readFileSync(result.index, 'utf8');
    expect(index).toContain('2 written, 0 skipped, 1 failed.');
    expect(index).toContain('<a href="walsall.html">Walsall</a>');
    expect(index).toContain('unknown area &quot;Nowhereshire&quot;');
  }, 300_000);
});
