/**
 * `healthgap data`: the release catalogue. Lists every bundled dataset and every release added to
 * the data directory (kind, period, geography vintage, rows, origin; `*` marks the latest of each
 * kind); `healthgap data show <release>` (or `healthgap data <release>`) gives one in full with its
 * SHA-256; `healthgap data add <file> [--kind K] [--period P] [--vintage V]` recognises, validates and installs
 * an official file. `--data-dir DIR` chooses the data directory (else HEALTHGAP_DATA_DIR, else the
 * per-user folder); `--json` prints JSON.
 */
import type { Command } from 'commander';
import { UnknownAreaError } from '../../core/errors.js';
import { displayPath } from '../../io/csv.js';
import { userDataDir } from '../../io/paths.js';
import { addRelease, findRelease, listReleases, type ReleaseInfo } from '../../releases/index.js';

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

/** The readable table printed by `healthgap data`. */
export function formatCatalogue(rows: ReleaseInfo[], dataDir: string): string {
  const w = { id: Math.max(7, ...rows.map((r) => r.id.length)), kind: 21, period: 26, vintage: 14, rows: 9 };
  const lines = [
    `  ${pad('release', w.id)}  ${pad('kind', w.kind)}  ${pad('period', w.period)}  ${pad('vintage', w.vintage)}  ${'rows'.padStart(w.rows)}  origin`,
  ];
  lines.push(`  ${'-'.repeat(w.id)}  ${'-'.repeat(w.kind)}  ${'-'.repeat(w.period)}  ${'-'.repeat(w.vintage)}  ${'-'.repeat(w.rows)}  ${'-'.repeat(20)}`);
  for (const r of rows) {
    const period = r.periods && r.periods.length > 1 ? `${r.period} (${r.periods.join(', ')})` : r.period;
    const origin = r.origin === 'bundled' ? `bundled, ${r.publisher}` : `added ${r.added.slice(0, 10)}`;
    lines.push(
      `${r.latest ? '*' : ' '} ${pad(r.id, w.id)}  ${pad(r.kind, w.kind)}  ${pad(period, w.period)}  ${pad(r.vintage, w.vintage)}  ${r.rows.toLocaleString('en-GB').padStart(w.rows)}  ${origin}`,
    );
  }
  const added = rows.filter((r) => r.origin === 'added').length;
  lines.push('');
  lines.push(`${rows.length - added} bundled datasets, ${added} added releases in ${displayPath(dataDir)}. * = latest of its kind.`);
  lines.push('Details: healthgap data show <release>. Add a release: healthgap data add <file>. Provenance: data/SOURCES.md.');
  lines.push('Contains public sector information licensed under the Open Government Licence v3.0.');
  return lines.join('\n');
}

/** The details printed by `healthgap data show`. */
export function formatRelease(d: ReleaseInfo): string {
  return [
    `${d.id}: ${d.title}${d.latest ? '  (latest of its kind)' : ''}`,
    `  kind:      ${d.kind}`,
    `  period:    ${d.period}${d.periods && d.periods.length > 1 ? ` (holds ${d.periods.join(', ')})` : ''}`,
    `  vintage:   ${d.vintage}`,
    `  source:    ${d.sourceFile}`,
    `  sha256:    ${d.sha256 ?? 'n/a'}`,
    `  publisher: ${d.publisher}`,
    `  licence:   ${d.licence}`,
    `  added:     ${d.added}`,
    `  stored:    ${displayPath(d.path)}`,
    `  rows:      ${d.rows.toLocaleString('en-GB')}`,
    ...(d.columns ? [`  columns:   ${d.columns.join(', ')}`] : []),
    ...(d.notes ? [`  notes:     ${d.notes}`] : []),
    ...(d.warnings ?? []).map((w) => `  checked:   ${w}`),
  ].join('\n');
}

interface DataCliOptions {
  json?: boolean;
  dataDir?: string;
  kind?: string;
  period?: string;
  vintage?: string;
}

function show(id: string, opts: DataCliOptions): void {
  const d = findRelease(id, { dataDir: opts.dataDir });
  if (!d) {
    const all = listReleases({ dataDir: opts.dataDir });
    const q = id.toLowerCase();
    const close = all
      .filter((x) => x.id.includes(q) || q.includes(x.id.split('-')[0]))
      .map((x) => x.id)
      .slice(0, 5);
    throw new UnknownAreaError(id, close, 'dataset');
  }
  process.stdout.write(opts.json ? JSON.stringify(d, null, 2) + '\n' : formatRelease(d) + '\n');
}

export function register(program: Command): void {
  program
    .command('data')
    .description('the data releases: list bundled and added ones, show one, add an official file (data add <file>)')
    .argument('[action]', 'show <release>, add <file>, or a release id to show')
    .argument('[target]', 'the release (show) or file (add)')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'your data directory (default: HEALTHGAP_DATA_DIR, else the per-user folder)')
    .option('--kind <kind>', 'data add: insist on this kind (qof-prevalence, imd, practice-map, …)')
    .option('--period <period>', 'data add: the period when the file does not say (2019-20, IoD2025, …)')
    .option('--vintage <vintage>', 'data add: the LSOA vintage the file is on when its headers do not say (LSOA 2011, LSOA 2021)')
    .action(async (action: string | undefined, target: string | undefined, opts: DataCliOptions) => {
      if (action === 'add') {
        if (!target) throw new UnknownAreaError('', [], 'file (usage: healthgap data add <file>)');
        const r = await addRelease(target, { kind: opts.kind, period: opts.period, vintage: opts.vintage }, { dataDir: opts.dataDir });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        if (r.status === 'already-added') {
          process.stdout.write(`${target}: already added as ${r.release.id} (same SHA-256 ${r.release.sha256?.slice(0, 12)}…); nothing changed\n`);
          return;
        }
        process.stdout.write(
          `added ${r.release.id}: ${r.release.title}; ${r.release.rows.toLocaleString('en-GB')} rows, ${r.release.vintage}, stored in ${displayPath(r.release.path)}\n`,
        );
        for (const w of r.release.warnings ?? []) process.stdout.write(`  checked: ${w}\n`);
        return;
      }
      if (action === 'show' || (action !== undefined && target === undefined)) {
        const id = action === 'show' ? target : action;
        if (!id) throw new UnknownAreaError('', [], 'release (usage: healthgap data show <release>)');
        show(id, opts);
        return;
      }
      const all = listReleases({ dataDir: opts.dataDir });
      process.stdout.write(opts.json ? JSON.stringify(all, null, 2) + '\n' : formatCatalogue(all, userDataDir({ dataDir: opts.dataDir })) + '\n');
    });
}
