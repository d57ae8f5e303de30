/**
 * `data add`: recognition, validation and atomic install on real published files
 * (tests/fixtures/releases/PROVENANCE.md), and the refusals of bad files leaving the data
 * directory unchanged.
 *
 * Expected values read independently from the published files: in the QOF 2019-20 CCG workbook,
 * sheet DM, NHS Barking and Dagenham CCG (07L, E38000004) has register 14,582 of a 17+ list of
 * 170,207 in 2019-20 (8.56721521441539%) and 13,609 of 158,078 in 2018-19 (8.6090411062893%);
 * 135 CCGs in both years, 21 register sheets → 135 × 2 × 21 = 5,670 rows. In PREVALENCE_1920.csv
 * practice A81001 has a DM register of 286 on its 17+ list (17OV) of 3,307 (checked against the file).
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { addRelease, ReleaseRefusedError } from '../../src/releases/add.js';
import { listReleases, findRelease } from '../../src/releases/catalogue.js';

const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;
let dataDir: string;

function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${p}:${statSync(p).size}`);
    }
  };
  walk(dir);
  return out;
}

function readTidy(path: string): string[][] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

async function refused(file: string, hints = {}): Promise<string[]> {
  const before = snapshot(dataDir);
  try {
    await addRelease(file, hints, { dataDir });
  } catch (e) {
    expect(e).toBeInstanceOf(ReleaseRefusedError);
    expect(snapshot(dataDir)).toEqual(before);
    return (e as ReleaseRefusedError).problems;
  }
  throw new Error(`${file} was not refused`);
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hg-releases-'));
});

describe('data add: QOF CCG workbook', () => {
  it('reads both periods of every register sheet, tidy, with provenance', async () => {
    const r = await addRelease(join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx'), {}, { dataDir, now: new Date('2026-01-02T03:04:05Z') });
    expect(r.status).toBe('added');
    expect(r.release).toMatchObject({
      id: 'qof-prevalence-ccg-2019-20',
      kind: 'qof-prevalence',
      period: '2019-20',
      periods: ['2018-19', '2019-20'],
      vintage: 'CCG 2019-20',
      rows: 5670,
      added: '2026-01-02T03:04:05.000Z',
      sourceFile: 'qof-1920-prev-ach-pca-ccg.xlsx',
    });
    expect(r.release.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.release.warnings).toContain('2019-20: 135 CCGs');
    const rows = readTidy(r.release.path);
    expect(rows[0]).toEqual([
      'period',
      'register',
      'ccg_ods_code',
      'ccg_ons_code',
      'ccg_name',
      'practices',
      'list_size',
      'list_type',
      'register_count',
      'prevalence_published',
    ]);
    const bd = rows.filter((x) => x[1] === 'DM' && x[2] === '07L');
    expect(bd).toEqual([
      ['2018-19', 'DM', '07L', 'E38000004', 'NHS Barking and Dagenham CCG', '34', '158078', 'List size ages 17+', '13609', '8.6090411062893'],
      ['2019-20', 'DM', '07L', 'E38000004', 'NHS Barking and Dagenham CCG', '34', '170207', 'List size ages 17+', '14582', '8.56721521441539'],
    ]);
    // The denominator is the one reproducing the published prevalence: 14,582 / 170,207.
    expect((100 * 14582) / 170207).toBeCloseTo(8.56721521441539, 10);
  });

  it('adding the same file twice is a no-op that says so', async () => {
    const file = join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx');
    await addRelease(file, {}, { dataDir });
    const before = snapshot(dataDir);
    const again = await addRelease(file, {}, { dataDir });
    expect(again.status).toBe('already-added');
    expect(again.release.id).toBe('qof-prevalence-ccg-2019-20');
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('refuses a workbook with the DM sheet renamed', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx')));
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(wbXml).toContain('name="DM"');
    zip.file('xl/workbook.xml', wbXml.replace('name="DM"', 'name="Diabetes"'));
    const bad = join(mkdtempSync(join(tmpdir(), 'hg-bad-')), 'qof-1920-renamed.xlsx');
    writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
    const problems = await refused(bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/qof-1920-renamed\.xlsx: expected a sheet for every core register .*; missing DM \(sheets found: .*Diabetes/);
  });
});

describe('data add: CSV layouts', () => {
  it('QOF PREVALENCE_1920 extract: tidy rows with the period from the file name', async () => {
    const r = await addRelease(join(FIX, 'PREVALENCE_1920_extract.csv'), {}, { dataDir });
    expect(r.release).toMatchObject({ id: 'qof-prevalence-practice-2019-20', period: '2019-20', rows: 63, vintage: 'practice' });
    const rows = readTidy(r.release.path);
    expect(rows.find((x) => x[1] === 'A81001' && x[2] === 'DM')).toEqual(['2019-20', 'A81001', 'DM', '286', '17OV', '3307']);
  });

  it('practice map extract: period from EXTRACT_DATE', async () => {
    const r = await addRelease(join(FIX, 'gp-reg-pat-prac-map_2022-01_extract.csv'), {}, { dataDir });
    expect(r.release).toMatchObject({ kind: 'practice-map', period: 'January 2022', rows: 20 });
  });

  it('IoD2019 File 1 extract: LSOA 2011 codes, missing LSOAs listed', async () => {
    const r = await addRelease(join(FIX, 'IoD2019_File1_extract.csv'), {}, { dataDir });
    expect(r.release).toMatchObject({ kind: 'imd', period: 'IoD2019', vintage: 'LSOA 2011', rows: 13 });
    expect(r.release.warnings![0]).toMatch(/^32831 of 32844 LSOA 2011 codes missing: /);
    const rows = readTidy(r.release.path);
    expect(rows.find((x) => x[0] === 'E01033468')?.slice(3)).toEqual(['244', '1']);
  });

  it('the catalogue lists added releases and marks the latest of each kind and level', async () => {
    await addRelease(join(FIX, 'PREVALENCE_1920_extract.csv'), {}, { dataDir });
    await addRelease(join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx'), {}, { dataDir });
    const all = listReleases({ dataDir });
    const qof = all
      .filter((r) => r.kind === 'qof-prevalence' && r.latest)
      .map((r) => r.id)
      .sort();
    expect(qof).toEqual(['qof-prevalence-ccg-2019-20', 'qof-prevalence-practice-2019-20']);
    expect(all.find((r) => r.id === 'imd2019')).toMatchObject({ origin: 'bundled', kind: 'imd', vintage: 'LSOA 2011' });
    expect(all.find((r) => r.id === 'imd2019')?.latest).toBeUndefined();
    expect(all.find((r) => r.id === 'imd2025')).toMatchObject({ origin: 'bundled', kind: 'imd', vintage: 'LSOA 2021', latest: true });
    expect(findRelease('qof-prevalence-ccg-2019-20', { dataDir })?.path.startsWith(dataDir)).toBe(true);
  });
});

describe('data add: bad files are refused, one line per problem, data directory unchanged', () => {
  it('wrong kind', async () => {
    const p = await refused(join(FIX, 'gp-reg-pat-prac-map_2022-01_extract.csv'), { kind: 'imd' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/gp-reg-pat-prac-map_2022-01_extract\.csv: not a recognised imd file \(it looks like practice-map\); expected an IoD File 1/);
  });

  it('unrecognised file', async () => {
    const p = await refused(join(FIX, 'PROVENANCE.md'));
    expect(p[0]).toMatch(/PROVENANCE\.md: not a recognised release file; expected a QOF CCG-level prevalence workbook/);
  });

  it('truncated gzip', async () => {
    const gz = gzipSync(readFileSync(join(FIX, 'PREVALENCE_1920_extract.csv')));
    const bad = join(mkdtempSync(join(tmpdir(), 'hg-bad-')), 'PREVALENCE_1920.csv.gz');
    writeFileSync(bad, gz.subarray(0, Math.floor(gz.length / 2)));
    const p = await refused(bad);
    expect(p).toEqual([expect.stringMatching(/PREVALENCE_1920\.csv\.gz: truncated or corrupt gzip \(unexpected end of file\)$/)]);
  });

  it('QOF file missing a column', async () => {
    const p = await refused(join(FIX, 'PREVALENCE_1920_missing_column.csv'));
    expect(p).toEqual([expect.stringMatching(/PREVALENCE_1920_missing_column\.csv, row 1, column "PATIENT_LIST_SIZE": expected column PATIENT_LIST_SIZE/)]);
  });

  it('duplicate practices', async () => {
    const p = await refused(join(FIX, 'gp-reg-pat-prac-map_2022-01_duplicate_practice.csv'));
    expect(p).toEqual([expect.stringMatching(/duplicate_practice\.csv, row 22, column "PRACTICE_CODE": practice A81005 appears twice \(also line 5\)/)]);
  });

  it('an LSOA 2011 file offered as LSOA 2021', async () => {
    const p = await refused(join(FIX, 'IoD2019_File1_extract_labelled_lsoa21.csv'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /column "LSOA code \(2021\)": 4 of 13 codes are not LSOA 2021 codes \(e\.g\. E01000010 \(row 10\), E01012094 \(row 12\), E01032553 \(row 13\), E01033468 \(row 14\)\); is this an LSOA 2011 file\?/,
    );
  });

  it('an IoD2019 file stated as period 2025', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'hg-bad-')), 'IoD2019_File1.csv');
    copyFileSync(join(FIX, 'IoD2019_File1_extract.csv'), copy);
    const p = await refused(copy, { period: '2025' });
    expect(p.some((l) => /the codes are labelled LSOA 2011 but 2025 is published on LSOA 2021/.test(l))).toBe(true);
  });
});
