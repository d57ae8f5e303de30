/**
 * `healthgap spc`: statistical process control (XmR, Making Data Count rules, exact to
 * NHSRplotthedots) of a monthly (or any dated) series in a CSV file.
 *
 *   healthgap spc --input f.csv --value col --date col [--group-by col] [--improvement increase|decrease|neutral]
 *     [--target n | --target A=n,B=m] [--rebase 2018-04-01,... | --rebase A=2018-04-01,...] [--fix-after n]
 *     [--trajectory col] [--no-screen-outliers] [--output out.csv] [--summary-output s.csv] [--html out.html]
 *     [--measure text] [--percent]
 *
 * Writes one row per point with NHSRplotthedots' column names (CSV via `tableToCsv`) to
 * `--output` (or to stdout when neither `--output` nor `--html` is given) and prints a summary
 * per group; `--html` writes a self-contained accessible page of charts. Warnings (fewer than 12
 * points, rebase dates that match no point) go to stderr as `warning: …`.
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { displayPath } from '../../io/csv.js';
import { tableToCsv } from '../../io/csvWrite.js';
import { HealthgapError } from '../../core/errors.js';
import { renderReport } from '../../report/render.js';
import { spcFromCsv, spcReport } from '../../report/spcReport.js';
import { spcSummaryTable, spcTable, type SpcOptions, type SpcResult } from '../../stats/spc.js';

interface SpcCliOptions {
  input: string;
  value: string;
  date: string;
  groupBy?: string;
  improvement: string;
  target?: string;
  rebase?: string;
  fixAfter?: string;
  trajectory?: string;
  screenOutliers: boolean;
  output?: string;
  summaryOutput?: string;
  html?: string;
  measure?: string;
  percent?: boolean;
  title?: string;
}

/** `A=1,B=2` → { A: '1', B: '2' }; plain lists → null. */
function keyed(text: string): Record<string, string[]> | null {
  if (!text.includes('=')) return null;
  const out: Record<string, string[]> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) throw new HealthgapError(`expected group=value in "${text}", found "${part}"`);
    (out[part.slice(0, i).trim()] ??= []).push(part.slice(i + 1).trim());
  }
  return out;
}

function parseNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new HealthgapError(`${flag} must be a number (found "${text}")`);
  return n;
}

/** The method's options from the command line, checked. */
export function spcOptionsFromCli(opts: Pick<SpcCliOptions, 'improvement' | 'target' | 'rebase' | 'fixAfter' | 'screenOutliers' | 'groupBy'>): SpcOptions {
  const improvement = opts.improvement.trim().toLowerCase();
  if (!['increase', 'decrease', 'neutral'].includes(improvement))
    throw new HealthgapError(`--improvement must be increase, decrease or neutral (found "${opts.improvement}")`);
  const out: SpcOptions = { improvement: improvement as SpcOptions['improvement'], screenOutliers: opts.screenOutliers };
  if (opts.target !== undefined) {
    const k = keyed(opts.target);
    if (k && !opts.groupBy) throw new HealthgapError('--target group=value needs --group-by');
    out.target = k
      ? Object.fromEntries(Object.entries(k).map(([g, v]) => [g, parseNumber(v[v.length - 1], `--target for ${g}`)]))
      : parseNumber(opts.target, '--target');
  }
  if (opts.rebase !== undefined) {
    const k = keyed(opts.rebase);
    if (k && !opts.groupBy) throw new HealthgapError('--rebase group=date needs --group-by');
    out.rebase =
      k ??
      opts.rebase
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  }
  if (opts.fixAfter !== undefined) {
    const n = Number(opts.fixAfter);
    if (!Number.isInteger(n) || n < 12) throw new HealthgapError(`--fix-after must be a whole number of 12 or more (found "${opts.fixAfter}")`);
    out.fixAfterNPoints = n;
  }
  return out;
}

const fmt = (v: number | null, percent: boolean): string => (v === null ? 'n/a' : percent ? `${(v * 100).toFixed(1)}%` : String(Number(v.toPrecision(4))));

