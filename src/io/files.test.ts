/**
 * File bytes, limits on untrusted input and display paths. Expected values are the sizes and
 * counts of the small files written here.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_READ_LIMITS, displayPath, readFileBytes, readLimits, readText } from './files.js';
import { dataPath, packageRoot } from './paths.js';
import { readCsvRecords, parseCsv, readCsvTable } from './csv.js';
import { readTypedCsvLean } from './csvLean.js';
import { readerNotes } from '../core/notes.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgap-files-'));
function file(name: string, body: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
}

describe('limits on untrusted input', () => {
  it('a gzip bomb stops at the decompressed-size cap with a one-line error', () => {
    // 4 MiB of zeros compresses to about 4 kB; a 1 MiB cap must refuse it without inflating it all.
    const bomb = file('bomb.csv.gz', gzipSync(Buffer.alloc(4 * 1024 * 1024)));
    expect(() => readText(bomb, { maxBytes: 1024 * 1024 })).toThrow(
      /bomb\.csv\.gz: gzip file inflates to more than the limit of 1048576 bytes \(raise it with the maxBytes read option or the HEALTHGAP_MAX_INPUT_BYTES environment variable\)$/,
    );
    expect(readFileBytes(bomb).length).toBe(4 * 1024 * 1024);
  });

  it('a plain file over the size limit is refused before it is read', () => {
    const f = file('big.csv', 'a\n' + '1\n'.repeat(600));
    expect(() => readCsvRecords(f, { limits: { maxBytes: 1000 } })).toThrow(/big\.csv: file is 1202 bytes, over the limit of 1000/);
  });

  it('a record longer than maxLineLength names its line', () => {
    const text = `a,b\n1,2\n3,${'x'.repeat(200)}\n`;
    expect(() => parseCsv(text, { file: 'long.csv', limits: { maxLineLength: 100 } })).toThrow(
      /^long\.csv, line 3: a record is longer than the limit of 100 characters/,
    );
    expect(parseCsv(text, { file: 'long.csv' }).rows[1][1].length).toBe(200);
    const f = file('long.csv', text);
    expect(() => readTypedCsvLean(f, [{ name: 'a', type: 'count' }], { limits: { maxLineLength: 100 } })).toThrow(
      /line 3: a record is longer than the limit of 100 characters/,
    );
  });

  it('a header or record with more fields than maxColumns', () => {
    const wide = `${Array.from({ length: 12 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(11)}1\n`;
    expect(() => parseCsv(wide, { file: 'w.csv', limits: { maxColumns: 10 } })).toThrow(/^w\.csv, line 1: 12 fields, over the limit of 10 columns/);
    expect(() => parseCsv('a,b\n1,2,3,4\n', { file: 'r.csv', relaxColumnCount: true, limits: { maxColumns: 3 } })).toThrow(
      /^r\.csv, line 2: 4 fields, over the limit of 3 columns/,
    );
  });

  it('limits come from options, then the environment, then the defaults; bad values are refused', () => {
    expect(readLimits({}, {})).toEqual(DEFAULT_READ_LIMITS);
    expect(readLimits({}, { HEALTHGAP_MAX_COLUMNS: '50' }).maxColumns).toBe(50);
    expect(readLimits({ maxColumns: 7 }, { HEALTHGAP_MAX_COLUMNS: '50' }).maxColumns).toBe(7);
    expect(() => readLimits({}, { HEALTHGAP_MAX_LINE_LENGTH: 'lots' })).toThrow('HEALTHGAP_MAX_LINE_LENGTH must be a positive whole number (found "lots")');
    expect(() => readLimits({ maxBytes: 0 })).toThrow('the maxBytes read option must be a positive whole number (found "0")');
  });
});

describe('display paths', () => {
  it('a bundled file reads as data/… relative to the package root, from any working directory', () => {
    const f = dataPath('imd/imd2019_lsoa11_england_tidy.csv');
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(displayPath(f)).toMatch(/^data\/imd\/imd2019_lsoa11_england_tidy\.csv(\.gz)?$/);
    } finally {
      process.chdir(cwd);
    }
    expect(displayPath(join(packageRoot(), 'README.md'))).toBe('README.md');
  });

  it('a file outside the working directory and the package keeps its path; relative paths are unchanged', () => {
    const f = file('own.csv', 'a\n1\n');
    expect(displayPath(f)).toBe(f);
    expect(displayPath('x/y.csv')).toBe('x/y.csv');
  });
});

describe('readCsvTable (the calc input reader)', () => {
  it('numeric columns through the cell typer, text kept, short records blank, one note wording', () => {
    const f = file('calc.csv', 'area,n,x\nA,"1,296",*\nB,c\nC,7,\n');
    const t = readCsvTable(f, { numeric: ['n', 'x'], required: ['area'] });
    expect(t.table.array('area')).toEqual(['A', 'B', 'C']);
    expect(t.table.array('n')).toEqual([1296, null, 7]);
    expect(t.table.array('x')).toEqual([null, null, null]);
    expect(t.firstDataLine).toBe(2);
    expect(readerNotes(t.table)).toEqual([
      `${t.file}: 1 suppressed value ("c") in column "n" read as missing (null), not zero`,
      `${t.file}: 1 suppressed value ("*") in column "x" read as missing (null), not zero`,
      `${t.file}: 2 blank values in column "x" read as missing (null), not zero`,
    ]);
    expect(() => readCsvTable(f, { required: ['code'] })).toThrow(/calc\.csv, line 1: missing column "code"; the header has: area, n, x$/);
    expect(() => readCsvTable(file('long.csv', 'a,b\n1,2,3\n'))).toThrow(/long\.csv, line 2: malformed CSV: expected 2 fields as in the header, found 3/);
  });
});
