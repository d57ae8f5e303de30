/**
 * The burden methods of `healthgap calc`: `cmf`, `excess`, `pyll` and `yll`, as entries of the
 * method registry (same shape as the other methods: options and the verb each calls).
 *
 *   healthgap calc cmf --input f.csv --x deaths --n population --stdpop esp2013 --group-by area_code --reference E92000001
 *   healthgap calc excess --input f.csv --x deaths --n population --group-by area_code --age-band age_band --reference E92000001
 *   healthgap calc pyll --input f.csv --x deaths --n population --age-band age_band --group-by area_code
 *   healthgap calc yll --input f.csv --x deaths --age-band age_band --group-by area_code [--life-table my_table.csv]
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../core/errors.js';
import type { ConfidenceInput } from '../../stats/confidence.js';
import type { VerbSource } from '../../stats/verb.js';
import { cmf } from '../../stats/burden/cmf.js';
import { excessDeaths } from '../../stats/burden/excess.js';
import { pyll, yll, type YearsLostMeasure } from '../../stats/burden/yearsLost.js';
import { readLifeTableCsv } from '../../stats/burden/lifeTable.js';

type OptionKind = 'column' | 'text-column' | 'number' | 'integer' | 'boolean' | 'true-false' | 'string';

interface BurdenOptionSpec {
  key: string;
  flags: string;
  description: string;
  kind: OptionKind;
  required?: boolean;
  default?: string;
  special?: string[];
}

interface BurdenRunContext {
  table: ColumnTable;
  opts: Record<string, unknown>;
  confidence: ConfidenceInput | undefined;
  source: VerbSource;
  groupBy: string[];
}

/** A `healthgap calc` method (the shape of the registry entries in calc). */
export interface BurdenMethodSpec {
  name: string;
  summary: string;
  options: BurdenOptionSpec[];
  multiplier?: string;
  run: (ctx: BurdenRunContext) => ColumnTable;
}

const STDPOP: BurdenOptionSpec = {
  key: 'stdpop',
  flags: '--stdpop <col|esp2013>',
  description: 'standard population: esp2013 (matched to the --age-band labels, or the 19 ESP 2013 bands 0-4 … 90+ in row order) or a column',
  kind: 'column',
  default: 'esp2013',
  special: ['esp2013'],
};
const AGE_BAND = (required: boolean): BurdenOptionSpec => ({
  key: 'ageBand',
  flags: '--age-band <col>',
  description: required
    ? 'age-band label column ("Under 1", "1-4", … "90+")'
    : 'age-band label column: bands are matched with the reference by label (without it, by row order)',
  kind: 'text-column',
  required,
});
const REFERENCE: BurdenOptionSpec = {
  key: 'reference',
  flags: '--reference <value>',
  description: 'the reference group: a value of the first --group-by column (e.g. E92000001 for England, a region code)',
  kind: 'string',
  required: true,
};
const REFERENCE_COLUMN: BurdenOptionSpec = {
  key: 'referenceColumn',
  flags: '--reference-column <col>',
  description: 'group-by column holding --reference (default the first); the other group-by columns (e.g. sex) are matched',
  kind: 'string',
};
const MEASURE = (dflt: string): BurdenOptionSpec => ({
  key: 'measure',
  flags: '--measure <m>',
  description: `what value holds: years, crude-rate or standardised-rate (default ${dflt})`,
  kind: 'string',
  default: dflt,
});

function measureOf(opts: Record<string, unknown>): YearsLostMeasure {
  const m = String(opts.measure);
  if (m !== 'years' && m !== 'crude-rate' && m !== 'standardised-rate')
    throw new HealthgapError(`--measure must be years, crude-rate or standardised-rate (found "${m}")`);
  return m;
}

const stdpopOf = (opts: Record<string, unknown>): string => (String(opts.stdpop ?? 'esp2013').toLowerCase() === 'esp2013' ? 'esp2013' : String(opts.stdpop));

