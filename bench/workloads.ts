/**
 * Every workload of `npm run bench`. Statistical workloads use SYNTHETIC inputs from
 * `bench/lib/synthetic.ts` (seeded, labelled); geography, Core20 and the profiles use the real
 * bundled data; the DuckDB workload aggregates a generated (SYNTHETIC) record file.
 *
 * Modules are imported inside `setup` so each workload's process loads only what it times.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sample, Workload } from './lib/harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const S = '(SYNTHETIC, seeded)';

const stats: Workload[] = [
  {
    id: 'wilson-fn',
    group: 'stats',
    title: 'wilsonInterval (plain function)',
    input: `1,000,000 proportions ${S}`,
    units: 1_000_000,
    unit: 'rows',
    targetMs: 1000,
    async setup() {
      const { proportions } = await import('./lib/synthetic.js');
      const { wilsonInterval } = await import('../src/stats/confidence.js');
      const { x, n } = proportions();
      return () => {
        let s = 0;
        for (let i = 0; i < x.length; i++) s += wilsonInterval(x[i], n[i], 0.95).upper as number;
        return s;
      };
    },
  },
  {
    id: 'wilson',
    group: 'stats',
    headline: true,
    title: 'proportion verb, Wilson 95%',
    input: `1,000,000 rows, ungrouped ${S}`,
    units: 1_000_000,
    unit: 'rows',
    targetMs: 1000,
    async setup() {
      const { proportions } = await import('./lib/synthetic.js');
      const { proportion } = await import('../src/stats/proportion.js');
      const { table } = proportions();
      return () => proportion(table, { x: 'x', n: 'n' });
    },
  },
  {
    id: 'wilson-2ci',
    group: 'stats',
    title: 'proportion verb, Wilson 95% + 99.8%, ×100',
    input: `1,000,000 rows, ungrouped ${S}`,
    units: 1_000_000,
    unit: 'rows',
    targetMs: 1000,
    async setup() {
      const { proportions } = await import('./lib/synthetic.js');
      const { proportion } = await import('../src/stats/proportion.js');
      const { table } = proportions();
      return () => proportion(table, { x: 'x', n: 'n', confidence: [0.95, 0.998], multiplier: 100 });
    },
  },
  {
    id: 'rate',
    group: 'stats',
    title: 'rate verb, Byars/exact 95% + 99.8%',
    input: `1,000,000 rows, ungrouped ${S}`,
    units: 1_000_000,
    unit: 'rows',
    targetMs: 1000,
    async setup() {
      const { proportions } = await import('./lib/synthetic.js');
      const { rate } = await import('../src/stats/rate.js');
      const { table } = proportions();
      return () => rate(table, { x: 'x', n: 'n', confidence: [0.95, 0.998] });
    },
  },
  {
    id: 'dsr',
    group: 'stats',
    headline: true,
    title: 'dsr, ESP 2013, 95% + 99.8%',
    input: `3,000 groups × 19 bands ${S}`,
    units: 3000,
    unit: 'groups',
    targetMs: 1000,
    async setup() {
      const { dsrInput } = await import('./lib/synthetic.js');
      const { dsr, ESP2013 } = await import('../src/stats/dsr.js');
      const t = dsrInput();
      return () => dsr(t, { x: 'count', n: 'pop', stdpopValues: ESP2013, confidence: [0.95, 0.998] });
    },
  },
  {
    id: 'isr',
    group: 'stats',
    title: 'isrRatio (indirect standardisation)',
    input: `3,000 groups × 19 bands ${S}`,
    units: 3000,
    unit: 'groups',
    targetMs: 1000,
    async setup() {
      const { dsrInput } = await import('./lib/synthetic.js');
      const { isrRatio } = await import('../src/stats/isr.js');
      const t = dsrInput();
      return () => isrRatio(t, { x: 'count', n: 'pop', xRef: 'refCount', nRef: 'refPop' });
    },
  },
  {
    id: 'le',
    group: 'stats',
    headline: true,
    title: 'lifeExpectancy, all ages (Chiang II)',
    input: `7,000 groups × 20 bands ${S}`,
    units: 7000,
    unit: 'groups',
    targetMs: 1000,
    async setup() {
      const { lifeTableInput } = await import('./lib/synthetic.js');
      const { lifeExpectancy } = await import('../src/stats/lifeExpectancy.js');
      const t = lifeTableInput();
      return () => lifeExpectancy(t, { deaths: 'd', population: 'p', startAge: 'age' });
    },
  },
  {
    id: 'le-e0',
    group: 'stats',
    title: 'lifeExpectancy, at birth only',
    input: `7,000 groups × 20 bands ${S}`,
    units: 7000,
    unit: 'groups',
    targetMs: 1000,
    async setup() {
      const { lifeTableInput } = await import('./lib/synthetic.js');
      const { lifeExpectancy } = await import('../src/stats/lifeExpectancy.js');
      const t = lifeTableInput();
      return () => lifeExpectancy(t, { deaths: 'd', population: 'p', startAge: 'age', leAge: 0 });
    },
  },
  {
    id: 'sii',
    group: 'stats',
    headline: true,
    title: 'sii + rii, normal (10,000 simulations)',
    input: `300 areas × 10 deciles ${S}`,
    units: 300,
    unit: 'areas',
    targetMs: 2000,
    async setup() {
      const { siiInput } = await import('./lib/synthetic.js');
      const { sii } = await import('../src/stats/sii.js');
      const t = siiInput();
      return () => sii(t, { quantile: 'decile', population: 'pop', value: 'le', lowerCl: 'lcl', upperCl: 'ucl', repetitions: 10000, rii: true, seed: 7 });
    },
  },
  {
    id: 'sii-rate',
    group: 'stats',
    title: 'sii + rii, rate on log scale (10,000 sims)',
    input: `300 areas × 10 deciles ${S}`,
    units: 300,
    unit: 'areas',
    targetMs: 2000,
    async setup() {
      const { siiInput } = await import('./lib/synthetic.js');
      const { sii } = await import('../src/stats/sii.js');
      const t = siiInput();
      return () => sii(t, { quantile: 'decile', population: 'pop', value: 'rate', se: 'rateSe', valueType: 1, repetitions: 10000, rii: true, seed: 7 });
    },
  },
  {
    id: 'funnel',
    group: 'stats',
    headline: true,
    title: 'funnelSignificance, proportion',
    input: `6,500 practices ${S}`,
    units: 6500,
    unit: 'practices',
    targetMs: 1000,
    async setup() {
      const { practicesInput } = await import('./lib/synthetic.js');
      const { funnelSignificance } = await import('../src/stats/funnel.js');
      const t = practicesInput();
      return () => funnelSignificance(t, { numerator: 'reg', denominator: 'list', statistic: 'proportion' });
    },
  },
  {
    id: 'funnel-rate',
    group: 'stats',
    title: 'funnelSignificance, crude rate (exact/Byars)',
    input: `6,500 practices ${S}`,
    units: 6500,
    unit: 'practices',
    targetMs: 1000,
    async setup() {
      const { practicesInput } = await import('./lib/synthetic.js');
      const { funnelSignificance } = await import('../src/stats/funnel.js');
      const t = practicesInput();
      return () => funnelSignificance(t, { numerator: 'events', rate: 'rate', statistic: 'rate', rateType: 'crude', multiplier: 1e5 });
    },
  },
  {
    id: 'funnel-limits',
    group: 'stats',
    title: 'funnelLimits, proportion (%)',
    input: `6,500 practices → 100 limit rows ${S}`,
    units: 6500,
    unit: 'practices',
    targetMs: 1000,
    async setup() {
      const { practicesInput } = await import('./lib/synthetic.js');
      const { funnelLimits } = await import('../src/stats/funnel.js');
      const t = practicesInput();
      return () => funnelLimits(t, { numerator: 'reg', denominator: 'list', statistic: 'proportion', multiplier: 100 });
    },
  },
  {
    id: 'quantile',
    group: 'stats',
    title: 'quantile, deciles',
    input: `6,500 practices ${S}`,
    units: 6500,
    unit: 'practices',
    targetMs: 1000,
    async setup() {
      const { practicesInput } = await import('./lib/synthetic.js');
      const { quantile } = await import('../src/stats/quantile.js');
      const t = practicesInput();
      return () => quantile(t, { values: 'reg', nquantiles: 10 });
    },
  },
  ...(
    [
      ['benchmark-1', 'compareToBenchmark, method 1 (CI overlap)', { benchmarkArea: 'E92000001', polarity: 'high-is-good' }],
      ['benchmark-17', 'compareToBenchmark, method 17', { method: 17, benchmarkArea: 'E92000001', polarity: 'low-is-good' }],
      ['benchmark-spc', 'compareToBenchmark, method 5 (SPC)', { method: 5, benchmarkArea: 'E92000001', polarity: 1 }],
      ['benchmark-quintiles', 'compareToBenchmark, quintiles', { method: 15, benchmarkArea: 'E92000001', polarity: 1 }],
    ] as const
  ).map(
    ([id, title, options]): Workload => ({
      id,
      group: 'stats',
      title,
      input: `150 areas × 50 indicators vs England ${S}`,
      units: 151 * 50,
      unit: 'rows',
      targetMs: 1000,
      async setup() {
        const { indicatorsInput } = await import('./lib/synthetic.js');
        const { compareToBenchmark } = await import('../src/stats/benchmark.js');
        const latest = indicatorsInput()
          .filter((d: { year: number }) => d.year === 2019)
          .reify()
          .groupby('ind');
        return () => compareToBenchmark(latest, options as Parameters<typeof compareToBenchmark>[1]);
      },
    }),
  ),
  ...(
    [
      ['trend-regression', 'recentTrend, weighted regression', { test: 'weighted-regression' }],
      ['trend-chisq', 'recentTrend, chi-squared (proportions)', { valueType: 'proportion' }],
    ] as const
  ).map(
    ([id, title, options]): Workload => ({
      id,
      group: 'stats',
      title,
      input: `7,550 series × 10 years ${S}`,
      units: 151 * 50,
      unit: 'series',
      targetMs: 1000,
      async setup() {
        const { indicatorsInput } = await import('./lib/synthetic.js');
        const { recentTrend } = await import('../src/stats/trend.js');
        const series = indicatorsInput().groupby('ind', 'area_code');
        return () => recentTrend(series, { period: 'year', polarity: 'high-is-good', ...options } as Parameters<typeof recentTrend>[1]);
      },
    }),
  ),
];

const geography: Workload[] = [
  {
    id: 'geography-build',
    group: 'geography',
    mode: 'cold',
    title: 'getGeography(), first call in a process',
    input: '32,844 LSOAs: lookups, ICB derivation (real data)',
    units: 32844,
    unit: 'LSOAs',
    async setup() {
      const { getGeography } = await import('../src/geography/vintages.js');
      return () => getGeography();
    },
  },
  {
    id: 'geography-queries',
    group: 'geography',
    title: 'resolveArea ×5, lsoasIn every ICB, code history',
    input: 'bundled geography (real data)',
    units: 5 + 42 + 3,
    unit: 'queries',
    async setup() {
      const { getGeography } = await import('../src/geography/vintages.js');
      const { mapToCurrentCodes } = await import('../src/geography/codes.js');
      const g = getGeography();
      return () => {
        for (const q of ['Sandwell', 'E08000028', 'herefordshire', 'Kingston upon Hull', 'Black Country']) g.resolveArea(q);
        let n = 0;
        for (const icb of g.areasAt('icb')) n += g.lsoasIn(icb).length;
        mapToCurrentCodes(['E10000009', 'E06000028', 'E10000021'], { target: 'current' });
        return n;
      };
    },
  },
];

/** Every level Core20 shares are computed for (all of GEO_LEVELS above LSOA). */
const CORE20_LEVELS = ['msoa', 'lad', 'utla', 'ccg', 'stp', 'icb', 'region', 'country'] as const;

