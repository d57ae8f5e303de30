/**
 * The bundled NHS England A&E attendances (data/spc/ae_attendances.csv.gz): shape, and 4-hour
 * performance checked against the raw rows (sums of attendances and breaches over types, by hand).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { aeFourHourPerformance, readAeAttendances } from '../../src/io/aeAttendances.js';

describe('readAeAttendances', () => {
  const t = readAeAttendances();
  it('has 12,765 rows of 274 providers, April 2016 to March 2019', () => {
    expect(t.numRows()).toBe(12765);
    expect(t.columnNames()).toEqual(['period', 'org_code', 'type', 'attendances', 'breaches', 'admissions']);
    expect(new Set(t.array('org_code') as string[]).size).toBe(274);
    const periods = [...new Set(t.array('period') as string[])].sort();
    expect([periods.length, periods[0], periods[periods.length - 1]]).toEqual([36, '2016-04-01', '2019-03-01']);
  });
});

describe('aeFourHourPerformance', () => {
  const rows = readAeAttendances().objects() as { period: string; org_code: string; type: string; attendances: number; breaches: number }[];
  it('all types: attendances and breaches summed over the types before dividing', () => {
    const raw = rows.filter((r) => r.org_code === 'RXK' && r.period === '2018-12-01');
    expect(raw.map((r) => r.type).sort()).toEqual(['1', '2', 'other']);
    const att = raw.reduce((a, r) => a + r.attendances, 0);
    const br = raw.reduce((a, r) => a + r.breaches, 0);
    const p = aeFourHourPerformance({ orgs: ['rxk'] })
      .filter(aq.escape((d: { period: string }) => d.period === '2018-12-01'))
      .object() as Record<string, number>;
    expect([p.attendances, p.breaches]).toEqual([att, br]);
    expect(p.performance).toBeCloseTo(1 - br / att, 15);
  });
  it('type 1 only: one row per trust and month, sorted', () => {
    const p = aeFourHourPerformance({ orgs: ['RNA', 'RL4'], type: '1' });
    expect(p.numRows()).toBe(72);
    expect((p.array('org_code') as string[]).slice(35, 37)).toEqual(['RL4', 'RNA']);
    const first = rows.find((r) => r.org_code === 'RL4' && r.type === '1' && r.period === '2016-04-01')!;
    expect(p.get('performance', 0)).toBeCloseTo(1 - first.breaches / first.attendances, 15);
  });
  it('unknown codes and types are errors', () => {
    expect(() => aeFourHourPerformance({ orgs: ['RXK', 'ZZZ'] })).toThrow('no A&E rows for ZZZ (codes are NHS trust ODS codes such as RXK)');
    expect(() => aeFourHourPerformance({ type: '3' as '1' })).toThrow('A&E type must be 1, 2, other or all (found "3")');
  });
});
