/**
 * GP practices on IMD 2025, estimated from registrations by LSOA 2011 through the ONS LSOA 2011 →
 * 2021 exact lookup (src/core20plus5/practiceImd2025.ts), on the real bundled data.
 *
 * Expected figures were computed independently with Python (csv + gzip, no healthgap code) from
 * data/gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv.gz, data/lookups/
 * lsoa11_lsoa21_exact_england.csv.gz, data/imd/imd2025_lsoa21_england.csv.gz (published deciles)
 * and data/population/census21_lsoa21_age6_england.csv.gz: for each English LSOA 2011 row of the
 * practice, the LSOA 2021 parts; if all parts or none are in deciles 1-2 the patients count
 * exactly, otherwise they are shared by the parts' Census 2021 all-ages residents.
 *   M88006 Cape Hill Medical Centre: 12,181 patients, 10,006 exact, 2,175 shared; Core20 exact 8,248;
 *     estimate 9,440.9105 (77.505%), range 67.712% to 85.568%
 *   M91004 St Peter's Surgery (Walsall): 9,904 patients, all exact, 9,135 in Core20 (92.235%)
 *   E85124 GP at Hand: 89,755 patients, 2,315 shared; estimate 13,516.9882 (15.060%), range 13.920% to 16.499%
 */
import { describe, expect, it } from 'vitest';
import { practiceCore20Imd2025 } from '../../src/core20plus5/practiceImd2025.js';
import { core20Population } from '../../src/core20plus5/core20.js';

describe('GP practices on IMD 2025 (estimate through the exact LSOA lookup)', () => {
  it('Cape Hill Medical Centre: exact and shared patients, the estimate and its range', () => {
    const p = practiceCore20Imd2025('M88006');
    expect(p.imd).toBe(2025);
    expect([p.patients, p.exact_patients, p.apportioned_patients]).toEqual([12181, 10006, 2175]);
    expect(p.core20_patients).toBeCloseTo(9440.9105, 3);
    expect(p.core20_share_low! * 12181).toBeCloseTo(8248, 6);
    expect(p.core20_share_high! * 12181).toBeCloseTo(8248 + 2175, 6);
    expect(p.core20_share_low!).toBeLessThan(p.core20_share!);
    expect(p.core20_share!).toBeLessThan(p.core20_share_high!);
    // its registered patients are the same as on IMD 2019 (the same English LSOA 2011 rows)
    expect(core20Population('M88006', { imd: 2019 }).population).toBe(12181);
    expect(p.method).toMatch(/^Estimate: .*Census 2021 usual residents/);
    expect(p.notes[0]).toMatch(/10,006 of 12,181 patients \(82\.1%\) have a Core20 status known exactly/);
  });

  it('a practice whose patients all live in unchanged or agreeing LSOAs has no range', () => {
    const p = practiceCore20Imd2025('M91004');
    expect([p.patients, p.exact_patients, p.apportioned_patients, p.core20_patients]).toEqual([9904, 9904, 0, 9135]);
    expect(p.core20_share_low).toBe(p.core20_share_high);
  });

  it('a list of practices adds up; a repeated or unknown code is a one-line error', () => {
    const both = practiceCore20Imd2025(['M88006', 'E85124']);
    expect(both.patients).toBe(12181 + 89755);
    expect(both.core20_patients).toBeCloseTo(9440.9105 + 13516.9882, 3);
    expect(() => practiceCore20Imd2025(['M88006', 'm88006'])).toThrow(/M88006 is listed more than once/);
    expect(() => practiceCore20Imd2025('M99999')).toThrow(/unknown GP practice code "M99999"/);
  });

  it('core20Population keeps practices exact on IMD 2019 and points to the estimate for IMD 2025', () => {
    expect(() => core20Population('M88006', { imd: 2025 })).toThrow(/not available exactly; use practiceCore20Imd2025/);
  });
});
