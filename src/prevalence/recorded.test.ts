import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readQofPrevalence } from '../io/qof.js';
import { readerNotes } from '../io/csv.js';
import { proportionWithCI } from '../stats/proportion.js';
import { practicePrevalence } from './recorded.js';

const io = (f: string) => `tests/fixtures/io/${f}`;
const fx = (f: string) => `tests/fixtures/prevalence/${f}`;

describe('practicePrevalence', () => {
  it('computes register / age-base list with Wilson limits (A81001, QOF 2019-20)', () => {
    const hyp = practicePrevalence('HYP', { file: io('qof_prevalence_clean.csv') }).object(0) as Record<string, unknown>;
    const ci95 = proportionWithCI(616, 4111, 0.95, 100);
    const ci998 = proportionWithCI(616, 4111, 0.998, 100);
    expect(hyp).toMatchObject({
      practice_code: 'A81001',
      register: 'HYP',
      list_type: 'TOTAL',
      age_base: 'all ages',
      count: 616,
      denominator: 4111,
      note: null,
    });
    expect(hyp.value).toBeCloseTo(14.98418876185843, 12);
    expect(hyp.lower95_0cl).toBeCloseTo(ci95.lower!, 12);
    expect(hyp.upper95_0cl).toBeCloseTo(ci95.upper!, 12);
    expect(hyp.lower99_8cl).toBeCloseTo(ci998.lower!, 12);
    expect(hyp.upper99_8cl).toBeCloseTo(ci998.upper!, 12);
    const dm = practicePrevalence('diabetes', { file: io('qof_prevalence_clean.csv') }).object(0) as Record<string, unknown>;
    // DM uses the 17+ list (3,279), not the total list (4,111)
    expect(dm).toMatchObject({ list_type: '17OV', age_base: '17+' });
    expect(dm.denominator).toBeLessThan(4111);
    expect(dm.value).toBeCloseTo(((dm.count as number) / (dm.denominator as number)) * 100, 12);
  });

  it('reads the 2020-21+ column names', () => {
    const t = practicePrevalence('DEP', { file: io('qof_prevalence_2021_layout.csv') });
    expect(t.get('list_type', 0)).toBe('18OV');
    expect(t.get('denominator', 0)).toBe(practicePrevalence('DEP', { file: io('qof_prevalence_clean.csv') }).get('denominator', 0));
  });

  it('rejects a list size of zero', () => {
    expect(() => practicePrevalence('OST', { file: fx('qof_list_size_zero.csv') })).toThrow(
      /qof_list_size_zero\.csv, column "PATIENT_LIST_SIZE": practice A81001 has a list size of zero for register OST \(50OV\)/,
    );
    // other registers of the same file are fine
    expect(practicePrevalence('AF', { file: fx('qof_list_size_zero.csv') }).get('count', 0)).toBe(105);
    // a table with a register on a zero list: the zero list is named, not a division by zero
    const t = aq.table({ practice_code: ['A81001'], group_code: ['HYP'], register: [616], list_type: ['TOTAL'], list_size: [0] });
    expect(() => practicePrevalence('HYP', { qof: t, source: 'my table' })).toThrow(/my table.*list size of zero for register HYP/);
  });

  it('rejects a register larger than its list, or keeps it with a note when asked', () => {
    expect(() => practicePrevalence('HYP', { file: io('qof_register_above_list.csv') })).toThrow(
      /line 3, column "REGISTER": register 197 is larger than the list size 138 \(practice Y03051, AST\)/,
    );
    const kept = practicePrevalence('HYP', { file: io('qof_register_above_list.csv'), registerAboveList: 'keep' });
    expect(kept.object(0)).toMatchObject({ practice_code: 'Y03051', count: 263, denominator: 138, value: null, lower95_0cl: null });
    expect(kept.get('note', 0)).toMatch(/larger than the list size 138, as published/);
    expect(readerNotes(kept).join(' ')).toMatch(/Y03051 263\/138/);
  });

  it('rejects a duplicated practice row (file and table)', () => {
    expect(() => practicePrevalence('HYP', { file: io('qof_duplicate_row.csv') })).toThrow(/duplicate row for practice A81001 and group HYP/);
    const t = readQofPrevalence(io('qof_prevalence_clean.csv'));
    const dup = t.concat(t.filter((d: { group_code: string }) => d.group_code === 'HYP'));
    expect(() => practicePrevalence('HYP', { qof: dup, source: 'my table' })).toThrow(/my table.*practice A81001 appears more than once for register HYP/);
  });

  it('gives null with a note for a missing count, never 0', () => {
    const t = aq.table({ practice_code: ['A81001'], group_code: ['HYP'], register: [null], list_type: ['TOTAL'], list_size: [4111] });
    const p = practicePrevalence('HYP', { qof: t });
    expect(p.object(0)).toMatchObject({ count: null, value: null, note: 'register count missing (suppressed or blank)' });
    expect(readerNotes(p)[0]).toMatch(/1 practice with a missing HYP register/);
  });

  it('says which registers a file has when the one asked for is absent', () => {
    const t = aq.table({ practice_code: ['A81001'], group_code: ['HYP'], register: [616], list_type: ['TOTAL'], list_size: [4111] });
    expect(() => practicePrevalence('DM', { qof: t })).toThrow(/no rows for register DM \(Diabetes mellitus\); registers in the file: HYP/);
  });
});
