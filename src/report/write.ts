/** Writing reports and index pages to disk, atomically (temporary file, then rename: never a truncated page). */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { dirname, resolve } from 'node:path';
import { renderReportWithStats } from './render.js';
import { renderIndexPage } from './indexPage.js';
import type { IndexPageOptions } from './indexPage.js';
import { plotlyBundlePath } from './plotly.js';
import type { Report, ReportIndexEntry } from './types.js';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Absolute path of the HTML file. */
  file: string;
  /** Size in bytes. */
  bytes: number;
  /** Table values suppressed (see `suppressReport`). */
  suppressedValues: number;
  /** The shared plotly.js file written beside the report, if one was missing. */
  plotlyAsset?: string;
}

/**
 * Render a report and write it to `outFile` (folders created as needed). When the report uses a
 * shared plotly.js (`plotly: { sharedAssetPath }`) and that file does not exist relative to the
 * report, it is copied there, so the report always opens.
 *
 * @example writeReport(report, 'reports/dudley.html') // { file: '/…/reports/dudley.html', bytes: 4912345, suppressedValues: 3 }
 */
export function writeReport(report: Report, outFile: string): WrittenReport {
  const { html, tableValues } = renderReportWithStats(report);
  const file = resolve(outFile);
  writeFileAtomic(file, html);
  const out: WrittenReport = { file, bytes: Buffer.byteLength(html, 'utf8'), suppressedValues: tableValues };
  if (report.plotly && report.plotly !== 'inline') {
    const asset = resolve(dirname(file), report.plotly.sharedAssetPath.split(/[?#]/)[0]);
    if (!existsSync(asset)) {
      writeFileAtomic(asset, readFileSync(plotlyBundlePath()));
      out.plotlyAsset = asset;
    }
  }
  return out;
}

/**
 * Write an index page linking many profiles (see `renderIndexPage`) to `outFile`.
 * Returns the absolute path written.
 */
export function writeIndexPage(entries: ReportIndexEntry[], outFile: string, options: IndexPageOptions = {}): string {
  const file = resolve(outFile);
  writeFileAtomic(file, renderIndexPage(entries, options));
  return file;
}
