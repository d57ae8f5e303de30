import { describe, expect, it } from 'vitest';
import { applyChartSuppression, applySuppression, chartDataTable, describeSuppressionRule, isSuppressedCount, resolveSuppressionRule } from './suppression.js';
import type { DataTable, ReportFigure } from './types.js';

// Real counts: deaths of females in Dudley (E08000027) in 2014 by age band, from
// data/deaths/deaths2014_la_sex_age_tidy.csv (ONS deaths registered 2014, Table 2).
const DUDLEY_F_2014: [string, number][] = [
  ['Under 1', 8],
  ['1-4', 1],
  ['5-9', 0],
  ['10-14', 1],
  ['15-19', 1],
  ['20-24', 0],
  ['25-29', 2],
  ['30-34', 3],
  ['35-39', 3],
  ['40-44', 16],
];
const TOTAL = DUDLEY_F_2014.reduce((s, [, n]) => s + n, 0); // 35 deaths under 45

function deathsTable(): DataTable {
  return {
    caption: 'Deaths of females under 45, Dudley, 2014',
    columns: [
      { key: 'age_band', label: 'Age band' },
      { key: 'count', label: 'Deaths', format: 'integer' },
      { key: 'pct', label: 'Share of deaths under 45', format: 'percent' },
    ],
    rows: DUDLEY_F_2014.map(([age_band, count]) => ({ age_band, count, pct: (100 * count) / TOTAL })),
    countColumns: ['count'],
    derivedFrom: { pct: 'count' },
  };
}

describe('isSuppressedCount', () => {
  const rule = resolveSuppressionRule();
  it('suppresses 1 to 4 by default, not 0, not 5, not missing', () => {
    expect([0, 1, 2, 3, 4, 5, 8].map((n) => isSuppressedCount(n, rule))).toEqual([false, true, true, true, true, false, false]);
    expect(isSuppressedCount(null, rule)).toBe(false);
    expect(isSuppressedCount('3', rule)).toBe(false);
  });
  it('suppresses zeros when asked, and follows the threshold', () => {
    expect(isSuppressedCount(0, resolveSuppressionRule({ suppressZero: true }))).toBe(true);
    const ten = resolveSuppressionRule({ threshold: 10 });
    expect([8, 9, 10].map((n) => isSuppressedCount(n, ten))).toEqual([true, true, false]);
  });
  it('rejects a bad rule', () => {
    expect(() => resolveSuppressionRule({ threshold: -1 })).toThrow(/threshold/);
    expect(() => resolveSuppressionRule({ marker: '' })).toThrow(/marker/);
  });
});

describe('applySuppression', () => {
  it('replaces counts of 1-4 and the percentages derived from them, keeps zeros and counts of 5+', () => {
    const input = deathsTable();
    const snapshot = JSON.stringify(input);
    const out = applySuppression(input, {});
    expect(JSON.stringify(input)).toBe(snapshot); // input not mutated
    expect(out.rows.map((r) => r.count)).toEqual([8, '*', 0, '*', '*', 0, '*', '*', '*', 16]);
    expect(out.rows.map((r) => r.pct === '*')).toEqual([false, true, false, true, true, false, true, true, true, false]);
    expect(out.rows[0].pct).toBeCloseTo((100 * 8) / 35, 12);
    expect(out.rows[2].pct).toBe(0);
    // 6 counts (1,1,1,2,3,3) and their 6 percentages
    expect(out.suppression?.count).toBe(12);
    expect(out.suppression?.cells.slice(0, 2)).toEqual([
      { row: 1, column: 'count' },
      { row: 1, column: 'pct' },
    ]);
  });
  it('suppresses zeros too when the rule says so', () => {
    const out = applySuppression(deathsTable(), { suppressZero: true });
    expect(out.rows.map((r) => r.count)).toEqual([8, '*', '*', '*', '*', '*', '*', '*', '*', 16]);
    expect(out.suppression?.count).toBe(16);
  });
  it('leaves derived values alone when suppressDerived is false, and uses the given marker', () => {
    const out = applySuppression(deathsTable(), { suppressDerived: false, marker: 'c' });
    expect(out.rows[1]).toEqual({ age_band: '1-4', count: 'c', pct: (100 * 1) / 35 });
    expect(out.suppression?.count).toBe(6);
  });
  it('uses a higher threshold (fewer than 10)', () => {
    const out = applySuppression(deathsTable(), { threshold: 10 });
    expect(out.rows.map((r) => r.count)).toEqual(['*', '*', 0, '*', '*', 0, '*', '*', '*', 16]);
  });
  it('is idempotent', () => {
    const once = applySuppression(deathsTable(), {});
    const twice = applySuppression(once, {});
    expect(twice.rows).toEqual(once.rows);
    expect(twice.suppression?.count).toBe(once.suppression?.count);
  });
  it('refuses unknown count or derived columns (a typo must not leave a small number visible)', () => {
    expect(() => applySuppression({ ...deathsTable(), countColumns: ['deaths'] }, {})).toThrow(/count column "deaths"/);
    expect(() => applySuppression({ ...deathsTable(), derivedFrom: { rate: 'count' } }, {})).toThrow(/derived column "rate"/);
    expect(() => applySuppression({ ...deathsTable(), derivedFrom: { pct: 'age_band' } }, {})).toThrow(/not listed in countColumns/);
  });
});

