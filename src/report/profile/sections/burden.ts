/**
 * Section "What the gap costs": the place's mortality gap as counts a board can act on, from the
 * bundled ONS 2014 deaths and mid-2014 populations — excess deaths against England's rates, its
 * statistical neighbours' and the best quarter of its peers', by sex and age band; potential years
 * of life lost before 75; and comparative mortality figures against England and the neighbours.
 */
import { aq } from '../../../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { ENGLAND_CODE, type AreaRef } from '../../../geography/levels.js';
import { leAggregationNote, leAreaInput, leInputs, type LeDataLevel } from '../../../lifeexp/bundled.js';
import { cmf } from '../../../stats/burden/cmf.js';
import { excessDeaths, excessWithCI } from '../../../stats/burden/excess.js';
import { pyll } from '../../../stats/burden/yearsLost.js';
import { compareWithNeighbours } from '../../../comparators/neighbours.js';
import { excessDeathsChart, type ExcessDeathsRow } from '../../../charts/excessDeaths.js';
import { isSuppressedCount } from '../../suppression.js';
import type { DataTable, MethodsEntry, ReportFigure, Section } from '../../types.js';
import { int, num, type SectionContext } from '../context.js';
import { listNames, profileNeighbours } from '../neighbours.js';
import { PEER_NAMES, placeDisplayName } from '../place.js';

const SEXES = ['Male', 'Female'] as const;
const NEIGHBOURS = 'NEIGHBOURS';

/** Broad age bands of the by-age excess (the 20 life-table bands added up; fewer small counts). */
const BROAD_BANDS: readonly { label: string; from: number; to: number | null }[] = [
  { label: '0-14', from: 0, to: 14 },
  { label: '15-44', from: 15, to: 44 },
  { label: '45-64', from: 45, to: 64 },
  { label: '65-74', from: 65, to: 74 },
  { label: '75-84', from: 75, to: 84 },
  { label: '85+', from: 85, to: null },
];

/** Start age of a life-table band label ("Under 1" → 0, "85-89" → 85, "90+" → 90). */
function startOf(label: string): number {
  return label === 'Under 1' ? 0 : Number(/^\d+/.exec(label)![0]);
}

function broadBand(start: number): string {
  return BROAD_BANDS.find((b) => start >= b.from && (b.to === null || start <= b.to))!.label;
}

/** Long table (area_code, sex, age_band, age_start, deaths, population) for the areas given. */
function inputs2014(areas: readonly AreaRef[]): ColumnTable {
  const cols: Record<string, unknown[]> = { area_code: [], sex: [], age_band: [], age_start: [], deaths: [], population: [] };
  for (const a of areas) {
    for (const sex of SEXES) {
      const x = leAreaInput(a, sex, { year: 2014 });
      x.labels.forEach((label, b) => {
        cols.area_code.push(a.code);
        cols.sex.push(sex);
        cols.age_band.push(label);
        cols.age_start.push(x.startAges[b]);
        cols.deaths.push(x.deaths[b]);
        cols.population.push(x.population[b]);
      });
    }
  }
  return aq.table(cols);
}

/** The neighbours' deaths and populations added up as one group (code NEIGHBOURS). */
function pooled(t: ColumnTable, codes: readonly string[]): ColumnTable {
  const set = new Set(codes);
  return t
    .filter(aq.escape((d: { area_code: string }) => set.has(d.area_code)))
    .groupby('sex', 'age_band', 'age_start')
    .rollup({ deaths: aq.op.sum('deaths'), population: aq.op.sum('population') })
    .derive({ area_code: aq.escape(() => NEIGHBOURS) })
    .select('area_code', 'sex', 'age_band', 'age_start', 'deaths', 'population');
}

type Row = Record<string, unknown>;
const pick = (t: ColumnTable, code: string, sex: string): Row => (t.objects() as Row[]).find((r) => r.area_code === code && r.sex === sex)!;
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "232 more deaths (95% CI 160 to 307)" / "102 fewer deaths (…)". */
function excessText(r: Row): string {
  const e = n(r.excess) ?? 0;
  return `${int(Math.abs(e))} ${e >= 0 ? 'more' : 'fewer'} deaths (95% CI ${num(n(r.lowercl), 0)} to ${num(n(r.uppercl), 0)})`;
}

