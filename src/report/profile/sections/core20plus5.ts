/**
 * Section 3, "Core20PLUS5": NHS England's five adult and five children and young people's clinical
 * areas, each with what the bundled data can show for the place (values from the profile's
 * indicators) and, plainly, where no local data is bundled.
 */
import { spineChart } from '../../../charts/spine.js';
import type { DataTable, Section } from '../../types.js';
import { about, countText, ind, num, pct, type SectionContext } from '../context.js';
import { listAnd } from '../text.js';
import type { PlaceIndicator } from '../indicators.js';
import { spineFigure, spineRows } from './spine.js';
import { CORE20PLUS5_AREAS } from '../../../core20plus5/catalogue.js';
import { isSuppressedCount } from '../../suppression.js';

/** What a profile indicator shows for a clinical area: a measure of its focus, or only the size of a GP register. */
export type Core20Plus5Shows = 'measure' | 'register' | 'none';

/**
 * For each national clinical area of the Core20PLUS5 catalogue (src/core20plus5): the profile
 * indicator shown for it (or null), whether that indicator measures the area's focus itself
 * (`measure`) or only the size of a GP register that stands beside it (`register`), and what the
 * bundled data cannot show. Only `measure` counts as covered.
 */
export const CORE20PLUS5_PROFILE_DATA: Readonly<Record<string, { indicator: string | null; shows: Core20Plus5Shows; gap: string }>> = {
  'adult-maternity': { indicator: null, shows: 'none', gap: 'No maternity data bundled.' },
  'adult-smi': { indicator: 'qof-mh', shows: 'register', gap: 'The ambition’s own measure (annual physical health checks) is not bundled.' },
  'adult-respiratory': {
    indicator: 'qof-copd',
    shows: 'register',
    gap: 'The focus’s own measures (COVID, flu and pneumonia vaccine uptake; admissions) are not bundled.',
  },
  'adult-cancer': {
    indicator: 'qof-can',
    shows: 'register',
    gap: 'The ambition’s own measure (stage at diagnosis) is not bundled; the register counts people living with a cancer diagnosis.',
  },
  'adult-hypertension': {
    indicator: 'hyp-case-finding',
    shows: 'measure',
    gap: 'Treatment to target (optimisation) is not bundled; the case-finding estimate is crude (not adjusted for deprivation or ethnicity).',
  },
  'cyp-asthma': {
    indicator: 'qof-ast',
    shows: 'register',
    gap: 'The focus’s own measures (over-reliance on reliever inhalers, admissions) are not bundled; the register covers all ages, with no split for children.',
  },
  'cyp-diabetes': { indicator: null, shows: 'none', gap: 'The QOF diabetes register covers ages 17+; no children’s diabetes data is bundled.' },
  'cyp-epilepsy': { indicator: null, shows: 'none', gap: 'The QOF epilepsy register covers ages 18+; no children’s data is bundled.' },
  'cyp-oral-health': { indicator: null, shows: 'none', gap: 'No dental data bundled.' },
  'cyp-mental-health': { indicator: null, shows: 'none', gap: 'No mental health service data bundled.' },
};

/**
 * Where each quoted national ambition comes from and when it was set, so a board sees how old
 * the target is. From the catalogue's references: the Core20PLUS5 adults page (November 2021)
 * quotes the maternity, SMI and cancer ambitions (cancer from the NHS Long Term Plan, 2019); the
 * hypertension figure names its own planning year (2023/24 and 2024/25 guidance) but was not
 * checked against a stored copy (the catalogue marks it unverified), which is said instead.
 */
export const CORE20PLUS5_AMBITION_SOURCE: Readonly<Record<string, string>> = {
  'adult-maternity': 'Core20PLUS5, 2021',
  'adult-smi': 'Core20PLUS5, 2021',
  'adult-cancer': 'NHS Long Term Plan, 2019, quoted in Core20PLUS5, 2021',
  'adult-hypertension': 'wording not checked against a stored copy of the guidance: check the current planning guidance',
};

function profileData(id: string): { indicator: string | null; shows: Core20Plus5Shows; gap: string } {
  return CORE20PLUS5_PROFILE_DATA[id] ?? { indicator: null, shows: 'none', gap: 'No local data bundled.' };
}

/** The ambition as quoted, with where and when it was set; the focus when there is no numeric ambition. */
function aimText(a: (typeof CORE20PLUS5_AREAS)[number]): string {
  if (!a.ambition) return a.focus;
  const src = CORE20PLUS5_AMBITION_SOURCE[a.id];
  return src ? `${a.ambition.text} (${src})` : a.ambition.text;
}

/** The place's value as text: the suppression marker when its count is suppressed, null (shown as a dash) when missing. */
function valueText(ctx: SectionContext, p: PlaceIndicator): string | null {
  const count = p.place.count === null ? null : Math.round(p.place.count);
  if (p.def.countIsPeople && count !== null && isSuppressedCount(count, ctx.rule)) return ctx.rule.marker;
  return p.place.value === null ? null : `${num(p.place.value, p.def.decimals)}${p.def.unit === '%' ? '%' : ` ${p.def.unit}`}`;
}

