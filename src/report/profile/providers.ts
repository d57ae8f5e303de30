/**
 * The indicators of the place profile and how each is computed for every area at a level.
 * Each provider reads the bundled data once (through the io/geography/domain caches) and uses the
 * statistics core for values and confidence intervals; nothing here re-implements a method.
 *
 * - Life expectancy at birth and at 65, 2014, by sex: `src/lifeexp` (ONS deaths 2014, ONS
 *   mid-2014 populations, Chiang II with Silcocks variance).
 * - All-cause and under-75 mortality, 2014, directly standardised to ESP2013: `dsrWithCI` (Dobson).
 * - QOF 2019-20 recorded prevalence: registers rolled up from practices to areas by where their
 *   registered patients live, Wilson score intervals (`proportionWithCI`).
 * - Context: the share of the population living in Core20 neighbourhoods and aged 65 and over.
 */
import { cachedRead } from '../../io/cache.js';
import { getGeography } from '../../geography/vintages.js';
import { ENGLAND_CODE, type AreaRef } from '../../geography/levels.js';
import { dsrWithCI, ESP2013 } from '../../stats/dsr.js';
import { leAreaInput } from '../../lifeexp/bundled.js';
import { leEstimate } from '../../lifeexp/estimate.js';
import { qofRegister } from '../../prevalence/registers.js';
import { diagnosisRate, expectedHypertensionHse2022 } from '../../prevalence/expected.js';
import { rollUpPrevalence } from '../../prevalence/rollup.js';
import { practicePrevalence } from '../../prevalence/recorded.js';
import { core20Population } from '../../core20plus5/core20.js';
import { ageSexPopulation, sumAges } from './data.js';
import { missingValue, registerIndicatorProvider, type IndicatorDef, type IndicatorProvider, type IndicatorValue } from './indicators.js';
import type { ProfileLevel } from './place.js';
import { activeQofRelease, qofReleaseTable } from './releaseChoice.js';

type Level = ProfileLevel | 'region' | 'country';

const LE_SOURCE =
  'ONS deaths registered in 2014 by area of usual residence (Table 2) and ONS mid-2014 population estimates (MYE2); 2014 areas mapped to April 2019 local authorities';
const LE_CI = "95% confidence interval from the Chiang standard error with Silcocks et al.'s adjustment for the open age band";

/**
 * One peer set for life expectancy and mortality (as Fingertips uses one per indicator): City of
 * London and the Isles of Scilly are left out of England's range, because life expectancy is not
 * calculated for populations of 5,000 or less and a rate from a few dozen deaths would set the
 * range's ends.
 */
const SMALL_POPULATION_PEERS = {
  codes: ['E09000001', 'E06000053'],
  reason:
    'populations under 10,000: life expectancy is not calculated for them and their few deaths would set the ends of the range; the Isles of Scilly are counted with Cornwall for 2014 deaths',
} as const;

// ---------------------------------------------------------------------------------------------
// Life expectancy and mortality (2014)
// ---------------------------------------------------------------------------------------------

const LE_DEFS: IndicatorDef[] = (['Male', 'Female'] as const).flatMap((sex) =>
  ([0, 65] as const).map(
    (age): IndicatorDef => ({
      id: `le${age}-${sex.toLowerCase()}`,
      name: `Life expectancy ${age === 0 ? 'at birth' : 'at 65'} (${sex === 'Male' ? 'males' : 'females'})`,
      domain: 'Life expectancy and mortality',
      period: '2014',
      unit: 'years',
      decimals: 1,
      polarity: 'high-is-good',
      compared: true,
      countIsPeople: true,
      peerExclude: SMALL_POPULATION_PEERS,
      methods: {
        definition: `Average number of years a ${sex === 'Male' ? 'male' : 'female'} ${age === 0 ? 'newborn' : 'aged 65'} would live${age === 0 ? '' : ' beyond 65'} if the age-specific death rates of the area in 2014 applied throughout ${age === 0 ? 'their life' : 'the rest of their life'}. Count: deaths at ages ${age}+ in 2014.`,
        source: LE_SOURCE,
        method:
          'Abridged life table (Chiang II; 20 age bands Under 1, 1-4, 5-9 … 85-89, 90+), as PHEindicatormethods phe_life_expectancy; not calculated when the population is 5,000 or less',
        ciMethod: LE_CI,
        notes: 'One year of deaths (2014), so values are less stable than the three-year figures OHID publishes. Cornwall includes the Isles of Scilly.',
      },
    }),
  ),
);

