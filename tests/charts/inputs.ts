/**
 * Real-data inputs for the chart rendering tests (data read in tests only, never in src/charts).
 * Sources: bundled data/ files (see data/SOURCES.md) and PHEindicatormethods test data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv, readText } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import type {
  Core20DecileRow,
  DeprivationSeries,
  FunnelLimitRow,
  FunnelPoint,
  GapByAgeRow,
  GeoFeatureCollection,
  MapValue,
  PyramidRow,
  SignificanceLabel,
  SpineIndicator,
  TrendChartPoint,
} from '../../src/charts/index.js';

export const SANDWELL = 'E08000028';
export const ENGLAND = 'E92000001';

function csv(rel: string) {
  const file = dataPath(rel);
  return parseCsv(readText(file), { file, allowShortRecords: true });
}
function fixture(rel: string) {
  const file = fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
  return parseCsv(readFileSync(file, 'utf8'), { file });
}
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s.replace(/,/g, '')));

/** Excel PERCENTILE.INC (Fingertips' spine-chart quartiles): rank (N−1)p + 1 with linear interpolation. */
export function percentileInc(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/** Campylobacter (Fingertips 93356) for Sandwell: spine rows per age × year, trend, England series. */
export function campylobacter() {
  const c = csv('fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv');
  const h = (name: string) => c.header.indexOf(name);
  const rows = c.rows
    .map((r) => ({
      code: r[h('Area Code')],
      type: r[h('Area Type')],
      age: r[h('Age')],
      cat: r[h('Category Type')],
      period: r[h('Time period')],
      value: num(r[h('Value')]),
      lower: num(r[h('Lower CI 95.0 limit')]),
      upper: num(r[h('Upper CI 95.0 limit')]),
      count: num(r[h('Count')]),
      trend: r[h('Recent Trend')],
      vsEngland: r[h('Compared to England value or percentiles')],
    }))
    .filter((r) => r.cat === '');
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const spine: SpineIndicator[] = [];
  for (const age of ['All ages', '0-9 yrs']) {
    for (const period of periods) {
      const area = rows.find((r) => r.code === SANDWELL && r.age === age && r.period === period);
      const eng = rows.find((r) => r.code === ENGLAND && r.age === age && r.period === period);
      const region = rows.find((r) => r.code === 'E12000005' && r.age === age && r.period === period);
      const dist = rows.filter((r) => r.type === 'County & UA' && r.age === age && r.period === period && r.value !== null).map((r) => r.value as number);
      if (!area || !eng || dist.length < 4) continue;
      spine.push({
        indicator: `Campylobacter incidence rate per 100,000, ${age === 'All ages' ? 'all ages' : 'aged 0-9'}`,
        period,
        count: area.count,
        value: area.value,
        regionValue: region?.value ?? null,
        englandValue: eng.value,
        englandLowest: Math.min(...dist),
        englandP25: percentileInc(dist, 0.25),
        englandP75: percentileInc(dist, 0.75),
        englandHighest: Math.max(...dist),
        polarity: 'low-is-good',
        significance: (area.vsEngland || null) as SignificanceLabel | null,
        unit: 'per 100,000',
      });
    }
  }
  const trend: TrendChartPoint[] = periods.map((period) => {
    const a = rows.find((r) => r.code === SANDWELL && r.age === 'All ages' && r.period === period);
    return {
      period,
      value: a?.value ?? null,
      lower: a?.lower ?? null,
      upper: a?.upper ?? null,
      count: a?.count ?? null,
      significance: (a?.vsEngland || null) as SignificanceLabel | null,
    };
  });
  const englandTrend = periods.map((period) => ({
    period,
    value: rows.find((r) => r.code === ENGLAND && r.age === 'All ages' && r.period === period)?.value ?? null,
  }));
  const last = rows.find((r) => r.code === SANDWELL && r.age === 'All ages' && r.period === periods[periods.length - 1]);
  return { spine, trend, englandTrend, recentTrend: last?.trend || null };
}

/** PHEim proportion funnel test data: 303 PCTs with significance, and the 100-row limits. */
export function funnelInputs(): { points: FunnelPoint[]; limits: FunnelLimitRow[] } {
  const p = fixture('phe/testdata_funnel_prop_inputs.csv');
  const points = p.rows.map((r) => ({ label: r[0], denominator: Number(r[2]), value: (100 * Number(r[1])) / Number(r[2]), significance: r[3] }));
  const l = fixture('phe/testdata_funnel_prop_outputs.csv');
  const limits = l.rows.map((r) => ({
    denominator: Number(r[0]),
    lower95: Number(r[1]),
    upper95: Number(r[2]),
    lower998: Number(r[3]),
    upper998: Number(r[4]),
    baseline: Number(r[5]),
  }));
  return { points, limits };
}

/** Sandwell life expectancy by local deprivation decile (PHEim LE_testdata) and the SII point estimate. */
export function leDeciles(): DeprivationSeries[] {
  const f = fixture('charts/le_deciles_sandwell.csv');
  return ['1', '2'].map((sex) => {
    const pts = f.rows
      .filter((r) => r[0] === sex)
      .map((r) => {
        const le = Number(r[5]);
        const se = Number(r[6]);
        return { quantile: Number(r[2]), population: Number(r[3]), value: le, lower: le - 1.96 * se, upper: le + 1.96 * se };
      });
    return {
      name: sex === '1' ? 'Male' : 'Female',
      points: pts,
      sii: siiFit(
        pts.map((p) => p.population),
        pts.map((p) => p.value),
      ),
    };
  });
}

/**
 * SII point estimate as in PHEim phe_sii: a_i population shares, b_i cumulative-share midpoints,
 * least squares of y·√a on √a and b·√a without intercept (i.e. weighted regression of y on b, weights a).
 */
export function siiFit(pops: number[], y: number[]): { intercept: number; slope: number } {
  const total = pops.reduce((s, v) => s + v, 0);
  const a = pops.map((p) => p / total);
  let cum = 0;
  const b = a.map((ai) => {
    const m = cum + ai / 2;
    cum += ai;
    return m;
  });
  const sw = a.reduce((s, v) => s + v, 0);
  const mb = a.reduce((s, ai, i) => s + ai * b[i], 0) / sw;
  const my = a.reduce((s, ai, i) => s + ai * y[i], 0) / sw;
  let sxy = 0,
    sxx = 0;
  a.forEach((ai, i) => {
    sxy += ai * (b[i] - mb) * (y[i] - my);
    sxx += ai * (b[i] - mb) ** 2;
  });
  const slope = sxy / sxx;
  return { intercept: my - slope * mb, slope };
}

const BANDS: [string, number, number][] = [];
for (let a = 0; a < 90; a += 5) BANDS.push([`${a}-${a + 4}`, a, a + 4]);
BANDS.push(['90+', 90, 90]);

/** Mid-2019 population by 5-year band and sex (ONS MYE2, bundled), and the file's all-ages total. */
export function pyramidRows(code: string): { rows: PyramidRow[]; allAges: number } {
  const out: PyramidRow[] = [];
  let allAges = 0;
  for (const sex of ['Male', 'Female'] as const) {
    const c = csv(`population/mye2_mid2019_lad19_${sex === 'Male' ? 'males' : 'females'}.csv`);
    const row = c.rows.find((r) => r[0] === code);
    if (!row) throw new Error(`${code} not found`);
    allAges += num(row[c.header.indexOf('All ages')]) as number;
    for (const [label, lo, hi] of BANDS) {
      let n = 0;
      for (let age = lo; age <= hi; age++) n += num(row[c.header.indexOf(age === 90 ? '90+' : String(age))]) as number;
      out.push({ ageBand: label, sex, population: n });
    }
  }
  return { rows: out, allAges };
}

/** IMD 2019 tidy LSOA table (bundled). */
export function imdLsoas() {
  const c = csv('imd/imd2019_lsoa11_england_tidy.csv');
  const h = (n: string) => c.header.indexOf(n);
  return c.rows.map((r) => ({
    lsoa: r[h('lsoa11cd')],
    name: r[h('lsoa11nm')],
    lad: r[h('lad19cd')],
    score: Number(r[h('imd_score')]),
    decile: Number(r[h('imd_decile')]),
    pop: Number(r[h('pop_mid2015_excl_prisoners')]),
  }));
}

/** Sandwell's population (mid-2015, excluding prisoners) by national IMD decile, with England's shares. */
export function core20Rows(lad: string): Core20DecileRow[] {
  const all = imdLsoas();
  const total = all.reduce((s, r) => s + r.pop, 0);
  return Array.from({ length: 10 }, (_, i) => i + 1).map((decile) => ({
    decile,
    population: all.filter((r) => r.lad === lad && r.decile === decile).reduce((s, r) => s + r.pop, 0),
    englandShare: (100 * all.filter((r) => r.decile === decile).reduce((s, r) => s + r.pop, 0)) / total,
  }));
}

/** LSOA boundaries (bundled BGC GeoJSON) as a FeatureCollection. */
export function lsoaBoundaries(name: string): GeoFeatureCollection {
  return JSON.parse(readText(dataPath(`boundaries/${name}`))) as GeoFeatureCollection;
}

/** IMD values for map drawing: decile (categorical) and score (continuous). */
export function imdMapValues(codes: Set<string>): { deciles: MapValue[]; scores: MapValue[] } {
  const rows = imdLsoas().filter((r) => codes.has(r.lsoa));
  return {
    deciles: rows.map((r) => ({ code: r.lsoa, name: r.name, value: r.decile })),
    scores: rows.map((r) => ({ code: r.lsoa, name: r.name, value: r.score })),
  };
}

// ---------------------------------------------------------------------------------------------
// Life-expectancy gap for the LE gap charts: 2014 deaths (ONS, bundled) and mid-2014 population
// (ONS MYE2, bundled), Chiang II abridged life table as in PHEim phe_life_expectancy (a = 0.1 for
// under 1, 0.5 otherwise; last band L = l/m) and Arriaga's decomposition (Arriaga 1984).
// A test-only helper producing chart input; the lifeexp module owns the real implementation.
// ---------------------------------------------------------------------------------------------
const LT_BANDS: [string, number, number][] = [
  ['Under 1', 0, 0],
  ['1-4', 1, 4],
];
for (let a = 5; a < 90; a += 5) LT_BANDS.push([`${a}-${a + 4}`, a, a + 4]);
LT_BANDS.push(['90+', 90, 90]);

function mye2014(code: string, sex: 'Male' | 'Female'): number[] {
  const c = parseCsv(readText(dataPath(`deaths/MYE2_mid2014_uk_${sex === 'Male' ? 'males' : 'females'}.csv`)), { skipLines: 2, relaxColumnCount: true });
  const row = c.rows.find((r) => r[0] === code);
  if (!row) throw new Error(`${code} not in MYE2 mid-2014`);
  const col = (age: number) => c.header.indexOf(age === 90 ? '90+' : String(age));
  return LT_BANDS.map(([, lo, hi]) => {
    let n = 0;
    for (let a = lo; a <= hi; a++) n += num(row[col(a)]) as number;
    return n;
  });
}

function deaths2014(code: string, sex: 'Male' | 'Female'): number[] {
  const c = csv('deaths/deaths2014_la_sex_age_tidy.csv');
  return LT_BANDS.map(([label]) => {
    const r = c.rows.find((x) => x[0] === code && x[2] === sex && x[3] === label);
    if (!r) throw new Error(`no deaths for ${code} ${sex} ${label}`);
    return Number(r[4]);
  });
}

interface LifeTable {
  l: number[];
  L: number[];
  T: number[];
  e0: number;
}
export function lifeTable(deaths: number[], pops: number[]): LifeTable {
  const k = LT_BANDS.length;
  const n = LT_BANDS.map(([, lo, hi], i) => (i === k - 1 ? Infinity : hi - lo + 1));
  const l = [100000];
  const L: number[] = [];
  for (let i = 0; i < k; i++) {
    const m = deaths[i] / pops[i];
    if (i === k - 1) {
      L.push(l[i] / m);
      break;
    }
    const a = i === 0 ? 0.1 : 0.5;
    const q = Math.min(1, (n[i] * m) / (1 + (1 - a) * n[i] * m));
    const d = l[i] * q;
    l.push(l[i] - d);
    L.push(n[i] * (l[i + 1] + a * d));
  }
  const T = new Array<number>(k);
  for (let i = k - 1; i >= 0; i--) T[i] = L[i] + (i + 1 < k ? T[i + 1] : 0);
  return { l, L, T, e0: T[0] / l[0] };
}

/** Arriaga contributions of each age band to e0(2) − e0(1) (1 = area, 2 = comparator). */
export function arriaga(t1: LifeTable, t2: LifeTable): number[] {
  const k = t1.l.length;
  return t1.l.map((_, x) => {
    if (x === k - 1) return (t1.l[x] / t1.l[0]) * (t2.T[x] / t2.l[x] - t1.T[x] / t1.l[x]);
    return (t1.l[x] / t1.l[0]) * (t2.L[x] / t2.l[x] - t1.L[x] / t1.l[x]) + (t2.T[x + 1] / t1.l[0]) * (t1.l[x] / t2.l[x] - t1.l[x + 1] / t2.l[x + 1]);
  });
}

/** Sandwell vs England male LE gap, 2014: contributions by age band and the two life expectancies. */
export function leGapSandwellMales(): { rows: GapByAgeRow[]; gap: number; area: number; england: number } {
  const area = lifeTable(deaths2014(SANDWELL, 'Male'), mye2014(SANDWELL, 'Male'));
  const eng = lifeTable(deaths2014(ENGLAND, 'Male'), mye2014(ENGLAND, 'Male'));
  const c = arriaga(area, eng);
  return { rows: LT_BANDS.map(([label], i) => ({ ageBand: label, contribution: c[i] })), gap: eng.e0 - area.e0, area: area.e0, england: eng.e0 };
}
