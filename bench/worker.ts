/**
 * Runs ONE workload in this process and prints its measurements as a JSON line for the runner
 * (`bench/run.ts`, which starts one worker process per workload so each has its own peak memory).
 * Usage: node --expose-gc --import tsx bench/worker.ts <id> [--runs N] [--cold]
 */
import { WORKLOADS } from './workloads.js';
import { RESULT_PREFIX, collectGarbage, peakRssMb, timeCall, type Sample, type WorkerResult } from './lib/harness.js';

const [id] = process.argv.slice(2);
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 5) : 5;
const coldCall = process.argv.includes('--cold');

function emit(result: WorkerResult): void {
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

async function run(): Promise<WorkerResult> {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload "${id}"`);
  const skipped = w.skip ? await w.skip() : null;
  if (skipped) return { id, skipped, samples: [], peakRssMb: peakRssMb() };
  const samples: Sample[] = [];
  if (w.mode === 'external') {
    const first = await w.measure!();
    for (let i = 0; i < runs; i++) samples.push(await w.measure!());
    return { id, first, samples, peakRssMb: Math.max(...[first, ...samples].map((s) => s.peakRssMb ?? 0)) };
  }
  const t0 = performance.now();
  const f = await w.setup!();
  const setupMs = performance.now() - t0;
  collectGarbage();
  const first = await timeCall(f);
  if (coldCall) return { id, setupMs, first, samples: [first], peakRssMb: peakRssMb() };
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    samples.push(await timeCall(f));
  }
  return { id, setupMs, first, samples, peakRssMb: peakRssMb() };
}

run().then(
  (r) => {
    emit(r);
    process.exit(0);
  },
  (e: unknown) => {
    emit({ id, error: String((e as Error)?.message ?? e).split('\n')[0], samples: [], peakRssMb: peakRssMb() });
    process.exit(1);
  },
);
