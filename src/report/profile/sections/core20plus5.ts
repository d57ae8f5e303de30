/**
 * Section 3, "Core20PLUS5": NHS England's five adult and five children and young people's clinical
 * areas, each with what the bundled data can show for the place (values from the profile's
 * indicators) and, plainly, where no local data is bundled.
 */
import { spineChart } from '../../../charts/spine.js';
import type { DataTable, Section } from '../../types.js';
import { countText, ind, num, comparisonWords, type SectionContext } from '../context.js';
import type { PlaceIndicator } from '../indicators.js';
import { spineFigure, spineRows } from './spine.js';
import { CORE20PLUS5_AREAS } from '../../../core20plus5/catalogue.js';
import { isSuppressedCount } from '../../suppression.js';

/**
 * For each national clinical area of the Core20PLUS5 catalogue (src/core20plus5): the profile
 * indicator that shows it from bundled data (or null) and what the bundled data cannot show.
 */
export const CORE20PLUS5_PROFILE_DATA: Readonly<Record<string, { indicator: string | null; gap: string }>> = {
  'adult-maternity': { indicator: null, gap: 'No maternity data bundled.' },
  'adult-smi': { indicator: 'qof-mh', gap: 'Health-check uptake is not bundled; the QOF register shows how many people are known to practices.' },
  'adult-respiratory': { indicator: 'qof-copd', gap: 'Vaccine uptake and admissions are not bundled.' },
  'adult-cancer': { indicator: 'qof-can', gap: 'Stage at diagnosis is not bundled; the QOF cancer register counts people living with a cancer diagnosis.' },
  'adult-hypertension': { indicator: 'hyp-case-finding', gap: 'Treatment to target (optimisation) is not bundled.' },
  'cyp-asthma': { indicator: 'qof-ast', gap: 'The QOF asthma register covers all ages; no split for children is bundled.' },
  'cyp-diabetes': { indicator: null, gap: 'The QOF diabetes register covers ages 17+; no children’s diabetes data is bundled.' },
  'cyp-epilepsy': { indicator: null, gap: 'The QOF epilepsy register covers ages 18+; no children’s data is bundled.' },
  'cyp-oral-health': { indicator: null, gap: 'No dental data bundled.' },
  'cyp-mental-health': { indicator: null, gap: 'No mental health service data bundled.' },
};

function profileData(id: string): { indicator: string | null; gap: string } {
  return CORE20PLUS5_PROFILE_DATA[id] ?? { indicator: null, gap: 'No local data bundled.' };
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
    areaName: name, regionName: ctx.regionName ?? undefined, suppressionMarker: ctx.rule.marker,
    title: `Core20PLUS5 measures for ${name} compared with England`,
    subtitle: 'The Core20 population share, and the clinical areas with bundled local data',
  });
  const table: DataTable = {
    caption: `Core20PLUS5 clinical areas and the data available for ${name}`,
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'area', label: 'Clinical area' },
      { key: 'aim', label: 'NHS England focus or ambition' },
      { key: 'measure', label: 'Measure shown here' },
      { key: 'value', label: name },
      { key: 'england', label: 'England' },
      { key: 'comparison', label: 'Compared with England' },
      { key: 'gap', label: 'Not available in the bundled data' },
    ],
    rows: CORE20PLUS5_AREAS.map((a, i) => {
      const d = profileData(a.id);
      const p = d.indicator ? ind(ctx, d.indicator) : null;
      const n = CORE20PLUS5_AREAS.slice(0, i + 1).filter((x) => x.population === a.population).length;
      return {
        group: a.population === 'adults' ? 'Adults' : 'Children and young people', area: `${n}. ${a.name}`, aim: a.ambition ? a.ambition.text : a.focus,
        measure: p ? `${p.def.name} (${p.def.period})` : 'No local data bundled',
        value: p ? valueText(ctx, p) : null, england: p ? `${num(p.england.value, p.def.decimals)}${p.def.unit === '%' ? '%' : ''}` : null,
        comparison: p ? (valueText(ctx, p) === ctx.rule.marker ? 'Not compared' : p.vsEngland) : null, gap: d.gap,
      };
    }),
    notes: 'PLUS groups (for example inclusion health groups, ethnic minority communities, people with a learning disability) are chosen locally and need local data.',
  };
  const noData = CORE20PLUS5_AREAS.filter((a) => profileData(a.id).indicator === null).map((a) => `${a.name.toLowerCase()} (${a.population === 'adults' ? 'adults' : 'children'})`);
  const narrative = [
    `**Core20.** ${num(c20.place.value)}% of ${name}'s population lives in the most deprived 20% of neighbourhoods in England (England ${num(c20.england.value)}%). NHS England asks systems to focus improvement in the five clinical areas on this population and on locally chosen PLUS groups.`,
    `**Hypertension case-finding.** ${cf.place.value === null ? `Not available for ${name}: ${cf.place.note ?? 'no value'}.` : `GP registers hold ${countText(ctx, cf.place.count)} people with hypertension, ${num(cf.place.value)}% of the number expected from national survey rates; this is ${comparisonWords(cf.vsEngland, 'England')} (${num(cf.england.value)}%).`}`,
    `The other clinical areas with bundled local data are shown through QOF registers (severe mental illness, COPD, cancer, asthma), which describe how many people practices know about rather than the quality of their care. There is **no local data bundled** for ${noData.join(', ')}: use local maternity, dental, mental health and secondary care data for these.`,
  ];
  return {
    id: 'core20plus5',
    heading: 'Core20PLUS5 clinical areas',
    headline: `${num(c20.place.value)}% of ${name}'s residents live in Core20 neighbourhoods; bundled data cover ${CORE20PLUS5_AREAS.filter((a) => profileData(a.id).indicator !== null).length} of the ${CORE20PLUS5_AREAS.length} Core20PLUS5 clinical areas, and hypertension registers hold ${num(cf.place.value)}% of expected cases.`,
    narrative,
    figures: [spineFigure(ctx, chart, rows, `Data for: ${chart.title}`)],
    tables: [table],
    notes: suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined,
  };
}
