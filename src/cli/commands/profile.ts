/**
 * `healthgap profile <place>` writes one place profile; `healthgap profiles --all-utla | --region
 * <name> | --places a,b,c | --seeds` regenerates many with a progress bar (plain lines when not a
 * terminal), a summary (written, skipped with the reason, failed with the reason) and an
 * `index.html` linking them. A failure in one place never stops the others; the command exits 1
 * when any place failed.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { HealthgapError } from '../../core/errors.js';
import { buildPlaceProfile, parseSectionList } from '../../report/profile/build.js';
import { allUtlaPlaces, defaultProfileJobs, generateProfiles, regionPlaces, SEED_PLACES, type ProfileOutcome } from '../../report/profile/batch.js';
import { placeSlug, resolveProfilePlace } from '../../report/profile/place.js';
import { PROFILE_SECTION_IDS } from '../../report/profile/types.js';
import { writeReport } from '../../report/write.js';
import { PLOTLY_ASSET_NAME } from '../../report/plotly.js';
import { addSpcSectionOptions, spcSectionsFromFlags, type SpcSectionFlags } from './profileSpc.js';
import { addFingertipsProfileOptions, prepareFingertipsSection, type FingertipsProfileCliOptions } from './fingertips.js';
import {
  addNeighbourhoodBatchOptions,
  addNeighbourhoodOptions,
  neighbourhoodFromFlags,
  runNeighbourhoodBatch,
  wantsNeighbourhood,
  writeNeighbourhoodProfile,
  type NeighbourhoodBatchFlags,
  type NeighbourhoodFlags,
} from './neighbourhoodProfile.js';

interface CommonOptions extends FingertipsProfileCliOptions {
  out: string;
  sections?: string;
  title?: string;
  date?: string;
  logo?: string;
  suppressBelow?: string;
  sharedPlotly?: boolean;
  audience?: string;
  funnelRegister?: string;
  overdispersion?: string;
  practiceLabels?: string;
  imd?: string;
}

const OVERDISPERSION_MODELS = ['additive', 'multiplicative', 'none'] as const;

/** The profile options shared by `profile` and `profiles`, checked. */
function profileOptions(opts: CommonOptions): {
  audience?: string;
  funnelRegister?: string;
  funnelOverdispersion?: (typeof OVERDISPERSION_MODELS)[number];
  practiceLabels?: 'names' | 'codes';
  imd?: 2019 | 2025;
} {
  const labels = opts.practiceLabels?.trim().toLowerCase();
  if (labels !== undefined && labels !== 'names' && labels !== 'codes')
    throw new HealthgapError(`--practice-labels must be names or codes, found "${opts.practiceLabels}"`, 2);
  let funnelOverdispersion: (typeof OVERDISPERSION_MODELS)[number] | undefined;
  if (opts.overdispersion !== undefined) {
    const m = opts.overdispersion.trim().toLowerCase();
    if (!(OVERDISPERSION_MODELS as readonly string[]).includes(m))
      throw new HealthgapError(`--overdispersion must be one of ${OVERDISPERSION_MODELS.join(', ')}, found "${opts.overdispersion}"`, 2);
    funnelOverdispersion = m as (typeof OVERDISPERSION_MODELS)[number];
  }
  const imd = opts.imd === undefined ? undefined : Number(opts.imd.trim());
  if (imd !== undefined && imd !== 2019 && imd !== 2025) throw new HealthgapError(`--imd must be 2019 or 2025, found "${opts.imd}"`, 2);
  return {
    audience: opts.audience,
    funnelRegister: opts.funnelRegister,
    funnelOverdispersion,
    practiceLabels: labels as 'names' | 'codes' | undefined,
    imd: imd as 2019 | 2025 | undefined,
  };
}

function threshold(text: string | undefined): { threshold: number } | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new HealthgapError(`--suppress-below must be a whole number of 1 or more (counts below it are suppressed), found "${text}"`, 2);
  return { threshold: n };
}

