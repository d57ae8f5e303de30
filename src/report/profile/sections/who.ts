/**
 * Section 1, "Who lives here": mid-2019 population by age and sex against England (pyramid),
 * the Core20 share (all ages and children) by national IMD 2019 decile, and a map of the place's
 * neighbourhoods by IMD decile (where LSOA boundaries are bundled) or of the region's authorities.
 */
import { pyramidChart, type PyramidRow } from '../../../charts/pyramid.js';
import { core20ShareChart } from '../../../charts/core20.js';
import { choroplethChart, imdDecileCategories, DEFAULT_BOUNDARY_ATTRIBUTION } from '../../../charts/choropleth.js';
import { getGeography } from '../../../geography/geography.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { ageSexPopulation, imdDecileOf, PYRAMID_AGE_BANDS, sumAges, toPyramidBands } from '../data.js';
import { core20Population } from '../../../core20plus5/core20.js';
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { lsoaCollection, utlaCollection } from '../maps.js';
import { indicatorSet } from '../indicators.js';
import { ind, int, num, type SectionContext } from '../context.js';

function pyramidRows(single: { male: Float64Array; female: Float64Array }): PyramidRow[] {
  const m = toPyramidBands(single.male);
  const f = toPyramidBands(single.female);
  return [
    ...PYRAMID_AGE_BANDS.map((b, i) => ({ ageBand: b, sex: 'Male' as const, population: m[i] })),
    ...PYRAMID_AGE_BANDS.map((b, i) => ({ ageBand: b, sex: 'Female' as const, population: f[i] })),
  ];
}

/** Core20 share figures for a place (all ages and children 0-15), from `core20Population` (src/core20plus5). */
export interface Core20Figures {
  total: number;
  core20: number;
  share: number | null;
  children: number | null;
  core20Children: number | null;
  childShare: number | null;
  byDecile: number[];
  lsoas: number;
  core20Lsoas: number;
}

/** Core20 figures of a place by code (IoD2019 File 6 populations, mid-2015), shares in %. */
export function core20Figures(code: string): Core20Figures {
  const c = core20Population(code, { imd: 2019 });
  return {
    total: c.population, core20: c.core20_population, share: c.core20_share === null ? null : 100 * c.core20_share,
    children: c.cyp_population, core20Children: c.cyp_core20_population, childShare: c.cyp_core20_share === null ? null : 100 * c.cyp_core20_share,
    byDecile: [...c.deciles].sort((a, b) => a.band - b.band).map((d) => d.population), lsoas: c.lsoas, core20Lsoas: c.core20_lsoas,
  };
}

