/**
 * QOF recorded prevalence by CCG over every period held in the added QOF CCG workbook releases
 * (`healthgap data add qof-….xlsx`), with Wilson 95% confidence intervals and the Fingertips
 * recent-trend label.
 *
 * Each workbook holds two periods: the previous year as restated and the year published. For every
 * period the figures come from the latest workbook holding it (the restated figures), and each
 * number keeps the release it came from. CCGs are matched by their ODS code only: CCGs that merged
 * between years have a series that ends (old codes) or starts (new codes); nothing is bridged
 * across a merger, so no number is joined across CCG vintages.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { HealthgapError } from '../io/errors.js';
import { wilsonInterval } from '../stats/confidence.js';
import { recentTrend, type RecentTrendLabel } from '../stats/trend.js';
import { addedReleases } from './catalogue.js';
import { periodSortKey } from './period.js';
import type { ReleaseInfo } from './types.js';

/** One CCG in one period. */
export interface QofCcgPoint {
  period: string;
  register: string;
  ccgOdsCode: string;
  ccgOnsCode: string;
  ccgName: string;
  registerCount: number;
  listSize: number;
  /** Per cent: 100 × register ÷ list size. */
  prevalence: number;
  lower95: number;
  upper95: number;
  /** Release id and source file the numbers came from. */
  release: string;
  sourceFile: string;
}

/** One CCG's series with its recent trend. */
export interface QofCcgSeries {
  ccgOdsCode: string;
  ccgOnsCode: string;
  ccgName: string;
  points: QofCcgPoint[];
  trend: RecentTrendLabel;
  trendReason: string | null;
}

/** The result of {@link qofCcgPrevalence}. */
export interface QofCcgPrevalence {
  register: string;
  periods: string[];
  /** Which release each period came from. */
  sources: { period: string; release: string; sourceFile: string }[];
  series: QofCcgSeries[];
}

function releaseRows(r: ReleaseInfo): Record<string, string>[] {
  return parse(gunzipSync(readFileSync(r.path)).toString('utf8'), { columns: true }) as Record<string, string>[];
}

/**
 * CCG prevalence of one QOF register for every period held in the added QOF CCG releases (or one
 * period), with Wilson 95% CIs and the recent trend (chi-squared test on the last five points,
 * no polarity: a change in recorded prevalence is not judged better or worse).
 *
 * @param register QOF register code as the workbook's sheet name (`DM`, `HYP`, …)
 * @param options `dataDir`; `period` (`2016-17`) for one period
 * @example qofCcgPrevalence('DM').series.find((s) => s.ccgOdsCode === '07L')?.trend
 */
export function qofCcgPrevalence(register: string, options: { dataDir?: string; period?: string } = {}): QofCcgPrevalence {
  const code = register.trim().toUpperCase();
  const releases = addedReleases(options.dataDir).filter((r) => r.kind === 'qof-prevalence' && r.level === 'ccg');
  if (releases.length === 0) throw new HealthgapError('no QOF CCG workbook releases in the data directory: add them with healthgap data add <qof-…-ccg.xlsx>');
  // Latest workbook first, so each period is taken from the latest release holding it.
  releases.sort((a, b) => (periodSortKey(b.period) ?? 0) - (periodSortKey(a.period) ?? 0));
  const byPeriod = new Map<string, ReleaseInfo>();
  for (const r of releases) for (const p of r.periods ?? [r.period]) if (!byPeriod.has(p)) byPeriod.set(p, r);
  let periods = [...byPeriod.keys()].sort();
  if (options.period !== undefined) {
    if (!byPeriod.has(options.period)) throw new HealthgapError(`no QOF CCG release holds ${options.period}; periods held: ${periods.join(', ')}`);
    periods = [options.period];
  }
  const points: QofCcgPoint[] = [];
  const cache = new Map<string, Record<string, string>[]>();
  for (const p of periods) {
    const r = byPeriod.get(p)!;
    let rows = cache.get(r.id);
    if (!rows) cache.set(r.id, (rows = releaseRows(r)));
    for (const row of rows) {
      if (row.period !== p || row.register !== code) continue;
      const x = Number(row.register_count);
      const n = Number(row.list_size);
      const ci = wilsonInterval(x, n);
      points.push({
        period: p,
        register: code,
        ccgOdsCode: row.ccg_ods_code,
        ccgOnsCode: row.ccg_ons_code,
        ccgName: row.ccg_name,
        registerCount: x,
        listSize: n,
        prevalence: (100 * x) / n,
        lower95: 100 * (ci.lower ?? NaN),
        upper95: 100 * (ci.upper ?? NaN),
        release: r.id,
        sourceFile: r.sourceFile,
      });
    }
  }
  if (points.length === 0) throw new HealthgapError(`register ${code} is not in the QOF CCG releases (periods ${periods.join(', ')})`);
  const groups = new Map<string, QofCcgPoint[]>();
  for (const pt of points) {
    let g = groups.get(pt.ccgOdsCode);
    if (!g) groups.set(pt.ccgOdsCode, (g = []));
    g.push(pt);
  }
  const series: QofCcgSeries[] = [...groups.values()].map((pts) => {
    const last = pts[pts.length - 1];
    const t = recentTrend(
      pts.map((q) => ({ period: periodSortKey(q.period), value: q.prevalence / 100, count: q.registerCount, denominator: q.listSize })),
      { valueType: 'proportion' },
    );
    return { ccgOdsCode: last.ccgOdsCode, ccgOnsCode: last.ccgOnsCode, ccgName: last.ccgName, points: pts, trend: t.label, trendReason: t.reason };
  });
  series.sort((a, b) => a.ccgName.localeCompare(b.ccgName));
  return {
    register: code,
    periods,
    sources: periods.map((p) => ({ period: p, release: byPeriod.get(p)!.id, sourceFile: byPeriod.get(p)!.sourceFile })),
    series,
  };
}
