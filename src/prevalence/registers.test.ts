import { describe, expect, it } from 'vitest';
import { QOF_REGISTERS, qofAgeBase, qofRegister } from './registers.js';

describe('QOF register catalogue', () => {
  it('has the 21 registers of QOF 2019-20 with their list types', () => {
    expect(QOF_REGISTERS.map((r) => r.code)).toEqual([
      'AF',
      'AST',
      'CAN',
      'CHD',
      'CKD',
      'COPD',
      'CVDPP',
      'DEM',
      'DEP',
      'DM',
      'EP',
      'HF',
      'HYP',
      'LD',
      'MH',
      'OB',
      'OST',
      'PAD',
      'PC',
      'RA',
      'STIA',
    ]);
    const byType = (t: string) => QOF_REGISTERS.filter((r) => r.listType === t).map((r) => r.code);
    expect(byType('17OV')).toEqual(['DM']);
    expect(byType('18OV')).toEqual(['CKD', 'DEP', 'EP', 'OB']);
    expect(byType('16OV')).toEqual(['RA']);
    expect(byType('50OV')).toEqual(['OST']);
    expect(byType('30_74')).toEqual(['CVDPP']);
    expect(byType('TOTAL')).toHaveLength(13);
    expect(new Set(QOF_REGISTERS.map((r) => r.polarity))).toEqual(new Set(['no-judgement']));
  });

  it('finds registers by code or name', () => {
    expect(qofRegister('dm').code).toBe('DM');
    expect(qofRegister('Diabetes').code).toBe('DM');
    expect(qofRegister('hypertension').code).toBe('HYP');
    expect(qofRegister('Chronic obstructive pulmonary disease').code).toBe('COPD');
    expect(() => qofRegister('gout')).toThrow(/unknown QOF register "gout": use one of AF, AST/);
  });

  it('reads list types as age bases', () => {
    expect(qofAgeBase('TOTAL')).toEqual({ listType: 'TOTAL', lower: 0, upper: null, label: 'all ages' });
    expect(qofAgeBase('17OV')).toEqual({ listType: '17OV', lower: 17, upper: null, label: '17+' });
    expect(qofAgeBase('30_74')).toEqual({ listType: '30_74', lower: 30, upper: 74, label: '30-74' });
    expect(qofAgeBase('6OV').label).toBe('6+');
    expect(() => qofAgeBase('ADULTS')).toThrow(/unknown QOF list type "ADULTS"/);
  });
});
