/**
 * `healthgap data`: what data is bundled, the period each dataset covers, its size and source.
 * `healthgap data <id>` shows one dataset in full; `--json` prints the catalogue as JSON.
 */
import type { Command } from 'commander';
import { datasetCatalogue, type DatasetInfo } from '../../io/catalogue.js';
import { UnknownAreaError } from '../../core/errors.js';
import { displayPath } from '../../io/csv.js';

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

/** The readable table printed by `healthgap data`. */
export function formatCatalogue(rows: (DatasetInfo & { present: boolean })[]): string {
  const w = { id: Math.max(7, ...rows.map((r) => r.id.length)), period: 32, rows: 9 };
  const lines = [`${pad('dataset', w.id)}  ${pad('period', w.period)}  ${'rows'.padStart(w.rows)}  source`];
  lines.push(`${'-'.repeat(w.id)}  ${'-'.repeat(w.period)}  ${'-'.repeat(w.rows)}  ${'-'.repeat(30)}`);
  for (const r of rows) {
    const n = r.rows.toLocaleString('en-GB') + (r.unit === 'features' ? 'f' : '');
    lines.push(`${pad(r.id, w.id)}  ${pad(r.period, w.period)}  ${n.padStart(w.rows)}  ${r.publisher}${r.present ? '' : '  [MISSING FILE]'}`);
  }
  lines.push('');
  lines.push(`${rows.length} datasets (f = GeoJSON features). Full provenance: data/SOURCES.md. Details: healthgap data <dataset>.`);
  lines.push('Contains public sector information licensed under the Open Government Licence v3.0.');
  return lines.join('\n');
}

function formatOne(d: DatasetInfo & { path: string; present: boolean }): string {
  return [
    `${d.id}: ${d.title}`,
    `  file:      ${displayPath(d.path)}${d.present ? '' : ' (MISSING)'}`,
    `  publisher: ${d.publisher}`,
    `  period:    ${d.period}`,
    `  licence:   ${d.licence}`,
    `  size:      ${d.rows.toLocaleString('en-GB')} ${d.unit}`,
    ...(d.reader ? [`  read with: ${d.reader}`] : []),
    ...(d.notes ? [`  notes:     ${d.notes}`] : []),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('data')
    .description('list the bundled datasets: period, rows, source (see data/SOURCES.md)')
    .argument('[dataset]', 'show one dataset in full (its id from the list)')
    .option('--json', 'print the catalogue as JSON')
    .action((dataset: string | undefined, opts: { json?: boolean }) => {
      const all = datasetCatalogue();
      let out: unknown = all;
      if (dataset !== undefined) {
        const d = all.find((x) => x.id === dataset.toLowerCase());
        if (!d) {
          const q = dataset.toLowerCase();
          const close = all.filter((x) => x.id.includes(q) || q.includes(x.id.split('-')[0])).map((x) => x.id).slice(0, 5);
          throw new UnknownAreaError(dataset, close, 'dataset');
        }
        out = d;
        if (!opts.json) {
          process.stdout.write(formatOne(d) + '\n');
          return;
        }
      }
      process.stdout.write(opts.json ? JSON.stringify(out, null, 2) + '\n' : formatCatalogue(all) + '\n');
    });
}
