/**
 * The `--spc` options of `healthgap profile`: add a Making Data Count SPC section for any monthly
 * series of the analyst's (`--spc file.csv --spc-value col --spc-date col`), built by
 * `src/report/profile/sections/spc.ts`.
 */
import type { Command } from 'commander';
import { HealthgapError } from '../../core/errors.js';
import type { CustomProfileSection } from '../../report/profile/types.js';
import { spcProfileSection } from '../../report/profile/sections/spc.js';
import { spcOptionsFromCli } from './spc.js';

/** The flags, as commander names them. */
export interface SpcSectionFlags {
  spc?: string;
  spcValue?: string;
  spcDate?: string;
  spcMeasure?: string;
  spcImprovement?: string;
  spcTarget?: string;
  spcRebase?: string;
  spcPercent?: boolean;
}

/** Add the `--spc…` options to a command. */
export function addSpcSectionOptions(cmd: Command): Command {
  return cmd
    .option('--spc <file>', 'add an SPC (Making Data Count) section for a monthly series in this CSV')
    .option('--spc-value <col>', 'column of values of the --spc file')
    .option('--spc-date <col>', 'column of dates of the --spc file')
    .option('--spc-measure <text>', 'what the --spc series measures (section heading)')
    .option('--spc-improvement <dir>', 'increase (default), decrease or neutral')
    .option('--spc-target <n>', 'target of the --spc series (gives the assurance icon)')
    .option('--spc-rebase <dates>', 'dates from which the limits are recalculated: 2018-04-01,…')
    .option('--spc-percent', 'the --spc values are proportions: show them as percentages');
}

/** The custom sections the flags ask for (none without `--spc`). */
export function spcSectionsFromFlags(opts: SpcSectionFlags): CustomProfileSection[] | undefined {
  if (!opts.spc) {
    if (opts.spcValue || opts.spcDate) throw new HealthgapError('--spc-value and --spc-date need --spc <file>');
    return undefined;
  }
  if (!opts.spcValue || !opts.spcDate) throw new HealthgapError('--spc needs --spc-value <col> and --spc-date <col>');
  const o = spcOptionsFromCli({ improvement: opts.spcImprovement ?? 'increase', target: opts.spcTarget, rebase: opts.spcRebase, screenOutliers: true });
  return [
    spcProfileSection({
      file: opts.spc,
      value: opts.spcValue,
      date: opts.spcDate,
      measure: opts.spcMeasure,
      percent: opts.spcPercent === true,
      improvement: o.improvement,
      target: typeof o.target === 'number' ? o.target : undefined,
      rebase: Array.isArray(o.rebase) ? o.rebase.map(String) : undefined,
    }),
  ];
}