async function core20Available(): Promise<string | null> {
  if (!existsSync(join(ROOT, 'src/core20plus5/index.ts'))) return 'src/core20plus5 has not landed';
  const m = (await import('../src/core20plus5/index.js')) as Record<string, unknown>;
  return typeof m.core20ByArea === 'function' ? null : 'src/core20plus5 does not export core20ByArea';
}

async function core20AllLevels(): Promise<() => number> {
  const m = (await import('../src/core20plus5/index.js')) as unknown as { core20ByArea: (level: string) => { numRows(): number } };
  return () => {
    let rows = 0;
    for (const level of CORE20_LEVELS) rows += m.core20ByArea(level).numRows();
    return rows;
  };
}

const core20: Workload[] = [
  {
    // core20ByArea memoises each area's result, so a second call in a process only reads a cache:
    // each run is a fresh process with the bundled inputs already read (not timed), and the timed
    // call computes every area at every level once.
    id: 'core20',
    group: 'core20',
    headline: true,
    mode: 'cold',
    title: 'Core20 shares, every LSOA → every level',
    input: '32,844 LSOAs → 8 levels (MSOA…England), all ages + CYP; inputs already read (real data)',
    units: 32844,
    unit: 'LSOAs',
    targetMs: 1000,
    skip: core20Available,
    async setup() {
      const { getGeography } = await import('../src/geography/vintages.js');
      const { readImd, readImdPopulation } = await import('../src/io/imd.js');
      getGeography();
      readImd();
      readImdPopulation();
      return core20AllLevels();
    },
  },
  {
    id: 'core20-cold',
    group: 'core20',
    mode: 'cold',
    title: 'Core20 shares, every level, first call',
    input: 'as above, incl. reading IMD, File 6 and the geography (real data)',
    units: 32844,
    unit: 'LSOAs',
    skip: core20Available,
    setup: core20AllLevels,
  },
];

