/**
 * `healthgap core20 <place> [--imd 2019|2025] [--transition] [--plus ethnicity] [--json] [--csv]
 * [--deciles]`: the Core20 summary of a place (any geography vintage: LAD, UTLA, ICB, region,
 * England by name or code, or a GP practice code) on IMD 2025 (default; LSOA 2021, Census 2021
 * populations) or IMD 2019 (LSOA 2011, IoD2019 File 6 populations), against the region and
 * England; with `--transition`, the neighbourhoods entering and leaving Core20 between IMD 2019
 * and IMD 2025; with `--plus ethnicity`, the ethnic groups of the place and of its Core20
 * neighbourhoods (Census 2021).
 */
import type { Command } from 'commander';
import { aq } from '../../core/arquero.js';
import { tableToCsv } from '../../io/csvWrite.js';
import { HealthgapError } from '../../io/errors.js';
import { core20Summary, type Core20Summary } from '../../core20plus5/summary.js';
import { core20BandTable, type ImdVintage } from '../../core20plus5/core20.js';
import { core20Transition, transitionNarrative, transitionTable, type Core20Transition } from '../../core20plus5/transition.js';
import { bridgeLsoas } from '../../geography/successors.js';
import { transitionMapNote } from '../../report/profile/maps.js';
import { plusEthnicity, plusEthnicityNarrative, plusEthnicityTable, type PlusEthnicity } from '../../core20plus5/plus.js';
import { practiceCore20Imd2025, type PracticeCore20Imd2025 } from '../../core20plus5/practiceImd2025.js';
import { formatFixed, roundHalfAway } from '../../core/rounding.js';
import { core20Trend } from '../../core20plus5/trend.js';
import { core20VintageOption, formatCore20Trend } from './core20Trend.js';

const cell = (v: unknown, measure: string): string => {
  if (v === null || v === undefined) return '-';
  if (typeof v !== 'number') return String(v);
  return /\(%\)/.test(measure) ? formatFixed(v, 1) : roundHalfAway(v).toLocaleString('en-GB');
};

