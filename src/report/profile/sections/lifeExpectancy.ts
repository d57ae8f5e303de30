/**
 * Section 2, "Life expectancy and its gaps": life expectancy at birth and at 65 by sex (2014)
 * against England and the region with 95% CIs and the gap sentences (`src/lifeexp`), the Arriaga
 * decomposition of the gap with England by age (worded as an advantage where the place lives
 * longer), and the inequality in life expectancy BETWEEN England's upper-tier authorities grouped
 * by deprivation decile with the place marked, labelled as such; the within-area SII (Fingertips
 * 92901) cannot be computed from the bundled deaths, which are by local authority.
 */
import { ENGLAND_CODE } from '../../../geography/levels.js';
import { leAggregationNote, leAreaInput2014 } from '../../../lifeexp/bundled.js';
import { leDifference, leGapSize, leSentence } from '../../../lifeexp/gap.js';
import { leDecomposeGap } from '../../../lifeexp/arriaga.js';
import { leAreaImdScore, leByUtlaDeprivation, leDecileForScore } from '../../../lifeexp/byAuthorityDeprivation.js';
import { leDeprivationSeries, leGapByAgeRows } from '../../../lifeexp/chartData.js';
import { leGapByAgeChart } from '../../../charts/leGap.js';
import { leDeprivationChart } from '../../../charts/leDeprivation.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { gapDecimals, ind, num, type SectionContext } from '../context.js';
import { ordinal } from '../text.js';
import { fingertipsSectionData } from './fingertips.js';
import type { FingertipsPlaceSeries } from '../../../fingertips/place.js';
import { getGeography } from '../../../geography/vintages.js';
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

/** The place's decile among England's upper-tier authorities grouped by deprivation (its own for a UTLA, by its IMD score otherwise). */
function placeDecile(ctx: SectionContext, decileOf: Map<string, number>): number | null {
  if (ctx.place.level === 'utla') return decileOf.get(ctx.place.code) ?? null;
  const score = leAreaImdScore(getGeography().lsoasIn(ctx.place.code, ctx.place.level));
  return score === null ? null : leDecileForScore(score);
}

/**
 * OHID's within-area slope index of inequality in life expectancy at birth (Fingertips indicator
 * 92901) for the place, as published, when the profile is built with Fingertips data on disk that
 * include it; null otherwise (never the network).
 */
function withinAreaSii(ctx: SectionContext): string | null {
  const ft = ctx.options.fingertips;
  if (!ft) return null;
  let series: FingertipsPlaceSeries[];
  try {
    series = fingertipsSectionData(ctx, { ...ft, selection: '92901' }).series;
  } catch {
    return null;
  }
  const parts = (['Male', 'Female'] as const)
    .map((sex) => {
      const s = series.find((x) => x.indicatorId === 92901 && x.sex === sex);
      if (!s || s.latest.value === null) return null;
      const ci = s.latest.lowercl !== null && s.latest.uppercl !== null ? ` (95% CI ${num(s.latest.lowercl)} to ${num(s.latest.uppercl)})` : '';
      return `${num(s.latest.value)} years for ${sex === 'Male' ? 'men' : 'women'}${ci}, ${s.latest.time_period}`;
    })
    .filter((x): x is string => x !== null);
  if (parts.length === 0) return null;
  return `Across ${ctx.name}'s own neighbourhoods, life expectancy at birth differs by ${parts.join(' and ')} between the most and least deprived ends (slope index of inequality within the area, OHID Fingertips indicator 92901, as published). This is the figure to compare with other authorities' own; the between-authority figure above is smaller by construction.`;
}