function addCommon(cmd: Command): Command {
  return addFingertipsProfileOptions(cmd)
    .option('--out <dir>', 'output folder', 'reports')
    .option('--sections <list>', `comma-separated sections (default all): ${PROFILE_SECTION_IDS.join(', ')}`)
    .option('--title <text>', 'report title (default "<Place> place profile")')
    .option('--date <text>', 'publication date shown in the report (none unless given, so reruns are byte-identical)')
    .option('--logo <text>', 'organisation text shown in the banner')
    .option('--audience <text>', 'who the profile is for, shown in the banner (default "<Place> Health and Wellbeing Board")')
    .option('--funnel-register <code>', 'QOF register for the practice funnel (e.g. DM, HYP, COPD; default DM)')
    .option('--overdispersion <model>', 'practice funnel limits: additive (default), multiplicative or none (plain binomial limits)')
    .option(
      '--practice-labels <names|codes>',
      'GP practices in charts and tables: names (default, published names in title case with the code) or codes (ODS codes only, for public papers)',
    )
    .option(
      '--imd <year>',
      'IMD the Core20 on IMD 2025 section leads with: 2025 (LSOA 2021, Census 2021 populations; default) or 2019 (LSOA 2011, IoD2019 mid-2015 populations); the report states which',
    )
    .option('--suppress-below <n>', 'suppress counts from 1 to n-1 and values derived from them (default 5)')
    .option('--shared-plotly', `write one shared ${PLOTLY_ASSET_NAME} beside the reports instead of inlining plotly.js in each`);
}

/** Plain progress lines when stderr is not a terminal (CI, logs); a cli-progress bar otherwise. */
function progressReporter(total: number): { update: (o: ProfileOutcome, done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    return {
      update: (o, done) =>
        process.stderr.write(`[${done}/${total}] ${o.placeName}: ${o.status}${o.reason ? ` (${o.reason})` : ''} ${(o.ms / 1000).toFixed(1)} s\n`),
      stop: () => undefined,
    };
  }
  // loaded here, only for a terminal (a CommonJS package: required synchronously)
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'profiles [{bar}] {value}/{total} {place}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { place: '' });
  return { update: (o, done) => bar.update(done, { place: o.placeName }), stop: () => bar.stop() };
}

/** The descriptions of the two commands (the registry in ./index.ts repeats them). */
const PROFILE_DESCRIPTION =
  'write one profile (self-contained accessible HTML) for a local authority, ICB or region, or a neighbourhood: PCN, ward, LSOA list, practices or drawn polygon';
const PROFILES_DESCRIPTION = 'regenerate many place or neighbourhood profiles (wards of an LA, PCNs of an ICB) with an index.html and a summary';

