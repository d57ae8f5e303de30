/**
 * The bench harness: what a workload is, how one is timed inside its own process, and the result
 * record the worker prints for the runner (`bench/run.ts`).
 *
 * Timing: one warm-up call (JIT, caches), then `runs` timed calls; for each we record wall time
 * (performance.now) and the CPU time of this process (process.cpuUsage, user + system, all
 * threads: V8's GC helper threads can make CPU exceed wall). On a busy machine wall time is
 * inflated by waiting for a core; CPU time is not, so the runner judges one-core targets on both.
 * Peak memory is the process's resident-set high-water mark (process.resourceUsage().maxRSS),
 * which includes generating the workload's synthetic input and the Node/tsx baseline.
 */

/** How a workload is measured. */
export type WorkloadMode =
  /** warm-up call, then `runs` timed calls in one process (median reported) */
  | 'warm'
  /** one call per fresh process (first use: reading bundled files, building caches); the runner starts `runs` + 1 processes and drops the first */
  | 'cold'
  /** the workload measures itself (an external command); `measure` returns wall, CPU and peak memory */
  | 'external';

/** One measured call. */
export interface Sample {
  wallMs: number;
  cpuMs: number;
  /** Peak RSS in MB when the sample was taken in another process (external workloads). */
  peakRssMb?: number;
  /** Units actually processed, when the workload counts them itself (profiles written). */
  units?: number;
}

/** A workload of the benchmark. */
export interface Workload {
  /** Short id for `--only` (`le`, `dsr`, `wilson`, …). */
  id: string;
  /** Group for `--only` (`stats`, `geography`, `core20`, `duckdb`, `profiles`). */
  group: string;
  /** What is timed. */
  title: string;
  /** The input, stating whether it is SYNTHETIC (seeded) or real bundled data. */
  input: string;
  /** Rows, groups, areas or places processed per call. */
  units: number;
  unit: string;
  /** Target time for one call, ms (one core unless the workload says otherwise). */
  targetMs?: number;
  /** Cores the target assumes (default 1). */
  targetCores?: number;
  /** One of the headline workloads (the national-size targets in bench/README.md). */
  headline?: boolean;
  mode?: WorkloadMode;
  /** Default number of timed runs (the runner's `--runs` overrides it only when smaller). */
  maxRuns?: number;
  /** A reason to skip (checked in the worker), or null to run. */
  skip?: () => Promise<string | null> | string | null;
  /** Build the input (not timed) and return the function to time. */
  setup?: () => Promise<() => unknown> | (() => unknown);
  /** External workloads: run once and report wall, CPU and peak memory. */
  measure?: () => Promise<Sample>;
}

/** What the worker prints (one JSON line prefixed {@link RESULT_PREFIX}). */
export interface WorkerResult {
  id: string;
  skipped?: string;
  error?: string;
  setupMs?: number;
  /** The warm-up call (or the only call of a cold run). */
  first?: Sample;
  samples: Sample[];
  peakRssMb: number;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time one call of `f` (awaiting it when it returns a promise). */
export async function timeCall(f: () => unknown): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  if (out && typeof (out as Promise<unknown>).then === 'function') await out;
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Peak resident set size of this process so far, MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Collect garbage between runs when node runs with --expose-gc (keeps one run's garbage out of the next). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}
