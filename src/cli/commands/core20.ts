/**
 * `healthgap core20 <place> [--json] [--csv] [--deciles]`: the Core20 summary of a place (LAD,
 * UTLA, ICB, region, England by name or code, or a GP practice code): population and children
 * and young people living in Core20 (national IMD 2019 deciles 1-2), against the region and
 * England, with the narrative and the denominators used.
 */
import type { Command } from 'commander';
import { tableToCsv } from '../../io/csvWrite.js';
import { core20Summary, type Core20Summary } from '../../core20plus5/summary.js';
import { core20BandTable } from '../../core20plus5/core20.js';
import { formatFixed, roundHalfAway } from '../../core/rounding.js';

const cell = (v: unknown, measure: string): string => {
  if (v === null || v === undefined) return '-';
  if (typeof v !== 'number') return String(v);
  return /\(%\)/.test(measure) ? formatFixed(v, 1) : roundHalfAway(v).toLocaleString('en-GB');
};

/** Plain-text rendering of a {@link Core20Summary}: the table, deciles (optional), narrative, notes. */
export function formatCore20Summary(s: Core20Summary, deciles = false): string {
  const rows = s.table.objects() as { measure: string; area: number | null; region: number | null; england: number | null }[];
  const heads = ['Measure', s.area.area_name, ...(s.region ? [s.region.area_name] : []), 'England'];
  const body = rows.map((r) => [r.measure, cell(r.area, r.measure), ...(s.region ? [cell(r.region, r.measure)] : []), cell(r.england, r.measure)]);
  const widths = heads.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ').trimEnd();
  const out: string[] = [`Core20 summary: ${s.area.area_name} (${s.area.area_code})`, '', line(heads), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  if (deciles) {
    out.push('', 'By national IMD 2019 decile (1 = most deprived), % of population');
    out.push(`Decile  ${s.area.area_name.slice(0, 20).padStart(20)}  England`);
    for (const d of s.deciles) out.push(`${String(d.decile).padStart(6)}  ${(d.share === null ? '-' : formatFixed(d.share, 1)).padStart(20)}  ${(d.englandShare === null ? '-' : formatFixed(d.englandShare, 1)).padStart(7)}${d.core20 ? '  Core20' : ''}`);
  }
  out.push('', ...s.narrative, '', 'Notes:', ...s.notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('core20')
    .description('Core20 summary of a place: population and children (0-15) living in the most deprived 20% of England (IMD 2019 deciles 1-2), vs region and England')
    .argument('<place...>', 'area code or name (Sandwell, E54000062, "NHS Black Country", England) or a GP practice code (M88006)')
    .option('--json', 'print the full summary (figures, deciles, narrative, notes) as JSON')
    .option('--csv', 'print the summary table as CSV')
    .option('--deciles', 'with --csv: the distribution by national decile instead; otherwise also print it')
    .action((place: string[], opts: { json?: boolean; csv?: boolean; deciles?: boolean }) => {
      const s = core20Summary(place.join(' '));
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...s, table: s.table.objects() }, null, 2) + '\n');
      } else if (opts.csv) {
        const t = opts.deciles ? core20BandTable(s.area, 'decile') : s.table;
        process.stdout.write(tableToCsv(t));
      } else {
        process.stdout.write(formatCore20Summary(s, opts.deciles === true));
      }
    });
}
