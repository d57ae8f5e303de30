import { describe, it, expect } from 'vitest';
import { readImd, readImdFile1, readImdDomains, readImdPopulation, readImdScores, IMD2019_LSOA_COUNT } from '../../src/io/imd.js';
import { fixture, inputErrorOf, sum } from './helpers.js';

describe('IMD 2019 readers on the bundled files', () => {
  it('tidy file: 32,844 LSOAs, ranks 1..32,844 (26 ranks tied as published), 10 deciles', () => {
    const t = readImd();
    expect(t.numRows()).toBe(32844);
    expect(IMD2019_LSOA_COUNT).toBe(32844);
    expect(t.columnNames()).toEqual(['lsoa11cd', 'lsoa11nm', 'lad19cd', 'lad19nm', 'imd_score', 'imd_rank', 'imd_decile', 'pop_mid2015']);
    const ranks = [...(t.array('imd_rank') as number[])].sort((a, b) => a - b);
    expect(ranks[0]).toBe(1);
    expect(ranks[32843]).toBe(32844);
    // MHCLG gives LSOAs with equal scores the same rank: 26 ranks are shared by two LSOAs
    expect(new Set(ranks).size).toBe(32844 - 26);
    expect(new Set(t.array('imd_decile') as number[]).size).toBe(10);
    expect(new Set(t.array('lad19cd') as string[]).size).toBe(317);
    expect(t.objects({ limit: 1 })[0]).toEqual({
      lsoa11cd: 'E01000001',
      lsoa11nm: 'City of London 001A',
      lad19cd: 'E09000001',
      lad19nm: 'City of London',
      imd_score: 6.208,
      imd_rank: 29199,
      imd_decile: 9,
      pop_mid2015: 1296,
    });
  });

  it('File 1 parsed from its quirky official file agrees row for row with the tidy file', () => {
    const f1 = readImdFile1();
    const tidy = readImd();
    expect(f1.numRows()).toBe(32844);
    const byCode = new Map<string, [number, number]>();
    const codes = tidy.array('lsoa11cd') as string[];
    const r = tidy.array('imd_rank') as number[];
    const d = tidy.array('imd_decile') as number[];
    codes.forEach((c, i) => byCode.set(c, [r[i], d[i]]));
    const c1 = f1.array('lsoa11cd') as string[];
    const r1 = f1.array('imd_rank') as number[];
    const d1 = f1.array('imd_decile') as number[];
    let mismatches = 0;
    c1.forEach((c, i) => {
      const want = byCode.get(c);
      if (!want || want[0] !== r1[i] || want[1] !== d1[i]) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(new Set(c1).size).toBe(32844);
  });

  it('File 2: IMD and 7 domains; its IMD rank equals File 1 row for row', () => {
    const f2 = readImdDomains();
    expect(f2.numRows()).toBe(32844);
    expect(f2.columnNames()).toEqual([
      'lsoa11cd',
      'lsoa11nm',
      'lad19cd',
      'lad19nm',
      'imd_rank',
      'imd_decile',
      'income_rank',
      'income_decile',
      'employment_rank',
      'employment_decile',
      'education_rank',
      'education_decile',
      'health_rank',
      'health_decile',
      'crime_rank',
      'crime_decile',
      'barriers_rank',
      'barriers_decile',
      'living_environment_rank',
      'living_environment_decile',
    ]);
    expect(f2.array('imd_rank')).toEqual(readImdFile1().array('imd_rank'));
    // E01000001 as published: income 32831/10, living environment 7789/3
    const first = f2.objects({ limit: 1 })[0] as Record<string, unknown>;
    expect([first.income_rank, first.income_decile, first.living_environment_rank, first.living_environment_decile]).toEqual([32831, 10, 7789, 3]);
  });

  it('File 6: populations match the tidy file and the age groups add up to the total', () => {
    const f6 = readImdPopulation();
    expect(f6.numRows()).toBe(32844);
    expect(f6.array('total_population')).toEqual(readImd().array('pop_mid2015'));
    const tot = f6.array('total_population') as number[];
    const kids = f6.array('children_0_15') as number[];
    const mid = f6.array('population_16_59') as number[];
    const old = f6.array('population_60_plus') as number[];
    expect(tot.every((t, i) => t === kids[i] + mid[i] + old[i])).toBe(true);
    expect(f6.objects({ limit: 1 })[0]).toMatchObject({
      lsoa11cd: 'E01000001',
      total_population: 1296,
      children_0_15: 175,
      population_16_59: 656,
      population_60_plus: 465,
      working_age_population: 715,
    });
    expect(sum(tot)).toBe(sum(readImd().array('pop_mid2015') as number[]));
  });

  it('scores: 16 score columns; the IMD score matches the tidy file to 3 dp', () => {
    const s = readImdScores();
    expect(s.numRows()).toBe(32844);
    expect(s.columnNames().length).toBe(17);
    const tidyScore = new Map<string, number>();
    const t = readImd();
    const tScore = t.array('imd_score') as number[];
    (t.array('lsoa11cd') as string[]).forEach((c, i) => tidyScore.set(c, tScore[i]));
    const sc = s.array('imd_score') as number[];
    const worst = (s.array('lsoa11cd') as string[]).reduce((m, c, i) => Math.max(m, Math.abs(sc[i] - (tidyScore.get(c) as number))), 0);
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
  });

  it('caches the bundled table per process (same instance) but not files passed by path', () => {
    expect(readImd()).toBe(readImd());
    expect(readImdFile1(fixture('imd_file1_clean.csv'))).not.toBe(readImdFile1(fixture('imd_file1_clean.csv')));
  });
});

describe('IMD File 1 quirks and bad input (fixtures)', () => {
  it('a file with a BOM, CRLF, quoted thousands and no final newline loads identically to a clean one', () => {
    const clean = readImdFile1(fixture('imd_file1_clean.csv'));
    const quirky = readImdFile1(fixture('imd_file1_quirky.csv'));
    expect(quirky.numRows()).toBe(9);
    expect(quirky.objects()).toEqual(clean.objects());
    expect(quirky.array('imd_rank')).toEqual([29199, 30379, 14915, 8678, 14486, 10721, 9488, 13564, 16905]);
  });

  it('malformed CSV: an unclosed quote names the file', () => {
    const e = inputErrorOf(() => readImdFile1(fixture('imd_file1_unclosed_quote.csv')));
    expect(e.message).toMatch(/imd_file1_unclosed_quote\.csv, line \d+: malformed CSV: a quoted field is never closed/);
  });

  it('malformed CSV: an extra field names the file and line', () => {
    const e = inputErrorOf(() => readImdFile1(fixture('imd_file1_extra_field.csv')));
    expect(e.message).toMatch(/imd_file1_extra_field\.csv, line 5: malformed CSV: expected 6 fields as in the header, found 7$/);
  });

  it('a rank that is not a number names file, line and column', () => {
    const e = inputErrorOf(() => readImdFile1(fixture('imd_file1_not_a_number.csv')));
    expect(e.row).toBe(6);
    expect(e.column).toBe('Index of Multiple Deprivation (IMD) Rank');
    expect(e.message).toMatch(/expected a count \(a whole number, 0 or more\), found "14486x"$/);
  });

  it('a file that is not File 1 lists what it found', () => {
    const e = inputErrorOf(() => readImdFile1(fixture('qof_prevalence_clean.csv')));
    expect(e.message).toMatch(/missing column \/\^LSOA code\/i; the header has: PRACTICE_CODE, GROUP_CODE, REGISTER/);
  });
});
