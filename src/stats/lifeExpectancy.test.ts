import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readerNotes } from '../io/csv.js';
import { LE_AGE_CONTENTS_80, LE_AGE_CONTENTS_85, LE_METHOD, bandStartAge, lifeExpectancy, lifeExpectancyBands, lifeTable } from './lifeExpectancy.js';

// PHEindicatormethods documented example (`?phe_life_expectancy`, tests/testthat/testLifeExpectancy.R df1).
const AGES = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
const POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
const DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];

// `answer1` of ukhsa-collaboration/PHEindicatormethods tests/testthat/testLifeExpectancy.R
// (as stored at commit 005c05b0e1a6be4a7d35e2d737f90bc01d9b3b06; PHEim tests these rounded to 4 dp).
const ANSWER1 = {
  value: [
    80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987, 50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842,
    27.26027992, 22.9719144, 18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635,
  ],
  lowercl: [
    79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579, 50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318,
    27.04337271, 22.76653134, 18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386,
  ],
  uppercl: [
    80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395, 51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365,
    27.47718713, 23.17729746, 18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314,
  ],
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const r4 = (v: any): any => Math.round((v as number) * 1e4) / 1e4;

function example(extra: Record<string, unknown[]> = {}) {
  return aq.table({ ...extra, startage: AGES, pops: POPS, deaths: DEATHS });
}
const OPTS = { deaths: 'deaths', population: 'pops', startAge: 'startage' } as const;

describe('lifeTable (plain numbers)', () => {
  it('gives e0 = 80.16960813 for the PHEim example (1e-6) and the limits to 4 dp', () => {
    const lt = lifeTable(DEATHS, POPS, AGES);
    expect(lt.e[0]).toBeCloseTo(80.16960813, 7);
    expect(r4(lt.e[0] - 1.959963984540054 * lt.se[0])).toBe(79.8827);
    expect(r4(lt.e[0] + 1.959963984540054 * lt.se[0])).toBe(80.4565);
    expect(lt.l[0]).toBe(100000);
    expect(lt.q[19]).toBe(1);
    // T = sum of L, e = T / l at every band
    for (let i = 0; i < 20; i++) expect(lt.e[i]).toBeCloseTo(lt.L.slice(i).reduce((s, v) => s + v, 0) / lt.l[i], 9);
  });

  it('applies the q = 1 rule when deaths exceed P/(n·a)', () => {
    const d = [...DEATHS];
    d[5] = 20000; // 20-24: 20000 > 38561 / 5 / 0.5
    const lt = lifeTable(d, POPS, AGES);
    expect(lt.q[5]).toBe(1);
    expect(lt.l[6]).toBe(0);
    expect(lt.e[6]).toBe(0);
  });

  it('rejects bands that are not ascending from 0', () => {
    expect(() => lifeTable(DEATHS, POPS, [1, ...AGES.slice(1)])).toThrow(/start at 0/);
    expect(() => lifeTable(DEATHS.slice(1), POPS, AGES)).toThrow(/same length/);
  });
});

describe('lifeExpectancy verb — PHEim testLifeExpectancy.R', () => {
  it('matches answer1 at all 20 bands to 4 dp', () => {
    const out = lifeExpectancy(example(), { ...OPTS, type: 'standard' });
    expect(out.columnNames()).toEqual(['startage', 'value', 'lowercl', 'uppercl']);
    expect(out.array('value').map(r4)).toEqual(ANSWER1.value.map(r4));
    expect(out.array('lowercl').map(r4)).toEqual(ANSWER1.lowercl.map(r4));
    expect(out.array('uppercl').map(r4)).toEqual(ANSWER1.uppercl.map(r4));
    expect(Math.abs((out.get('value', 0) as number) - 80.16960813)).toBeLessThan(1e-6);
  });

  it('accepts confidence = 95, unordered bands and labelled bands in any order', () => {
    const c95 = lifeExpectancy(example(), { ...OPTS, confidence: 95 });
    expect(c95.array('lowercl').map(r4)).toEqual(ANSWER1.lowercl.map(r4));
    const perm = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 14];
    const shuffled = aq.table({ startage: perm.map((i) => AGES[i]), pops: perm.map((i) => POPS[i]), deaths: perm.map((i) => DEATHS[i]) });
    expect(lifeExpectancy(shuffled, OPTS).array('value').map(r4)).toEqual(ANSWER1.value.map(r4));
    const labels = ['0', '1-4', '5-9', ...AGES.slice(3, 19).map((a) => `${a} – ${a + 4}`), '90 +'];
    const lab = aq.table({ startage: perm.map((i) => labels[i]), pops: perm.map((i) => POPS[i]), deaths: perm.map((i) => DEATHS[i]) });
    const out = lifeExpectancy(lab, { ...OPTS, ageContents: labels });
    expect(out.array('value').map(r4)).toEqual(ANSWER1.value.map(r4));
    expect(out.get('startage', 19)).toBe('90 +');
    expect(out.get('statistic', 1)).toBe('life expectancy at 1-4');
    // labels also match the default numeric ageContents by their first integer
    expect(lifeExpectancy(lab, OPTS).array('uppercl').map(r4)).toEqual(ANSWER1.uppercl.map(r4));
  });

  it('returns selected ages with full metadata (answer2)', () => {
    const out = lifeExpectancy(example(), { ...OPTS, leAge: [5, 25], type: 'full' });
    expect(out.numRows()).toBe(2);
    expect(out.array('value').map(r4)).toEqual([75.4419, 55.7884]);
    expect(out.array('lowercl').map(r4)).toEqual([75.1741, 55.538]);
    expect(out.array('statistic')).toEqual(['life expectancy at 5', 'life expectancy at 25']);
    expect(out.array('method')).toEqual([LE_METHOD, LE_METHOD]);
    expect(out.array('confidence')).toEqual(['95%', '95%']);
    // cumulative pops/deaths at and above the age (PHEim #52)
    expect(out.get('pops_used', 0)).toBe(POPS.slice(2).reduce((s, v) => s + v, 0));
    expect(out.get('dths_used', 1)).toBe(DEATHS.slice(6).reduce((s, v) => s + v, 0));
    const single = lifeExpectancy(example(), { ...OPTS, leAge: 5 });
    expect(r4(single.get('value', 0))).toBe(75.4419);
    const none = lifeExpectancy(example(), { ...OPTS, leAge: 4 });
    expect(none.numRows()).toBe(20);
    expect(readerNotes(none).join(' ')).toMatch(/leAge 4 is not among the age bands/);
  });

  it('gives several confidence levels as lower95_0cl … upper99_8cl', () => {
    const out = lifeExpectancy(example(), { ...OPTS, confidence: [0.95, 0.998] });
    expect(out.columnNames()).toContain('upper99_8cl');
    expect(r4(out.get('lower95_0cl', 0))).toBe(79.8827);
    expect(out.get('lower99_8cl', 0) as number).toBeLessThan(out.get('lower95_0cl', 0) as number);
    expect(out.get('confidence', 0)).toBe('95%, 99.8%');
  });

  it('suppresses whole groups to NA with notes (grouped data with warnings)', () => {
    const bad = (f: (d: number[], p: number[]) => void, n = 20) => {
      const d = DEATHS.slice(0, n);
      const p = POPS.slice(0, n);
      f(d, p);
      return { d, p, a: AGES.slice(0, n) };
    };
    const groups: Record<string, { d: number[]; p: number[]; a: number[] }> = {
      'Good data': bad(() => {}),
      'Negative deaths': bad((d) => (d[2] = -2)),
      'Negative pops': bad((_, p) => (p[3] = -10)),
      'Deaths more than pops': bad((d) => (d[5] = 50000)),
      'Low pops': bad((d, p) => p.fill(100) && d.fill(80, 10)),
      'Missing age band': bad(() => {}, 19),
    };
    const cols: Record<string, unknown[]> = { area: [], age: [], pop: [], deaths: [] };
    for (const [area, g] of Object.entries(groups)) {
      g.a.forEach((a, i) => {
        cols.area.push(area);
        cols.age.push(a);
        cols.pop.push(g.p[i]);
        cols.deaths.push(g.d[i]);
      });
    }
    const out = lifeExpectancy(aq.table(cols).groupby('area'), { deaths: 'deaths', population: 'pop', startAge: 'age' });
    expect(out.numRows()).toBe(119);
    const good = out.filter((d: { area: string }) => d.area === 'Good data');
    expect(r4(good.get('value', 0))).toBe(80.1696);
    for (const area of Object.keys(groups).slice(1)) {
      const rows = out.params({ area }).filter((d: { area: string }, $: { area: string }) => d.area === $.area);
      expect(rows.array('value').every((v: unknown) => v === null)).toBe(true);
      expect(rows.array('lowercl').every((v: unknown) => v === null)).toBe(true);
    }
    const notes = readerNotes(out).join('\n');
    expect(notes).toMatch(/negative deaths/);
    expect(notes).toMatch(/zero or less population/);
    expect(notes).toMatch(/more deaths than population/);
    expect(notes).toMatch(/total population of 5,000 or less/);
    expect(notes).toMatch(/exactly the 20 age bands/);
  });

  it('treats a total population of exactly 5,000 as too small (≤, as PHEim code)', () => {
    const p = new Array(20).fill(250);
    const d = new Array(20).fill(1);
    expect(lifeExpectancyBands(d, p, AGES).problem).toBe('total population 5,000 or less');
    p[0] = 251;
    expect(lifeExpectancyBands(d, p, AGES).problem).toBeNull();
  });

  it('suppresses single values whose 95% CI is wider than 20 years, keeping the limits', () => {
    const p = [...POPS].map((v) => Math.round(v / 60));
    const d = [...DEATHS].map((v) => Math.round(v / 60));
    d[19] = 2;
    const res = lifeExpectancyBands(d, p, AGES);
    expect(res.problem).toBeNull();
    let checked = 0;
    for (let i = 0; i < 20; i++) {
      const wide = 1.959963984540054 * (res.se[i] as number) > 10;
      if (wide) {
        checked++;
        expect(res.value[i]).toBeNull();
        expect(res.lower[0][i]).not.toBeNull();
        expect(res.upper[0][i]).not.toBeNull();
      } else expect(res.value[i]).not.toBeNull();
    }
    expect(checked).toBeGreaterThan(0);
    expect(res.suppressedWide).toBe(checked);
  });

  it('gives NA (not Infinity) when the open band has zero deaths', () => {
    const d = [...DEATHS];
    d[19] = 0;
    const res = lifeExpectancyBands(d, POPS, AGES);
    expect(res.value.every((v) => v === null)).toBe(true);
    expect(res.upper[0].every((v) => v === null)).toBe(true);
  });

  it('errors on bands that are not in ageContents, and on bad ageContents', () => {
    const labels = ['0', '1-4', '5-9', ...AGES.slice(3, 19).map((a) => `${a} – ${a + 4}`), '90 +'];
    const lab = aq.table({ startage: labels.map((l, i) => (i === 19 ? '95+' : l)), pops: POPS, deaths: DEATHS });
    expect(() => lifeExpectancy(lab, OPTS)).toThrow(/not in ageContents/);
    expect(() => lifeExpectancy(example(), { ...OPTS, ageContents: [1, 0, ...AGES.slice(2)] })).toThrow(/first age band must be 0/);
    expect(() => lifeExpectancy(example(), { ...OPTS, ageContents: [0, 1, 5, 20, 25, 10, 15, ...AGES.slice(7)] })).toThrow(/out of position: 20, 25/);
    expect(() => lifeExpectancy(example(), { ...OPTS, confidence: 0.8 })).toThrow(/between 0.9 and 1/);
    expect(() => lifeExpectancy(example(), { ...OPTS, deaths: 'nope' })).toThrow(/"nope"/);
  });
});

