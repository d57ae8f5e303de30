import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { expectRelClose, pheAutoTable } from '../helpers/phe.js';
import { rNcharWhole } from '../../src/core/rmath.js';
import {
  funnelAxisCeiling,
  funnelAxisFloor,
  funnelLimits,
  funnelPoints,
  funnelSignificance,
  poissonFunnel,
  funnelDispersion,
  funnelDispersionOf,
  overdispersedLimit,
  overdispersedFunnelLimit,
  overdispersedLabel,
  lessExtremeLabel,
  funnelSigmaAdjustment,
  checkFunnelOverdispersion,
} from '../../src/stats/funnel.js';

// PHEindicatormethods tests/testthat/testdata_funnel_*.csv, byte-identical copies (commit 093fd288).
// Some start with a UTF-8 BOM; testdata_funnel_ratio_outputs.csv has the header "Observed_events\n".
const load = pheAutoTable;
function expectColumns(out: ColumnTable, expected: ColumnTable, map: Record<string, string>, rel = 1e-6, abs = 1e-6) {
  expect(out.numRows()).toBe(expected.numRows());
  for (const [ours, theirs] of Object.entries(map)) {
    const got = out.array(ours) as unknown[];
    const want = expected.array(theirs) as unknown[];
    for (let i = 0; i < want.length; i++) {
      expectRelClose(got[i], want[i] as number | null, { rel, abs }, `${ours} row ${i + 1}`);
    }
  }
}

const propIn = load('testdata_funnel_prop_inputs.csv');
const ratioIn = load('testdata_funnel_ratio_inputs.csv');
const rateFunnelsIn = load('testdata_funnel_rate_input_funnels.csv');
const rateSigIn = load('testdata_funnel_rate_dsr_inputs.csv');
const maxEv = Math.max(...(rateFunnelsIn.array('ev') as number[]));

