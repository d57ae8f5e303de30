/**
 * Trends in a place profile: wherever two or more periods of an indicator exist, a trend chart
 * with 95% confidence intervals (where the indicator has them) and the Fingertips recent-trend
 * label, and a direction of travel for the spine table.
 *
 * Series used:
 * - Core20 share: IMD 2019 (LSOA 2011, mid-2015 populations) and IMD 2025 (LSOA 2021, Census
 *   2021), always bundled (`core20Trend`).
 * - QOF recorded prevalence by CCG, from the QOF CCG workbooks added to the data directory
 *   (`qofCcgPrevalence`). A place gets a CCG series only when it is exactly one CCG (April 2020
 *   boundaries) or exactly a union of whole CCGs (register counts and list sizes added up for the
 *   periods where every CCG has a value); otherwise the profile says which CCGs overlap it and why
 *   no CCG series is shown. CCGs are matched by ODS code in every period; a CCG created by a
 *   merger has no figures before it existed (never bridged).
 * - Life expectancy: the bundled 2014 value plus any life-expectancy releases added to the data
 *   directory (`addedLifeExpectancy`).
 * Fingertips data with several periods have their own trend charts in the Fingertips section.
 */
import { trendChart, type TrendChartPoint } from '../../charts/trend.js';
import { core20Trend } from '../../core20plus5/trend.js';
import { getGeography } from '../../geography/vintages.js';
import { addedReleases } from '../../releases/catalogue.js';
import { addedLifeExpectancy } from '../../releases/leSeries.js';
import { qofCcgPrevalence } from '../../releases/qofCcgSeries.js';
import { periodSortKey } from '../../releases/period.js';
import { wilsonInterval } from '../../stats/confidence.js';
import { recentTrend, type RecentTrendResult } from '../../stats/trend.js';
import type { ReportFigure } from '../types.js';
import { num, type SectionContext } from './context.js';
import { activeDataDir } from './releaseChoice.js';
import { PROFILE_QOF_REGISTERS, qofIndicatorId } from './providers.js';

/** One indicator's series for a place. */
export interface ProfileTrend {
  /** Profile indicator the series belongs to (for the spine's direction of travel). */
  indicatorId: string;
  /** Section the chart goes in. */
  sectionId: 'core20-imd2025' | 'prevalence' | 'life-expectancy';
  indicator: string;
  /** Whose series it is ("Sandwell", "NHS Barking and Dagenham CCG"). */
  seriesName: string;
  points: { period: string; value: number | null; lower: number | null; upper: number | null; source: string }[];
  trend: RecentTrendResult;
  unit: string;
  decimals: number;
  /** Direction of travel in words for the spine table. */
  direction: string;
  notes: string[];
}

/** How a place maps to CCGs (April 2020): the CCGs when it is exactly one or a union of whole ones, else why not. */
export interface PlaceCcgs {
  ccgs: { code: string; name: string }[];
  exact: boolean;
  reason: string | null;
}

/**
 * The CCGs (April 2020 boundaries, LSOA 2011 best fit) of a place, when the place is exactly one
 * CCG or exactly a union of whole CCGs; otherwise the overlapping CCGs with the reason.
 *
 * @example placeCcgs('E09000002').ccgs // [{ code: 'E38000004', name: 'NHS Barking and Dagenham CCG' }]
 */
export function placeCcgs(code: string): PlaceCcgs {
  const g = getGeography('2019');
  const mine = new Set(g.lsoasIn(code));
  const over = g.childrenOf(code, 'ccg', { partial: true });
  const ccgs = over.map((c) => ({ code: c.code, name: c.name }));
  if (!over.length || !mine.size) return { ccgs, exact: false, reason: 'the place has no CCG in the April 2020 lookup' };
  const union = new Set<string>();
  for (const c of over) for (const l of g.lsoasIn(c.code, 'ccg')) union.add(l);
  const exact = union.size === mine.size && [...union].every((l) => mine.has(l));
  if (exact) return { ccgs, exact, reason: null };
  const partial = over.filter((c) => g.lsoasIn(c.code, 'ccg').some((l) => !mine.has(l))).map((c) => c.name);
  return {
    ccgs,
    exact,
    reason: `${partial.join(' and ')} also ${partial.length === 1 ? 'covers' : 'cover'} neighbourhoods outside the place, so CCG figures are not the place's figures`,
  };
}

