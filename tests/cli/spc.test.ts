/**
 * `healthgap spc` end to end (in process): NHSRplotthedots' 20-point series (the values of its
 * snapshot, tests/fixtures/spc), real NHS England A&E 4-hour performance of the Black Country and
 * Birmingham trusts (bundled data; the mean and limits recomputed here by hand from the raw
 * attendances and breaches), the HTML page, and bad input as one-line errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli.js';
import { parseCsv } from '../../src/io/csv.js';
import { readAeAttendances, aeFourHourPerformance } from '../../src/io/aeAttendances.js';
import { tableToCsv } from '../../src/io/csvWrite.js';

const TMP = mkdtempSync(join(tmpdir(), 'healthgap-spc-'));
const FIXTURE = join(__dirname, '..', 'fixtures', 'spc', 'test_data_seed123_rnorm20.csv');
const file = (name: string, text: string) => {
  const f = join(TMP, name);
  writeFileSync(f, text);
  return f;
};
const records = (csv: string) => {
  const p = parseCsv(csv);
  return p.rows.map((r) => Object.fromEntries(p.header.map((h, j) => [h, r[j]])));
};

describe("healthgap spc on NHSRplotthedots' series", () => {
  it('writes one row per point with the snapshot mean and limits', async () => {
    const out = join(TMP, 'points.csv');
    const r = await runCliInProcess('spc', '--input', FIXTURE, '--value', 'y', '--date', 'x', '--output', out);
    expect(r.code).toBe(0);
    const rows = records(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(20);
    expect(Object.keys(rows[0]).slice(0, 13)).toEqual([
      'y',
      'x',
      'f',
      'trajectory',
      'rebase_group',
      'short_group_warning',
      'fix_y',
      'mean_col',
      'lpl',
      'upl',
      'nlpl',
      'nupl',
      'outside_limits',
    ]);
    expect(Number(rows[0].mean_col)).toBeCloseTo(0.1416238, 7);
    expect(Number(rows[0].lpl)).toBeCloseTo(-3.01138, 5);
    expect(Number(rows[0].upl)).toBeCloseTo(3.294627, 6);
    expect(rows.every((x) => x.point_type === 'common_cause' && x.f === 'no facet')).toBe(true);
    expect(r.out).toMatch(
      /^series: 20 points 2020-01-02 to 2020-01-21; mean 0\.1416, limits -3\.011 to 3\.295; special cause: 0 improvement, 0 concern; variation: common_cause\n/,
    );
  });
  it('without --output the points go to stdout and the summary to stderr', async () => {
    const r = await runCliInProcess('spc', '--input', FIXTURE, '--value', 'y', '--date', 'x', '--no-screen-outliers', '--target', '0.5');
    expect(r.code).toBe(0);
    expect(records(r.out)).toHaveLength(20);
    expect(r.err).toContain('assurance: inconsistent (target 0.5)');
  });
});

describe('healthgap spc on A&E 4-hour performance (type 1) of Black Country and Birmingham trusts', () => {
  const trusts = ['RNA', 'RXK', 'RBK', 'RL4', 'RRK'];
  const input = file('ae.csv', tableToCsv(aeFourHourPerformance({ orgs: trusts, type: '1' })));
  const out = join(TMP, 'ae_points.csv');
  const html = join(TMP, 'ae.html');
  // started once, when this group's tests begin (not while another group's run captures stdout)
  let run: ReturnType<typeof runCliInProcess>;
  beforeAll(() => {
    run = runCliInProcess(
      'spc',
      '--input',
      input,
      '--value',
      'performance',
      '--date',
      'period',
      '--group-by',
      'org_code',
      '--target',
      '0.95',
      '--rebase',
      'RRK=2018-07-01',
      '--percent',
      '--output',
      out,
      '--html',
      html,
      '--measure',
      '4-hour A&E performance (type 1)',
    );
  });

  it('matches limits recomputed by hand from the raw attendances and breaches', async () => {
    const r = await run;
    expect(r.code).toBe(0);
    const rows = records(readFileSync(out, 'utf8'));
    const raw = readAeAttendances().objects() as { period: string; org_code: string; type: string; attendances: number; breaches: number }[];
    for (const org of ['RXK', 'RNA']) {
      const series = raw
        .filter((d) => d.org_code === org && d.type === '1')
        .sort((a, b) => (a.period < b.period ? -1 : 1))
        .map((d) => 1 - d.breaches / d.attendances);
      expect(series).toHaveLength(36);
      const mean = series.reduce((a, b) => a + b, 0) / series.length;
      const mr = series.slice(1).map((v, i) => Math.abs(v - series[i]));
      const m1 = mr.reduce((a, b) => a + b, 0) / mr.length;
      const kept = mr.filter((v) => v < 3.267 * m1);
      const m2 = kept.reduce((a, b) => a + b, 0) / kept.length;
      const mine = rows.filter((x) => x.f === org);
      expect(mine).toHaveLength(36);
      expect(Number(mine[0].mean_col)).toBeCloseTo(mean, 12);
      expect(Number(mine[0].upl)).toBeCloseTo(mean + 2.66 * m2, 12);
      expect(Number(mine[0].lpl)).toBeCloseTo(mean - 2.66 * m2, 12);
      // every upper limit is below 95%: the target is consistently failed
      expect(Number(mine[0].upl)).toBeLessThan(0.95);
    }
    expect(r.out).toMatch(/^RXK: 36 points 2016-04-01 to 2019-03-01; mean 79\.3%, .*assurance: consistent_fail \(target 95\.0%\)$/m);
  });
  it('rebases University Hospitals Birmingham when it took over the Heart of England sites (July 2018)', async () => {
    const r = await run;
    const rrk = records(readFileSync(out, 'utf8')).filter((x) => x.f === 'RRK');
    expect(rrk.filter((x) => x.rebase_group === '0')).toHaveLength(27);
    expect(rrk.filter((x) => x.rebase_group === '1')).toHaveLength(9);
    expect(r.err).toBe(
      'warning: fewer than 12 points in group "RRK" (rebase group 1): 9 points (NHSRplotthedots warns below 13): these have trial limits, which will be revised with each additional point until fixAfterNPoints is reached\n',
    );
    expect(r.out).toMatch(/^RRK \[rebase group 0\]: 27 points 2016-04-01 to 2018-06-01; .*variation: common_cause$/m);
  });
  it('writes a self-contained page: one section per trust, icons with text alternatives, data tables', async () => {
    await run;
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="en-GB">');
    expect(page).not.toMatch(/<script[^>]+src=/);
    for (const t of trusts) expect(page).toContain(`id="spc-${t.toLowerCase()}"`);
    expect((page.match(/class="hg-figure"/g) ?? []).length).toBe(5);
    expect(page).toContain('Assurance icon: The system is expected to consistently fail the target.');
    expect(page).toContain('data:image/svg+xml;charset=utf-8,');
    expect(page).toContain('Show the data');
  });
});

describe('bad input', () => {
  it('a date that does not parse names the file, line and column', async () => {
    const f = file('baddate.csv', 'month,v\n2018-01-01,1\n2018-13-01,2\n');
    const r = await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('line 3, column "month": expected a date (YYYY-MM-DD, YYYY-MM or DD/MM/YYYY), found "2018-13-01"');
  });
  it('a duplicate date within a group', async () => {
    const f = file('dup.csv', 'month,g,v\n2018-01-01,A,1\n2018-02-01,A,2\n2018-01-01,B,3\n"2018-02-01",A,4\n');
    const r = await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month', '--group-by', 'g');
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 5, column "month": the date 2018-02-01 appears twice in group "A" (also at line 3); one value per date');
  });
  it('non-numeric and suppressed values', async () => {
    const f = file('text.csv', 'month,v\n2018-01-01,1\n2018-02-01,*\n');
    const r = await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month');
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 3, column "v": expected a number, found "*"');
  });
  it('missing columns and bad options', async () => {
    const f = file('ok.csv', 'month,v\n2018-01-01,1\n');
    expect((await runCliInProcess('spc', '--input', f, '--value', 'value', '--date', 'month')).err).toContain(
      'no column "value" (--value); the header has: month, v',
    );
    expect((await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month', '--fix-after', '5')).err).toContain(
      '--fix-after must be a whole number of 12 or more',
    );
    expect((await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month', '--improvement', 'up')).err).toContain(
      '--improvement must be increase, decrease or neutral',
    );
    expect((await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month', '--output', TMP)).err).toMatch(
      /\nerror: cannot write .* \(E[A-Z]+\)\n$/,
    );
  });
  it('fewer than 12 points is a warning, not an error', async () => {
    const f = file('short.csv', 'month,v\n2018-01-01,1\n2018-02-01,2\n2018-03-01,1.5\n');
    const out = join(TMP, 'short_out.csv');
    const r = await runCliInProcess('spc', '--input', f, '--value', 'v', '--date', 'month', '--output', out);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'warning: fewer than 12 points in the series: 3 points (NHSRplotthedots warns below 13): these have trial limits, which will be revised with each additional point until fixAfterNPoints is reached\n',
    );
    expect(existsSync(out)).toBe(true);
  });
});

describe('profile --spc flags', () => {
  it('build one custom section, and need the value and date columns', async () => {
    const { spcSectionsFromFlags } = await import('../../src/cli/commands/profileSpc.js');
    expect(spcSectionsFromFlags({})).toBeUndefined();
    expect(() => spcSectionsFromFlags({ spc: FIXTURE })).toThrow('--spc needs --spc-value <col> and --spc-date <col>');
    const [s] = spcSectionsFromFlags({ spc: FIXTURE, spcValue: 'y', spcDate: 'x', spcMeasure: 'Test series', spcTarget: '0.5' }) ?? [];
    expect(s.heading).toBe('Test series');
    expect(s.headline).toBe(
      'Latest value: -0.47 in 2020-01-21; common cause variation: no significant change; target 0.50: hit and miss: the system will pass and fail the target at random.',
    );
  });
});
