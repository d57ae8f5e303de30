/**
 * End-to-end: the Sandwell profile printed to A4 with Chromium's print-to-PDF (what "Save as PDF"
 * gives a board secretary): at most 20 pages; the board summary (main messages, the spine chart
 * and three key charts) on the first pages, with "Who lives here" starting by page 5; a running
 * footer on every page (title and date, data periods, healthgap version, "Page n of N"); and in
 * the print layout the text columns of every spine chart never run together (the bounding boxes
 * of the cells of each row, as Chromium lays them out, do not overlap). The PDF and its pages'
 * text are read with poppler's pdftotext (tests/setup-system.sh installs poppler-utils).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildPlaceProfile } from '../../src/report/profile/index.js';
import { writeReport } from '../../src/report/index.js';
import { healthgapVersion } from '../../src/report/version.js';

const OUT = fileURLToPath(new URL('../output/print/', import.meta.url));

/** Text of each page of a PDF (pdftotext, layout mode; pages split on form feeds). */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

describe('printed Sandwell profile (A4, Chromium print-to-PDF)', () => {
  let browser: Browser;
  let page: Page;
  const html = join(OUT, 'sandwell.html');
  const pdf = join(OUT, 'sandwell.pdf');
  let pages: string[] = [];

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeReport(buildPlaceProfile('Sandwell', { date: '5 December 2026' }), html);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.waitForFunction(
      () => document.querySelectorAll('.hg-chart.js-plotly-plot .main-svg').length >= document.querySelectorAll('.hg-chart').length,
      null,
      { timeout: 60_000 },
    );
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4' });
    pages = pdfPages(pdf);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is a PDF of at most 20 A4 pages', () => {
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(pages.length).toBeLessThanOrEqual(20);
  });

  it('starts with the key messages and the board summary (spine chart, key charts), then the sections from page 3 to 6', () => {
    expect(pages[0]).toContain('Key messages');
    expect(pages[0]).toContain('Board summary');
    expect(pages[0]).toMatch(/60\.3% of Sandwell/);
    const spine = pages.findIndex((p) => p.includes('25 indicators for Sandwell compared with England'));
    expect(spine).toBeGreaterThanOrEqual(0);
    expect(spine).toBeLessThanOrEqual(2);
    const who = pages.findIndex((p) => /^\s*Who lives here\s*$/m.test(p));
    expect(who).toBeGreaterThanOrEqual(2);
    expect(who).toBeLessThanOrEqual(5);
    // The summary's spine chart is printed once: the spine section says where it is.
    expect(pages.join('\n')).toContain('25 indicators for Sandwell compared with England: printed in the board summary at the front.');
    expect(pages.filter((p) => p.includes('Methods and sources')).length).toBeGreaterThanOrEqual(1);
  });

  it('has a running footer on every page: title and date, data periods, version, page n of N', () => {
    pages.forEach((p, i) => {
      const flat = p.replace(/\s+/g, ' ');
      expect(flat).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(flat).toContain(
        `Sandwell place profile, 5 December 2026 · Data: mid-2019 population, IMD 2019, 2014 deaths, QOF 2019/20 · healthgap ${healthgapVersion()}`,
      );
    });
  });

  it('never runs the spine charts’ text columns together in the print layout', async () => {
    const overlaps = await page.evaluate(() => {
      const out: string[] = [];
      let rowsChecked = 0;
      const charts = Array.from(document.querySelectorAll('.hg-chart')).filter(
        (c) => c.querySelector('.annotation') && c.closest('figure') && getComputedStyle(c.closest('figure')!).display !== 'none',
      );
      for (const chart of charts) {
        const boxes = Array.from(chart.querySelectorAll('.annotation-text'))
          .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
          .filter((b) => b.r.width > 0);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].r;
            const b = boxes[j].r;
            const vertical = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            const horizontal = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            if (vertical > 2 && horizontal > 0.5) out.push(`${chart.id}: "${boxes[i].text}" / "${boxes[j].text}"`);
          }
        }
        rowsChecked += boxes.length;
      }
      return { out, rowsChecked, charts: charts.length, widths: charts.map((c) => Math.round(c.getBoundingClientRect().width)) };
    });
    // Spine charts printed: the summary's (25 rows), Core20PLUS5 (6) and prevalence (16); the LE-by-deprivation chart also has annotations.
    expect(overlaps.charts).toBeGreaterThanOrEqual(3);
    expect(overlaps.widths.every((w) => w >= 600 && w <= 720)).toBe(true);
    expect(overlaps.rowsChecked).toBeGreaterThan(200);
    expect(overlaps.out.slice(0, 20)).toEqual([]);
  });
});
