/**
 * Regenerate many place profiles: one HTML file per place plus an `index.html` linking them, with
 * a summary (written, skipped with the reason, failed with the reason). A failure in one place
 * never stops the others. With `jobs > 1` the places are shared among worker threads, each of
 * which reads the shared data once.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { getGeography } from '../../geography/vintages.js';
import { listReleases } from '../../releases/catalogue.js';
import { HealthgapError, isHealthgapError } from '../../core/errors.js';
import { writeReport, writeIndexPage } from '../write.js';
import { removeStaleTemporaryFiles } from '../../io/atomicWrite.js';
import { fileSha256, profileKey, readProfilesManifest, writeProfilesManifest } from './manifest.js';
import { writePlotlyAsset, PLOTLY_ASSET_NAME } from '../plotly.js';
import type { ReportIndexEntry, SuppressionRule } from '../types.js';
import { buildPlaceProfile } from './build.js';
import { placeDisplayName, placeSlug, resolveProfilePlace } from './place.js';
import type { PlaceProfileOptions, ProfileSectionId } from './types.js';

/** The seven places of the README's main job (the West Midlands seeds). */
export const SEED_PLACES: readonly string[] = ['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton', 'Birmingham', 'Herefordshire', 'Worcestershire'];

/** Options of {@link generateProfiles} that reach every profile (plain data, so they can go to workers). */
export interface BatchProfileOptions {
  sections?: ProfileSectionId[];
  title?: string;
  date?: string;
  logoText?: string;
  /** Who the profile is for (shown in the banner), e.g. "Sandwell Health and Wellbeing Board". */
  audience?: string;
  /** QOF register for the practice funnel (default diabetes, DM). */
  funnelRegister?: string;
  /** Funnel limits: additive (default) or multiplicative overdispersion adjustment, or none. */
  funnelOverdispersion?: 'none' | 'additive' | 'multiplicative';
  /** GP practices labelled by published name (default) or by ODS code only. */
  practiceLabels?: 'names' | 'codes';
  /** IMD the Core20 on IMD 2025 section leads with: 2025 (default) or 2019 (see `PlaceProfileOptions.imd`). */
  imd?: 2019 | 2025;
  suppression?: SuppressionRule;
  /** Write one shared `plotly.min.js` beside the reports instead of inlining it in each. */
  sharedPlotly?: boolean;
  /** A Fingertips section from the cache (see `PlaceProfileOptions.fingertips`). */
  fingertips?: PlaceProfileOptions['fingertips'];
  /** The data directory and QOF period the profiles read (see `PlaceProfileOptions.releases`). */
  releases?: PlaceProfileOptions['releases'];
  /**
   * The releases added to that data directory (`id:sha256`, set by the batch itself): part of the
   * `resume` key, so adding a release makes every profile out of date.
   */
  addedReleases?: string;
}

/** One place's outcome. */
export interface ProfileOutcome {
  /** What was asked for. */
  query: string;
  /** `unchanged`: `--resume` found the file up to date with its place, options, code and data. */
  status: 'written' | 'unchanged' | 'skipped' | 'failed';
  placeName: string;
  placeCode?: string;
  /** File written (absolute), for written profiles. */
  file?: string;
  /** Link from the index page. */
  href?: string;
  bytes?: number;
  reason?: string;
  /** The place's headline numbers for the index page. */
  keyFigures?: { label: string; value: string }[];
  ms: number;
}

/** Result of {@link generateProfiles}. */
export interface BatchResult {
  outcomes: ProfileOutcome[];
  index: string;
  written: number;
  /** Profiles left as they were by `resume` (already up to date). */
  unchanged: number;
  skipped: number;
  failed: number;
  ms: number;
}

/** Options of {@link generateProfiles}. */
export interface GenerateProfilesOptions extends BatchProfileOptions {
  /** Output folder (created as needed). */
  out: string;
  /** Worker threads (default 1: in this thread; see {@link defaultProfileJobs}). */
  jobs?: number;
  /** Called after each place (for a progress bar). */
  onProgress?: (outcome: ProfileOutcome, done: number, total: number) => void;
  /** Title of the index page. */
  indexTitle?: string;
  /**
   * Skip places whose profile in `out` is up to date with its place, options, code and data (the
   * manifest `.healthgap-profiles.json` beside the profiles records what each was made from), so a
   * killed run restarts where it stopped and a data refresh rebuilds only what changed. Default
   * false: every place is rebuilt (and the manifest updated).
   */
  resume?: boolean;
}

