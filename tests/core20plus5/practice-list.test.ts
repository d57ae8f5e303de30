/**
 * core20Population of a list of practices: their registered patients added up. M88006 alone is
 * 7,944 Core20 patients of 12,181 (independently computed; see tests/geography/practices.test.ts);
 * a list must equal the sum of its practices, and an LSOA shared by two practices counts once.
 */
import { describe, expect, it } from 'vitest';
import { core20Population } from '../../src/core20plus5/index.js';
import { practicePatientsByLsoa } from '../../src/geography/index.js';

describe('core20Population of a list of practices', () => {
  const a = core20Population('M88006');
  const b = core20Population('M91004');
  it('adds up the practices', () => {
    expect([a.core20_population, a.population]).toEqual([7944, 12181]);
    const both = core20Population({ practices: ['M88006', 'm91004 '], name: 'Two practices' });
    expect(both.level).toBe('practice-list');
    expect(both.area_name).toBe('Two practices');
    expect(both.population).toBe(a.population + b.population);
    expect(both.core20_population).toBe(a.core20_population + b.core20_population);
    expect(both.core20_share).toBeCloseTo((a.core20_population + b.core20_population) / (a.population + b.population), 12);
    both.deciles.forEach((d, j) => expect(d.population).toBe(a.deciles[j].population + b.deciles[j].population));
    const lsoas = new Set(practicePatientsByLsoa(['M88006', 'M91004']).array('lsoa11cd') as string[]);
    expect(both.lsoas).toBe(lsoas.size);
    expect(both.notes[0]).toBe('2 practices (M88006, M91004): their registered patients added up.');
  });
  it('takes a plain array, and one practice is that practice', () => {
    expect(core20Population(['M88006', 'M91004']).core20_population).toBe(a.core20_population + b.core20_population);
    expect(core20Population(['M88006']).area_code).toBe('M88006');
  });
  it('rejects an empty list, a repeated practice and an unknown code', () => {
    expect(() => core20Population([])).toThrow('the list of practices is empty');
    expect(() => core20Population(['M88006', 'M88006'])).toThrow('practice M88006 is listed more than once');
    expect(() => core20Population(['M88006', 'Z99999'])).toThrow('unknown GP practice code "Z99999"');
  });
});
