/** Ambition tracking: linear trajectory E(t) = b + (A − b)(t − t₀)/(T − t₀), hand-worked below. */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { periodYear, trackAmbition, trackAmbitionTable } from './tracking.js';

describe('periodYear', () => {
  it('reads years and financial years (taken at their end)', () => {
    expect(periodYear(2023)).toBe(2023);
    expect(periodYear('2023')).toBe(2023);
    expect(periodYear('2022/23')).toBe(2023);
    expect(periodYear('1999/00')).toBe(2000);
    expect(() => periodYear('2022/25')).toThrow(/not a financial year/);
    expect(() => periodYear('Q1')).toThrow(/not understood/);
  });
});

describe('trackAmbition', () => {
  const A = { value: 75, year: 2028 };
  it('off trajectory but improving → amber; E(2023) = 54 + 21·2/7 = 60', () => {
    const r = trackAmbition(
      [
        { period: 2021, value: 54 },
        { period: 2023, value: 58 },
      ],
      { ambition: A },
    );
    expect(r.expected).toBeCloseTo(60, 12);
    expect(r.status).toBe('off trajectory');
    expect(r.rag).toBe('amber');
    expect(r.gap_to_ambition).toBeCloseTo(-17, 12);
    expect(r.gap_to_trajectory).toBeCloseTo(-2, 12);
    expect(r.sentence).toContain('17 short of');
  });
  it('on trajectory → green; met → green; worse than baseline → red', () => {
    expect(
      trackAmbition(
        [
          { period: 2021, value: 54 },
          { period: 2023, value: 61 },
        ],
        { ambition: A },
      ).status,
    ).toBe('on trajectory');
    expect(
      trackAmbition(
        [
          { period: 2021, value: 54 },
          { period: 2023, value: 76 },
        ],
        { ambition: A },
      ).status,
    ).toBe('met');
    const red = trackAmbition(
      [
        { period: 2021, value: 54 },
        { period: 2023, value: 53 },
      ],
      { ambition: A },
    );
    expect(red.rag).toBe('red');
  });
  it('low-is-good flips the direction', () => {
    const r = trackAmbition(
      [
        { period: '2020/21', value: 300 },
        { period: '2022/23', value: 250 },
      ],
      { ambition: { value: 200, year: 2025 }, polarity: 'low-is-good' },
    );
    // E(2023) = 300 + (200 − 300)·(2023 − 2021)/(2025 − 2021) = 250 → on trajectory
    expect(r.expected).toBeCloseTo(250, 12);
    expect(r.status).toBe('on trajectory');
    expect(r.gap_to_ambition).toBeCloseTo(-50, 12);
  });
  it('past the target year without meeting it → red; no values → grey', () => {
    expect(
      trackAmbition(
        [
          { period: 2020, value: 50 },
          { period: 2029, value: 74 },
        ],
        { ambition: A },
      ).rag,
    ).toBe('red');
    expect(trackAmbition([{ period: 2020, value: null }], { ambition: A }).rag).toBe('grey');
  });
  it('repeated periods are an error', () => {
    expect(() =>
      trackAmbition(
        [
          { period: 2020, value: 1 },
          { period: '2020', value: 2 },
        ],
        { ambition: A },
      ),
    ).toThrow(/more than once/);
  });
});

describe('trackAmbitionTable', () => {
  it('one row per group (Core20 vs rest)', () => {
    const t = aq.table({ group: ['Core20', 'Core20', 'Rest', 'Rest'], period: [2021, 2023, 2021, 2023], value: [50, 55, 60, 66] });
    const r = trackAmbitionTable(t, { group: 'group', ambition: { value: 60, year: 2024 } });
    expect(r.array('group')).toEqual(['Core20', 'Rest']);
    expect(r.array('status')).toEqual(['off trajectory', 'met']);
    // Core20: E(2023) = 50 + 10·2/3 = 56.67 > 55
    expect(r.get('expected', 0)).toBeCloseTo(50 + 20 / 3, 12);
  });
});
