/**
 * Prevalence on real data: the bundled NHS Digital QOF 2019-20 file (data/qof/PREVALENCE_1920.csv),
 * practice maps (ePCN December 2019, gp-reg-pat-prac-map January 2022), patients registered at each
 * practice by LSOA (January 2021), HSE 2022 hypertension and ONS mid-2019 populations.
 *
 * Independent figures, computed with Python (csv + gzip, no healthgap code):
 * - England totals per register by summing REGISTER and PATIENT_LIST_SIZE over all 6,720 practices:
 *   HYP 8,514,885 / 60,407,685 = 14.0957%, DM 3,455,176 / 48,783,947 = 7.0826% (17OV),
 *   COPD 1,170,786 / 60,407,685 = 1.9381%, DEP 5,565,443 / 48,146,685 = 11.5593% (18OV).
 * - Sandwell (UTLA E08000028) by registered-population weighting: for every practice, register and
 *   list × (its patients in LSOAs whose UTLA19CD is E08000028 in lookups/lsoa11_utla19_england_wales.csv)
 *   ÷ (its patients in E01 LSOAs), summed: DM 27,074.52495107819 / 276,294.23375140806 = 9.79916%,
 *   HYP 54,012.22297153915 / 357,503.39763749094 = 15.10817% (354 practices);
 *   Herefordshire (E06000019) HYP 31,011.332269523173 / 186,106.845308015 = 16.66319% (76 practices).
 *
 * Age bases, checked against the file's own PATIENT_LIST_TYPE: every row of a register has the same
 * list type; DM 17OV, CKD/DEP/EP/OB 18OV, RA 16OV, OST 50OV, CVDPP 30_74, the other 13 TOTAL. So
 * the published "diabetes 7.08% (17+)" and "depression 11.56% (18+)" are register ÷ the 17+ / 18+
 * lists, while hypertension 14.10% and COPD 1.94% are ÷ the whole list (all ages).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readQofPrevalence } from '../../src/io/qof.js';
import { qnorm } from '../../src/stats/distributions.js';
import { compareToBenchmark } from '../../src/stats/benchmark.js';
import { funnelSignificance, funnelSigmaAdjustment } from '../../src/stats/funnel.js';
import {
  QOF_REGISTERS,
  practicePrevalence,
  rollUpPrevalence,
  practiceWeights,
  prevalenceProfile,
  expectedHypertensionHse2022,
  compareRecordedToExpected,
  practiceFunnel,
  prevalenceByDeprivation,
  prevalenceNarrative,
  diagnosisNarrative,
  prevalenceFunnelChartData,
  prevalenceSpineRow,
  prevalenceBarData,
  funnelNarrative,
  deprivationNarrative,
  qofRegister,
} from '../../src/prevalence/index.js';
import { runCliInProcess } from '../helpers/cli.js';

const sum = (a: readonly (number | null)[]) => a.reduce<number>((s, v) => s + (v ?? 0), 0);

describe('England recorded prevalence, QOF 2019-20', () => {
  const cases: [string, number, number, string, string][] = [
    ['HYP', 8514885, 60407685, 'TOTAL', '14.10'],
    ['DM', 3455176, 48783947, '17OV', '7.08'],
    ['COPD', 1170786, 60407685, 'TOTAL', '1.94'],
    ['DEP', 5565443, 48146685, '18OV', '11.56'],
  ];
  for (const [reg, x, n, type, pct] of cases) {
    it(`${reg}: ${pct}% on the ${type} list`, () => {
      const e = rollUpPrevalence(practicePrevalence(reg), 'england').table.object(0) as Record<string, unknown>;
      expect(e.count).toBe(x);
      expect(e.denominator).toBe(n);
      expect(e.practices).toBe(6720);
      expect((e.value as number).toFixed(2)).toBe(pct);
      expect(e.age_base).toBe(reg === 'DM' ? '17+' : reg === 'DEP' ? '18+' : 'all ages');
    });
  }

  it('each register has one list type in the file, the one in the catalogue', () => {
    const q = readQofPrevalence();
    const types = q
      .groupby('group_code')
      .rollup({ types: aq.op.array_agg_distinct('list_type') })
      .objects() as { group_code: string; types: string[] }[];
    expect(types).toHaveLength(21);
    for (const t of types) expect(t.types).toEqual([QOF_REGISTERS.find((r) => r.code === t.group_code)!.listType]);
  });
});

describe('roll-ups: totals and mapping', () => {
  const dm = practicePrevalence('DM');
  const englandCount = 3455176;
  for (const level of ['pcn', 'ccg', 'stp', 'nhs-region', 'lad', 'utla', 'icb', 'region'] as const) {
    it(`${level}: areas + unmapped = every practice; each practice in one area or listed with a reason`, () => {
      const r = rollUpPrevalence(dm, level);
      expect(sum(r.table.array('count') as number[]) + sum(r.unmapped.array('count') as number[])).toBeCloseTo(englandCount, 5);
      const w = practiceWeights(level).weights;
      const byPractice = new Map<string, number>();
      const ww = w.array('weight') as number[];
      (w.array('practice_code') as string[]).forEach((p, i) => byPractice.set(p, (byPractice.get(p) ?? 0) + ww[i]));
      for (const s of byPractice.values()) expect(s).toBeCloseTo(1, 9);
      const unmapped = new Set(r.unmapped.array('practice_code') as string[]);
      for (const p of dm.array('practice_code') as string[]) expect(byPractice.has(p) !== unmapped.has(p)).toBe(true);
      for (const reason of r.unmapped.array('reason') as string[]) expect(reason).toMatch(/^practice [A-Z0-9]+ (is not|has no)/);
      if (['pcn', 'ccg', 'stp', 'nhs-region'].includes(level)) {
        // membership: one area per practice, whole counts
        expect([...byPractice.values()].every((s) => s === 1)).toBe(true);
        expect((r.table.array('count') as number[]).every((c) => Number.isInteger(c))).toBe(true);
      }
    });
  }

  it('known gaps: 26 practices in no PCN, 19 without a CCG 2021, 110 not in the January 2021 registrations file', () => {
    const pcn = rollUpPrevalence(dm, 'pcn').unmapped;
    expect(pcn.numRows()).toBe(26);
    expect((pcn.array('reason') as string[]).filter((r) => r.includes('"Unallocated"'))).toHaveLength(23);
    expect(rollUpPrevalence(dm, 'ccg').unmapped.numRows()).toBe(19);
    expect(rollUpPrevalence(dm, 'ccg').notes.join(' ')).toMatch(/219 practices closed before January 2022 placed through their December 2019 PCN/);
    const u = rollUpPrevalence(dm, 'utla').unmapped;
    expect(u.numRows()).toBe(110);
    expect(u.get('reason', 0)).toMatch(/is not in the registrations-by-LSOA file \(January 2021\) \(closed on 20\d\d-\d\d-\d\d per NHS ODS\)/);
  });

  it('registered-population weighting reproduces the independent Python figures', () => {
    const dmU = rollUpPrevalence(dm, 'utla').table.objects() as Record<string, number | string>[];
    const s = dmU.find((r) => r.area_code === 'E08000028')!;
    expect(s.count).toBeCloseTo(27074.52495107819, 6);
    expect(s.denominator).toBeCloseTo(276294.23375140806, 6);
    expect(s.practices).toBe(354);
    const hyp = rollUpPrevalence(practicePrevalence('HYP'), 'utla').table.objects() as Record<string, number | string>[];
    const h = hyp.find((r) => r.area_code === 'E06000019')!;
    expect(h.count).toBeCloseTo(31011.332269523173, 6);
    expect(h.denominator).toBeCloseTo(186106.845308015, 6);
    expect(h.practices).toBe(76);
  });
});

describe('comparisons and narrative (diabetes 17+, UTLA)', () => {
  const prof = prevalenceProfile('DM', 'utla');
  const row = (prof.table.objects() as Record<string, unknown>[]).find((r) => r.area_code === 'E08000028')!;

  it('Sandwell is higher than England and the West Midlands, as compareToBenchmark says', () => {
    const area = { value: row.value as number, lower95: row.lower95_0cl as number, upper95: row.upper95_0cl as number };
    expect(compareToBenchmark(area, prof.england.get('value', 0) as number).label).toBe('Higher');
    expect(row).toMatchObject({
      compared_to_england: 'Higher',
      parent_code: 'E12000005',
      parent_name: 'West Midlands',
      compared_to_parent: 'Higher',
      rank: 2,
      rank_of: 151,
      rank_in_parent: 1,
      rank_in_parent_of: 14,
    });
    expect(row.lower95_0cl as number).toBeGreaterThan(prof.england.get('value', 0) as number);
  });

  it('writes the sentence with the numbers of the calculation', () => {
    expect(prevalenceNarrative(prof, 'E08000028', { period: '2019/20' })).toEqual([
      'Recorded diabetes prevalence (17+) in Sandwell in 2019/20, 9.8% (27,075 patients on the register), is higher than England, 7.1%.',
      'It is higher than West Midlands, 8.0%.',
      'It is the 2nd highest of 151 upper-tier local authority areas.',
    ]);
    expect(prof.notes.join(' ')).toMatch(/Diabetes mellitus prevalence is for patients aged 17\+ \(QOF list type 17OV\)/);
  });

  it('spine row: England value and the spread of all UTLAs', () => {
    const s = prevalenceSpineRow(prof, 'E08000028', { period: '2019/20' });
    expect(s.indicator).toBe('Diabetes mellitus: QOF prevalence (17+)');
    expect(s.englandValue).toBeCloseTo(7.08260854743877, 12);
    expect(s.englandLowest).toBe(Math.min(...(prof.table.array('value') as number[])));
    expect(s.englandHighest).toBe(Math.max(...(prof.table.array('value') as number[])));
    expect(s.significance).toBe('Higher');
  });

  it('bar data: every UTLA high to low, Sandwell highlighted, England line', () => {
    const b = prevalenceBarData(prof, { highlight: 'E08000028' });
    expect(b.bars).toHaveLength(151);
    expect(b.bars[1]).toMatchObject({ code: 'E08000028', label: 'Sandwell', comparison: 'Higher', highlight: true });
    for (let i = 1; i < b.bars.length; i++) expect(b.bars[i].value!).toBeLessThanOrEqual(b.bars[i - 1].value!);
    expect(b.england).toBeCloseTo(7.08260854743877, 12);
    expect(b.title).toBe('Diabetes mellitus: QOF prevalence (17+), upper-tier local authority (UTLA 2019)');
  });

  it('a district in a county is compared with its county; a unitary district with its region', () => {
    const lad = prevalenceProfile('DM', 'lad').table.objects() as Record<string, unknown>[];
    expect(lad.find((r) => r.area_code === 'E07000235')).toMatchObject({ area_name: 'Malvern Hills', parent_code: 'E10000034' });
    expect(lad.find((r) => r.area_code === 'E08000028')).toMatchObject({ parent_code: 'E12000005' });
  });
});

describe('recorded against expected: hypertension in Sandwell, worked by hand', () => {
  // HSE 2022 "All with hypertension" (%) × Sandwell mid-2019 population, bands 16-34 … 75+
  const men = [41716, 21887, 21445, 17726, 12429, 9855];
  const women = [39877, 22338, 21901, 17685, 13269, 13816];
  const menPct = [5, 23, 31, 50, 61, 66];
  const womenPct = [3, 6, 22, 31, 54, 71];
  // men 2,085.80 + 5,034.01 + 6,647.95 + 8,863.00 + 7,581.69 + 6,504.30 = 36,716.75
  // women 1,196.31 + 1,340.28 + 4,818.22 + 5,482.35 + 7,165.26 + 9,809.36 = 29,811.78
  const expected = 36716.75 + 29811.78; // 66,528.53
  const observed = 54012.22297153915; // HYP register apportioned to Sandwell (Python, above)

  it('expected count = Σ rate × population', () => {
    const byHand = men.reduce((s, p, i) => s + (p * menPct[i]) / 100, 0) + women.reduce((s, p, i) => s + (p * womenPct[i]) / 100, 0);
    expect(byHand).toBeCloseTo(expected, 8);
    const e = expectedHypertensionHse2022(['E08000028']).object(0) as Record<string, unknown>;
    expect(e.expected_count).toBeCloseTo(expected, 8);
    expect(e.population).toBe(sum([...men, ...women]));
    expect(e.age_base).toBe('16+');
  });

  it("diagnosis rate = recorded / expected with Byar's limits; undiagnosed = expected − recorded", () => {
    const recorded = rollUpPrevalence(practicePrevalence('HYP'), 'utla').table;
    const c = compareRecordedToExpected(recorded, expectedHypertensionHse2022(['E08000028'])).object(0) as Record<string, number | string>;
    const z = qnorm(0.975);
    const lower = ((observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3) / expected) * 100;
    const upper = (((observed + 1) * (1 - 1 / (9 * (observed + 1)) + z / (3 * Math.sqrt(observed + 1))) ** 3) / expected) * 100;
    expect(c.observed).toBeCloseTo(observed, 6);
    expect(c.value).toBeCloseTo((observed / expected) * 100, 8); // 81.19%
    expect(c.lower95_0cl).toBeCloseTo(lower, 8);
    expect(c.upper95_0cl).toBeCloseTo(upper, 8);
    expect(c.undiagnosed).toBeCloseTo(expected - observed, 6); // 12,516
    expect(diagnosisNarrative(c, qofRegister('HYP'))).toBe(
      'An estimated 66,529 people (16+) in Sandwell have hypertension; 54,012 are on GP registers (all ages), a diagnosis rate of 81.2% (95% CI 80.5% to 81.9%), leaving an estimated 12,516 undiagnosed.',
    );
  });
});

describe('practice variation (funnel)', () => {
  const hyp = practicePrevalence('HYP');
  const f = practiceFunnel(hyp);

  it('leaves off the one practice with a register above its list, and says so', () => {
    expect(f.excluded.objects()).toEqual([
      { practice_code: 'Y03051', count: 263, denominator: 138, reason: 'register larger than the list size (as published)' },
    ]);
    expect(sum(Object.values(f.counts))).toBe(6719);
    expect(f.points.numRows()).toBe(6719);
  });

  it('agrees with the statistics core', () => {
    const plotted = hyp.filter((d: { practice_code: string }) => d.practice_code !== 'Y03051');
    const direct = funnelSignificance(plotted, { numerator: 'count', denominator: 'denominator', statistic: 'proportion', multiplier: 100 });
    expect(f.points.array('significance')).toEqual(direct.array('significance'));
    // and with the limits at each practice's own list size
    const avg = f.average / 100;
    const pts = f.points.objects() as { count: number; denominator: number; significance: string }[];
    for (const p of pts.slice(0, 200)) {
      const v = (p.count / p.denominator) * 100;
      const hi3 = funnelSigmaAdjustment(0.999, p.denominator, avg, 'high', 100);
      const lo3 = funnelSigmaAdjustment(0.999, p.denominator, avg, 'low', 100);
      expect(p.significance === 'High (0.001)').toBe(v > hi3);
      expect(p.significance === 'Low (0.001)').toBe(v < lo3);
    }
    expect(f.outside.numRows()).toBe(6719 - f.counts['Not significant']);
    expect(f.counts).toEqual({ 'High (0.001)': 2752, 'High (0.025)': 371, 'Low (0.001)': 2088, 'Low (0.025)': 291, 'Not significant': 1217 });
    expect(funnelNarrative(f, qofRegister('HYP'))).toBe(
      `Of 6,719 practices, 3,123 have recorded hypertension prevalence above the 95% limit (2,752 above 99.8%) and 2,379 below it (2,088 below 99.8%), around an average of ${(f.average).toFixed(1)}%.`,
    );
    const chart = prevalenceFunnelChartData(f);
    expect(chart.points).toHaveLength(6719);
    expect(chart.limits).toHaveLength(100);
    expect(chart.limits[0].baseline).toBeCloseTo(f.average, 10);
  });
});

describe('by deprivation', () => {
  it('diabetes rises with the Core20 share of a practice; groups add up to England', () => {
    const d = prevalenceByDeprivation(practicePrevalence('DM'));
    const rows = d.objects() as Record<string, unknown>[];
    expect(rows.map((r) => r.group)).toEqual([
      '80%+ Core20 patients',
      '60% to <80% Core20 patients',
      '40% to <60% Core20 patients',
      '20% to <40% Core20 patients',
      '0% to <20% Core20 patients',
      'Not known',
    ]);
    const v = rows.slice(0, 5).map((r) => r.value as number);
    for (let i = 1; i < 5; i++) expect(v[i]).toBeLessThan(v[i - 1]);
    expect(sum(d.array('count') as number[])).toBe(3455176);
    expect(deprivationNarrative(d, qofRegister('DM'))).toBe(
      'Recorded diabetes prevalence (17+) is 9.7% in practices with 80%+ Core20 patients against 6.5% in practices with 0% to <20% Core20 patients; the 95% confidence intervals do not overlap.',
    );
    expect(rows[5].practices).toBe(110);
    const q = prevalenceByDeprivation(practicePrevalence('DM'), { by: 'patient-imd-quintile' });
    expect(sum(q.array('count') as number[])).toBeCloseTo(3455176, 5);
  });
});

describe('CLI: healthgap prevalence', () => {
  const run = (...args: string[]) => runCliInProcess('prevalence', ...args);

  it('one place with its sentence', async () => {
    const r = await run('diabetes', '--by', 'utla', '--place', 'Sandwell');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Recorded diabetes prevalence (17+) in Sandwell in 2019/20, 9.8% (27,075 patients on the register), is higher than England, 7.1%.');
    expect(r.err).toMatch(/note: 110 practices/);
  });

  it('CSV of every CCG', async () => {
    const r = await run('DM', '--by', 'ccg', '--csv');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(107);
    expect(lines[0]).toMatch(/^area_code,area_name,level,parent_code,parent_name,practices,practices_missing,count,denominator,value,/);
  });

  it('JSON for one place', async () => {
    const r = await run('DEP', '--by', 'icb', '--place', 'Black Country', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rows: Record<string, unknown>[]; england: Record<string, unknown>; narrative: string[]; level: string };
    expect(j.level).toBe('icb');
    expect(j.rows).toHaveLength(1);
    expect(j.rows[0].area_code).toBe('E54000062');
    expect(j.england.count).toBe(5565443);
    expect(j.narrative[0]).toMatch(/^Recorded depression prevalence \(18\+\) in NHS Black Country Integrated Care Board in 2019\/20, /);
  });

  it('bad input: unknown level, unknown register, unknown place → exit 2 with one line', async () => {
    expect((await run('DM', '--by', 'parish')).err).toMatch(/^error: unknown level "parish": use one of practice, pcn/);
    expect((await run('gout', '--by', 'utla')).code).toBe(2);
    const r = await run('DM', '--by', 'utla', '--place', 'Atlantis');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: unknown upper-tier local authority \(UTLA 2019\) "Atlantis"/);
    // a part of a name is enough when it is unique
    expect((await run('DM', '--by', 'utla', '--place', 'Sandwel')).out).toContain('in Sandwell in 2019/20');
  });
});
