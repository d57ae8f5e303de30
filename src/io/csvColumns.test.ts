// The column-wise reader against csv-parse: for plain files both must give the same header, cells
// and line numbers (the reference is parseCsv's records, transposed); for anything else the
// column reader must step aside (null) so csv-parse gives its records and errors.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainCsvColumns } from './csvColumns.js';
import { parseCsv, readCsvTable } from './csv.js';
import { readerNotes } from '../core/notes.js';
import { readLimits } from './files.js';

const limits = readLimits();

/** parseCsv's records as columns (short records read as undefined), the reference. */
function reference(text: string) {
  const rec = parseCsv(text, { allowShortRecords: true });
  return { header: rec.header, columns: rec.header.map((_, j) => rec.rows.map((r) => r[j])), lines: rec.lines };
}

describe('plainCsvColumns', () => {
  const plain = [
    'a,b\n1,2\n3,4\n',
    'a,b\n1,2\n3,4', // no final newline
    'a,b\r\n1,2\r\n3,4\r\n', // CRLF
    '\ufeffa, b \n1,2\n', // BOM, header spaces trimmed
    'a,b\n\n1,2\n\n\n3,4\n', // empty lines skipped, lines counted
    '\n\na,b\n1,2\n', // empty lines before the header
    'a,b,c\n1\n1,2\n,,\n', // short records, empty cells
    'a,b\n 1 , x \n', // spaces kept in cells (the typer trims)
    'a\n \n', // a line of one space is a record
  ];
  for (const text of plain) {
    it(`reads ${JSON.stringify(text)} as csv-parse does`, () => {
      expect(plainCsvColumns(text, 'input', limits)).toEqual(reference(text));
    });
  }
  it('steps aside for quotes, lone or mixed line endings, long records and over-long lines', () => {
    expect(plainCsvColumns('a,b\n"1,5",2\n', 'input', limits)).toBeNull();
    expect(plainCsvColumns('a,b\r1,2\r', 'input', limits)).toBeNull();
    expect(plainCsvColumns('a,b\r\n1,2\n3,4\n', 'input', limits)).toBeNull();
    expect(plainCsvColumns('a,b\n1,2,3\n', 'input', limits)).toBeNull();
    expect(plainCsvColumns(`a\n${'9'.repeat(20)}\n`, 'input', readLimits({ maxLineLength: 10 }))).toBeNull();
    expect(plainCsvColumns('a,b,c\n1,2,3\n', 'input', readLimits({ maxColumns: 2 }))).toBeNull();
  });
  it('an empty file is the one-line empty-file error', () => {
    expect(() => plainCsvColumns('\n\n', 'empty.csv', limits)).toThrow(/empty.csv.*the file is empty|the file is empty/);
  });
});

describe('readCsvTable reads a plain file and a quoted one alike', () => {
  it('same table, notes and first data line either way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-csvcols-'));
    const plainFile = join(dir, 'plain.csv');
    const quotedFile = join(dir, 'quoted.csv');
    writeFileSync(plainFile, 'area,deaths,pop\nE1,12,1000\nE2,*,2000\nE3,,3000\nE4,7\n');
    // the same cells with one field quoted: csv-parse's path
    writeFileSync(quotedFile, 'area,deaths,pop\n"E1",12,1000\nE2,*,2000\nE3,,3000\nE4,7\n');
    const a = readCsvTable(plainFile, { numeric: ['deaths', 'pop'], required: ['area'] });
    const b = readCsvTable(quotedFile, { numeric: ['deaths', 'pop'], required: ['area'] });
    expect(a.table.objects()).toEqual([
      { area: 'E1', deaths: 12, pop: 1000 },
      { area: 'E2', deaths: null, pop: 2000 },
      { area: 'E3', deaths: null, pop: 3000 },
      { area: 'E4', deaths: 7, pop: null },
    ]);
    expect(a.table.objects()).toEqual(b.table.objects());
    expect(readerNotes(a.table)).toEqual(readerNotes(b.table).map((n) => n.replace('quoted.csv', 'plain.csv')));
    expect(a.firstDataLine).toBe(2);
  });
  it('a bad number names the file, line and column on both paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-csvcols-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'area,deaths\nE1,12\nE2,twelve\n');
    expect(() => readCsvTable(file, { numeric: ['deaths'] })).toThrow(/bad\.csv.*3.*deaths|deaths.*3/);
    expect(() => readCsvTable(file, { numeric: ['deaths'], required: ['rate'] })).toThrow(/rate/);
  });
});