const DUCKDB_ROWS = 2_000_000;
const duckdb: Workload[] = [
  {
    id: 'duckdb',
    group: 'duckdb',
    title: 'aggregateRecords (DuckDB), IMD join + age bands',
    input: `2,000,000 record rows CSV → quintile × sex × age band ${S}`,
    units: DUCKDB_ROWS,
    unit: 'records',
    maxRuns: 3,
    async skip() {
      const { isDuckDbAvailable } = await import('../src/io/duckdb.js');
      return (await isDuckDbAvailable()) ? null : 'optional package @duckdb/node-api is not installed';
    },
    async setup() {
      const { writeRecordsCsv } = await import('./lib/synthetic.js');
      const { aggregateRecords } = await import('../src/io/duckdb.js');
      const { readImd } = await import('../src/io/imd.js');
      const dir = mkdtempSync(join(tmpdir(), 'healthgap-bench-'));
      const file = join(dir, 'records.csv');
      await writeRecordsCsv(file, DUCKDB_ROWS, readImd().array('lsoa11cd') as string[]);
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
      return () =>
        aggregateRecords(file, {
          groupBy: ['imd_quintile', 'sex', 'age_band'],
          ageBands: { column: 'age' },
          imd: { lsoa: 'lsoa11' },
          measures: { population: 'count', smokers: { countWhere: 'smoker' } },
        });
    },
  },
];

