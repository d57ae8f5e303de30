import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { roundHalfEven } from '../../src/core/rounding.js';
import { readerNotes } from '../../src/io/csv.js';
import { selectPositions, sii, siiArea, siiLimitPositions, type SiiOptions } from '../../src/stats/sii.js';
import { NormalStream } from '../../src/stats/random.js';
import { expectRelClose, pheRecords } from '../helpers/phe.js';

// PHEindicatormethods tests/testthat/testdata_SII.xlsx (sheet exported to CSV), commit 093fd288.
const rows = pheRecords('testdata_SII__testdata_SII.csv');
const num = (s: string) => (s === '' ? null : Number(s));

function scenarioTable(description: string): { table: ColumnTable; first: Record<string, string>[] } {
  const rs = rows.filter((r) => r.TestDescription === description);
  const table = aq.table({
    Area: rs.map((r) => r.Area),
    Quantile: rs.map((r) => num(r.Quantile)),
    Population: rs.map((r) => num(r.Population)),
    Count: rs.map((r) => num(r.Count)),
    Value: rs.map((r) => num(r.Value)),
    LowerCL: rs.map((r) => num(r.LowerCL)),
    UpperCL: rs.map((r) => num(r.UpperCL)),
    StandardError: rs.map((r) => num(r.StandardError)),
  });
  const first = rs.filter((r) => r.sii !== '');
  return { table, first };
}

const scenarios = [...new Set(rows.map((r) => r.TestDescription))].filter((d) => !/^(error|warning) handling/.test(d));

function settingsFor(description: string, first: Record<string, string>): Omit<SiiOptions, 'quantile' | 'population'> {
  const conf = first.Confidence.startsWith('c(') ? first.Confidence.replace(/[c()]/g, '').split(',').map(Number) : Number(first.Confidence);
  const multiplier = /x -100/.test(description) ? -100 : /x 100/.test(description) ? 100 : /negative multiplier/.test(description) ? -1 : 1;
  return {
    valueType: Number(first.ValueType) as 0 | 1 | 2,
    value: 'Value',
    lowerCl: 'LowerCL',
    upperCl: 'UpperCL',
    confidence: conf,
    multiplier,
    transform: /transform/.test(description),
    intercept: /intercept/.test(description),
    rii: !/without rii/.test(description),
    repetitions: Number(first.Repetitions),
    seed: 2024,
  };
}

