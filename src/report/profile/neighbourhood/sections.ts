/**
 * Sections of a neighbourhood profile (PCN, ward, analyst-drawn area): who lives here (Census
 * 2021), deprivation (IMD 2025, Core20) with a map where boundaries are bundled, GP practices and
 * their Core20 share with a funnel plot within the parent ICB, QOF recorded prevalence, and the
 * measures that exist only for the parent authority (life expectancy), labelled as such.
 */
import { aq } from '../../../core/arquero.js';
import { core20ShareChart } from '../../../charts/core20.js';
import { choroplethChart, imdDecileCategories, DEFAULT_BOUNDARY_ATTRIBUTION } from '../../../charts/choropleth.js';
import { funnelChart, type FunnelLimitRow } from '../../../charts/funnel.js';
import type { ChartSpec } from '../../../charts/types.js';
import { core20Population, imdDecilesByLsoa, type Core20Population } from '../../../core20plus5/core20.js';
import { neighbourhoodCore20, neighbourhoodEthnicity } from '../../../core20plus5/neighbourhood.js';
import { plusEthnicity } from '../../../core20plus5/plus.js';
import { HealthgapError } from '../../../core/errors.js';
import { roundHalfAway } from '../../../core/rounding.js';
import { areaCensusPopulation, censusAgesByLsoa, type CensusPopulation } from '../../../geography/census.js';
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { neighbourhoodCensusPopulation, type Neighbourhood } from '../../../geography/neighbourhood.js';
import { allPcns } from '../../../geography/pcn.js';
import { practiceDeprivation } from '../../../geography/practices.js';
import { bridgeLsoas } from '../../../geography/successors.js';
import { getGeography } from '../../../geography/vintages.js';
import { leComparePlace } from '../../../lifeexp/place.js';
import { neighbourhoodPracticeShares, neighbourhoodPrevalence, type NeighbourhoodPrevalenceRow } from '../../../prevalence/neighbourhood.js';
import { practicePrevalence } from '../../../prevalence/recorded.js';
import { qofRegister } from '../../../prevalence/registers.js';
import { practiceFunnel } from '../../../prevalence/variation.js';
import { CENSUS2021_AGE_GROUPS } from '../../../io/census2021.js';
import { cachedRead } from '../../../io/cache.js';
import { isSuppressedCount } from '../../suppression.js';
import type { DataTable, Section, SuppressionRule } from '../../types.js';
import { lsoaCollection } from '../maps.js';
import { practiceLabel, publishedName } from '../names.js';
import { int, num } from '../context.js';
import { listAnd } from '../text.js';

/** What every section needs. */
export interface NeighbourhoodContext {
  n: Neighbourhood;
  /** Display name. */
  name: string;
  rule: Required<SuppressionRule>;
  funnelRegister: string;
  practiceLabels: 'names' | 'codes';
  /** Filled in by the sections for the index page. */
  figures: Map<string, string>;
}

const AGE_LABELS: Readonly<Record<string, string>> = {
  age_0_15: '0-15',
  age_16_24: '16-24',
  age_25_34: '25-34',
  age_35_49: '35-49',
  age_50_64: '50-64',
  age_65_plus: '65 and over',
};

const pctOf = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? 'not available' : `${num(100 * x, d)}%`);

function kindText(n: Neighbourhood): string {
  switch (n.level) {
    case 'pcn':
      return 'primary care network';
    case 'ward':
      return 'electoral ward';
    case 'practice-list':
      return 'group of GP practices';
    case 'polygon':
      return 'neighbourhood drawn on a map';
    default:
      return 'neighbourhood made of small areas';
  }
}

function shortIcb(name: string): string {
  return name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, ' ICB');
}

/** Comparator areas: parent LA, parent ICB, England (Census 2021 populations). */
function comparators(n: Neighbourhood): { label: string; pop: CensusPopulation }[] {
  const out: { label: string; pop: CensusPopulation }[] = [];
  if (n.parentLa) out.push({ label: n.parentLa.name, pop: areaCensusPopulation(n.parentLa) });
  if (n.parentIcb) out.push({ label: shortIcb(n.parentIcb.name), pop: areaCensusPopulation(n.parentIcb) });
  out.push({ label: 'England', pop: areaCensusPopulation(ENGLAND_CODE) });
  return out;
}