/** Run a command under GNU time when present: wall from here, CPU and peak RSS of the command and its children. */
function runMeasured(cmd: string, args: string[], cwd: string): Promise<Sample & { code: number; stderr: string }> {
  const gnuTime = existsSync('/usr/bin/time');
  const marker = 'HG_RUSAGE';
  const full = gnuTime ? ['/usr/bin/time', ['-f', `${marker} %M %U %S`, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(full[0] as string, full[1] as string[], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const m = new RegExp(`${marker} (\\d+) ([\\d.]+) ([\\d.]+)`).exec(stderr);
      resolve({
        wallMs,
        cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN,
        peakRssMb: m ? Number(m[1]) / 1024 : undefined,
        code: code ?? 1,
        stderr: stderr.replace(new RegExp(`${marker}.*\\n?`), ''),
      });
    });
  });
}

const SOURCE_CLI = ['--import', 'tsx', join(ROOT, 'bench/lib/cli-entry.ts')];
const BUILD = join(ROOT, 'bench/out/build');
let builtCli: string[] | null = null;

/**
 * The CLI the profiles workload runs. Default: compiled JavaScript, as analysts run it (`npm run
 * build` then `bin/healthgap.js`), built afresh into bench/out/build (not timed) so the figure is
 * for the current source and the shared dist/ is left alone; `BENCH_CLI=source` runs the
 * TypeScript through tsx instead (every worker thread then compiles the modules again).
 */