/** Direction of travel: the recent trend when it could be calculated, else the last change in words. */
function directionOf(points: ProfileTrend['points'], trend: RecentTrendResult, unit: string, decimals: number): string {
  const v = points.filter((p) => p.value !== null);
  if (v.length < 2) return '';
  const calculated = trend.label !== 'Cannot be calculated';
  // a tested trend is described over the points it used (the last five), otherwise the last change
  const a = calculated ? v[Math.max(0, v.length - 5)] : v[v.length - 2];
  const b = v[v.length - 1];
  const change = `${num(a.value, decimals)}${unit} (${a.period}) → ${num(b.value, decimals)}${unit} (${b.period})`;
  if (calculated) return `${trend.label}: ${change}`;
  const word = b.value! > a.value! ? 'Higher' : b.value! < a.value! ? 'Lower' : 'Unchanged';
  const why = /value type/.test(trend.reason ?? '') ? 'Fingertips tests no trend for this kind of indicator' : `${v.length} periods, 5 needed`;
  return `${word}: ${change}; no trend test (${why})`;
}

function core20Series(ctx: SectionContext): ProfileTrend | null {
  let t: ReturnType<typeof core20Trend>;
  try {
    t = core20Trend(ctx.place.code);
  } catch {
    return null;
  }
  const points = t.points.map((p) => ({
    period: p.period,
    value: p.share === null ? null : 100 * p.share,
    lower: null,
    upper: null,
    source: `${p.releases.join(' + ')} (${p.lsoaVintage})`,
  }));
  return {
    indicatorId: 'core20-share',
    sectionId: 'core20-imd2025',
    indicator: 'Population living in Core20 neighbourhoods (%)',
    seriesName: ctx.name,
    points,
    trend: t.trend,
    unit: '%',
    decimals: 1,
    direction: directionOf(points, t.trend, '%', 1),
    notes: [
      'IMD 2019: 2011 neighbourhoods and mid-2015 populations (IoD2019 File 6); IMD 2025: 2021 neighbourhoods and Census 2021 usual residents. Boundaries, populations and the index changed, and the index is relative (England stays at about 20%), so this is not a like-for-like series. Whole-population counts: no confidence interval.',
    ],
  };
}

function qofSeries(ctx: SectionContext, dataDir: string | undefined): { trends: ProfileTrend[]; notes: string[] } {
  const hasCcg = addedReleases(dataDir).some((r) => r.kind === 'qof-prevalence' && r.level === 'ccg');
  if (!hasCcg) return { trends: [], notes: [] };
  const map = placeCcgs(ctx.place.code);
  if (!map.exact) return { trends: [], notes: [`No QOF trend by CCG for ${ctx.name}: ${map.reason ?? 'no CCG'}.`] };
  const trends: ProfileTrend[] = [];
  const label = map.ccgs.length === 1 ? map.ccgs[0].name : `${ctx.name} (${map.ccgs.length} CCGs added up)`;
  for (const reg of PROFILE_QOF_REGISTERS) {
    const p = ctx.indicators.get(qofIndicatorId(reg));
    if (!p) continue;
    let res: ReturnType<typeof qofCcgPrevalence>;
    try {
      res = qofCcgPrevalence(reg, { dataDir });
    } catch {
      continue;
    }
    const mine = res.series.filter((s) => map.ccgs.some((c) => c.code === s.ccgOnsCode || c.name.toLowerCase() === s.ccgName.toLowerCase()));
    const latestCodes = new Set(mine.map((s) => s.ccgOdsCode));
    if (mine.length < map.ccgs.length) continue;
    const points: ProfileTrend['points'] = [];
    for (const period of res.periods) {
      const pts = mine.map((s) => s.points.find((q) => q.period === period));
      if (pts.some((q) => q === undefined)) continue;
      const x = pts.reduce((a, q) => a + q!.registerCount, 0);
      const n = pts.reduce((a, q) => a + q!.listSize, 0);
      const ci = wilsonInterval(x, n);
      points.push({
        period,
        value: (100 * x) / n,
        lower: ci.lower === null ? null : 100 * ci.lower,
        upper: ci.upper === null ? null : 100 * ci.upper,
        source: [...new Set(pts.map((q) => `${q!.release} (${q!.sourceFile})`))].join(', '),
      });
    }
    if (points.length < 2) continue;
    const counts = res.periods
      .map((period) => {
        const pts = mine.map((s) => s.points.find((q) => q.period === period));
        return pts.some((q) => q === undefined)
          ? null
          : { x: pts.reduce((a, q) => a + q!.registerCount, 0), n: pts.reduce((a, q) => a + q!.listSize, 0), period };
      })
      .filter((c): c is { x: number; n: number; period: string } => c !== null);
    const trend = recentTrend(
      counts.map((c) => ({ period: periodSortKey(c.period), value: c.x / c.n, count: c.x, denominator: c.n })),
      { valueType: 'proportion' },
    );
    trends.push({
      indicatorId: p.def.id,
      sectionId: 'prevalence',
      indicator: p.def.name,
      seriesName: label,
      points,
      trend,
      unit: '%',
      decimals: 2,
      direction: `${directionOf(points, trend, '%', 2)} (${label})`,
      notes: [
        `CCG series (${[...latestCodes].join(', ')}): ${map.ccgs.length === 1 ? `${label} covers the same neighbourhoods as ${ctx.name}` : `the CCGs together cover exactly ${ctx.name}`} (April 2020 CCG boundaries). Recorded prevalence of registered patients of the CCG's practices, which is close to but not the same as the place figure rolled up by where patients live.`,
      ],
    });
  }
  return { trends, notes: [] };
}

