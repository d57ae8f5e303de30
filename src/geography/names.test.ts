import { describe, it, expect } from 'vitest';
import { normalisePlaceName, placeNameAliases, closeMatches, containsWords } from './names.js';

describe('place names', () => {
  it('normalises case, punctuation, ampersands and accents', () => {
    expect(normalisePlaceName('  Bristol, City of ')).toBe('bristol city of');
    expect(normalisePlaceName('Brighton & Hove')).toBe('brighton and hove');
    expect(normalisePlaceName("King's Lynn and West Norfolk")).toBe('kings lynn and west norfolk');
    expect(normalisePlaceName('Ynys Môn')).toBe('ynys mon');
  });
  it('adds ONS and NHS name forms', () => {
    expect(placeNameAliases('Herefordshire, County of')).toEqual(['herefordshire county of', 'herefordshire']);
    expect(placeNameAliases('NHS Black Country Integrated Care Board')).toEqual(['nhs black country integrated care board', 'black country']);
    expect(placeNameAliases('NHS Hull CCG')).toEqual(['nhs hull ccg', 'hull']);
    expect(placeNameAliases('The Black Country and West Birmingham')).toEqual(['the black country and west birmingham', 'black country and west birmingham']);
  });
  it('whole-word containment', () => {
    expect(containsWords('kingston upon hull', 'hull')).toBe(true);
    expect(containsWords('solihull', 'hull')).toBe(false);
  });
  it('close matches by edit distance, nearest first', () => {
    expect(closeMatches('sandwel', ['sandwell', 'dudley', 'walsall'])).toEqual(['sandwell']);
    expect(closeMatches('brimingham', ['birmingham', 'nottingham', 'bromsgrove'])).toEqual(['birmingham']);
    expect(closeMatches('zzzz', ['sandwell'])).toEqual([]);
    expect(closeMatches('worc', ['worcester', 'worcestershire', 'wyre forest'])).toEqual(['worcester', 'worcestershire']);
  });
});