async function profilesCli(): Promise<string[]> {
  if (process.env.BENCH_CLI === 'source') return SOURCE_CLI;
  if (builtCli) return builtCli;
  const { mkdirSync, symlinkSync, writeFileSync, readFileSync } = await import('node:fs');
  const runId = process.env.BENCH_RUN_ID ?? '';
  const marker = join(BUILD, 'run-id');
  if (runId && existsSync(marker) && readFileSync(marker, 'utf8') === runId && existsSync(join(BUILD, 'dist/cli/main.js'))) {
    builtCli = [join(BUILD, 'cli.mjs')];
    return builtCli; // built by an earlier workload of this bench run
  }
  rmSync(BUILD, { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  // dist/ sits two levels below the package root, as in the real package: data/ and package.json beside it
  symlinkSync(join(ROOT, 'data'), join(BUILD, 'data'));
  symlinkSync(join(ROOT, 'package.json'), join(BUILD, 'package.json'));
  writeFileSync(join(BUILD, 'cli.mjs'), "import { main } from './dist/cli/main.js';\nmain(process.argv).then((code) => { process.exitCode = code; });\n");
  await runMeasured(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'tsconfig.build.json'),
      '--outDir',
      join(BUILD, 'dist'),
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ],
    ROOT,
  );
  // type errors in work in progress elsewhere still emit JavaScript; only a missing entry point is fatal
  if (!existsSync(join(BUILD, 'dist/cli/main.js'))) throw new Error('could not build the CLI into bench/out/build (run npm run build to see why)');
  writeFileSync(marker, runId);
  builtCli = [join(BUILD, 'cli.mjs')];
  return builtCli;
}