const DSR_DEFS: IndicatorDef[] = [
  {
    id: 'mort-all',
    name: 'Mortality from all causes, all ages (per 100,000)',
    domain: 'Life expectancy and mortality',
    period: '2014',
    unit: 'per 100,000',
    decimals: 1,
    polarity: 'low-is-good',
    compared: true,
    countIsPeople: true,
    peerExclude: SMALL_POPULATION_PEERS,
    methods: {
      definition: 'Deaths from all causes registered in 2014 (persons, all ages) per 100,000 population, directly age-standardised.',
      source: LE_SOURCE,
      method: 'Directly standardised rate to the 2013 European Standard Population (19 bands 0-4 … 90+), as PHEindicatormethods calculate_dsr',
      ciMethod: "95% confidence interval by Dobson's method with Byar's limits for the total count",
    },
  },
  {
    id: 'mort-u75',
    name: 'Mortality from all causes, under 75 (per 100,000)',
    domain: 'Life expectancy and mortality',
    period: '2014',
    unit: 'per 100,000',
    decimals: 1,
    polarity: 'low-is-good',
    compared: true,
    countIsPeople: true,
    peerExclude: SMALL_POPULATION_PEERS,
    methods: {
      definition: 'Deaths from all causes of people aged under 75 registered in 2014 per 100,000 population aged under 75, directly age-standardised.',
      source: LE_SOURCE,
      method: 'Directly standardised rate to the 2013 European Standard Population (15 bands 0-4 … 70-74), as PHEindicatormethods calculate_dsr',
      ciMethod: "95% confidence interval by Dobson's method with Byar's limits for the total count",
    },
  },
];

