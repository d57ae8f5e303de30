/**
 * Section 5, "Practice variation": a funnel plot of the recorded prevalence of one QOF register
 * (default diabetes) at the GP practices serving the place, with 95% and 99.8% limits around the
 * practices' average, and the outliers listed. The limits are adjusted for overdispersion by default
 * (option `funnelOverdispersion`, default "additive": Spiegelhalter 2005 random effects on the
 * arcsine scale, as FunnelPlotR; `practiceFunnel` of src/prevalence); "none" gives the unadjusted
 * PHEindicatormethods limits, as Fingertips.
 *
 * A practice "serves" the place when the place is where the largest share of its registered
 * patients live (NHS Digital registrations by LSOA, January 2021). Practices whose register count
 * is suppressed by the report's rule are left off the chart and out of the outlier list.
 */
import { aq } from '../../../core/arquero.js';
import { cachedRead } from '../../../io/cache.js';
import { HealthgapError } from '../../../core/errors.js';
import { practiceAreaShares, practiceName } from '../../../geography/practices.js';
import { proportionWithCI } from '../../../stats/proportion.js';
import { qofRegister } from '../../../prevalence/registers.js';
import { qofPractices } from '../providers.js';
import { practiceFunnel } from '../../../prevalence/variation.js';
import { funnelChart, type FunnelLimitRow } from '../../../charts/funnel.js';
import { isSuppressedCount } from '../../suppression.js';
import type { DataTable, Section } from '../../types.js';
import { int, num, type SectionContext } from '../context.js';
import { plural } from '../text.js';
import { practiceLabel, publishedName } from '../names.js';
import type { ProfileLevel } from '../place.js';
import { formatSignificant } from '../../../core/rounding.js';

/** Practice code → the area (at a level) where most of its registered patients live. */
function mainArea(level: ProfileLevel): Map<string, string> {
  return cachedRead(`profile:practice-main-area:${level}`, () => {
    const t = practiceAreaShares(level);
    const pc = t.array('practice_code') as string[];
    const ac = t.array('area_code') as string[];
    const sh = t.array('share') as number[];
    const best = new Map<string, [string, number]>();
    for (let i = 0; i < pc.length; i++) {
      const b = best.get(pc[i]);
      if (!b || sh[i] > b[1]) best.set(pc[i], [ac[i], sh[i]]);
    }
    return new Map([...best].map(([p, [a]]) => [p, a]));
  });
}

