/**
 * GP practice deprivation from registered patients by LSOA (bundled NHS Digital January 2021
 * extract × IMD 2019). Expected figures were computed independently with a Python csv/gzip join of
 * data/gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv.gz and
 * data/imd/imd2019_lsoa11_england_tidy.csv.gz (sum NUMBER_OF_PATIENTS where LSOA_CODE is in IMD,
 * and where imd_decile <= 2), and against the checks recorded in data/SOURCES.md.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { practiceDeprivation, practiceAreaShares, practiceRegistrationNotes, practicePatientsByLsoa, practiceName } from '../../src/geography/practices.js';
import { InputError } from '../../src/core/errors.js';

const row = (code: string) =>
  practiceDeprivation()
    .filter(aq.escape((d: { practice_code: string }) => d.practice_code === code))
    .object(0) as Record<string, number>;

describe('practiceDeprivation (bundled January 2021 extract)', () => {
  it('covers every practice and matches the SOURCES.md totals', () => {
    const t = practiceDeprivation();
    expect(t.numRows()).toBe(6658);
    const sum = (c: string) => (t.array(c) as number[]).reduce((a, b) => a + b, 0);
    expect(sum('patients_total')).toBe(60606345);
    expect(sum('patients_english')).toBe(60557453);
    // 20.78% of patients with an English LSOA live in Core20 LSOAs (SOURCES.md check)
    expect(sum('core20_patients') / sum('patients_english')).toBeCloseTo(0.2078, 4);
    expect(sum('imd_q1')).toBe(sum('imd_d1') + sum('imd_d2'));
  });

  it('A81001 The Densham Surgery: 1,533 of 4,100 patients in Core20 (37.39%), weighted IMD score 33.81', () => {
    const r = row('A81001');
    expect(r.patients_total).toBe(4100);
    expect(r.patients_english).toBe(4100);
    expect(r.imd_d1).toBe(1520);
    expect(r.imd_d2).toBe(13);
    expect(r.core20_patients).toBe(1533);
    expect(r.core20_share).toBeCloseTo(1533 / 4100, 12);
    expect(r.imd_score).toBeCloseTo(33.808654390243895, 9);
  });

  it('M88006 Cape Hill Medical Centre (Sandwell): 7,944 of 12,181 English-LSOA patients in Core20 (65.2%); 13 without LSOA', () => {
    const r = row('M88006');
    expect(r.patients_total).toBe(12194);
    expect(r.patients_english).toBe(12181);
    expect(r.patients_no_lsoa + r.patients_wales).toBe(13);
    expect(r.core20_patients).toBe(7944);
    expect(r.core20_share).toBeCloseTo(0.65216320499138, 12);
    expect(r.imd_score).toBeCloseTo(40.123037024874826, 9);
    expect(practiceName('m88006')).toBe('CAPE HILL MEDICAL CENTRE');
  });

  it('counts NO2011 and Welsh rows instead of dropping them silently', () => {
    const n = practiceRegistrationNotes();
    expect(n.noLsoaRows).toBe(4656);
    expect(n.noLsoaPatients).toBe(34879);
    expect(n.walesPatients).toBe(14013);
    expect(n.patientsTotal - n.noLsoaPatients - n.walesPatients).toBe(n.patientsEnglish);
    expect(n.notes[0]).toContain('34,879');
  });

  it('practice quintile of the weighted score puts the most deprived practices in quintile 1', () => {
    const t = practiceDeprivation();
    const q = t.array('imd_score_quintile') as number[];
    const s = t.array('imd_score') as number[];
    let maxQ5 = -Infinity;
    let minQ1 = Infinity;
    q.forEach((v, i) => {
      if (v === 5) maxQ5 = Math.max(maxQ5, s[i]);
      if (v === 1) minQ1 = Math.min(minQ1, s[i]);
    });
    expect(minQ1).toBeGreaterThan(maxQ5);
  });
});

describe('practiceAreaShares', () => {
  it('splits M88006 between Sandwell (10,442) and Birmingham (1,739); shares sum to 1', () => {
    const t = practiceAreaShares('lad')
      .filter((d: { practice_code: string }) => d.practice_code === 'M88006')
      .orderby(aq.desc('patients'));
    expect(t.array('area_code')).toEqual(['E08000028', 'E08000025']);
    expect(t.array('patients')).toEqual([10442, 1739]);
    expect((t.array('share') as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('every practice share sums to 1 at UTLA level and patients sum to the English total', () => {
    const t = practiceAreaShares('utla');
    const sums = t.groupby('practice_code').rollup({ s: aq.op.sum('share') });
    for (const s of sums.array('s') as number[]) expect(s).toBeCloseTo(1, 9);
    expect((t.array('patients') as number[]).reduce((a, b) => a + b, 0)).toBe(60557453);
  });

  it('rejects LSOA as a level', () => {
    expect(() => practiceAreaShares('lsoa')).toThrow(/practicePatientsByLsoa/);
  });
});

describe('practicePatientsByLsoa', () => {
  it("returns one practice's English LSOAs", () => {
    const t = practicePatientsByLsoa('A81001');
    expect((t.array('patients') as number[]).reduce((a, b) => a + b, 0)).toBe(4100);
  });
  it('unknown practice → InputError with close codes', () => {
    expect(() => practicePatientsByLsoa('A8199Z')).toThrow(/unknown GP practice code "A8199Z".*A81001/);
  });
});

describe('bad registrations input', () => {
  const base = {
    practice_code: ['P1', 'P1', 'P2'],
    practice_name: ['One', 'One', 'Two'],
    lsoa11cd: ['E01011959', 'E01012012', 'E01011959'],
    patients: [7, 2, 5],
  };
  it('accepts a small valid table and counts a NO2011 row', () => {
    const t = aq.table({ ...base, lsoa11cd: ['E01011959', 'NO2011', 'E01011959'] });
    const d = practiceDeprivation({ registrations: t });
    expect(d.array('patients_no_lsoa')).toEqual([2, 0]);
    expect(d.array('patients_english')).toEqual([7, 5]);
  });
  it('duplicate practice–LSOA rows', () => {
    const t = aq.table({ ...base, lsoa11cd: ['E01011959', 'E01011959', 'E01011959'] });
    expect(() => practiceDeprivation({ registrations: t, source: 'regs.csv' })).toThrow(
      /regs\.csv, line 3, column "lsoa11cd": duplicate row for practice P1 and LSOA E01011959 \(first at line 2\)/,
    );
  });
  it("duplicates found when a practice's rows are not together", () => {
    const t = aq.table({
      practice_code: ['P1', 'P2', 'P1'],
      practice_name: ['a', 'b', 'a'],
      lsoa11cd: ['E01011959', 'E01011959', 'E01011959'],
      patients: [1, 1, 1],
    });
    expect(() => practiceDeprivation({ registrations: t })).toThrow(InputError);
  });
  it('negative counts', () => {
    const t = aq.table({ ...base, patients: [7, -2, 5] });
    expect(() => practiceDeprivation({ registrations: t })).toThrow(/row 2, column "patients": expected a number of patients of 0 or more, found -2/);
  });
  it('LSOA 2021 codes: explains IMD 2019 is on LSOA 2011 and what to do', () => {
    // E01035000 is beyond the last LSOA 2011 code (E01033768 is the highest in IMD 2019): a 2021 code
    const t = aq.table({ ...base, lsoa11cd: ['E01011959', 'E01035000', 'E01011959'] });
    expect(() => practiceDeprivation({ registrations: t })).toThrow(/E01035000.*LSOA 2021.*best-fit lookup.*IMD 2025/);
  });
  it('garbage codes', () => {
    const t = aq.table({ ...base, lsoa11cd: ['E01011959', 'Sandwell', 'E01011959'] });
    expect(() => practiceDeprivation({ registrations: t })).toThrow(/"SANDWELL" is not an English LSOA 2011 code/);
  });
});
