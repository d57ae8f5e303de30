import { describe, it, expect } from 'vitest';
import { parseAgeBand, tryParseAgeBand, ageBandLabel, LIFE_TABLE_AGE_BANDS, ESP2013_AGE_BANDS_19, ESP2013_AGE_BANDS_21 } from './agebands.js';
import { InputError } from '../core/errors.js';

describe('parseAgeBand', () => {
  it.each([
    ['Under 1', 0, 0],
    ['<1', 0, 0],
    ['0', 0, 0],
    ['1-4', 1, 4],
    ['1 to 4', 1, 4],
    ['1–4', 1, 4],
    ['0-9 yrs', 0, 9],
    ['Aged 16-34', 16, 34],
    ['85+', 85, null],
    ['90 and over', 90, null],
    ['90 plus', 90, null],
    ['95 +', 95, null],
    ['Age 75+', 75, null],
  ])('%s → %s..%s', (label, lower, upper) => {
    expect(parseAgeBand(label)).toEqual({ lower, upper });
  });

  it('rejects unknown labels with an InputError naming the label', () => {
    for (const bad of ['All ages', 'Five to nine', '4-1', 'Under 0', '']) expect(tryParseAgeBand(bad)).toBeNull();
    expect(() => parseAgeBand('Five to nine')).toThrow(InputError);
    expect(() => parseAgeBand('Five to nine')).toThrow(/unknown age band "Five to nine"/);
  });

  it('labels bands conventionally', () => {
    expect(ageBandLabel({ lower: 90, upper: null })).toBe('90+');
    expect(ageBandLabel({ lower: 1, upper: 4 })).toBe('1-4');
    expect(ageBandLabel({ lower: 0, upper: 0 })).toBe('0');
  });

  it('has the standard band sets, contiguous from 0 to an open top band', () => {
    for (const [set, n] of [
      [LIFE_TABLE_AGE_BANDS, 20],
      [ESP2013_AGE_BANDS_19, 19],
      [ESP2013_AGE_BANDS_21, 21],
    ] as const) {
      expect(set.length).toBe(n);
      const bands = set.map(parseAgeBand);
      expect(bands[0].lower).toBe(0);
      for (let i = 1; i < bands.length; i++) expect(bands[i].lower).toBe((bands[i - 1].upper as number) + 1);
      expect(bands[bands.length - 1].upper).toBeNull();
    }
    expect(LIFE_TABLE_AGE_BANDS[0]).toBe('Under 1');
    expect(ESP2013_AGE_BANDS_21.slice(-2)).toEqual(['90-94', '95+']);
  });
});