/** Practices serving a place with their register count and list size (`practicePrevalence` of src/prevalence). */
export function placePractices(placeCode: string, level: ProfileLevel, register: string): { code: string; name: string; count: number; list: number }[] {
  const main = mainArea(level);
  const t = qofPractices(register);
  const pc = t.array('practice_code') as string[];
  const cnt = t.array('count') as (number | null)[];
  const den = t.array('denominator') as (number | null)[];
  const val = t.array('value') as (number | null)[];
  const out: { code: string; name: string; count: number; list: number }[] = [];
  for (let i = 0; i < pc.length; i++) {
    if (main.get(pc[i]) !== placeCode) continue;
    const x = cnt[i];
    const n = den[i];
    if (x === null || n === null || val[i] === null) continue;
    out.push({ code: pc[i], name: practiceName(pc[i]) ?? pc[i], count: x, list: n });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Build the practice variation section. */
export function practiceVariationSection(ctx: SectionContext): Section {
  const reg = qofRegister(ctx.options.funnelRegister ?? 'DM');
  const labels = ctx.options.practiceLabels ?? 'names';
  const { name } = ctx;
  const practices = placePractices(ctx.place.code, ctx.place.level, reg.code);
  if (practices.length < 3) {
    return {
      id: 'practice-variation',
      heading: 'Practice variation',
      headline: `Too few GP practices serve ${name} in the bundled data to show practice variation (${practices.length}).`,
      narrative: [
        `A funnel plot needs at least three practices; ${practices.length} practice${practices.length === 1 ? '' : 's'} have most of their registered patients living in ${name}.`,
      ],
      figures: [],
      tables: [],
    };
  }
  const base = reg.listType === 'TOTAL' ? 'all ages' : reg.listType === '30_74' ? 'aged 30-74' : `aged ${reg.listType.replace('OV', '')}+`;
  const shown = practices.filter((p) => !isSuppressedCount(p.count, ctx.rule));
  const hidden = practices.length - shown.length;
  if (shown.length < 3) throw new HealthgapError(`practice variation for ${name}: fewer than 3 practices left after suppression`);
  const f = practiceFunnel(aq.table({ practice_code: shown.map((p) => p.code), count: shown.map((p) => p.count), denominator: shown.map((p) => p.list) }), {
    label: 'practices',
    overdispersion: ctx.options.funnelOverdispersion ?? 'additive',
  });
  const d = f.dispersion;
  const limitsText =
    f.adjusted && d
      ? 'Limits widened because the practices differ more than chance alone would explain'
      : d
        ? 'The practices differ no more than chance would explain: limits not widened'
        : 'Limits not widened for extra variation';
  if (d) {
    ctx.methodNotes?.set(
      'practice-variation',
      f.adjusted
        ? `For ${name} (${reg.short}, ${shown.length} practices): dispersion ratio φ = ${num(d.phi, 2)}; ${f.overdispersion === 'additive' ? `between-practice variance τ² = ${formatSignificant(d.tau2, 3)} on the arcsine square root scale` : 'limits multiplied by √φ'}.`
        : `For ${name} (${reg.short}, ${shown.length} practices): dispersion ratio φ = ${num(d.phi, 2)}, not above 1, so the limits are not adjusted.`,
    );
  }
  const sig = f.points.array('significance') as string[];
  const limits: FunnelLimitRow[] = (f.limits.objects() as Record<string, number>[]).map((r) => ({
    denominator: r.Population,
    lower95: r.lower_2s_limit,
    upper95: r.upper_2s_limit,
    lower998: r.lower_3s_limit,
    upper998: r.upper_3s_limit,
    baseline: r.baseline,
  }));
  const average = f.average;
  const chart = funnelChart(
    shown.map((p, i) => ({ label: practiceLabel(p.code, p.name, labels), denominator: p.list, value: (100 * p.count) / p.list, significance: sig[i] })),
    limits,
    {
      title: `${reg.name}: recorded prevalence at GP practices serving ${name}, QOF 2019-20`,
      subtitle: `${shown.length} practices; registered patients ${base}; average of the practices ${num(average, 2)}%. ${limitsText}.`,
      unitName: 'GP practices',
      xTitle: `Registered patients (${base})`,
      yTitle: 'Recorded prevalence (%)',
      polarity: 'no-judgement',
      decimals: 2,
      valueSuffix: '%',
    },
  );
  // Highest prevalence first, so the practices above the limits come before those below.
  const outliers = shown
    .map((p, i) => ({ p, s: sig[i] }))
    .filter((x) => x.s === 'High (0.001)' || x.s === 'Low (0.001)')
    .sort((a, b) => b.p.count / b.p.list - a.p.count / a.p.list || (a.p.code < b.p.code ? -1 : 1));
  const outer95 = sig.filter((s) => s !== 'Not significant').length;
  const table: DataTable = {
    caption: `Practices outside the 99.8% limits: ${reg.short} recorded prevalence, ${name}`,
    columns: [
      ...(labels === 'names' ? [{ key: 'practice', label: 'Practice' }] : []),
      { key: 'code', label: labels === 'names' ? 'Code' : 'Practice code' },
      { key: 'count', label: 'On register', format: 'integer' },
      { key: 'list', label: `Patients (${base})`, format: 'integer' },
      { key: 'value', label: 'Prevalence', format: 'percent', decimals: 2 },
      { key: 'lower', label: 'Lower 95% CI', format: 'percent', decimals: 2 },
      { key: 'upper', label: 'Upper 95% CI', format: 'percent', decimals: 2 },
      { key: 'position', label: '99.8% limits' },
    ],
    rows: outliers.map(({ p, s }) => {
      const ci = proportionWithCI(p.count, p.list, 0.95, 100);
      return {
        ...(labels === 'names' ? { practice: publishedName(p.name) } : {}),
        code: p.code,
        count: p.count,
        list: p.list,
        value: ci.value,
        lower: ci.lower,
        upper: ci.upper,
        position: s.startsWith('High') ? 'Above' : 'Below',
      };
    }),
    countColumns: ['count'],
    derivedFrom: { value: 'count', lower: 'count', upper: 'count' },
    notes:
      outliers.length === 0
        ? `No practice is outside the 99.8% limits. ${limitsText}.`
        : `Above or below the 99.8% funnel limits around the average of the practices serving ${name}; highest prevalence first. ${limitsText}. The 95% interval of each practice's own prevalence is Wilson's.`,
  };
  const narrative = [
    `The funnel plot shows the recorded prevalence of ${reg.short} (${base}) at the ${shown.length} GP practices where most registered patients live in ${name}. Practices with small lists vary more by chance, so the limits widen to the left. The average across these practices is ${num(average, 2)}%.`,
    f.adjusted && d
      ? `The practices differ by more than chance alone would explain, for reasons such as the age and ethnicity of their patients and how they record ${reg.short}. So the limits are widened to allow for that, and a practice outside them stands out even allowing for it (the statistical details are in the methods).`
      : d
        ? 'The practices vary no more than chance would explain, so the limits are not widened.'
        : 'The limits are not widened for extra variation between practices (the method Fingertips uses).',
    `${plural(outer95, 'practice')} ${outer95 === 1 ? 'is' : 'are'} outside the 95% limits and ${outliers.length} outside the 99.8% limits (${outliers.filter((o) => o.s.startsWith('High')).length} above, ${outliers.filter((o) => o.s.startsWith('Low')).length} below). A practice far above the funnel may simply serve an older or higher-risk population; one far below may have people with ${reg.short} not yet on its register.`,
  ];
  if (hidden > 0)
    narrative.push(
      `${hidden} practice${hidden === 1 ? ' has' : 's have'} a register of fewer than ${ctx.rule.threshold} patients and ${hidden === 1 ? 'is' : 'are'} not shown (small-number suppression).`,
    );
  return {
    id: 'practice-variation',
    heading: 'Practice variation',
    headline: `${outliers.length} of ${shown.length} GP practices serving ${name} ${outliers.length === 1 ? 'has' : 'have'} ${reg.short} recorded prevalence outside the ${f.adjusted ? 'widened ' : ''}99.8% limits around their average of ${num(average, 2)}%.`,
    narrative,
    figures: [{ ...chart, suppressionApplied: true }],
    tables: [table],
    notes: `Practices are placed in ${name} when it is where the largest share of their registered patients live (NHS Digital registrations by LSOA, January 2021); ${int(practices.length)} practices qualify.`,
  };
}
