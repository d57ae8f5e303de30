/**
 * The neighbourhood half of `healthgap profile` and `healthgap profiles`: `--pcn`, `--ward`,
 * `--lsoas <file> --name`, `--practices <list> --name`, `--geojson <file> --name` for one profile;
 * `--wards-of <LA>` and `--pcns-of <ICB|LA>` for many, with the index page.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { HealthgapError } from '../../core/errors.js';
import { resolveNeighbourhood, type Neighbourhood } from '../../geography/neighbourhood.js';
import { buildNeighbourhoodProfile, type NeighbourhoodProfileOptions } from '../../report/profile/neighbourhood/build.js';
import { generateNeighbourhoodProfiles, neighbourhoodJobs } from '../../report/profile/neighbourhood/batch.js';
import type { ProfileOutcome } from '../../report/profile/batch.js';
import { placeSlug } from '../../report/profile/place.js';
import { writeReport } from '../../report/write.js';

/** The neighbourhood flags of `profile`. */
export interface NeighbourhoodFlags {
  pcn?: string;
  ward?: string;
  lsoas?: string;
  geojson?: string;
  practices?: string;
  name?: string;
  lsoaVintage?: string;
}

/** Add the neighbourhood flags to `profile`. */
export function addNeighbourhoodOptions(cmd: Command): Command {
  return cmd
    .option('--pcn <code|name>', 'a primary care network (ePCN January 2023), e.g. U55153 or "Brierley Hill PCN"')
    .option('--ward <code|name>', 'an electoral ward (May 2024), e.g. E05001260 or "Abbey, Sandwell"')
    .option('--lsoas <file>', 'a neighbourhood from a CSV of LSOA codes (2011 or 2021; column lsoa21cd, lsoa11cd or one code per line); needs --name')
    .option('--practices <list>', 'a neighbourhood from comma-separated GP practice codes; needs --name')
    .option('--geojson <file>', 'a neighbourhood drawn as a GeoJSON polygon (LSOAs whose centroid falls inside); needs --name')
    .option('--name <text>', 'name of the neighbourhood given by --lsoas, --practices or --geojson')
    .option('--lsoa-vintage <2011|2021|auto>', 'vintage of the --lsoas codes (default auto)');
}

/** True when a neighbourhood flag was given. */
export function wantsNeighbourhood(f: NeighbourhoodFlags): boolean {
  return [f.pcn, f.ward, f.lsoas, f.geojson, f.practices].some((x) => x !== undefined);
}

/** The neighbourhood the flags ask for (exactly one kind; a name where needed). */
export function neighbourhoodFromFlags(f: NeighbourhoodFlags, place: string | undefined): Neighbourhood {
  const given = (['pcn', 'ward', 'lsoas', 'geojson', 'practices'] as const).filter((k) => f[k] !== undefined);
  if (given.length !== 1 || place !== undefined) throw new HealthgapError('give a place, or exactly one of --pcn, --ward, --lsoas, --practices, --geojson', 2);
  const needsName = given[0] === 'lsoas' || given[0] === 'geojson' || given[0] === 'practices';
  if (needsName && !f.name?.trim()) throw new HealthgapError(`--${given[0]} needs --name <text> (the neighbourhood's name for the report)`, 2);
  const v = f.lsoaVintage?.trim().toLowerCase();
  if (v !== undefined && v !== '2011' && v !== '2021' && v !== 'auto')
    throw new HealthgapError(`--lsoa-vintage must be 2011, 2021 or auto, found "${f.lsoaVintage}"`, 2);
  if (f.pcn !== undefined) return resolveNeighbourhood({ pcn: f.pcn });
  if (f.ward !== undefined) return resolveNeighbourhood({ ward: f.ward });
  if (f.lsoas !== undefined) return resolveNeighbourhood({ lsoaFile: f.lsoas, name: f.name!, vintage: v as '2011' | '2021' | 'auto' | undefined });
  if (f.practices !== undefined) return resolveNeighbourhood({ practices: f.practices.split(','), name: f.name! });
  return resolveNeighbourhood({ geojson: f.geojson!, name: f.name! });
}

/** Write one neighbourhood profile; returns the line to print. */
export function writeNeighbourhoodProfile(n: Neighbourhood, out: string, options: NeighbourhoodProfileOptions): string {
  const w = writeReport(
    buildNeighbourhoodProfile(n, options),
    join(out, `${placeSlug(n.name)}${n.level === 'ward' || n.level === 'pcn' ? `-${n.code.toLowerCase()}` : ''}.html`),
  );
  return `wrote ${w.file} (${(w.bytes / 1e6).toFixed(1)} MB${w.suppressedValues ? `, ${w.suppressedValues} values suppressed` : ''})\n`;
}

/** The batch flags of `profiles`. */
export interface NeighbourhoodBatchFlags {
  wardsOf?: string;
  pcnsOf?: string;
}

/** Add the batch flags to `profiles`. */
export function addNeighbourhoodBatchOptions(cmd: Command): Command {
  return cmd
    .option('--wards-of <LA>', 'a profile for every electoral ward (May 2024) of a local authority')
    .option('--pcns-of <ICB|LA>', 'a profile for every primary care network of an ICB (or with most patients in a local authority)');
}

/** Run a neighbourhood batch; returns the summary lines and the number failed. */
export function runNeighbourhoodBatch(
  f: NeighbourhoodBatchFlags,
  out: string,
  options: NeighbourhoodProfileOptions,
  progress: (total: number) => { update: (o: ProfileOutcome, done: number) => void; stop: () => void },
): { lines: string[]; failed: number; total: number } {
  const t0 = Date.now();
  const { jobs, title } = neighbourhoodJobs(f.wardsOf ? { wardsOf: f.wardsOf } : { pcnsOf: f.pcnsOf });
  if (jobs.length === 0) throw new HealthgapError(`no ${f.wardsOf ? 'wards' : 'PCNs'} found for ${f.wardsOf ?? f.pcnsOf}`, 2);
  const bar = progress(jobs.length);
  const r = generateNeighbourhoodProfiles(jobs, { ...options, out, onProgress: (o, done) => bar.update(o, done) }, title);
  bar.stop();
  const lines = [`${r.written} written, ${r.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s; index: ${r.index}`];
  for (const o of r.outcomes) if (o.status === 'failed') lines.push(`  failed: ${o.placeName}: ${o.reason ?? ''}`);
  return { lines, failed: r.failed, total: jobs.length };
}
