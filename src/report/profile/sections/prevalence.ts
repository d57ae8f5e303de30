/**
 * Section 4, "Disease prevalence and case-finding gaps": QOF 2019-20 recorded prevalence of the
 * main registers rolled up to the place, against the region and England (Wilson 95% CIs), shown
 * as a spine chart and a table, and the hypertension case-finding gap (recorded vs expected).
 */
import { spineChart } from '../../../charts/spine.js';
import type { DataTable, Section } from '../../types.js';
import { about, countText, ind, pct, type SectionContext } from '../context.js';
import type { PlaceIndicator } from '../indicators.js';
import { listAnd } from '../text.js';
import { PROFILE_QOF_REGISTERS, qofIndicatorId } from '../providers.js';
import { PEER_NAMES } from '../place.js';
import { spineFigure, spineRows } from './spine.js';
import { activeQofRelease } from '../releaseChoice.js';

/**
 * Registers whose prevalence rises steeply with age (most patients are 65 or over), so a crude
 * comparison mostly reflects the share of older residents.
 */
export const AGE_LINKED_REGISTERS: readonly string[] = ['HYP', 'CHD', 'AF', 'HF', 'STIA', 'CKD', 'CAN', 'DEM', 'COPD'];

/** Relative size of a difference from England: "38% above England", "12% below England". */
function relativeDifference(place: number | null, england: number | null): string | null {
  if (place === null || england === null || !(england > 0)) return null;
  const r = (100 * (place - england)) / england;
  const t = Math.round(Math.abs(r));
  return t === 0 ? 'less than 1% from England' : `${t}% ${r > 0 ? 'above' : 'below'} England`;
}

/** Short register name for sentences ("diabetes", "severe mental illness"). */
function registerWord(p: PlaceIndicator): string {
  return p.def.name
    .split(':')[0]
    .toLowerCase()
    .replace(/ mellitus$/, '');
}

/** "Diabetes mellitus: QOF recorded prevalence (aged 17+, %)" → "17+"; "(all ages, %)" → "All ages". */
function ageBase(indicatorName: string): string | null {
  const m = /\(([^()]*), %\)$/.exec(indicatorName);
  if (!m) return null;
  return m[1] === 'all ages' ? 'All ages' : m[1].replace(/^aged /, '');
}

