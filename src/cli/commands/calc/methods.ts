/**
 * The statistics methods of `healthgap calc`: one {@link MethodSpec} each, calling the PHEim
 * ports in `src/stats`. Each method's options map to the verb's options one to one.
 */
import { HealthgapError } from '../../../core/errors.js';
import { proportion } from '../../../stats/proportion.js';
import { rate } from '../../../stats/rate.js';
import { mean } from '../../../stats/mean.js';
import { dsr, ESP2013 } from '../../../stats/dsr.js';
import { isrRate, isrRatio } from '../../../stats/isr.js';
import { lifeExpectancy, LE_AGE_CONTENTS_80, LE_AGE_CONTENTS_85, LE_AGE_CONTENTS_90 } from '../../../stats/lifeExpectancy.js';
import { quantile } from '../../../stats/quantile.js';
import { sii, type SiiValueType } from '../../../stats/sii.js';
import { funnelLimits, funnelSignificance, type FunnelOptions } from '../../../stats/funnel.js';
import { compareToBenchmark } from '../../../stats/benchmark.js';
import { recentTrend } from '../../../stats/trend.js';
import type { VerbSource } from '../../../stats/verb.js';
import { col, type MethodSpec, type OptionSpec } from './spec.js';

/** Options shared by funnel-limits and funnel-significance. */
export const FUNNEL_OPTIONS: OptionSpec[] = [
  col('numerator', 'numerator', 'numerator column (events, observed counts)'),
  col('denominator', 'denominator', 'denominator column (proportions), expected counts (ratios) or populations (crude rates with 0 events)', false),
  col('rate', 'rate', 'rate column (statistic rate)', false),
  { key: 'statistic', flags: '--statistic <s>', description: 'proportion, ratio or rate', kind: 'string', required: true },
  { key: 'ratioType', flags: '--ratio-type <t>', description: 'ratios: count (limits as ratio − 1) or isr (ratio × 100)', kind: 'string' },
  { key: 'rateType', flags: '--rate-type <t>', description: 'rates: dsr or crude', kind: 'string' },
  { key: 'yearsOfData', flags: '--years-of-data <n>', description: 'rates: number of years the data cover', kind: 'number' },
];

function funnelOptions(opts: Record<string, unknown>, source: VerbSource): FunnelOptions {
  const st = String(opts.statistic);
  if (st !== 'proportion' && st !== 'ratio' && st !== 'rate') throw new HealthgapError(`--statistic must be proportion, ratio or rate (found "${st}")`);
  const rt = opts.ratioType as string | undefined;
  if (rt !== undefined && rt !== 'count' && rt !== 'isr') throw new HealthgapError(`--ratio-type must be count or isr (found "${rt}")`);
  const rr = opts.rateType as string | undefined;
  if (rr !== undefined && rr !== 'dsr' && rr !== 'crude') throw new HealthgapError(`--rate-type must be dsr or crude (found "${rr}")`);
  return {
    numerator: opts.numerator as string,
    denominator: opts.denominator as string | undefined,
    rate: opts.rate as string | undefined,
    statistic: st,
    ratioType: rt,
    rateType: rr,
    yearsOfData: opts.yearsOfData as number | undefined,
    multiplier: opts.multiplier as number | undefined,
    source,
  };
}

/** Options shared by isratio and israte: local and reference events and populations by age band. */
export const ISR_OPTIONS: OptionSpec[] = [
  col('x', 'x', 'observed events column (one row per age band)'),
  col('n', 'n', 'local population column'),
  col('xRef', 'x-ref', 'reference events column'),
  col('nRef', 'n-ref', 'reference population column'),
];

