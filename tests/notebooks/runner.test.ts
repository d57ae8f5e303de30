/**
 * The notebook runner: only committed notebooks are tested (an analyst's untracked
 * `Untitled.ipynb` or anything in notebooks/scratch/ never breaks the suite), and every failing
 * cell is reported with the line that failed and its message, type errors included, also for
 * cells after the first failure (tslab drops requests for 200 ms after a failing cell).
 * tests/fixtures/notebooks/failing-cells.ipynb is synthetic: a type error (cell 3, line 3), a thrown
 * RangeError (cell 4, line 2) and a TypeError (cell 5, line 2); failing-cells.executed.ipynb is
 * that notebook as tslab 1.0.22 executed it with notebooks/tools/execute.py.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listNotebooks, missingJupyter, NOTEBOOKS_DIR, ROOT, runNotebook, SCRATCH_DIR, setupKernel } from '../../notebooks/tools/jupyter.mjs';
import { cellFailures, matchingLine, readNotebook } from '../../notebooks/tools/checks.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'notebooks');

describe('which notebooks are tested', () => {
  const untitled = join(NOTEBOOKS_DIR, 'Untitled.ipynb');
  const numbered = join(NOTEBOOKS_DIR, '98-my-own-analysis.ipynb');
  const scratch = join(SCRATCH_DIR, 'walsall.ipynb');
  beforeAll(() => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    for (const p of [untitled, numbered, scratch]) writeFileSync(p, '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}');
  });
  afterAll(() => {
    for (const p of [untitled, numbered, scratch]) rmSync(p, { force: true });
  });
  it('lists the committed notebooks only: not Untitled.ipynb, an untracked numbered notebook or notebooks/scratch/', () => {
    const names = listNotebooks().map((p: string) => basename(p));
    expect(names).toContain('01-getting-started.ipynb');
    expect(names).toContain('10-working-in-notebooks.ipynb');
    expect(names).not.toContain('Untitled.ipynb');
    expect(names).not.toContain('98-my-own-analysis.ipynb');
    expect(names).not.toContain('walsall.ipynb');
    expect(names.every((n: string) => /^\d\d-[a-z0-9-]+\.ipynb$/.test(n))).toBe(true);
  });
  it('notebooks/scratch/ is git-ignored apart from its README', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('git', ['check-ignore', '-q', scratch], { cwd: ROOT });
    expect(r.status).toBe(0);
    const readme = spawnSync('git', ['check-ignore', '-q', join(SCRATCH_DIR, 'README.md')], { cwd: ROOT });
    expect(readme.status).toBe(1);
  });
});

describe('failing cells', () => {
  it('every failing cell with its line and message, from a real tslab run', () => {
    const failures = cellFailures(readNotebook(join(FIXTURES, 'failing-cells.executed.ipynb')));
    expect(failures.map((f: { cell: number; line: number | null; source: string; message: string }) => [f.cell, f.line, f.source, f.message])).toEqual([
      [3, 3, 'const wrong: number = label;', "3:7 - Type 'string' is not assignable to type 'number'."],
      [4, 2, "throw new RangeError('deliberate failure in cell 4');", 'RangeError: deliberate failure in cell 4'],
      [5, 2, 'const missing = (undefined as unknown as { x: number }).x;', "TypeError: Cannot read properties of undefined (reading 'x')"],
    ]);
  });
  it('matches a compiled JavaScript line to its TypeScript line', () => {
    expect(matchingLine(['const a = 1;', 'const missing = (undefined as unknown as { x: number }).x;'], 'const missing = undefined.x;')).toBe(2);
    expect(matchingLine(['const a = 1;'], 'somethingElse(entirely);')).toBeNull();
  });
  it('npm run notebooks:check runs on after failures and reports all three', { timeout: 300_000 }, () => {
    if (missingJupyter().length) throw new Error('Jupyter is missing (tests/setup-system.sh installs it)');
    setupKernel();
    const dir = join(ROOT, 'tests', 'output', 'notebooks', 'runner');
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, 'failing-cells.ipynb');
    copyFileSync(join(FIXTURES, 'failing-cells.ipynb'), copy);
    const run = runNotebook(copy, join(dir, 'out'));
    expect(run.ok).toBe(false);
    expect(existsSync(run.output)).toBe(true);
    expect(run.failures.map((f: { cell: number; line: number | null }) => [f.cell, f.line])).toEqual([
      [3, 3],
      [4, 2],
      [5, 2],
    ]);
    expect(run.message).toContain('cell 3, line 3: const wrong: number = label;');
    expect(run.message).toContain("3:7 - Type 'string' is not assignable to type 'number'.");
    expect(run.message).toContain('RangeError: deliberate failure in cell 4');
    // the cell after the failures ran: its output is there
    const executed = readNotebook(run.output);
    expect(JSON.stringify(executed.cells[4].outputs)).toContain('after the failures');
  });
});
