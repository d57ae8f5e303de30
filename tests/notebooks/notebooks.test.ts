/**
 * Every notebook in notebooks/ runs top to bottom in the tslab kernel (headless nbconvert) and
 * shows the outputs it declares in its own metadata (`"healthgap": {"expect": [...], "figures": N}`,
 * see notebooks/README.md); committed notebooks carry no stale outputs; and the HTML that
 * `nbconvert --to html` writes draws the plotly figures offline (checked in headless Chromium).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listNotebooks, missingJupyter, notebookToHtml, ROOT, runNotebook, setupKernel } from '../../notebooks/tools/jupyter.mjs';
import { committedProblems, executedProblems, readNotebook } from '../../notebooks/tools/checks.mjs';

const OUT = join(ROOT, 'tests', 'output', 'notebooks');
const notebooks: string[] = listNotebooks();
const executed = new Map<string, string>();

/** Newest modification time under a folder (files matching `keep`). */
function newest(dir: string, keep: (f: string) => boolean): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p, keep));
    else if (keep(p)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/ when it is missing or older than src/ (notebooks import the built package). */
function ensureBuilt(): void {
  const marker = join(ROOT, 'dist', 'index.js');
  const srcTime = newest(join(ROOT, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  if (existsSync(marker) && statSync(marker).mtimeMs >= srcTime) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(marker)) throw new Error(`npm run build wrote no dist/index.js:\n${r.stdout}${r.stderr}`);
}

beforeAll(() => {
  const missing = missingJupyter();
  if (missing.length) throw new Error(`Jupyter is missing: ${missing.join('; ')} (tests/setup-system.sh installs it)`);
  ensureBuilt();
  setupKernel();
});

describe('notebooks', () => {
  it('there are notebooks to run', () => {
    expect(notebooks.map((p) => basename(p))).toContain('01-getting-started.ipynb');
  });
});

for (const path of notebooks) {
  const name = basename(path);
  describe(name, () => {
    it('is committed with outputs cleared and declares its expected outputs', () => {
      expect(committedProblems(readNotebook(path), path)).toEqual([]);
    });

    it('runs top to bottom and shows its declared outputs', { timeout: 900_000 }, () => {
      const run = runNotebook(path, OUT);
      if (!run.ok) throw new Error(run.message);
      executed.set(name, run.output);
      const result = executedProblems(readNotebook(run.output));
      expect(result.problems).toEqual([]);
    });
  });
}

describe('notebook HTML export', () => {
  it('nbconvert --to html draws the plotly figures offline', { timeout: 300_000 }, async () => {
    const first = 'notebooks/01-getting-started.ipynb';
    const source = executed.get(basename(first));
    if (!source) throw new Error(`${first} did not run, so there is no executed notebook to convert`);
    const html = notebookToHtml(source, join(OUT, 'html'));
    if (html.status !== 0) throw new Error(`nbconvert --to html failed:\n${html.stderr}`);
    const text = readFileSync(html.output, 'utf8');
    const figureIds = [...text.matchAll(/<div id="(hg-fig-[0-9a-f]+)" class="hg-plot"/g)].map((m) => m[1]);
    expect(figureIds.length).toBeGreaterThan(0);
    expect(text).toContain('/* plotly.js, inlined by healthgap */');
    expect(text).toContain('window.Plotly = Plotly;');
    expect(text).not.toMatch(/<script[^>]+src="https?:\/\/[^"]*plotly/i);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const blocked: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(pathToFileURL(html.output).href);
      for (const id of figureIds) {
        await page.waitForSelector(`#${id} .main-svg`, { timeout: 30_000 });
      }
      expect(await page.locator('.hg-plot .main-svg').count()).toBeGreaterThanOrEqual(figureIds.length);
      expect(pageErrors.filter((m) => /plotly|hg-fig/i.test(m))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
