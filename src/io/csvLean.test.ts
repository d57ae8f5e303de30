import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTypedCsv, readerNotes, type ColumnSpec } from './csv.js';
import { readTypedCsvLean } from './csvLean.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgap-csvlean-'));
let n = 0;
function file(text: string | Buffer, ext = 'csv'): string {
  const f = join(dir, `f${n++}.${ext}`);
  writeFileSync(f, text);
  return f;
}

const schema: ColumnSpec[] = [
  { name: 'practice_code', source: 'PRACTICE_CODE', type: 'string', allowMissing: false },
  { name: 'practice_name', source: 'PRACTICE_NAME', type: 'string' },
  { name: 'lsoa11cd', source: /^LSOA_?(CODE|11CD)$/i, type: 'string' },
  { name: 'patients', source: /^(NUMBER_OF_PATIENTS|PATIENTS?)$/i, type: 'count' },
  { name: 'rate', source: 'RATE', type: 'number', required: false },
];

function same(f: string, s: ColumnSpec[] = schema, options: Parameters<typeof readTypedCsvLean>[2] = {}) {
  const a = readTypedCsv(f, s, options);
  const b = readTypedCsvLean(f, s, options);
  expect(b.columnNames()).toEqual(a.columnNames());
  for (const c of a.columnNames()) expect(b.array(c)).toEqual(a.array(c));
  expect(readerNotes(b)).toEqual(readerNotes(a));
  return b;
}

function sameError(f: string, s: ColumnSpec[] = schema, options: Parameters<typeof readTypedCsvLean>[2] = {}) {
  let a: Error | null = null;
  let b: Error | null = null;
  try {
    readTypedCsv(f, s, options);
  } catch (e) {
    a = e as Error;
  }
  try {
    readTypedCsvLean(f, s, options);
  } catch (e) {
    b = e as Error;
  }
  expect(a).not.toBeNull();
  expect(b?.message).toBe(a!.message);
  return b!.message;
}

describe('readTypedCsvLean gives readTypedCsv’s table and errors', () => {
  it('values, nulls, suppression notes, BOM, CRLF, quoted commas and newlines, empty lines', () => {
    const text =
      '\uFEFFPRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,NUMBER_OF_PATIENTS\r\n\r\nA81001," THE DENSHAM, SURGERY",E01012007,"1,296"\r\nA81001,"LINE\nBREAK",NO2011,*\r\nA81002,,E01012008,\r\n\r\nA81002,X,W01000001,c\r\nA81003, Y ,E01012007,7';
    const t = same(file(text));
    expect(t.array('patients')).toEqual([1296, null, null, null, 7]);
    expect(t.array('practice_name')).toEqual(['THE DENSHAM, SURGERY', 'LINE\nBREAK', null, 'X', 'Y']);
    expect(t.array('rate')).toEqual([null, null, null, null, null]);
    expect(readerNotes(t)).toHaveLength(2);
  });

  it('gzipped input, skipped title lines and a filter', () => {
    const text = 'Title line\nPRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS,RATE\nA1,N,E01000001,3,1.5\nB1,N,E01000002,4,2.5\n';
    const f = file(gzipSync(Buffer.from(text)), 'csv.gz');
    const t = same(f, schema, { skipLines: 1, filter: (row) => row[0].startsWith('B') });
    expect(t.array('rate')).toEqual([2.5]);
  });

  it('many repeated strings (interned on read): values unchanged', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `P${i % 3},Name ${i % 3},E0100000${i % 5},${i}`).join('\n');
    const t = same(file(`PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\n${rows}\n`));
    expect(new Set(t.array('practice_code') as string[]).size).toBe(3);
  });

  it('errors: wrong field count, missing column, blank required cell, bad count, malformed CSV', () => {
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\nA1,N,E01000001,3\nA2,N,E01000001\n'))).toMatch(/expected 4 fields/);
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,PATIENTS\nA1,N,3\n'))).toMatch(/missing column/);
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\n,N,E01000001,3\n'))).toMatch(/blank cell/);
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\nA1,N,E01000001,-3\nA2,N,E01000001,2.5\n'))).toMatch(/0 or more/);
    // the first bad column in schema order wins, as in typedTable
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\nA1,N,E01000001,x\n,N,E01000001,3\n'))).toMatch(/blank cell/);
    // malformed CSV later in the file wins over an earlier short record, as in parseCsv
    expect(sameError(file('PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,PATIENTS\nA1,N\nA2,"N,E01000001,3\n'))).toMatch(/never closed/);
    expect(sameError(file(''))).toMatch(/empty/);
  });
});