function groupedBars(title: string, subtitle: string, categories: string[], series: { name: string; values: (number | null)[] }[], yTitle: string): ChartSpec {
  const colours = ['#0072B2', '#E69F00', '#009E73', '#777777'];
  return {
    title,
    subtitle,
    figure: {
      data: series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        x: categories,
        y: s.values.map((v) => (v === null ? null : Number(v.toFixed(1)))),
        marker: { color: colours[i % colours.length] },
        hovertemplate: `${s.name}: %{y:.1f}%<extra>%{x}</extra>`,
      })),
      layout: {
        barmode: 'group',
        yaxis: { title: { text: yTitle }, rangemode: 'tozero' },
        xaxis: { type: 'category' },
        legend: { orientation: 'h', y: -0.2 },
        margin: { t: 20, r: 10, b: 80, l: 60 },
        height: 380,
      },
    },
    alt: `${title}. ${series.map((s) => `${s.name}: ${categories.map((c, j) => `${c} ${s.values[j] === null ? 'not available' : `${num(s.values[j])}%`}`).join(', ')}`).join('. ')}.`,
    table: {
      columns: ['Group', ...series.map((s) => `${s.name} (%)`)],
      rows: categories.map((c, j) => [c, ...series.map((s) => (s.values[j] === null ? null : Number(s.values[j]!.toFixed(1))))]),
    },
    notes: [],
  };
}

/** Who lives here: Census 2021 residents by age group and ethnic group, against the parents. */
export function whoSection(ctx: NeighbourhoodContext): Section {
  const { n, name } = ctx;
  const pop = neighbourhoodCensusPopulation(n);
  const comps = comparators(n);
  const share = (p: CensusPopulation, k: string) => (p.all_ages > 0 ? (100 * p.ages[k]) / p.all_ages : null);
  const chart = groupedBars(
    `Residents by age group: ${name} and its comparators, Census 2021`,
    `Share of usual residents in each age group (%)${n.basis === 'residents' ? '' : `; ${name}: residents apportioned by where its registered patients live`}`,
    CENSUS2021_AGE_GROUPS.map((k) => AGE_LABELS[k]),
    [
      { name, values: CENSUS2021_AGE_GROUPS.map((k) => share(pop, k)) },
      ...comps.map((c) => ({ name: c.label, values: CENSUS2021_AGE_GROUPS.map((k) => share(c.pop, k)) })),
    ],
    'Residents (%)',
  );
  const ageTable: DataTable = {
    caption: `Usual residents of ${name} by age group (Census 2021)`,
    columns: [
      { key: 'group', label: 'Age group' },
      { key: 'count', label: 'Residents', format: 'integer' },
      { key: 'share', label: `% of ${name}`, format: 'percent' },
      ...comps.map((c, i) => ({ key: `c${i}`, label: `% of ${c.label}`, format: 'percent' as const })),
    ],
    rows: [
      ...CENSUS2021_AGE_GROUPS.map((k) => ({
        group: AGE_LABELS[k],
        count: roundHalfAway(pop.ages[k]),
        share: share(pop, k),
        ...Object.fromEntries(comps.map((c, i) => [`c${i}`, share(c.pop, k)])),
      })),
      { group: 'All ages', count: roundHalfAway(pop.all_ages), share: 100, ...Object.fromEntries(comps.map((_, i) => [`c${i}`, 100])) },
    ],
    countColumns: ['count'],
    derivedFrom: { share: 'count' },
    notes: pop.source,
  };
  const eth = neighbourhoodEthnicity(n);
  const engEth = plusEthnicity('England');
  const laEth = n.parentLa ? plusEthnicity(n.parentLa.code) : null;
  const ethTable: DataTable = {
    caption: `Ethnic groups of ${name} (Census 2021)`,
    columns: [
      { key: 'label', label: 'Ethnic group' },
      { key: 'count', label: 'Residents', format: 'integer' },
      { key: 'share', label: `% of ${name}`, format: 'percent' },
      ...(laEth ? [{ key: 'la', label: `% of ${n.parentLa!.name}`, format: 'percent' as const }] : []),
      { key: 'england', label: '% of England', format: 'percent' },
    ],
    rows: eth.rows.map((r, i) => ({
      label: r.label,
      count: roundHalfAway(r.population),
      share: r.composition === null ? null : 100 * r.composition,
      ...(laEth ? { la: laEth.rows[i].composition === null ? null : 100 * laEth.rows[i].composition! } : {}),
      england: engEth.rows[i].composition === null ? null : 100 * engEth.rows[i].composition!,
    })),
    countColumns: ['count'],
    derivedFrom: { share: 'count' },
    notes: eth.notes.slice(0, 2).join(' '),
  };
  const children = pop.ages.age_0_15;
  const minority = eth.ethnic_minority_population;
  ctx.figures.set('population', int(pop.all_ages));
  const approx = n.basis === 'residents' ? '' : 'an estimated ';
  const la = comps[0];
  return {
    id: 'who-lives-here',
    heading: 'Who lives here',
    headline: `${name} has ${approx}${int(pop.all_ages)} residents (Census 2021), ${pctOf(pop.all_ages > 0 ? children / pop.all_ages : null)} of them children aged 0-15.`,
    narrative: [
      n.basis === 'residents'
        ? `${name} is an ${kindText(n)} of ${int(n.lsoa21.length)} small areas (LSOAs 2021, about 1,500 residents each). At the 2021 Census ${int(pop.all_ages)} people lived there: ${int(children)} children aged 0-15 (${pctOf(children / pop.all_ages)}; ${la.label}: ${pctOf(la.pop.ages.age_0_15 / la.pop.all_ages)}) and ${int(pop.ages.age_65_plus)} people aged 65 and over (${pctOf(pop.ages.age_65_plus / pop.all_ages)}; ${la.label}: ${pctOf(la.pop.ages.age_65_plus / la.pop.all_ages)}).`
        : `${name} is a ${kindText(n)} of ${n.practices.length} GP practices. Its registered patients live in ${int(n.lsoa21.length)} small areas; counting in each the share of the patients registered with these practices, the residents it serves number about ${int(pop.all_ages)} (Census 2021): ${int(children)} children aged 0-15 (${pctOf(children / pop.all_ages)}) and ${int(pop.ages.age_65_plus)} people aged 65 and over (${pctOf(pop.ages.age_65_plus / pop.all_ages)}). These are estimates: a practice's patients are not all residents of one place.`,
      `${int(minority)} residents (${pctOf(eth.population > 0 ? minority / eth.population : null)}) belong to ethnic groups other than White${laEth ? ` (${n.parentLa!.name}: ${pctOf(laEth.population > 0 ? laEth.ethnic_minority_population / laEth.population : null)})` : ''}; England: ${pctOf(engEth.population > 0 ? engEth.ethnic_minority_population / engEth.population : null)}.`,
    ],
    figures: [{ ...chart, countColumns: [] }],
    tables: [ageTable, ethTable],
    notes: `Census 2021 usual residents (ONS). ${n.notes.join(' ')}`,
  };
}