function leSeries(ctx: SectionContext, dataDir: string | undefined): ProfileTrend[] {
  const out: ProfileTrend[] = [];
  for (const sex of ['Male', 'Female'] as const) {
    const id = `le0-${sex.toLowerCase()}`;
    const p = ctx.indicators.get(id);
    if (!p) continue;
    const added = addedLifeExpectancy(ctx.place.code, sex, 0, { dataDir });
    if (!added.points.length) continue;
    const points: ProfileTrend['points'] = [
      { period: p.def.period, value: p.place.value, lower: p.place.lower, upper: p.place.upper, source: 'deaths2014 + mye2-2014 (bundled, ONS)' },
    ];
    for (const a of added.points) {
      const i = points.findIndex((q) => q.period === a.period);
      const pt = { period: a.period, value: a.value, lower: a.lower95, upper: a.upper95, source: `${a.release} (${a.sourceFile}, ${a.publisher})` };
      if (i >= 0) points[i] = pt;
      else points.push(pt);
    }
    points.sort((a, b) => (periodSortKey(a.period) ?? 0) - (periodSortKey(b.period) ?? 0));
    if (points.length < 2) continue;
    const trend = recentTrend(
      points.map((q, i) => ({ period: i, value: q.value, lower95: q.lower, upper95: q.upper })),
      { valueType: 'life expectancy' },
    );
    out.push({
      indicatorId: id,
      sectionId: 'life-expectancy',
      indicator: p.def.name,
      seriesName: ctx.name,
      points,
      trend,
      unit: ' years',
      decimals: 1,
      direction: directionOf(points, trend, ' years', 1),
      notes: [
        'Fingertips calculates no recent trend for life expectancy, so none is tested here.',
        ...(points.some((q) => / to /.test(q.period))
          ? ['The bundled 2014 value is one year of deaths; ONS periods such as "2021 to 2023" are three-year figures, so they are steadier.']
          : []),
      ],
    });
  }
  return out;
}

/**
 * Every trend of a place profile: the Core20 share on IMD 2019 and 2025, QOF prevalence by CCG
 * where added workbooks and the place's CCGs allow, life expectancy where releases were added.
 *
 * @example profileTrends(ctx).trends.map((t) => t.indicatorId) // ['core20-share', 'qof-hyp', …]
 */
export function profileTrends(ctx: SectionContext): { trends: ProfileTrend[]; notes: string[] } {
  const dataDir = activeDataDir();
  const core = core20Series(ctx);
  const qof = qofSeries(ctx, dataDir);
  return { trends: [...(core ? [core] : []), ...qof.trends, ...leSeries(ctx, dataDir)], notes: qof.notes };
}

/**
 * The trend chart of one series (with CIs where the series has them, the recent-trend label in
 * the subtitle, and the source of each period in the notes). Screen only: the print keeps its
 * length and points to the HTML.
 */
export function trendFigure(t: ProfileTrend): ReportFigure {
  const points: TrendChartPoint[] = t.points.map((p) => ({ period: p.period, value: p.value, lower: p.lower, upper: p.upper }));
  const label = t.trend.label === 'Cannot be calculated' ? `Cannot be calculated (${shortReason(t)})` : t.trend.label;
  const noCi = t.points.every((p) => p.lower === null && p.upper === null);
  const chart = trendChart(points, {
    areaName: t.seriesName,
    indicator: t.indicator.replace(/ \((%|per 100,000)\)$/, ''),
    recentTrend: label,
    decimals: t.decimals,
    yTitle: t.unit === '%' ? 'Per cent' : 'Years',
    yFromZero: t.indicatorId === 'core20-share',
  });
  if (noCi)
    for (const trace of chart.figure.data) if (typeof trace.name === 'string') trace.name = trace.name.replace(/ \(95% CI\)$/, ' (no confidence interval)');
  return {
    ...chart,
    printed: false,
    notes: [...(chart.notes ?? []), ...t.notes, `Sources: ${t.points.map((p) => `${p.period} ← ${p.source}`).join('; ')}.`],
  };
}

