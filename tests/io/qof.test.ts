import { describe, it, expect } from 'vitest';
import { readQofPrevalence, readQofAgeGroups, readQofDerivedPrevalence } from '../../src/io/qof.js';
import { readGpPractices } from '../../src/io/practices.js';
import { readerNotes } from '../../src/io/csv.js';
import { fixture, inputErrorOf, sum } from './helpers.js';

function englandTotal(group: string): [number, number] {
  const t = readQofPrevalence();
  const g = t.array('group_code') as string[];
  const r = t.array('register') as number[];
  const s = t.array('list_size') as number[];
  let reg = 0;
  let list = 0;
  g.forEach((x, i) => {
    if (x === group) {
      reg += r[i];
      list += s[i];
    }
  });
  return [reg, list];
}

describe('readQofPrevalence on the bundled 2019-20 file', () => {
  it('has 6,720 practices × 21 registers', () => {
    const t = readQofPrevalence();
    expect(t.numRows()).toBe(141120);
    expect(t.columnNames()).toEqual(['practice_code', 'group_code', 'register', 'list_type', 'list_size']);
    expect(new Set(t.array('practice_code') as string[]).size).toBe(6720);
    expect(new Set(t.array('group_code') as string[]).size).toBe(21);
  });

  it('England HYP 8,514,885 / 60,407,685 (14.10%) and DM 3,455,176 / 48,783,947 (17+)', () => {
    const [hyp, hypList] = englandTotal('HYP');
    expect([hyp, hypList]).toEqual([8514885, 60407685]);
    expect(Math.round((1000 * hyp) / hypList) / 10).toBe(14.1);
    expect(englandTotal('DM')).toEqual([3455176, 48783947]);
  });

  it('keeps the 6 published rows with a register above the list size, with a note naming them', () => {
    const notes = readerNotes(readQofPrevalence());
    expect(notes.length).toBe(1);
    expect(notes[0]).toMatch(/6 rows with a register larger than the list size, kept as published: Y03051 AST 197\/138/);
    expect(notes[0]).toMatch(/Y05750 LD 139\/136/);
  });

  it('every QOF practice is in the ODS practice list', () => {
    const ods = new Set(readGpPractices().array('practice_code') as string[]);
    const missing = [...new Set(readQofPrevalence().array('practice_code') as string[])].filter((c) => !ods.has(c));
    expect(missing).toEqual([]);
  });
});

describe("readQofPrevalence on analysts' files", () => {
  it('accepts the 2019-20 PATIENT_LIST_SIZE and the later PRACTICE_LIST_SIZE layouts alike', () => {
    const a = readQofPrevalence(fixture('qof_prevalence_clean.csv'));
    const b = readQofPrevalence(fixture('qof_prevalence_2021_layout.csv'));
    expect(a.numRows()).toBe(21);
    expect(b.objects()).toEqual(a.objects());
    expect(a.objects().find((r) => (r as { group_code: string }).group_code === 'HYP')).toEqual({
      practice_code: 'A81001',
      group_code: 'HYP',
      register: 616,
      list_type: 'TOTAL',
      list_size: 4111,
    });
  });

  it('a register above its list size is an error naming the line (unless asked to keep it)', () => {
    const e = inputErrorOf(() => readQofPrevalence(fixture('qof_register_above_list.csv')));
    expect(e.message).toMatch(
      /qof_register_above_list\.csv, line 3, column "REGISTER": register 197 is larger than the list size 138 \(practice Y03051, AST\); a count cannot exceed its denominator/,
    );
    expect(readQofPrevalence(fixture('qof_register_above_list.csv'), { registerAboveList: 'keep' }).numRows()).toBe(21);
  });

  it('a duplicate practice × group row is an error naming both lines', () => {
    const e = inputErrorOf(() => readQofPrevalence(fixture('qof_duplicate_row.csv')));
    expect(e.message).toMatch(/qof_duplicate_row\.csv, line 23: duplicate row for practice A81001 and group HYP \(first at line 14\)/);
  });

  it('a negative register is an error naming line and column', () => {
    const e = inputErrorOf(() => readQofPrevalence(fixture('qof_negative_register.csv')));
    expect(e.message).toBe('tests/fixtures/io/qof_negative_register.csv, line 5, column "REGISTER": expected a value of 0 or more, found -5');
  });
});

describe('QOF age groups and the derived prevalence file', () => {
  it('age-group list sizes equal the QOF list sizes for the same list type', () => {
    const ag = readQofAgeGroups();
    expect(ag.numRows()).toBe(6730);
    expect(sum(ag.array('total') as number[])).toBe(60442552);
    expect(Math.round(sum(ag.array('age_65_plus') as number[]))).toBe(10587045);
    const a = ag.objects().find((r) => (r as { practice_code: string }).practice_code === 'A81001');
    expect(a).toMatchObject({
      total: 4111,
      age_16_plus: 3345,
      age_17_plus: 3307,
      age_18_plus: 3258,
      age_30_74: 2228,
      age_50_plus: 1716,
      age_0_64: 3161,
      age_65_plus: 950,
    });
    const q = readQofPrevalence(fixture('qof_prevalence_clean.csv'));
    const dm = q.objects().find((r) => (r as { group_code: string }).group_code === 'DM') as { list_size: number; list_type: string };
    expect([dm.list_type, dm.list_size]).toEqual(['17OV', 3307]);
  });

  it('derived prevalence: 6,470 practices, proportions between 0 and 1', () => {
    const d = readQofDerivedPrevalence();
    expect(d.numRows()).toBe(6470);
    expect(d.columnNames().length).toBe(25);
    const hyp = d.array('hyp_prevalence_proportion') as number[];
    expect(hyp.every((v) => v === null || (v >= 0 && v <= 1))).toBe(true);
  });
});