/** LSOA 2011 boundaries of a residents area, coloured by IMD 2025 decile (mixed where its 2021 parts differ), or null. */
function deprivationMap(ctx: NeighbourhoodContext): { chart: ChartSpec | null; note: string } {
  const { n, name } = ctx;
  if (n.basis !== 'residents')
    return { chart: null, note: `No map: a ${kindText(n)} is a group of practices whose patients live across many small areas, not a bounded area.` };
  const lsoa11 = bridgeLsoas(n.lsoa21, '2024');
  const fc = lsoaCollection(lsoa11);
  if (!fc)
    return {
      chart: null,
      note: `No map: boundaries of 2021 small areas (LSOA 2021) are not bundled, and 2011 boundaries only for the West Midlands combined authority, Herefordshire and Worcestershire, which do not cover ${name}.`,
    };
  const dec = imdDecilesByLsoa(2025);
  const fwd = new Map<string, Set<number>>();
  const set = new Set(n.lsoa21);
  for (const l of lsoa11) {
    const parts = bridgeLsoas([l], '2019').filter((k) => set.has(k));
    fwd.set(l, new Set(parts.map((k) => dec.get(k)!).filter((d) => d !== undefined)));
  }
  const g = getGeography('2019');
  const mixed = [...fwd.values()].filter((s) => s.size !== 1).length;
  const chart = choroplethChart(
    fc,
    lsoa11.map((l) => {
      const s = fwd.get(l)!;
      return { code: l, name: g.areaName(l, 'lsoa'), value: s.size === 1 ? [...s][0] : null };
    }),
    {
      title: `IMD 2025 decile of the small areas of ${name}`,
      subtitle: `Drawn on the ${lsoa11.length} bundled LSOA 2011 boundaries (2021 boundaries are not bundled); colour = the IMD 2025 decile of the area's 2021 small areas${mixed ? `; ${mixed} with 2021 parts in different deciles shown as no data` : ''}. 1 = most deprived 10% in England.`,
      idProperty: 'code',
      legendTitle: 'IMD 2025 decile',
      categories: imdDecileCategories(),
      areaLabel: 'small areas (2011 boundaries)',
      attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
    },
  );
  return { chart, note: '' };
}

