/**
 * The `index.html` that links a batch of place profiles, with each place's status (written,
 * skipped with the reason, failed with the reason). Self-contained, accessible (same stylesheet
 * as the reports), deterministic (rows sorted by place name, then link).
 */
import { pageStart } from './page.js';
import { escapeHtml as e } from './escape.js';
import { isSafeHref } from './markdown.js';
import { HealthgapError } from '../core/errors.js';
import type { ReportIndexEntry } from './types.js';

/** Options for {@link renderIndexPage}. */
export interface IndexPageOptions {
  /** Page title (default "Place profiles"). */
  title?: string;
  /** Line under the title (e.g. "Health and Wellbeing Board place profiles, West Midlands"). */
  subtitle?: string;
  /** Date text; none is written unless given. */
  date?: string;
}

const STATUS_TEXT: Record<ReportIndexEntry['status'], string> = { written: 'Written', skipped: 'Skipped', failed: 'Failed' };

/**
 * Render an index page linking many profiles: a summary line ("7 written, 1 skipped, 0 failed")
 * and a table of places with a link to each written profile and the reason for any skipped or
 * failed one. Every string is escaped; links must be relative or http(s) (a `javascript:` link
 * is an error).
 *
 * @example renderIndexPage([{ title: 'Dudley place profile', href: 'dudley.html', placeName: 'Dudley', status: 'written' }])
 */
export function renderIndexPage(entries: ReportIndexEntry[], options: IndexPageOptions = {}): string {
  const title = options.title ?? 'Place profiles';
  for (const x of entries) {
    if (!STATUS_TEXT[x.status]) throw new HealthgapError(`index page: status of "${x.placeName}" must be written, skipped or failed, found ${JSON.stringify(x.status)}`);
    if (x.status === 'written' && !isSafeHref(x.href)) throw new HealthgapError(`index page: link for "${x.placeName}" must be a relative path, found ${JSON.stringify(x.href)}`);
  }
  const sorted = [...entries].sort((a, b) => {
    const byName = a.placeName.localeCompare(b.placeName, 'en-GB');
    if (byName !== 0) return byName;
    return a.href < b.href ? -1 : a.href > b.href ? 1 : 0;
  });
  const n = (s: ReportIndexEntry['status']) => entries.filter((x) => x.status === s).length;
  const summary = `${n('written')} written, ${n('skipped')} skipped, ${n('failed')} failed.`;
  const withReason = entries.some((x) => (x.reason ?? '').trim() !== '');
  const rows = sorted.map((x) => {
    const place = x.status === 'written' ? `<a href="${e(x.href)}">${e(x.placeName)}</a>` : e(x.placeName);
    const cls = ` class="hg-status-${x.status}"`;
    return `<tr><th scope="row">${place}</th><td>${e(x.title)}</td><td${cls}>${STATUS_TEXT[x.status]}</td>${withReason ? `<td>${e(x.reason ?? '')}</td>` : ''}</tr>`;
  });
  return [
    ...pageStart(title),
    '<header class="hg-header">',
    '<div class="hg-wrap">',
    `<h1>${e(title)}</h1>`,
    options.subtitle ? `<p class="hg-subtitle">${e(options.subtitle)}</p>` : '',
    options.date ? `<p>${e(options.date)}</p>` : '',
    '</div>',
    '</header>',
    '<main id="main" tabindex="-1">',
    '<div class="hg-wrap">',
    '<p class="hg-index-intro">Each profile is one HTML file: it opens offline from disk or as an email attachment, works on a phone and prints to A4. Every chart has its data table and a text description; small numbers are suppressed. Choose a place to open its profile.</p>',
    `<div class="hg-index-summary"><p id="index-summary">${summary}</p></div>`,
    '<div class="hg-table-wrap" role="region" aria-labelledby="index-caption" tabindex="0">',
    '<table class="hg-table hg-index-table">',
    '<caption id="index-caption">Profiles by place</caption>',
    `<thead><tr><th scope="col">Place</th><th scope="col">Profile</th><th scope="col">Status</th>${withReason ? '<th scope="col">Reason</th>' : ''}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
    '</div>',
    '</main>',
    '<footer class="hg-footer">',
    '<div class="hg-wrap"><p>Produced with healthgap.</p></div>',
    '</footer>',
    '</body>',
    '</html>',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n';
}
