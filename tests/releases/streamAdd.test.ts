/**
 * The streaming path of `data add` for the ONS mid-year estimates by LSOA 2021 workbook
 * (`sapelsoasyoa…xlsx`): the real Westminster subset (123 LSOAs × 3 years), a SYNTHETIC
 * medium workbook generated at run time (tests/releases/syntheticMidYearWorkbook.ts: 3,000 real
 * LSOA 2021 codes × 3 sheets × 187 columns, ~1.7 million cells; counts NOT ONS estimates), the
 * streaming limits, and refusals that leave the data directory unchanged.
 *
 * Expected values, computed independently of healthgap:
 * - Westminster subset: the published Total column summed over the 123 rows of each year sheet
 *   with exceljs' in-memory reader: mid-2022 209,333; mid-2023 210,665; mid-2024 209,996.
 * - Synthetic: female age a of LSOA i in year y is (i + 2a + y) mod 9, male (3i + a + y) mod 8.
 *   Over a = 0…90 the female residues cycle with period 9 (2 is invertible mod 9), so 91 ages are
 *   10 full cycles (10 × 36 = 360) plus one value, (i + 180 + y) mod 9 = (i + y) mod 9; the male
 *   residues cycle with period 8: 11 cycles (11 × 28 = 308) plus three values
 *   (3i + y + 88 + k) mod 8 for k = 0, 1, 2. The test sums these closed forms over i.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, rmSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addRelease, ReleaseRefusedError, tidyCsv } from '../../src/releases/add.js';
import { loadSource } from '../../src/releases/source.js';
import { midYearLsoaWorkbook } from '../../src/releases/populationLsoaLayouts.js';
import { streamRecogniserFor } from '../../src/releases/streamAdd.js';
import { checkZipLimits, streamWorkbook } from '../../src/releases/xlsxStream.js';
import { readZipDirectory, workbookSheetNames } from '../../src/releases/zipDirectory.js';
import { InputError } from '../../src/io/errors.js';
import { writeSyntheticMidYearWorkbook } from './syntheticMidYearWorkbook.js';

const FIX = join(import.meta.dirname, '../fixtures/releases');
const WESTMINSTER = join(FIX, 'sapelsoasyoa20222024_Westminster_subset.xlsx');
const scratch = mkdtempSync(join(tmpdir(), 'healthgap-stream-'));
const N = 3000;
const SYNTH = join(scratch, 'sapelsoasyoa20222024_SYNTHETIC_medium.xlsx');
const BAD = join(scratch, 'sapelsoasyoa20222024_SYNTHETIC_bad_cell.xlsx');

/** Every file below a folder (relative paths), hidden temporary files included. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

/** Sum of the all_ages column by period of a stored release. */
function totalsByPeriod(path: string): Record<string, number> {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  const out: Record<string, number> = {};
  for (const l of lines.slice(1)) {
    const c = l.split(',');
    out[c[0]] = (out[c[0]] ?? 0) + Number(c[4]);
  }
  return out;
}

/** Closed-form synthetic total of year index y over LSOAs 0…n−1 (see the header). */
function syntheticTotal(n: number, y: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += 360 + ((i + y) % 9);
    s += 308 + [0, 1, 2].reduce((t, k) => t + ((3 * i + y + 88 + k) % 8), 0);
  }
  return s;
}

async function refusal(file: string, dataDir: string): Promise<string[]> {
  try {
    await addRelease(file, {}, { dataDir });
  } catch (e) {
    if (e instanceof ReleaseRefusedError) return e.problems;
    throw e;
  }
  throw new Error('expected a refusal');
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  await writeSyntheticMidYearWorkbook(SYNTH, { lsoas: N });
  await writeSyntheticMidYearWorkbook(BAD, { lsoas: N, corrupt: { year: 2, row: 2499, column: 'M37', value: 'x' } });
}, 120_000);

describe('the zip directory', () => {
  it('lists the entries and the sheet names without inflating the sheets', () => {
    const entries = readZipDirectory(WESTMINSTER);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet5.xml')!;
    expect(sheet.uncompressedSize).toBeGreaterThan(sheet.compressedSize);
    expect(workbookSheetNames(WESTMINSTER)).toEqual([
      'Cover sheet',
      'Contents',
      'Notes',
      'Related publications',
      'Mid-2022 LSOA 2021',
      'Mid-2023 LSOA 2021',
      'Mid-2024 LSOA 2021',
    ]);
    expect(streamRecogniserFor(WESTMINSTER)?.layout).toBe('ons-mid-year-lsoa21-syoa');
    expect(streamRecogniserFor(WESTMINSTER, { kind: 'imd' })).toBeNull();
    expect(streamRecogniserFor(join(FIX, 'ePCN_2023-01_extract.xlsx'))).toBeNull();
  });
});

