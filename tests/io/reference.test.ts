import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { readEsp2013, readHse2022Hypertension } from '../../src/io/reference.js';
import { ESP2013_AGE_BANDS_19, ESP2013_AGE_BANDS_21 } from '../../src/io/agebands.js';
import { readerNotes } from '../../src/io/csv.js';

describe('reference tables', () => {
  it('ESP2013 in 19 bands is the PHEindicatormethods esp2013 vector', () => {
    const t = readEsp2013();
    expect(t.array('esp2013')).toEqual([5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]);
    expect(t.array('age_band')).toEqual([...ESP2013_AGE_BANDS_19]);
    expect((t.array('age_upper') as (number | null)[]).at(-1)).toBeNull();
  });

  it('ESP2013 in 21 bands splits 0 / 1-4 and 90-94 / 95+ and sums to 100,000', () => {
    const t = readEsp2013(21);
    expect(t.array('age_band')).toEqual([...ESP2013_AGE_BANDS_21]);
    expect((t.array('esp2013') as number[]).reduce((a, b) => a + b, 0)).toBe(100000);
    expect((t.array('esp2013') as number[]).slice(0, 2)).toEqual([1000, 4000]);
    expect((t.array('esp2013') as number[]).slice(-2)).toEqual([800, 200]);
  });

  it('HSE 2022 hypertension: 3 sexes × 5 statuses × 6 age bands; "-" read as null', () => {
    const t = readHse2022Hypertension();
    expect(t.numRows()).toBe(90);
    const all = t.filter(aq.escape((d: { sex: string; status: string }) => d.sex === 'Persons' && d.status === 'All with hypertension'));
    expect(all.array('percent')).toEqual([4, 15, 26, 40, 57, 69]);
    expect(all.array('age_lower')).toEqual([16, 35, 45, 55, 65, 75]);
    expect((t.array('percent') as (number | null)[]).filter((v) => v === null).length).toBe(2);
    expect(readerNotes(t)[0]).toMatch(/2 cells marked "-"/);
  });
});
