/**
 * Section 4, "Disease prevalence and case-finding gaps": QOF 2019-20 recorded prevalence of the
 * main registers rolled up to the place, against the region and England (Wilson 95% CIs), shown
 * as a spine chart and a table, and the hypertension case-finding gap (recorded vs expected).
 */
import { spineChart } from '../../../charts/spine.js';
import type { DataTable, Section } from '../../types.js';
import { countText, ind, int, num, comparisonWords, type SectionContext } from '../context.js';
import { PROFILE_QOF_REGISTERS, qofIndicatorId } from '../providers.js';
import { PEER_NAMES } from '../place.js';
import { spineFigure, spineRows } from './spine.js';

/** "a", "a and b", "a, b and c". */
function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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
  const list = PROFILE_QOF_REGISTERS.map((c) => ind(ctx, qofIndicatorId(c)));
  const { rows, suppressed } = spineRows(ctx, list);
  const chart = spineChart(rows, {
    areaName: name, regionName: regionName ?? undefined, suppressionMarker: ctx.rule.marker,
    title: `Recorded prevalence of long-term conditions (QOF 2019-20): ${name} compared with England`,
    subtitle: `England range: ${PEER_NAMES[ctx.place.level === 'region' ? 'utla' : ctx.place.level]}. No better/worse judgement: recorded prevalence reflects case-finding as well as illness.`,
  });
  const higher = list.filter((p) => p.vsEngland === 'Higher').map((p) => p.def.name.split(':')[0].toLowerCase());
  const lower = list.filter((p) => p.vsEngland === 'Lower').map((p) => p.def.name.split(':')[0].toLowerCase());
  const hyp = ind(ctx, 'qof-hyp');
  const dm = ind(ctx, 'qof-dm');
  const cf = ind(ctx, 'hyp-case-finding');
  const narrative: string[] = [
    `In 2019/20, ${countText(ctx, hyp.place.count)} patients living in ${name} were on a GP hypertension register (${num(hyp.place.value, 2)}% of registered patients; England ${num(hyp.england.value, 2)}%), and ${countText(ctx, dm.place.count)} people aged 17 and over on a diabetes register (${num(dm.place.value, 2)}%; England ${num(dm.england.value, 2)}%).`,
    `Compared with England, recorded prevalence is significantly higher for ${higher.length ? listAnd(higher) : 'no register'}, and significantly lower for ${lower.length ? listAnd(lower) : 'no register'}.`,
  ];
  if (cf.place.value !== null && cf.place.denominator !== null && cf.place.count !== null) {
    const gap = cf.place.denominator - cf.place.count;
    narrative.push(`**Case-finding gap, hypertension.** Applying England's survey prevalence by age and sex (Health Survey for England 2022) to ${name}'s population gives about ${int(cf.place.denominator)} adults expected to have high blood pressure; ${countText(ctx, cf.place.count)} are on registers, ${num(cf.place.value)}% of those expected (England ${num(cf.england.value)}%; ${comparisonWords(cf.vsEngland, 'England')}). That suggests around ${int(Math.max(0, gap))} people with undiagnosed hypertension. The expected figure uses England-wide rates, so in more deprived places the true gap is probably larger.`);
  } else {
    narrative.push(`The hypertension case-finding gap (recorded against expected) cannot be calculated for ${name}: ${cf.place.note ?? 'no value'}.`);
  }
  const table: DataTable = {
    caption: `QOF 2019-20 recorded prevalence, ${name}${regionName ? `, ${regionName}` : ''} and England`,
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
    ],
    rows: list.map((p) => ({
      register: p.def.name.split(':')[0],
      ages: ageBase(p.def.name),
      count: p.place.count === null ? null : Math.round(p.place.count),
      denominator: p.place.denominator === null ? null : Math.round(p.place.denominator),
      value: p.place.value, lower: p.place.lower, upper: p.place.upper,
      region: p.region?.value ?? null, england: p.england.value, vs_england: p.vsEngland,
    })),
    countColumns: ['count'],
    derivedFrom: { value: 'count', lower: 'count', upper: 'count' },
    notes: 'Counts for the place are registered-population-weighted roll-ups from practices (rounded). Comparison: Wilson 95% confidence interval against England’s value.',
  };
  return {
    id: 'prevalence',
    heading: 'Disease prevalence and case-finding gaps',
    headline: `${higher.length} of ${list.length} recorded disease prevalences in ${name} ${higher.length === 1 ? 'is' : 'are'} significantly higher than England's and ${lower.length} ${lower.length === 1 ? 'is' : 'are'} lower; hypertension registers hold ${num(cf.place.value)}% of the cases expected.`,
    narrative,
    figures: [spineFigure(ctx, chart, rows, `Data for: ${chart.title}`, PEER_NAMES[ctx.place.level === 'region' ? 'utla' : ctx.place.level])],
    tables: [table],
    notes: suppressed.length ? `Values based on counts below ${ctx.rule.threshold} are suppressed: ${suppressed.join('; ')}.` : undefined,
  };
}