/**
 * The default number of worker threads for `places` profiles (`healthgap profiles --jobs auto`):
 * 1 on machines with 2 cores or fewer, or for fewer than 10 places; otherwise one less than the
 * cores, at most 4. Why: the first worker reads and computes the national data alone (about half
 * of the CPU of all 150 upper-tier profiles) and every extra worker adds a few seconds of CPU and
 * ~150 MB, so on 2 cores a second worker saves little wall time and, on a busy machine, costs
 * more than it saves (bench/README.md).
 *
 * @example defaultProfileJobs(150, 2) // 1
 */
export function defaultProfileJobs(places: number, cores: number = availableParallelism()): number {
  if (cores <= 2 || places < 10) return 1;
  return Math.max(1, Math.min(cores - 1, 4));
}

/** Places for `--all-utla` (every upper-tier authority, April 2019), sorted by code. */
export function allUtlaPlaces(): string[] {
  return getGeography()
    .areasAt('utla')
    .map((a) => a.code);
}

/** Upper-tier authorities in a region (by name or code). */
export function regionPlaces(region: string): string[] {
  const g = getGeography();
  const r = g.resolveArea(region, { level: 'region' });
  return g.childrenOf(r.code, 'utla', { fromLevel: 'region' }).map((a) => a.code);
}

/** The options that reach every profile (plain data: they go to workers and into the manifest key). */
const BATCH_OPTION_KEYS = [
  'sections',
  'title',
  'date',
  'logoText',
  'audience',
  'funnelRegister',
  'funnelOverdispersion',
  'practiceLabels',
  'imd',
  'suppression',
  'sharedPlotly',
  'fingertips',
  'releases',
] as const satisfies readonly (keyof BatchProfileOptions)[];

/** {@link BATCH_OPTION_KEYS} of the options, and the releases added to the data directory they read. */
function batchOptions(options: BatchProfileOptions): BatchProfileOptions {
  const picked: Record<string, unknown> = {};
  for (const k of BATCH_OPTION_KEYS) picked[k] = options[k];
  const addedReleases = listReleases({ dataDir: options.releases?.dataDir })
    .filter((r) => r.origin === 'added')
    .map((r) => `${r.id}:${r.sha256 ?? ''}`)
    .join(',');
  return { ...(picked as BatchProfileOptions), addedReleases };
}

/**
 * Build and write one profile. Never throws: problems become a `failed` outcome with the reason
 * (the one-line message of a HealthgapError, e.g. an unknown place with suggestions), and places
 * with no data to profile are `skipped`.
 */
export function generateOne(query: string, out: string, options: BatchProfileOptions = {}): ProfileOutcome {
  const t0 = Date.now();
  let place;
  try {
    place = resolveProfilePlace(query);
  } catch (e) {
    return { query, status: 'failed', placeName: query, reason: (e as Error).message, ms: Date.now() - t0 };
  }
  const name = placeDisplayName(place.name);
  if (place.code === 'E06000053') {
    return {
      query,
      status: 'skipped',
      placeName: name,
      placeCode: place.code,
      reason: 'Isles of Scilly: ONS publishes its deaths with Cornwall and it has only one GP practice; see the Cornwall profile',
      ms: Date.now() - t0,
    };
  }
  try {
    const report = buildPlaceProfile(place, {
      sections: options.sections,
      title: options.title,
      date: options.date,
      logoText: options.logoText,
      suppression: options.suppression,
      audience: options.audience,
      funnelRegister: options.funnelRegister,
      funnelOverdispersion: options.funnelOverdispersion,
      practiceLabels: options.practiceLabels,
      imd: options.imd,
      fingertips: options.fingertips,
      plotly: options.sharedPlotly ? { sharedAssetPath: PLOTLY_ASSET_NAME } : 'inline',
      releases: options.releases,
    });
    const href = `${placeSlug(place.name)}.html`;
    const w = writeReport(report, join(out, href));
    return {
      query,
      status: 'written',
      placeName: name,
      placeCode: place.code,
      file: w.file,
      href,
      bytes: w.bytes,
      keyFigures: report.keyFigures,
      ms: Date.now() - t0,
    };
  } catch (e) {
    const msg = isHealthgapError(e) ? (e as Error).message : `unexpected error: ${(e as Error).message}`;
    return { query, status: 'failed', placeName: name, placeCode: place.code, reason: msg, ms: Date.now() - t0 };
  }
}

