/**
 * PCNs from the bundled ePCN (NHS ODS, January 2023). Independent counts from the workbook's
 * "PCN Core Partner Details" sheet (see data/SOURCES.md): 7,455 memberships, 6,391 open (no end
 * date), one per practice. Practice A81001 (The Densham Surgery) is in Stockton PCN U89141,
 * sub-ICB location 16C (North East and North Cumbria).
 */
import { describe, expect, it } from 'vitest';
import { allPcns, pcnOfPractice, resolvePcn } from '../../src/geography/index.js';
import { readEpcn2023 } from '../../src/io/epcn.js';
import { UnknownAreaError } from '../../src/io/errors.js';
import { runCliInProcess } from '../helpers/cli.js';

describe('PCNs (ePCN January 2023)', () => {
  it('6,391 open memberships, one per practice; every PCN has a sub-ICB location and ICB of April 2024', () => {
    const t = readEpcn2023();
    expect(t.numRows()).toBe(6391);
    expect(new Set(t.array('practice_code') as string[]).size).toBe(6391);
    const pcns = allPcns();
    expect(pcns.reduce((n, p) => n + p.practices.length, 0)).toBe(6391);
    expect(pcns.length).toBe(new Set(t.array('pcn_code') as string[]).size);
    expect(pcns.every((p) => p.icb !== null)).toBe(true);
    expect(new Set(pcns.map((p) => p.icb!.code)).size).toBe(42);
  });

  it('a practice → its PCN → sub-ICB → ICB; PCNs by code or name', () => {
    const p = pcnOfPractice('a81001')!;
    expect(p).toMatchObject({ code: 'U89141', name: 'STOCKTON PCN', sicblOdsCode: '16C' });
    expect(p.icb?.code).toBe('E54000050');
    expect(resolvePcn('U89141').name).toBe('STOCKTON PCN');
    expect(resolvePcn('Stockton PCN').code).toBe('U89141');
    expect(() => resolvePcn('Stokton PCN')).toThrow(UnknownAreaError);
    expect(pcnOfPractice('Z99999')).toBeNull();
  });

  it('healthgap area U89141 prints the PCN, its parents and practices', async () => {
    const r = await runCliInProcess('area', 'U89141');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^STOCKTON PCN \(U89141\)$/m);
    expect(r.out).toMatch(/ICB 2024: +NHS North East and North Cumbria Integrated Care Board \(E54000050\)/);
    expect(r.out).toMatch(/Practices \(7\)/);
  });
});
