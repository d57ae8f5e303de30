/**
 * `healthgap prevalence <register> --by <level>`: QOF recorded prevalence for practices or rolled
 * up to PCN, CCG/sub-ICB, STP, NHS region, LAD, UTLA, ICB 2022, region or England, compared with
 * England and each area's parent; optionally one place with narrative, the practice funnel,
 * deprivation groups, or recorded against expected.
 */
import type { Command } from 'commander';
import { aq } from '../../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, UnknownAreaError } from '../../core/errors.js';
import { readerNotes } from '../../io/csv.js';
import { getGeography } from '../../geography/vintages.js';
import { closeMatches } from '../../geography/names.js';
import {
  prevalenceProfile,
  prevalenceNarrative,
  practiceFunnel,
  funnelNarrative,
  prevalenceByDeprivation,
  deprivationNarrative,
  readExpectedPrevalence,
  expectedHypertensionHse2022,
  compareRecordedToExpected,
  diagnosisNarrative,
  normalisePrevalenceLevel,
  formatPrevalenceNumber,
  PREVALENCE_LEVELS,
  PREVALENCE_LEVEL_LABELS,
  QOF_REGISTERS,
  type PrevalenceProfile,
  type DeprivationGrouping,
} from '../../prevalence/index.js';
import { tableToCsv } from '../../io/csvWrite.js';
import { checkFunnelOverdispersion } from '../../stats/funnel.js';
import { runPrevalenceTrend, type PrevalenceTrendOptions } from './prevalenceTrend.js';

interface PrevalenceCliOptions {
  by: string;
  place?: string;
  file?: string;
  csv?: boolean;
  json?: boolean;
  method?: string;
  funnel?: boolean;
  overdispersion?: string;
  deprivation?: string | boolean;
  expected?: string;
  unmapped?: boolean;
}

/** Period label from a QOF file name (PREVALENCE_2122.csv → 2021/22); the bundled file is 2019/20. */
export function qofPeriod(file?: string): string | null {
  if (!file) return '2019/20';
  const m = /(\d{2})(\d{2})(?!.*\d{4})/.exec(file.replace(/\\/g, '/').split('/').pop() ?? '');
  return m && Number(m[2]) === (Number(m[1]) + 1) % 100 ? `20${m[1]}/${m[2]}` : null;
}

/** Find the row of a place in a profile table: by code, by exact name, by a part of the name, or via the geography. */
export function findPlace(profile: PrevalenceProfile, query: string): string {
  const codes = profile.table.array('area_code') as string[];
  const names = (profile.table.array('area_name') as (string | null)[]).map((n) => n ?? '');
  const q = query.trim();
  const upper = q.toUpperCase();
  if (codes.includes(upper)) return upper;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const nq = norm(q);
  const exact = names.findIndex((n) => norm(n) === nq);
  if (exact >= 0) return codes[exact];
  if (['lad', 'utla', 'icb', 'region'].includes(profile.level)) {
    try {
      const a = getGeography().resolveArea(q, { level: profile.level as 'lad' | 'utla' | 'icb' | 'region' });
      if (codes.includes(a.code)) return a.code;
    } catch {
      // fall through to partial matches
    }
  }
  const partial = names.map((n, i) => (norm(n).includes(nq) ? i : -1)).filter((i) => i >= 0);
  if (partial.length === 1) return codes[partial[0]];
  if (partial.length > 1)
    throw new HealthgapError(
      `"${query}" matches ${partial.length} ${PREVALENCE_LEVEL_LABELS[profile.level]} areas: ${partial
        .slice(0, 6)
        .map((i) => `${names[i]} (${codes[i]})`)
        .join('; ')}${partial.length > 6 ? '; …' : ''}. Give the code or more of the name`,
    );
  const suggestions = closeMatches(q, names.filter(Boolean), 4);
  throw new UnknownAreaError(query, suggestions, `${PREVALENCE_LEVEL_LABELS[profile.level]}`);
}

function f(x: unknown, d = 1): string {
  return typeof x === 'number' ? formatPrevalenceNumber(x, d) : '-';
}