/**
 * Start a profile worker. Built code runs `worker.js` beside this module; from source (tsx, as in
 * development and tests) the worker registers tsx's loader first and then imports `worker.ts`,
 * because Node does not pass `--import` loaders on to worker threads.
 */
function startWorker(workerData: ProfileWorkerData, transferList: MessagePort[] = []): Worker {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = join(here, '..', `worker${fromSource ? '.ts' : '.js'}`);
  if (!existsSync(file)) throw new HealthgapError(`cannot find the profile worker script ${file}`, 1);
  if (!fromSource) return new Worker(pathToFileURL(file), { workerData, transferList });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true, workerData, transferList });
}

/** What a profile worker is started with (`worker.ts`). */
export interface ProfileWorkerData {
  out: string;
  options: BatchProfileOptions;
  /**
   * First worker: ports to post its warm reader cache on (`exportReaderCache`), once, after its
   * first written profile (or its third outcome, whatever they were).
   */
  cachePorts?: MessagePort[];
  /** Other workers: the port the first worker's cache arrives on; they start after importing it. */
  cachePort?: MessagePort;
}

/**
 * Share the places among worker threads. The first worker reads the national data (GP
 * registrations by LSOA, QOF, IMD, populations, geography, boundaries) and computes every
 * indicator at the places' level for its first profile, then posts its reader cache (plain data;
 * repeated codes dictionary-encoded in shared memory, `src/io/cacheTransfer.ts`) straight to the
 * other workers over message channels (the main thread never holds a copy); they wait for it and
 * start from it. So the national files are parsed once, not once per worker, and two parses never
 * peak in memory at the same time.
 */
async function runInWorkers(queries: readonly string[], out: string, options: GenerateProfilesOptions, jobs: number): Promise<ProfileOutcome[]> {
  const results = new Array<ProfileOutcome>(queries.length);
  let next = 0;
  let done = 0;
  const opts = batchOptions(options);
  const wanted = Math.min(jobs, queries.length);
  const workers: Worker[] = [];
  let finished = 0;
  let failure: unknown = null;
  let settle!: () => void;
  const all = new Promise<void>((r) => (settle = r));
  const start = (data: ProfileWorkerData, transfer: MessagePort[]) => {
    const w = startWorker(data, transfer);
    workers.push(w);
    const give = () => {
      if (next >= queries.length) {
        void w.terminate();
        return;
      }
      const i = next++;
      w.postMessage({ i, query: queries[i] });
    };
    w.on('message', (m: { ready?: boolean; i?: number; outcome?: ProfileOutcome }) => {
      if (m.outcome && m.i !== undefined) {
        results[m.i] = m.outcome;
        done++;
        options.onProgress?.(m.outcome, done, queries.length);
        // every place done: stop workers still waiting for the first worker's cache
        if (done === queries.length) for (const x of workers) void x.terminate();
      }
      give();
    });
    w.on('error', (e) => {
      failure ??= e;
    });
    w.on('exit', () => {
      finished++;
      if (finished === wanted) settle();
    });
  };
  const channels = Array.from({ length: wanted - 1 }, () => new MessageChannel());
  const firstPorts = channels.map((c) => c.port1);
  start({ out, options: opts, cachePorts: firstPorts }, firstPorts);
  for (const c of channels) start({ out, options: opts, cachePort: c.port2 }, [c.port2]);
  await all;
  if (failure) throw failure;
  // a worker that died leaves holes: report them as failed
  queries.forEach((q, i) => {
    if (!results[i]) results[i] = { query: q, status: 'failed', placeName: q, reason: 'the worker building this profile stopped unexpectedly', ms: 0 };
  });
  return results;
}

/**
 * Generate profiles for many places into `out`, then `index.html` linking them. Places that fail
 * (an unknown name, missing data) are reported and never stop the others. Duplicate places (the
 * same code asked for twice) are skipped with the reason.
 *
 * @example await generateProfiles(SEED_PLACES, { out: 'reports', jobs: 2 }) // { written: 7, skipped: 0, failed: 0, ... }
 */
