#!/usr/bin/env node
// npm run notebooks:check [-- --execute] [notebooks/NN-name.ipynb ...]
// Checks notebooks as committed (kernel, declared expectations, title cell, imports, no stale
// outputs); with --execute also runs them headlessly and checks the declared outputs, exactly
// as `npm run test:notebooks` does: every failing cell is listed with the line that failed and
// its message (type errors included). Executed copies go to tests/output/notebooks/.
// Without file arguments: the committed notebooks (git ls-files); notebooks/scratch/ never.
import { join, resolve } from 'node:path';
import { runNotebook, listNotebooks, setupKernel, ROOT, SCRATCH_DIR } from './jupyter.mjs';
import { committedProblems, executedProblems, readNotebook } from './checks.mjs';

const args = process.argv.slice(2);
const execute = args.includes('--execute');
const files = args.filter((a) => !a.startsWith('--')).map((p) => resolve(p));
const paths = files.length ? files : listNotebooks();
const outDir = join(ROOT, 'tests', 'output', 'notebooks');
if (execute) setupKernel();
let failed = 0;
for (const path of paths) {
  const name = path.slice(ROOT.length + 1);
  // a scratch notebook is the analyst's own: only whether it runs matters, not how it is committed
  const scratch = path.startsWith(SCRATCH_DIR + '/');
  const problems = scratch ? [] : committedProblems(readNotebook(path), path);
  if (execute) {
    const t0 = Date.now();
    const run = runNotebook(path, outDir);
    if (!run.ok && run.failures.length === 0) problems.push(run.message);
    else {
      const result = executedProblems(readNotebook(run.output));
      problems.push(...result.problems);
      console.log(
        `${name}: ran in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${result.figures} figure(s), ${result.tables} table(s); output in ${run.output.slice(ROOT.length + 1)}`,
      );
    }
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  } else console.log(`ok   ${name}`);
}
console.log(`${paths.length - failed} ok, ${failed} failed`);
process.exit(failed ? 1 : 0);
