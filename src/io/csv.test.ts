import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, typedTable, readerNotes, parseNumberCell, readText, readTypedCsv, snakeCase } from './csv.js';
import { InputError } from './errors.js';

const schema = [
  { name: 'code', type: 'string' as const },
  { name: 'n', type: 'count' as const },
];

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseCsv', () => {
  it('reads a UTF-8 BOM, CRLF and no final newline like a clean file', () => {
    const clean = parseCsv('code,n\nA,1\nB,2\n');
    const quirky = parseCsv('\uFEFFcode,n\r\nA,1\r\nB,2');
    expect(quirky.header).toEqual(['code', 'n']);
    expect(quirky.rows).toEqual(clean.rows);
    expect(quirky.lines).toEqual([2, 3]);
  });

  it('reads quoted thousands "29,199" as one field and 29199 as a count', () => {
    const rec = parseCsv('code,n\r\nE01000001,"29,199"\r\nE01000002,"1,296"');
    expect(rec.rows[0]).toEqual(['E01000001', '29,199']);
    const t = typedTable(rec, schema);
    expect(t.array('n')).toEqual([29199, 1296]);
  });

  it('keeps embedded newlines in quoted fields and counts physical lines for later records', () => {
    const rec = parseCsv('id,name,v\r\n1,"Campylobacter\n",5\r\n2,"two\nline\nname",6\r\n3,x,7');
    expect(rec.rows.map((r) => r[1])).toEqual(['Campylobacter\n', 'two\nline\nname', 'x']);
    expect(rec.lines).toEqual([2, 4, 7]);
  });

  it('skips empty lines but keeps line numbers true to the file', () => {
    const rec = parseCsv('a,b\n1,2\n\n3,4\n');
    expect(rec.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(rec.lines).toEqual([2, 4]);
  });

  it('names file and line for a record with too many fields', () => {
    const e = errorOf(() => parseCsv('a,b\n1,2\n3,4,5\n', { file: 'x.csv' }));
    expect(e.message).toBe('x.csv, line 3: malformed CSV: expected 2 fields as in the header, found 3');
  });

  it('names file, line and column for a stray quote', () => {
    const e = errorOf(() => parseCsv('a,b\n1,2\n3,4"x\n', { file: 'x.csv' }));
    expect(e.row).toBe(3);
    expect(e.column).toBe('b');
    expect(e.message).toMatch(/^x\.csv, line 3, column "b": malformed CSV/);
  });

  it('reports an unclosed quote as malformed CSV naming the file', () => {
    const e = errorOf(() => parseCsv('a,b\n1,"2\n3,4\n', { file: 'x.csv' }));
    expect(e.message).toMatch(/^x\.csv, line \d+: malformed CSV: a quoted field is never closed/);
  });

  it('accepts short records only when asked (Fingertips omits the last empty field)', () => {
    expect(() => parseCsv('a,b,c\n1,2\n')).toThrow(InputError);
    expect(parseCsv('a,b,c\n1,2\n', { allowShortRecords: true }).rows).toEqual([['1', '2']]);
    expect(() => parseCsv('a,b\n1,2,3\n', { allowShortRecords: true })).toThrow(/expected 2 fields/);
  });

  it('says an empty file has no header', () => {
    expect(() => parseCsv('', { file: 'e.csv' })).toThrow('e.csv: the file is empty (no header row)');
  });
});

describe('typedTable', () => {
  it('reads suppressed markers * c .. - x and blanks as null with a note, never zero', () => {
    const rec = parseCsv('code,n\nA,*\nB,c\nC,..\nD,-\nE,x\nF,\nG,7\n', { file: 's.csv' });
    const t = typedTable(rec, schema);
    expect(t.array('n')).toEqual([null, null, null, null, null, null, 7]);
    const notes = readerNotes(t);
    expect(notes).toContain('s.csv: 5 suppressed values ("*", "c", "..", "-", "x") in column "n" read as missing (null), not zero');
    expect(notes).toContain('s.csv: 1 blank value in column "n" read as missing (null), not zero');
  });

  it('rejects a suppressed value where a value is required, naming line and column', () => {
    const rec = parseCsv('code,n\nA,1\nB,*\n', { file: 's.csv' });
    const e = errorOf(() => typedTable(rec, [{ name: 'n', type: 'count', allowMissing: false }]));
    expect(e.message).toBe('s.csv, line 3, column "n": expected a value, found the suppression marker "*"');
  });

  it('names file, line and column for a non-number', () => {
    const rec = parseCsv('code,n\nA,1\nB,12a\n', { file: 'bad.csv' });
    expect(() => typedTable(rec, schema)).toThrow('bad.csv, line 3, column "n": expected a count (a whole number, 0 or more), found "12a"');
  });

  it('rejects negative counts', () => {
    const rec = parseCsv('code,n\nA,-3\n', { file: 'neg.csv' });
    expect(() => typedTable(rec, schema)).toThrow('neg.csv, line 2, column "n": expected a value of 0 or more, found -3');
  });

  it('lists the header when a required column is missing', () => {
    const rec = parseCsv('code,m\nA,1\n', { file: 'm.csv' });
    expect(() => typedTable(rec, schema)).toThrow('m.csv, line 1: missing column "n"; the header has: code, m');
  });

  it('gives a column of nulls for a missing optional column', () => {
    const t = typedTable(parseCsv('code\nA\n'), [
      { name: 'code', type: 'string' },
      { name: 'n', type: 'count', required: false },
    ]);
    expect(t.array('n')).toEqual([null]);
  });
});

describe('parseNumberCell', () => {
  it('parses plain, signed, decimal, exponent and thousands forms', () => {
    const w = {};
    expect(parseNumberCell('1,234,567', 'count', w)).toBe(1234567);
    expect(parseNumberCell('-12.5', 'number', w)).toBe(-12.5);
    expect(parseNumberCell('1E-12', 'number', w)).toBe(1e-12);
    expect(parseNumberCell('69.0', 'count', w)).toBe(69);
    expect(parseNumberCell(' 7 ', 'integer', w)).toBe(7);
    expect(parseNumberCell('..', 'number', w)).toBeNull();
  });
  it('rejects a fractional count and malformed thousands', () => {
    expect(() => parseNumberCell('2.5', 'count', {})).toThrow('expected a whole number, found "2.5"');
    expect(() => parseNumberCell('12,34', 'number', {})).toThrow('expected a number, found "12,34"');
  });
});

describe('readText and readTypedCsv', () => {
  it('reads gzipped files transparently and names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-csv-'));
    const f = join(dir, 't.csv.gz');
    writeFileSync(f, gzipSync(Buffer.from('code,n\r\nA,"1,000"')));
    expect(readText(f)).toBe('code,n\r\nA,"1,000"');
    expect(readTypedCsv(f, schema).array('n')).toEqual([1000]);
    expect(() => readText(join(dir, 'nope.csv'))).toThrow(/nope\.csv: file not found/);
  });
});

describe('snakeCase', () => {
  it('turns export headers into snake_case', () => {
    expect(snakeCase('Lower CI 95.0 limit')).toBe('lower_ci_95_0_limit');
    expect(snakeCase('PRACTICE_CODE')).toBe('practice_code');
    expect(snakeCase('Time period Sortable')).toBe('time_period_sortable');
  });
});