describe('sii — every scenario of PHEim testdata_SII', () => {
  expect(scenarios.length).toBe(22);
  for (const description of scenarios) {
    it(description, () => {
      const { table, first } = scenarioTable(description);
      const opts = settingsFor(description, first[0]);
      const out = sii(table.groupby('Area'), { quantile: 'Quantile', population: 'Population', ...opts, type: 'standard' });
      expect(out.numRows()).toBe(first.length);
      const levels = Array.isArray(opts.confidence) ? opts.confidence : [opts.confidence as number];
      first.forEach((exp, i) => {
        expect(out.get('Area', i)).toBe(exp.Area);
        // deterministic point estimates: strict
        expectRelClose(out.get('sii', i), Number(exp.sii), 1e-6, `${description} row ${i + 1} sii`);
        if (opts.rii && exp.rii !== '') expectRelClose(out.get('rii', i), Number(exp.rii), 1e-6, `${description} row ${i + 1} rii`);
        if (opts.intercept) expectRelClose(out.get('intercept', i), Number(exp.Intercept), 1e-6, `${description} row ${i + 1} intercept`);
      });
      // simulated limits: PHEim's expect_equal(tolerance = 0.05), i.e. all.equal's mean relative
      // difference over each column (the two areas), sum|got − want| / sum|want| < 0.05
      levels.forEach((lv, c) => {
        const sfx = (lv >= 90 ? lv : lv * 100).toFixed(1).replace('.', '_');
        const pairs: [string, string][] = [
          [`sii_lower${sfx}cl`, `sii_lowercl_${c + 1}`],
          [`sii_upper${sfx}cl`, `sii_uppercl_${c + 1}`],
        ];
        if (opts.rii) pairs.push([`rii_lower${sfx}cl`, `rii_lowercl_${c + 1}`], [`rii_upper${sfx}cl`, `rii_uppercl_${c + 1}`]);
        for (const [got, want] of pairs) {
          if (first[0][want] === '') continue; // quintile scenario: only the SII is given
          let diff = 0;
          let size = 0;
          first.forEach((exp, i) => {
            diff += Math.abs((out.get(got, i) as number) - Number(exp[want]));
            size += Math.abs(Number(exp[want]));
          });
          if (!(diff / size < 0.05)) throw new Error(`${got}: mean relative difference ${diff / size}`);
        }
      });
    });
  }

  it('gives the same SII with the standard errors instead of the limits (normal, rate, proportion)', () => {
    for (const d of [
      'default (e.g. life expectancy) - default parameters',
      'rate (e.g. infant mortality) - default parameters',
      'proportion (e.g. child obesity) - default parameters',
    ]) {
      const { table, first } = scenarioTable(d);
      const out = sii(table.groupby('Area'), {
        quantile: 'Quantile',
        population: 'Population',
        value: 'Value',
        se: 'StandardError',
        valueType: Number(first[0].ValueType) as 0 | 1 | 2,
        repetitions: 10000,
        rii: true,
      });
      first.forEach((exp, i) => {
        expectRelClose(out.get('sii', i), Number(exp.sii), 1e-6, `${d} row ${i + 1} sii`);
        expectRelClose(out.get('sii_lower95_0cl', i), Number(exp.sii_lowercl_1), 0.05, `${d} row ${i + 1} sii_lower95_0cl`);
        expectRelClose(out.get('rii_upper95_0cl', i), Number(exp.rii_uppercl_1), 0.05, `${d} row ${i + 1} rii_upper95_0cl`);
      });
    }
  });

  it('computes a proportion from the count when no value is given', () => {
    const { table, first } = scenarioTable('proportion (e.g. child obesity) - default parameters');
    const out = sii(table.groupby('Area'), {
      quantile: 'Quantile',
      population: 'Population',
      x: 'Count',
      lowerCl: 'LowerCL',
      upperCl: 'UpperCL',
      valueType: 2,
      repetitions: 10000,
    });
    first.forEach((exp, i) => expectRelClose(out.get('sii', i), Number(exp.sii), 1e-6, `count scenario row ${i + 1} sii`));
  });

  it('works on an ungrouped table (one area)', () => {
    const { table, first } = scenarioTable('default (e.g. life expectancy) - default parameters');
    const one = table.filter((d: { Area: string }) => d.Area === 'area1');
    const out = sii(one, { quantile: 'Quantile', population: 'Population', value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL', repetitions: 10000 });
    expect(out.numRows()).toBe(1);
    expectRelClose(out.get('sii', 0), Number(first[0].sii), 1e-6, 'one area sii');
    expect(out.get('CI_method', 0)).toBe('simulation 10000 reps');
    expect(out.get('indicator_type', 0)).toBe('normal');
  });
});

describe('sii — reproducibility and properties', () => {
  const { table } = scenarioTable('default (e.g. life expectancy) - default parameters');
  const base = {
    quantile: 'Quantile',
    population: 'Population',
    value: 'Value',
    lowerCl: 'LowerCL',
    upperCl: 'UpperCL',
    repetitions: 2000,
    rii: true,
  } as const;
  it('is reproducible for a fixed seed and independent of the other areas', () => {
    const a = sii(table.groupby('Area'), { ...base, seed: 7 });
    const b = sii(table.groupby('Area'), { ...base, seed: 7 });
    expect(a.objects()).toEqual(b.objects());
    const c = sii(table.groupby('Area'), { ...base, seed: 8 });
    expect(c.get('sii_lower95_0cl', 0)).not.toBe(a.get('sii_lower95_0cl', 0));
    const only2 = sii(table.filter((d: { Area: string }) => d.Area === 'area2').groupby('Area'), { ...base, seed: 7 });
    expect(only2.get('sii_lower95_0cl', 0)).toBe(a.get('sii_lower95_0cl', 1));
  });
  it('limits bracket the SII and widen with confidence', () => {
    const out = sii(table.groupby('Area'), { ...base, confidence: [0.95, 0.998] });
    for (let i = 0; i < out.numRows(); i++) {
      const s = out.get('sii', i) as number;
      expect(out.get('sii_lower95_0cl', i) as number).toBeLessThan(s);
      expect(out.get('sii_upper95_0cl', i) as number).toBeGreaterThan(s);
      expect(out.get('sii_lower99_8cl', i) as number).toBeLessThan(out.get('sii_lower95_0cl', i) as number);
      expect(out.get('sii_upper99_8cl', i) as number).toBeGreaterThan(out.get('sii_upper95_0cl', i) as number);
    }
  });
  it('uses R rounding for the sorted positions', () => {
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(siiLimitPositions(10000, 0.95)).toEqual([249, 9749]);
    expect(siiLimitPositions(1000, 0.998)).toEqual([0, 998]);
  });
  it('recovers a known slope exactly when the values lie on a line', () => {
    const pop = [100, 200, 300, 400, 500];
    let cum = 0;
    const total = 1500;
    const value = pop.map((p) => {
      const b = (cum + p / 2) / total;
      cum += p;
      return 10 + 4 * b;
    });
    const r = siiArea(pop, value, [0.001, 0.001, 0.001, 0.001, 0.001], { repetitions: 1000, rii: true });
    expect(r.sii).toBeCloseTo(4, 10);
    expect(r.intercept).toBeCloseTo(10, 10);
    expect(r.rii).toBeCloseTo(1.4, 10);
  });
});

describe('sii — PHEim error and warning scenarios', () => {
  const q = { quantile: 'Quantile', population: 'Population', repetitions: 1000 } as const;
  it('errors: negative population', () => {
    const { table } = scenarioTable('error handling - negative populations');
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError' })).toThrow(/column "Population": expected a population greater than 0, found -200/);
  });
  it('errors: negative standard error, zero count', () => {
    const { table } = scenarioTable('error handling - negative counts/standard error');
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError' })).toThrow(/standard error of 0 or more, found -5/);
    expect(() => sii(table, { ...q, x: 'Count', valueType: 2, lowerCl: 'LowerCL', upperCl: 'UpperCL' })).toThrow(/count greater than 0, found 0/);
  });
  it('errors: proportion limits outside 0-1, proportion values outside 0-1', () => {
    const { table } = scenarioTable('error handling - invalid proportion in CLs');
    expect(() => sii(table, { ...q, value: 'Value', valueType: 2, lowerCl: 'LowerCL', upperCl: 'UpperCL' })).toThrow(
      /proportion between 0 and 1, found (11|8)/,
    );
    const { table: le } = scenarioTable('default (e.g. life expectancy) - default parameters');
    expect(() => sii(le, { ...q, value: 'Value', valueType: 2, se: 'StandardError' })).toThrow(/proportion between 0 and 1/);
  });
  it('errors: missing value field / missing values', () => {
    const { table } = scenarioTable('error handling - missing value field');
    expect(() => sii(table, { ...q, se: 'StandardError' })).toThrow(/give a value column/);
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError' })).toThrow(/missing value/);
  });
  it('errors: missing standard errors or limits', () => {
    const { table } = scenarioTable('error handling - missing confidence limits and se');
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError' })).toThrow(/missing standard error/);
    expect(() => sii(table, { ...q, value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL' })).toThrow(/missing lower confidence limit/);
    expect(() => sii(table, { ...q, value: 'Value', lowerCl: 'LowerCL' })).toThrow(/lowerCl and upperCl/);
  });
  it('errors: missing populations (PHEim: "zero, negative or missing population")', () => {
    const d = rows.find((r) => r.TestDescription.startsWith('warning handling - missing populations'))!.TestDescription;
    const { table } = scenarioTable(d);
    expect(() => sii(table, { ...q, value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL' })).toThrow(/population greater than 0, found a missing value/);
  });
  it('note: more than 10 quantiles (15) still computes', () => {
    const { table } = scenarioTable('warning handling - large number of quantiles (>10)');
    const out = sii(table, { ...q, value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL' });
    expect(out.numRows()).toBe(1);
    expect(readerNotes(out).join(' ')).toMatch(/15 quantiles; small values can make the SII unstable/);
  });
  it('errors: too few quantiles, bad settings', () => {
    const { table } = scenarioTable('default (e.g. life expectancy) - default parameters');
    const three = table.filter((d: { Quantile: number }) => d.Quantile <= 3);
    expect(() => sii(three, { ...q, value: 'Value', se: 'StandardError' })).toThrow(/between 5 and 100 \(found 3\)/);
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError', repetitions: 0 })).toThrow(/1000 or more/);
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError', valueType: 3 as 0 })).toThrow(/0, 1 or 2/);
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError', confidence: 0.35 })).toThrow(/between 0.9 and 1/);
    expect(() => sii(table, { ...q, value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL', transform: true })).toThrow(/1 or 2 when transform/);
    expect(() => sii(table, { ...q, value: 'Value', se: 'StandardError', transform: true, valueType: 1 })).toThrow(/se must not be given/);
  });
  it('note: an area with an incomplete set of quantiles is dropped (PHEim rows 1:15, 17:20)', () => {
    const { table } = scenarioTable('default (e.g. life expectancy) - default parameters');
    const t = aq.from(table.objects().filter((_, i) => i !== 15));
    const out = sii(t.groupby('Area'), { ...q, value: 'Value', lowerCl: 'LowerCL', upperCl: 'UpperCL' });
    expect(out.array('Area')).toEqual(['area1']);
    expect(readerNotes(out).join(' ')).toMatch(/1 area\(s\) do not have all 10 quantiles and were left out: Area=area2/);
  });
});

describe('selectPositions', () => {
  it('puts the same values at the requested positions as a full sort', () => {
    const rng = new NormalStream(3);
    for (const n of [1000, 1001, 10000]) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = Math.round(rng.normal() * 50) / 10 + 0; // with ties (+0: no negative zeros)
      const sorted = Float64Array.from(a).sort();
      const pos = [n - 1, Math.floor(n * 0.975), Math.floor(n * 0.5), Math.floor(n * 0.025), 0];
      selectPositions(a, pos);
      for (const p of pos) expect(a[p]).toBe(sorted[p]);
    }
  });
});
