import { describe, it, expect } from 'vitest';
import { readGpPractices, readPracticeMap2022, readPracticePcn2019, readGpRegistrationsByLsoa } from '../../src/io/practices.js';
import { readImd } from '../../src/io/imd.js';
import { sum } from './helpers.js';

describe('GP practice lists and maps', () => {
  it('ODS list: 15,199 practices including closed ones', () => {
    const t = readGpPractices();
    expect(t.numRows()).toBe(15199);
    expect(t.columnNames()).toEqual(['practice_code', 'practice_name', 'postcode', 'open_date', 'close_date', 'status', 'prescribing_setting']);
    expect(t.objects({ limit: 1 })[0]).toEqual({
      practice_code: 'A81001',
      practice_name: 'THE DENSHAM SURGERY',
      postcode: 'TS18 1HU',
      open_date: '1974-04-01',
      close_date: null,
      status: 'Active',
      prescribing_setting: 'GP Practice',
    });
  });

  it('January 2022 map: 6,527 practices, 1,255 PCNs, 42 STPs, 7 regions; Black Country and West Birmingham 206 practices', () => {
    const t = readPracticeMap2022();
    expect(t.numRows()).toBe(6527);
    expect(new Set(t.array('pcn_code') as string[]).size).toBe(1255);
    expect(new Set(t.array('ons_stp_code') as string[]).size).toBe(42);
    expect(new Set(t.array('comm_region_code') as string[]).size).toBe(7);
    expect((t.array('stp_code') as string[]).filter((c) => c === 'QUA').length).toBe(206);
    expect((t.array('stp_code') as string[]).filter((c) => c === 'QGH').length).toBe(80);
  });

  it('December 2019 ePCN: 6,757 practices in 1,250 PCNs, all relationships open', () => {
    const t = readPracticePcn2019();
    expect(t.numRows()).toBe(6757);
    expect(new Set(t.array('practice_code') as string[]).size).toBe(6757);
    expect(new Set(t.array('pcn_code') as string[]).size).toBe(1250);
    expect((t.array('relationship_end') as (string | null)[]).every((v) => v === null)).toBe(true);
  });
});

describe('readGpRegistrationsByLsoa (January 2021)', () => {
  const t = readGpRegistrationsByLsoa();
  const lsoa = t.array('lsoa11cd') as string[];
  const patients = t.array('patients') as number[];

  it('839,677 rows, 6,658 practices, 60,606,345 patients', () => {
    expect(t.numRows()).toBe(839677);
    expect(t.columnNames()).toEqual(['practice_code', 'practice_name', 'lsoa11cd', 'patients']);
    expect(new Set(t.array('practice_code') as string[]).size).toBe(6658);
    expect(sum(patients)).toBe(60606345);
    expect(t.objects({ limit: 1 })[0]).toEqual({ practice_code: 'A81001', practice_name: 'THE DENSHAM SURGERY', lsoa11cd: 'E01011959', patients: 7 });
  });

  it('keeps NO2011 (4,656 rows, 34,879 patients; data/SOURCES.md upstream said 4,448, the 2022 figure) and Welsh LSOAs (14,013 patients)', () => {
    let no = 0;
    let noPatients = 0;
    let welsh = 0;
    lsoa.forEach((c, i) => {
      if (c === 'NO2011') {
        no++;
        noPatients += patients[i];
      } else if (c.startsWith('W01')) welsh += patients[i];
    });
    expect([no, noPatients, welsh]).toEqual([4656, 34879, 14013]);
  });

  it('its English LSOAs are exactly the 32,844 IMD 2019 LSOAs', () => {
    const english = new Set(lsoa.filter((c) => c.startsWith('E01')));
    const imd = new Set(readImd().array('lsoa11cd') as string[]);
    expect(english.size).toBe(32844);
    expect([...english].every((c) => imd.has(c))).toBe(true);
  });

  it('is cached: a second call returns the same table at once', () => {
    const t0 = performance.now();
    expect(readGpRegistrationsByLsoa()).toBe(t);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
