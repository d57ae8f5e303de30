import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { fileURLToPath } from 'node:url';
import { readCsvRecords } from '../io/csv.js';
import { funnelAxisCeiling, funnelAxisFloor, funnelLimits, funnelPoints, funnelSignificance, poissonFunnel, rNcharWhole } from './funnel.js';

// PHEindicatormethods tests/testthat/testdata_funnel_*.csv, byte-identical copies (commit 093fd288).
// Some start with a UTF-8 BOM; testdata_funnel_ratio_outputs.csv has the header "Observed_events\n".
function load(name: string): ColumnTable {
  const rec = readCsvRecords(fileURLToPath(new URL(`../../tests/fixtures/phe/${name}`, import.meta.url)));
  const cols: Record<string, unknown[]> = {};
  rec.header.forEach((h, j) => {
    const vals = rec.rows.map((r) => r[j]);
    const numeric = vals.every((v) => v === '' || v === 'NA' || Number.isFinite(Number(v)));
    cols[h.trim()] = numeric ? vals.map((v) => (v === '' || v === 'NA' ? null : Number(v))) : vals;
  });
  return aq.table(cols);
}
const close = (got: unknown, want: unknown, rel = 1e-6, abs = 1e-6) => {
  if (want === null) return got === null;
  const g = got as number;
  const w = want as number;
  return Math.abs(g - w) <= Math.max(abs, rel * Math.abs(w));
};
function expectColumns(out: ColumnTable, expected: ColumnTable, map: Record<string, string>, rel = 1e-6, abs = 1e-6) {
  expect(out.numRows()).toBe(expected.numRows());
  for (const [ours, theirs] of Object.entries(map)) {
    const got = out.array(ours) as unknown[];
    const want = expected.array(theirs) as unknown[];
    for (let i = 0; i < want.length; i++) {
      if (!close(got[i], want[i], rel, abs)) throw new Error(`${ours} row ${i + 1}: ${String(got[i])} vs ${String(want[i])}`);
    }
  }
}

const propIn = load('testdata_funnel_prop_inputs.csv');
const ratioIn = load('testdata_funnel_ratio_inputs.csv');
const rateFunnelsIn = load('testdata_funnel_rate_input_funnels.csv');
const rateSigIn = load('testdata_funnel_rate_dsr_inputs.csv');
const maxEv = Math.max(...(rateFunnelsIn.array('ev') as number[]));

describe('funnelLimits — PHEim fixtures', () => {
  const PROP = { Population: 'Population', lower_2s_limit: 'Lower2s0025limit', upper_2s_limit: 'Upper2s0025limit', lower_3s_limit: 'Lower3s0001limit', upper_3s_limit: 'Upper3s0001limit', baseline: 'Baseline' };
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
  const RATE = Object.fromEntries(['Events', 'lower_2s_population_1_year', 'lower_2s_limit', 'upper_2s_population_1_year', 'upper_2s_limit', 'lower_3s_population_1_year', 'lower_3s_limit', 'upper_3s_population_1_year', 'upper_3s_limit', 'baseline'].map((c) => [c, c]));
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
    expect(() => funnelLimits(rateFunnelsIn.derive({ ev: () => 0 }), { numerator: 'ev', rate: 'rate', statistic: 'rate', rateType: 'crude', multiplier: 1e5, yearsOfData: 3 })).toThrow(/denominator column is needed/);
    expect(() => funnelLimits(ratioIn, { numerator: 'obs', denominator: 'expected', statistic: 'ratio', multiplier: 1 })).toThrow(/ratioType/);
  });
});

describe('funnelSignificance — PHEim fixtures', () => {
  it('proportions: all 303 labels', () => {
    const out = funnelSignificance(propIn.select('Area', 'numerator', 'denominator'), { numerator: 'numerator', denominator: 'denominator', statistic: 'proportion' });
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
        const out = funnelSignificance(t.select('count', rate, 'pop'), { numerator: 'count', denominator: 'pop', rate, statistic: 'rate', rateType, multiplier });
        expect(out.array('significance')).toEqual(t.array(`${label}_${zeros}`));
      });
    }
  }
  it('checks the data', () => {
    const bad = aq.table({ obs: [65, 80, 30], pop: [100, 100, 0] });
    expect(() => funnelSignificance(bad, { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(/denominator greater than 0/);
    expect(() => funnelSignificance(aq.table({ obs: [65, -80], pop: [100, 100] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(/numerator of 0 or more/);
    expect(() => funnelSignificance(aq.table({ obs: [65, 80, 30], pop: [100, 100, 20] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(/more than the denominator/);
    expect(() => funnelSignificance(aq.table({ obs: [65, null], pop: [100, 100] }), { numerator: 'obs', denominator: 'pop', statistic: 'proportion' })).toThrow(/missing numerator/);
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
    const out = funnelPoints(t.select('ev', 'rate', 'pop'), { numerator: 'ev', rate: 'rate', denominator: 'pop', rateType: 'crude', yearsOfData: 5, multiplier: 1e5 });
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