describe('configurable final open band (PHEim issues #96, #68)', () => {
  // Aggregate the example's top bands into an open 85+ (or 80+) band.
  const agg = (from: number) => ({
    ages: AGES.slice(0, from + 1),
    d: [...DEATHS.slice(0, from), DEATHS.slice(from).reduce((s, v) => s + v, 0)],
    p: [...POPS.slice(0, from), POPS.slice(from).reduce((s, v) => s + v, 0)],
  });

  it('85+: the verb equals the plain life table, and e0 stays close to the 90+ table', () => {
    const a = agg(18);
    expect(a.ages).toEqual([...LE_AGE_CONTENTS_85]);
    const out = lifeExpectancy(aq.table({ startage: a.ages, pops: a.p, deaths: a.d }), { ...OPTS, ageContents: LE_AGE_CONTENTS_85 });
    expect(out.numRows()).toBe(19);
    const lt = lifeTable(a.d, a.p, a.ages);
    expect(out.get('value', 0)).toBe(lt.e[0]);
    expect(out.get('value', 18)).toBeCloseTo(a.p[18] / a.d[18], 10); // open band: e = 1/M
    expect(Math.abs((out.get('value', 0) as number) - 80.1696)).toBeLessThan(0.1);
  });

  it('80+: 18 bands with labels such as "80+"', () => {
    const a = agg(17);
    const labels = ['0', '1-4', ...a.ages.slice(2, 17).map((x) => `${x}-${x + 4}`), '80+'];
    const out = lifeExpectancy(aq.table({ startage: labels, pops: a.p, deaths: a.d }), { ...OPTS, ageContents: LE_AGE_CONTENTS_80 });
    expect(out.numRows()).toBe(18);
    expect(out.get('value', 17)).toBeCloseTo(a.p[17] / a.d[17], 10);
    expect(out.get('lowercl', 0) as number).toBeLessThan(out.get('value', 0) as number);
    // 80+ data with the default (90+) bands: error naming the missing bands
    expect(() => lifeExpectancy(aq.table({ startage: labels, pops: a.p, deaths: a.d }), OPTS)).toThrow(/no row has the band starting at 85, 90/);
  });

  it('reads band labels as PHEim (first integer) with "<1" / "under 1" as 0', () => {
    expect(bandStartAge('10 – 14')).toBe(10);
    expect(bandStartAge('90+')).toBe(90);
    expect(bandStartAge('<1')).toBe(0);
    expect(bandStartAge('Under 1')).toBe(0);
    expect(bandStartAge(85)).toBe(85);
  });
});
