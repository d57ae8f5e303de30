import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { qnorm } from '../stats/distributions.js';
import { readerNotes } from '../io/csv.js';
import { compareRecordedToExpected, diagnosisRate, expectedFromRates, readExpectedPrevalence } from './expected.js';

describe('diagnosisRate', () => {
  it("matches Byar's limits worked by hand (O = 900, E = 1000)", () => {
    const O = 900;
    const E = 1000;
    const z = qnorm(0.975);
    const lower = ((O * (1 - 1 / (9 * O) - z / (3 * Math.sqrt(O))) ** 3) / E) * 100;
    const upper = (((O + 1) * (1 - 1 / (9 * (O + 1)) + z / (3 * Math.sqrt(O + 1))) ** 3) / E) * 100;
    const d = diagnosisRate(O, E);
    expect(d.value).toBe(90);
    expect(d.lower95).toBeCloseTo(lower, 10);
    expect(d.upper95).toBeCloseTo(upper, 10);
    expect(d.lower95).toBeCloseTo(84.2153, 4);
    expect(d.upper95).toBeCloseTo(96.0773, 4);
    expect(d.undiagnosed).toBe(100);
    expect(d.method).toBe('Byars');
  });

  it('uses exact limits below 10 and rejects impossible inputs', () => {
    expect(diagnosisRate(5, 10).method).toBe('Exact');
    expect(() => diagnosisRate(5, 0)).toThrow(/expected count must be greater than 0/);
    expect(() => diagnosisRate(-1, 10)).toThrow(/recorded count must be 0 or more/);
  });
});

describe('expectedFromRates', () => {
  it('is Σ rate × population over the bands (indirect standardisation)', () => {
    const pop = aq.table({
      area_code: ['A', 'A', 'A', 'A'],
      sex: ['Male', 'Male', 'Female', 'Female'],
      age_band: ['16-34', '35+', '16-34', '35+'],
      age_lower: [16, 35, 16, 35],
      age_upper: [34, null, 34, null],
      population: [1000, 500, 1000, 600],
    });
    const rates = aq.table({ sex: ['Male', 'Male', 'Female', 'Female'], age_band: ['16-34', '35+', '16-34', '35+'], percent: [5, 40, 3, 30] });
    const e = expectedFromRates(pop, rates).object(0) as Record<string, unknown>;
    expect(e.expected_count).toBeCloseTo(1000 * 0.05 + 500 * 0.4 + 1000 * 0.03 + 600 * 0.3, 10); // 460
    expect(e.population).toBe(3100);
    expect(e.age_base).toBe('16+');
  });

  it('never treats a missing rate as zero', () => {
    const pop = aq.table({ area_code: ['A'], sex: ['Male'], age_band: ['16-34'], population: [1000] });
    expect(() => expectedFromRates(pop, aq.table({ sex: ['Male'], age_band: ['16-34'], percent: [null] }), { source: 'HSE' })).toThrow(
      /the rate for Male \/ 16-34 is missing \(suppressed\) in the HSE/,
    );
    expect(() => expectedFromRates(pop, aq.table({ sex: ['Female'], age_band: ['16-34'], percent: [3] }), { source: 'HSE' })).toThrow(
      /no rate for Male \/ 16-34 in the HSE/,
    );
  });
});

describe('readExpectedPrevalence and compareRecordedToExpected', () => {
  const file = 'tests/fixtures/prevalence/expected_hypertension_hse2022.csv';
  it('reads the documented format, names to codes, suppressed cells to null with a note', () => {
    const t = readExpectedPrevalence(file);
    expect(t.array('register')).toEqual(['HYP', 'HYP', 'HYP', 'HYP']);
    expect(t.array('expected_percent')).toEqual([26.198, 32.739, 28.19, null]);
    expect(readerNotes(t).join(' ')).toMatch(/suppress|missing|null/i);
  });

  it('keeps every expected area, with a note when it cannot be compared', () => {
    const recorded = aq.table({
      area_code: ['E08000028', 'E08000027'],
      area_name: ['Sandwell', 'Dudley'],
      count: [54012.22297153915, 50000],
      denominator: [357503.4, 330000],
      value: [15.1, 15.2],
      age_base: ['all ages', 'all ages'],
    });
    const c = compareRecordedToExpected(recorded, readExpectedPrevalence(file), { register: 'HYP' });
    expect(c.numRows()).toBe(4);
    const rows = Object.fromEntries((c.objects() as Record<string, unknown>[]).map((r) => [r.area_code, r]));
    const e = (26.198 / 100) * 253944;
    expect(rows.E08000028.expected_count).toBeCloseTo(e, 8);
    expect(rows.E08000028.value).toBeCloseTo((54012.22297153915 / e) * 100, 10);
    expect(rows.E08000028.undiagnosed).toBeCloseTo(e - 54012.22297153915, 8);
    expect(rows.E06000019.note).toBe('no recorded prevalence for this area');
    expect(rows.E08000027.note).toBe('no expected count (expected % or population missing)');
    expect(readerNotes(c).join(' ')).toMatch(/Mismatched bases: recorded all ages vs expected 16\+/);
  });

  it('names the missing column when a file is not in the expected format', () => {
    expect(() => readExpectedPrevalence('tests/fixtures/prevalence/qof_two_practices.csv')).toThrow(/missing column "area_code"/);
  });
});
