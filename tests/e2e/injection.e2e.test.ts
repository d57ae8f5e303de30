/**
 * Nothing injected: every text that reaches a report's HTML — place and indicator names, titles,
 * the analyst's own markdown, notes, table cells, chart titles and hover text, methods entries and
 * index-page entries — is escaped or sanitised. Each carries a `<script>` and an `onerror=`
 * payload; the pages are opened in headless Chromium (network blocked) and must not run either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { trendChart } from '../../src/charts/trend.js';
import { writeReport, writeIndexPage } from '../../src/report/index.js';
import type { Report } from '../../src/report/index.js';

const SCRIPT = '<script>window.__pwned = (window.__pwned || 0) + 1</script>';
const IMG = '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">';
const BOTH = `${SCRIPT}${IMG}`;
const hostile = (label: string) => `${label} ${BOTH}`;

function hostileReport(): Report {
  const chart = trendChart(
    [
      { period: '2019', value: 10.5, lower: 9.8, upper: 11.2 },
      { period: '2020', value: 11.0, lower: 10.2, upper: 11.9 },
    ],
    {
      areaName: hostile('Area'),
      indicator: hostile('Indicator'),
      recentTrend: hostile('Trend'),
      comparator: { name: hostile('Comparator'), points: [{ period: '2019', value: 10 }] },
    },
  );
  return {
    title: hostile('Title'),
    subtitle: hostile('Subtitle'),
    placeName: hostile('Place'),
    audience: hostile('Audience'),
    logoText: hostile('Logo'),
    date: hostile('Date'),
    sections: [
      {
        id: 'hostile" onmouseover="window.__pwned=1',
        heading: hostile('Heading'),
        headline: hostile('Headline'),
        narrative: [hostile('Narrative'), `Markdown [link](javascript:window.__pwned=1) ${BOTH}`],
        figures: [{ ...chart, notes: [hostile('Figure note')] }],
        tables: [
          {
            caption: hostile('Caption'),
            columns: [
              { key: 'name', label: hostile('Column') },
              { key: 'value', label: 'Value', format: 'number' },
            ],
            rows: [{ name: hostile('Cell'), value: 1.5 }],
            notes: hostile('Table note'),
          },
        ],
        notes: hostile('Section note'),
      },
    ],
    appendix: [
      {
        indicator: hostile('Indicator'),
        definition: hostile('Definition'),
        period: '2020',
        source: hostile('Source'),
        method: hostile('Method'),
        ciMethod: hostile('CI'),
        notes: hostile('Notes'),
      },
    ],
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

async function runsNothing(file: string): Promise<void> {
  const page = await browser.newPage();
  await page.route(/^(?!file:)/, (r) => r.abort());
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(dialogs).toEqual([]);
  // the payloads are shown as text, not lost
  expect(await page.evaluate(() => document.body.innerText)).toContain('<script>window.__pwned');
  await page.close();
}

describe('no text injects markup or script', () => {
  it('a report with hostile text everywhere runs none of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-inject-'));
    const { file } = writeReport(hostileReport(), join(dir, 'report.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).not.toMatch(/href="javascript:/i);
    await runsNothing(file);
  }, 60_000);

  it('an index page with hostile place names and reasons runs none of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-inject-'));
    const file = writeIndexPage(
      [
        { title: hostile('Title'), href: 'a.html', placeName: hostile('Place'), status: 'written' },
        { title: hostile('Title'), href: 'javascript:window.__pwned=1', placeName: hostile('Failed place'), status: 'failed', reason: hostile('Reason') },
      ],
      join(dir, 'index.html'),
      { title: hostile('Index') },
    );
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    await runsNothing(file);
  }, 60_000);
});
