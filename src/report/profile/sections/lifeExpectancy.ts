/**
 * Section 2, "Life expectancy and its gaps": life expectancy at birth and at 65 by sex (2014)
 * against England and the region with 95% CIs and the gap sentences (`src/lifeexp`), the Arriaga
 * decomposition of the gap with England by age, and the inequality in life expectancy across
 * England's upper-tier authorities grouped by deprivation decile, with the slope index of
 * inequality (the bundled deaths are by local authority, so an SII within the place cannot be
 * computed from them).
 */
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { leAreaInput2014 } from '../../../lifeexp/bundled.js';
import { leDifference, leGapSize, leSentence } from '../../../lifeexp/gap.js';
import { leDecomposeGap } from '../../../lifeexp/arriaga.js';
import { leByUtlaDeprivation } from '../../../lifeexp/byAuthorityDeprivation.js';
import { leDeprivationSeries, leGapByAgeRows } from '../../../lifeexp/chartData.js';
import { leGapByAgeChart } from '../../../charts/leGap.js';
import { leDeprivationChart } from '../../../charts/leDeprivation.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { ind, num, type SectionContext } from '../context.js';
import type { PlaceIndicator } from '../indicators.js';

function leRow(label: string, p: PlaceIndicator, regionName: string | null) {
  return {
    indicator: label,
    place: p.place.value,
    place_lower: p.place.lower,
    place_upper: p.place.upper,
    region: p.region?.value ?? null,
    england: p.england.value,
    vs_england: p.vsEngland,
    ...(regionName ? { vs_region: p.vsRegion } : {}),
  };
}

/** Build the life expectancy section. */
export function lifeExpectancySection(ctx: SectionContext): Section {
  const { place, name } = ctx;
  const regionName = ctx.regionName;
  const sentences: string[] = [];
  const figures: ReportFigure[] = [];
  const notes: string[] = [];
  const gaps: number[] = [];
  for (const sex of ['Male', 'Female'] as const) {
    const p = ind(ctx, `le0-${sex.toLowerCase()}`);
    const area = { value: p.place.value, se: p.place.se ?? null };
    const eng = { value: p.england.value, se: p.england.se ?? null };
    const gap = leDifference(area, eng);
    if (gap.difference !== null) gaps.push(gap.difference);
    let s = leSentence({ areaName: name, comparatorName: 'England', sex, age: 0, area, comparator: eng, gap, period: '2014' });
    if (p.region && regionName) {
      const rg = leDifference(area, { value: p.region.value, se: p.region.se ?? null });
      if (rg.difference !== null) {
        s += ` Compared with the ${regionName} region (${num(p.region.value)} years) it is ${leGapSize(rg.difference)} ${rg.difference < 0 ? 'lower' : 'higher'} (${rg.judgement === 'similar' ? 'not a statistically significant difference' : rg.judgement}).`;
      }
    }
    sentences.push(s);
  }
  const m = ind(ctx, 'le0-male');
  const f = ind(ctx, 'le0-female');
  const headline = m.place.value !== null && f.place.value !== null
    ? `In 2014 life expectancy at birth in ${name} was ${num(m.place.value)} years for men and ${num(f.place.value)} years for women (England ${num(m.england.value)} and ${num(f.england.value)}).`
    : `Life expectancy at birth could not be calculated for ${name} from the bundled 2014 deaths.`;

  // Decomposition by age vs England.
  for (const sex of ['Male', 'Female'] as const) {
    try {
      const a = leAreaInput2014({ code: place.code, name, level: place.level }, sex);
      const e = leAreaInput2014({ code: ENGLAND_CODE, name: 'England', level: 'country' }, sex);
      const dec = leDecomposeGap(a, e, { areaLabel: name, comparatorLabel: 'England' });
      const group = sex === 'Male' ? 'males' : 'females';
      figures.push(leGapByAgeChart(leGapByAgeRows(dec), {
        areaName: name, comparatorName: 'England', groupLabel: group, totalGap: dec.gap,
        title: `Contribution of each age group to the gap in life expectancy at birth between England and ${name}, ${group}, 2014`,
        subtitle: `Arriaga decomposition. Gap: ${num(dec.gap, 2)} years (England ${num(dec.comparatorLe, 2)}, ${name} ${num(dec.areaLe, 2)}). Positive bars widen the gap.`,
      }));
    } catch (e) {
      notes.push(`No decomposition for ${sex.toLowerCase()}s: ${(e as Error).message}.`);
    }
  }

  // Inequality across England's UTLAs by deprivation decile (SII).
  const narrative = [...sentences];
  try {
    const dep = leByUtlaDeprivation();
    const decile = place.level === 'utla' ? dep.decileOf.get(place.code) ?? null : null;
    const series = leDeprivationSeries(dep.byDecile, dep.inequality, { quantile: 'decile' });
    figures.push(leDeprivationChart(series, {
      areaName: 'England', title: 'Life expectancy at birth by deprivation decile of upper-tier local authority, England, 2014',
      subtitle: `Authorities grouped into tenths by population-weighted IMD 2019 score (1 = most deprived), with the slope index of inequality (SII).${decile !== null ? ` ${name} is in decile ${decile}.` : ''}`,
    }));
    const ineq = dep.inequality.objects() as Record<string, number | string | null>[];
    const siiText = ineq.map((r) => `${r.sex === 'Male' ? 'men' : 'women'} ${num(r.sii as number)} years (95% CI ${num(r.sii_lower as number)} to ${num(r.sii_upper as number)})`).join(' and ');
    narrative.push(`Across England's upper-tier authorities grouped by deprivation, the slope index of inequality in life expectancy at birth was ${siiText}: the modelled gap between the most and least deprived ends of the scale.${decile !== null ? ` ${name} is in deprivation decile ${decile} of the ${dep.decileOf.size} authorities.` : ''}`);
  } catch (e) {
    notes.push(`No inequality chart: ${(e as Error).message}.`);
  }
  narrative.push(`Deaths in the bundled data are by local authority, not by neighbourhood, so life expectancy by deprivation within ${name} (and the SII within it) cannot be calculated here; OHID publishes it on Fingertips (indicator 92901).`);

  const table: DataTable = {
    caption: `Life expectancy, ${name}${regionName ? `, ${regionName}` : ''} and England, 2014`,
    columns: [
      { key: 'indicator', label: 'Life expectancy (years)' },
      { key: 'place', label: name, format: 'number', decimals: 1 },
      { key: 'place_lower', label: 'Lower 95% CI', format: 'number', decimals: 1 },
      { key: 'place_upper', label: 'Upper 95% CI', format: 'number', decimals: 1 },
      ...(regionName ? [{ key: 'region', label: regionName, format: 'number' as const, decimals: 1 }] : []),
      { key: 'england', label: 'England', format: 'number', decimals: 1 },
      { key: 'vs_england', label: 'Compared with England' },
      ...(regionName ? [{ key: 'vs_region', label: `Compared with ${regionName}` }] : []),
    ],
    rows: [
      leRow('At birth, males', m, regionName),
      leRow('At birth, females', f, regionName),
      leRow('At 65, males', ind(ctx, 'le65-male'), regionName),
      leRow('At 65, females', ind(ctx, 'le65-female'), regionName),
    ],
    notes: 'Comparison: Similar when the comparator’s value lies inside the 95% confidence interval, otherwise Better or Worse (Fingertips method).',
  };
  return { id: 'life-expectancy', heading: 'Life expectancy and its gaps', headline, narrative, figures, tables: [table], notes: notes.length ? notes.join(' ') : undefined };
}