/** Deprivation: IMD 2025 deciles and the Core20 share against the parent LA, ICB and England. */
export function deprivationSection(ctx: NeighbourhoodContext): Section {
  const { n, name } = ctx;
  const c = neighbourhoodCore20(n);
  const eng = core20Population(ENGLAND_CODE, { imd: 2025 });
  const la = n.parentLa ? core20Population(n.parentLa.code, { imd: 2025 }) : null;
  const icb = n.parentIcb ? core20Population(n.parentIcb.code, { imd: 2025 }) : null;
  const patients = n.basis === 'registered patients' ? neighbourhoodCore20(n, { imd: 2019 }) : null;
  const chart = core20ShareChart(
    c.deciles.map((d, i) => ({
      decile: d.band,
      population: roundHalfAway(d.population),
      englandShare: eng.deciles[i].share === null ? null : 100 * eng.deciles[i].share!,
    })),
    {
      areaName: name,
      imdLabel: 'IMD 2025',
      subtitle: `Residents of ${name} by the IMD 2025 decile of their small area (Census 2021). England line: share of England's population in each decile.`,
    },
  );
  const rows: { area: string; c: Core20Population }[] = [{ area: name, c }];
  if (la) rows.push({ area: la.area_name, c: la });
  if (icb) rows.push({ area: shortIcb(icb.area_name), c: icb });
  rows.push({ area: 'England', c: eng });
  const table: DataTable = {
    caption: `Residents living in Core20 small areas (IMD 2025 deciles 1-2): ${name} and its comparators`,
    columns: [
      { key: 'area', label: 'Area' },
      { key: 'population', label: 'Residents', format: 'integer' },
      { key: 'core20', label: 'In Core20', format: 'integer' },
      { key: 'share', label: 'Core20 share', format: 'percent' },
      { key: 'cyp', label: 'Children 0-15 in Core20', format: 'integer' },
      { key: 'cyp_share', label: 'Children: Core20 share', format: 'percent' },
    ],
    rows: rows.map((r) => ({
      area: r.area,
      population: roundHalfAway(r.c.population),
      core20: roundHalfAway(r.c.core20_population),
      share: r.c.core20_share === null ? null : 100 * r.c.core20_share,
      cyp: r.c.cyp_core20_population === null ? null : roundHalfAway(r.c.cyp_core20_population),
      cyp_share: r.c.cyp_core20_share === null ? null : 100 * r.c.cyp_core20_share,
    })),
    countColumns: ['core20', 'cyp'],
    derivedFrom: { share: 'core20', cyp_share: 'cyp' },
    notes: `IMD 2025 (MHCLG, October 2025) by LSOA 2021 with Census 2021 usual residents.${n.basis === 'residents' ? '' : ` ${name}: apportioned by where its registered patients live.`}`,
  };
  const map = deprivationMap(ctx);
  ctx.figures.set('core20', pctOf(c.core20_share));
  const dec = imdDecilesByLsoa(2025);
  const census = censusAgesByLsoa();
  const g24 = getGeography('2024');
  const shown = n.lsoa21.filter((k) => n.basis === 'residents' || (n.lsoaWeights.get(k) ?? 0) >= 0.1);
  const lsoaTable: DataTable = {
    caption:
      n.basis === 'residents'
        ? `The small areas (LSOAs 2021) of ${name} by IMD 2025 decile`
        : `The small areas (LSOAs 2021) where at least 10% of registered patients are with ${name}, by IMD 2025 decile`,
    printed: false,
    columns: [
      { key: 'code', label: 'LSOA 2021' },
      { key: 'name', label: 'Name' },
      { key: 'residents', label: 'Residents (Census 2021)', format: 'integer' },
      ...(n.basis === 'residents' ? [] : [{ key: 'weight', label: `% of its registered patients with ${name}`, format: 'percent' as const }]),
      { key: 'decile', label: 'IMD 2025 decile', format: 'integer' },
      { key: 'core20', label: 'Core20' },
    ],
    rows: shown
      .map((k) => ({
        code: k,
        name: g24.area(k, 'lsoa')?.name ?? k,
        residents: census.get(k)?.[0] ?? null,
        ...(n.basis === 'residents' ? {} : { weight: 100 * (n.lsoaWeights.get(k) ?? 0) }),
        decile: dec.get(k) ?? null,
        core20: (dec.get(k) ?? 99) <= 2 ? 'Yes' : 'No',
      }))
      .sort((a, b) => (a.decile ?? 99) - (b.decile ?? 99) || a.code.localeCompare(b.code)),
    countColumns: ['residents'],
    notes: 'Decile 1 = the most deprived 10% of small areas in England (MHCLG IoD2025, File 1, published deciles).',
  };
  const narrative = [
    `${pctOf(c.core20_share)} of ${name}'s residents live in Core20 small areas, the most deprived 20% in England on the Index of Multiple Deprivation 2025${la ? ` (${la.area_name}: ${pctOf(la.core20_share)}` : ' ('}${icb ? `; ${shortIcb(icb.area_name)}: ${pctOf(icb.core20_share)}` : ''}; England: ${pctOf(eng.core20_share)}). For children aged 0-15 the share is ${pctOf(c.cyp_core20_share)}.`,
  ];
  if (patients)
    narrative.push(
      `Counting its registered patients directly (where they live, January 2021, on IMD 2019, the index published for the 2011 small areas of the registrations), ${pctOf(patients.core20_share)} of the patients of ${name} live in Core20 areas.`,
    );
  return {
    id: 'deprivation',
    heading: 'Deprivation and Core20',
    headline: `${pctOf(c.core20_share)} of ${name}'s residents live in the most deprived 20% of England's small areas (IMD 2025)${la ? `, against ${pctOf(la.core20_share)} in ${la.area_name}` : ''}.`,
    narrative,
    figures: [chart, ...(map.chart ? [map.chart] : [])],
    tables: [table, lsoaTable],
    notes: [map.note, ...c.notes.slice(0, 2)].filter(Boolean).join(' '),
  };
}

/** The practices of an ICB (ePCN 2023, through their PCN's sub-ICB location). */
function icbPractices(icbCode: string): Set<string> {
  return cachedRead(
    `neighbourhood:icb-practices:${icbCode}`,
    () => new Set(allPcns().flatMap((p) => (p.icb?.code === icbCode ? p.practices.map((x) => x.code) : []))),
  );
}

/** GP practices: who serves the area, their Core20 share of patients, and a funnel within the parent ICB. */
export function practicesSection(ctx: NeighbourhoodContext): Section {
  const { n, name, rule } = ctx;
  const reg = qofRegister(ctx.funnelRegister);
  const shares = neighbourhoodPracticeShares(n);
  const dep = practiceDeprivation();
  const depCodes = dep.array('practice_code') as string[];
  const depShare = dep.array('core20_share') as (number | null)[];
  const core20Of = new Map(depCodes.map((c, i) => [c, depShare[i]]));
  const prev = practicePrevalence(reg);
  const pc = prev.array('practice_code') as string[];
  const cnt = prev.array('count') as (number | null)[];
  const den = prev.array('denominator') as (number | null)[];
  const qof = new Map(pc.map((c, i) => [c, { count: cnt[i], list: den[i] }]));
  const listed = n.basis === 'registered patients' ? shares : shares.filter((s) => s.area_share >= 0.02);
  const table: DataTable = {
    caption:
      n.basis === 'registered patients'
        ? `Member practices of ${name}: registered patients, Core20 share of their patients and ${reg.short} recorded prevalence`
        : `GP practices serving ${name} (at least 2% of its registered residents): patients living here, Core20 share of all their patients and ${reg.short} recorded prevalence`,
    columns: [
      ...(ctx.practiceLabels === 'names' ? [{ key: 'practice', label: 'Practice' }] : []),
      { key: 'code', label: 'Code' },
      { key: 'patients', label: n.basis === 'registered patients' ? 'Registered patients (England)' : `Patients living in ${name}`, format: 'integer' },
      ...(n.basis === 'registered patients' ? [] : [{ key: 'area_share', label: `% of ${name}'s registered residents`, format: 'percent' as const }]),
      { key: 'core20', label: 'Core20 share of its patients (IMD 2019)', format: 'percent' },
      { key: 'count', label: `On ${reg.short} register`, format: 'integer' },
      { key: 'value', label: `${reg.short[0].toUpperCase()}${reg.short.slice(1)} prevalence`, format: 'percent', decimals: 2 },
    ],
    rows: listed.map((s) => {
      const q = qof.get(s.practice_code);
      const c20 = core20Of.get(s.practice_code);
      return {
        ...(ctx.practiceLabels === 'names' ? { practice: publishedName(s.practice_name) } : {}),
        code: s.practice_code,
        patients: roundHalfAway(s.patients),
        ...(n.basis === 'registered patients' ? {} : { area_share: 100 * s.area_share }),
        core20: c20 === null || c20 === undefined ? null : 100 * c20,
        count: q?.count ?? null,
        value: q && q.count !== null && q.list ? (100 * q.count) / q.list : null,
      };
    }),
    countColumns: ['patients', 'count'],
    derivedFrom: n.basis === 'registered patients' ? { value: 'count' } : { area_share: 'patients', value: 'count' },
    notes: `Core20 share of each practice's registered patients living in England, on IMD 2019 (registrations by LSOA 2011, January 2021). ${reg.name} register and list size: QOF 2019-20.${n.basis === 'residents' ? ` Patients living in ${name} are estimated from registrations by LSOA 2011 carried to LSOA 2021.` : ''}`,
  };
  const figures = [];
  const narrative: string[] = [];
  const notes: string[] = [];
  if (n.parentIcb) {
    const inIcb = icbPractices(n.parentIcb.code);
    const mine = new Set(listed.map((s) => s.practice_code));
    const pts = [...inIcb]
      .map((c) => ({ c, q: qof.get(c) }))
      .filter((x): x is { c: string; q: { count: number; list: number } } => !!x.q && x.q.count !== null && x.q.list !== null && x.q.list > 0)
      .filter((x) => !isSuppressedCount(x.q.count, rule))
      .sort((a, b) => (a.c < b.c ? -1 : 1));
    if (pts.length >= 3) {
      const f = practiceFunnel(aq.table({ practice_code: pts.map((x) => x.c), count: pts.map((x) => x.q.count), denominator: pts.map((x) => x.q.list) }), {
        label: 'practices',
        overdispersion: 'additive',
      });
      const sig = f.points.array('significance') as string[];
      const limits: FunnelLimitRow[] = (f.limits.objects() as Record<string, number>[]).map((r) => ({
        denominator: r.Population,
        lower95: r.lower_2s_limit,
        upper95: r.upper_2s_limit,
        lower998: r.lower_3s_limit,
        upper998: r.upper_3s_limit,
        baseline: r.baseline,
      }));
      const names = new Map(shares.map((s) => [s.practice_code, s.practice_name]));
      const nameOf = (c: string) => names.get(c) ?? (depCodes.includes(c) ? ((dep.get('practice_name', depCodes.indexOf(c)) as string) ?? c) : c);
      const chart = funnelChart(
        pts.map((x, i) => ({
          label: practiceLabel(x.c, nameOf(x.c), ctx.practiceLabels),
          denominator: x.q.list,
          value: (100 * x.q.count) / x.q.list,
          significance: sig[i],
        })),
        limits,
        {
          title: `${reg.name}: recorded prevalence at the GP practices of ${shortIcb(n.parentIcb.name)}, QOF 2019-20`,
          subtitle: `${pts.length} practices; black rings: the practices ${n.basis === 'registered patients' ? `of ${name}` : `serving ${name}`}. Average of the ICB's practices ${num(f.average, 2)}%.`,
          unitName: 'GP practices',
          xTitle: 'Registered patients (list size for the register)',
          yTitle: 'Recorded prevalence (%)',
          polarity: 'no-judgement',
          decimals: 2,
          valueSuffix: '%',
        },
      );
      const ring = pts.map((x, i) => ({ x, i })).filter(({ x }) => mine.has(x.c));
      chart.figure.data.push({
        type: 'scatter',
        mode: 'markers',
        name: n.basis === 'registered patients' ? `Practices of ${name}` : `Practices serving ${name}`,
        x: ring.map(({ x }) => x.q.list),
        y: ring.map(({ x }) => (100 * x.q.count) / x.q.list),
        marker: { symbol: 'circle-open', size: 14, color: '#000000', line: { width: 2 } },
        hoverinfo: 'skip',
      });
      const out = ring.filter(({ i }) => sig[i] === 'High (0.001)' || sig[i] === 'Low (0.001)').length;
      figures.push({ ...chart, suppressionApplied: true });
      narrative.push(
        `The funnel plot places ${ring.length} of these practices among the ${pts.length} practices of ${shortIcb(n.parentIcb.name)}: ${out} ${out === 1 ? 'is' : 'are'} outside the 99.8% limits for ${reg.short} recorded prevalence (limits widened for the extra variation between practices).`,
      );
    } else notes.push(`No funnel plot: fewer than three practices of ${n.parentIcb.name} have a published ${reg.short} register.`);
  }
  const top = listed[0];
  narrative.unshift(
    n.basis === 'registered patients'
      ? `${name} has ${n.practices.length} member practices (NHS ODS ePCN, January 2023) with ${int(shares.reduce((s, x) => s + x.patients, 0))} registered patients living in England (January 2021).`
      : `${int(shares.length)} GP practices have registered patients living in ${name}; ${listed.length} of them each hold at least 2% of its registered residents${top ? `, the largest ${ctx.practiceLabels === 'names' ? publishedName(top.practice_name) : top.practice_code} (${pctOf(top.area_share)})` : ''}.`,
  );
  ctx.figures.set('practices', String(listed.length));
  return {
    id: 'practices',
    heading: 'GP practices',
    headline:
      n.basis === 'registered patients'
        ? `${name}'s ${n.practices.length} practices: Core20 share of their patients from ${pctOf(Math.min(...listed.map((s) => core20Of.get(s.practice_code) ?? 1)))} to ${pctOf(Math.max(...listed.map((s) => core20Of.get(s.practice_code) ?? 0)))}.`
        : `${listed.length} GP practices serve most of ${name}'s residents.`,
    narrative,
    figures,
    tables: [table],
    notes: notes.join(' ') || undefined,
  };
}

/** QOF recorded prevalence of the area against the parent LA, ICB and England. */
export function prevalenceSection(ctx: NeighbourhoodContext): Section {
  const { n, name } = ctx;
  const rows: NeighbourhoodPrevalenceRow[] = neighbourhoodPrevalence(n);
  const dm = rows.find((r) => r.register === 'DM');
  ctx.figures.set('dm', dm?.value === null || dm?.value === undefined ? '–' : `${num(dm.value, 2)}%`);
  const table: DataTable = {
    caption: `Recorded prevalence of long-term conditions, ${name}, QOF 2019-20`,
    columns: [
      { key: 'name', label: 'Condition (register)' },
      { key: 'age', label: 'Ages' },
      { key: 'count', label: 'On register', format: 'integer' },
      { key: 'value', label: name, format: 'percent', decimals: 2 },
      { key: 'lower', label: 'Lower 95% CI', format: 'percent', decimals: 2 },
      { key: 'upper', label: 'Upper 95% CI', format: 'percent', decimals: 2 },
      { key: 'la', label: n.parentLa?.name ?? 'Local authority', format: 'percent', decimals: 2 },
      { key: 'icb', label: n.parentIcb ? shortIcb(n.parentIcb.name) : 'ICB', format: 'percent', decimals: 2 },
      { key: 'england', label: 'England', format: 'percent', decimals: 2 },
    ],
    rows: rows.map((r) => ({
      name: r.name,
      age: r.age_base,
      count: r.count === null ? null : roundHalfAway(r.count),
      value: r.value,
      lower: r.lower95_0cl,
      upper: r.upper95_0cl,
      la: r.la_value,
      icb: r.icb_value,
      england: r.england_value,
    })),
    countColumns: ['count'],
    derivedFrom: { value: 'count', lower: 'count', upper: 'count' },
    notes:
      n.basis === 'registered patients'
        ? 'Sum of the member practices’ registers over the sum of their list sizes, as NHS Digital aggregates QOF to PCNs.'
        : `Apportioned: each practice counts in proportion to the share of its registered patients living in ${name} (the Fingertips roll-up method, here to small areas). Local authority and ICB values are rolled up the same way.`,
  };
  const above = rows.filter((r) => r.value !== null && r.la_value !== null && r.lower95_0cl! > r.la_value!);
  const below = rows.filter((r) => r.value !== null && r.la_value !== null && r.upper95_0cl! < r.la_value!);
  const narrative = [
    n.basis === 'registered patients'
      ? `These are the registers of ${name}'s practices (QOF 2019-20): the number of patients recorded with each condition over the number registered at the ages the register counts.`
      : `QOF counts patients by the practice they are registered with, not where they live. For ${name} each practice's register is counted in proportion to the share of its patients who live here. This is an estimate: it assumes a practice's patients with a condition live across its area like its other patients, so it mostly reflects which practices serve ${name}.`,
    above.length || below.length
      ? `Compared with ${n.parentLa?.name ?? 'the local authority'} (95% interval not overlapping its value), recorded prevalence is ${[
          above.length ? `higher for ${listAnd(above.map((r) => r.name.toLowerCase()))}` : '',
          below.length ? `lower for ${listAnd(below.map((r) => r.name.toLowerCase()))}` : '',
        ]
          .filter(Boolean)
          .join(' and ')}; the other conditions do not differ clearly.`
      : `No condition's recorded prevalence differs clearly from ${n.parentLa?.name ?? 'the local authority'}.`,
  ];
  return {
    id: 'prevalence',
    heading: 'Long-term conditions recorded by GP practices',
    headline:
      dm?.value != null
        ? `${num(dm.value, 2)}% of adults (17+) ${n.basis === 'registered patients' ? `registered with ${name}` : `in ${name}`} are on a diabetes register (${n.parentLa?.name ?? 'local authority'}: ${num(dm.la_value, 2)}%).`
        : `Recorded prevalence for ${name}.`,
    narrative,
    figures: [],
    tables: [table],
  };
}

/** Measures that exist only for local authorities, shown for the parent authority and labelled. */
export function parentMeasuresSection(ctx: NeighbourhoodContext): Section {
  const { n, name } = ctx;
  const la = n.parentLa;
  let rows: { sex: string; value: number | null; lower: number | null; upper: number | null; england: number | null }[] = [];
  let problem = '';
  if (la) {
    try {
      rows = leComparePlace(la.code).map((c) => ({
        sex: c.sex === 'Male' ? 'Men' : 'Women',
        value: c.area.value,
        lower: c.area.lower,
        upper: c.area.upper,
        england: c.comparator.value,
      }));
    } catch (e) {
      if (!(e instanceof HealthgapError)) throw e;
      problem = e.message;
    }
  }
  const label = la ? `${la.name} (the whole local authority, not ${name})` : 'the parent local authority';
  return {
    id: 'parent-authority',
    heading: `Shown for ${la?.name ?? 'the local authority'} only: life expectancy`,
    headline: `Life expectancy is not estimated for areas as small as ${name}; the figures here are for ${label}.`,
    narrative: [
      `Life expectancy and mortality need deaths by age over several years; for ${/^[aeiou]/.test(kindText(n)) ? 'an' : 'a'} ${kindText(n)} the counts are too small to give a reliable figure, and the bundled deaths are by local authority. So the figures below are for ${label}. They are not divided down and must not be read as ${name}'s own.`,
      ...(problem ? [`Not available for ${la?.name}: ${problem}.`] : []),
    ],
    figures: [],
    tables: rows.length
      ? [
          {
            caption: `Life expectancy at birth, ${label}, 2014`,
            columns: [
              { key: 'sex', label: 'Sex' },
              { key: 'value', label: `${la!.name} (years)`, format: 'number' },
              { key: 'lower', label: 'Lower 95% CI', format: 'number' },
              { key: 'upper', label: 'Upper 95% CI', format: 'number' },
              { key: 'england', label: 'England (years)', format: 'number' },
            ],
            rows,
            notes: 'ONS deaths registered in 2014 and mid-2014 population estimates; abridged life table (Chiang II), as in the place profiles.',
          },
        ]
      : [],
  };
}