/** Build the "Who lives here" section. */
export function whoLivesHereSection(ctx: SectionContext): Section {
  const { place, name } = ctx;
  const g = getGeography();
  const pop = ageSexPopulation(place.lads);
  const eng = ageSexPopulation('england');
  const males = sumAges(pop.male, 0);
  const females = sumAges(pop.female, 0);
  const total = males + females;
  const engTotal = sumAges(eng.male, 0) + sumAges(eng.female, 0);
  const under15 = (100 * (sumAges(pop.male, 0, 14) + sumAges(pop.female, 0, 14))) / total;
  const engUnder15 = (100 * (sumAges(eng.male, 0, 14) + sumAges(eng.female, 0, 14))) / engTotal;
  const over65 = ind(ctx, 'pop-65plus');
  const lsoas = g.lsoasIn(place.code, place.level);
  const c20 = core20Figures(place.code);
  const engC20 = core20Figures(ENGLAND_CODE);
  const c20Ind = ind(ctx, 'core20-share');

  const figures: ReportFigure[] = [];
  figures.push(pyramidChart(pyramidRows(pop), {
    areaName: name, comparator: pyramidRows(eng), comparatorName: 'England', subtitle: `ONS mid-2019 estimates. Bars: ${name} (${int(total)} people). Outline: England.`,
  }));
  const engShares = engC20.byDecile.map((v) => (100 * v) / engC20.total);
  figures.push(core20ShareChart(c20.byDecile.map((p, i) => ({ decile: i + 1, population: Math.round(p), englandShare: engShares[i] })), {
    areaName: name, subtitle: `IMD 2019 deciles of ${name}'s ${int(c20.lsoas)} neighbourhoods (LSOAs), IoD2019 mid-2015 populations. England line: share of England's population in each decile.`,
  }));

  const notes: string[] = [];
  // an ICB (official July 2022 lookup) can cut districts: its mid-2019 figures are of the districts wholly inside it
  if (place.level === 'icb') {
    const cut = g.childrenOf(place.code, 'lad', { partial: true, fromLevel: 'icb' }).filter((l) => !place.lads.some((x) => x.code === l.code));
    if (cut.length) notes.push(`${name} includes parts of ${cut.map((l) => l.name).join(', ')}, which are not counted in the mid-2019 population and age structure above: ONS mid-2019 estimates are by district, so these figures cover the ${place.lads.length} districts wholly inside ${name}. Core20 shares count every neighbourhood of ${name}.`);
  }
  const boundaries = lsoaCollection(lsoas);
  if (boundaries) {
    const decile = imdDecileOf();
    figures.push(choroplethChart(boundaries, lsoas.map((l) => ({ code: l, name: g.areaName(l, 'lsoa'), value: decile.get(l) ?? null })), {
      title: `Neighbourhoods of ${name} by national IMD 2019 decile`, subtitle: `${int(c20.lsoas)} LSOAs (2011); decile 1 = the most deprived 10% in England`,
      idProperty: 'code', legendTitle: 'IMD 2019 decile', categories: imdDecileCategories(), areaLabel: 'neighbourhoods (LSOAs)', attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
    }));
  } else if (place.region) {
    const set = indicatorSet('utla').get('core20-share')!;
    const utlas = g.childrenOf(place.region.code, 'utla');
    const { geojson, missing } = utlaCollection(utlas.map((u) => u.code));
    figures.push(choroplethChart(geojson, utlas.map((u) => ({ code: u.code, name: u.name, value: set.peers.get(u.code)?.value ?? null })), {
      title: `Share of the population living in Core20 neighbourhoods, ${place.region.name} authorities`,
      subtitle: `Counties and unitary authorities of ${place.region.name}; ${name} is one of them. Neighbourhood (LSOA) boundaries for ${name} are not bundled.`,
      idProperty: 'code', legendTitle: 'Core20 share (%)', areaLabel: 'authorities', decimals: 1, attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
    }));
    if (missing.length) notes.push(`The map has no December 2023 boundary for ${missing.length} authorit${missing.length === 1 ? 'y' : 'ies'} whose code changed after April 2019 (${missing.join(', ')}).`);
  }

  const table: DataTable = {
    caption: `Population summary: ${name}, ${ctx.regionName ?? 'region'} and England`,
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'place', label: name },
      ...(ctx.regionName ? [{ key: 'region', label: ctx.regionName }] : []),
      { key: 'england', label: 'England' },
    ],
    rows: [
      { measure: 'Population, mid-2019 (persons)', place: int(total), region: place.region ? int(populationOf(place.region.code)) : null, england: int(engTotal) },
      { measure: 'Aged 65 and over (%)', place: num(over65.place.value), region: num(over65.region?.value), england: num(over65.england.value) },
      { measure: 'Living in Core20 neighbourhoods, all ages (%)', place: num(c20Ind.place.value), region: num(c20Ind.region?.value), england: num(c20Ind.england.value) },
      { measure: 'Children aged 0-15 living in Core20 neighbourhoods (%)', place: num(c20.childShare), region: place.region ? num(core20Figures(place.region.code).childShare) : null, england: num(engC20.childShare) },
    ],
    notes: 'Population: ONS mid-2019 estimates. Core20 shares: IoD2019 population denominators (mid-2015, excluding prisoners) of LSOAs in national IMD 2019 deciles 1-2.',
  };

  const headline = `${int(total)} people lived in ${name} in mid-2019; ${num(c20.share)}% live in Core20 neighbourhoods (the most deprived 20% in England), compared with ${num(engC20.share)}% of England's population.`;
  const narrative = [
    `${name} had ${int(total)} residents in mid-2019 (${int(females)} females and ${int(males)} males). ${num(under15)}% were aged under 15 (England ${num(engUnder15)}%) and ${num(over65.place.value)}% were aged 65 and over (England ${num(over65.england.value)}%).`,
    `${int(c20.core20Lsoas)} of ${name}'s ${int(c20.lsoas)} neighbourhoods (LSOAs) are in the most deprived 20% in England. They hold ${num(c20.share)}% of its population (${int(c20.core20)} people) and ${num(c20.childShare)}% of its children aged 0-15, compared with ${num(engC20.share)}% and ${num(engC20.childShare)}% in England. This is the **Core20** of NHS England's Core20PLUS5 approach.`,
  ];
  return {
    id: 'who-lives-here',
    heading: 'Who lives here',
    headline,
    narrative,
    figures,
    tables: [table],
    notes: notes.length ? notes.join(' ') : undefined,
  };
}

function populationOf(code: string): number {
  const g = getGeography();
  const p = ageSexPopulation(g.childrenOf(code, 'lad'));
  return sumAges(p.male, 0) + sumAges(p.female, 0);
}