/** The reason a recent trend is not calculated, in a few words. */
function shortReason(t: ProfileTrend): string {
  const n = t.points.filter((p) => p.value !== null).length;
  if (/not enough data points/.test(t.trend.reason ?? '')) return `${n} periods; 5 are needed`;
  if (/value type/.test(t.trend.reason ?? '')) return 'Fingertips calculates none for this kind of indicator';
  return t.trend.reason ?? 'no reason given';
}

/**
 * The appendix text of the trends: the release of every period of every trend, and the method.
 *
 * @example trendAppendixText(profileTrends(ctx).trends).definition
 */
export function trendAppendixText(trends: readonly ProfileTrend[]): { definition: string; method: string } | null {
  if (!trends.length) return null;
  return {
    definition: `Trends (indicators with two or more periods): ${trends
      .map((t) => `${t.indicator} (${t.seriesName}): ${t.points.map((p) => `${p.period} ← ${p.source}`).join('; ')}`)
      .join('. ')}.`,
    method:
      'Recent trend: Fingertips method on the last five periods (proportions: chi-squared test for trend at 99.8%, slopes agreeing when each point is left out); with fewer periods none is calculated and the direction of travel gives the last change',
  };
}

/**
 * Put the trends into a built profile: each trend chart (screen only) at the end of its section's
 * figures, a "Direction of travel" column in the spine table (on screen) and one sentence under
 * the spine chart. Sections left out of the profile get no chart.
 *
 * @example applyProfileTrends(ctx, sections) // returns the trends applied
 */
export function applyProfileTrends(ctx: SectionContext, sections: import('../types.js').Section[]): ProfileTrend[] {
  const { trends, notes } = profileTrends(ctx);
  const used = new Set<ProfileTrend>();
  for (const t of trends) {
    const s = sections.find((x) => x.id === t.sectionId);
    if (s) {
      s.figures = [...s.figures, trendFigure(t)];
      used.add(t);
    }
  }
  const prev = sections.find((x) => x.id === 'prevalence');
  if (prev && notes.length) prev.notes = [prev.notes, ...notes].filter(Boolean).join(' ');
  const spine = sections.find((x) => x.id === 'spine');
  const fig = spine?.figures[0];
  const table = fig?.table as import('../types.js').DataTable | undefined;
  const byName = new Map(trends.map((t) => [ctx.indicators.get(t.indicatorId)?.def.name ?? t.indicator, t]));
  if (spine && table && Array.isArray(table.rows) && table.rows.some((r) => byName.has(String(r.indicator)))) {
    table.columns = [...table.columns, { key: 'travel', label: 'Direction of travel', hideInPrint: true }];
    table.rows = table.rows.map((r) => ({ ...r, travel: byName.get(String(r.indicator))?.direction ?? null }));
    const shown = trends.filter((t) => byName.has(ctx.indicators.get(t.indicatorId)?.def.name ?? t.indicator));
    for (const t of shown) used.add(t);
    const said = shown
      .slice(0, 3)
      .map((t) => `${lowerFirstLetter(t.indicator.replace(/ \(%\)$/, '').replace(/: QOF recorded prevalence.*$/, ''))}, ${lowerFirstWord(t.direction)}`);
    const more = shown.length > 3 ? `; ${shown.length - 3} more in the table under the chart` : '';
    // the sentence only when a release added a trend: the Core20 share on IMD 2019 and 2025 is in
    // the Core20 section's headline already, so the default profile's printed text is unchanged
    if (shown.some((t) => t.indicatorId !== 'core20-share')) {
      const narrative = Array.isArray(spine.narrative) ? spine.narrative : [spine.narrative];
      spine.narrative = [...narrative, `Direction of travel where two or more periods exist: ${said.join('; ')}${more}.`];
    }
  }
  // the trends the report shows (a chart in one of its sections or a row of its spine), for the appendix
  return trends.filter((t) => used.has(t));
}

function lowerFirstLetter(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function lowerFirstWord(s: string): string {
  return s.replace(/^(Higher|Lower|Unchanged|Increasing|Decreasing|No significant change)\b/, (m) => m.toLowerCase());
}