export async function generateProfiles(queries: readonly string[], options: GenerateProfilesOptions): Promise<BatchResult> {
  const t0 = Date.now();
  const out = resolve(options.out);
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  removeStaleTemporaryFiles(out); // left by a run killed mid-write
  if (options.sharedPlotly) writePlotlyAsset(out);
  const profileOpts = batchOptions(options);
  const manifest = readProfilesManifest(out);
  const keys = new Map<string, string>(); // place code → key, for the places to (re)build
  const outcomes = new Array<ProfileOutcome>(queries.length);
  const todo: number[] = [];
  let done = 0;
  queries.forEach((q, i) => {
    const current = options.resume ? upToDate(q, out, profileOpts, manifest.profiles, keys) : null;
    if (current) {
      outcomes[i] = current;
      options.onProgress?.(current, ++done, queries.length);
    } else todo.push(i);
  });
  // record each written profile in the manifest as soon as it is written, so a killed run resumes
  const record = (o: ProfileOutcome) => {
    if (o.status !== 'written' || !o.href || !o.placeCode || !o.file) return;
    const sha256 = fileSha256(o.file);
    if (!sha256) return;
    manifest.profiles[o.href] = {
      placeCode: o.placeCode,
      key: keys.get(o.placeCode) ?? profileKey(o.placeCode, profileOpts),
      sha256,
      bytes: o.bytes ?? 0,
      keyFigures: o.keyFigures,
    };
    writeProfilesManifest(out, manifest);
  };
  const pending = todo.map((i) => queries[i]);
  const progress = (o: ProfileOutcome) => {
    record(o);
    options.onProgress?.(o, ++done, queries.length);
  };
  let built: ProfileOutcome[];
  if (jobs === 1 || pending.length <= 1) {
    built = pending.map((q) => {
      const o = generateOne(q, out, options);
      progress(o);
      return o;
    });
  } else {
    built = await runInWorkers(pending, out, { ...options, onProgress: progress }, jobs);
  }
  todo.forEach((i, k) => (outcomes[i] = built[k]));
  // the same place asked for twice: keep the first
  const seen = new Set<string>();
  for (const o of outcomes) {
    if ((o.status !== 'written' && o.status !== 'unchanged') || !o.placeCode) continue;
    if (seen.has(o.placeCode)) {
      o.status = 'skipped';
      o.reason = `${o.placeName} was already written (asked for twice)`;
    }
    seen.add(o.placeCode);
  }
  const entries: ReportIndexEntry[] = outcomes.map((o) => ({
    title: o.status === 'written' || o.status === 'unchanged' ? (options.title ?? `${o.placeName} place profile`) : o.query,
    href: o.href ?? '',
    placeName: o.placeName,
    status: o.status === 'unchanged' ? 'written' : o.status,
    reason: o.reason,
    keyFigures: o.keyFigures,
  }));
  const index = writeIndexPage(entries, join(out, 'index.html'), {
    title: options.indexTitle ?? 'Place profiles',
    date: options.date,
    periods: 'population mid-2019, deprivation IMD 2019, deaths 2014 and GP registers QOF 2019/20',
  });
  const count = (s: ProfileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return { outcomes, index, written: count('written'), unchanged: count('unchanged'), skipped: count('skipped'), failed: count('failed'), ms: Date.now() - t0 };
}

/**
 * The `unchanged` outcome of a place whose profile in `out` is up to date (same key, file as
 * written), or null when it must be built. Remembers the key of places to build in `keys`.
 */
function upToDate(
  query: string,
  out: string,
  options: BatchProfileOptions,
  entries: Record<string, { key: string; sha256: string; bytes: number; keyFigures?: { label: string; value: string }[] }>,
  keys: Map<string, string>,
): ProfileOutcome | null {
  const t0 = Date.now();
  let place;
  try {
    place = resolveProfilePlace(query);
  } catch {
    return null; // generateOne reports the problem
  }
  const key = profileKey(place.code, options);
  keys.set(place.code, key);
  const href = `${placeSlug(place.name)}.html`;
  const entry = entries[href];
  const file = join(out, href);
  if (!entry || entry.key !== key || fileSha256(file) !== entry.sha256) return null;
  return {
    query,
    status: 'unchanged',
    placeName: placeDisplayName(place.name),
    placeCode: place.code,
    file,
    href,
    bytes: entry.bytes,
    keyFigures: entry.keyFigures,
    ms: Date.now() - t0,
  };
}