/** 2014 deaths and populations of an area by sex in the 20 life-table bands (null when the area has none). */
function le2014(area: AreaRef, sex: 'Male' | 'Female') {
  try {
    return leAreaInput(area, sex, { year: 2014 });
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** 20 life-table bands → the 19 ESP2013 bands (Under 1 + 1-4 = 0-4). */
function toEsp19(v: readonly number[]): number[] {
  return [v[0] + v[1], ...v.slice(2)];
}

const leProvider: IndicatorProvider = {
  id: 'life-expectancy-2014',
  defs: () => [...LE_DEFS, ...DSR_DEFS],
  compute(areas) {
    const out = new Map<string, Map<string, IndicatorValue>>();
    for (const d of [...LE_DEFS, ...DSR_DEFS]) out.set(d.id, new Map());
    for (const area of areas) {
      const inputs = { Male: le2014(area, 'Male'), Female: le2014(area, 'Female') };
      for (const sex of ['Male', 'Female'] as const) {
        const x = inputs[sex];
        const est = 'error' in x ? null : leEstimate({ startAges: x.startAges, deaths: x.deaths, population: x.population }, { ages: [0, 65] });
        ([0, 65] as const).forEach((age, k) => {
          const id = `le${age}-${sex.toLowerCase()}`;
          if (!est) {
            out.get(id)!.set(area.code, missingValue(area, (x as { error: string }).error));
            return;
          }
          const e = est[k];
          out.get(id)!.set(area.code, {
            code: area.code,
            name: area.name,
            count: e.deaths,
            denominator: e.population,
            value: e.value,
            lower: e.lower,
            upper: e.upper,
            se: e.se,
            note: e.problem ?? undefined,
          });
        });
      }
      const m = inputs.Male;
      const f = inputs.Female;
      if ('error' in m || 'error' in f) {
        const why = 'error' in m ? m.error : (f as { error: string }).error;
        out.get('mort-all')!.set(area.code, missingValue(area, why));
        out.get('mort-u75')!.set(area.code, missingValue(area, why));
        continue;
      }
      const deaths = toEsp19(m.deaths.map((v, i) => v + f.deaths[i]));
      const pop = toEsp19(m.population.map((v, i) => v + f.population[i]));
      const all = dsrWithCI(deaths, pop, ESP2013, 0.95, 100000);
      out.get('mort-all')!.set(area.code, {
        code: area.code,
        name: area.name,
        count: all.total_count,
        denominator: all.total_pop,
        value: all.value,
        lower: all.lower[0],
        upper: all.upper[0],
        note: all.value === null ? all.statistic : undefined,
      });
      const u = dsrWithCI(deaths.slice(0, 15), pop.slice(0, 15), ESP2013.slice(0, 15), 0.95, 100000);
      out.get('mort-u75')!.set(area.code, {
        code: area.code,
        name: area.name,
        count: u.total_count,
        denominator: u.total_pop,
        value: u.value,
        lower: u.lower[0],
        upper: u.upper[0],
        note: u.value === null ? u.statistic : undefined,
      });
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// QOF 2019-20 recorded prevalence
// ---------------------------------------------------------------------------------------------

/** Registers shown in the profile (spine chart and prevalence section). */
export const PROFILE_QOF_REGISTERS: readonly string[] = [
  'HYP',
  'DM',
  'COPD',
  'AST',
  'CHD',
  'AF',
  'HF',
  'STIA',
  'CKD',
  'CAN',
  'DEP',
  'MH',
  'DEM',
  'LD',
  'EP',
  'OB',
];

const QOF_SOURCE =
  'NHS Digital, Quality and Outcomes Framework 2019-20 (practice prevalence file PREVALENCE_1920.csv); NHS Digital Patients Registered at a GP Practice by LSOA (January 2021) for the roll-up to areas';

/** Indicator id of a QOF register's recorded prevalence. */
export function qofIndicatorId(code: string): string {
  return `qof-${code.toLowerCase()}`;
}

/**
 * Names shown for registers whose QOF name would mislead a board: the QOF "Mental health" register
 * holds people with schizophrenia, bipolar disorder and other psychoses, i.e. severe mental illness.
 */
const PROFILE_REGISTER_NAMES: Readonly<Record<string, string>> = { MH: 'Severe mental illness' };

const QOF_DEFS: IndicatorDef[] = PROFILE_QOF_REGISTERS.map((code) => {
  const r = qofRegister(code);
  const shown = PROFILE_REGISTER_NAMES[code] ?? r.name.replace(/ \(.*\)$/, '');
  const base = r.listType === 'TOTAL' ? 'all ages' : r.listType === '30_74' ? 'aged 30-74' : `aged ${r.listType.replace('OV', '')}+`;
  return {
    id: qofIndicatorId(code),
    name: `${shown}: QOF recorded prevalence (${base}, %)`,
    domain: 'Prevalence (QOF 2019-20)',
    period: '2019/20',
    unit: '%',
    decimals: 2,
    polarity: r.polarity,
    compared: true,
    countIsPeople: true,
    methods: {
      definition: `Patients on the QOF ${r.name.toLowerCase()} register as a percentage of registered patients (${base}). Areas: each practice's register and list size shared out by where its registered patients live.`,
      source: QOF_SOURCE,
      method:
        "Recorded prevalence (register ÷ list size). Area figures are registered-population-weighted roll-ups from practices, as Fingertips aggregates GP data to local authorities; practices with no patients in the January 2021 registration file are counted in England's total only",
      ciMethod: 'Wilson score 95% confidence interval (as PHEindicatormethods phe_proportion)',
      notes: 'Recorded prevalence reflects case-finding as well as disease, so it is compared without a better/worse judgement (Higher/Similar/Lower).',
    },
  };
});

/** Practice recorded prevalence of a register (`practicePrevalence`), computed once per process. */
export function qofPractices(group: string): ReturnType<typeof practicePrevalence> {
  const q = activeQofRelease();
  if (!q.bundled && q.release) {
    const r = q.release;
    return cachedRead(`profile:qof-practices:${q.id}:${group.toUpperCase()}`, () =>
      practicePrevalence(group, { qof: qofReleaseTable(r), source: `${r.id} (${r.sourceFile})`, registerAboveList: 'keep' }),
    );
  }
  return cachedRead(`profile:qof-practices:${group.toUpperCase()}`, () => practicePrevalence(group));
}

/**
 * Recorded prevalence of a register for every area at a level: `practicePrevalence` then
 * `rollUpPrevalence` of `src/prevalence` (practice registers rolled up by where registered patients live; England = all
 * practices, the published total), read once per process per register and level.
 */
function qofAreaTable(group: string, level: Level): Map<string, IndicatorValue> {
  const q = activeQofRelease();
  return cachedRead(`profile:qof:${q.bundled ? '' : `${q.id}:`}${group}:${level}`, () => {
    const practices = qofPractices(group);
    const t = rollUpPrevalence(practices, level === 'country' ? 'england' : level).table;
    const out = new Map<string, IndicatorValue>();
    for (const r of t.objects() as Record<string, unknown>[]) {
      const code = level === 'country' ? ENGLAND_CODE : String(r.area_code);
      out.set(code, {
        code,
        name: String(r.area_name ?? code),
        count: r.count as number | null,
        denominator: r.denominator as number | null,
        value: r.value as number | null,
        lower: r.lower95_0cl as number | null,
        upper: r.upper95_0cl as number | null,
      });
    }
    return out;
  });
}

/**
 * QOF register count and list size of an area, rolled up from practices (England: every
 * practice in the file). Null when the area has no registered patients in the data.
 */
export function qofAreaCounts(code: string, level: Level, group: string): [number, number] | null {
  const v = qofAreaTable(group, level).get(code);
  return v && v.count !== null && v.denominator !== null ? [v.count, v.denominator] : null;
}

/**
 * The QOF definitions for the release in use: the bundled 2019-20 ones, or the same indicators with
 * the added release's period and source (release id, file, publisher).
 */
function qofDefs(): IndicatorDef[] {
  const q = activeQofRelease();
  if (q.bundled || !q.release) return QOF_DEFS;
  const r = q.release;
  const source = `${r.publisher}, Quality and Outcomes Framework ${q.period} (release ${r.id}, file ${r.sourceFile}, added ${r.added.slice(0, 10)}); NHS Digital Patients Registered at a GP Practice by LSOA (January 2021) for the roll-up to areas`;
  return QOF_DEFS.map((d) => ({ ...d, period: q.period.replace('-', '/'), methods: { ...d.methods, source } }));
}

const qofProvider: IndicatorProvider = {
  get id() {
    const q = activeQofRelease();
    return q.bundled ? 'qof-prevalence-2019-20' : `qof-prevalence:${q.id}`;
  },
  defs: qofDefs,
  compute(areas, level) {
    const out = new Map<string, Map<string, IndicatorValue>>();
    for (const code of PROFILE_QOF_REGISTERS) {
      const table = qofAreaTable(code, level);
      const m = new Map<string, IndicatorValue>();
      for (const a of areas) m.set(a.code, table.get(a.code) ?? missingValue(a, 'no registered patients in the QOF roll-up'));
      out.set(qofIndicatorId(code), m);
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Context: deprivation and age
// ---------------------------------------------------------------------------------------------

const CONTEXT_DEFS: IndicatorDef[] = [
  {
    id: 'core20-share',
    name: 'Population living in Core20 neighbourhoods (%)',
    domain: 'Population',
    period: 'IMD 2019',
    unit: '%',
    decimals: 1,
    polarity: 'no-judgement',
    compared: false,
    countIsPeople: true,
    methods: {
      definition:
        'Share of the population living in LSOAs in the most deprived 20% of England by the Index of Multiple Deprivation 2019 (national deciles 1 and 2), the Core20 of NHS England’s Core20PLUS5.',
      source: 'MHCLG English Indices of Deprivation 2019 (File 1 ranks and deciles; File 6 population denominators, mid-2015 excluding prisoners)',
      method: 'Population-weighted share of the place’s LSOAs (2011) in national IMD 2019 deciles 1-2',
      ciMethod: 'Not applicable (a count of the whole population, not a sample)',
    },
  },
  {
    id: 'pop-65plus',
    name: 'Population aged 65 and over (%)',
    domain: 'Population',
    period: 'mid-2019',
    unit: '%',
    decimals: 1,
    polarity: 'no-judgement',
    compared: false,
    countIsPeople: true,
    methods: {
      definition: 'Residents aged 65 and over as a percentage of all residents.',
      source: 'ONS mid-2019 population estimates (MYE2), April 2019 local authority codes',
      method: 'Percentage of the mid-year estimate',
      ciMethod: 'Not applicable (an estimate of the whole population)',
    },
  },
];

const contextProvider: IndicatorProvider = {
  id: 'context',
  defs: () => CONTEXT_DEFS,
  compute(areas, level) {
    const g = getGeography();
    const core = new Map<string, IndicatorValue>();
    const old = new Map<string, IndicatorValue>();
    for (const a of areas) {
      const c = core20Population(a.code, { imd: 2019 });
      core.set(a.code, {
        code: a.code,
        name: a.name,
        count: c.core20_population,
        denominator: c.population,
        value: c.core20_share === null ? null : 100 * c.core20_share,
        lower: null,
        upper: null,
      });
      const lads = a.code === ENGLAND_CODE ? 'england' : level === 'lad' ? [a] : g.childrenOf(a.code, 'lad', { fromLevel: level as never });
      const p = ageSexPopulation(lads);
      const all = sumAges(p.male, 0) + sumAges(p.female, 0);
      const o = sumAges(p.male, 65) + sumAges(p.female, 65);
      old.set(a.code, { code: a.code, name: a.name, count: o, denominator: all, value: all > 0 ? (100 * o) / all : null, lower: null, upper: null });
    }
    return new Map([
      ['core20-share', core],
      ['pop-65plus', old],
    ]);
  },
};

let registered = false;

/** Register the profile's built-in indicator providers (idempotent). */
export function registerBuiltInProviders(): void {
  if (registered) return;
  registered = true;
  registerIndicatorProvider(contextProvider);
  registerIndicatorProvider(leProvider);
  registerIndicatorProvider(qofProvider);
  registerIndicatorProvider(hypProvider);
}

// ---------------------------------------------------------------------------------------------
// Hypertension case-finding (Core20PLUS5 adult clinical area 5)
// ---------------------------------------------------------------------------------------------

const HYP_DEF: IndicatorDef = {
  id: 'hyp-case-finding',
  name: 'Hypertension: register as % of a crude expected count (not adjusted for deprivation or ethnicity)',
  domain: 'Core20PLUS5',
  period: '2019/20',
  unit: '%',
  decimals: 1,
  polarity: 'no-judgement',
  compared: false,
  countIsPeople: true,
  methods: {
    definition:
      'Patients on the QOF hypertension register (2019-20, rolled up to the area by where patients live) as a percentage of the number expected: Health Survey for England 2022 prevalence of hypertension (diagnosed or not) by sex and age band (16+) applied to the ONS mid-2019 population.',
    source: 'NHS Digital QOF 2019-20; NHS England Health Survey for England 2022 (hypertension by age and sex); ONS mid-2019 population estimates',
    method:
      'Recorded ÷ expected × 100 (a diagnosis rate, as NHS England’s dementia diagnosis rate); expected from England-wide survey rates, not adjusted for deprivation or ethnicity, so deprived areas are likely to be underestimated',
    ciMethod: "95% confidence interval from the Poisson distribution of the recorded count (exact below 10, Byar's otherwise), expected count treated as fixed",
    notes:
      'Shown without a better/worse judgement or a comparison with England. The expected count applies England-wide survey rates to ONS resident populations, so it ignores deprivation and ethnicity (both raise hypertension), while registers count registered patients, and GP lists run above ONS populations in cities (list inflation). Across the upper-tier authorities the ratio rises with the Core20 share and with list inflation, so a high value in a deprived city does not show better case-finding. The QOF register covers all ages and the survey adults aged 16+; hypertension under 16 is rare. Areas made of whole districts (ICBs, regions) use the sum of their districts’ expected counts.',
  },
};

/**
 * The LAD 2019 districts an area is made of (England: its own row), so that any area made of
 * whole districts (a UTLA, an ICB 2022, a region) gets its expected count as the sum of its
 * districts' expected counts (expected counts are sums over age and sex, so they add up).
 */
function districtsOf(area: AreaRef, level: Level): string[] {
  if (area.code === ENGLAND_CODE) return [ENGLAND_CODE];
  if (level === 'lad') return [area.code];
  return getGeography()
    .childrenOf(area.code, 'lad', { fromLevel: level as never })
    .map((l) => l.code);
}

const hypProvider: IndicatorProvider = {
  id: 'hyp-case-finding',
  defs: () => [HYP_DEF],
  compute(areas, level) {
    const m = new Map<string, IndicatorValue>();
    const parts = new Map(areas.map((a) => [a.code, districtsOf(a, level)]));
    const exp = expectedHypertensionHse2022([...new Set([...parts.values()].flat())]);
    const byDistrict = new Map<string, number>();
    const codes = exp.array('area_code') as string[];
    const counts = exp.array('expected_count') as (number | null)[];
    codes.forEach((c, i) => byDistrict.set(c, (byDistrict.get(c) ?? 0) + (counts[i] ?? 0)));
    for (const a of areas) {
      const rec = qofAreaCounts(a.code, level, 'HYP');
      const ds = parts.get(a.code)!;
      const e = ds.length > 0 && ds.every((d) => byDistrict.has(d)) ? ds.reduce((s, d) => s + byDistrict.get(d)!, 0) : null;
      if (!rec || e === null || !(e > 0)) {
        m.set(a.code, missingValue(a, 'no recorded or expected hypertension count'));
        continue;
      }
      const d = diagnosisRate(rec[0], e);
      m.set(a.code, { code: a.code, name: a.name, count: rec[0], denominator: e, value: d.value, lower: d.lower95, upper: d.upper95 });
    }
    return new Map([[HYP_DEF.id, m]]);
  },
};