describe('funnelLimits — PHEim fixtures', () => {
  const PROP = {
    Population: 'Population',
    lower_2s_limit: 'Lower2s0025limit',
    upper_2s_limit: 'Upper2s0025limit',
    lower_3s_limit: 'Lower3s0001limit',
    upper_3s_limit: 'Upper3s0001limit',
    baseline: 'Baseline',
  };
  it('proportions (303 inputs, ×100)', () => {
    const out = funnelLimits(propIn, { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion', multiplier: 100, type: 'standard' });
    expect(out.columnNames()).toEqual(Object.keys(PROP));
    expectColumns(out, load('testdata_funnel_prop_outputs.csv'), PROP);
  });
  it('proportions with axis variation (denominator < 31000: axis does not start at 0)', () => {
    const sub = propIn.filter((d: { denominator: number }) => d.denominator < 31000);
    const out = funnelLimits(sub, { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion', multiplier: 100 });
    expectColumns(out, load('testdata_funnel_prop_outputs_with_axis_variation.csv'), PROP);
    expect(out.get('statistic', 0)).toBe('proportion');
    expect(out.get('method', 0)).toBe('Wilson');
  });
  it('ratios, count and isr', () => {
    const expected = load('testdata_funnel_ratio_outputs.csv');
    expect(expected.columnNames()[0]).toBe('Observed_events');
    const count = funnelLimits(ratioIn, { numerator: 'obs', denominator: 'expected', statistic: 'ratio', ratioType: 'count', multiplier: 100 });
    const map: Record<string, string> = { Observed_events: 'Observed_events' };
    for (const s of ['lower_2s', 'upper_2s', 'lower_3s', 'upper_3s']) map[`${s}_exp_events`] = `${s}_exp_events`;
    const mapCount = { ...map, ...Object.fromEntries(['lower_2s', 'upper_2s', 'lower_3s', 'upper_3s'].map((s) => [`${s}_limit`, `${s}_count`])) };
    expectColumns(count, expected, mapCount);
    expect(count.get('statistic', 0)).toBe('ratio (count)');
    expect(count.get('method', 0)).toBe('Poisson');
    const isr = funnelLimits(ratioIn, { numerator: 'obs', denominator: 'expected', statistic: 'ratio', ratioType: 'isr', multiplier: 100, type: 'standard' });
    expectColumns(isr, expected, { ...map, ...Object.fromEntries(['lower_2s', 'upper_2s', 'lower_3s', 'upper_3s'].map((s) => [`${s}_limit`, `${s}_isr`])) });
  });
  const RATE = Object.fromEntries(
    [
      'Events',
      'lower_2s_population_1_year',
      'lower_2s_limit',
      'upper_2s_population_1_year',
      'upper_2s_limit',
      'lower_3s_population_1_year',
      'lower_3s_limit',
      'upper_3s_population_1_year',
      'upper_3s_limit',
      'baseline',
    ].map((c) => [c, c]),
  );
  it('rates, DSR per 100,000 over 3 years', () => {
    const out = funnelLimits(rateFunnelsIn, { numerator: 'ev', rate: 'rate', statistic: 'rate', rateType: 'dsr', multiplier: 1e5, yearsOfData: 3 });
    const expected = load('testdata_funnel_rate_outputs.csv');
    expectColumns(out, expected, RATE);
    expect(out.array('statistic')).toEqual(expected.array('statistic'));
    expect(out.get('statistic', 0)).toBe('rate (dsr per 100,000)');
  });
  it('rates, crude, with fewer than 10 events (largest ev set to 5)', () => {
    const t = rateFunnelsIn.params({ m: maxEv }).derive({ ev: (d: { ev: number }, $: { m: number }) => (d.ev === $.m ? 5 : d.ev) });
    const out = funnelLimits(t, { numerator: 'ev', rate: 'rate', statistic: 'rate', rateType: 'crude', multiplier: 1e5, yearsOfData: 3 });
    const expected = load('testdata_funnel_rate_outputs_2.csv');
    expectColumns(out, expected, RATE);
    expect(out.array('statistic')).toEqual(expected.array('statistic'));
  });
  it('rates, crude, with 0 events and the denominator supplied', () => {
    const ev = rateFunnelsIn.array('ev') as number[];
    const rate = rateFunnelsIn.array('rate') as number[];
    const pop = ev.map((e, i) => (1e5 * e) / rate[i]);
    const maxPop = Math.max(...pop);
    const keep = pop.map((p) => p > maxPop / 2);
    const t = aq.table({
      ev: ev.map((e) => (e === maxEv ? 0 : e)).filter((_, i) => keep[i]),
      rate: rate.map((r, i) => (ev[i] === maxEv ? 0 : r)).filter((_, i) => keep[i]),
      pop: pop.filter((_, i) => keep[i]),
    });
    const out = funnelLimits(t, { numerator: 'ev', rate: 'rate', denominator: 'pop', statistic: 'rate', rateType: 'crude', multiplier: 1e5, yearsOfData: 3 });
    expectColumns(out, load('testdata_funnel_rate_outputs_3.csv'), RATE);
  });
  it('checks its arguments', () => {
    expect(() => funnelLimits(propIn, { numerator: 'numerator', denominator: 'denominator', statistic: 'pop' as 'rate' })).toThrow(/statistic must be/);
    expect(() =>
      funnelLimits(rateFunnelsIn.derive({ ev: () => 0 }), {
        numerator: 'ev',
        rate: 'rate',
        statistic: 'rate',
        rateType: 'crude',
        multiplier: 1e5,
        yearsOfData: 3,
      }),
    ).toThrow(/denominator column is needed/);
    expect(() => funnelLimits(ratioIn, { numerator: 'obs', denominator: 'expected', statistic: 'ratio', multiplier: 1 })).toThrow(/ratioType/);
  });
});

describe('funnelSignificance — PHEim fixtures', () => {
  it('proportions: all 303 labels', () => {
    const out = funnelSignificance(propIn.select('Area', 'numerator', 'denominator'), {
      numerator: 'numerator',
      denominator: 'denominator',
      statistic: 'proportion',
    });
    expect(out.array('significance')).toEqual(propIn.array('significance'));
  });
  it('ratios: all 300 labels', () => {
    const out = funnelSignificance(ratioIn.select('obs', 'expected'), { numerator: 'obs', denominator: 'expected', statistic: 'ratio' });
    expect(out.array('significance')).toEqual(ratioIn.array('significance'));
  });
  const cases: [string, string, 'dsr' | 'crude', number][] = [
    ['dsr_per_100000', 'rate_dsr', 'dsr', 1e5],
    ['dsr_per_100', 'rate_dsr', 'dsr', 100],
    ['crude_per_100000', 'rate_crude_per_100000', 'crude', 1e5],
    ['crude_per_100', 'rate_crude_per_100', 'crude', 100],
  ];
  for (const [label, rate, rateType, multiplier] of cases) {
    for (const zeros of ['with_0', 'without_0']) {
      it(`rates: ${label}_${zeros} (8 label columns in all)`, () => {
        const t = zeros === 'with_0' ? rateSigIn : rateSigIn.filter((d: { count: number }) => d.count !== 0);
        const out = funnelSignificance(t.select('count', rate, 'pop'), {
          numerator: 'count',
          denominator: 'pop',
          rate,
          statistic: 'rate',
          rateType,
          multiplier,
        });
        expect(out.array('significance')).toEqual(t.array(`${label}_${zeros}`));
      });
    }
  }
  it('checks the data', () => {
    const bad = aq.table({ obs: [65, 80, 30], pop: [100, 100, 0] });
    expect(() => funnelSignificance(bad, { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(/denominator greater than 0/);
    expect(() => funnelSignificance(aq.table({ obs: [65, -80], pop: [100, 100] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(
      /numerator of 0 or more/,
    );
    expect(() =>
      funnelSignificance(aq.table({ obs: [65, 80, 30], pop: [100, 100, 20] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' }),
    ).toThrow(/more than the denominator/);
    expect(() => funnelSignificance(aq.table({ obs: [65, null], pop: [100, 100] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(
      /missing numerator/,
    );
  });
});

describe('funnelPoints — PHEim fixtures', () => {
  const chart = (t: ColumnTable, col: string) => t.array(col) as unknown[];
  it('DSR with fewer than 10 events', () => {
    const t = rateFunnelsIn.params({ m: maxEv }).derive({ ev: (d: { ev: number }, $: { m: number }) => (d.ev === $.m ? 5 : d.ev) });
    const out = funnelPoints(t.select('ev', 'rate'), { numerator: 'ev', rate: 'rate', rateType: 'dsr', yearsOfData: 3, multiplier: 1e5 });
    expectColumns(out, rateFunnelsIn, { rate_chart: 'rate_chart', denominator_derived: 'denominator_derived' });
    expect(chart(out, 'rate_chart').filter((v) => v === null).length).toBe(1);
  });
  it('crude rates', () => {
    const out = funnelPoints(rateFunnelsIn.select('ev', 'rate'), { numerator: 'ev', rate: 'rate', rateType: 'crude', yearsOfData: 3, multiplier: 1e5 });
    expectColumns(out, rateFunnelsIn, { rate_chart: 'rate_chart_crude', denominator_derived: 'denominator_derived_crude' });
  });
  it('crude rates with a 0-event record and denominators supplied (5 years)', () => {
    const t = rateFunnelsIn.params({ m: maxEv }).derive({ ev: (d: { ev: number }, $: { m: number }) => (d.ev === $.m ? 0 : d.ev) });
    const out = funnelPoints(t.select('ev', 'rate', 'pop'), {
      numerator: 'ev',
      rate: 'rate',
      denominator: 'pop',
      rateType: 'crude',
      yearsOfData: 5,
      multiplier: 1e5,
    });
    expectColumns(out, rateFunnelsIn, { rate_chart: 'rate_chart_crude_with_denom', denominator_derived: 'denominator_derived_crude_with_denom' });
  });
});

describe('funnel helpers', () => {
  it("counts digits as R's nchar(as.character(x)), including 1e+05", () => {
    expect(rNcharWhole(100000)).toBe(5);
    expect(rNcharWhole(10000)).toBe(5);
    expect(rNcharWhole(123456)).toBe(6);
    expect(rNcharWhole(1200000)).toBe(7);
    expect(rNcharWhole(3000000)).toBe(5);
    expect(funnelAxisFloor(10600)).toBe(10000);
    expect(funnelAxisCeiling(95000)).toBe(100000);
  });
  it('poissonFunnel inverts the Poisson distribution function', () => {
    const m = poissonFunnel(10, 0.025, 'high');
    let cdf = 0;
    let term = Math.exp(-m);
    for (let k = 0; k <= 10; k++) {
      cdf += term;
      term = (term * m) / (k + 1);
    }
    expect(cdf).toBeCloseTo(0.025, 6);
  });
  it('gives one funnel per group of a grouped table', () => {
    const t = propIn.derive({ grp: aq.escape((d: { denominator: number }) => (d.denominator < 31000 ? 'small' : 'large')) });
    const out = funnelLimits(t.groupby('grp'), { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion', multiplier: 100 });
    expect(out.numRows()).toBe(200);
    expect(out.columnNames()[0]).toBe('grp');
    const small = out.filter((d: { grp: string }) => d.grp === 'small');
    expectColumns(small, load('testdata_funnel_prop_outputs_with_axis_variation.csv'), { Population: 'Population', lower_3s_limit: 'Lower3s0001limit' });
  });
});

// Overdispersion (Spiegelhalter 2005; FunnelPlotR). Expected values below were computed
// independently in plain Python 3 (math + statistics.NormalDist, no healthgap code), following
// FunnelPlotR 0.5 transformed_zscore / winsorisation / phi_func / tau_func / calculate_limits:
// p0 = Σx/Σn, θ0 = asin(√p0), zᵢ = (asin(√(xᵢ/nᵢ)) − θ0)·2√nᵢ, bounds = R type-7 quantiles at 0.1 and
// 0.9, φ = mean of winsorised z², τ² = (nφ − (n−1)) / (Σ4nᵢ − Σ(4nᵢ)²/Σ4nᵢ); χ² tail by the
// regularised-gamma series (scipy.stats.chi2.sf agrees).
describe('overdispersion — hand-worked example (10 practices, QOF 2019-20 diabetes 17+)', () => {
  // The first ten DM rows of data/qof/PREVALENCE_1920.csv (A81001 … A81013): register, 17+ list.
  const x = [286, 1258, 616, 501, 980, 605, 562, 740, 324, 487];
  const n = [3307, 15801, 8932, 6769, 11725, 7914, 6730, 9642, 3889, 5462];
  const t = aq.table({
    practice: ['A81001', 'A81002', 'A81004', 'A81005', 'A81006', 'A81007', 'A81009', 'A81011', 'A81012', 'A81013'],
    count: x,
    denominator: n,
  });
  const opts = { numerator: 'count', denominator: 'denominator', statistic: 'proportion' as const, multiplier: 100 };
  const d = funnelDispersionOf(x, n, 'proportion');

  it('φ, τ², winsorisation bounds and the χ² test', () => {
    expectRelClose(d.target, 0.07931795786506343, 1e-10, 'd.target');
    expectRelClose(d.lowerZ, -1.850021349814898, 1e-10, 'd.lowerZ');
    expectRelClose(d.upperZ, 1.7814160546559181, 1e-10, 'd.upperZ');
    expect(d.winsorised).toBe(2); // A81004 (z = −3.74) and A81013 (z = 2.62) pulled in
    expectRelClose(d.phi, 1.8594036072211135, 1e-10, 'd.phi');
    expectRelClose(d.tau2, 3.398652803753369e-5, 1e-10, 'd.tau2');
    expectRelClose(d.chiSquare, 18.594036072211135, 1e-10, 'd.chiSquare');
    expect(d.df).toBe(9);
    expectRelClose(d.pValue, 0.028874719061745, 1e-8, 'd.pValue');
    expect(d.overdispersed).toBe(true);
    const v = funnelDispersion(t, opts).object(0) as Record<string, number | boolean | string>;
    expect(v.phi).toBe(d.phi);
    expect(v.tau2).toBe(d.tau2);
    expectRelClose(v.target as number, 7.931795786506343, 1e-10, 'v.target');
    expect(v.transform).toBe('arcsine square root');
  });

  it('additive and multiplicative limits (%) at lists of 1,000, 5,000 and 20,000', () => {
    const want: Record<number, { add: number[]; mul: number[] }> = {
      1000: {
        add: [6.239726153336338, 9.807371285862635, 5.350287778618119, 10.969237113269257],
        mul: [5.800775375215685, 10.363123091592167, 4.7144193187529115, 11.895049188990862],
      },
      5000: {
        add: [6.988360665824967, 8.929515060558234, 6.469459127163464, 9.529056611341222],
        mul: [6.94069648907735, 8.98298507206655, 6.397025589903571, 9.615918094283153],
      },
      20000: {
        add: [7.22466445344556, 8.668974831440652, 6.830735635342809, 9.10754535425453],
        mul: [7.428644373236118, 8.449971038177063, 7.145388460946786, 8.755549428467004],
      },
    };
    for (const [N, w] of Object.entries(want)) {
      for (const [model, vals] of [
        ['additive', w.add],
        ['multiplicative', w.mul],
      ] as const) {
        const got = [
          overdispersedLimit(d, model, Number(N), 0.975, 'low'),
          overdispersedLimit(d, model, Number(N), 0.975, 'high'),
          overdispersedLimit(d, model, Number(N), 0.999, 'low'),
          overdispersedLimit(d, model, Number(N), 0.999, 'high'),
        ].map((v) => v * 100);
        got.forEach((g, i) => expectRelClose(g, vals[i], 1e-10, `limit ${i + 1}`));
      }
    }
  });

  it('adjusted significance labels (additive and multiplicative) and the unadjusted PHEim labels', () => {
    const add = funnelSignificance(t, { ...opts, overdispersion: 'additive' }).array('significance');
    expect(add).toEqual([
      'Not significant',
      'Not significant',
      'Low (0.025)',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'High (0.025)',
    ]);
    const mul = funnelSignificance(t, { ...opts, overdispersion: 'multiplicative' }).array('significance');
    expect(mul).toEqual([
      'Not significant',
      'Not significant',
      'Low (0.025)',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
    ]);
    expect(x.map((xi, i) => overdispersedLabel(d, 'additive', xi, n[i]))).toEqual(add);
    // PHEim (Wilson) labels are unchanged by default: A81004 is below the 99.8% limit without adjustment
    expect(funnelSignificance(t, opts).array('significance')[2]).toBe('Low (0.001)');
  });

  it('limit table: same 100-point axis, adjusted columns, φ and τ² reported', () => {
    const plain = funnelLimits(t, opts);
    const adj = funnelLimits(t, { ...opts, overdispersion: 'additive' });
    expect(adj.numRows()).toBe(100);
    expect(adj.array('Population')).toEqual(plain.array('Population'));
    expect(adj.columnNames()).toEqual([
      'Population',
      'lower_2s_limit',
      'upper_2s_limit',
      'lower_3s_limit',
      'upper_3s_limit',
      'baseline',
      'overdispersion',
      'phi',
      'tau2',
      'statistic',
      'method',
    ]);
    expect(adj.get('overdispersion', 0)).toBe('additive');
    expect(adj.get('phi', 0)).toBe(d.phi);
    expect(adj.get('method', 0)).toMatch(/^overdispersion-adjusted, additive random effects \(tau2\) on the arcsine square root scale/);
    const pop = adj.array('Population') as number[];
    for (const c of ['lower_2s_limit', 'upper_2s_limit', 'lower_3s_limit', 'upper_3s_limit']) {
      const side = c.startsWith('lower') ? 'low' : 'high';
      const p = c.includes('2s') ? 0.975 : 0.999;
      (adj.array(c) as number[]).forEach((v, i) =>
        expectRelClose(v, overdispersedFunnelLimit(d, 'additive', pop[i], p, side) * 100, 1e-12, `${c} row ${i + 1}`),
      );
      // FunnelPlotR's limit where it is outside PHEim's (here at the largest list)
      expectRelClose((adj.array(c) as number[])[99], overdispersedLimit(d, 'additive', pop[99], p, side) * 100, 1e-12, `${c} row 100`);
    }
    const plainUp = plain.array('upper_3s_limit') as number[];
    const plainLo = plain.array('lower_3s_limit') as number[];
    (adj.array('upper_3s_limit') as number[]).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(plainUp[i]));
    (adj.array('lower_3s_limit') as number[]).forEach((v, i) => expect(v).toBeLessThanOrEqual(plainLo[i]));
  });

  it('never more extreme than PHEim: the less extreme label wins', () => {
    expect(lessExtremeLabel('Low (0.025)', 'Low (0.001)')).toBe('Low (0.025)');
    expect(lessExtremeLabel('High (0.001)', 'High (0.025)')).toBe('High (0.025)');
    expect(lessExtremeLabel('High (0.001)', 'Not significant')).toBe('Not significant');
    expect(lessExtremeLabel('Not significant', 'Low (0.001)')).toBe('Not significant');
    expect(lessExtremeLabel('Not significant', 'Not applicable for events less than 10 for dsrs')).toBe('Not applicable for events less than 10 for dsrs');
    // at a list of 150 the FunnelPlotR lower 99.8% limit (arcsine) is above Wilson's; healthgap keeps Wilson's
    expect(overdispersedLimit(d, 'additive', 150, 0.999, 'low')).toBeGreaterThan(funnelSigmaAdjustment(0.999, 150, d.target, 'low', 1));
    expect(overdispersedFunnelLimit(d, 'additive', 150, 0.999, 'low')).toBe(funnelSigmaAdjustment(0.999, 150, d.target, 'low', 1));
  });
});

describe('overdispersion — properties', () => {
  const x = [286, 1258, 616, 501, 980, 605, 562, 740, 324, 487];
  const n = [3307, 15801, 8932, 6769, 11725, 7914, 6730, 9642, 3889, 5462];
  const d = funnelDispersionOf(x, n, 'proportion');
  const sizes = [5, 20, 100, 500, 1000, 3307, 10000, 50000, 1e6];

  it('adjusted limits are wider than the unadjusted limits on the same scale, at every size and level', () => {
    for (const N of sizes) {
      for (const p of [0.975, 0.999]) {
        const none = [overdispersedLimit(d, 'none', N, p, 'low'), overdispersedLimit(d, 'none', N, p, 'high')];
        for (const model of ['additive', 'multiplicative'] as const) {
          expect(overdispersedLimit(d, model, N, p, 'low')).toBeLessThanOrEqual(none[0]);
          expect(overdispersedLimit(d, model, N, p, 'high')).toBeGreaterThanOrEqual(none[1]);
        }
        // and strictly wider where no clipping at 0 or 1 happens
        if (N >= 100) expect(overdispersedLimit(d, 'additive', N, p, 'high')).toBeGreaterThan(none[1]);
      }
    }
  });

  it('against the PHEim (Wilson) limits: wider above; below, the arcsine scale is less skewed than Wilson, so with a small τ² it can sit a little inside (documented)', () => {
    for (const N of sizes.filter((v) => v >= 1000)) {
      for (const p of [0.975, 0.999]) expect(overdispersedLimit(d, 'additive', N, p, 'high')).toBeGreaterThan(funnelSigmaAdjustment(p, N, d.target, 'high', 1));
      expect(overdispersedLimit(d, 'additive', N, 0.975, 'low')).toBeLessThan(funnelSigmaAdjustment(0.975, N, d.target, 'low', 1));
    }
    // τ² = 0.000034 against s² = 1/4000 at a list of 1,000: lower 99.8% limit 5.350% (adjusted) vs 5.291% (Wilson)
    expect(overdispersedLimit(d, 'additive', 1000, 0.999, 'low') * 100).toBeCloseTo(5.350287778618119, 12);
    expect(funnelSigmaAdjustment(0.999, 1000, d.target, 'low', 100)).toBeCloseTo(5.29101879914959, 10);
  });

  it('τ² = 0 (additive) and φ = 1 (multiplicative) give the unadjusted limits; the adjustment grows the limits with τ²', () => {
    for (const N of sizes) {
      for (const p of [0.975, 0.999]) {
        for (const side of ['low', 'high'] as const) {
          const none = overdispersedLimit(d, 'none', N, p, side);
          expect(overdispersedLimit({ ...d, tau2: 0 }, 'additive', N, p, side)).toBe(none);
          expect(overdispersedLimit({ ...d, phi: 1 }, 'multiplicative', N, p, side)).toBe(none);
          const a = overdispersedLimit({ ...d, tau2: 1e-4 }, 'additive', N, p, side);
          const b = overdispersedLimit({ ...d, tau2: 4e-4 }, 'additive', N, p, side);
          if (side === 'high') expect(b).toBeGreaterThanOrEqual(a);
          else expect(b).toBeLessThanOrEqual(a);
        }
      }
    }
  });

  it('no overdispersion (φ ≤ 1): limits and labels are exactly the PHEim ones', () => {
    // ten practices of the same example whose z-scores are small: A81002, A81005 … keep |z| < 1.3
    const keep = [1, 5, 6, 7, 8];
    const sub = aq.table({ count: keep.map((i) => x[i]), denominator: keep.map((i) => n[i]) });
    const o = { numerator: 'count', denominator: 'denominator', statistic: 'proportion' as const, multiplier: 100 };
    const ds = funnelDispersion(sub, o).object(0) as { phi: number; tau2: number; overdispersed: boolean };
    expect(ds.overdispersed).toBe(false);
    expect(ds.phi).toBeLessThanOrEqual(1);
    expect(ds.tau2).toBe(0);
    const plain = funnelLimits(sub, o);
    const adj = funnelLimits(sub, { ...o, overdispersion: 'additive' });
    for (const c of ['Population', 'lower_2s_limit', 'upper_2s_limit', 'lower_3s_limit', 'upper_3s_limit', 'baseline', 'method'])
      expect(adj.array(c)).toEqual(plain.array(c));
    expect(adj.get('overdispersion', 0)).toBe('none (not overdispersed)');
    expect(funnelSignificance(sub, { ...o, overdispersion: 'multiplicative' }).array('significance')).toEqual(funnelSignificance(sub, o).array('significance'));
  });

  it('the PHEim proportion fixture (303 areas) is overdispersed, and the default stays PHEim', () => {
    const o = { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion' as const, multiplier: 100 };
    const dd = funnelDispersion(propIn, o).object(0) as { phi: number; overdispersed: boolean; units: number };
    expect(dd.units).toBe(303);
    expect(dd.overdispersed).toBe(true);
    expect(funnelSignificance(propIn.select('numerator', 'denominator'), { ...o, overdispersion: 'none' }).array('significance')).toEqual(
      propIn.array('significance'),
    );
    const adj = funnelSignificance(propIn.select('numerator', 'denominator'), { ...o, overdispersion: 'additive' }).array('significance') as string[];
    const unadj = propIn.array('significance') as string[];
    expect(adj.filter((s) => s !== 'Not significant').length).toBeLessThan(unadj.filter((s) => s !== 'Not significant').length);
  });

  it('one funnel (and one φ) per group of a grouped table', () => {
    const t = propIn.derive({ grp: aq.escape((r: { denominator: number }) => (r.denominator < 31000 ? 'small' : 'large')) });
    const o = { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion' as const, multiplier: 100 };
    const g = funnelDispersion(t.groupby('grp'), o);
    expect(g.numRows()).toBe(2);
    const small = t.filter((r: { grp: string }) => r.grp === 'small');
    expect(g.filter((r: { grp: string }) => r.grp === 'small').get('phi', 0)).toBe(funnelDispersion(small, o).get('phi', 0));
  });

  it('checks its arguments', () => {
    expect(() => checkFunnelOverdispersion('random')).toThrow(/overdispersion must be "none", "additive" or "multiplicative"/);
    expect(() => funnelDispersionOf([3], [10], 'proportion')).toThrow(/at least 2 units/);
    expect(() => funnelDispersionOf([3, 4], [10, 10], 'proportion', 0.5)).toThrow(/trimBy/);
    expect(() =>
      funnelLimits(ratioIn, { numerator: 'obs', denominator: 'expected', statistic: 'ratio', ratioType: 'count', overdispersion: 'additive' }),
    ).toThrow(/proportions only/);
    expect(() =>
      funnelSignificance(rateSigIn, {
        numerator: 'count',
        denominator: 'pop',
        rate: 'rate_dsr',
        statistic: 'rate',
        rateType: 'dsr',
        multiplier: 1e5,
        overdispersion: 'additive',
      }),
    ).toThrow(/not rates/);
  });
});

describe('overdispersion — ratios (square-root transform, Spiegelhalter 2005 / FunnelPlotR "CQC")', () => {
  // The observed/expected pairs of FunnelPlotR's own tests (tests/testthat/test-funnel_plot.R).
  const O = [100, 150, 180, 80, 120, 225];
  const E = [108, 112, 165, 95, 100, 220];
  const d = funnelDispersionOf(O, E, 'ratio');
  it('φ, τ² and limits', () => {
    expect(d.target).toBe(1);
    expectRelClose(d.lowerZ, -1.194827280223068, 1e-10, 'd.lowerZ');
    expectRelClose(d.upperZ, 2.61889461976085, 1e-10, 'd.upperZ');
    expectRelClose(d.phi, 2.3271782575941193, 1e-10, 'd.phi');
    expectRelClose(d.tau2, 0.003439780154186274, 1e-10, 'd.tau2');
    const want50 = [0.6723040429496444, 1.392538092886392, 0.5128073524813682, 1.648384611386421];
    const want200 = [0.7495712095025234, 1.2864599851783067, 0.6215348336159077, 1.468035612456257];
    for (const [N, w] of [
      [50, want50],
      [200, want200],
    ] as const) {
      [
        overdispersedLimit(d, 'additive', N, 0.975, 'low'),
        overdispersedLimit(d, 'additive', N, 0.975, 'high'),
        overdispersedLimit(d, 'additive', N, 0.999, 'low'),
        overdispersedLimit(d, 'additive', N, 0.999, 'high'),
      ].forEach((g, i) => expectRelClose(g, w[i], 1e-10, `N = ${N} limit ${i + 1}`));
    }
  });
  it('labels: the second unit falls from "High (0.001)" (PHEim, exact Poisson) to "High (0.025)"', () => {
    const t = aq.table({ obs: O, expected: E });
    const o = { numerator: 'obs', denominator: 'expected', statistic: 'ratio' as const };
    expect(funnelSignificance(t, o).array('significance')).toEqual([
      'Not significant',
      'High (0.001)',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
    ]);
    expect(funnelSignificance(t, { ...o, overdispersion: 'additive' }).array('significance')).toEqual([
      'Not significant',
      'High (0.025)',
      'Not significant',
      'Not significant',
      'Not significant',
      'Not significant',
    ]);
  });
});
