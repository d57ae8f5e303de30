/**
 * Readers of the current-geography data (IoD2025, LSOA 2021 lookups, Census 2021). Expected
 * values are the published counts and totals recorded in data/SOURCES.md (IoD2025 33,755 LSOAs,
 * 296 LAD 2024 and 42 ICB summaries; Census 2021 England 56,489,608 usual residents by age, TS021
 * 56,490,108; the exact lookup's 33,855 English rows) and a first row read by eye from IoD2025
 * File 1 (E01000001 City of London 001A: rank 26,525, decile 8).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  readImd2025,
  readImd2025LadSummary,
  readImd2025IcbSummary,
  readLsoa11Lsoa21,
  readLad22Lad23,
  readLad23Utla23,
  readLad23Region23,
  readSubIcbIcbRegion2022,
  readCensus2021AgeLsoa,
  readCensus2021EthnicityLsoa,
  readCensus2021EthnicityLad,
  ETHNIC_GROUPS_BROAD,
} from '../../src/io/index.js';
import { InputError } from '../../src/io/errors.js';

describe('IoD2025 readers', () => {
  it('LSOA table: published rank and decile, scores, IDACI/IDAOPI', () => {
    const t = readImd2025();
    expect(t.numRows()).toBe(33755);
    expect(t.filter((d: { lsoa21cd: string }) => d.lsoa21cd === 'E01000001').object(0)).toMatchObject({
      lsoa21nm: 'City of London 001A',
      lad24cd: 'E09000001',
      imd_rank: 26525,
      imd_decile: 8,
      imd_score: 8.742,
      idaci_decile: 10,
    });
    expect(aq.agg(t, aq.op.max('imd_rank'))).toBe(33755);
  });
  it('LAD 2024 and ICB 2024 summaries', () => {
    expect(readImd2025LadSummary().numRows()).toBe(296);
    const icb = readImd2025IcbSummary();
    expect(icb.numRows()).toBe(42);
    expect(icb.columnNames()).toContain('imd_average_score');
    expect(icb.columnNames()).toContain('imd_extent');
  });
  it('a decile out of range is an InputError naming line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-imd25-'));
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'lsoa21cd,lsoa21nm,lad24cd,lad24nm,imd_rank,imd_decile,imd_score\nE01000001,x,E09000001,y,1,11,3.2\n');
    expect(() => readImd2025(f)).toThrow(InputError);
    expect(() => readImd2025(f)).toThrow(/line 2.*imd_decile|imd_decile.*line 2/);
  });
});

describe('lookups and Census 2021 readers', () => {
  it('LSOA 2011 → 2021 exact lookup: 33,855 English rows, U/S/M/X only', () => {
    const t = readLsoa11Lsoa21();
    expect(t.numRows()).toBe(33855);
    expect(new Set(t.array('change_code') as string[])).toEqual(new Set(['U', 'S', 'M', 'X']));
  });
  it('LAD 2022 → 2023: Allerdale → Cumberland; 296 English LADs 2023 with UTLA and region', () => {
    const m = readLad22Lad23();
    expect(m.filter((d: { lad22_code: string }) => d.lad22_code === 'E07000026').get('lad23_name', 0)).toBe('Cumberland');
    const t = readLad23Utla23();
    const lad = t.array('lad23_code') as string[];
    const utla = (t.array('utla23_code') as string[]).filter((_, i) => lad[i].startsWith('E'));
    expect(utla).toHaveLength(296);
    expect(new Set(utla).size).toBe(153);
    expect(readLad23Region23().numRows()).toBe(296);
    expect(new Set(readSubIcbIcbRegion2022().array('nhser22_code') as string[]).size).toBe(7);
  });
  it('Census 2021: age groups add up to 56,489,608; TS021 broad groups add up to the total on every row', () => {
    const a = readCensus2021AgeLsoa();
    expect(aq.agg(a, aq.op.sum('all_ages'))).toBe(56_489_608);
    const e = readCensus2021EthnicityLsoa();
    expect(aq.agg(e, aq.op.sum('all_usual_residents'))).toBe(56_490_108);
    const total = e.array('all_usual_residents') as number[];
    const broad = ETHNIC_GROUPS_BROAD.map((g) => e.array(g.name) as number[]);
    for (let i = 0; i < total.length; i++) expect(broad.reduce((s, c) => s + c[i], 0)).toBe(total[i]);
    expect(readCensus2021EthnicityLad().numRows()).toBe(309 * 19);
  });
});
