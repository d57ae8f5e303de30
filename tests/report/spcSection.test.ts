/**
 * The SPC report sections: a profile section from an analyst's CSV (real NHS England A&E
 * 4-hour performance of Sandwell and West Birmingham, all A&E types, from the bundled data), and
 * the whole SPC page rendered by the report engine (accessible figure, data table, appendix).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aeFourHourPerformance } from '../../src/io/aeAttendances.js';
import { readAeAttendances } from '../../src/io/aeAttendances.js';
import { tableToCsv } from '../../src/io/csvWrite.js';
import { spcProfileSection } from '../../src/report/profile/sections/spc.js';
import { renderReport } from '../../src/report/render.js';
import { spcFromCsv, spcReport } from '../../src/report/spcReport.js';

const TMP = mkdtempSync(join(tmpdir(), 'healthgap-spc-section-'));

describe('SPC profile section', () => {
  const csv = join(TMP, 'rxk.csv');
  writeFileSync(csv, tableToCsv(aeFourHourPerformance({ orgs: ['RXK'] }).select('period', 'performance')));
  const s = spcProfileSection({ file: csv, value: 'performance', date: 'period', measure: '4-hour A&E performance (all types)', target: 0.95, percent: true });
  it('headline: the latest month and its value, by hand from the raw rows', () => {
    const raw = readAeAttendances()
      .filter((d: { org_code: string; period: string }) => d.org_code === 'RXK' && d.period === '2019-03-01')
      .objects() as { attendances: number; breaches: number }[];
    const att = raw.reduce((a, r) => a + r.attendances, 0);
    const br = raw.reduce((a, r) => a + r.breaches, 0);
    expect(raw).toHaveLength(3);
    const latest = (100 * (1 - br / att)).toFixed(1);
    expect(s.headline).toBe(
      `Latest value: ${latest}% in March 2019; common cause variation: no significant change; target 95.0%: the system is expected to consistently fail the target.`,
    );
    expect(s.id).toBe('spc-series');
    expect(s.figure?.table.rows).toHaveLength(36);
    expect(s.notes).toMatch(/^Method: XmR statistical process control chart with NHS England Making Data Count rules/);
  });
  it('a bad file is a one-line error naming it', () => {
    const bad = join(TMP, 'bad.csv');
    writeFileSync(bad, 'period,performance\n2019-01-01,0.9\n2019-01-01,0.8\n');
    expect(() => spcProfileSection({ file: bad, value: 'performance', date: 'period' })).toThrow(
      /bad\.csv, line 3, column "period": the date 2019-01-01 appears twice \(also at line 2\)/,
    );
  });
});

describe('SPC page', () => {
  it('renders one accessible section per group with the method in the appendix', () => {
    const csv = join(TMP, 'two.csv');
    writeFileSync(csv, tableToCsv(aeFourHourPerformance({ orgs: ['RNA', 'RL4'], type: '1' })));
    const result = spcFromCsv(csv, { value: 'performance', date: 'period', groupBy: 'org_code' }, { target: 0.95 });
    const html = renderReport(
      spcReport(result, {
        measure: '4-hour A&E performance (type 1)',
        percent: true,
        names: { RNA: 'The Dudley Group (RNA)', RL4: 'The Royal Wolverhampton (RL4)' },
      }),
    );
    expect(html).toContain('<h2 id="spc-rna-heading">4-hour A&amp;E performance (type 1): The Dudley Group (RNA)</h2>');
    expect(html).toContain('<h2 id="spc-rl4-heading">4-hour A&amp;E performance (type 1): The Royal Wolverhampton (RL4)</h2>');
    expect(html).toContain('mean ± 2.66 × mean moving range, moving ranges of 3.267 × the mean moving range or more left out');
    expect((html.match(/role="img"/g) ?? []).length).toBe(2);
  });
});

describe('SPC page ids', () => {
  it('groups whose names slug alike get distinct anchors', async () => {
    const { spcSeries } = await import('../../src/stats/spc.js');
    const pts = (f: string) => [1, 2, 3].map((y, i) => ({ x: `2020-0${i + 1}-01`, y, f }));
    const r = spcSeries([...pts('A b'), ...pts('a-b')]);
    expect(spcReport(r, { measure: 'm' }).sections.map((s) => s.id)).toEqual(['spc-a-b', 'spc-a-b-2']);
  });
});
