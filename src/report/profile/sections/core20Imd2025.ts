/**
 * Section "Core20 on IMD 2025": the Core20 share of the place on the English Indices of
 * Deprivation 2025 (LSOA 2021, Census 2021 populations) beside IMD 2019, the neighbourhoods that
 * entered or left Core20 between the two indices (with people and children), a map of that
 * transition where neighbourhood boundaries are bundled, the PLUS groups by ethnicity, and why
 * practice figures stay on IMD 2019.
 */
import { core20ShareChart } from '../../../charts/core20.js';
import { choroplethChart, DEFAULT_BOUNDARY_ATTRIBUTION, type MapCategory } from '../../../charts/choropleth.js';
import { core20Population, PRACTICE_IMD2025_UNAVAILABLE, type ImdVintage } from '../../../core20plus5/core20.js';
import { core20Transition, transitionNarrative, type Core20Change, type Core20Transition } from '../../../core20plus5/transition.js';
import { plusEthnicity, plusEthnicityNarrative } from '../../../core20plus5/plus.js';
import { getGeography } from '../../../geography/vintages.js';
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { readLsoa11Lsoa21 } from '../../../io/lookups2021.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { lsoaCollection, transitionMapNote } from '../maps.js';
import { int, num, type SectionContext } from '../context.js';
import { roundHalfAway } from '../../../core/rounding.js';

/** Colours of the transition map (Okabe-Ito, colour-blind safe), one per change. */
const CHANGE_CATEGORIES: MapCategory[] = [
  { value: 'stayed', label: 'Core20 on both', colour: '#0072B2' },
  { value: 'entered', label: 'Entered Core20 on IMD 2025', colour: '#D55E00' },
  { value: 'left', label: 'Left Core20 on IMD 2025', colour: '#009E73' },
  { value: 'partly', label: 'Merged, split or redrawn: mixed', colour: '#CC79A7' },
  { value: 'never', label: 'Core20 on neither', colour: '#E8E8E8' },
];

/**
 * The transition status of each LSOA 2011 of the bundled boundaries, from the statuses of its
 * LSOAs 2021: one status when they agree (unchanged, or split into parts that agree), `partly`
 * otherwise. Used only to draw the map on LSOA 2011 boundaries (LSOA 2021 boundaries are not bundled).
 */
function statusOnLsoa2011(t: Core20Transition, lsoa11: readonly string[]): Map<string, string> {
  const change = new Map((t.lsoas.objects() as { lsoa21cd: string; change: Core20Change }[]).map((r) => [r.lsoa21cd, r.change]));
  const lk = readLsoa11Lsoa21();
  const a = lk.array('lsoa11_code') as string[];
  const b = lk.array('lsoa21_code') as string[];
  const kids = new Map<string, string[]>();
  a.forEach((x, i) => {
    let k = kids.get(x);
    if (!k) kids.set(x, (k = []));
    k.push(b[i]);
  });
  const out = new Map<string, string>();
  for (const l of lsoa11) {
    const s = new Set(
      (kids.get(l) ?? [])
        .map((c) => change.get(c))
        .filter((x): x is Core20Change => x !== undefined)
        .map((c) => (c.startsWith('partly') ? 'partly' : c)),
    );
    out.set(l, s.size === 1 ? [...s][0] : 'partly');
  }
  return out;
}

