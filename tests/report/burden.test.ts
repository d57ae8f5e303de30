/**
 * The profile section "What the gap costs" on the bundled 2014 deaths, and the spine's
 * statistical-neighbours table.
 *
 * Sandwell's numbers were recomputed independently in Python 3 from the same 2014 deaths and
 * mid-2014 populations (tests/fixtures/burden/deaths2014_sandwell_herefordshire_england.csv,
 * see tests/cli/burden.test.ts): excess deaths against England's rates 232.28379174755491 (men)
 * and 157.08012509630316 (women), so 232 + 157 = 389 in the headline; CMF 116.87620736259099
 * (110.69497439977144 to 123.40260180313636) for men and 114.24961432009827 for women; PYLL
 * 9,855 + 6,505 = 16,360 years, age-standardised 7,173.848814493848 per 100,000 men under 75.
 * Herefordshire: 102 fewer deaths among men, 49 fewer among women (−102.26, −49.24).
 */
import { describe, expect, it } from 'vitest';
import { buildPlaceProfile, registerBuiltInProviders } from '../../src/report/profile/index.js';
import { renderReport } from '../../src/report/render.js';
import { excessDeathsChart } from '../../src/charts/excessDeaths.js';
import type { ChartSpec } from '../../src/charts/types.js';

registerBuiltInProviders();

describe('what the gap costs', () => {
  it('Sandwell: excess deaths, PYLL and CMF against England and its statistical neighbours', () => {
    const report = buildPlaceProfile('Sandwell', { sections: ['burden'] });
    const s = report.sections[0];
    expect(s.id).toBe('burden');
    expect(s.headline).toBe(
      "In 2014, 389 more people died in Sandwell than England's age-specific death rates would give: 232 more deaths among men (95% CI 160 to 307) and 157 more deaths among women (95% CI 84 to 233).",
    );
    const text = (s.narrative as string[]).join(' ');
    expect(text).toContain('Deaths before age 75 cost 16,360 years of life in Sandwell in 2014 (9,855 among men, 6,505 among women)');
    expect(text).toContain('that is 7,174 years per 100,000 men under 75 (significantly higher than England');
    expect(text).toContain('comparative mortality figure 116.9, 95% CI 110.7 to 123.4; significantly higher');
    expect(text).toMatch(/Against its 15 statistical neighbours \(Wolverhampton, Walsall, /);
    expect(text).toMatch(/the \d+ of England's 150 upper-tier local authorities with the lowest mortality/);
    const rows = s.tables[0].rows;
    expect(rows.find((r) => r.measure === 'Comparative mortality figure (England = 100)' && r.sex === 'Females')).toMatchObject({
      value: '114.2',
      england: '100.0',
    });
    expect(rows.find((r) => r.measure === 'Excess deaths against England’s rates' && r.sex === 'Males')).toMatchObject({
      value: '232',
      lower: '160',
      upper: '307',
    });
    // the by-age chart's bands add up to the same totals as the headline
    const chart = s.figures[0] as ChartSpec & { table: { rows: (string | number | null)[][] } };
    const male = chart.table.rows.filter((r) => r[1] === 'Males');
    expect(male).toHaveLength(6);
    expect(male.reduce((a, r) => a + (r[4] as number), 0)).toBeCloseTo(232.3, 0);
    expect(report.appendix.map((a) => a.indicator)).toEqual([
      'Excess deaths',
      'Potential years of life lost before 75 (PYLL)',
      'Comparative mortality figure (CMF)',
      'Data releases used',
    ]);
    // the releases entry names the deaths and populations the burden figures came from
    expect(report.appendix.at(-1)?.definition).toBe(
      "Life expectancy and mortality: deaths2014 (2014 registrations, ONS (derived)); mye2-2014-males (mid-2014, ONS); mye2-2014-females (mid-2014, ONS). healthgap data show <release> gives each release's file, licence and checksum.",
    );
    // renders as accessible HTML with the chart's text alternative and tables
    const html = renderReport(report);
    expect(html).toContain('What the gap costs');
    expect(html).toContain('Deaths above or below England');
  });

  it('Herefordshire: fewer deaths than England, neighbours changed since 2019 left out and named', () => {
    const s = buildPlaceProfile('Herefordshire', { sections: ['burden'] }).sections[0];
    expect(s.headline).toContain('151 fewer people died in Herefordshire');
    expect(s.headline).toContain('102 fewer deaths among men');
    expect(s.notes).toMatch(/left out because their areas have changed since the 2014 data \(2019 boundaries\): .*Cumberland/);
  });

  it('regions have no neighbours (said in a note); small age-band counts are suppressed in the chart', () => {
    const r = buildPlaceProfile('North East', { sections: ['burden'] }).sections[0];
    expect(r.notes).toMatch(/statistical neighbours are defined for local authorities and ICBs, not regions/);
    const rutland = buildPlaceProfile('Rutland', { sections: ['burden'], suppression: { threshold: 10 } }).sections[0];
    const chart = rutland.figures[0] as ChartSpec;
    expect(chart.notes.join(' ')).toMatch(/Not shown \(fewer than 10 deaths\): .*aged 0-14/);
    expect(chart.table.rows.every((row) => (row[2] as number) >= 10)).toBe(true);
  });

  it('the spine section gains rank among neighbours and their average and range', () => {
    const s = buildPlaceProfile('Sandwell', { sections: ['spine'] }).sections[0];
    const t = s.tables.find((x) => /statistical neighbours/.test(x.caption ?? ''))!;
    expect(t.caption).toBe("Sandwell and its 15 statistical neighbours: rank and the neighbours' average and range");
    const core20 = t.rows.find((r) => r.indicator === 'Population living in Core20 neighbourhoods (%)')!;
    // Sandwell has the highest Core20 share of the group (60.3%)
    expect(core20.rank).toBe('1 of 16');
    expect(Number(String(core20.highest))).toBeLessThan(60.3);
  });
});

describe('excessDeathsChart', () => {
  it('draws one bar per sex and band with error bars, and says the totals in its text alternative', () => {
    const c = excessDeathsChart(
      [
        { ageBand: '65-74', sex: 'Male', observed: 150, expected: 120, excess: 30, lower: 7.1, upper: 56.4 },
        { ageBand: '65-74', sex: 'Female', observed: 90, expected: 100, excess: -10, lower: -29.6, upper: 13 },
      ],
      { areaName: 'Testshire', comparatorName: 'England' },
    );
    expect(c.figure.data).toHaveLength(2);
    expect((c.figure.data[0].error_x as { array: number[]; arrayminus: number[] }).array[0]).toBeCloseTo(26.4, 9);
    expect((c.figure.data[0].error_x as { array: number[]; arrayminus: number[] }).arrayminus[0]).toBeCloseTo(22.9, 9);
    expect(c.alt).toBe(
      "Testshire had 30 more deaths among males and 10 fewer deaths among females than England's rates would give. The largest excesses were males aged 65-74 (30).",
    );
    expect(c.table.rows[1]).toEqual(['65-74', 'Females', 90, 100, -10, -29.6, 13]);
  });
});