/** Render rows as an aligned plain-text table (first column left-aligned, the rest right-aligned). */
function textTable(heads: string[], body: string[][]): string[] {
  const widths = heads.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(heads), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** Plain-text rendering of a {@link Core20Summary}: the table, deciles (optional), narrative, notes. */
export function formatCore20Summary(s: Core20Summary, deciles = false): string {
  const rows = s.table.objects() as { measure: string; area: number | null; region: number | null; england: number | null }[];
  const heads = ['Measure', s.area.area_name, ...(s.region ? [s.region.area_name] : []), 'England'];
  const body = rows.map((r) => [r.measure, cell(r.area, r.measure), ...(s.region ? [cell(r.region, r.measure)] : []), cell(r.england, r.measure)]);
  const out: string[] = [`Core20 summary: ${s.area.area_name} (${s.area.area_code}), IMD ${s.area.imd}`, '', ...textTable(heads, body)];
  if (deciles) {
    out.push('', `By national IMD ${s.area.imd} decile (1 = most deprived), % of population`);
    out.push(`Decile  ${s.area.area_name.slice(0, 20).padStart(20)}  England`);
    for (const d of s.deciles)
      out.push(
        `${String(d.decile).padStart(6)}  ${(d.share === null ? '-' : formatFixed(d.share, 1)).padStart(20)}  ${(d.englandShare === null ? '-' : formatFixed(d.englandShare, 1)).padStart(7)}${d.core20 ? '  Core20' : ''}`,
      );
  }
  out.push('', ...s.narrative, '', 'Notes:', ...s.notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}

/** Plain-text rendering of a {@link Core20Transition}. */
export function formatCore20Transition(t: Core20Transition): string {
  const body = t.counts.map((c) => [
    c.label,
    c.lsoas.toLocaleString('en-GB'),
    roundHalfAway(c.population).toLocaleString('en-GB'),
    roundHalfAway(c.cyp_population).toLocaleString('en-GB'),
  ]);
  body.push([
    'Core20 on IMD 2019 (wholly)',
    ...[t.core20_2019.lsoas, t.core20_2019.population, t.core20_2019.cyp_population].map((x) => roundHalfAway(x).toLocaleString('en-GB')),
  ]);
  body.push([
    'Core20 on IMD 2025',
    ...[t.core20_2025.lsoas, t.core20_2025.population, t.core20_2025.cyp_population].map((x) => roundHalfAway(x).toLocaleString('en-GB')),
  ]);
  const out = [
    `Core20 transition, IMD 2019 → IMD 2025: ${t.area_name} (${t.area_code})`,
    '',
    ...textTable(['Neighbourhoods (LSOAs 2021)', 'LSOAs', 'People', 'Children 0-15'], body),
    '',
    ...transitionNarrative(t),
    '',
    'Notes:',
    `- Populations: ${t.denominator}.`,
    ...t.notes.map((n) => `- ${n}`),
    `- Map: ${transitionMapLine(t)}`,
    '- The LSOA list: --csv.',
  ];
  return out.join('\n') + '\n';
}

/** Whether `healthgap profile` can map this transition (LSOA 2011 boundaries only are bundled), as one line. */
function transitionMapLine(t: Core20Transition): string {
  const lsoa21 = t.lsoas.array('lsoa21cd') as string[];
  const m = transitionMapNote(t.area_name, bridgeLsoas(lsoa21, '2024'));
  return m.drawable ? `${m.note} See \`healthgap profile "${t.area_name}" --sections core20-imd2025\`.` : m.note;
}

/** Plain-text rendering of a practice's IMD 2025 estimate ({@link practiceCore20Imd2025}). */
export function formatPracticeImd2025(p: PracticeCore20Imd2025): string {
  const n = (x: number) => roundHalfAway(x).toLocaleString('en-GB');
  const share = (x: number | null) => (x === null ? '-' : `${formatFixed(100 * x, 1)}%`);
  return (
    [
      `Core20 summary: ${p.name} (${p.code}), IMD 2025, ESTIMATED from registrations by LSOA 2011`,
      '',
      `  Registered patients with an English LSOA     ${n(p.patients)}`,
      `  Core20 status known exactly                  ${n(p.exact_patients)}`,
      `  In split LSOAs whose parts differ (shared)   ${n(p.apportioned_patients)}`,
      `  Estimated patients in Core20 (IMD 2025)      ${n(p.core20_patients)}`,
      `  Estimated Core20 share                       ${share(p.core20_share)} (range ${share(p.core20_share_low)} to ${share(p.core20_share_high)})`,
      '',
      'Notes:',
      `- ${p.method}`,
      ...p.notes.map((x) => `- ${x}`),
      '- Without --imd, a practice is shown on IMD 2019 (its registrations are by LSOA 2011).',
    ].join('\n') + '\n'
  );
}

const pct = (x: number | null) => (x === null ? '-' : formatFixed(x * 100, 1));

/** Plain-text rendering of a {@link PlusEthnicity}. */
export function formatPlusEthnicity(p: PlusEthnicity): string {
  const body = p.rows.map((r) => [
    r.label,
    roundHalfAway(r.population).toLocaleString('en-GB'),
    pct(r.composition),
    roundHalfAway(r.core20_population).toLocaleString('en-GB'),
    pct(r.share_in_core20),
    pct(r.england_share_in_core20),
  ]);
  const out = [
    `Core20PLUS5 PLUS groups by ethnicity: ${p.area_name} (${p.area_code}), IMD 2025, Census 2021`,
    '',
    ...textTable(['Ethnic group', 'Residents', '% of place', 'In Core20', '% in Core20', 'England % in Core20'], body),
    '',
    ...plusEthnicityNarrative(p),
    '',
    'Notes:',
    `- Populations: ${p.denominator}.`,
    ...p.notes.map((n) => `- ${n}`),
  ];
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('core20')
    .description(
      'Core20 summary of a place: population and children (0-15) living in the most deprived 20% of England (IMD 2025 deciles 1-2 by default; --imd 2019), vs region and England; --transition: IMD 2019 → 2025; --plus ethnicity: PLUS groups',
    )
    .argument(
      '<place...>',
      'area code or name in any vintage (Sandwell, Cumberland, E54000062, "NHS Black Country", England) or a GP practice code (M88006: IMD 2019 by default; --imd 2025 gives an estimate through the LSOA 2011 → 2021 lookup, with its range)',
    )
    .option('--imd <year>', `IMD vintage: 2025 (LSOA 2021, Census 2021 populations; default) or 2019 (LSOA 2011, IoD2019 File 6 populations)`)
    .option('--period <imd>', 'the same as --imd (2019, 2025, IoD2025, latest)')
    .option('--year <imd>', 'the same as --imd')
    .option('--trend', 'Core20 share of LSOAs and people on every IMD (2019 and 2025) with vintage, denominator, release and the recent-trend label')
    .option('--transition', 'neighbourhoods entering and leaving Core20 between IMD 2019 and IMD 2025, with people and children (Census 2021)')
    .option('--plus <group>', 'PLUS groups: "ethnicity" (Census 2021 ethnic group of the place and of its Core20 neighbourhoods, IMD 2025)')
    .option('--detailed', 'with --plus ethnicity: the 19 detailed groups instead of the 5 broad ones')
    .option('--json', 'print the full result (figures, narrative, notes) as JSON')
    .option('--csv', 'print the table as CSV (with --transition: one row per LSOA 2021)')
    .option('--deciles', 'with --csv: the distribution by national decile instead; otherwise also print it')
    .action(
      (
        place: string[],
        opts: {
          json?: boolean;
          csv?: boolean;
          deciles?: boolean;
          imd?: string;
          period?: string;
          year?: string;
          trend?: boolean;
          transition?: boolean;
          plus?: string;
          detailed?: boolean;
        },
      ) => {
        const query = place.join(' ');
        const imd: ImdVintage | undefined = core20VintageOption(opts);
        if (opts.trend) {
          if (opts.transition || opts.plus) throw new HealthgapError('--trend shows the Core20 share on each IMD; use it without --transition or --plus');
          const t = core20Trend(query, imd === undefined ? {} : { vintages: [imd] });
          if (opts.json) process.stdout.write(JSON.stringify(t, null, 2) + '\n');
          else if (opts.csv) {
            const head =
              'area_code,area_name,imd,lsoa_vintage,lsoas,core20_lsoas,lsoa_share,population,core20_population,share,england_share,trend,releases,denominator';
            const q = (x: string) => `"${x.replace(/"/g, '""')}"`;
            const rows = t.points.map((p) =>
              [
                t.area_code,
                q(t.area_name),
                p.imd,
                p.lsoaVintage,
                p.lsoas,
                p.core20Lsoas,
                p.lsoaShare,
                p.population,
                p.core20Population,
                p.share,
                p.englandShare,
                q(t.trend.label),
                q(p.releases.join(' + ')),
                q(p.denominator),
              ].join(','),
            );
            process.stdout.write([head, ...rows].join('\n') + '\n');
          } else process.stdout.write(formatCore20Trend(t));
          return;
        }
        if (opts.transition && opts.plus) throw new HealthgapError('choose one of --transition and --plus');
        if (opts.transition) {
          if (imd !== undefined) throw new HealthgapError('--transition compares IMD 2019 with IMD 2025; --imd does not apply');
          const t = core20Transition(query);
          if (opts.json)
            process.stdout.write(
              JSON.stringify({ ...t, lsoas: t.lsoas.objects(), narrative: transitionNarrative(t), map: transitionMapLine(t) }, null, 2) + '\n',
            );
          else if (opts.csv) process.stdout.write(tableToCsv(opts.deciles ? transitionTable(t) : t.lsoas));
          else process.stdout.write(formatCore20Transition(t));
          return;
        }
        if (opts.plus !== undefined) {
          if (opts.plus.toLowerCase() !== 'ethnicity') throw new HealthgapError(`unknown PLUS group "${opts.plus}"; available: ethnicity`);
          if (imd === 2019) throw new HealthgapError('--plus ethnicity uses Census 2021 by LSOA 2021, so IMD 2025; IMD 2019 does not apply');
          const p = plusEthnicity(query, { detail: opts.detailed ? 'detailed' : 'broad' });
          if (opts.json) process.stdout.write(JSON.stringify({ ...p, narrative: plusEthnicityNarrative(p) }, null, 2) + '\n');
          else if (opts.csv) process.stdout.write(tableToCsv(plusEthnicityTable(p)));
          else process.stdout.write(formatPlusEthnicity(p));
          return;
        }
        if (imd === 2025 && /^[A-Z]\d{5}$/.test(query.trim().toUpperCase())) {
          // a GP practice on IMD 2025: the bridged estimate with its range (registrations are by LSOA 2011)
          const p = practiceCore20Imd2025(query);
          if (opts.json) process.stdout.write(JSON.stringify(p, null, 2) + '\n');
          else if (opts.csv) process.stdout.write(tableToCsv(aq.from([{ ...p, notes: p.notes.join(' ') }])));
          else process.stdout.write(formatPracticeImd2025(p));
          return;
        }
        const s = core20Summary(query, { imd });
        if (opts.json) {
          process.stdout.write(JSON.stringify({ ...s, table: s.table.objects() }, null, 2) + '\n');
        } else if (opts.csv) {
          const t = opts.deciles ? core20BandTable(s.area, 'decile') : s.table;
          process.stdout.write(tableToCsv(t));
        } else {
          process.stdout.write(formatCore20Summary(s, opts.deciles === true));
        }
      },
    );
}
