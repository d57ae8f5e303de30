import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { readDeaths2014, readDeathsByAgeBand, normaliseSex } from '../../src/io/deaths.js';
import { LIFE_TABLE_AGE_BANDS } from '../../src/io/agebands.js';
import { readerNotes } from '../../src/io/csv.js';
import { fixture, inputErrorOf, sum } from './helpers.js';

describe('readDeaths2014 (ONS deaths registered 2014, tidy)', () => {
  const t = readDeaths2014();

  it('has 395 areas × 2 sexes × 20 bands with age_lower/age_upper', () => {
    expect(t.numRows()).toBe(15800);
    expect(t.columnNames()).toEqual(['area_code', 'area_name', 'sex', 'age_band', 'age_lower', 'age_upper', 'deaths']);
    const bands = [...new Set(t.array('age_band') as string[])];
    expect(bands).toEqual([...LIFE_TABLE_AGE_BANDS]);
    const first = t.objects({ limit: 1 })[0];
    expect(first).toEqual({
      area_code: 'K04000001',
      area_name: 'ENGLAND AND WALES',
      sex: 'Male',
      age_band: 'Under 1',
      age_lower: 0,
      age_upper: 0,
      deaths: 1460,
    });
  });

  it('England: 229,116 male and 239,759 female deaths, equal to the sum of its districts', () => {
    for (const [sex, want] of [
      ['Male', 229116],
      ['Female', 239759],
    ] as const) {
      const eng = t.filter(aq.escape((d: { area_code: string; sex: string }) => d.area_code === 'E92000001' && d.sex === sex));
      expect(sum(eng.array('deaths') as number[])).toBe(want);
      const lads = t.filter(
        aq.escape((d: { area_code: string | null; sex: string }) => d.sex === sex && d.area_code !== null && /^E0[6789]/.test(d.area_code)),
      );
      expect(sum(lads.array('deaths') as number[])).toBe(want);
    }
  });

  it('keeps "Usual residence outside England and Wales" with a null area_code', () => {
    const out = t.filter(aq.escape((d: { area_code: string | null }) => d.area_code === null));
    expect(out.numRows()).toBe(40);
    expect(new Set(out.array('area_name') as string[])).toEqual(new Set(['Usual residence outside England and Wales']));
  });
});

describe("readDeathsByAgeBand (an analyst's own file)", () => {
  it('parses labels such as <1, 1 to 4 and 90 and over, drops the All ages row with a note', () => {
    const t = readDeathsByAgeBand(fixture('deaths_own_labels.csv'), {
      area_code: 'LA code',
      area_name: 'LA name',
      sex: 'Sex',
      age_band: 'Age group',
      deaths: 'Deaths',
    });
    expect(t.numRows()).toBe(20);
    expect(t.columnNames()).toEqual(['area_code', 'area_name', 'sex', 'age_band', 'age_lower', 'age_upper', 'deaths']);
    expect(new Set(t.array('sex') as string[])).toEqual(new Set(['Male']));
    expect((t.array('age_lower') as number[]).slice(0, 3)).toEqual([0, 1, 5]);
    expect((t.array('age_upper') as (number | null)[]).at(-1)).toBeNull();
    const tidy = readDeaths2014().filter(aq.escape((d: { area_code: string; sex: string }) => d.area_code === 'E08000028' && d.sex === 'Male'));
    expect(t.array('deaths')).toEqual(tidy.array('deaths'));
    expect(readerNotes(t)).toContain(`${'tests/fixtures/io/deaths_own_labels.csv'}: 1 "All ages"/"Total" row dropped (totals would double count)`);
  });

  it('an unknown age band is an error naming file, line and column', () => {
    const e = inputErrorOf(() => readDeathsByAgeBand(fixture('deaths_unknown_band.csv'), { sex: 'Sex', age_band: 'Age group', deaths: 'Deaths' }));
    expect(e.message).toMatch(/deaths_unknown_band\.csv, line 4, column "Age group": unknown age band "Five to nine"; expected a label such as/);
  });

  it('suppressed counts become null with a note, never zero', () => {
    const t = readDeathsByAgeBand(fixture('deaths_suppressed.csv'), { age_band: 'Age group', deaths: 'Deaths' });
    expect((t.array('deaths') as (number | null)[]).slice(0, 4)).toEqual([null, null, null, 3]);
    expect(new Set(t.array('sex') as string[])).toEqual(new Set(['Persons']));
    expect(readerNotes(t).join('\n')).toMatch(/3 suppressed values \("\*", "c", "\.\."\) in column "Deaths" read as missing \(null\), not zero/);
  });

  it('a missing column lists the header', () => {
    const e = inputErrorOf(() => readDeathsByAgeBand(fixture('deaths_own_labels.csv'), { age_band: 'Age band', deaths: 'Deaths' }));
    expect(e.message).toMatch(/missing column "Age band"; the header has: LA code, LA name, Sex, Age group, Deaths/);
  });

  it('normalises sex labels', () => {
    expect(['M', 'Males', 'female', '2', 'Persons', 'Adults', 'x'].map(normaliseSex)).toEqual(['Male', 'Male', 'Female', 'Female', 'Persons', 'Persons', null]);
  });
});