describe('describeSuppressionRule', () => {
  it('states the default rule in plain English', () => {
    expect(describeSuppressionRule()).toBe(
      'Counts of 1 to 4 (fewer than 5) are suppressed and shown as *, together with any value calculated from them (rates, percentages, confidence limits). Zero counts are shown.',
    );
  });
  it('states a configured rule', () => {
    expect(describeSuppressionRule({ threshold: 10, suppressZero: true, marker: 'c', suppressDerived: false })).toBe(
      'Counts of 0 to 9 (fewer than 10) are suppressed and shown as c; values calculated from them are shown. Zero counts are also suppressed.',
    );
  });
});

describe('applyChartSuppression', () => {
  function chart(extra: Partial<ReportFigure> = {}): ReportFigure {
    const ages = DUDLEY_F_2014.map(([a]) => a);
    const counts = DUDLEY_F_2014.map(([, n]) => n);
    return {
      title: 'Deaths of females under 45, Dudley, 2014',
      alt: 'Bar chart of deaths by age band.',
      figure: {
        data: [
          {
            type: 'bar',
            x: ages,
            y: counts,
            text: counts.map((n) => `${n} deaths`),
            customdata: counts.map((n) => [ages[0], (100 * n) / TOTAL, n]),
          },
        ],
        layout: {},
      },
      table: { columns: ['Age band', 'Deaths', 'Share (%)'], rows: DUDLEY_F_2014.map(([a, n]) => [a, n, (100 * n) / TOTAL]) },
      notes: [],
      countColumns: ['Deaths'],
      derivedFrom: { 'Share (%)': 'Deaths' },
      ...extra,
    };
  }
  it('converts the charts module table and suppresses it', () => {
    const t = chartDataTable(chart());
    expect(t.columns.map((c) => c.key)).toEqual(['Age band', 'Deaths', 'Share (%)']);
    expect(t.caption).toBe('Data for: Deaths of females under 45, Dudley, 2014');
    const { chart: out, figureSuppressed } = applyChartSuppression(
      chart({ countFields: [{ trace: 0, field: 'y', derived: ['text', 'customdata[1]', 'customdata[2]'] }] }),
      {},
    );
    expect(out.table.rows.map((r) => r['Deaths'])).toEqual([8, '*', 0, '*', '*', 0, '*', '*', '*', 16]);
    const trace = out.figure.data[0] as unknown as { y: (number | null)[]; text: (string | null)[]; customdata: unknown[][] };
    expect(trace.y).toEqual([8, null, 0, null, null, 0, null, null, null, 16]);
    expect(trace.text[1]).toBeNull();
    expect(trace.text[0]).toBe('8 deaths');
    expect(trace.customdata[1]).toEqual(['Under 1', null, null]);
    expect(figureSuppressed).toBe(6 * 4);
  });
  it('does not change the input chart', () => {
    const c = chart({ countFields: [{ trace: 0, field: 'y' }] });
    const before = JSON.stringify(c);
    applyChartSuppression(c, {});
    expect(JSON.stringify(c)).toBe(before);
  });
  it('refuses a chart whose table has small counts but whose figure is not declared', () => {
    expect(() => applyChartSuppression(chart(), {})).toThrow(/declares no countFields/);
    expect(() => applyChartSuppression(chart({ suppressionApplied: true }), {})).not.toThrow();
  });
  it('reports a count field that does not exist', () => {
    expect(() => applyChartSuppression(chart({ countFields: [{ trace: 1, field: 'y' }] }), {})).toThrow(/trace 1/);
    expect(() => applyChartSuppression(chart({ countFields: [{ trace: 0, field: 'z' }] }), {})).toThrow(/no array at "z"/);
  });
});
