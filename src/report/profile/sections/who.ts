/**
 * Section 1, "Who lives here": mid-2019 population by age and sex against England (pyramid),
 * the Core20 share (all ages and children) by national IMD 2019 decile, and a map of the place's
 * neighbourhoods by IMD decile (where LSOA boundaries are bundled) or of the region's authorities.
 */
import { pyramidChart, type PyramidRow } from '../../../charts/pyramid.js';
import { core20ShareChart } from '../../../charts/core20.js';
import {
  choroplethChart,
  imdDecileCategories,
  DEFAULT_BOUNDARY_ATTRIBUTION,
  type ChoroplethOptions,
  type GeoFeatureCollection,
} from '../../../charts/choropleth.js';
import { getGeography } from '../../../geography/vintages.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { ageSexPopulation, imdDecileOf, PYRAMID_AGE_BANDS, sumAges, toPyramidBands } from '../data.js';
import { core20Population } from '../../../core20plus5/core20.js';
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { lsoaCollection, placeOverlay, utlaCollection } from '../maps.js';
import { indicatorSet } from '../indicators.js';
import { ind, int, num, pct, type SectionContext } from '../context.js';

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
    total: c.population,
    core20: c.core20_population,
    share: c.core20_share === null ? null : 100 * c.core20_share,
    children: c.cyp_population,
    core20Children: c.cyp_core20_population,
    childShare: c.cyp_core20_share === null ? null : 100 * c.cyp_core20_share,
    byDecile: [...c.deciles].sort((a, b) => a.band - b.band).map((d) => d.population),
    lsoas: c.lsoas,
    core20Lsoas: c.core20_lsoas,
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
  const children = (100 * (sumAges(pop.male, 0, 15) + sumAges(pop.female, 0, 15))) / total;
  const engChildren = (100 * (sumAges(eng.male, 0, 15) + sumAges(eng.female, 0, 15))) / engTotal;
  const over65 = ind(ctx, 'pop-65plus');
  const lsoas = g.lsoasIn(place.code, place.level);
  const c20 = core20Figures(place.code);
  const engC20 = core20Figures(ENGLAND_CODE);
  const c20Ind = ind(ctx, 'core20-share');

  const figures: ReportFigure[] = [];
  const pyramid = pyramidChart(pyramidRows(pop), {
    areaName: name,
    comparator: pyramidRows(eng),
    comparatorName: 'England',
    subtitle: `ONS mid-2019 estimates. Bars: ${name} (${int(total)} people). Outline: England.`,
  });
  // One age wording across the profile ("aged 0-15", as the Core20 children's share).
  figures.push({
    ...pyramid,
    alt: `${name} had ${int(total)} residents in mid-2019: ${pct(children)} aged 0-15 and ${pct(over65.place.value)} aged 65 and over (England: ${pct(engChildren)} and ${pct(over65.england.value)}). Males are ${pct((100 * males) / total)} of the population.`,
  });
  const engShares = engC20.byDecile.map((v) => (100 * v) / engC20.total);
  figures.push(
    core20ShareChart(
      c20.byDecile.map((p, i) => ({ decile: i + 1, population: Math.round(p), englandShare: engShares[i] })),
      {
        areaName: name,
        subtitle: `Deprivation deciles (IMD 2019) of ${name}'s ${int(c20.lsoas)} neighbourhoods; shares of the mid-2015 populations used for the index. England line: share of England's population in each decile.`,
      },
    ),
  );

  const notes: string[] = [];
  // an ICB (official July 2022 lookup) can cut districts: its mid-2019 figures are of the districts wholly inside it
  if (place.level === 'icb') {
    const cut = g.childrenOf(place.code, 'lad', { partial: true, fromLevel: 'icb' }).filter((l) => !place.lads.some((x) => x.code === l.code));
    if (cut.length)
      notes.push(
        `${name} includes parts of ${cut.map((l) => l.name).join(', ')}, which are not counted in the mid-2019 population and age structure above: ONS mid-2019 estimates are by district, so these figures cover the ${place.lads.length} districts wholly inside ${name}. Core20 shares count every neighbourhood of ${name}.`,
      );
  }
  const boundaries = lsoaCollection(lsoas);
  if (boundaries) {
    const decile = imdDecileOf();
    figures.push(
      choroplethChart(
        boundaries,
        lsoas.map((l) => ({ code: l, name: g.areaName(l, 'lsoa'), value: decile.get(l) ?? null })),
        {
          title: `Neighbourhoods of ${name} by national IMD 2019 decile`,
          subtitle: `${int(c20.lsoas)} neighbourhoods (small areas of about 1,500 residents); decile 1 = the most deprived 10% in England`,
          idProperty: 'code',
          legendTitle: 'IMD 2019 decile',
          categories: imdDecileCategories(),
          areaLabel: 'neighbourhoods',
          attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
          outlineCategories: [1, 2],
          outlineLabel: 'Core20 (deciles 1-2)',
          ...mapPlaces(ctx, boundaries),
        },
      ),
    );
  } else if (place.region) {
    const set = indicatorSet('utla').get('core20-share')!;
    const utlas = g.childrenOf(place.region.code, 'utla');
    const { geojson, missing } = utlaCollection(utlas.map((u) => u.code));
    figures.push(
      choroplethChart(
        geojson,
        utlas.map((u) => ({ code: u.code, name: u.name, value: set.peers.get(u.code)?.value ?? null })),
        {
          title: `Share of the population living in Core20 neighbourhoods, ${place.region.name} authorities`,
          subtitle: `Counties and unitary authorities of ${place.region.name}; ${name} is one of them. Neighbourhood boundaries for ${name} are not bundled.`,
          idProperty: 'code',
          legendTitle: 'Core20 share (%)',
          areaLabel: 'authorities',
          decimals: 1,
          attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
        },
      ),
    );
    if (missing.length)
      notes.push(
        `The map has no December 2023 boundary for ${missing.length} authorit${missing.length === 1 ? 'y' : 'ies'} whose code changed after April 2019 (${missing.join(', ')}).`,
      );
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
      {
        measure: 'Population, mid-2019 (persons)',
        place: int(total),
        region: place.region ? int(populationOf(place.region.code)) : null,
        england: int(engTotal),
      },
      {
        measure: 'Aged 0-15, mid-2019 (% of all residents)',
        place: num(children),
        region: place.region ? num(childShareOf(place.region.code)) : null,
        england: num(engChildren),
      },
      {
        measure: 'Aged 65 and over, mid-2019 (% of all residents)',
        place: num(over65.place.value),
        region: num(over65.region?.value),
        england: num(over65.england.value),
      },
      {
        measure: 'Living in Core20 neighbourhoods, all ages (% of mid-2015 residents)',
        place: num(c20Ind.place.value),
        region: num(c20Ind.region?.value),
        england: num(c20Ind.england.value),
      },
      {
        measure: 'Children aged 0-15 living in Core20 neighbourhoods (% of mid-2015 children aged 0-15)',
        place: num(c20.childShare),
        region: place.region ? num(core20Figures(place.region.code).childShare) : null,
        england: num(engC20.childShare),
      },
    ],
    notes:
      'Population and ages: ONS mid-2019 estimates. Core20 shares: the mid-2015 populations (excluding prisoners) published with the Index of Multiple Deprivation 2019, living in neighbourhoods in national deciles 1-2; they are shares of that population, not of the mid-2019 estimate.',
  };

  const c20Sentence =
    c20.share === null
      ? `The share of ${name}'s residents living in Core20 neighbourhoods is not available.`
      : `${pct(c20.share)} of its residents live in Core20 neighbourhoods, the most deprived 20% in England (England ${pct(engC20.share)}; shares of the mid-2015 populations used for the deprivation index).`;
  const headline = `${int(total)} people lived in ${name} in mid-2019. ${c20Sentence}`;
  const narrative = [
    `${name} had ${int(total)} residents in mid-2019 (${int(females)} females and ${int(males)} males; ONS estimates). Of these residents, ${pct(children)} were aged 0-15 (England ${pct(engChildren)}) and ${pct(over65.place.value)} were aged 65 and over (England ${pct(over65.england.value)}).`,
    `${int(c20.core20Lsoas)} of ${name}'s ${int(c20.lsoas)} neighbourhoods are in the most deprived 20% in England. The Index of Multiple Deprivation 2019 counts ${int(c20.total)} residents in ${name} (mid-2015); ${int(c20.core20)} of them, ${pct(c20.share)}, live in these neighbourhoods (England ${pct(engC20.share)}). Of its children aged 0-15 counted the same way, ${pct(c20.childShare)} live there (England ${pct(engC20.childShare)}). This is the **Core20** of NHS England's Core20PLUS5 approach.`,
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

function childShareOf(code: string): number {
  const g = getGeography();
  const p = ageSexPopulation(g.childrenOf(code, 'lad'));
  return (100 * (sumAges(p.male, 0, 15) + sumAges(p.female, 0, 15))) / (sumAges(p.male, 0) + sumAges(p.female, 0));
}

/** The place's parts on its map: an ICB's places as labelled outlines, a county's districts as labels. */
function mapPlaces(ctx: SectionContext, lsoas: GeoFeatureCollection): Pick<ChoroplethOptions, 'overlay' | 'labels'> {
  const g = getGeography();
  if (ctx.place.level === 'icb') {
    const utlas = g.childrenOf(ctx.place.code, 'utla', { fromLevel: 'icb' });
    const { geojson, missing } = utlaCollection(utlas.map((u) => u.code));
    if (missing.length === 0 && utlas.length > 1) return { overlay: { geojson, nameProperty: 'name', legend: 'Places (outlined and named)' } };
  }
  if (ctx.place.level === 'utla' && ctx.place.lads.length > 1)
    return {
      labels: placeOverlay(
        lsoas,
        ctx.place.lads.map((l) => ({ code: l.code, name: l.name, lsoas: g.lsoasIn(l.code, 'lad') })),
      ),
    };
  return {};
}

function populationOf(code: string): number {
  const g = getGeography();
  const p = ageSexPopulation(g.childrenOf(code, 'lad'));
  return sumAges(p.male, 0) + sumAges(p.female, 0);
}