/** The burden methods, added to the `healthgap calc` registry. */
export const BURDEN_METHODS: BurdenMethodSpec[] = [
  {
    name: 'cmf',
    summary: 'comparative mortality figure: ratio of two DSRs × 100 against a reference group, log-normal limits (Breslow and Day)',
    options: [
      { key: 'x', flags: '--x <col>', description: 'deaths column (one row per age band)', kind: 'column', required: true },
      { key: 'n', flags: '--n <col>', description: 'population column', kind: 'column', required: true },
      STDPOP,
      AGE_BAND(false),
      REFERENCE,
      REFERENCE_COLUMN,
    ],
    run: ({ table, opts, confidence, source }) =>
      cmf(table, {
        x: opts.x as string,
        n: opts.n as string,
        stdpop: stdpopOf(opts),
        ageBand: opts.ageBand as string | undefined,
        reference: opts.reference as string,
        referenceColumn: opts.referenceColumn as string | undefined,
        confidence,
        source,
      }),
  },
  {
    name: 'excess',
    summary: "excess deaths: observed − expected at the reference group's (or the best quartile's) age-specific rates, limits from the observed count",
    options: [
      { key: 'x', flags: '--x <col>', description: 'deaths column (one row per age band)', kind: 'column', required: true },
      { key: 'n', flags: '--n <col>', description: 'population column', kind: 'column', required: true },
      AGE_BAND(false),
      {
        ...REFERENCE,
        description:
          'the reference group (a value of the first --group-by column, e.g. E92000001), or best-quartile: the pooled rates of the quarter of groups with the lowest standardised mortality',
      },
      REFERENCE_COLUMN,
      { key: 'exclude', flags: '--exclude <values>', description: 'with best-quartile: groups left out of the pool, e.g. E92000001,E12000005', kind: 'string' },
      { key: 'byBand', flags: '--by-band', description: 'one row per group and age band (needs --age-band)', kind: 'boolean' },
    ],
    run: ({ table, opts, confidence, source }) =>
      excessDeaths(table, {
        x: opts.x as string,
        n: opts.n as string,
        ageBand: opts.ageBand as string | undefined,
        reference: opts.reference as string,
        referenceColumn: opts.referenceColumn as string | undefined,
        exclude: opts.exclude
          ? String(opts.exclude)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
        byBand: !!opts.byBand,
        confidence,
        source,
      }),
  },
  {
    name: 'pyll',
    summary: 'potential years of life lost before 75 (band mid-points; ONS/OHID): years, crude or age-standardised rate, Dobson limits',
    multiplier: '100000',
    options: [
      { key: 'x', flags: '--x <col>', description: 'deaths column (one row per age band)', kind: 'column', required: true },
      { key: 'n', flags: '--n <col>', description: 'population column (needed for rates)', kind: 'column' },
      AGE_BAND(true),
      STDPOP,
      MEASURE('standardised-rate'),
      { key: 'upperAge', flags: '--upper-age <n>', description: 'age up to which years are counted (default 75)', kind: 'number' },
    ],
    run: ({ table, opts, confidence, source }) =>
      pyll(table, {
        x: opts.x as string,
        n: opts.n as string | undefined,
        ageBand: opts.ageBand as string,
        stdpop: stdpopOf(opts),
        measure: measureOf(opts),
        upperAge: opts.upperAge as number | undefined,
        multiplier: opts.multiplier as number | undefined,
        confidence,
        source,
      }),
  },
  {
    name: 'yll',
    summary: 'years of life lost against a standard life table (GBD 2019 reference by default): years, crude or age-standardised rate, Dobson limits',
    multiplier: '100000',
    options: [
      { key: 'x', flags: '--x <col>', description: 'deaths column (one row per age band)', kind: 'column', required: true },
      { key: 'n', flags: '--n <col>', description: 'population column (needed for rates)', kind: 'column' },
      AGE_BAND(true),
      STDPOP,
      MEASURE('years'),
      {
        key: 'lifeTable',
        flags: '--life-table <file>',
        description: 'standard life table CSV with columns age, life_expectancy (default: GBD 2019 reference life table)',
        kind: 'string',
      },
      {
        key: 'openBandWidth',
        flags: '--open-band-width <n>',
        description: 'width assumed for the open top band when taking its mid-point (default 5: 90+ → 92.5)',
        kind: 'number',
      },
    ],
    run: ({ table, opts, confidence, source }) =>
      yll(table, {
        x: opts.x as string,
        n: opts.n as string | undefined,
        ageBand: opts.ageBand as string,
        stdpop: stdpopOf(opts),
        measure: measureOf(opts),
        lifeTable: opts.lifeTable ? readLifeTableCsv(String(opts.lifeTable)) : undefined,
        openBandWidth: opts.openBandWidth as number | undefined,
        multiplier: opts.multiplier as number | undefined,
        confidence,
        source,
      }),
  },
];
