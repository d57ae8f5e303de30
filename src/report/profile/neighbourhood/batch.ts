/**
 * Many neighbourhood profiles in one run (a local authority's wards, an ICB's or an authority's
 * PCNs): one HTML file each, an `index.html` linking them with their headline numbers, and an
 * outcome per area. A failure in one area never stops the others.
 */
import { join } from 'node:path';
import { isHealthgapError } from '../../../core/errors.js';
import { pcnNeighbourhood, pcnsOf, titleCasePcn, wardNeighbourhood, wardsOf } from '../../../geography/neighbourhood.js';
import type { Neighbourhood } from '../../../geography/neighbourhood.js';
import { getGeography } from '../../../geography/vintages.js';
import { writeIndexPage, writeReport } from '../../write.js';
import type { ReportIndexEntry } from '../../types.js';
import type { ProfileOutcome } from '../batch.js';
import { placeSlug } from '../place.js';
import { buildNeighbourhoodProfile, type NeighbourhoodProfileOptions } from './build.js';

/** Options of {@link generateNeighbourhoodProfiles}. */
export interface NeighbourhoodBatchOptions extends NeighbourhoodProfileOptions {
  /** Output folder. */
  out: string;
  /** Called after each area. */
  onProgress?: (o: ProfileOutcome, done: number) => void;
}

/** One area of a batch: a ward or PCN code with its name. */
export interface NeighbourhoodJob {
  kind: 'ward' | 'pcn';
  code: string;
  name: string;
}

/**
 * The wards of a local authority (`wardsOf`) or the PCNs of an ICB or local authority (`pcnsOf`)
 * as batch jobs, and a title for the index page.
 *
 * @example neighbourhoodJobs({ wardsOf: 'Sandwell' }).jobs.length // 24
 */
export function neighbourhoodJobs(which: { wardsOf?: string; pcnsOf?: string }): { jobs: NeighbourhoodJob[]; title: string } {
  if (which.wardsOf) {
    const la = getGeography('2024').resolveArea(which.wardsOf);
    return { jobs: wardsOf(which.wardsOf).map((w) => ({ kind: 'ward', code: w.code, name: w.name })), title: `Ward profiles, ${la.name}` };
  }
  const a = getGeography('2024').resolveArea(which.pcnsOf ?? '');
  return {
    jobs: pcnsOf(which.pcnsOf ?? '').map((p) => ({ kind: 'pcn', code: p.code, name: titleCasePcn(p.name) })),
    title: `Primary care network profiles, ${a.name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, ' ICB')}`,
  };
}

/**
 * Write the profile of every job into `out` (file `<slug>-<code>.html`, so wards of the same name
 * never collide) and an `index.html`; returns the outcomes and the index path.
 *
 * @example generateNeighbourhoodProfiles(neighbourhoodJobs({ wardsOf: 'Sandwell' }).jobs, { out: 'reports/wards' })
 */
export function generateNeighbourhoodProfiles(
  jobs: readonly NeighbourhoodJob[],
  options: NeighbourhoodBatchOptions,
  title = 'Neighbourhood profiles',
): { outcomes: ProfileOutcome[]; index: string; written: number; failed: number } {
  const outcomes: ProfileOutcome[] = [];
  jobs.forEach((job, i) => {
    const t0 = Date.now();
    let o: ProfileOutcome;
    try {
      const n: Neighbourhood = job.kind === 'ward' ? wardNeighbourhood(job.code) : pcnNeighbourhood(job.code);
      const report = buildNeighbourhoodProfile(n, options);
      const href = `${placeSlug(n.name)}-${n.code.toLowerCase()}.html`;
      const w = writeReport(report, join(options.out, href));
      o = {
        query: job.code,
        status: 'written',
        placeName: n.name,
        placeCode: n.code,
        file: w.file,
        href,
        bytes: w.bytes,
        keyFigures: report.keyFigures,
        ms: Date.now() - t0,
      };
    } catch (e) {
      if (!isHealthgapError(e)) throw e;
      o = { query: job.code, status: 'failed', placeName: job.name, placeCode: job.code, reason: e.message, ms: Date.now() - t0 };
    }
    outcomes.push(o);
    options.onProgress?.(o, i + 1);
  });
  const entries: ReportIndexEntry[] = outcomes.map((o) => ({
    title: `${o.placeName} neighbourhood profile`,
    href: o.href ?? '',
    placeName: o.placeName,
    status: o.status === 'written' ? 'written' : 'failed',
    reason: o.reason,
    keyFigures: o.keyFigures,
  }));
  const index = writeIndexPage(entries, join(options.out, 'index.html'), {
    title,
    date: options.date,
    description:
      'Each compares the area with its local authority, its ICB and England using Census 2021, IMD 2025, GP registrations (January 2021) and QOF 2019/20; life expectancy is shown for the local authority only. Each opens offline from disk or as an email attachment, on a phone too. Every chart has its numbers in a table beside it and small numbers are suppressed.',
  });
  return { outcomes, index, written: outcomes.filter((o) => o.status === 'written').length, failed: outcomes.filter((o) => o.status === 'failed').length };
}
