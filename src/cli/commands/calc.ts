/**
 * `healthgap calc <method>`: the statistics methods as a CSV-in / CSV-out command, for scripted
 * pipelines and other languages.
 *
 *   healthgap calc <method> --input FILE [--output FILE] [--group-by a,b] [--confidence 0.95 | 0.95,0.998] [...]
 *
 * Every method is one entry of the registry (`calc/registry.ts`; the specs in `calc/*.ts`): its
 * options and the library verb it calls. This file is the wiring: flags from the specs, the input
 * read with `readCsvTable` (plain or .gz; the columns a method uses as numbers are parsed with
 * errors naming file, line and column; blank and suppressed cells become missing, with a note),
 * the output written with the one CSV writer: the group-by columns first, then PHEim's columns for
 * `type = "full"`, numbers to 15 significant digits, missing values as empty cells, logicals as
 * TRUE/FALSE. Bad input is one line on stderr and exit code 2.
 */
import type { Command } from 'commander';
import { tableToCsv, tableToCsvBlocks } from '../../io/csvWrite.js';
import { writeFileAtomicBlocks } from '../../io/atomicWrite.js';
import { HealthgapError } from '../../core/errors.js';
import { readCsvTable } from '../../io/csv.js';
import { readerNotes } from '../../core/notes.js';
import type { VerbSource } from '../../stats/verb.js';
import { parseConfidenceOption, parseOptionValue, type MethodSpec } from './calc/spec.js';
import { METHODS } from './calc/registry.js';

export { METHODS } from './calc/registry.js';
export { parseConfidenceOption } from './calc/spec.js';
export type { MethodSpec, OptionSpec, RunContext } from './calc/spec.js';

/** @deprecated import `tableToCsv` from `io/csvWrite.js`; kept here for one release. */
export { tableToCsv };

/** The columns a run reads as numbers and the columns it needs, from the method and its parsed options. */
function inputColumns(m: MethodSpec, opts: Record<string, unknown>, groupBy: string[]): { numeric: Set<string>; required: string[] } {
  const numeric = new Set<string>(m.defaultNumeric ?? []);
  const required = [...groupBy];
  for (const o of m.options) {
    const v = opts[o.key];
    if (typeof v !== 'string') continue;
    if (o.kind === 'column') {
      if (o.special?.includes(v.toLowerCase())) continue;
      numeric.add(v);
      required.push(v);
    } else if (o.kind === 'text-column') required.push(v);
  }
  for (const g of groupBy) numeric.delete(g);
  return { numeric, required };
}

/** Run one method on the parsed command line and write its output. */
function runMethod(m: MethodSpec, raw: Record<string, unknown>): void {
  const opts: Record<string, unknown> = {};
  for (const o of m.options) opts[o.key] = parseOptionValue(o, raw[o.key]);
  if (m.multiplier) opts.multiplier = parseOptionValue({ key: 'multiplier', flags: '--multiplier', description: '', kind: 'number' }, raw.multiplier);
  const confidence = parseConfidenceOption(raw.confidence as string | undefined);
  const groupBy = raw.groupBy
    ? String(raw.groupBy)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const { numeric, required } = inputColumns(m, opts, groupBy);
  const input = readCsvTable(String(raw.input), { numeric, required });
  const source: VerbSource = input.firstDataLine !== undefined ? { file: input.file, firstDataLine: input.firstDataLine } : { file: input.file };
  const table = groupBy.length ? input.table.groupby(...groupBy) : input.table;
  const out = m.run({ table, opts, confidence, source, groupBy });
  const blocks = tableToCsvBlocks(out.ungroup());
  if (raw.output) {
    try {
      writeFileAtomicBlocks(String(raw.output), blocks);
    } catch (e) {
      throw new HealthgapError(`cannot write ${String(raw.output)} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
    }
  } else for (const block of blocks) process.stdout.write(block);
  for (const note of [...readerNotes(input.table), ...readerNotes(out)]) process.stderr.write(`note: ${note}\n`);
}

/** Register `healthgap calc` and its methods. */
export function register(program: Command): void {
  const calc = program
    .command('calc')
    .description(`statistics on a CSV: ${METHODS.map((m) => m.name).join(', ')} (CSV in, CSV out)`)
    .addHelpText('after', "\nRun healthgap calc <method> --help for a method's options.");
  for (const m of METHODS) {
    const cmd = calc.command(m.name).description(m.summary);
    cmd.requiredOption('--input <file>', 'input CSV (plain or .gz)');
    cmd.option('--output <file>', 'output CSV (default: standard output)');
    cmd.option('--group-by <cols>', 'comma-separated group columns (output has one row per group)');
    if (m.confidence !== false) cmd.option('--confidence <levels>', 'confidence level 0.95 (default), or 0.95,0.998');
    if (m.multiplier) cmd.option('--multiplier <n>', `multiplier (default ${m.multiplier})`);
    for (const o of m.options) {
      if (o.required) cmd.requiredOption(o.flags, o.description, o.default);
      else if (o.default !== undefined) cmd.option(o.flags, o.description, o.default);
      else cmd.option(o.flags, o.description);
    }
    cmd.action((raw: Record<string, unknown>) => runMethod(m, raw));
  }
}
