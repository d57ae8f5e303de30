/**
 * The `index.html` that links a batch of place profiles: the places and data periods, each
 * place's headline numbers and a link to its profile, and which places have no profile and why.
 * Self-contained, accessible (same stylesheet as the reports), deterministic (rows sorted by
 * place name, then link).
 */
import { pageStart } from './page.js';
import { healthgapVersion } from './version.js';
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
  /** The periods of the data the profiles use, for the introduction (e.g. "deaths 2014 and GP registers QOF 2019/20"). */
  periods?: string;
  /** What each profile holds, after the list of places (default: the place profiles' sentence, with `periods`). */
  description?: string;
}

const STATUS_TEXT: Record<ReportIndexEntry['status'], string> = { written: 'Written', skipped: 'Skipped', failed: 'Failed' };

/** "A", "A and B", "A, B and C" (at most `max` names, then "and N more"). */
function nameList(names: string[], max = 12): string {
  const shown = names.length > max ? [...names.slice(0, max), `${names.length - max} more`] : names;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * Render the index page of many profiles, written for the people who will open them: which places
 * are covered and the periods of the data, then one row per place with a link to its profile and
 * its headline numbers (`keyFigures`: population, Core20 share, life expectancy, recorded diabetes
 * for place profiles). Places whose profile was skipped or failed are listed after the table with
 * the reason, and a last line gives the counts ("7 written, 1 skipped, 0 failed."). Every string is
 * escaped; links must be relative or http(s) (a `javascript:` link is an error). Rows are sorted by
 * place name, so the page is the same whatever order the profiles were made in.
 *
 * @example renderIndexPage([{ title: 'Dudley place profile', href: 'dudley.html', placeName: 'Dudley', status: 'written' }])
 */
export function renderIndexPage(entries: ReportIndexEntry[], options: IndexPageOptions = {}): string {
  const title = options.title ?? 'Place profiles';
  for (const x of entries) {
    if (!STATUS_TEXT[x.status])
      throw new HealthgapError(`index page: status of "${x.placeName}" must be written, skipped or failed, found ${JSON.stringify(x.status)}`);
    if (x.status === 'written' && !isSafeHref(x.href))
      throw new HealthgapError(`index page: link for "${x.placeName}" must be a relative path, found ${JSON.stringify(x.href)}`);
  }
  const sorted = [...entries].sort((a, b) => {
    const byName = a.placeName.localeCompare(b.placeName, 'en-GB');
    if (byName !== 0) return byName;
    return a.href < b.href ? -1 : a.href > b.href ? 1 : 0;
  });
  const written = sorted.filter((x) => x.status === 'written');
  const notWritten = sorted.filter((x) => x.status !== 'written');
  const n = (s: ReportIndexEntry['status']) => entries.filter((x) => x.status === s).length;
  const summary = `${n('written')} written, ${n('skipped')} skipped, ${n('failed')} failed.`;
  const labels: string[] = [];
  for (const x of written) for (const f of x.keyFigures ?? []) if (!labels.includes(f.label)) labels.push(f.label);
  const rows = written.map((x) => {
    const figs = labels
      .map((l) => {
        const v = (x.keyFigures ?? []).find((f) => f.label === l)?.value;
        return `<td class="hg-num">${v === undefined ? '<span aria-hidden="true">–</span><span class="hg-vh">not available</span>' : e(v)}</td>`;
      })
      .join('');
    return `<tr><th scope="row"><a href="${e(x.href)}">${e(x.placeName)}</a></th>${figs}<td>${e(x.title)}</td></tr>`;
  });
  const intro = written.length
    ? `Profiles of ${written.length === 1 ? 'one place' : `${written.length} places`}: ${e(nameList(written.map((x) => x.placeName)))}. ${options.description !== undefined ? e(options.description) : `Each compares the place with England${options.periods ? ` using ${e(options.periods)}` : ''}, starts with a summary for the board, and opens offline from disk or as an email attachment, on a phone too, and prints to A4. Every chart has its numbers in a table beside it and small numbers are suppressed.`}`
    : 'No profile was written.';
  return (
    [
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
      `<p class="hg-index-intro">${intro}</p>`,
      written.length ? '<div class="hg-table-wrap" role="region" aria-labelledby="index-caption" tabindex="0">' : '',
      written.length ? '<table class="hg-table hg-index-table">' : '',
      written.length ? `<caption id="index-caption">Places at a glance: choose a place to open its profile</caption>` : '',
      written.length
        ? `<thead><tr><th scope="col">Place</th>${labels.map((l) => `<th scope="col" class="hg-num">${e(l)}</th>`).join('')}<th scope="col">Profile</th></tr></thead>`
        : '',
      written.length ? '<tbody>' : '',
      ...rows,
      written.length ? '</tbody>' : '',
      written.length ? '</table>' : '',
      written.length ? '</div>' : '',
      notWritten.length ? '<h2 id="not-written">Places without a profile</h2>' : '',
      notWritten.length ? '<div class="hg-table-wrap" role="region" aria-labelledby="not-written-caption" tabindex="0">' : '',
      notWritten.length ? '<table class="hg-table">' : '',
      notWritten.length ? '<caption id="not-written-caption">Places asked for but not written, and why</caption>' : '',
      notWritten.length ? '<thead><tr><th scope="col">Place</th><th scope="col">Status</th><th scope="col">Reason</th></tr></thead>' : '',
      notWritten.length ? '<tbody>' : '',
      ...notWritten.map(
        (x) => `<tr><th scope="row">${e(x.placeName)}</th><td class="hg-status-${x.status}">${STATUS_TEXT[x.status]}</td><td>${e(x.reason ?? '')}</td></tr>`,
      ),
      notWritten.length ? '</tbody>' : '',
      notWritten.length ? '</table>' : '',
      notWritten.length ? '</div>' : '',
      `<div class="hg-index-summary"><p id="index-summary">${summary}</p></div>`,
      '</div>',
      '</main>',
      '<footer class="hg-footer">',
      `<div class="hg-wrap"><p>Produced with healthgap ${e(healthgapVersion())}.</p></div>`,
      '</footer>',
      '</body>',
      '</html>',
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n'
  );
}
