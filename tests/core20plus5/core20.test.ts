/**
 * Core20 on real data. Expected figures were computed independently with Python (csv + gzip,
 * no healthgap code) from data/imd/IoD2019_File6_population_denominators_lsoa11.csv.gz (columns
 * "Total population: mid 2015" and "Dependent Children aged 0-15", thousands separators removed)
 * joined on LSOA code to data/imd/imd2019_lsoa11_england_tidy.csv.gz (imd_decile <= 2 = Core20),
 * areas taken by the File 6 LAD 2019 code:
 *   England        all ages 10,906,867 / 54,728,204 = 19.929%   CYP 2,497,231 / 10,405,050 = 24.000%
 *   Black Country  (E08000027/28/30/31) all ages 556,142 / 1,166,418 = 47.679%
 *                  CYP 131,454 / 241,252 = 54.488%
 *   Sandwell       192,396 / 319,101 = 60.293%   CYP 45,064 / 70,711 = 63.730%
 *   Herefordshire  14,297 / 188,522 = 7.584%     CYP 3,115 / 31,713 = 9.822%
 * Practice M88006 (Cape Hill Medical Centre): see tests/geography/practices.test.ts (7,944 / 12,181).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import {
  core20Population,
  core20ByArea,
  localDeciles,
  flagCore20,
  core20Gap,
  compareProportions,
  core20Summary,
  CORE20_LABEL,
} from '../../src/core20plus5/index.js';
import { InputError, UnknownAreaError } from '../../src/core/errors.js';
import { main } from '../../src/cli/main.js';

describe('Core20 population shares on IMD 2019 (IoD2019 File 6, mid-2015)', () => {
  it('England: 19.93% of residents by construction, 24.0% of children', () => {
    const e = core20Population('England', { imd: 2019 });
    expect(e.population).toBe(54728204);
    expect(e.core20_population).toBe(10906867);
    expect(e.core20_share).toBeCloseTo(0.19929152069379072, 12);
    expect(e.cyp_core20_share).toBeCloseTo(0.24000182603639578, 12);
    expect(e.core20_lsoas).toBe(6568);
    expect(e.denominator).toMatch(/mid-2015.*excluding prisoners/);
  });
  it('Black Country ICB (Dudley, Sandwell, Walsall, Wolverhampton): CYP 54.5% in Core20', () => {
    const bc = core20Population('E54000062', { imd: 2019 });
    expect(bc.area_name).toMatch(/Black Country/);
    expect(bc.cyp_population).toBe(241252);
    expect(bc.cyp_core20_population).toBe(131454);
    expect(bc.cyp_core20_share).toBeCloseTo(0.5448825294712583, 12);
    expect(bc.core20_share).toBeCloseTo(0.4767947682563198, 12);
    // the same from the four LADs' own LSOA lists
    const lads = ['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton'].map((p) => core20Population(p, { imd: 2019 }));
    expect(lads.reduce((s, p) => s + p.cyp_core20_population!, 0)).toBe(131454);
  });
  it('Sandwell ≈ 60% of all ages; Herefordshire < 10%', () => {
    expect(core20Population('Sandwell', { imd: 2019 }).core20_share).toBeCloseTo(0.6029313602903156, 12);
    const h = core20Population('herefordshire', { imd: 2019 });
    expect(h.core20_population).toBe(14297);
    expect(h.core20_share).toBeLessThan(0.1);
    expect(h.cyp_core20_share).toBeCloseTo(0.0982247028032668, 12);
  });
  it('deciles and quintiles add up', () => {
    const s = core20Population('Sandwell', { imd: 2019 });
    expect(s.deciles.reduce((a, d) => a + d.population, 0)).toBe(s.population);
    expect(s.quintiles[0].population).toBe(s.core20_population);
    expect(s.deciles.reduce((a, d) => a + d.lsoas, 0)).toBe(186);
  });
  it('a GP practice from its registered patients by LSOA', () => {
    const p = core20Population('M88006');
    expect(p.level).toBe('practice');
    expect(p.core20_population).toBe(7944);
    expect(p.population).toBe(12181);
    expect(p.cyp_core20_share).toBeNull();
    expect(p.notes.join(' ')).toMatch(/13 registered patients have no LSOA recorded/);
  });
  it("a user's own LSOA list", () => {
    const p = core20Population({ lsoas: ['E01009935', 'E01011959'], name: 'two LSOAs' }, { imd: 2019 });
    expect(p.lsoas).toBe(2);
    expect(p.core20_lsoas).toBe(1);
  });
  it('every area at a level: ICB shares sum to England', () => {
    const t = core20ByArea('icb', { imd: 2019 });
    expect(t.numRows()).toBe(42);
    expect((t.array('core20_population') as number[]).reduce((a, b) => a + b, 0)).toBe(10906867);
  });
});

describe('local deciles', () => {
  it('Herefordshire 116 LSOAs → groups of 11 or 12, ordered by national rank', () => {
    const t = localDeciles('Herefordshire', { imd: 2019 });
    expect(t.numRows()).toBe(116);
    const sizes = t.groupby('local_decile').count().array('count') as number[];
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(116);
    for (const s of sizes) expect([11, 12]).toContain(s);
    // position i (1-based) of N goes to ⌈10 i / N⌉: the 12th most deprived is in group ⌈120/116⌉ = 2
    expect(t.get('local_decile', 10)).toBe(1);
    expect(t.get('local_decile', 11)).toBe(2);
    const ranks = t.array('imd_rank') as number[];
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThan(ranks[i - 1]);
  });
});

describe('bad input', () => {
  it('unknown LSOA codes and LSOA 2021 codes: clear errors naming the row', () => {
    expect(() => flagCore20(aq.table({ lsoa11cd: ['E01009935', 'E0100993'] }))).toThrow(
      /row 2, column "lsoa11cd": "E0100993" is not an English LSOA 2011 code/,
    );
    expect(() => flagCore20(aq.table({ lsoa11cd: ['E01035000'] }), { source: 'mine.csv' })).toThrow(
      /mine\.csv, line 2, column "lsoa11cd": LSOA "E01035000".*LSOA 2021.*best-fit lookup.*IMD 2025/,
    );
  });
  it('duplicate LSOAs in a list; blanks; unknown places and practices', () => {
    expect(() => core20Population({ lsoas: ['E01009935', 'e01009935'] }, { imd: 2019 })).toThrow(/row 2.*duplicate LSOA E01009935 \(first at row 1\)/);
    expect(() => core20Population({ lsoas: ['E01009935', ''] }, { imd: 2019 })).toThrow(/missing LSOA code/);
    expect(() => core20Population('Sandwel')).toThrow(UnknownAreaError);
    expect(() => core20Population('Z99999')).toThrow(/unknown GP practice code "Z99999"/);
  });
  it('negative counts in a Core20 gap table', () => {
    const t = aq.table({ lsoa11cd: ['E01009935', 'E01011959'], x: [5, -1], n: [10, 10] });
    expect(() => core20Gap(t, { lsoa: 'lsoa11cd', x: 'x', n: 'n' })).toThrow(InputError);
  });
});

describe('Core20 vs the rest', () => {
  it('per-LSOA counts: assigns by IMD 2019 and compares with Newcombe / Katz', () => {
    // E01009935 Sandwell 027B (decile 1) and E01009951 (decile 1) are Core20; E01009417 and E01011959 (decile 7) are not
    const t = aq.table({ lsoa11cd: ['E01009935', 'E01009417', 'E01009951', 'E01011959'], x: [30, 20, 26, 28], n: [40, 40, 30, 40] });
    const g = core20Gap(t, { lsoa: 'lsoa11cd', x: 'x', n: 'n' });
    expect(g.numRows()).toBe(1);
    const r = g.object(0) as Record<string, number | string>;
    expect(r.group).toBe(CORE20_LABEL);
    expect([r.x, r.n, r.reference_x, r.reference_n]).toEqual([56, 70, 48, 80]);
    // Newcombe (1998) example (a): 0.0524 to 0.3339 → ×100
    expect(r.gap_lowercl as number).toBeCloseTo(5.24, 2);
    expect(r.gap_uppercl as number).toBeCloseTo(33.39, 2);
    expect(r.significance).toBe('Higher');
  });
  it('by national quintile, as rates', () => {
    const t = aq.table({ q: [1, 2, 3, 4, 5], deaths: [120, 60, 50, 50, 40], pop: [50000, 40000, 40000, 40000, 30000] });
    const g = core20Gap(t, { quintile: 'q', x: 'deaths', n: 'pop', statistic: 'rate' });
    expect(g.get('reference_x', 0)).toBe(200);
    expect(g.get('ratio', 0)).toBeCloseTo(1.8, 12);
    expect(g.get('ratio_lowercl', 0)).toBeCloseTo(1.435437266443411, 12);
  });
  it('values with CIs (one Core20 row, one rest row)', () => {
    const t = aq.table({ c20: ['Core20', 'Rest'], v: [30, 20], lo: [26, 18], hi: [34, 22] });
    const g = core20Gap(t, { core20: 'c20', value: 'v', lower: 'lo', upper: 'hi', polarity: 'high-is-good' });
    expect(g.get('gap_lowercl', 0)).toBeCloseTo(5.527864045000421, 12);
    expect(g.get('significance', 0)).toBe('Better');
  });
  it('agrees with compareProportions', () => {
    const c = compareProportions(56, 70, 48, 80);
    expect(c.gap.lower!).toBeCloseTo(5.24314724023649, 10);
  });
});

describe('Core20 summary', () => {
  it('Sandwell: numbers in the narrative come from the calculation', () => {
    const s = core20Summary('Sandwell', { imd: 2019 });
    expect(s.region?.area_code).toBe('E12000005');
    expect(s.narrative[0]).toContain('192,396 of 319,101 residents (60.3%)');
    expect(s.narrative[0]).toContain('3.0 times the England share of 19.9%');
    expect(s.narrative[1]).toContain('45,064 of 70,711 (63.7%)');
    expect(s.deciles).toHaveLength(10);
    expect(s.deciles[0].englandShare! + s.deciles[1].englandShare!).toBeCloseTo(19.929152069379072, 9);
    expect(s.table.numRows()).toBe(8);
    expect(s.notes[0]).toBe('IMD: IMD 2019; IMD 2025 is the default.');
    expect(s.notes[1]).toMatch(/File 6/);
  });
});

describe('healthgap core20 (CLI)', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const wo = process.stdout.write.bind(process.stdout);
    const we = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
    try {
      const code = await main(['node', 'healthgap', ...args]);
      return { code, out, err };
    } finally {
      process.stdout.write = wo;
      process.stderr.write = we;
    }
  };
  it('prints the summary table', async () => {
    const r = await run(['core20', 'Herefordshire', '--imd', '2019']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Share in Core20, all ages \(%\)\s+7\.6\s+29\.9\s+19\.9/);
  });
  it('--csv and --json', async () => {
    const c = await run(['core20', 'E08000028', '--csv', '--imd', '2019']);
    expect(c.out.split('\n')[0]).toBe('measure,area,region,england,area_name,region_name');
    const j = await run(['core20', 'NHS', 'Black', 'Country', '--json', '--imd', '2019']);
    expect(JSON.parse(j.out).area.cyp_core20_population).toBe(131454);
  });
  it('unknown place → exit 2 with suggestions', async () => {
    const r = await run(['core20', 'Sandwel']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: unknown area "Sandwel"; did you mean "Sandwell/);
  });
});