describe('data add streams the mid-year LSOA workbook', () => {
  it('the Westminster subset: 123 LSOAs × 3 years, Westminster totals as published', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const r = await addRelease(WESTMINSTER, {}, { dataDir });
    expect([r.status, r.release.period, r.release.rows]).toEqual(['added', 'mid-2022 to mid-2024', 123 * 2 * 3]);
    expect(r.release.warnings).toContain('coverage: complete for 1 local authority (LAD 2022): E09000033');
    expect(totalsByPeriod(r.release.path)).toEqual({ 'mid-2022': 209333, 'mid-2023': 210665, 'mid-2024': 209996 });
    expect(tree(dataDir)).toEqual([
      'releases/population-lsoa/population-lsoa-lsoa-syoa-mid-2022-to-mid-2024.csv.gz',
      'releases/population-lsoa/population-lsoa-lsoa-syoa-mid-2022-to-mid-2024.json',
    ]);
  });

  it('the streamed file is byte for byte the table the in-memory recogniser makes', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const r = await addRelease(WESTMINSTER, {}, { dataDir });
    const parsed = midYearLsoaWorkbook.parse(await loadSource(WESTMINSTER), {});
    expect(parsed.problems).toEqual([]);
    expect(gunzipSync(readFileSync(r.release.path)).toString('utf8')).toBe(tidyCsv(parsed));
  });

  it('a SYNTHETIC medium workbook (3,000 LSOAs × 3 sheets × 187 columns): every row, totals from the closed form', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const r = await addRelease(SYNTH, {}, { dataDir });
    expect([r.release.rows, r.release.periods]).toEqual([N * 2 * 3, ['mid-2022', 'mid-2023', 'mid-2024']]);
    expect(r.release.warnings![0]).toMatch(/^coverage: 30,755 of 33,755 English LSOA 2021 codes missing/);
    expect(totalsByPeriod(r.release.path)).toEqual({
      'mid-2022': syntheticTotal(N, 0),
      'mid-2023': syntheticTotal(N, 1),
      'mid-2024': syntheticTotal(N, 2),
    });
    const again = await addRelease(SYNTH, {}, { dataDir });
    expect(again.status).toBe('already-added');
  }, 60_000);

  it('a bad cell in the last sheet refuses the file with one line, and nothing is left behind', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const p = await refusal(BAD, dataDir);
    // data row index 2499 is on row 2499 + 5 (3 title rows, the header, 1-based rows)
    expect(p).toEqual([`${BAD} [sheet Mid-2024 LSOA 2021], row 2504, column "M37": expected a count, found "x"`]);
    expect(tree(dataDir)).toEqual([]);
  }, 60_000);

  it('a year sheet renamed is refused in one line naming it, the data directory unchanged', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const renamed = join(scratch, 'sapelsoasyoa20222024_sheet_renamed.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(WESTMINSTER);
    wb.getWorksheet('Mid-2023 LSOA 2021')!.name = 'Data 2023';
    await wb.xlsx.writeFile(renamed);
    expect(await refusal(renamed, dataDir)).toEqual([
      `${renamed} [sheet Data 2023]: expected the data sheets to be named as published ("Mid-2022 LSOA 2021", …), found "Data 2023"`,
    ]);
    expect(tree(dataDir)).toEqual([]);
  });

  it('a truncated workbook is refused in one line, the data directory unchanged', async () => {
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const cut = join(scratch, 'sapelsoasyoa20222024_truncated.xlsx');
    const bytes = readFileSync(WESTMINSTER);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await refusal(cut, dataDir)).toEqual([`${cut}: not an xlsx workbook (no zip directory found; truncated or not a zip)`]);
    expect(tree(dataDir)).toEqual([]);
  });
});

describe('streaming limits', () => {
  const noop = { startSheet() {}, row() {}, endSheet() {} };
  const message = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('zip entries, uncompressed bytes and compression ratio are checked before anything is inflated', () => {
    const entries = readZipDirectory(SYNTH).length;
    expect(() => checkZipLimits(SYNTH, { maxEntries: entries - 1 })).toThrow(`workbook has ${entries} zip entries, above the limit of ${entries - 1}`);
    expect(() => checkZipLimits(SYNTH, { maxUncompressedBytes: 1024 * 1024 })).toThrow(/uncompressed, above the limit of 1 MB/);
    expect(() => checkZipLimits(SYNTH, { maxCompressionRatio: 2 })).toThrow(/inflates \d+-fold, above the limit of 2 \(a zip bomb\?\)/);
    expect(() => checkZipLimits(SYNTH, { maxBytes: statSync(SYNTH).size - 1 })).toThrow(/above the streaming limit/);
  });

  it('rows per sheet, cells per row and cells in all are capped while reading', async () => {
    expect(await message(streamWorkbook(SYNTH, noop, { maxCellsPerRow: 100 }))).toMatch(
      /sheet "Mid-2022 LSOA 2021", row 4 has 187 cells, above the limit of 100 a row$/,
    );
    expect(await message(streamWorkbook(SYNTH, noop, { maxRowsPerSheet: 1000 }))).toMatch(/sheet "Mid-2022 LSOA 2021" has more than 1,000 rows$/);
    expect(await message(streamWorkbook(SYNTH, noop, { maxCells: 1_000_000 }))).toMatch(/workbook has more than 1,000,000 cells$/);
  });

  it('the visitor sees every row once, in order, one row at a time', async () => {
    const seen: [string, number][] = [];
    let rows = 0;
    await streamWorkbook(WESTMINSTER, {
      startSheet: (name) => void seen.push([name, 0]),
      row: () => {
        rows++;
        seen[seen.length - 1][1]++;
      },
      endSheet() {},
    });
    const data = seen.filter(([n]) => n.startsWith('Mid-'));
    // 123 LSOAs + 3 title rows + the header row on each year sheet
    expect(data).toEqual([
      ['Mid-2022 LSOA 2021', 127],
      ['Mid-2023 LSOA 2021', 127],
      ['Mid-2024 LSOA 2021', 127],
    ]);
    expect(rows).toBeGreaterThan(3 * 127);
  });
});