function significance(lower: number | null, upper: number | null, at: number): string {
  if (lower === null || upper === null) return 'not tested';
  return lower > at ? 'significantly higher' : upper < at ? 'significantly lower' : 'not significantly different';
}

/** Level of the bundled 2014 data for a profile level. */
function level2014(level: SectionContext['place']['level']): LeDataLevel {
  return level === 'region' ? 'region' : level;
}

/** The section's entries in the profile's methods appendix. */
export function burdenMethods(): MethodsEntry[] {
  return [
    {
      indicator: 'Excess deaths',
      definition:
        'Deaths registered minus the deaths expected if the place had had the comparator’s age- and sex-specific death rates (England; the pooled statistical neighbours; the pooled best quarter of England’s areas at the same level, ranked by indirectly standardised mortality).',
      period: '2014',
      source: 'ONS deaths registered in 2014 by local authority, sex and age; ONS mid-2014 population estimates',
      method: 'Expected = Σ population × comparator rate over 20 age bands, by sex (indirect standardisation, Breslow and Day 1987)',
      ciMethod: '95% confidence interval from the observed count (exact Poisson below 10 deaths, Byar’s from 10) minus the expected deaths',
    },
    {
      indicator: 'Potential years of life lost before 75 (PYLL)',
      definition: 'Years of life lost by deaths before age 75: each death counts 75 minus the mid-point of its age band.',
      period: '2014',
      source: 'As for excess deaths',
      method: 'ONS/OHID convention; age-standardised rate per 100,000 population under 75 with the 2013 European Standard Population (ages 0-74)',
      ciMethod: '95% confidence interval by Dobson’s method for weighted sums of Poisson counts (as for DSRs in PHEindicatormethods)',
    },
    {
      indicator: 'Comparative mortality figure (CMF)',
      definition:
        'The place’s directly age-standardised all-cause death rate as a percentage of the comparator’s (England, or the pooled statistical neighbours): 100 = the same.',
      period: '2014',
      source: 'As for excess deaths',
      method: 'Ratio of two directly standardised rates × 100, 2013 European Standard Population, 20 age bands (Under 1 … 90+)',
      ciMethod: '95% confidence interval on the log scale by the delta method (Breslow and Day 1987), treating the two rates as independent',
    },
  ];
}

