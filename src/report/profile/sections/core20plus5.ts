/**
 * Section 3, "Core20PLUS5": NHS England's five adult and five children and young people's clinical
 * areas, each with what the bundled data can show for the place (values from the profile's
 * indicators) and, plainly, where no local data is bundled.
 */
import { spineChart } from '../../../charts/spine.js';
import type { DataTable, Section } from '../../types.js';
import { countText, ind, num, comparisonWords, type SectionContext } from '../context.js';
import type { PlaceIndicator } from '../indicators.js';
import { spineRows } from './spine.js';

interface ClinicalArea {
  group: 'Adults' | 'Children and young people';
  number: number;
  area: string;
  aim: string;
  /** Indicator id shown for it, or null when no local data is bundled. */
  indicator: string | null;
  /** What the bundled data cannot show. */
  gap: string;
}

/** The Core20PLUS5 clinical areas (NHS England, 2021 adults; 2022 children and young people). */
export const CORE20PLUS5_AREAS: readonly ClinicalArea[] = [
  { group: 'Adults', number: 1, area: 'Maternity', aim: 'Continuity of carer for 75% of women from Black, Asian and minority ethnic communities and the most deprived groups', indicator: null, gap: 'No maternity data bundled.' },
  { group: 'Adults', number: 2, area: 'Severe mental illness', aim: 'Annual health checks for 60% of people with severe mental illness', indicator: 'qof-mh', gap: 'Health-check uptake is not bundled; the QOF register shows how many people are known to practices.' },
  { group: 'Adults', number: 3, area: 'Chronic respiratory disease', aim: 'Reduce exacerbations and admissions, with COVID-19, flu and pneumonia vaccine uptake', indicator: 'qof-copd', gap: 'Vaccine uptake and admissions are not bundled.' },
  { group: 'Adults', number: 4, area: 'Early cancer diagnosis', aim: '75% of cases diagnosed at stage 1 or 2 by 2028', indicator: 'qof-can', gap: 'Stage at diagnosis is not bundled; the QOF cancer register counts people living with a cancer diagnosis.' },
  { group: 'Adults', number: 5, area: 'Hypertension case-finding', aim: 'Find people with high blood pressure and optimise their treatment', indicator: 'hyp-case-finding', gap: 'Treatment to target (optimisation) is not bundled.' },
  { group: 'Children and young people', number: 1, area: 'Asthma', aim: 'Address over-reliance on reliever medicines and reduce asthma attacks', indicator: 'qof-ast', gap: 'The QOF asthma register covers all ages; no split for children is bundled.' },
  { group: 'Children and young people', number: 2, area: 'Diabetes', aim: 'Real-time glucose monitors and insulin pumps for the most deprived and ethnic minority groups; annual checks for type 2', indicator: null, gap: 'The QOF diabetes register covers ages 17+; no children’s diabetes data is bundled.' },
  { group: 'Children and young people', number: 3, area: 'Epilepsy', aim: 'Access to epilepsy specialist nurses, including for those with a learning disability or autism', indicator: null, gap: 'The QOF epilepsy register covers ages 18+; no children’s data is bundled.' },
  { group: 'Children and young people', number: 4, area: 'Oral health', aim: 'Reduce tooth extractions in hospital for children under 10', indicator: null, gap: 'No dental data bundled.' },
  { group: 'Children and young people', number: 5, area: 'Mental health', aim: 'Improve access to children and young people’s mental health services for ages 0-17', indicator: null, gap: 'No mental health service data bundled.' },
];

function valueText(p: PlaceIndicator): string {
  return p.place.value === null ? 'not available' : `${num(p.place.value, p.def.decimals)}${p.def.unit === '%' ? '%' : ` ${p.def.unit}`}`;
}

/** Build the Core20PLUS5 section. */
export function core20plus5Section(ctx: SectionContext): Section {
  const { name } = ctx;
  const c20 = ind(ctx, 'core20-share');
  const cf = ind(ctx, 'hyp-case-finding');
  const shownIds = ['core20-share', ...CORE20PLUS5_AREAS.map((a) => a.indicator).filter((x): x is string => x !== null)];
  const shown = shownIds.map((id) => ind(ctx, id));
  const { rows, suppressed } = spineRows(ctx, shown);
  const chart = spineChart(rows, {
    areaName: name, regionName: ctx.regionName ?? undefined,
    title: `Core20PLUS5 measures available for ${name}`,
    subtitle: 'The Core20 population share, and the clinical areas with bundled local data',
  });
  const table: DataTable = {
    caption: `Core20PLUS5 clinical areas and the data available for ${name}`,
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'area', label: 'Clinical area' },
      { key: 'aim', label: 'NHS England ambition' },
      { key: 'measure', label: 'Measure shown here' },
      { key: 'value', label: name },
      { key: 'england', label: 'England' },
      { key: 'comparison', label: 'Compared with England' },
      { key: 'gap', label: 'Not available in the bundled data' },
    ],
    rows: CORE20PLUS5_AREAS.map((a) => {
      const p = a.indicator ? ind(ctx, a.indicator) : null;
      return {
        group: a.group, area: `${a.number}. ${a.area}`, aim: a.aim,
        measure: p ? `${p.def.name} (${p.def.period})` : 'No local data bundled',
        value: p ? valueText(p) : null, england: p ? `${num(p.england.value, p.def.decimals)}${p.def.unit === '%' ? '%' : ''}` : null,
        comparison: p ? p.vsEngland : null, gap: a.gap,
      };
    }),
    notes: 'PLUS groups (for example inclusion health groups, ethnic minority communities, people with a learning disability) are chosen locally and need local data.',
  };
  const noData = CORE20PLUS5_AREAS.filter((a) => a.indicator === null).map((a) => `${a.area.toLowerCase()} (${a.group === 'Adults' ? 'adults' : 'children'})`);
  const narrative = [
    `**Core20.** ${num(c20.place.value)}% of ${name}'s population lives in the most deprived 20% of neighbourhoods in England (England ${num(c20.england.value)}%). NHS England asks systems to focus improvement in the five clinical areas on this population and on locally chosen PLUS groups.`,
    `**Hypertension case-finding.** ${cf.place.value === null ? `Not available for ${name}: ${cf.place.note ?? 'no value'}.` : `GP registers hold ${countText(ctx, cf.place.count)} people with hypertension, ${num(cf.place.value)}% of the number expected from national survey rates; this is ${comparisonWords(cf.vsEngland, 'England')} (${num(cf.england.value)}%).`}`,
    `The other clinical areas with bundled local data are shown through QOF registers (severe mental illness, COPD, cancer, asthma), which describe how many people practices know about rather than the quality of their care. There is **no local data bundled** for ${noData.join(', ')}: use local maternity, dental, mental health and secondary care data for these.`,
  ];
  return {
    id: 'core20plus5',
    heading: 'Core20PLUS5 clinical areas',
    headline: `${num(c20.place.value)}% of ${name}'s residents live in Core20 neighbourhoods; bundled data cover 5 of the 10 Core20PLUS5 clinical areas, and hypertension registers hold ${num(cf.place.value)}% of expected cases.`,
    narrative,
    figures: [{ ...chart, suppressionApplied: true }],
    tables: [table],
    notes: suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined,
  };
}