/** The plain-text summary printed per group and rebase segment. */
export function formatSpcSummary(result: SpcResult, percent = false): string {
  const out: string[] = [];
  for (const s of result.summary) {
    const name = s.f === 'no facet' ? 'series' : String(s.f);
    out.push(
      `${name}${s.rebase_group || result.summary.some((x) => x.f === s.f && x.rebase_group !== s.rebase_group) ? ` [rebase group ${s.rebase_group}]` : ''}: ${s.n} points ${s.from} to ${s.to}; ` +
        `mean ${fmt(s.mean_col, percent)}, limits ${fmt(s.lpl, percent)} to ${fmt(s.upl, percent)}; ` +
        `special cause: ${s.special_cause_improvement} improvement, ${s.special_cause_concern} concern${s.special_cause_neutral ? `, ${s.special_cause_neutral} neutral` : ''}; ` +
        `variation: ${s.variation_type}` +
        (s.assurance_type ? `; assurance: ${s.assurance_type} (target ${fmt(s.target, percent)})` : ''),
    );
  }
  return out.join('\n') + '\n';
}

function write(file: string, text: string): void {
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new HealthgapError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
  }
}

export function register(program: Command): void {
  program
    .command('spc')
    .description(
      'statistical process control (XmR) with Making Data Count rules, as NHSRplotthedots: limits, special causes, variation and assurance, per group',
    )
    .requiredOption('--input <file>', 'CSV file (plain or .gz), one row per date (and group)')
    .requiredOption('--value <col>', 'column of values')
    .requiredOption('--date <col>', 'column of dates: YYYY-MM-DD, YYYY-MM or DD/MM/YYYY')
    .option('--group-by <col>', 'column of groups (facets): one chart and one set of limits per group')
    .option('--improvement <dir>', 'which way is better: increase, decrease or neutral', 'increase')
    .option('--target <n>', 'target value, or one per group: RXK=0.95,RNA=0.9 (gives the assurance)')
    .option('--rebase <dates>', 'recalculate the limits from these dates: 2018-04-01,2018-10-01, or per group: RRK=2018-07-01')
    .option('--fix-after <n>', 'fix the mean and limits after the first n points of each period (n ≥ 12)')
    .option('--trajectory <col>', 'column of trajectory values (drawn on the chart, carried to the output)')
    .option('--no-screen-outliers', 'keep moving ranges of 3.267 × their mean or more (screened out by default)')
    .option('--output <file>', 'write the points (one row per point, NHSRplotthedots columns) to this CSV')
    .option('--summary-output <file>', 'write the summary (one row per group and rebase period) to this CSV')
    .option('--html <file>', 'write a self-contained accessible HTML page of charts')
    .option('--measure <text>', 'what is measured, for the page and chart titles (default: the value column)')
    .option('--percent', 'values are proportions (0–1): show them as percentages')
    .option('--title <text>', 'title of the HTML page')
    .action((opts: SpcCliOptions) => {
      const options = spcOptionsFromCli(opts);
      const result = spcFromCsv(opts.input, { value: opts.value, date: opts.date, groupBy: opts.groupBy, trajectory: opts.trajectory }, options);
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      const csv = tableToCsv(spcTable(result));
      const summary = formatSpcSummary(result, opts.percent === true);
      if (opts.output) write(opts.output, csv);
      if (opts.summaryOutput) write(opts.summaryOutput, tableToCsv(spcSummaryTable(result)));
      if (opts.html) {
        const report = spcReport(result, {
          measure: opts.measure ?? opts.value,
          percent: opts.percent === true,
          title: opts.title,
          source: displayPath(opts.input),
        });
        write(opts.html, renderReport(report));
      }
      if (!opts.output && !opts.html) {
        process.stdout.write(csv);
        process.stderr.write(summary);
      } else {
        process.stdout.write(summary);
        if (opts.output) process.stdout.write(`wrote ${opts.output} (${result.rows.length} row${result.rows.length === 1 ? '' : 's'})\n`);
        if (opts.summaryOutput) process.stdout.write(`wrote ${opts.summaryOutput} (${result.summary.length} row${result.summary.length === 1 ? '' : 's'})\n`);
        if (opts.html) process.stdout.write(`wrote ${opts.html}\n`);
      }
    });
}