function textTable(t: ColumnTable, level: string): string {
  const rows = t.objects() as Record<string, unknown>[];
  const header = ['code', 'name', 'count', 'denominator', 'value %', '95% CI', 'vs England', 'vs parent', 'rank'];
  const body = rows.map((r) => [
    String(r.area_code),
    String(r.area_name ?? '').slice(0, 40),
    f(r.count, level === 'practice' || Number.isInteger(r.count) ? 0 : 1),
    f(r.denominator, level === 'practice' || Number.isInteger(r.denominator) ? 0 : 1),
    f(r.value, 2),
    r.value === null ? '-' : `${f(r.lower95_0cl, 2)}-${f(r.upper95_0cl, 2)}`,
    String(r.compared_to_england ?? '-'),
    String(r.compared_to_parent ?? '-'),
    r.rank === null ? '-' : `${String(r.rank)}/${String(r.rank_of)}`,
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (j >= 2 && j <= 5 ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

function jsonSafe(t: ColumnTable): Record<string, unknown>[] {
  return t.objects() as Record<string, unknown>[];
}

/** Run `healthgap prevalence`. Returns the text written to standard output; notes go to standard error. */
export function runPrevalence(registerArg: string, o: PrevalenceCliOptions): { stdout: string; notes: string[] } {
  const level = normalisePrevalenceLevel(o.by);
  if (o.csv && o.json) throw new HealthgapError('choose one of --csv and --json');
  const profile = prevalenceProfile(registerArg, level, { file: o.file, method: o.method });
  const period = qofPeriod(o.file);
  const notes = [...profile.notes];
  let table = profile.table;
  const out: Record<string, unknown> = { register: profile.register, level, level_label: PREVALENCE_LEVEL_LABELS[level], period, method: profile.method };
  let text = '';
  let code: string | null = null;
  if (o.place) {
    code = findPlace(profile, o.place);
    table = table.filter(aq.escape((d: { area_code: string }) => d.area_code === code));
    const sentences = prevalenceNarrative(profile, code, { period });
    out.narrative = sentences;
    text += sentences.join(' ') + '\n\n';
  }
  if (o.expected) {
    const exp =
      o.expected === 'hse2022'
        ? expectedHypertensionHse2022(code ? [code] : (profile.table.array('area_code') as string[]).filter((c) => /^E(06|07|08|09|10|12|92)/.test(c)))
        : readExpectedPrevalence(o.expected);
    const withEngland = profile.table.concat(profile.england);
    const cmp = compareRecordedToExpected(withEngland, exp, { register: profile.register.code });
    const rows = cmp.objects() as Record<string, unknown>[];
    const shown = code ? rows.filter((r) => r.area_code === code) : rows;
    out.expected = shown;
    if (!shown.length) throw new HealthgapError(`no expected value for ${code} in ${o.expected}`);
    text += shown.map((r) => diagnosisNarrative(r, profile.register)).join('\n') + '\n\n';
    if (o.csv) return { stdout: tableToCsv(aq.from(shown)), notes: [...notes, ...expectedNotes(cmp)] };
    if (o.json) return { stdout: JSON.stringify({ ...out, notes: [...notes, ...expectedNotes(cmp)] }, null, 2) + '\n', notes: [] };
    notes.push(...expectedNotes(cmp));
  }
  if (o.overdispersion !== undefined && !o.funnel) throw new HealthgapError('--overdispersion applies to the practice funnel: add --funnel');
  if (o.funnel) {
    const fn = practiceFunnel(profile.practices, { label: 'practices', overdispersion: checkFunnelOverdispersion(o.overdispersion) });
    const sentence = funnelNarrative(fn, profile.register);
    const d = fn.dispersion;
    const dispersion = d
      ? {
          phi: d.phi,
          tau2: d.tau2,
          chi_square: d.chiSquare,
          df: d.df,
          p_value: d.pValue,
          overdispersed: d.overdispersed,
          trim_by: d.trimBy,
          transform: d.transform,
        }
      : null;
    out.funnel = {
      overdispersion: fn.overdispersion,
      adjusted: fn.adjusted,
      dispersion,
      counts: fn.counts,
      average: fn.average,
      outside: jsonSafe(fn.outside),
      excluded: jsonSafe(fn.excluded),
      narrative: sentence,
    };
    if (o.csv) return { stdout: tableToCsv(fn.points), notes: [...notes, ...fn.notes] };
    if (o.json) return { stdout: JSON.stringify({ ...out, notes: [...notes, ...fn.notes] }, null, 2) + '\n', notes: [] };
    text += `${sentence}\n`;
    for (const [k, v] of Object.entries(fn.counts)) text += `  ${k.padEnd(16)} ${v}\n`;
    text += '\n';
    notes.push(...fn.notes);
    return { stdout: text, notes };
  }
  if (o.deprivation) {
    const by = (typeof o.deprivation === 'string' ? o.deprivation : 'core20-band') as DeprivationGrouping;
    const dep = prevalenceByDeprivation(profile.practices, { by });
    const sentence = deprivationNarrative(dep, profile.register);
    if (o.csv) return { stdout: tableToCsv(dep), notes };
    if (o.json) return { stdout: JSON.stringify({ ...out, deprivation: jsonSafe(dep), narrative: sentence, notes }, null, 2) + '\n', notes: [] };
    text += `${sentence}\n`;
    for (const r of dep.objects() as Record<string, unknown>[])
      text += `  ${String(r.group).padEnd(40)} ${f(r.value, 2).padStart(6)}%  (${f(r.lower95_0cl, 2)}-${f(r.upper95_0cl, 2)})  ${String(r.practices)} practices\n`;
    return { stdout: text, notes };
  }
  // the CSV names the geography and its vintage (e.g. CCG April 2021 / sub-ICB location) in its own column
  if (o.csv) return { stdout: tableToCsv(o.unmapped ? profile.unmapped : table.derive({ geography: aq.escape(() => PREVALENCE_LEVEL_LABELS[level]) })), notes };
  if (o.json) {
    return {
      stdout:
        JSON.stringify({ ...out, england: jsonSafe(profile.england)[0], rows: jsonSafe(table), unmapped: jsonSafe(profile.unmapped), notes }, null, 2) + '\n',
      notes: [],
    };
  }
  const eng = profile.england.object(0) as Record<string, unknown>;
  text += `${profile.register.name} (${profile.register.code}), QOF recorded prevalence, ${String(eng.age_base)}${period ? `, ${period}` : ''}, by ${PREVALENCE_LEVEL_LABELS[level]}\n`;
  text += `England: ${f(eng.value, 2)}% (${f(eng.count, 0)} / ${f(eng.denominator, 0)})\n\n`;
  text += textTable(table, level);
  if (o.unmapped && profile.unmapped.numRows()) {
    text += `\nUnmapped practices (${profile.unmapped.numRows()}):\n`;
    for (const r of profile.unmapped.objects() as Record<string, unknown>[])
      text += `  ${String(r.practice_code)}  ${f(r.count, 0)}/${f(r.denominator, 0)}  ${String(r.reason)}\n`;
  }
  return { stdout: text, notes };
}

/** Notes attached by compareRecordedToExpected (bases, CI method). */
function expectedNotes(t: ColumnTable): string[] {
  return readerNotes(t);
}

/** Register `healthgap prevalence`. */
export function register(program: Command): void {
  program
    .command('prevalence')
    .description('QOF recorded prevalence by practice, PCN, CCG/sub-ICB, LA, ICB or region, compared with England and the parent area')
    .argument('<register>', `QOF register: ${QOF_REGISTERS.map((r) => r.code).join(', ')} (or a name: diabetes, hypertension, ...)`)
    .option(
      '--by <level>',
      `level: ${PREVALENCE_LEVELS.join(', ')} (la = lad, sub-icb = ccg; ccg = the 106 CCGs of April 2021 in the NHS Digital practice map, which became the sub-ICB locations of July 2022, not the 135 CCGs of April 2020 that \`healthgap area --vintage 2019\` shows)`,
      'utla',
    )
    .option('--place <place>', 'one area (code or name) with narrative sentences')
    .option('--file <QOF.csv>', 'an NHS Digital QOF PREVALENCE_yyzz.csv (default: bundled 2019-20)')
    .option('--method <id>', 'Fingertips comparator method: 1 (default), 17, 12, 5, 15')
    .option('--funnel', 'practice funnel: counts above/below the 95% and 99.8% limits (--csv: every practice with its significance)')
    .option(
      '--overdispersion <model>',
      'with --funnel: none (default, PHEim limits), additive (random effects, tau2) or multiplicative (phi); Spiegelhalter 2005 as FunnelPlotR',
    )
    .option('--deprivation [by]', 'prevalence by deprivation: core20-band (default), imd-quintile, patient-imd-quintile')
    .option(
      '--expected <file|hse2022>',
      'recorded vs expected: a CSV of expected prevalence (see docs/prevalence.md) or hse2022 (hypertension, HSE 2022 × mid-2019 population)',
    )
    .option('--unmapped', 'list practices that could not be placed (with --csv: only them)')
    .option('--csv', 'write CSV to standard output')
    .option('--json', 'write JSON to standard output')
    .option('--trend', 'with --by ccg: every period of the added QOF CCG workbook releases, with CIs and the recent trend')
    .option('--period <period>', 'with --by ccg: one period of the added QOF CCG releases (e.g. 2016-17)')
    .option('--data-dir <dir>', 'your data directory (added releases; default HEALTHGAP_DATA_DIR, else the per-user folder)')
    .addHelpText(
      'after',
      '\nExamples:\n  healthgap prevalence DM --by ccg --trend\n  healthgap prevalence diabetes --by utla --place Sandwell\n  healthgap prevalence HYP --by lad --place Sandwell --expected hse2022\n  healthgap prevalence DEP --by icb --csv > dep_icb.csv\n  healthgap prevalence DM --by practice --funnel\n  healthgap prevalence DM --by practice --funnel --overdispersion additive',
    )
    .action((registerArg: string, o: PrevalenceCliOptions & PrevalenceTrendOptions) => {
      if (o.trend || o.period !== undefined) {
        process.stdout.write(runPrevalenceTrend(registerArg, o).stdout);
        return;
      }
      const { stdout, notes } = runPrevalence(registerArg, o);
      process.stdout.write(stdout);
      for (const n of notes) process.stderr.write(`note: ${n}\n`);
    });
}