/** Build the life expectancy section. */
export function lifeExpectancySection(ctx: SectionContext): Section {
  const { place, name } = ctx;
  const regionName = ctx.regionName;
  const sentences: string[] = [];
  const figures: ReportFigure[] = [];
  const notes: string[] = [];
  const m = ind(ctx, 'le0-male');
  const f = ind(ctx, 'le0-female');
  // Decimals per sentence (and for the headline), so that no gap computed from unrounded values
  // contradicts the rounded values shown (2 decimals only where 1 would).
  const d = gapDecimals([
    [m.place.value, m.england.value],
    [f.place.value, f.england.value],
  ]);
  for (const p of [m, f]) {
    const ds = gapDecimals([
      [p.place.value, p.england.value],
      [p.place.value, p.region?.value],
    ]);
    const sex = p === m ? 'Male' : 'Female';
    const area = { value: p.place.value, se: p.place.se ?? null };
    const eng = { value: p.england.value, se: p.england.se ?? null };
    const gap = leDifference(area, eng);
    let s = leSentence({ areaName: name, comparatorName: 'England', sex, age: 0, area, comparator: eng, gap, period: '2014', decimals: ds });
    if (p.region && regionName) {
      const rg = leDifference(area, { value: p.region.value, se: p.region.se ?? null });
      if (rg.difference !== null) {
        s += ` Compared with the ${regionName} region (${num(p.region.value, ds)} years) it is ${leGapSize(rg.difference, ds)} ${rg.difference < 0 ? 'lower' : 'higher'} (${rg.judgement === 'similar' ? 'not a statistically significant difference' : rg.judgement}).`;
      }
    }
    sentences.push(s);
  }
  const headline =
    m.place.value !== null && f.place.value !== null
      ? `In 2014 life expectancy at birth in ${name} was ${num(m.place.value, d)} years for men and ${num(f.place.value, d)} years for women (England ${num(m.england.value, d)} and ${num(f.england.value, d)}).`
      : `Life expectancy at birth could not be calculated for ${name} from the bundled 2014 deaths.`;

  // Decomposition by age vs England.
  for (const sex of ['Male', 'Female'] as const) {
    try {
      const a = leAreaInput2014({ code: place.code, name, level: place.level }, sex);
      const e = leAreaInput2014({ code: ENGLAND_CODE, name: 'England', level: 'country' }, sex);
      const dec = leDecomposeGap(a, e, { areaLabel: name, comparatorLabel: 'England' });
      const group = sex === 'Male' ? 'males' : 'females';
      const advantage = dec.gap < 0;
      figures.push(
        leGapByAgeChart(leGapByAgeRows(dec), {
          areaName: name,
          comparatorName: 'England',
          groupLabel: group,
          totalGap: dec.gap,
          title: advantage
            ? `Which ages give ${name} its longer life expectancy at birth than England, ${group}, 2014`
            : `Contribution of each age group to the gap in life expectancy at birth between England and ${name}, ${group}, 2014`,
          subtitle: advantage
            ? `${name} ${num(dec.areaLe, 2)} years, England ${num(dec.comparatorLe, 2)}: ${num(-dec.gap, 2)} years longer. Bars to the left add to this advantage; bars to the right reduce it. They add up to −${num(-dec.gap, 2)}.`
            : `England ${num(dec.comparatorLe, 2)} years, ${name} ${num(dec.areaLe, 2)}: a gap of ${num(dec.gap, 2)} years. Bars to the right widen the gap; bars to the left narrow it. They add up to the gap.`,
        }),
      );
    } catch (e) {
      notes.push(`No breakdown by age for ${sex.toLowerCase()}s: ${(e as Error).message}.`);
    }
  }

  // Inequality between England's UTLAs grouped by deprivation decile (SII), with the place marked.
  const narrative = [...sentences];
  const aggregated = leAggregationNote({ code: place.code, name, level: place.level });
  if (aggregated) narrative.push(`${aggregated}.`);
  try {
    const dep = leByUtlaDeprivation();
    const decile = placeDecile(ctx, dep.decileOf);
    const series = leDeprivationSeries(dep.byDecile, dep.inequality, { quantile: 'decile' });
    figures.push(
      leDeprivationChart(series, {
        areaName: 'England',
        title: 'Life expectancy at birth by deprivation: England’s upper-tier authorities in ten groups, 2014',
        subtitle: `Between authorities, not within ${name}: each authority counted whole in one of ten groups by its average deprivation score (1 = most deprived).${decile !== null ? ` ${name} (star) is in group ${decile}.` : ''}`,
        highlight:
          decile !== null
            ? {
                name,
                quantile: decile,
                values: [
                  { series: 'Male', value: m.place.value },
                  { series: 'Female', value: f.place.value },
                ],
              }
            : null,
      }),
    );
    const ineq = dep.inequality.objects() as Record<string, number | string | null>[];
    const siiText = ineq
      .map(
        (r) =>
          `${num(r.sii as number)} years for ${r.sex === 'Male' ? 'men' : 'women'} (95% CI ${num(r.sii_lower as number)} to ${num(r.sii_upper as number)})`,
      )
      .join(' and ');
    narrative.push(
      `**Inequality between authorities.** Grouping England's ${dep.decileOf.size} upper-tier authorities by how deprived they are, life expectancy at birth differs by ${siiText} from the most to the least deprived end of the scale (the slope index of inequality between authorities).${decile !== null ? ` ${name} is in the ${ordinal(decile)} of the ten groups${decile <= 2 ? ', among the most deprived' : decile >= 9 ? ', among the least deprived' : ''}; the chart marks it with a star.` : ''}`,
    );
  } catch (e) {
    notes.push(`No inequality chart: ${(e as Error).message}.`);
  }
  const within = withinAreaSii(ctx);
  narrative.push(
    within
      ? `**Inequality within ${name}.** ${within}`
      : `**Inequality within ${name}: not yet available here.** The gap a board usually sees is the slope index of inequality within the area, across its own neighbourhoods (OHID, Fingertips indicator 92901); it is typically about twice the between-authority figure above. The bundled deaths are by local authority, not by neighbourhood, so it cannot be calculated from them; it is shown here when the profile is built with Fingertips data that include indicator 92901 (\`healthgap fingertips data 92901 --area-type 502\` for upper-tier authorities, then \`--fingertips 92901\`).`,
  );
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
  return {
    id: 'life-expectancy',
    heading: 'Life expectancy and its gaps',
    headline,
    narrative,
    figures,
    tables: [table],
    notes: notes.length ? notes.join(' ') : undefined,
  };
}
