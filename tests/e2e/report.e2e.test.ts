/**
 * End-to-end test of the report engine: build a real example report (Dudley's population pyramid
 * from the bundled ONS mid-2019 estimates, and Dudley's 2014 deaths of young females with
 * small-number suppression), write it to tests/output/, open it from disk (file://) in headless
 * Chromium with every network request blocked, and check: no request left the file, every chart
 * rendered with the expected traces, no console errors, axe-core finds no WCAG 2.1 A/AA
 * violations, keyboard skip link works, load time, and screenshots (desktop, phone 390 px, print).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { parseCsv, readText } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import { pyramidChart } from '../../src/charts/pyramid.js';
import type { PyramidRow } from '../../src/charts/pyramid.js';
import { renderReport, writeReport, writeIndexPage } from '../../src/report/index.js';
import type { Report, ReportFigure } from '../../src/report/index.js';

const OUT = fileURLToPath(new URL('../output/', import.meta.url));
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const DUDLEY = 'E08000027';
const ENGLAND = 'E92000001';
const BANDS: [string, number, number][] = [];
for (let a = 0; a < 90; a += 5) BANDS.push([`${a}-${a + 4}`, a, a + 4]);
BANDS.push(['90+', 90, 90]);

/** Population by 5-year band for one area and sex from the bundled MYE2 mid-2019 file. */
function pyramidRows(sex: 'Male' | 'Female', code: string): PyramidRow[] {
  const file = dataPath(`population/mye2_mid2019_lad19_${sex === 'Male' ? 'males' : 'females'}.csv`);
  const csv = parseCsv(readText(file), { file });
  const row = csv.rows.find((r) => r[0] === code);
  if (!row) throw new Error(`${code} not in ${file}`);
  const col = (age: number) => csv.header.indexOf(age === 90 ? '90+' : String(age));
  return BANDS.map(([label, lo, hi]) => {
    let n = 0;
    for (let a = lo; a <= hi; a++) n += Number(row[col(a)].replace(/,/g, ''));
    return { ageBand: label, sex, population: n };
  });
}

