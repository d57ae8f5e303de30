/**
 * `healthgap calc cmf|excess|pyll|yll` and `healthgap neighbours`, in process.
 *
 * Fixture: tests/fixtures/burden/deaths2014_sandwell_herefordshire_england.csv — ONS deaths
 * registered in 2014 and ONS mid-2014 populations (OGL v3) for Sandwell (E08000028),
 * Herefordshire (E06000019) and England (E92000001) by sex and the 20 life-table bands, written
 * from the bundled data (data/deaths) with `leInputs({ level, year: 2014 })` (src/lifeexp/bundled.ts).
 *
 * Expected values recomputed from that CSV in Python 3 (ESP 2013 with Under 1 = 1000, 1-4 = 4000,
 * 90+ = 1000; z = NormalDist().inv_cdf(0.975)):
 *   Sandwell males: DSR 1301.7252596774188 vs England 1113.76411765229, CMF 116.87620736259099
 *     (110.69497439977144 to 123.40260180313636); observed 1395, expected at England's rates
 *     1162.716208252445, excess 232.28379174755491; PYLL 9855 years, crude 6698.977649681875 and
 *     age-standardised 7173.848814493848 per 100,000 under 75.
 *   Herefordshire females: CMF 94.15877226269451 (88.41525405972799 to 100.27539352009012);
 *     excess −49.24428352838436.
 * Plausibility: England 2014 DSRs of 1,114 (males) and 817 (females) per 100,000 are of the size
 * ONS published for 2014 (ESP 2013 age-standardised mortality, a little over 1,100 and 800);
 * Sandwell about 15% above England and Herefordshire 5-10% below, in line with their life
 * expectancy gaps in the bundled data.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/io/csv.js';
import { runCliInProcess } from '../helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/burden/deaths2014_sandwell_herefordshire_england.csv', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'healthgap-burden-'));

function records(csv: string): Record<string, string>[] {
  const p = parseCsv(csv, { file: 'output' });
  return p.rows.map((row) => Object.fromEntries(p.header.map((h, j) => [h, row[j]])));
}
const row = (rs: Record<string, string>[], code: string, sex: string) => rs.find((r) => r.area_code === code && r.sex === sex)!;

describe('healthgap calc burden methods on the 2014 deaths', () => {
  it('cmf against England, bands matched by label', async () => {
    const r = await runCliInProcess(
      'calc',
      'cmf',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--stdpop',
      'esp2013',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code,sex',
      '--reference',
      'E92000001',
    );
    expect(r.code).toBe(0);
    const rs = records(r.out);
    const s = row(rs, 'E08000028', 'Male');
    expect(Number(s.dsr)).toBeCloseTo(1301.7252596774188, 9);
    expect(Number(s.ref_dsr)).toBeCloseTo(1113.76411765229, 9);
    expect(Number(s.value)).toBeCloseTo(116.87620736259099, 9);
    expect(Number(s.lowercl)).toBeCloseTo(110.69497439977144, 9);
    expect(Number(s.uppercl)).toBeCloseTo(123.40260180313636, 9);
    const h = row(rs, 'E06000019', 'Female');
    expect(Number(h.value)).toBeCloseTo(94.15877226269451, 9);
    expect(Number(h.lowercl)).toBeCloseTo(88.41525405972799, 9);
    expect(Number(h.uppercl)).toBeCloseTo(100.27539352009012, 9);
    expect(row(rs, 'E92000001', 'Male')).toMatchObject({ value: '100', lowercl: '', method: 'reference group' });
  });

  it('excess deaths against England, and by band adding up to the total', async () => {
    const r = await runCliInProcess(
      'calc',
      'excess',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--group-by',
      'area_code,sex',
      '--age-band',
      'age_band',
      '--reference',
      'E92000001',
    );
    expect(r.code).toBe(0);
    const rs = records(r.out);
    const s = row(rs, 'E08000028', 'Male');
    expect(Number(s.observed)).toBe(1395);
    expect(Number(s.expected)).toBeCloseTo(1162.716208252445, 8);
    expect(Number(s.excess)).toBeCloseTo(232.28379174755491, 8);
    expect(Number(s.lowercl)).toBeLessThan(Number(s.excess));
    expect(Number(row(rs, 'E06000019', 'Female').excess)).toBeCloseTo(-49.24428352838436, 8);
    const b = await runCliInProcess(
      'calc',
      'excess',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--group-by',
      'area_code,sex',
      '--age-band',
      'age_band',
      '--reference',
      'E92000001',
      '--by-band',
    );
    const bands = records(b.out).filter((x) => x.area_code === 'E08000028' && x.sex === 'Male');
    expect(bands).toHaveLength(20);
    expect(bands.reduce((a, x) => a + Number(x.excess), 0)).toBeCloseTo(232.28379174755491, 8);
  });

  it('pyll: years before 75, crude and standardised rates', async () => {
    const r = await runCliInProcess(
      'calc',
      'pyll',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code,sex',
    );
    expect(r.code).toBe(0);
    const s = row(records(r.out), 'E08000028', 'Male');
    expect(Number(s.pyll)).toBe(9855);
    expect(Number(s.crude_rate)).toBeCloseTo(6698.977649681875, 8);
    expect(Number(s.value)).toBeCloseTo(7173.848814493848, 8);
  });

  it("yll with the analyst's own life table", async () => {
    const lt = join(TMP, 'lt.csv');
    writeFileSync(lt, 'age,life_expectancy\n0,80\n100,0\n');
    const r = await runCliInProcess(
      'calc',
      'yll',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code,sex',
      '--life-table',
      lt,
    );
    expect(r.code).toBe(0);
    // linear table: e(a) = 80·(1 − a/100) at each band's mid-point (90+ → 92.5)
    const fx = records(readFileSync(FIXTURE, 'utf8')).filter((x) => x.area_code === 'E08000028' && x.sex === 'Male');
    const mid = (b: string) => (b === 'Under 1' ? 0.5 : b === '1-4' ? 3 : b === '90+' ? 92.5 : Number(b.split('-')[0]) + 2.5);
    const expected = fx.reduce((a, x) => a + Number(x.deaths) * 80 * (1 - mid(x.age_band) / 100), 0);
    expect(Number(row(records(r.out), 'E08000028', 'Male').yll)).toBeCloseTo(expected, 6);
  });

  it('bad inputs: a band missing, a standard population that does not match, zero expected, a bad life table', async () => {
    const text = readFileSync(FIXTURE, 'utf8').split('\n');
    const missing = join(TMP, 'missing.csv');
    writeFileSync(missing, text.filter((l) => !l.startsWith('E08000028,Sandwell,Male,5-9,')).join('\n'));
    const m = await runCliInProcess(
      'calc',
      'cmf',
      '--input',
      missing,
      '--x',
      'deaths',
      '--n',
      'population',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code,sex',
      '--reference',
      'E92000001',
    );
    expect(m.code).toBe(2);
    expect(m.err).toMatch(
      /missing\.csv, line \d+, column "age_band": age band "5-9" of the reference group \(area_code = E92000001, sex = Male\) is missing from group area_code = E08000028, sex = Male; bands are matched by label/,
    );
    expect(m.err.trim().split('\n')).toHaveLength(1);
    const pos = await runCliInProcess(
      'calc',
      'cmf',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--stdpop',
      'esp2013',
      '--group-by',
      'area_code,sex',
      '--reference',
      'E92000001',
    );
    expect(pos.code).toBe(2);
    expect(pos.err).toMatch(/the standard population does not match the bands: group area_code = E06000019, sex = Male has 20 rows but the 19 ESP 2013 bands/);
    const zero = join(TMP, 'zero.csv');
    writeFileSync(zero, text.map((l) => (l.startsWith('E92000001,') ? l.replace(/,\d+,(\d+)$/, ',0,$1') : l)).join('\n'));
    const z = await runCliInProcess(
      'calc',
      'excess',
      '--input',
      zero,
      '--x',
      'deaths',
      '--n',
      'population',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code,sex',
      '--reference',
      'E92000001',
    );
    expect(z.code).toBe(2);
    expect(z.err).toMatch(/expected deaths are 0 for group area_code = E06000019, sex = Male/);
    const lt = join(TMP, 'bad_lt.csv');
    writeFileSync(lt, 'age,life_expectancy\n0,80\n5,abc\n');
    const l = await runCliInProcess('calc', 'yll', '--input', FIXTURE, '--x', 'deaths', '--age-band', 'age_band', '--life-table', lt);
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/bad_lt\.csv, line 3, column "life_expectancy"/);
    const ref = await runCliInProcess(
      'calc',
      'cmf',
      '--input',
      FIXTURE,
      '--x',
      'deaths',
      '--n',
      'population',
      '--age-band',
      'age_band',
      '--group-by',
      'area_code',
      '--reference',
      'E92000001',
    );
    expect(ref.code).toBe(2);
    expect(ref.err).toMatch(/age band "Under 1" appears twice in group area_code = E06000019/);
  });
});

describe('healthgap neighbours', () => {
  it('lists the nearest upper-tier authorities of Sandwell on the default model', async () => {
    const r = await runCliInProcess('neighbours', 'Sandwell', '--k', '5', '--csv');
    expect(r.code).toBe(0);
    const rs = records(r.out);
    expect(rs).toHaveLength(5);
    // its Black Country neighbours first: urban, deprived, young, dense
    expect(rs.slice(0, 2).map((x) => x.area_name)).toEqual(['Wolverhampton', 'Walsall']);
    expect(rs.every((x, i) => i === 0 || Number(x.distance) >= Number(rs[i - 1].distance))).toBe(true);
    expect(rs[0].level).toBe('utla');
  });

  it("takes variables and weights, and the analyst's own variable file", async () => {
    const vars = join(TMP, 'vars.csv');
    writeFileSync(
      vars,
      'area_code,area_name,smoking\nE08000028,Sandwell,19.1\nE08000031,Wolverhampton,16.2\nE08000030,Walsall,15.0\nE06000019,Herefordshire,12.0\nE08000026,Coventry,14.0\n',
    );
    const r = await runCliInProcess('neighbours', 'E08000028', '--k', '3', '--vars', 'imd_score,smoking', '--variables-file', vars, '--csv');
    expect(r.code).toBe(0);
    const rs = records(r.out);
    expect(rs).toHaveLength(3);
    expect(rs.map((x) => x.area_code).every((c) => ['E08000031', 'E08000030', 'E06000019', 'E08000026'].includes(c))).toBe(true);
    const bad = await runCliInProcess('neighbours', 'Sandwell', '--weights', 'imd_score=x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--weights must look like/);
    const unknown = await runCliInProcess('neighbours', 'Narnia');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown place/);
  });
});