/** Build the "Core20 on IMD 2025" section. */
export function core20Imd2025Section(ctx: SectionContext): Section {
  const { place, name } = ctx;
  const imd: ImdVintage = ctx.options.imd ?? 2025;
  const now = core20Population(place.code, { imd });
  const other = core20Population(place.code, { imd: imd === 2025 ? 2019 : 2025 });
  const c25 = imd === 2025 ? now : other;
  const c19 = imd === 2025 ? other : now;
  const eng25 = core20Population(ENGLAND_CODE, { imd: 2025 });
  const engNow = imd === 2025 ? eng25 : core20Population(ENGLAND_CODE, { imd: 2019 });
  const t = core20Transition(place.code);
  const plus = plusEthnicity(place.code);
  const by = new Map(t.counts.map((c) => [c.change, c]));
  const pct = (x: number | null) => (x === null ? 'not available' : `${num(100 * x)}%`);

  const figures: ReportFigure[] = [];
  // the decile chart is on the IMD the profile leads with (--imd; default 2025)
  figures.push(
    core20ShareChart(
      now.deciles.map((d, i) => ({
        decile: d.band,
        population: roundHalfAway(d.population),
        englandShare: engNow.deciles[i].share === null ? null : 100 * engNow.deciles[i].share!,
      })),
      {
        areaName: name,
        imdLabel: `IMD ${imd}`,
        subtitle:
          imd === 2025
            ? `IMD 2025 deciles of ${name}'s ${int(c25.lsoas)} neighbourhoods of 2021 (small areas of about 1,500 residents), Census 2021 populations. England line: share of England's population in each decile.`
            : `IMD 2019 deciles of ${name}'s ${int(c19.lsoas)} neighbourhoods of 2011 (small areas of about 1,500 residents), IoD2019 mid-2015 populations. England line: share of England's population in each decile.`,
      },
    ),
  );
  const notes: string[] = [];
  const lsoa11 = getGeography('2019').hasLevel('lsoa') ? safeLsoas11(place.code, place.level) : [];
  const boundaries = lsoa11.length ? lsoaCollection(lsoa11) : null;
  if (boundaries) {
    const status = statusOnLsoa2011(t, lsoa11);
    const g = getGeography('2019');
    figures.push(
      choroplethChart(
        boundaries,
        lsoa11.map((l) => ({ code: l, name: g.areaName(l, 'lsoa'), value: status.get(l) ?? null })),
        {
          title: `Neighbourhoods of ${name} entering and leaving Core20, IMD 2019 → IMD 2025`,
          subtitle: `Drawn on the ${int(lsoa11.length)} neighbourhood boundaries of 2011 that are bundled (2021 boundaries are not); a 2011 neighbourhood whose 2021 parts differ is shown as mixed`,
          idProperty: 'code',
          legendTitle: 'Core20 change',
          categories: CHANGE_CATEGORIES,
          areaLabel: 'neighbourhoods (2011 boundaries)',
          attribution: DEFAULT_BOUNDARY_ATTRIBUTION,
        },
      ),
    );
  } else notes.push(transitionMapNote(name, lsoa11, 'board').note);

  const transitionTable: DataTable = {
    caption: `Neighbourhoods (2021) of ${name} by Core20 status on IMD 2019 and IMD 2025`,
    printed: false,
    columns: [
      { key: 'label', label: 'Neighbourhoods' },
      { key: 'lsoas', label: 'Neighbourhoods (2021)' },
      { key: 'population', label: 'People (Census 2021)' },
      { key: 'cyp', label: 'Children 0-15' },
    ],
    rows: [
      ...t.counts
        .filter((c) => c.lsoas > 0 || !c.change.startsWith('partly'))
        .map((c) => ({ label: c.label, lsoas: c.lsoas, population: roundHalfAway(c.population), cyp: roundHalfAway(c.cyp_population) })),
      {
        label: 'Core20 on IMD 2019 (wholly)',
        lsoas: t.core20_2019.lsoas,
        population: roundHalfAway(t.core20_2019.population),
        cyp: roundHalfAway(t.core20_2019.cyp_population),
      },
      {
        label: 'Core20 on IMD 2025',
        lsoas: t.core20_2025.lsoas,
        population: roundHalfAway(t.core20_2025.population),
        cyp: roundHalfAway(t.core20_2025.cyp_population),
      },
    ],
    countColumns: ['population', 'cyp'],
    notes: t.notes.join(' '),
  };

  const plusTable: DataTable = {
    caption: `Ethnic groups of ${name} and of its Core20 neighbourhoods (Census 2021, IMD 2025)`,
    printed: false,
    columns: [
      { key: 'label', label: 'Ethnic group' },
      { key: 'population', label: 'Residents' },
      { key: 'composition', label: `% of ${name}` },
      { key: 'core20', label: 'Living in Core20' },
      { key: 'share', label: '% of the group in Core20' },
      { key: 'england', label: 'England: % of the group in Core20' },
    ],
    rows: plus.rows.map((r) => ({
      label: r.label,
      population: roundHalfAway(r.population),
      composition: r.composition === null ? null : num(100 * r.composition),
      core20: roundHalfAway(r.core20_population),
      share: r.share_in_core20 === null ? null : num(100 * r.share_in_core20),
      england: r.england_share_in_core20 === null ? null : num(100 * r.england_share_in_core20),
    })),
    countColumns: ['population', 'core20'],
    derivedFrom: { composition: 'population', share: 'core20' },
    notes: plus.notes.join(' '),
  };

  const e = by.get('entered')!;
  const l = by.get('left')!;
  const hood = (n: number) => `${int(n)} neighbourhood${n === 1 ? '' : 's'}`;
  const headline =
    imd === 2025
      ? `On IMD 2025, ${pct(c25.core20_share)} of ${name}'s residents live in Core20 neighbourhoods (IMD 2019: ${pct(c19.core20_share)}); ${hood(e.lsoas)} entered Core20 and ${hood(l.lsoas)} left it.`
      : `On IMD 2019, ${pct(c19.core20_share)} of ${name}'s residents lived in Core20 neighbourhoods (IMD 2025: ${pct(c25.core20_share)}); on IMD 2025 ${hood(e.lsoas)} entered Core20 and ${hood(l.lsoas)} left it.`;
  const successor = getGeography('2019').successorArea(place.code);
  const narrative = [
    `The English Indices of Deprivation 2025 (MHCLG, October 2025) rank England's 33,755 neighbourhoods of 2021 (small areas of about 1,500 residents). On IMD 2025, ${int(c25.core20_lsoas)} of ${name}'s ${int(c25.lsoas)} neighbourhoods are in the most deprived 20% in England, home to ${int(c25.core20_population)} people (${pct(c25.core20_share)}) and ${int(c25.cyp_core20_population)} children aged 0-15 (${pct(c25.cyp_core20_share)}), against ${pct(eng25.core20_share)} of England's population. On IMD 2019 (2011 neighbourhoods, mid-2015 populations) the share was ${pct(c19.core20_share)}.`,
    ...transitionNarrative(t).map(boardWording),
    ...plusEthnicityNarrative(plus).map(boardWording),
    boardWording(`GP practices: ${PRACTICE_IMD2025_UNAVAILABLE}`),
    ...(successor
      ? [
          `${name} was created in ${successor.predecessors.length > 1 ? 'a merger' : 'a recoding'}: ${successor.note} IMD 2025 and Census 2021 are published for ${name} itself.`,
        ]
      : []),
  ];
  return {
    id: 'core20-imd2025',
    heading: 'Core20 on IMD 2025: the transition from IMD 2019 and PLUS groups',
    headline,
    narrative,
    figures,
    tables: [transitionTable, plusTable],
    notes: [
      `IMD shown first: IMD ${imd}${imd === 2025 ? ' (the default)' : ' (chosen with --imd 2019)'}. The other sections of this profile (who lives here, key messages, the spine chart) stay on IMD 2019, because England's ranges and the deprivation map are on the 2011 neighbourhoods. Populations for IMD 2025: Census 2021 usual residents by neighbourhood of 2021 (ONS); for IMD 2019: IoD2019 File 6 (mid-2015, excluding prisoners).`,
      ...now.notes,
      ...notes,
    ].join(' '),
  };
}

/**
 * A sentence of the Core20 domain module (written for analysts, who say "LSOA") in a board's
 * words: LSOAs are "neighbourhoods", the term the profile explains once (small areas of about
 * 1,500 residents); the methods appendix keeps the technical name.
 */
function boardWording(sentence: string): string {
  return sentence
    .replace(/\bLSOAs? (2011|2021)\b/g, (m, year: string) => (m.startsWith('LSOAs') ? `${year} neighbourhoods` : `${year} neighbourhood`))
    .replace(/\bLSOAs\b/g, 'neighbourhoods')
    .replace(/\bLSOA\b/g, 'neighbourhood');
}

/** LSOA 2011 codes of a profile place (empty when it is not an area of the 2019 geography). */
function safeLsoas11(code: string, level: string): string[] {
  const g = getGeography('2019');
  const a = g.area(code, level as never) ?? g.area(code);
  return a ? g.lsoasIn(a) : [];
}