/** Deaths of Dudley females in 2014 by age band (ages under 45) from the bundled ONS table. */
function dudleyDeaths(): { age: string; deaths: number }[] {
  const file = dataPath('deaths/deaths2014_la_sex_age_tidy.csv');
  const csv = parseCsv(readText(file), { file });
  const want = ['Under 1', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44'];
  return want.map((age) => {
    const r = csv.rows.find((x) => x[0] === DUDLEY && x[2] === 'Female' && x[3] === age);
    if (!r) throw new Error(`no deaths row for ${age}`);
    return { age, deaths: Number(r[4]) };
  });
}

function buildReport(): { report: Report; traces: number[]; populationTotal: number } {
  const dudley = [...pyramidRows('Male', DUDLEY), ...pyramidRows('Female', DUDLEY)];
  const england = [...pyramidRows('Male', ENGLAND), ...pyramidRows('Female', ENGLAND)];
  const populationTotal = dudley.reduce((s, r) => s + (r.population ?? 0), 0);
  const pyramid = pyramidChart(dudley, { areaName: 'Dudley', comparator: england, comparatorName: 'England', subtitle: 'Mid-2019 estimates' });

  const deaths = dudleyDeaths();
  const total = deaths.reduce((s, d) => s + d.deaths, 0);
  const deathsChart: ReportFigure = {
    title: 'Deaths of females aged under 45 by age band, Dudley, 2014',
    alt: `Bar chart of the ${total} deaths of Dudley females aged under 45 registered in 2014; 16 were aged 40-44 and 8 under 1. Counts of 1 to 4 are not shown.`,
    figure: {
      data: [
        {
          type: 'bar',
          name: 'Deaths',
          x: deaths.map((d) => d.age),
          y: deaths.map((d) => d.deaths),
          marker: { color: '#0072B2' },
          hovertext: deaths.map((d) => `${d.age}: ${d.deaths} deaths`),
          hoverinfo: 'text',
        },
      ],
      layout: {
        title: { text: 'Deaths of females aged under 45, Dudley, 2014', x: 0, xanchor: 'left' },
        xaxis: { title: { text: 'Age band (years)' }, type: 'category' },
        yaxis: { title: { text: 'Deaths' }, rangemode: 'tozero' },
        height: 360,
        margin: { l: 60, r: 20, t: 50, b: 60 },
        font: { color: '#0b0c0c' },
      },
    },
    table: {
      columns: ['Age band', 'Deaths', 'Share of deaths under 45 (%)'],
      rows: deaths.map((d) => [d.age, d.deaths, Math.round((1000 * d.deaths) / total) / 10]),
    },
    countColumns: ['Deaths'],
    derivedFrom: { 'Share of deaths under 45 (%)': 'Deaths' },
    countFields: [{ trace: 0, field: 'y', derived: ['hovertext'] }],
    notes: [],
  };

  const report: Report = {
    title: 'Dudley place profile',
    placeName: 'Dudley',
    placeCode: DUDLEY,
    subtitle: 'Who lives here and early deaths: an example built from bundled open data',
    audience: 'Dudley Health and Wellbeing Board',
    logoText: 'healthgap example',
    date: '1 April 2025',
    plotly: 'inline',
    sections: [
      {
        id: 'who-lives-here',
        heading: 'Who lives here',
        headline: `Dudley had ${populationTotal.toLocaleString('en-GB')} residents in mid-2019, with an older age structure than England.`,
        narrative: [
          'The pyramid shows each age band and sex as a share of the whole population; the outline is England.',
          'Source: ONS mid-year population estimates, mid-2019 (MYE2). See [Methods and sources](#methods).',
        ],
        figures: [pyramid],
        tables: [],
      },
      {
        id: 'early-deaths',
        heading: 'Deaths at younger ages',
        headline: `${total} Dudley females aged under 45 died in 2014; most of these deaths were at ages 40-44.`,
        narrative: 'Small counts are suppressed. An analyst note with <script>alert("x")</script> shows as text.',
        figures: [deathsChart],
        tables: [
          {
            caption: 'Deaths of females aged under 45, Dudley, 2014',
            columns: [
              { key: 'age', label: 'Age band' },
              { key: 'deaths', label: 'Deaths', format: 'integer' },
            ],
            rows: deaths.map((d) => ({ age: d.age, deaths: d.deaths })),
            countColumns: ['deaths'],
          },
        ],
        notes: 'Deaths registered in 2014 (ONS, Table 2), usual residence.',
      },
      {
        id: 'analyst-notes',
        heading: 'Analyst notes <script>alert(1)</script>',
        headline: 'A custom section written in markdown by the analyst.',
        narrative:
          '### What to look at next\n\n- Life expectancy gaps by deprivation decile\n- **Case-finding** gaps in hypertension\n\n<iframe src="https://example.org"></iframe>',
        figures: [],
        tables: [],
      },
    ],
    appendix: [
      {
        indicator: 'Resident population by age and sex',
        definition: 'Usually resident population at 30 June, by single year of age (grouped into 5-year bands) and sex.',
        period: 'mid-2019',
        source: 'ONS mid-year population estimates (MYE2), mid-2019, local authority districts (April 2019 boundaries)',
        method: 'Counts; percentages of the total population of the area',
        ciMethod: 'Not applicable',
      },
      {
        indicator: 'Deaths of females aged under 45',
        definition: 'Deaths registered in the calendar year, by age at death and usual residence.',
        period: '2014',
        source: 'ONS deaths registered in England and Wales 2014, Table 2',
        method: 'Counts; share of all deaths under 45',
        ciMethod: 'Not applicable',
        notes: 'Counts of 1 to 4 are suppressed.',
      },
    ],
  };
  return { report, traces: [pyramid.figure.data.length, 1], populationTotal };
}

describe('report end to end in headless Chromium', () => {
  let browser: Browser;
  const built = buildReport();
  const file = join(OUT, 'report-e2e.html');
  const sharedDir = join(OUT, 'shared');
  const sharedFile = join(sharedDir, 'dudley.html');

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    rmSync(sharedDir, { recursive: true, force: true });
    writeReport(built.report, file);
    writeReport({ ...built.report, plotly: { sharedAssetPath: 'plotly.min.js' } }, sharedFile);
    writeIndexPage(
      [
        { title: 'Dudley place profile', href: 'dudley.html', placeName: 'Dudley', status: 'written' },
        { title: 'Nowhere', href: 'nowhere.html', placeName: 'Nowhere', status: 'failed', reason: 'unknown place "Nowhere"' },
      ],
      join(sharedDir, 'index.html'),
    );
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Open a local file with all network blocked; returns the page, the blocked URLs and the console errors. */
  async function open(target: string, viewport = { width: 1280, height: 900 }, allowed: string[] = []) {
    const context = await browser.newContext({ viewport, offline: true });
    const page = await context.newPage();
    const blocked: string[] = [];
    const errors: string[] = [];
    const url = pathToFileURL(target).href;
    const ok = new Set([url, ...allowed.map((a) => pathToFileURL(a).href)]);
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (ok.has(u.split('#')[0])) return route.continue();
      blocked.push(u);
      return route.abort();
    });
    page.on('request', (req) => {
      const u = req.url();
      if (!ok.has(u.split('#')[0]) && !u.startsWith('data:') && !blocked.includes(u)) blocked.push(u);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    return { page, context, blocked, errors, url, t0, cdp };
  }

  async function chartsDrawn(page: Page, n: number) {
    await page.waitForFunction((k) => document.querySelectorAll('.hg-chart.js-plotly-plot .main-svg').length >= k, n, { timeout: 20_000 });
    return page.$$eval('.hg-chart', (els) =>
      els.map((el) => ({
        id: el.id,
        plotted: el.classList.contains('js-plotly-plot'),
        traces: ((el as unknown as { data?: unknown[] }).data ?? []).length,
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label'),
      })),
    );
  }

  it('writes a byte-identical file when regenerated', () => {
    const again = renderReport(buildReport().report);
    expect(again).toBe(readFileSync(file, 'utf8'));
  });

  it('renders every chart offline, with no network request, no console error, well under 2 s', async () => {
    const { page, context, blocked, errors, t0, cdp } = await open(file);
    const charts = await chartsDrawn(page, 2);
    const elapsed = Date.now() - t0;
    await page.waitForFunction(() => performance.getEntriesByName('hg-figures-drawn').length > 0);
    // In the page: first contentful paint (text readable) and the boot script's mark once every
    // figure is drawn, both wall-clock from navigation start; and the renderer main thread's CPU
    // time (Chrome's ThreadTime), which does not depend on how busy the machine is.
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      drawn: performance.getEntriesByName('hg-figures-drawn')[0]?.startTime ?? NaN,
    }));
    const metrics = Object.fromEntries(
      ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]),
    );
    const cpuMs = 1000 * metrics.ThreadTime;
    console.log(
      `report-e2e.html: ${(readFileSync(file).length / 1e6).toFixed(2)} MB; main-thread CPU to charts drawn ${cpuMs.toFixed(0)} ms; ` +
        `wall clock: first contentful paint ${timing.fcp.toFixed(0)} ms, all charts drawn ${timing.drawn.toFixed(0)} ms ` +
        `(goto → charts seen by the test ${elapsed} ms); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    expect(charts.map((c) => c.id)).toEqual(['fig-who-lives-here-1-chart', 'fig-early-deaths-1-chart']);
    expect(charts.every((c) => c.plotted && c.role === 'img' && (c.label ?? '').length > 20)).toBe(true);
    expect(charts.map((c) => c.traces)).toEqual(built.traces);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(Number.isFinite(timing.drawn)).toBe(true);
    expect(cpuMs).toBeGreaterThan(0);
    expect(cpuMs).toBeLessThan(1000);
    // The suppressed counts are not in the drawn chart (null bars), and the table shows the marker.
    const y = await page.$eval('#fig-early-deaths-1-chart', (el) => (el as unknown as { data: { y: (number | null)[] }[] }).data[0].y);
    expect(y).toEqual([8, null, 0, null, null, 0, null, null, null, 16]);
    const note = await page.textContent('#about-the-numbers');
    expect(note).toContain('Small numbers: 18 values were suppressed');
    // The analyst's script is text, not a script element.
    expect(await page.locator('script').count()).toBe(4); // plotly, two figure JSON blocks, the boot script
    expect(await page.textContent('#analyst-notes-heading')).toBe('Analyst notes <script>alert(1)</script>');
    expect(await page.locator('iframe').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'report-desktop.png'), fullPage: true });
    await context.close();
  });

  it('has no axe-core WCAG 2.1 A/AA violations (charts drawn, data tables open and closed)', async () => {
    const { page, context } = await open(file);
    await chartsDrawn(page, 2);
    await page.addScriptTag({ path: AXE });
    const run = () =>
      page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                c: Document,
                o: object,
              ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]; passes: unknown[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return {
          violations: r.violations.map((v) => ({
            id: v.id,
            help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
          })),
          passes: r.passes.length,
        };
      });
    const closed = await run();
    expect(closed.violations).toEqual([]);
    expect(closed.passes).toBeGreaterThan(10);
    await page.$$eval('details.hg-data', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const open_ = await run();
    expect(open_.violations).toEqual([]);
    await context.close();
  });

  it('is keyboard usable: the first Tab reaches the skip link, which moves focus to main', async () => {
    const { page, context } = await open(file);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle + ' ' + getComputedStyle(document.activeElement as Element).backgroundColor,
    );
    expect(outline).toBe('solid rgb(255, 221, 0)');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The data toggle opens with the keyboard.
    await page.focus('#fig-early-deaths-1 summary');
    await page.keyboard.press('Enter');
    expect(await page.$eval('#fig-early-deaths-1 details', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    await context.close();
  });

  it('is readable on a phone (390 px): no horizontal page scroll; wide tables scroll inside their region', async () => {
    const { page, context } = await open(file, { width: 390, height: 844 });
    await chartsDrawn(page, 2);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.win);
    const chartWidth = await page.$eval('#fig-who-lives-here-1-chart', (el) => el.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(390);
    await page.$$eval('details.hg-data', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.screenshot({ path: join(OUT, 'report-phone.png'), fullPage: true });
    await context.close();
  });

  it('prints to A4: chart data tables left to the HTML version (a line says so), toolbar and toggles hidden, sections run on without forced page breaks', async () => {
    const { page, context } = await open(file, { width: 794, height: 1123 });
    await chartsDrawn(page, 2);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({
      tableHidden: getComputedStyle(document.querySelector('details.hg-data') as Element).display === 'none',
      printNote: Array.from(document.querySelectorAll('.hg-print-only')).some(
        (n) => (n as HTMLElement).getBoundingClientRect().height > 0 && /HTML version/.test(n.textContent ?? ''),
      ),
      tocHidden: getComputedStyle(document.querySelector('nav') as Element).display === 'none',
      breakBefore: getComputedStyle(document.querySelector('#early-deaths') as Element).breakBefore,
      modebar: Array.from(document.querySelectorAll('.modebar-container')).every((m) => getComputedStyle(m).display === 'none'),
      chartWidth: (document.querySelector('#fig-who-lives-here-1-chart .main-svg') as Element).getBoundingClientRect().width,
    }));
    expect(state).toMatchObject({ tableHidden: true, printNote: true, tocHidden: true, breakBefore: 'auto', modebar: true });
    expect(state.chartWidth).toBeLessThanOrEqual(700);
    await page.screenshot({ path: join(OUT, 'report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    await context.close();
  });

  it('works with a shared plotly.min.js beside the report, and the index page passes axe', async () => {
    expect(existsSync(join(sharedDir, 'plotly.min.js'))).toBe(true);
    expect(readFileSync(sharedFile).length).toBeLessThan(200_000);
    const { page, context, blocked, errors } = await open(sharedFile, { width: 1280, height: 900 }, [join(sharedDir, 'plotly.min.js')]);
    const charts = await chartsDrawn(page, 2);
    expect(charts.map((c) => c.traces)).toEqual(built.traces);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    const idx = await open(join(sharedDir, 'index.html'));
    await idx.page.addScriptTag({ path: AXE });
    const violations = await idx.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(await idx.page.getAttribute('a[href="dudley.html"]', 'href')).toBe('dudley.html');
    await idx.context.close();
  });
});