/** Build the Core20PLUS5 section. */
export function core20plus5Section(ctx: SectionContext): Section {
  const { name } = ctx;
  const c20 = ind(ctx, 'core20-share');
  const cf = ind(ctx, 'hyp-case-finding');
  const shownIds = ['core20-share', ...CORE20PLUS5_AREAS.map((a) => profileData(a.id).indicator).filter((x): x is string => x !== null)];
  const shown = shownIds.map((id) => ind(ctx, id));
  const { rows, suppressed } = spineRows(ctx, shown);
  const chart = spineChart(rows, {
    areaName: name,
    regionName: ctx.regionName ?? undefined,
    suppressionMarker: ctx.rule.marker,
    title: `Core20PLUS5 measures for ${name} compared with England`,
    subtitle: 'The Core20 population share, the hypertension case-finding estimate (not judged) and the registers shown for other clinical areas',
  });
  const table: DataTable = {
    caption: `Core20PLUS5 clinical areas and the data available for ${name}`,
    printed: false,
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'area', label: 'Clinical area' },
      { key: 'aim', label: 'NHS England focus or ambition' },
      { key: 'measure', label: 'Shown here' },
      { key: 'value', label: name },
      { key: 'england', label: 'England' },
      { key: 'comparison', label: 'Compared with England' },
      { key: 'gap', label: 'The focus’s own measure' },
    ],
    rows: CORE20PLUS5_AREAS.map((a, i) => {
      const d = profileData(a.id);
      const p = d.indicator ? ind(ctx, d.indicator) : null;
      const n = CORE20PLUS5_AREAS.slice(0, i + 1).filter((x) => x.population === a.population).length;
      return {
        group: a.population === 'adults' ? 'Adults' : 'Children and young people',
        area: `${n}. ${a.name}`,
        aim: aimText(a),
        measure: p ? `${d.shows === 'register' ? 'Only the size of the register: ' : ''}${p.def.name} (${p.def.period})` : 'No local data bundled',
        value: p ? valueText(ctx, p) : null,
        england: p ? `${num(p.england.value, p.def.decimals)}${p.def.unit === '%' ? '%' : ''}` : null,
        comparison: p ? (valueText(ctx, p) === ctx.rule.marker ? 'Not compared' : p.vsEngland) : null,
        gap: d.gap,
      };
    }),
    notes:
      'PLUS groups (for example inclusion health groups, ethnic minority communities, people with a learning disability) are chosen locally and need local data.',
  };
  const noData = CORE20PLUS5_AREAS.filter((a) => profileData(a.id).shows === 'none').map(
    (a) => `${a.name.toLowerCase()} (${a.population === 'adults' ? 'adults' : 'children'})`,
  );
  const registers = CORE20PLUS5_AREAS.filter((a) => profileData(a.id).shows === 'register');
  const measured = CORE20PLUS5_AREAS.filter((a) => profileData(a.id).shows === 'measure');
  const cfText =
    cf.place.value === null || cf.place.count === null || cf.place.denominator === null
      ? `Not available for ${name}: ${cf.place.note ?? 'no value'}.`
      : `GP registers hold ${countText(ctx, cf.place.count)} people with hypertension, ${pct(cf.place.value)} of ${about(cf.place.denominator)} expected from England-wide survey rates (England ${pct(cf.england.value)}). This is a crude estimate, shown without a better or worse judgement: the expected count ignores deprivation and ethnicity, which both raise hypertension, and registers count registered patients while the expected count uses residents, so in deprived and urban areas the ratio runs high.`;
  const narrative = [
    `**Core20.** ${pct(c20.place.value)} of ${name}'s population lives in the most deprived 20% of neighbourhoods in England (England ${pct(c20.england.value)}; populations counted for the Index of Multiple Deprivation 2019, mid-2015). NHS England asks systems to focus improvement in the five clinical areas on this population and on locally chosen PLUS groups.`,
    `**Hypertension case-finding.** ${cfText}`,
    `**Shown here: the size of the register; the ambition's own measure: not bundled.** For ${listAnd(registers.map((a) => a.name.replace(/ \(.*\)$/, '').toLowerCase()))} the profile shows only how many people are on a GP register (for asthma, at all ages), not the measure each ambition is tracked by (health checks, vaccination, stage at diagnosis, reliever inhaler use). These are not counted as covered. There is **no local data bundled** for ${listAnd(noData)}: use local maternity, dental, mental health and secondary care data for these.`,
  ];
  const c20text =
    c20.place.value === null
      ? `The share of ${name}'s residents living in Core20 neighbourhoods is not available`
      : `${pct(c20.place.value)} of ${name}'s residents live in Core20 neighbourhoods`;
  const headline = `${c20text}; of the ${CORE20PLUS5_AREAS.length} Core20PLUS5 clinical areas, ${measured.length} (${listAnd(measured.map((a) => a.name.toLowerCase()))}) ${measured.length === 1 ? 'has' : 'have'} a local measure here, ${registers.length} only the size of a GP register and ${noData.length} no local data.`;
  return {
    id: 'core20plus5',
    heading: 'Core20PLUS5 clinical areas',
    headline,
    narrative,
    figures: [spineFigure(ctx, chart, rows, `Data for: ${chart.title}`)],
    tables: [table],
    notes: suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined,
  };
}
