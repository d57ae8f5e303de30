/**
 * End-to-end tests of `healthgap calc`: the real command in a child process (tsx on the source),
 * on the PHEindicatormethods conformance fixtures (tests/fixtures/phe, GPL-3 test oracles), the
 * real Fingertips export in data/fingertips, and life expectancy for every English local authority
 * from the bundled ONS 2014 deaths and mid-2014 populations.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import { parseCsv } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import { readDeaths2014 } from '../../src/io/deaths.js';
import { readMye2, populationByAgeBand } from '../../src/io/population.js';
import { LIFE_TABLE_AGE_BANDS } from '../../src/io/agebands.js';
import { phePath, loadPhe, pheNumber, expectRelClose, PHE_REL_TOL } from '../helpers/phe.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'healthgap-calc-'));

function healthgap(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Output CSV as records keyed by column name (empty cell → null). */
function records(csv: string): Record<string, string | null>[] {
  const p = parseCsv(csv, { file: 'output' });
  return p.rows.map((row) => Object.fromEntries(p.header.map((h, j) => [h, row[j] === '' ? null : row[j]])));
}

function tmpCsv(name: string, text: string): string {
  const f = join(TMP, name);
  writeFileSync(f, text);
  return f;
}

describe('healthgap calc on the PHEindicatormethods fixtures', () => {
  it('proportion: 95% and 99.8% Wilson limits, NA rows give empty cells', () => {
    const r = healthgap(
      'calc',
      'proportion',
      '--input',
      phePath('testdata_Proportion__testdata_Prop.csv'),
      '--x',
      'Numerator',
      '--n',
      'Denominator',
      '--confidence',
      '0.95,0.998',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    const exp = loadPhe('testdata_Proportion__testdata_Prop.csv');
    const col = (h: string) => exp.header.indexOf(h);
    expect(out.length).toBe(19);
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18]) {
      for (const c of ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'])
        expectRelClose(out[i][c], pheNumber(exp.rows[i][col(c)]), PHE_REL_TOL, `row ${i + 1} ${c}`);
    }
    expect(out[0].confidence).toBe('95%, 99.8%');
    expect(out[0].statistic).toBe('proportion of 1');
    expect(out[0].method).toBe('Wilson');
  });

  it('proportion grouped (--group-by): group column first, sums within groups', () => {
    const r = healthgap(
      'calc',
      'proportion',
      '--input',
      phePath('testdata_Proportion__testdata_Prop_g.csv'),
      '--x',
      'Numerator',
      '--n',
      'Denominator',
      '--group-by',
      'Area',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(Object.keys(out[0])).toEqual(['Area', 'Numerator', 'Denominator', 'value', 'lowercl', 'uppercl', 'confidence', 'statistic', 'method']);
    const exp = loadPhe('testdata_Proportion__testdata_Prop_g.csv');
    const byArea = new Map(exp.rows.map((row) => [row[0], row]));
    for (const o of out) {
      const e = byArea.get(o.Area)!;
      expectRelClose(o.value, pheNumber(e[exp.header.indexOf('value')]), PHE_REL_TOL, 'value');
      expectRelClose(o.lowercl, pheNumber(e[exp.header.indexOf('lowercl')]), PHE_REL_TOL, 'lowercl');
      expectRelClose(o.uppercl, pheNumber(e[exp.header.indexOf('uppercl')]), PHE_REL_TOL, 'uppercl');
    }
  });

  it('rate grouped, per 100,000', () => {
    const r = healthgap(
      'calc',
      'rate',
      '--input',
      phePath('testdata_Rate__testdata_Rate_g.csv'),
      '--x',
      'Numerator',
      '--n',
      'Denominator',
      '--group-by',
      'Area',
    );
    expect(r.code).toBe(0);
    const exp = loadPhe('testdata_Rate__testdata_Rate_g.csv');
    const byArea = new Map(exp.rows.map((row) => [row[0], row]));
    for (const o of records(r.stdout)) {
      const e = byArea.get(o.Area)!;
      for (const c of ['value', 'lowercl', 'uppercl']) expectRelClose(o[c], pheNumber(e[exp.header.indexOf(c)]), PHE_REL_TOL, c);
      expect(o.method).toBe(e[exp.header.indexOf('method')]);
    }
  });

  it('mean grouped', () => {
    const r = healthgap(
      'calc',
      'mean',
      '--input',
      phePath('testdata_Mean__testdata_Mean.csv'),
      '--x',
      'values',
      '--group-by',
      'area',
      '--confidence',
      '95,99.8',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    const exp = loadPhe('testdata_Mean__testdata_Mean_results.csv');
    for (const k of [0, 1]) {
      const o = out.find((x) => x.area === exp.rows[k][0])!;
      for (const c of ['value_sum', 'value_count', 'stdev', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'])
        expectRelClose(o[c], pheNumber(exp.rows[k][exp.header.indexOf(c)]), PHE_REL_TOL, c);
    }
  });

  it('dsr with --stdpop esp2013 (19 bands in row order), per 100,000, 95% and 99.8%; suppressed below 10 events', () => {
    const r = healthgap(
      'calc',
      'dsr',
      '--input',
      phePath('testdata_DSR_ISR__testdata_multiarea.csv'),
      '--x',
      'count',
      '--n',
      'pop',
      '--stdpop',
      'esp2013',
      '--group-by',
      'area',
      '--confidence',
      '0.95,0.998',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    const exp = loadPhe('testdata_DSR_ISR__testresults_DSR.csv');
    // rows 5-7 of the results (0-based 4-6): per 100,000 for big, small, tiny
    for (const k of [4, 5, 6]) {
      const o = out.find((x) => x.area === exp.rows[k][0])!;
      for (const c of ['total_count', 'total_pop', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'])
        expectRelClose(o[c], pheNumber(exp.rows[k][exp.header.indexOf(c)]), PHE_REL_TOL, c);
      expect(o.statistic).toBe(exp.rows[k][exp.header.indexOf('statistic')]);
    }
  });

  it('isratio ×100 and israte per 100,000 with reference columns', () => {
    const exp = loadPhe('testdata_DSR_ISR__testresults_ISR.csv');
    const ratio = healthgap(
      'calc',
      'isratio',
      '--input',
      phePath('testdata_DSR_ISR__testdata_multiarea_isr.csv'),
      '--x',
      'count',
      '--n',
      'pop',
      '--x-ref',
      'refcount',
      '--n-ref',
      'refpop',
      '--refvalue',
      '100',
      '--group-by',
      'area',
      '--confidence',
      '0.95,0.998',
    );
    expect(ratio.code).toBe(0);
    const rate = healthgap(
      'calc',
      'israte',
      '--input',
      phePath('testdata_DSR_ISR__testdata_multiarea_isr.csv'),
      '--x',
      'count',
      '--n',
      'pop',
      '--x-ref',
      'refcount',
      '--n-ref',
      'refpop',
      '--group-by',
      'area',
      '--confidence',
      '0.95,0.998',
    );
    expect(rate.code).toBe(0);
    for (const [out, rows] of [
      [records(ratio.stdout), [9, 10, 11]],
      [records(rate.stdout), [0, 1, 2]],
    ] as const) {
      for (const k of rows) {
        const o = out.find((x) => x.area === exp.rows[k][0])!;
        for (const c of ['observed', 'expected', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'])
          expectRelClose(o[c], pheNumber(exp.rows[k][exp.header.indexOf(c)]), PHE_REL_TOL, c);
      }
    }
  });

  it('le: the PHEim documented example, e0 80.1696 (79.8827 to 80.4565)', () => {
    const pops = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
    const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
    const ages = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
    const f = tmpCsv('le_example.csv', ['area,startage,pops,deaths', ...ages.map((a, i) => `A,${a},${pops[i]},${deaths[i]}`)].join('\n'));
    const r = healthgap(
      'calc',
      'le',
      '--input',
      f,
      '--deaths',
      'deaths',
      '--population',
      'pops',
      '--start-age',
      'startage',
      '--group-by',
      'area',
      '--le-age',
      '0',
    );
    expect(r.code).toBe(0);
    const [o] = records(r.stdout);
    expect(Object.keys(o).slice(0, 3)).toEqual(['area', 'startage', 'value']);
    expect(Math.abs(Number(o.value) - 80.1696)).toBeLessThan(5e-5);
    expect(Math.abs(Number(o.lowercl) - 79.8827)).toBeLessThan(5e-5);
    expect(Math.abs(Number(o.uppercl) - 80.4565)).toBeLessThan(5e-5);
  });

  it('quantile: quartiles over the whole set (GroupSet None, invert TRUE), every assignment as PHEim', () => {
    const q = loadPhe('testdata_Quantiles__testdata_Quantiles.csv');
    const h = (c: string) => q.header.indexOf(c);
    const rows = q.rows.filter((r) => r[h('GroupSet')] === 'None');
    const f = tmpCsv(
      'quartiles.csv',
      ['AreaCode,Value,Expected', ...rows.map((r) => `${r[h('AreaCode')]},${r[h('Value')] ?? ''},${r[h('QuantileInGrp')] ?? ''}`)].join('\n'),
    );
    const r = healthgap('calc', 'quantile', '--input', f, '--values', 'Value', '--nquantiles', '4', '--invert', 'true');
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out.length).toBe(rows.length);
    expect(out.filter((o) => o.quantile === o.Expected).length).toBe(rows.length);
  });

  it('sii: deterministic point estimate, limits within 5% of PHEim, reproducible for a seed', () => {
    const s = loadPhe('testdata_SII__testdata_SII.csv');
    const h = (c: string) => s.header.indexOf(c);
    const rows = s.rows.filter((r) => r[h('TestDescription')] === 'default (e.g. life expectancy) - default parameters');
    const f = tmpCsv(
      'sii.csv',
      [
        'Area,Quantile,Population,Value,LowerCL,UpperCL',
        ...rows.map((r) => ['Area', 'Quantile', 'Population', 'Value', 'LowerCL', 'UpperCL'].map((c) => r[h(c)]).join(',')),
      ].join('\n'),
    );
    const args = [
      'calc',
      'sii',
      '--input',
      f,
      '--group-by',
      'Area',
      '--quantile',
      'Quantile',
      '--population',
      'Population',
      '--value',
      'Value',
      '--value-type',
      '0',
      '--lower-cl',
      'LowerCL',
      '--upper-cl',
      'UpperCL',
      '--repetitions',
      '10000',
      '--seed',
      '42',
    ];
    const r1 = healthgap(...args);
    expect(r1.code).toBe(0);
    const r2 = healthgap(...args);
    expect(r2.stdout).toBe(r1.stdout);
    const out = records(r1.stdout);
    for (const area of ['area1', 'area2']) {
      const e = rows.find((r) => r[h('Area')] === area && r[h('sii')] !== null)!;
      const o = out.find((x) => x.Area === area)!;
      expectRelClose(o.sii, pheNumber(e[h('sii')]), PHE_REL_TOL, 'sii');
      expectRelClose(o.sii_lowercl ?? o.sii_lower95_0cl, pheNumber(e[h('sii_lowercl_1')]), 0.05, 'sii lower limit');
      expectRelClose(o.sii_uppercl ?? o.sii_upper95_0cl, pheNumber(e[h('sii_uppercl_1')]), 0.05, 'sii upper limit');
    }
  });
});

describe('healthgap calc funnel-limits / funnel-significance', () => {
  it('proportion significance: all 303 labels as PHEim', () => {
    const r = healthgap(
      'calc',
      'funnel-significance',
      '--input',
      phePath('testdata_funnel_prop_inputs.csv'),
      '--numerator',
      'numerator',
      '--denominator',
      'denominator',
      '--statistic',
      'proportion',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    const exp = loadPhe('testdata_funnel_prop_inputs.csv');
    expect(out.length).toBe(303);
    expect(out.filter((o, i) => o.significance === exp.rows[i][3]).length).toBe(303);
  });
  it('proportion limits (percentages): the 100-row table as PHEim (6 decimal places)', () => {
    const r = healthgap(
      'calc',
      'funnel-limits',
      '--input',
      phePath('testdata_funnel_prop_inputs.csv'),
      '--numerator',
      'numerator',
      '--denominator',
      'denominator',
      '--statistic',
      'proportion',
      '--multiplier',
      '100',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    const exp = loadPhe('testdata_funnel_prop_outputs.csv');
    expect(out.length).toBe(100);
    const names = ['Population', 'lower_2s_limit', 'upper_2s_limit', 'lower_3s_limit', 'upper_3s_limit', 'baseline'];
    for (let i = 0; i < 100; i++) {
      names.forEach((c, j) =>
        expect(Math.abs(Number(out[i][c]) - (pheNumber(exp.rows[i][j]) as number))).toBeLessThan(
          5.1e-7 * Math.max(1, Math.abs(pheNumber(exp.rows[i][j]) as number)),
        ),
      );
    }
  });
});

describe('healthgap calc compare / trend', () => {
  it('compare reproduces every "Compared to England" label of the real Fingertips export (852 rows)', () => {
    const file = dataPath('fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv');
    const r = healthgap(
      'calc',
      'compare',
      '--input',
      file,
      '--group-by',
      'Age,Time period,Category Type,Category',
      '--value',
      'Value',
      '--lower',
      'Lower CI 95.0 limit',
      '--upper',
      'Upper CI 95.0 limit',
      '--benchmark-area',
      'E92000001',
      '--area-column',
      'Area Code',
      '--polarity',
      '0',
    );
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out.length).toBe(852);
    expect(out.filter((o) => o.comparison === o['Compared to England value or percentiles']).length).toBe(852);
    expect(new Set(out.map((o) => o.comparison))).toEqual(new Set(['Better', 'Similar', 'Worse', 'Not compared']));
  });

  it('trend: one row per area, FingertipsNext worked cases (diabetic eye disease, under-75 cancer mortality)', () => {
    const eye = [
      [2020, 2.935, 2.7841, 3.0919],
      [2021, 1.93028, 1.8085, 2.058],
      [2022, 2.7567, 2.6113, 2.9082],
      [2023, 2.8701, 2.7225, 3.0237],
      [2024, 3.0121, 2.8616, 3.1683],
    ];
    const cancer = [
      [2019, 126.9341, 125.9343, 127.94],
      [2020, 125.829, 124.8371, 126.8268],
      [2021, 121.5234, 120.5533, 122.4993],
      [2022, 122.3782, 121.4012, 123.361],
      [2023, 120.7742, 119.8035, 121.7507],
    ];
    const lines = ['area_code,year,value,lowercl,uppercl', ...eye.map((p) => `eye,${p.join(',')}`), ...cancer.map((p) => `cancer,${p.join(',')}`)];
    const r = healthgap(
      'calc',
      'trend',
      '--input',
      tmpCsv('trend.csv', lines.join('\n')),
      '--group-by',
      'area_code',
      '--period',
      'year',
      '--polarity',
      'low-is-good',
    );
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out.map((o) => [o.area_code, o.trend])).toEqual([
      ['eye', 'Increasing and getting worse'],
      ['cancer', 'Decreasing and getting better'],
    ]);
    expectRelClose(out[0].chi_squared, 33.48578067368996, PHE_REL_TOL, 'chi_squared');
  });
});

describe('healthgap calc: bad input is one line on stderr and exit code 2', () => {
  const oneLine = (s: string) =>
    s
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('(run healthgap')).length === 1;
  it('missing column names the file and the column', () => {
    const r = healthgap('calc', 'rate', '--input', phePath('testdata_Rate__testdata_Rate.csv'), '--x', 'Events', '--n', 'Denominator');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/^error: .*testdata_Rate__testdata_Rate\.csv, line 1: missing column "Events"/);
    expect(r.stdout).toBe('');
  });
  it('a negative count names the line and column', () => {
    const r = healthgap('calc', 'dsr', '--input', phePath('testdata_DSR_ISR__testdata_err1.csv'), '--x', 'count', '--n', 'pop', '--stdpop', 'stdpop');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/testdata_err1\.csv, line \d+, column "count"/);
  });
  it('count above the denominator for a proportion', () => {
    const f = tmpCsv('bad_prop.csv', 'area,x,n\nA,5,10\nB,12,10\n');
    const r = healthgap('calc', 'proportion', '--input', f, '--x', 'x', '--n', 'n');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/bad_prop\.csv, line 3/);
  });
  it('a non-numeric cell names the line and column', () => {
    const f = tmpCsv('bad_num.csv', 'area,x,n\nA,5,10\nB,twelve,10\n');
    const r = healthgap('calc', 'rate', '--input', f, '--x', 'x', '--n', 'n');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: ' + join(TMP, 'bad_num.csv') + ', line 3, column "x": expected a number, found "twelve"');
  });
  it('too few age bands for esp2013', () => {
    const f = tmpCsv('few_bands.csv', ['area,count,pop', ...Array.from({ length: 18 }, (_, i) => `A,${i + 1},1000`)].join('\n'));
    const r = healthgap('calc', 'dsr', '--input', f, '--x', 'count', '--n', 'pop', '--stdpop', 'esp2013', '--group-by', 'area');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/19/);
  });
  it('too few age bands for life expectancy (no 90+ band)', () => {
    const ages = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85];
    const f = tmpCsv('le19.csv', ['area,startage,pops,deaths', ...ages.map((a) => `A,${a},10000,10`)].join('\n'));
    const r = healthgap('calc', 'le', '--input', f, '--deaths', 'deaths', '--population', 'pops', '--start-age', 'startage', '--group-by', 'area');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/le19\.csv, column "startage": the age bands do not match .*starting at 90/);
    // the same bands are fine with --open-band 85
    const ok = healthgap(
      'calc',
      'le',
      '--input',
      f,
      '--deaths',
      'deaths',
      '--population',
      'pops',
      '--start-age',
      'startage',
      '--group-by',
      'area',
      '--open-band',
      '85',
      '--le-age',
      '0',
    );
    expect(ok.code).toBe(0);
    expect(records(ok.stdout).length).toBe(1);
  });
  it('a missing required option and a bad --confidence', () => {
    const r = healthgap('calc', 'rate', '--input', phePath('testdata_Rate__testdata_Rate.csv'), '--x', 'Numerator');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--n <col>/);
    const c = healthgap(
      'calc',
      'rate',
      '--input',
      phePath('testdata_Rate__testdata_Rate.csv'),
      '--x',
      'Numerator',
      '--n',
      'Denominator',
      '--confidence',
      '0.5',
    );
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/confidence level 0.5 is outside the allowed range/);
  });
});