export function register(program: Command): void {
  addNeighbourhoodOptions(
    addSpcSectionOptions(
      addCommon(
        program
          .command('profile')
          .description(PROFILE_DESCRIPTION)
          .argument('[place]', 'place name or code (e.g. Sandwell, E08000028, "Black Country"); or a neighbourhood flag below')
          .option(
            '--period <qof>',
            'QOF practice release to use (e.g. 2019-20; default latest: the newest added with healthgap data add, else the bundled 2019-20)',
          ),
      ),
    ),
  ).action(async (placeQuery: string | undefined, opts: CommonOptions & SpcSectionFlags & NeighbourhoodFlags & { period?: string }) => {
    if (wantsNeighbourhood(opts)) {
      const n = neighbourhoodFromFlags(opts, placeQuery);
      const { funnelOverdispersion: _f, ...common } = profileOptions(opts);
      process.stdout.write(
        writeNeighbourhoodProfile(n, opts.out, {
          ...common,
          title: opts.title,
          date: opts.date,
          logoText: opts.logo,
          suppression: threshold(opts.suppressBelow),
          plotly: opts.sharedPlotly ? { sharedAssetPath: PLOTLY_ASSET_NAME } : 'inline',
        }),
      );
      return;
    }
    if (placeQuery === undefined) throw new HealthgapError('give a place (e.g. Sandwell), or one of --pcn, --ward, --lsoas, --practices, --geojson', 2);
    const place = resolveProfilePlace(placeQuery);
    const fingertips = await prepareFingertipsSection(opts, [place.level]);
    const report = buildPlaceProfile(place, {
      customSections: spcSectionsFromFlags(opts),
      fingertips,
      sections: opts.sections ? parseSectionList(opts.sections) : undefined,
      title: opts.title,
      date: opts.date,
      logoText: opts.logo,
      suppression: threshold(opts.suppressBelow),
      ...profileOptions(opts),
      plotly: opts.sharedPlotly ? { sharedAssetPath: PLOTLY_ASSET_NAME } : 'inline',
      releases: { dataDir: opts.dataDir, qofPeriod: opts.period },
    });
    const w = writeReport(report, join(opts.out, `${placeSlug(place.name)}.html`));
    process.stdout.write(`wrote ${w.file} (${(w.bytes / 1e6).toFixed(1)} MB${w.suppressedValues ? `, ${w.suppressedValues} values suppressed` : ''})\n`);
  });

  addNeighbourhoodBatchOptions(
    addCommon(
      program
        .command('profiles')
        .description(PROFILES_DESCRIPTION)
        .option('--all-utla', 'every upper-tier local authority in England (April 2019, 151)')
        .option('--region <name>', 'the upper-tier authorities of a region (e.g. "West Midlands")')
        .option('--places <list>', 'comma-separated places (names or codes)')
        .option('--seeds', `the seed places: ${SEED_PLACES.join(', ')}`)
        .option(
          '--resume',
          'skip places whose profile in --out is already up to date with its options, code and data (manifest .healthgap-profiles.json); a killed run restarts where it stopped',
        )
        .option('--period <qof>', 'QOF practice release every profile uses (e.g. 2019-20; default latest, as for profile)')
        .option('--jobs <n>', 'worker threads, or auto: 1 on 2 cores or fewer or for under 10 places, else one less than the cores (at most 4)', 'auto'),
    ),
  ).action(
    async (
      opts: CommonOptions &
        NeighbourhoodBatchFlags & { allUtla?: boolean; region?: string; places?: string; seeds?: boolean; jobs: string; resume?: boolean; period?: string },
    ) => {
      const chosen = [opts.allUtla, opts.region, opts.places, opts.seeds, opts.wardsOf, opts.pcnsOf].filter((x) => x !== undefined && x !== false).length;
      if (chosen !== 1)
        throw new HealthgapError('choose exactly one of --all-utla, --region <name>, --places <a,b,c>, --seeds, --wards-of <LA>, --pcns-of <ICB|LA>', 2);
      if (opts.wardsOf !== undefined || opts.pcnsOf !== undefined) {
        const { funnelOverdispersion: _f, ...common } = profileOptions(opts);
        const r = runNeighbourhoodBatch(
          opts,
          opts.out,
          { ...common, title: undefined, date: opts.date, logoText: opts.logo, suppression: threshold(opts.suppressBelow) },
          progressReporter,
        );
        process.stdout.write(r.lines.join('\n') + '\n');
        if (r.failed > 0) throw new HealthgapError(`${r.failed} of ${r.total} profiles failed (listed above); the others were written`, 1);
        return;
      }
      const auto = opts.jobs.trim().toLowerCase() === 'auto';
      const jobsGiven = Number(opts.jobs);
      if (!auto && (!Number.isInteger(jobsGiven) || jobsGiven < 1))
        throw new HealthgapError(`--jobs must be a whole number of 1 or more, or auto, found "${opts.jobs}"`, 2);
      const sections = opts.sections ? parseSectionList(opts.sections) : undefined;
      const suppression = threshold(opts.suppressBelow);
      const places = opts.allUtla
        ? allUtlaPlaces()
        : opts.region
          ? regionPlaces(opts.region)
          : opts.seeds
            ? [...SEED_PLACES]
            : (opts.places as string)
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
      if (places.length === 0) throw new HealthgapError('no places given', 2);
      const jobs = auto ? defaultProfileJobs(places.length) : jobsGiven;
      const levels =
        opts.allUtla || opts.region
          ? ['utla']
          : places.flatMap((p) => {
              try {
                return [resolveProfilePlace(p).level];
              } catch {
                return [];
              }
            });
      const fingertips = opts.fingertips ? await prepareFingertipsSection(opts, levels) : undefined;
      const progress = progressReporter(places.length);
      const result = await generateProfiles(places, {
        out: opts.out,
        jobs,
        resume: opts.resume === true,
        sections,
        fingertips,
        title: opts.title,
        date: opts.date,
        logoText: opts.logo,
        suppression,
        sharedPlotly: opts.sharedPlotly,
        ...profileOptions(opts),
        releases: { dataDir: opts.dataDir, qofPeriod: opts.period },
        onProgress: (o, done) => progress.update(o, done),
      });
      progress.stop();
      const lines = [
        `${result.written} written, ${result.unchanged} unchanged, ${result.skipped} skipped, ${result.failed} failed in ${(result.ms / 1000).toFixed(1)} s; index: ${result.index}`,
      ];
      for (const o of result.outcomes) if (o.status === 'skipped' || o.status === 'failed') lines.push(`  ${o.status}: ${o.placeName}: ${o.reason ?? ''}`);
      process.stdout.write(lines.join('\n') + '\n');
      if (result.failed > 0)
        throw new HealthgapError(
          `${result.failed} of ${places.length} profile${places.length === 1 ? '' : 's'} failed (listed above); the others were written`,
          1,
        );
    },
  );
}