async function profilesLanded(): Promise<string | null> {
  // commander prints help to stdout; an unknown command is an error on stderr
  const help = await new Promise<string>((resolve) => {
    const c = spawn(process.execPath, [...SOURCE_CLI, 'profiles', '--help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += String(d)));
    c.stderr.on('data', (d) => (out += String(d)));
    c.on('close', () => resolve(out));
  });
  return /--all-utla/.test(help) ? null : 'the profiles CLI (healthgap profiles --all-utla) has not landed yet';
}

function profilesWorkload(jobs: number): Workload {
  return {
    id: jobs === 2 ? 'profiles' : `profiles-jobs${jobs}`,
    group: 'profiles',
    headline: jobs === 2,
    mode: 'external',
    title: `healthgap profiles --all-utla --jobs ${jobs}`,
    input: 'every upper-tier LA (real data), HTML into a temp dir; compiled CLI',
    units: 150,
    unit: 'profiles',
    targetMs: 60_000,
    targetCores: 2,
    maxRuns: jobs === 2 ? 2 : 1,
    skip: profilesLanded,
    async measure() {
      const cli = await profilesCli();
      const out = mkdtempSync(join(tmpdir(), 'healthgap-profiles-'));
      try {
        const r = await runMeasured(process.execPath, [...cli, 'profiles', '--all-utla', '--jobs', String(jobs), '--out', out], ROOT);
        const written = readdirSync(out).filter((f) => f.endsWith('.html') && f !== 'index.html').length;
        if (r.code !== 0 && written === 0) throw new Error(`healthgap profiles exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
        return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, units: written };
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  };
}

const profiles: Workload[] = [profilesWorkload(2), profilesWorkload(1)];

/** The compiled CLI as an analyst runs it: `bin/healthgap.js` beside the fresh build of {@link profilesCli}. */
async function builtBin(): Promise<string> {
  if (process.env.BENCH_CLI === 'source') return join(ROOT, 'bin/healthgap.js');
  await profilesCli();
  const { mkdirSync, copyFileSync } = await import('node:fs');
  mkdirSync(join(BUILD, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/healthgap.js'), join(BUILD, 'bin/healthgap.js'));
  return join(BUILD, 'bin/healthgap.js');
}

const CLI_INPUTS = join(ROOT, 'bench/out/cli-inputs');

/** Write the SYNTHETIC input CSVs of the `calc` workloads once (same generators and seeds as the in-process workloads). */
async function cliInput(name: 'le' | 'sii' | 'dsr' | 'proportion'): Promise<string> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const file = join(CLI_INPUTS, `${name}-SYNTHETIC.csv`);
  if (existsSync(file)) return file;
  mkdirSync(CLI_INPUTS, { recursive: true });
  const syn = await import('./lib/synthetic.js');
  const table = name === 'le' ? syn.lifeTableInput() : name === 'sii' ? syn.siiInput() : name === 'dsr' ? syn.dsrInput() : syn.proportions().table;
  writeFileSync(`${file}.tmp`, table.ungroup().toCSV());
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
  return file;
}

/** One end-to-end run of the compiled CLI: Node start, module loading, CSV in and out, as a user runs it. */
function cliWorkload(
  id: string,
  title: string,
  input: string,
  units: number,
  unit: string,
  targetMs: number | undefined,
  args: (out: string) => Promise<string[]>,
  headline = false,
): Workload {
  return {
    id,
    group: 'cli',
    headline,
    mode: 'external',
    title,
    input,
    units,
    unit,
    targetMs,
    async measure() {
      const bin = await builtBin();
      const dir = mkdtempSync(join(tmpdir(), 'healthgap-cli-'));
      try {
        const a = await args(join(dir, 'out.csv'));
        const r = await runMeasured(process.execPath, [bin, ...a], ROOT);
        if (r.code !== 0) throw new Error(`healthgap ${a.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-2).join(' / ')}`);
        return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const nodeBare: Workload = {
  id: 'cli-node',
  group: 'cli',
  mode: 'external',
  title: 'node -e 0 (bare Node start, the reference)',
  input: '—',
  units: 1,
  unit: 'runs',
  async measure() {
    const r = await runMeasured(process.execPath, ['-e', '0'], ROOT);
    return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb };
  },
};

const importBarrel: Workload = {
  id: 'cli-import',
  group: 'cli',
  headline: true,
  mode: 'external',
  title: "import 'healthgap' in a fresh Node process",
  input: 'compiled package',
  units: 1,
  unit: 'runs',
  targetMs: 300,
  async measure() {
    await builtBin();
    const r = await runMeasured(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(BUILD, 'dist/index.js'))})`], ROOT);
    return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb };
  },
};

const cli: Workload[] = [
  nodeBare,
  cliWorkload('cli-version', 'healthgap --version', '—', 1, 'runs', undefined, async () => ['--version'], true),
  cliWorkload('cli-help', 'healthgap --help', '—', 1, 'runs', undefined, async () => ['--help'], true),
  cliWorkload('cli-area', 'healthgap area Sandwell', 'real bundled geography', 1, 'runs', 300, async () => ['area', 'Sandwell'], true),
  importBarrel,
  cliWorkload(
    'cli-le',
    'healthgap calc le (CSV in, CSV out)',
    `7,000 groups × 20 bands ${S}`,
    7000,
    'groups',
    420,
    async (out) => [
      'calc',
      'le',
      '--input',
      await cliInput('le'),
      '--group-by',
      'g',
      '--deaths',
      'd',
      '--population',
      'p',
      '--start-age',
      'age',
      '--output',
      out,
    ],
    true,
  ),
  cliWorkload(
    'cli-sii',
    'healthgap calc sii --rii, 10,000 simulations',
    `300 areas × 10 deciles ${S}`,
    300,
    'areas',
    600,
    async (out) => [
      'calc',
      'sii',
      '--input',
      await cliInput('sii'),
      '--group-by',
      'area',
      '--quantile',
      'decile',
      '--population',
      'pop',
      '--value',
      'le',
      '--lower-cl',
      'lcl',
      '--upper-cl',
      'ucl',
      '--repetitions',
      '10000',
      '--rii',
      '--seed',
      '7',
      '--output',
      out,
    ],
    true,
  ),
  cliWorkload('cli-dsr', 'healthgap calc dsr, ESP 2013', `3,000 groups × 19 bands ${S}`, 3000, 'groups', undefined, async (out) => [
    'calc',
    'dsr',
    '--input',
    await cliInput('dsr'),
    '--group-by',
    'area',
    '--x',
    'count',
    '--n',
    'pop',
    '--stdpop',
    'esp2013',
    '--output',
    out,
  ]),
  cliWorkload('cli-proportion', 'healthgap calc proportion', `1,000,000 rows ${S}`, 1_000_000, 'rows', undefined, async (out) => [
    'calc',
    'proportion',
    '--input',
    await cliInput('proportion'),
    '--x',
    'x',
    '--n',
    'n',
    '--output',
    out,
  ]),
];

/** All workloads, in the order the runner runs them. */
export const WORKLOADS: Workload[] = [...stats, ...geography, ...core20, ...duckdb, ...profiles, ...cli];