/** The statistics methods of `healthgap calc` (PHEim ports and Fingertips methods): options and the verb each calls. */
export const STATS_METHODS: MethodSpec[] = [
  {
    name: 'proportion',
    summary: 'proportion x/n with Wilson score limits (PHEim phe_proportion)',
    multiplier: '1 (100 for a percentage)',
    options: [col('x', 'x', 'numerator column'), col('n', 'n', 'denominator column')],
    run: ({ table, opts, confidence, source }) =>
      proportion(table, { x: opts.x as string, n: opts.n as string, confidence, multiplier: opts.multiplier as number | undefined, source }),
  },
  {
    name: 'rate',
    summary: "crude rate x/n with exact (x < 10) or Byar's limits (PHEim phe_rate)",
    multiplier: '100000',
    options: [col('x', 'x', 'event count column'), col('n', 'n', 'denominator (population) column')],
    run: ({ table, opts, confidence, source }) =>
      rate(table, { x: opts.x as string, n: opts.n as string, confidence, multiplier: opts.multiplier as number | undefined, source }),
  },
  {
    name: 'mean',
    summary: "mean with Student's t limits (PHEim phe_mean)",
    options: [col('x', 'x', 'column of values')],
    run: ({ table, opts, confidence, source }) => mean(table, { x: opts.x as string, confidence, source }),
  },
  {
    name: 'dsr',
    summary: 'directly standardised rate, Dobson limits, suppressed below 10 events (PHEim calculate_dsr)',
    multiplier: '100000',
    options: [
      col('x', 'x', 'event count column (one row per age band)'),
      col('n', 'n', 'population column'),
      {
        key: 'stdpop',
        flags: '--stdpop <col|esp2013>',
        description: 'standard population column, or esp2013: the 19 ESP 2013 bands (0-4 … 90+) in row order within each group',
        kind: 'column',
        required: true,
        special: ['esp2013'],
      },
      {
        key: 'zeroPopulation',
        flags: '--zero-population <error|na>',
        description: 'a population of 0 or missing: error (PHEim) or NA for that group',
        kind: 'string',
        default: 'error',
      },
    ],
    run: ({ table, opts, confidence, source }) => {
      const esp = String(opts.stdpop).toLowerCase() === 'esp2013';
      const zp = String(opts.zeroPopulation ?? 'error');
      if (zp !== 'error' && zp !== 'na') throw new HealthgapError(`--zero-population must be error or na (found "${zp}")`);
      return dsr(table, {
        x: opts.x as string,
        n: opts.n as string,
        ...(esp ? { stdpopValues: ESP2013 } : { stdpop: opts.stdpop as string }),
        confidence,
        multiplier: opts.multiplier as number | undefined,
        zeroPopulation: zp,
        source,
      });
    },
  },
  {
    name: 'isratio',
    summary: 'indirectly standardised ratio (SMR) O/E × refvalue (PHEim calculate_ISRatio)',
    options: [
      ...ISR_OPTIONS,
      { key: 'refvalue', flags: '--refvalue <n>', description: 'ratio of the reference population: 1 (default) or 100', kind: 'number' },
    ],
    run: ({ table, opts, confidence, source }) =>
      isrRatio(table, {
        x: opts.x as string,
        n: opts.n as string,
        xRef: opts.xRef as string,
        nRef: opts.nRef as string,
        refvalue: opts.refvalue as number | undefined,
        confidence,
        source,
      }),
  },
  {
    name: 'israte',
    summary: 'indirectly standardised rate (PHEim calculate_ISRate)',
    multiplier: '100000',
    options: ISR_OPTIONS,
    run: ({ table, opts, confidence, source }) =>
      isrRate(table, {
        x: opts.x as string,
        n: opts.n as string,
        xRef: opts.xRef as string,
        nRef: opts.nRef as string,
        multiplier: opts.multiplier as number | undefined,
        confidence,
        source,
      }),
  },
  {
    name: 'le',
    summary: 'life expectancy at every age band, Chiang II with Silcocks limits (PHEim phe_life_expectancy)',
    options: [
      col('deaths', 'deaths', 'deaths column (one row per age band)'),
      col('population', 'population', 'population column'),
      col('startAge', 'start-age', 'age band column: start ages (0, 1, 5, …) or labels (0, 1-4, …, 90+)', true, 'text-column'),
      {
        key: 'leAge',
        flags: '--le-age <all|ages>',
        description: 'all (default) or the start age(s) to report, e.g. 0 or 0,65',
        kind: 'string',
        default: 'all',
      },
      {
        key: 'openBand',
        flags: '--open-band <90|85|80>',
        description: 'start age of the final open band (default 90: 20 bands)',
        kind: 'integer',
        default: '90',
      },
    ],
    run: ({ table, opts, confidence, source }) => {
      const open = opts.openBand as number;
      const ageContents = open === 90 ? LE_AGE_CONTENTS_90 : open === 85 ? LE_AGE_CONTENTS_85 : open === 80 ? LE_AGE_CONTENTS_80 : null;
      if (!ageContents) throw new HealthgapError(`--open-band must be 90, 85 or 80 (found ${open})`);
      const le = String(opts.leAge ?? 'all').trim();
      const leAge =
        le.toLowerCase() === 'all'
          ? 'all'
          : le.split(',').map((s) => {
              const v = Number(s.trim());
              if (!Number.isFinite(v)) throw new HealthgapError(`--le-age must be all or start ages such as 0 or 0,65 (found "${le}")`);
              return v;
            });
      return lifeExpectancy(table, {
        deaths: opts.deaths as string,
        population: opts.population as string,
        startAge: opts.startAge as string,
        ageContents,
        leAge,
        confidence,
        source,
      });
    },
  },
  {
    name: 'sii',
    summary: 'slope and relative index of inequality with simulated limits (PHEim phe_sii)',
    multiplier: '1',
    options: [
      col('quantile', 'quantile', 'quantile column (1 = most deprived)'),
      col('population', 'population', 'population column'),
      col('value', 'value', 'indicator value column', false),
      { key: 'valueType', flags: '--value-type <0|1|2>', description: '0 normal, 1 rate, 2 proportion (default 0)', kind: 'integer', default: '0' },
      col('lowerCl', 'lower-cl', 'lower 95% limit column (natural scale)', false),
      col('upperCl', 'upper-cl', 'upper 95% limit column', false),
      col('se', 'se', 'standard error column (instead of limits)', false),
      col('x', 'x', 'count column, for proportions without a value column', false),
      { key: 'repetitions', flags: '--repetitions <n>', description: 'number of simulations (default 100000)', kind: 'integer' },
      { key: 'seed', flags: '--seed <n>', description: 'random seed: the same seed gives the same limits (default 1)', kind: 'integer' },
      { key: 'rii', flags: '--rii', description: 'also the relative index of inequality and its limits', kind: 'boolean' },
      { key: 'transform', flags: '--transform', description: 'fit on the log (rate) or logit (proportion) scale', kind: 'boolean' },
      { key: 'intercept', flags: '--intercept', description: 'add the intercept column', kind: 'boolean' },
    ],
    run: ({ table, opts, confidence, source }) => {
      const vt = opts.valueType as number;
      if (vt !== 0 && vt !== 1 && vt !== 2) throw new HealthgapError(`--value-type must be 0 (normal), 1 (rate) or 2 (proportion) (found ${vt})`);
      return sii(table, {
        quantile: opts.quantile as string,
        population: opts.population as string,
        value: opts.value as string | undefined,
        x: opts.x as string | undefined,
        lowerCl: opts.lowerCl as string | undefined,
        upperCl: opts.upperCl as string | undefined,
        se: opts.se as string | undefined,
        valueType: vt as SiiValueType,
        repetitions: opts.repetitions as number | undefined,
        seed: opts.seed as number | undefined,
        rii: !!opts.rii,
        transform: !!opts.transform,
        intercept: !!opts.intercept,
        multiplier: opts.multiplier as number | undefined,
        confidence,
        source,
      });
    },
  },
  {
    name: 'quantile',
    summary: 'assign quantiles within groups (PHEim phe_quantile)',
    confidence: false,
    options: [
      col('values', 'values', 'column of values to rank'),
      { key: 'nquantiles', flags: '--nquantiles <n>', description: 'number of quantiles (default 10)', kind: 'integer', default: '10' },
      { key: 'invert', flags: '--invert <true|false>', description: 'true (default): the highest values are quantile 1', kind: 'true-false', default: 'true' },
      col('invertColumn', 'invert-column', 'column giving invert (TRUE/FALSE or a Fingertips polarity) per group', false, 'text-column'),
    ],
    run: ({ table, opts, source }) =>
      quantile(table, {
        values: opts.values as string,
        nquantiles: opts.nquantiles as number,
        invert: opts.invert as boolean,
        invertColumn: opts.invertColumn as string | undefined,
        source,
      }),
  },
  {
    name: 'funnel-limits',
    summary: 'funnel plot control limits, 95% (2s) and 99.8% (3s) (PHEim calculate_funnel_limits)',
    multiplier: 'required for proportions (100 for %) and rates (e.g. 100000)',
    confidence: false,
    options: FUNNEL_OPTIONS,
    run: ({ table, opts, source }) => funnelLimits(table, funnelOptions(opts, source)),
  },
  {
    name: 'funnel-significance',
    summary: 'label each row High/Low (0.001/0.025) or Not significant against funnel limits (PHEim assign_funnel_significance)',
    multiplier: 'as funnel-limits',
    confidence: false,
    options: FUNNEL_OPTIONS,
    run: ({ table, opts, source }) => funnelSignificance(table, funnelOptions(opts, source)),
  },
  {
    name: 'compare',
    summary: 'Fingertips benchmarking: Better/Similar/Worse (or Higher/Lower) against a benchmark',
    multiplier: '100 for method 5, 100000 for method 6',
    defaultNumeric: ['value', 'lower95_0cl', 'upper95_0cl', 'lowercl', 'uppercl', 'lower99_8cl', 'upper99_8cl', 'denominator'],
    options: [
      {
        key: 'method',
        flags: '--method <id>',
        description: 'comparator: 1 (ci-95, default), 17 (ci-95-99.8), 12 (overlapping-cis), 5 (spc-proportion), 6 (spc-dsr), 15 (quintiles), 16 (quartiles)',
        kind: 'string',
        default: '1',
      },
      {
        key: 'polarity',
        flags: '--polarity <p>',
        description: 'high-is-good, low-is-good, no-judgement (default) or a Fingertips polarity ID 1/0/99',
        kind: 'string',
        default: 'no-judgement',
      },
      col('polarityColumn', 'polarity-column', "column holding each row's polarity", false, 'text-column'),
      col('value', 'value', 'value column (default value)', false),
      col('lower', 'lower', '95% lower limit column (default lower95_0cl or lowercl)', false),
      col('upper', 'upper', '95% upper limit column (default upper95_0cl or uppercl)', false),
      col('lower998', 'lower998', '99.8% lower limit column (default lower99_8cl)', false),
      col('upper998', 'upper998', '99.8% upper limit column (default upper99_8cl)', false),
      col('denominator', 'denominator', 'denominator column for methods 5 and 6 (default denominator)', false),
      { key: 'benchmark', flags: '--benchmark <n>', description: 'a fixed benchmark value', kind: 'number' },
      { key: 'benchmarkLower', flags: '--benchmark-lower <n>', description: 'its 95% lower limit (method 12)', kind: 'number' },
      { key: 'benchmarkUpper', flags: '--benchmark-upper <n>', description: 'its 95% upper limit (method 12)', kind: 'number' },
      col('benchmarkColumn', 'benchmark-column', "column holding each row's benchmark value", false),
      col('benchmarkLowerColumn', 'benchmark-lower-column', 'column of benchmark 95% lower limits (method 12)', false),
      col('benchmarkUpperColumn', 'benchmark-upper-column', 'column of benchmark 95% upper limits (method 12)', false),
      {
        key: 'benchmarkArea',
        flags: '--benchmark-area <code>',
        description: "the benchmark is this area's row within each group, e.g. E92000001",
        kind: 'string',
      },
      col('areaColumn', 'area-column', 'area code column for --benchmark-area (default area_code)', false, 'text-column'),
    ],
    run: ({ table, opts, confidence, source }) => {
      const conf = confidence === undefined ? undefined : Array.isArray(confidence) ? (confidence as number[])[0] : (confidence as number);
      const s = (k: string) => opts[k] as string | undefined;
      const numCols = ['value', 'lower', 'upper', 'lower998', 'upper998', 'denominator'];
      const given = Object.fromEntries(numCols.filter((k) => s(k)).map((k) => [k, s(k)]));
      return compareToBenchmark(table, {
        method: String(opts.method),
        polarity: String(opts.polarity),
        polarityColumn: s('polarityColumn'),
        ...given,
        multiplier: opts.multiplier as number | undefined,
        confidence: conf === undefined ? undefined : conf >= 90 ? conf / 100 : conf,
        benchmark: opts.benchmark as number | undefined,
        benchmarkLower: opts.benchmarkLower as number | undefined,
        benchmarkUpper: opts.benchmarkUpper as number | undefined,
        benchmarkColumn: s('benchmarkColumn'),
        benchmarkLowerColumn: s('benchmarkLowerColumn'),
        benchmarkUpperColumn: s('benchmarkUpperColumn'),
        benchmarkArea: s('benchmarkArea'),
        areaColumn: s('areaColumn'),
        source,
      });
    },
  },
  {
    name: 'trend',
    summary: 'Fingertips recent trend per group (chi-squared test for trend or weighted regression)',
    confidence: false,
    defaultNumeric: ['value', 'lower95_0cl', 'upper95_0cl', 'lowercl', 'uppercl', 'count', 'denominator'],
    options: [
      col('period', 'period', "period column (a year, or Fingertips' Time period Sortable)", true, 'text-column'),
      col('value', 'value', 'value column (default value)', false),
      col('lower', 'lower', '95% lower limit column (default lower95_0cl or lowercl)', false),
      col('upper', 'upper', '95% upper limit column (default upper95_0cl or uppercl)', false),
      col('count', 'count', 'count column (default count)', false),
      col('denominator', 'denominator', 'denominator column (default denominator)', false),
      {
        key: 'polarity',
        flags: '--polarity <p>',
        description: 'high-is-good, low-is-good, no-judgement (default) or 1/0/99',
        kind: 'string',
        default: 'no-judgement',
      },
      col('polarityColumn', 'polarity-column', "column holding each group's polarity", false, 'text-column'),
      {
        key: 'test',
        flags: '--test <t>',
        description: 'chi-squared or weighted-regression (default: chi-squared for --value-type proportion)',
        kind: 'string',
      },
      {
        key: 'valueType',
        flags: '--value-type <t>',
        description: 'proportion, crude rate or directly standardised rate (others: Cannot be calculated)',
        kind: 'string',
      },
      { key: 'yearRange', flags: '--year-range <n>', description: 'years per period (default 1; trends need single years)', kind: 'integer' },
    ],
    run: ({ table, opts, source }) => {
      const s = (k: string) => opts[k] as string | undefined;
      const test = s('test');
      if (test !== undefined && test !== 'chi-squared' && test !== 'weighted-regression')
        throw new HealthgapError(`--test must be chi-squared or weighted-regression (found "${test}")`);
      const given = Object.fromEntries(['value', 'lower', 'upper', 'count', 'denominator'].filter((k) => s(k)).map((k) => [k, s(k)]));
      // columns read as numbers below are the defaults when not named
      return recentTrend(table, {
        period: s('period')!,
        ...given,
        polarity: String(opts.polarity),
        polarityColumn: s('polarityColumn'),
        test: test as 'chi-squared' | 'weighted-regression' | undefined,
        valueType: s('valueType'),
        yearRange: opts.yearRange as number | undefined,
        source,
      });
    },
  },
];
