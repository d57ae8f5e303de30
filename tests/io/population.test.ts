import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { readMye2, populationByAgeBand, readMye3Components } from '../../src/io/population.js';
import { LIFE_TABLE_AGE_BANDS, ESP2013_AGE_BANDS_19 } from '../../src/io/agebands.js';
import { readerNotes } from '../../src/io/csv.js';
import { fixture, inputErrorOf, sum } from './helpers.js';

function allAges(t: aq.ColumnTable): Map<string, number> {
  const m = new Map<string, number>();
  const codes = t.array('area_code') as string[];
  const pop = t.array('population') as number[];
  codes.forEach((c, i) => m.set(c, (m.get(c) ?? 0) + pop[i]));
  return m;
}

describe('readMye2 mid-2019 (LAD 2019 codes)', () => {
  const persons = readMye2();

  it('is long: 430 areas × ages 0..90 (90 = 90+), with geography', () => {
    expect(persons.numRows()).toBe(430 * 91);
    expect(persons.columnNames()).toEqual(['area_code', 'area_name', 'geography', 'sex', 'age', 'population']);
    const ages = new Set(persons.array('age') as number[]);
    expect(ages.size).toBe(91);
    expect(Math.max(...ages)).toBe(90);
  });

  it('England 56,286,961 equals the sum of its ages and of its districts (E06/E07/E08/E09)', () => {
    const totals = allAges(persons);
    expect(totals.get('E92000001')).toBe(56286961);
    let districts = 0;
    for (const [code, n] of totals) if (/^E0[6789]/.test(code)) districts += n;
    expect(districts).toBe(56286961);
    // Sandwell mid-2019 (ONS): 328,450
    expect(totals.get('E08000028')).toBe(328450);
  });

  it('Males + Females = Persons for every area and age', () => {
    const m = readMye2({ sex: 'Male' });
    const f = readMye2({ sex: 'Female' });
    const mp = m.array('population') as number[];
    const fp = f.array('population') as number[];
    const pp = persons.array('population') as number[];
    expect(m.array('area_code')).toEqual(persons.array('area_code'));
    expect(pp.every((p, i) => p === mp[i] + fp[i])).toBe(true);
    expect(new Set(m.array('sex') as string[])).toEqual(new Set(['Male']));
  });
});

describe('readMye2 mid-2014 (raw sheet export)', () => {
  it('skips title, blank and trailing columns: 440 coded areas, quoted thousands parsed', () => {
    const m = readMye2({ year: 2014, sex: 'Male' });
    expect(m.numRows()).toBe(440 * 91);
    expect(m.columnNames()).toEqual(['area_code', 'area_name', 'sex', 'age', 'population']);
    expect(allAges(m).get('K02000001')).toBe(31793752);
  });

  it('Persons = Males + Females (ONS published no persons sheet in this export)', () => {
    const p = readMye2({ year: 2014 });
    const m = allAges(readMye2({ year: 2014, sex: 'Male' }));
    const f = allAges(readMye2({ year: 2014, sex: 'Female' }));
    const pt = allAges(p);
    expect(pt.get('E92000001')).toBe((m.get('E92000001') as number) + (f.get('E92000001') as number));
    expect(new Set(p.array('sex') as string[])).toEqual(new Set(['Persons']));
  });

  it('copes with footnote lines after the data and names the file in a note', () => {
    const t = readMye2({ file: fixture('mye2_2014_excerpt_with_footnotes.csv') });
    expect(t.numRows()).toBe(3 * 91);
    expect(new Set(t.array('area_code') as string[])).toEqual(new Set(['E92000001', 'E08000028', 'E07000089']));
    expect(new Set(t.array('sex') as string[])).toEqual(new Set(['Male'])); // from the MALES title line
    expect(readerNotes(t)[0]).toMatch(/2 non-blank lines without a GSS code \(notes or footnotes\) skipped/);
  });

  it('a row whose ages do not sum to All ages is an error naming the line', () => {
    const e = inputErrorOf(() => readMye2({ file: fixture('mye2_2014_bad_sum.csv'), sex: 'Male' }));
    expect(e.row).toBe(5);
    expect(e.column).toBe('ALL AGES');
    expect(e.message).toMatch(
      /mye2_2014_bad_sum\.csv, line 5, column "ALL AGES": the single years of age sum to \d+ but "All ages" is \d+ \(area E08000028\)$/,
    );
  });
});

describe('populationByAgeBand', () => {
  const persons = readMye2();

  it('20 life-table bands add up to the all-ages total for every area', () => {
    const b = populationByAgeBand(persons, LIFE_TABLE_AGE_BANDS);
    expect(b.numRows()).toBe(430 * 20);
    expect(allAges(b)).toEqual(allAges(persons));
    const eng = b.filter(aq.escape((d: { area_code: string }) => d.area_code === 'E92000001'));
    expect(eng.array('age_band')).toEqual([...LIFE_TABLE_AGE_BANDS]);
    expect((eng.array('age_upper') as (number | null)[]).at(-1)).toBeNull();
  });

  it('ESP2013 19 bands and custom bands such as 0-15', () => {
    const b19 = populationByAgeBand(persons, ESP2013_AGE_BANDS_19);
    expect(b19.numRows()).toBe(430 * 19);
    const kids = populationByAgeBand(persons, ['0-15']);
    const sand = kids.filter(aq.escape((d: { area_code: string }) => d.area_code === 'E08000028'));
    const single = persons.filter(aq.escape((d: { area_code: string; age: number }) => d.area_code === 'E08000028' && d.age <= 15));
    expect(sand.array('population')).toEqual([sum(single.array('population') as number[])]);
  });

  it('refuses bands that split the open 90+ group or overlap', () => {
    expect(() => populationByAgeBand(persons, ['85-89', '90-94', '95+'])).toThrow(/age band "90-94" reaches the open top age 90\+/);
    expect(() => populationByAgeBand(persons, ['0-4', '4-9'])).toThrow('age bands "0-4" and "4-9" overlap at age 4');
    expect(() => populationByAgeBand(persons, ['young'])).toThrow(/unknown age band "young"/);
  });

  it('never turns a missing value into 0', () => {
    const t = aq.table({ area_code: ['A', 'A', 'A'], age: [0, 1, 2], population: [5, null, 7] });
    const b = populationByAgeBand(t, ['0', '1-2', '3+'], { topAge: 90 });
    expect(b.array('population')).toEqual([5, null, null]);
  });
});

describe('readMye3Components', () => {
  it('reads components of change, "-" as null with a note', () => {
    const t = readMye3Components();
    expect(t.numRows()).toBe(430);
    const eng = t.objects().find((r) => (r as { area_code: string }).area_code === 'E92000001') as Record<string, number>;
    expect(eng.population_mid2019).toBe(56286961);
    expect(eng.population_mid2018 + eng.births - eng.deaths + eng.internal_net + eng.international_net + eng.other).toBe(56286961);
    expect(readerNotes(t).some((n) => /suppressed values \("-"\) in column "Internal Migration Inflow"/.test(n))).toBe(true);
  });
});
