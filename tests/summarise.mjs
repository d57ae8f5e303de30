#!/usr/bin/env node
// Print the suite's plain summary line, "N passed, N failed" (", N skipped" when any), from
// vitest's JSON report, and exit 1 when anything failed. Usage:
//   node tests/summarise.mjs tests/output/vitest.json [vitest exit status]
// A test file that failed to load (no tests ran in it) counts as one failure; so does a run
// that vitest reports as failed with no failing test (e.g. an unhandled error). The line is
// also written to tests/output/summary.txt so .ci/run can print it last.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Count passed, failed and skipped tests in a vitest (jest-format) JSON report. */
export function countResults(report, exitStatus = 0) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const notes = [];
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const t of tests) {
      if (t.status === 'passed') passed++;
      else if (t.status === 'failed') failed++;
      else skipped++; // skipped, pending, todo, disabled
    }
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      failed++;
      notes.push(`test file failed outside its tests: ${file.name}${file.message ? `: ${String(file.message).split('\n')[0]}` : ''}`);
    }
  }
  if (failed === 0 && (report.success === false || exitStatus !== 0)) {
    failed++;
    notes.push(`vitest reported a failed run (exit status ${exitStatus}) with no failing test: see the output above`);
  }
  return { passed, failed, skipped, notes };
}

/** The plain summary line. */
export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

function main() {
  const [file = 'tests/output/vitest.json', statusArg = '0'] = process.argv.slice(2);
  let counts;
  if (!existsSync(file)) {
    counts = { passed: 0, failed: 1, skipped: 0, notes: [`no vitest JSON report at ${file}: vitest did not run to the end`] };
  } else {
    try {
      counts = countResults(JSON.parse(readFileSync(file, 'utf8')), Number(statusArg) || 0);
    } catch (e) {
      counts = { passed: 0, failed: 1, skipped: 0, notes: [`could not read ${file}: ${e.message}`] };
    }
  }
  for (const n of counts.notes) console.log(`note: ${n}`);
  const line = summaryLine(counts);
  const out = join(dirname(file), 'summary.txt');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, line + '\n');
  console.log(line);
  process.exit(counts.failed > 0 ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