/** Build the prevalence section. */
export function prevalenceSection(ctx: SectionContext): Section {
  const { name, regionName } = ctx;
  const qofPeriod = activeQofRelease().period;
  const list = PROFILE_QOF_REGISTERS.map((c) => ind(ctx, qofIndicatorId(c)));
  const { rows, suppressed } = spineRows(ctx, list);
  const chart = spineChart(rows, {
    areaName: name,
    regionName: regionName ?? undefined,
    suppressionMarker: ctx.rule.marker,
    title: `Recorded prevalence of long-term conditions (QOF ${qofPeriod}): ${name} compared with England`,
    subtitle: `England range: ${PEER_NAMES[ctx.place.level === 'region' ? 'utla' : ctx.place.level]}. No better/worse judgement: recorded prevalence reflects case-finding as well as illness.`,
  });
  const higherP = list.filter((p) => p.vsEngland === 'Higher' || p.vsEngland === 'Highest');
  const lowerP = list.filter((p) => p.vsEngland === 'Lower' || p.vsEngland === 'Lowest');
  const withSize = (ps: PlaceIndicator[]) => listAnd(ps.map((p) => `${registerWord(p)} (${relativeDifference(p.place.value, p.england.value)})`));
  const hyp = ind(ctx, 'qof-hyp');
  const dm = ind(ctx, 'qof-dm');
  const cf = ind(ctx, 'hyp-case-finding');
  const old = ind(ctx, 'pop-65plus');
  const ageLinked = (ps: PlaceIndicator[]) => ps.filter((p) => AGE_LINKED_REGISTERS.some((c) => qofIndicatorId(c) === p.def.id)).map(registerWord);
  const olderThanEngland = old.place.value !== null && old.england.value !== null && old.place.value > old.england.value;
  const ageWords = olderThanEngland ? ageLinked(higherP) : ageLinked(lowerP);
  const ageSentence =
    old.place.value === null
      ? 'These are crude percentages, not adjusted for age.'
      : `These are crude percentages of registered patients, not adjusted for age (the bundled QOF data have no age breakdown of registers, so an age-standardised comparison is not possible here): ${pct(old.place.value)} of ${name}'s residents are aged 65 and over, against ${pct(old.england.value)} in England${ageWords.length ? `, so the ${olderThanEngland ? 'higher' : 'lower'} figures for conditions mostly of older age (${listAnd(ageWords)}) partly or wholly reflect ${olderThanEngland ? 'an older' : 'a younger'} population` : ''}.`;
  const narrative: string[] = [
    `In ${qofPeriod.replace('-', '/')}, ${countText(ctx, hyp.place.count)} patients living in ${name} were on a GP hypertension register, ${pct(hyp.place.value, 2)} of registered patients of all ages (England ${pct(hyp.england.value, 2)}). ${countText(ctx, dm.place.count)} were on a diabetes register, ${pct(dm.place.value, 2)} of registered patients aged 17 and over (England ${pct(dm.england.value, 2)}).`,
    `Compared with England, recorded prevalence is significantly higher for ${higherP.length ? withSize(higherP) : 'no register'}, and significantly lower for ${lowerP.length ? withSize(lowerP) : 'no register'}. With lists this large nearly every difference is statistically significant, so the size of each difference is given. ${ageSentence}`,
  ];
  if (cf.place.value !== null && cf.place.denominator !== null && cf.place.count !== null) {
    const gap = cf.place.denominator - cf.place.count;
    narrative.push(
      `**Hypertension: recorded against a crude expected count.** Applying England's survey prevalence by age and sex (Health Survey for England 2022) to ${name}'s residents aged 16 and over (ONS mid-2019) gives ${about(cf.place.denominator)} adults expected to have high blood pressure. GP registers in ${name} hold ${countText(ctx, cf.place.count)} patients with hypertension, ${pct(cf.place.value)} of that expected number (England ${pct(cf.england.value)}).${gap > 0 ? ` The difference, ${about(gap)} people, is a rough indication of undiagnosed hypertension.` : ''} The expected count ignores deprivation and ethnicity (both raise hypertension) and the register counts registered patients rather than residents, so this is shown without a better or worse judgement; in deprived and urban areas the true gap is probably larger than it looks.`,
    );
  } else {
    narrative.push(`Hypertension recorded against expected cannot be calculated for ${name}: ${cf.place.note ?? 'no value'}.`);
  }
  const table: DataTable = {
    caption: `QOF ${qofPeriod} recorded prevalence, ${name}${regionName ? `, ${regionName}` : ''} and England`,
    printed: false,
    columns: [
      { key: 'register', label: 'Register' },
      { key: 'ages', label: 'Ages' },
      { key: 'count', label: 'On register', format: 'integer' },
      { key: 'denominator', label: 'Registered patients', format: 'integer' },
      { key: 'value', label: name, format: 'percent', decimals: 2 },
      { key: 'lower', label: 'Lower 95% CI', format: 'percent', decimals: 2 },
      { key: 'upper', label: 'Upper 95% CI', format: 'percent', decimals: 2 },
      ...(regionName ? [{ key: 'region', label: regionName, format: 'percent' as const, decimals: 2 }] : []),
      { key: 'england', label: 'England', format: 'percent', decimals: 2 },
      { key: 'vs_england', label: 'Compared with England' },
      { key: 'size', label: 'Size of the difference' },
    ],
    rows: list.map((p) => ({
      register: p.def.name.split(':')[0],
      ages: ageBase(p.def.name),
      count: p.place.count === null ? null : Math.round(p.place.count),
      denominator: p.place.denominator === null ? null : Math.round(p.place.denominator),
      value: p.place.value,
      lower: p.place.lower,
      upper: p.place.upper,
      region: p.region?.value ?? null,
      england: p.england.value,
      vs_england: p.vsEngland,
      size: relativeDifference(p.place.value, p.england.value),
    })),
    countColumns: ['count'],
    derivedFrom: { value: 'count', lower: 'count', upper: 'count' },
    notes:
      'Counts for the place are registered-population-weighted roll-ups from practices (rounded). Crude percentages, not adjusted for age. Comparison: Wilson 95% confidence interval against England’s value; size: the place’s value relative to England’s.',
  };
  return {
    id: 'prevalence',
    heading: 'Disease prevalence and case-finding gaps',
    headline: `${higherP.length} of ${list.length} recorded disease prevalences in ${name} ${higherP.length === 1 ? 'is' : 'are'} significantly higher than England's and ${lowerP.length} ${lowerP.length === 1 ? 'is' : 'are'} lower, before any allowance for age (${pct(old.place.value)} of residents are aged 65 and over; England ${pct(old.england.value)}).`,
    narrative,
    figures: [spineFigure(ctx, chart, rows, `Data for: ${chart.title}`, PEER_NAMES[ctx.place.level === 'region' ? 'utla' : ctx.place.level])],
    tables: [table],
    notes: suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined,
  };
}
