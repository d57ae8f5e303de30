import { describe, it, expect } from 'vitest';
import {
  readLsoaGeography,
  readLtlaUtla2019,
  readLadPheCentre2019,
  readLaCodeHistory,
  readUtlaCodes,
  readCcgStp2020,
  readLsoaCcgLad2020,
  readLsoaUtla2019,
} from './lookups.js';

describe('ONS lookup readers (bundled data, row counts from data/SOURCES.md)', () => {
  it('LSOA 2011 geography: 32,844 rows, snake_case columns, no blanks', () => {
    const t = readLsoaGeography();
    expect(t.numRows()).toBe(32844);
    expect(t.columnNames()).toEqual([
      'lsoa11_code',
      'lsoa11_name',
      'msoa11_code',
      'msoa11_name',
      'lad19_code',
      'lad19_name',
      'utla19_code',
      'utla19_name',
      'rgn11_code',
      'rgn11_name',
      'ccg20_code',
      'ccg20_ods_code',
      'ccg20_name',
      'stp20_code',
      'stp20_ods_code',
      'stp20_name',
      'lad20_code',
      'lad20_name',
    ]);
    const first = t.object(0) as Record<string, string>;
    expect(first).toMatchObject({ lsoa11_code: 'E01000001', lad19_code: 'E09000001', rgn11_name: 'London', ccg20_ods_code: '07T' });
    expect(new Set(t.array('lad19_code') as string[]).size).toBe(317);
    expect(new Set(t.array('utla19_code') as string[]).size).toBe(151);
  });
  it('other lookups have their published row counts', () => {
    expect(readLtlaUtla2019().numRows()).toBe(339);
    expect(readLadPheCentre2019().numRows()).toBe(317);
    expect(readLaCodeHistory().numRows()).toBe(415);
    expect(readUtlaCodes().numRows()).toBe(218);
    expect(readCcgStp2020().numRows()).toBe(135);
    expect(readLsoaCcgLad2020().numRows()).toBe(32844);
    expect(readLsoaUtla2019().numRows()).toBe(34753);
  });
  it('code history: current is boolean, blank cells are null', () => {
    const t = readLaCodeHistory();
    const rows = t.objects() as Record<string, unknown>[];
    const bournemouth = rows.find((r) => r.lad_code === 'E06000028')!;
    expect(bournemouth).toMatchObject({ lad_active_code: 'E06000058', current: false, rgn_code: 'E12000009' });
    const sandwell = rows.find((r) => r.lad_code === 'E08000028')!;
    expect(sandwell).toMatchObject({ current: true, cauth_code: 'E47000007' });
    expect(rows.find((r) => r.lad_code === 'E06000001')!.cauth_code).toBe('E47000006');
    expect(rows.some((r) => r.cauth_code === null)).toBe(true);
  });
  it('Worcestershire has 6 districts in the LTLA→UTLA 2019 lookup', () => {
    const t = readLtlaUtla2019();
    expect((t.array('utla19_code') as string[]).filter((c) => c === 'E10000034')).toHaveLength(6);
  });
});
