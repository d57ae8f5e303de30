/**
 * Core20 on IMD 2025, the IMD 2019 → 2025 transition and PLUS ethnicity, on the real bundled data.
 * Expected figures were computed independently with Python (csv + gzip, no healthgap code) from
 * data/imd/imd2025_lsoa21_england.csv.gz (published File 1 deciles), data/population/
 * census21_lsoa21_age6_england.csv.gz, data/population/census21_ts021_ethnicity_lsoa21_england.csv.gz,
 * data/lookups/lsoa21_ward24_lad24_england.csv.gz (LAD 2024 of each LSOA 2021),
 * data/lookups/lsoa11_lsoa21_exact_england.csv.gz and data/imd/imd2019_lsoa11_england_tidy.csv.gz:
 *   IMD 2025 decile sizes 3,375 (odd deciles) / 3,376 (even); deciles 1-2: 6,751 LSOAs
 *   England   Core20 11,414,155 / 56,489,608; CYP 2,566,428 / 10,483,159
 *   Sandwell  190 LSOAs, 107 Core20; 196,880 / 341,821; CYP 46,783 / 75,797
 *   Cumberland 177 LSOAs, 42 Core20; 63,615 / 273,252; CYP 12,109 / 45,388
 *   Transition, England (LSOAs / people): stayed 5,870 / 9,886,680; entered 877 / 1,518,624;
 *     left 830 / 1,453,691; partly Core20 in 2019 and Core20 in 2025 4 / 8,851, not in 2025 10 / 25,231;
 *     never 26,164 / 43,596,531
 *   Transition, Sandwell: stayed 101 / 185,182; entered 6 / 11,698; left 14 / 25,029; never 69 / 119,912
 *   TS021 Asian, Asian British or Asian Welsh: Sandwell 88,027 (54,515 in Core20); England 5,426,498 (1,844,907)
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import {
  core20Population,
  core20Summary,
  core20Transition,
  plusEthnicity,
  flagCore20,
  core20ByArea,
  PRACTICE_IMD2025_UNAVAILABLE,
} from '../../src/core20plus5/index.js';
import { readImd2025 } from '../../src/io/imd2025.js';
import { runCliInProcess } from '../helpers/cli.js';

describe('Core20 on IMD 2025 (the default)', () => {
  it('6,751 LSOAs 2021 in national deciles 1-2, published decile sizes alternate 3,375/3,376', () => {
    const dec = readImd2025().array('imd_decile') as number[];
    const n = (d: number) => dec.filter((x) => x === d).length;
    expect(n(1) + n(2)).toBe(6751);
    for (let d = 1; d <= 10; d++) expect(n(d), `decile ${d}`).toBe(d % 2 ? 3375 : 3376);
  });

  it('England and Sandwell on Census 2021 populations; the IMD used is stated', () => {
    const e = core20Population('England');
    expect(e).toMatchObject({
      imd: 2025,
      lsoas: 33755,
      core20_lsoas: 6751,
      population: 56_489_608,
      core20_population: 11_414_155,
      cyp_population: 10_483_159,
      cyp_core20_population: 2_566_428,
    });
    expect(e.denominator).toMatch(/^Census 2021 usual residents/);
    const s = core20Population('Sandwell');
    expect(s).toMatchObject({ lsoas: 190, core20_lsoas: 107, population: 341_821, core20_population: 196_880, cyp_core20_population: 46_783 });
    expect(core20Summary('Sandwell').notes[0]).toBe('IMD: IMD 2025 (the default); IMD 2019 with --imd 2019 / { imd: 2019 }.');
  });

  it('a 2023 authority: Cumberland; an old area (Cumbria county) is carried exactly through the lookup', () => {
    expect(core20Population('Cumberland')).toMatchObject({
      area_code: 'E06000063',
      lsoas: 177,
      core20_lsoas: 42,
      population: 273_252,
      core20_population: 63_615,
      cyp_core20_population: 12_109,
    });
    const cumbria = core20Population('E10000006');
    const wf = core20Population('Westmorland and Furness');
    expect(cumbria.population).toBe(273_252 + wf.population);
    expect(cumbria.notes.join(' ')).toMatch(/nest exactly/);
    // on IMD 2019 Cumberland is the sum of its three predecessor districts
    const old = core20Population('Cumberland', { imd: 2019 });
    const parts = ['Allerdale', 'Carlisle', 'Copeland'].map((p) => core20Population(p, { imd: 2019 }));
    expect(old.population).toBe(parts.reduce((a, p) => a + p.population, 0));
    expect(old.notes.join(' ')).toMatch(/exact union of Allerdale/);
  });

  it('ICB 2024 shares add up to England; flagCore20 reads LSOA 2021 codes on IMD 2025', () => {
    const t = core20ByArea('icb');
    expect(t.numRows()).toBe(42);
    expect(aq.agg(t, aq.op.sum('core20_population'))).toBe(11_414_155);
    const f = flagCore20(aq.table({ lsoa21cd: ['E01000001'] }));
    expect(f.get('imd_decile', 0)).toBe(8);
    expect(() => flagCore20(aq.table({ lsoa21cd: ['E01099999'] }))).toThrow(/unknown LSOA 2021 code E01099999/);
  });

  it('practices: IMD 2019 with the reason stated; IMD 2025 asked for explicitly is a clear error', () => {
    const p = core20Population('M88006');
    expect(p.imd).toBe(2019);
    expect(p.notes.at(-1)).toBe(`On IMD 2019, not IMD 2025: ${PRACTICE_IMD2025_UNAVAILABLE}`);
    expect(() => core20Population('M88006', { imd: 2025 })).toThrow(
      /GP practice M88006 on IMD 2025: not available exactly; use practiceCore20Imd2025 .*LSOA 2021/,
    );
  });
});

describe('the IMD 2019 → 2025 transition', () => {
  it('England: counts of LSOAs and people by change', () => {
    const t = core20Transition('England');
    const by = Object.fromEntries(t.counts.map((c) => [c.change, [c.lsoas, c.population]]));
    expect(by).toEqual({
      stayed: [5870, 9_886_680],
      entered: [877, 1_518_624],
      left: [830, 1_453_691],
      'partly-entered': [4, 8_851],
      'partly-left': [10, 25_231],
      never: [26164, 43_596_531],
    });
    expect(t.core20_2025).toMatchObject({ lsoas: 6751, population: 11_414_155 });
    expect(t.lsoas.numRows()).toBe(33755);
  });

  it('Sandwell, with its LSOA rows', () => {
    const t = core20Transition('Sandwell');
    expect(t.counts.map((c) => [c.change, c.lsoas, c.population])).toEqual([
      ['stayed', 101, 185_182],
      ['entered', 6, 11_698],
      ['left', 14, 25_029],
      ['partly-entered', 0, 0],
      ['partly-left', 0, 0],
      ['never', 69, 119_912],
    ]);
    const rows = t.lsoas.objects() as { change: string; core20_2019: string; core20_2025: boolean; imd2025_decile: number }[];
    for (const r of rows) expect(r.core20_2025).toBe(r.imd2025_decile <= 2);
    expect(rows.filter((r) => r.change === 'left').every((r) => r.core20_2019 === 'yes' && !r.core20_2025)).toBe(true);
  });
});

describe('PLUS groups by ethnicity', () => {
  it('Sandwell: Asian residents and those in Core20; England comparator', () => {
    const p = plusEthnicity('Sandwell');
    const asian = p.rows.find((r) => r.group === 'asian')!;
    expect(asian).toMatchObject({ population: 88_027, core20_population: 54_515 });
    expect(asian.share_in_core20).toBeCloseTo(54_515 / 88_027, 12);
    expect(asian.england_share_in_core20).toBeCloseTo(1_844_907 / 5_426_498, 12);
    expect(p.rows.map((r) => r.group)).toEqual(['asian', 'black', 'mixed', 'white', 'other']);
    expect(plusEthnicity('Sandwell', { detail: 'detailed' }).rows).toHaveLength(19);
  });
});

describe('healthgap core20 (CLI) on IMD 2025', () => {
  it('states the IMD; --imd 2019 switches; --transition and --plus ethnicity print their tables', async () => {
    const r = await runCliInProcess('core20', 'Sandwell');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Core20 summary: Sandwell \(E08000028\), IMD 2025$/m);
    expect(r.out).toMatch(/Share in Core20, all ages \(%\)\s+57\.6/);
    const old = await runCliInProcess('core20', 'Sandwell', '--imd', '2019');
    expect(old.out).toMatch(/IMD 2019$/m);
    const t = await runCliInProcess('core20', 'Sandwell', '--transition');
    expect(t.out).toMatch(/entered Core20 \(not Core20 on IMD 2019\)\s+6\s+11,698\s+3,049/);
    const csv = await runCliInProcess('core20', 'Sandwell', '--transition', '--csv');
    expect(csv.out.split('\n')[0]).toBe(
      'lsoa21cd,lsoa21nm,lsoa11cds,change_code,imd2019_deciles,core20_2019,imd2025_decile,core20_2025,change,population,cyp_population',
    );
    expect(csv.out.trim().split('\n')).toHaveLength(191);
    const p = await runCliInProcess('core20', 'Sandwell', '--plus', 'ethnicity');
    expect(p.out).toMatch(/Asian, Asian British or Asian Welsh\s+88,027\s+25\.8\s+54,515\s+61\.9\s+34\.0/);
    const bad = await runCliInProcess('core20', 'Sandwell', '--imd', '2015');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown IMD "2015"/);
  });
});