/** Build the "What the gap costs" section. */
export function burdenSection(ctx: SectionContext): Section {
  const { place, name } = ctx;
  const narrative: string[] = [];
  const notes: string[] = [];
  const figures: ReportFigure[] = [];
  const tables: DataTable[] = [];
  const self: AreaRef = { code: place.code, name, level: place.level };
  const england: AreaRef = { code: ENGLAND_CODE, name: 'England', level: 'country' };
  let base: ColumnTable;
  try {
    base = inputs2014([self, england]);
  } catch (e) {
    return {
      id: 'burden',
      heading: 'What the gap costs',
      headline: `The cost of the mortality gap cannot be shown for ${name} from the bundled 2014 deaths: ${(e as Error).message}.`,
      narrative: [],
      figures: [],
      tables: [],
    };
  }

  // Statistical neighbours with 2014 data.
  const nb = profileNeighbours(ctx);
  let neighbourAreas: AreaRef[] = [];
  if ('problem' in nb) notes.push(`No comparison with statistical neighbours: ${nb.problem}.`);
  else {
    for (const a of nb.areas) {
      try {
        leAreaInput(a, 'Male', { year: 2014 });
        neighbourAreas.push(a);
      } catch {
        nb.unmatched.push({ code: a.code, name: a.name });
      }
    }
    if (nb.unmatched.length)
      notes.push(
        `Statistical neighbours left out because their areas have changed since the 2014 data (2019 boundaries): ${listNames(nb.unmatched.map((u) => placeDisplayName(u.name)))}.`,
      );
  }
  const neighbourTable = neighbourAreas.length ? inputs2014(neighbourAreas) : null;
  const all = neighbourTable
    ? base.concat(
        neighbourTable,
        pooled(
          neighbourTable,
          neighbourAreas.map((a) => a.code),
        ),
      )
    : base;
  const grouped = all.groupby('area_code', 'sex');
  const opts = { x: 'deaths', n: 'population', ageBand: 'age_band' } as const;

  // Comparative mortality figures and excess deaths against England (and the neighbours).
  const cmfEng = cmf(grouped, { ...opts, stdpop: 'esp2013', reference: ENGLAND_CODE });
  const exEng = excessDeaths(grouped, { ...opts, reference: ENGLAND_CODE });
  const cmfNb = neighbourTable ? cmf(grouped, { ...opts, stdpop: 'esp2013', reference: NEIGHBOURS }) : null;
  const exNb = neighbourTable ? excessDeaths(grouped, { ...opts, reference: NEIGHBOURS }) : null;
  const py = pyll(grouped, { ...opts, stdpop: 'esp2013' });

  // Best quarter of England's areas at the place's level.
  let exBest: ColumnTable | null = null;
  let bestNote = '';
  try {
    const peers = leInputs({ level: level2014(place.level), year: 2014 }).filter(aq.escape((d: { area_code: string }) => d.area_code !== place.code));
    const withPlace = peers
      .select('area_code', 'sex', 'age_band', 'deaths', 'population')
      .concat(base.filter(aq.escape((d: { area_code: string }) => d.area_code === place.code)).select('area_code', 'sex', 'age_band', 'deaths', 'population'));
    exBest = excessDeaths(withPlace.groupby('area_code', 'sex'), { ...opts, reference: 'best-quartile' });
    const stat = String(pick(exBest, place.code, 'Male').statistic);
    const m = /the (\d+) of (\d+) groups/.exec(stat);
    bestNote = m
      ? `the ${m[1]} of England's ${m[2]} ${place.level === 'region' ? 'regions' : PEER_NAMES[place.level].replace(/ \(.*\)$/, '')} with the lowest mortality`
      : 'the best quarter of areas';
  } catch (e) {
    notes.push(`No best-quarter comparison: ${(e as Error).message}.`);
  }

  // Headline and sentences.
  const em = pick(exEng, place.code, 'Male');
  const ef = pick(exEng, place.code, 'Female');
  const total = Math.round(n(em.excess) ?? 0) + Math.round(n(ef.excess) ?? 0);
  const headline = `In 2014, ${int(Math.abs(total))} ${total >= 0 ? 'more' : 'fewer'} people died in ${name} than England's age-specific death rates would give: ${excessText(em).replace('deaths', 'deaths among men')} and ${excessText(ef).replace('deaths', 'deaths among women')}.`;
  if (exBest) {
    const bm = pick(exBest, place.code, 'Male');
    const bf = pick(exBest, place.code, 'Female');
    const bt = Math.round(n(bm.excess) ?? 0) + Math.round(n(bf.excess) ?? 0);
    narrative.push(
      bt > 0
        ? `Had ${name} had the death rates of ${bestNote}, about ${int(bt)} fewer people would have died in 2014 (${int(n(bm.excess))} men and ${int(n(bf.excess))} women): the deaths a board could aim to prevent.`
        : `${name}'s death rates in 2014 were as low as those of ${bestNote}.`,
    );
  }
  const pm = pick(py, place.code, 'Male');
  const pf = pick(py, place.code, 'Female');
  const pe = { Male: pick(py, ENGLAND_CODE, 'Male'), Female: pick(py, ENGLAND_CODE, 'Female') };
  narrative.push(
    `Deaths before age 75 cost ${int((n(pm.pyll) ?? 0) + (n(pf.pyll) ?? 0))} years of life in ${name} in 2014 (${int(n(pm.pyll))} among men, ${int(n(pf.pyll))} among women). Age-standardised, that is ${num(n(pm.value), 0)} years per 100,000 men under 75 (${significance(n(pm.lowercl), n(pm.uppercl), n(pe.Male.value) ?? NaN)} than England's ${num(n(pe.Male.value), 0)}) and ${num(n(pf.value), 0)} per 100,000 women (England ${num(n(pe.Female.value), 0)}; ${significance(n(pf.lowercl), n(pf.uppercl), n(pe.Female.value) ?? NaN)}).`.replace(
      /not significantly different than/g,
      'not significantly different from',
    ),
  );
  const cm = pick(cmfEng, place.code, 'Male');
  const cf = pick(cmfEng, place.code, 'Female');
  narrative.push(
    `Age-standardised mortality in ${name} was ${num(n(cm.value), 0)}% of England's for men (comparative mortality figure ${num(n(cm.value), 1)}, 95% CI ${num(n(cm.lowercl), 1)} to ${num(n(cm.uppercl), 1)}; ${significance(n(cm.lowercl), n(cm.uppercl), 100)}) and ${num(n(cf.value), 0)}% for women (${num(n(cf.value), 1)}, ${num(n(cf.lowercl), 1)} to ${num(n(cf.uppercl), 1)}; ${significance(n(cf.lowercl), n(cf.uppercl), 100)}).`,
  );
  if (cmfNb && exNb && neighbourAreas.length) {
    const nm = pick(cmfNb, place.code, 'Male');
    const nf = pick(cmfNb, place.code, 'Female');
    const rankText = SEXES.map((sex) => {
      const values = new Map<string, number | null>((cmfEng.objects() as Row[]).filter((r) => r.sex === sex).map((r) => [String(r.area_code), n(r.value)]));
      const c = compareWithNeighbours(
        values,
        place.code,
        neighbourAreas.map((a) => a.code),
      );
      return `${sex === 'Male' ? 'men' : 'women'} ${c.rank} of ${c.of} (neighbours ${num(c.min, 0)} to ${num(c.max, 0)}, average ${num(c.average, 0)})`;
    }).join('; ');
    const xm = pick(exNb, place.code, 'Male');
    const xf = pick(exNb, place.code, 'Female');
    narrative.push(
      `Against its ${neighbourAreas.length} statistical neighbours (${listNames(neighbourAreas.map((a) => placeDisplayName(a.name)))}), ${name}'s age-standardised mortality was ${num(n(nm.value), 0)}% of theirs for men (95% CI ${num(n(nm.lowercl), 0)} to ${num(n(nm.uppercl), 0)}) and ${num(n(nf.value), 0)}% for women (${num(n(nf.lowercl), 0)} to ${num(n(nf.uppercl), 0)}): at the neighbours' death rates, ${name} had ${excessText(xm).replace('deaths', 'deaths among men')} and ${excessText(xf).replace('deaths', 'deaths among women')}. Ranked by comparative mortality against England (1 = highest mortality): ${rankText}.`,
    );
  }

  // Excess deaths by broad age band and sex (chart and table), against England.
  // (excess by the 20 bands, summed into broad bands: the bands add up to the totals above)
  const fine = excessDeaths(grouped, { ...opts, reference: ENGLAND_CODE, byBand: true }).filter(
    aq.escape((d: { area_code: string }) => d.area_code === place.code),
  );
  const byBand: Row[] = [];
  for (const sex of SEXES) {
    for (const b of BROAD_BANDS) {
      const rs = (fine.objects() as Row[]).filter((r) => r.sex === sex && broadBand(startOf(String(r.age_band))) === b.label);
      const O = rs.reduce((a, r) => a + (n(r.observed) ?? 0), 0);
      const E = rs.reduce((a, r) => a + (n(r.expected) ?? 0), 0);
      const ci = E > 0 ? excessWithCI(O, E) : null;
      byBand.push({ sex, age_band: b.label, observed: O, expected: E, excess: O - E, lowercl: ci?.lower ?? null, uppercl: ci?.upper ?? null });
    }
  }
  const suppressedBands: string[] = [];
  const chartRows: ExcessDeathsRow[] = byBand.map((r) => {
    const observed = n(r.observed) ?? 0;
    const hide = isSuppressedCount(Math.round(observed), ctx.rule);
    if (hide) suppressedBands.push(`${r.sex === 'Male' ? 'men' : 'women'} aged ${r.age_band}`);
    return {
      ageBand: String(r.age_band),
      sex: r.sex as 'Male' | 'Female',
      observed: hide ? NaN : observed,
      expected: n(r.expected) ?? 0,
      excess: hide ? NaN : (n(r.excess) ?? 0),
      lower: hide ? null : n(r.lowercl),
      upper: hide ? null : n(r.uppercl),
    };
  });
  const visible = chartRows.filter((r) => Number.isFinite(r.excess));
  const chart = excessDeathsChart(visible, {
    areaName: name,
    comparatorName: 'England',
    title: `Deaths above or below England's rates by age and sex, ${name}, 2014`,
    subtitle: 'Observed deaths minus those expected at England’s age- and sex-specific death rates, with 95% confidence intervals.',
  });
  if (suppressedBands.length) chart.notes.push(`Not shown (fewer than ${ctx.rule.threshold} deaths): ${suppressedBands.join(', ')}.`);
  figures.push({ ...chart, suppressionApplied: true });
  const largest = [...visible].filter((r) => r.lower !== null && r.lower > 0).sort((a, b) => b.excess - a.excess)[0];
  if (largest)
    narrative.push(
      `The largest significant excess was among ${largest.sex === 'Male' ? 'men' : 'women'} aged ${largest.ageBand}: ${int(largest.observed)} deaths where England's rates give ${num(largest.expected, 0)} (95% CI of the excess ${num(largest.lower, 0)} to ${num(largest.upper, 0)}).`,
    );

  // Summary table.
  const nbAverage = (t: ColumnTable | null, sex: string, col: string): number | null => {
    if (!t || !neighbourAreas.length) return null;
    const vals = neighbourAreas.map((a) => n(pick(t, a.code, sex)[col])).filter((v): v is number => v !== null);
    return vals.length ? vals.reduce((s, v) => s + v, 0) / vals.length : null;
  };
  const rows: Record<string, string | number | null>[] = [];
  const add = (measure: string, sex: string, r: Row | null, eng: number | null, nbAvg: number | null, d: number, valueCol = 'value') => {
    const f = (v: unknown) => (n(v) === null ? null : num(n(v), d));
    rows.push({
      measure,
      sex: sex === 'Male' ? 'Males' : 'Females',
      value: r ? f(r[valueCol]) : null,
      lower: r ? f(r.lowercl) : null,
      upper: r ? f(r.uppercl) : null,
      england: f(eng),
      neighbours: f(nbAvg),
    });
  };
  for (const sex of SEXES) add('Excess deaths against England’s rates', sex, pick(exEng, place.code, sex), 0, nbAverage(exEng, sex, 'excess'), 0, 'excess');
  if (exNb) for (const sex of SEXES) add('Excess deaths against the neighbours’ rates', sex, pick(exNb, place.code, sex), null, null, 0, 'excess');
  if (exBest) for (const sex of SEXES) add('Excess deaths against the best quarter’s rates', sex, pick(exBest, place.code, sex), null, null, 0, 'excess');
  for (const sex of SEXES) add('Comparative mortality figure (England = 100)', sex, pick(cmfEng, place.code, sex), 100, nbAverage(cmfEng, sex, 'value'), 1);
  if (cmfNb) for (const sex of SEXES) add('Comparative mortality figure (neighbours = 100)', sex, pick(cmfNb, place.code, sex), null, 100, 1);
  for (const sex of SEXES)
    add(
      'Years of life lost before 75 (PYLL)',
      sex,
      { ...pick(py, place.code, sex), lowercl: null, uppercl: null },
      n(pick(py, ENGLAND_CODE, sex).pyll),
      nbAverage(py, sex, 'pyll'),
      0,
      'pyll',
    );
  for (const sex of SEXES)
    add('PYLL per 100,000 under 75, age-standardised', sex, pick(py, place.code, sex), n(pick(py, ENGLAND_CODE, sex).value), nbAverage(py, sex, 'value'), 0);
  tables.push({
    caption: `What the gap costs: excess deaths, years of life lost and comparative mortality, ${name}, 2014`,
    printed: false,
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'sex', label: 'Sex' },
      { key: 'value', label: name },
      { key: 'lower', label: 'Lower 95% CI' },
      { key: 'upper', label: 'Upper 95% CI' },
      { key: 'england', label: 'England' },
      ...(neighbourAreas.length ? [{ key: 'neighbours', label: 'Neighbours’ average' }] : []),
    ],
    rows,
    notes: `Deaths registered in 2014 (ONS) with mid-2014 populations, 20 age bands. Excess deaths are observed minus expected; a negative number means fewer deaths than the comparator's rates would give. England's own excess is 0 by definition.${neighbourAreas.length ? ' Neighbours’ average: the unweighted mean of the neighbours’ own values.' : ''}`,
  });

  const methods =
    'Excess deaths: observed minus expected at the comparator’s age- and sex-specific rates, 95% limits from the observed count. PYLL: 75 minus each band’s mid-point, ESP 2013 under 75, Dobson limits. CMF: ratio of two directly standardised rates × 100, log-normal limits (Breslow and Day). See the appendix and docs/burden.md.';
  const aggregated = leAggregationNote({ code: ctx.place.code, name: ctx.name, level: ctx.place.level });
  if (aggregated) notes.unshift(`${aggregated}.`);
  return { id: 'burden', heading: 'What the gap costs', headline, narrative, figures, tables, notes: [methods, ...notes].join(' ') };
}