describe('healthgap calc le: every English local authority, ONS 2014 deaths and mid-2014 populations', () => {
  let out: Record<string, string | null>[] = [];
  let stderr = '';
  beforeAll(() => {
    const K = ['area_code', 'sex', 'age_band'];
    const deaths = readDeaths2014().filter(aq.escape((d: { area_code: string | null }) => d.area_code !== null && d.area_code.startsWith('E')));
    const pop = populationByAgeBand(readMye2({ year: 2014, sex: 'Male' }), LIFE_TABLE_AGE_BANDS).concat(
      populationByAgeBand(readMye2({ year: 2014, sex: 'Female' }), LIFE_TABLE_AGE_BANDS),
    );
    const input = deaths
      .join(pop.select('area_code', 'sex', 'age_band', 'population'), [K, K])
      .select('area_code', 'area_name', 'sex', 'age_band', 'deaths', 'population');
    // every area with deaths has its 20 population bands (inner/outer London have no MYE2 rows)
    expect(input.numRows()).toBe(deaths.numRows() - 80);
    const f = join(TMP, 'le_england_2014.csv');
    writeFileSync(f, aq.toCSV(input));
    const outFile = join(TMP, 'le_england_2014_out.csv');
    const r = healthgap(
      'calc',
      'le',
      '--input',
      f,
      '--group-by',
      'area_code,sex',
      '--deaths',
      'deaths',
      '--population',
      'population',
      '--start-age',
      'age_band',
      '--le-age',
      '0',
      '--output',
      outFile,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    stderr = r.stderr;
    out = records(readFileSync(outFile, 'utf8'));
  });
  it('England: 79.6 (male) and 83.3 (female)', () => {
    const m = out.find((o) => o.area_code === 'E92000001' && o.sex === 'Male')!;
    const fe = out.find((o) => o.area_code === 'E92000001' && o.sex === 'Female')!;
    expect(Number(m.value)).toBeCloseTo(79.6, 1);
    expect(Number(fe.value)).toBeCloseTo(83.3, 1);
    expect(Number(m.lowercl)).toBeLessThan(Number(m.value));
    expect(Number(m.uppercl)).toBeGreaterThan(Number(m.value));
  });
  it('one row per area and sex; only the City of London (population ≤ 5,000) is NA, with a note', () => {
    expect(out.length).toBe(736); // 368 English areas (England, regions, counties, LAs) × 2
    const na = out.filter((o) => o.value === null).map((o) => o.area_code);
    expect(na).toEqual(['E09000001', 'E09000001']);
    expect(stderr).toMatch(/^note: .*E09000001/m);
    // Black Country and Birmingham: plausible values between 75 and 86
    for (const code of ['E08000025', 'E08000027', 'E08000028', 'E08000030', 'E08000031']) {
      for (const o of out.filter((x) => x.area_code === code)) expect(Number(o.value)).toBeGreaterThan(75), expect(Number(o.value)).toBeLessThan(86);
    }
  });
});
