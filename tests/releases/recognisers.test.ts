/**
 * `data add` recognisers beyond QOF and IoD File 1: IoD Files 2/3/6, NHS ODS ePCN, NHS Digital
 * gp-reg-pat-prac-lsoa-all, Census 2021 LSOA age and TS021, the ONS LSOA 2021 mid-year workbook,
 * MYE2, deaths by LA × sex × age and Fingertips exports — on real published extracts
 * (tests/fixtures/releases/PROVENANCE.md), with the refusals of bad files leaving the data
 * directory unchanged, and the product readers reading each stored release.
 *
 * Expected values read independently from the published files (by eye / awk, not by healthgap):
 * - IoD2025 File 3, E01000001 (City of London 001A): IDACI rank 33,304, decile 10; IDAOPI rank
 *   33,721, decile 10; 30 LSOAs in the extract → 33,755 − 30 = 33,725 missing.
 * - IoD2019 File 2, E01000001: IMD rank 29,199, decile 9; Income rank 32,831, decile 10.
 * - IoD2019 File 6, E01000001: total 1,296 = 175 + 656 + 465 (0-15, 16-59, 60+).
 * - ePCN January 2023: A81001 THE DENSHAM SURGERY → U89141 STOCKTON PCN, sub-ICB 16C, from 20191001.
 * - Census 2021 age, E01000001: 125, 110, 291, 336, 245, 370 → all ages 1,477; 10 LSOAs total 17,973.
 * - TS021, E01000001: total 1,474 = Asian 158 + Black 11 + Mixed 56 + White 1,181 + Other 68.
 * - Mid-2022 LSOA 2021, E01004646 (Westminster 002A): Total 1,751 = females F0…F90 918 + males
 *   M0…M90 833; F0 12, M0 2.
 * - gp-reg LSOA January 2021 extract: 100 rows (A81001 82, A81002 18), 6,962 patients.
 * - MYE2 mid-2019 females: Sandwell (E08000028) all ages 165,178; England 28,459,130. MYE2 mid-2014
 *   males (title lines, sex from the "MALES" line): Sandwell 156,351, England 26,773,196.
 * - Deaths 2014: Sandwell males under 1: 17; 90+: 136. Table 2 as published (names only) gives the
 *   same 15,800 rows as the tidy file, which was built separately (data/SOURCES.md).
 * - The life expectancy workbook is a SYNTHETIC layout fixture (values not real, labelled so in
 *   its name and first row): 9 rows, 3 areas, periods 2020 to 2022 and 2021 to 2023, 1 [x].
 * - Fingertips 93356 extract: 25 rows, periods 2015 to 2017; England 2015 count 51,897 of 54,786,327.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addRelease, ReleaseRefusedError } from '../../src/releases/add.js';
import { listReleases, findRelease } from '../../src/releases/catalogue.js';
import { readImdDomains, readImdPopulation } from '../../src/io/imd.js';
import { readCensus2021AgeLsoa, readCensus2021EthnicityLsoa } from '../../src/io/census2021.js';
import { readEpcn2023 } from '../../src/io/epcn.js';
import { readGpRegistrationsByLsoa } from '../../src/io/practices.js';
import { readMye2 } from '../../src/io/population.js';
import { readDeaths2014 } from '../../src/io/deaths.js';
import { readFingertipsExport } from '../../src/io/fingertips.js';
import { monthPeriod } from '../../src/releases/practiceLayouts.js';
import { iodFileOf } from '../../src/releases/iodLayouts.js';
import { readMidYearLsoa } from '../../src/io/midYearLsoa.js';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../src/releases/xlsx.js';

const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;
let dataDir: string;
let scratch: string;

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

function tidyLines(path: string): string[] {
  return gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hg-rec-'));
  scratch = mkdtempSync(join(tmpdir(), 'hg-rec-bad-'));
});

describe('IoD Files 2, 3 and 6', () => {
  it('adds the IoD2025 File 3 xlsx extract on LSOA 2021, listing the missing LSOAs as a coverage warning', async () => {
    const r = await addRelease(join(FIX, 'File_3_IoD2025_IDACI_IDAOPI_extract.xlsx'), {}, { dataDir });
    expect(r.status).toBe('added');
    expect(r.release.kind).toBe('imd');
    expect(r.release.period).toBe('IoD2025');
    expect(r.release.vintage).toBe('LSOA 2021');
    expect(r.release.rows).toBe(30);
    expect(r.release.warnings![0]).toMatch(/^coverage: 33,725 of 33,755 English LSOA 2021 codes missing/);
    const lines = tidyLines(r.release.path);
    expect(lines[1]).toBe('E01000001,City of London 001A,E09000001,City of London,26525,8,33304,10,33721,10');
  });

  it('refuses the File 3 workbook whose data sheet was renamed, in one line', async () => {
    const p = await refused(join(FIX, 'File_3_IoD2025_IDACI_IDAOPI_extract_sheet_renamed.xlsx'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/\[sheet Sheet1\]: expected the data sheet to be named as published .*found sheets Notes, Sheet1/);
  });

  it('adds IoD2019 File 2 and File 6 CSVs, and the product readers read the stored releases', async () => {
    const f2 = await addRelease(join(FIX, 'IoD2019_File2_extract.csv'), {}, { dataDir });
    expect([f2.release.period, f2.release.vintage, f2.release.title]).toEqual([
      'IoD2019',
      'LSOA 2011',
      'IoD2019 File 2: IMD and domain ranks and deciles by LSOA 2011',
    ]);
    const d = readImdDomains(f2.release.path).objects()[0] as Record<string, unknown>;
    expect([d.lsoa11cd, d.imd_rank, d.imd_decile, d.income_rank, d.income_decile]).toEqual(['E01000001', 29199, 9, 32831, 10]);
    const f6 = await addRelease(join(FIX, 'IoD2019_File6_extract.csv'), {}, { dataDir });
    const p = readImdPopulation(f6.release.path).objects()[0] as Record<string, number>;
    expect([p.total_population, p.children_0_15, p.population_16_59, p.population_60_plus]).toEqual([1296, 175, 656, 465]);
  });

  it('reads IoD2019 File 2 in its xlsx form (data sheet "IoD2019 Domains") as it reads the CSV', async () => {
    const text = readFileSync(join(FIX, 'IoD2019_File2_extract.csv'), 'utf8');
    const { parse } = await import('csv-parse/sync');
    const rows = (parse(text) as string[][]).map((r, i) => (i === 0 ? r : r.map((c, j) => (j < 4 ? c : Number(c.replace(/,/g, ''))))));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['English Indices of Deprivation 2019']);
    const ws = wb.addWorksheet('IoD2019 Domains');
    for (const r of rows) ws.addRow(r);
    const file = join(scratch, 'File_2_-_IoD2019_Domains_of_Deprivation_extract.xlsx');
    await wb.xlsx.writeFile(file);
    const x = await addRelease(file, {}, { dataDir });
    const c = await addRelease(join(FIX, 'IoD2019_File2_extract.csv'), {}, { dataDir });
    expect([x.release.period, x.release.vintage, x.release.rows]).toEqual(['IoD2019', 'LSOA 2011', 10]);
    expect(tidyLines(x.release.path)).toEqual(tidyLines(c.release.path));
  });

  it('refuses an LSOA 2011 File 2 offered as LSOA 2021 (relabelled header, or --period IoD2025)', async () => {
    const a = await refused(join(FIX, 'IoD2019_File2_extract_labelled_lsoa21.csv'));
    expect(a).toEqual([
      `${join(FIX, 'IoD2019_File2_extract_labelled_lsoa21.csv')}, row 1, column "LSOA code (2021)": the codes are labelled LSOA 2021 but IoD2019 is published on LSOA 2011`,
    ]);
    const b = await refused(join(FIX, 'IoD2019_File2_extract.csv'), { period: 'IoD2025' });
    expect(b.some((l) => /LSOA code \(2011\)": the codes are labelled LSOA 2011 but IoD2025 is published on LSOA 2021/.test(l))).toBe(true);
  });

  it('refuses a File 6 whose age groups do not add up to the total', async () => {
    const text = readFileSync(join(FIX, 'IoD2019_File6_extract.csv'), 'utf8').replace('"1,296",175', '"1,297",175');
    const bad = join(scratch, 'IoD2019_File6_bad_total.csv');
    writeFileSync(bad, text);
    const p = await refused(bad);
    expect(p).toEqual([
      `${bad}, row 2, column "Total population: mid 2015 (excluding prisoners)": the populations aged 0-15, 16-59 and 60+ add up to 1,296, not the 1,297 published`,
    ]);
  });
});

describe('IoD file of a header row', () => {
  // Header names as MHCLG publishes them (IoD2019 File 7: scores, ranks, deciles of the IMD, the
  // domains, IDACI/IDAOPI and the sub-domains, then the mid-2015 population denominators).
  const base = ['LSOA code (2011)', 'LSOA name (2011)', 'Local Authority District code (2019)', 'Local Authority District name (2019)'];
  const trio = (what: string, score = `${what} Score`) => [
    score,
    `${what} Rank (where 1 is most deprived)`,
    `${what} Decile (where 1 is most deprived 10% of LSOAs)`,
  ];
  const pops = [
    'Total population: mid 2015 (excluding prisoners)',
    'Dependent Children aged 0-15: mid 2015 (excluding prisoners)',
    'Population aged 16-59: mid 2015 (excluding prisoners)',
    'Older population aged 60 and over: mid 2015 (excluding prisoners)',
    'Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)',
  ];
  it('tells Files 2, 3, 6 and 7 apart, and leaves File 1 to its own recogniser', () => {
    const file7 = [
      ...base,
      ...trio('Index of Multiple Deprivation (IMD)'),
      ...trio('Income', 'Income Score (rate)'),
      ...trio('Living Environment'),
      ...trio('Income Deprivation Affecting Children Index (IDACI)', 'Income Deprivation Affecting Children Index (IDACI) Score (rate)'),
      ...pops,
    ];
    const file2 = [...base, ...trio('Index of Multiple Deprivation (IMD)').slice(1), ...trio('Income').slice(1), ...trio('Living Environment').slice(1)];
    const file3 = [...base, ...trio('Index of Multiple Deprivation (IMD)').slice(1), ...trio('Income Deprivation Affecting Children Index (IDACI)').slice(1)];
    const file1 = [...base, ...trio('Index of Multiple Deprivation (IMD)').slice(1)];
    expect([iodFileOf(file7), iodFileOf(file2), iodFileOf(file3), iodFileOf([...base, ...pops]), iodFileOf(file1)]).toEqual([
      'iod-file7',
      'iod-file2',
      'iod-file3',
      'iod-file6',
      null,
    ]);
  });
});

describe('NHS ODS ePCN and gp-reg-pat-prac-lsoa-all', () => {
  it('adds the ePCN extract: open memberships, one row per practice, read by readEpcn2023', async () => {
    const r = await addRelease(join(FIX, 'ePCN_2023-01_extract.xlsx'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.rows]).toEqual(['practice-map', 'January 2023', 20]);
    const t = readEpcn2023(r.release.path);
    const a = t.objects().find((o) => (o as { practice_code: string }).practice_code === 'A81001') as Record<string, string>;
    expect([a.pcn_code, a.pcn_name, a.practice_sicbl_ods_code, a.start_date]).toEqual(['U89141', 'STOCKTON PCN', '16C', '20191001']);
  });

  it('refuses an ePCN workbook with a practice in two open PCN memberships', async () => {
    const p = await refused(join(FIX, 'ePCN_2023-01_duplicate_practice.xlsx'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /\[sheet PCN Core Partner Details\], row 22, column "Partner Organisation Code": practice A81005 has two open PCN memberships \(also row 5\)/,
    );
  });

  it('adds the gp-reg LSOA 2011 extract with its period from the file name, read by readGpRegistrationsByLsoa', async () => {
    const r = await addRelease(join(FIX, 'gp-reg-pat-prac-lsoa-all_2021-01_extract.csv'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.vintage, r.release.rows]).toEqual(['gp-registrations-lsoa', 'January 2021', 'LSOA 2011', 100]);
    expect(r.release.warnings!.some((w) => w.startsWith('2 practices, 6,962 patients'))).toBe(true);
    const t = readGpRegistrationsByLsoa(r.release.path);
    expect((t.array('patients') as number[]).reduce((a, b) => a + b, 0)).toBe(6962);
  });

  it('refuses duplicate practice × LSOA rows, and an LSOA 2011 edition offered as LSOA 2021', async () => {
    const d = await refused(join(FIX, 'gp-reg-pat-prac-lsoa-all_2021-01_duplicate_practice.csv'));
    expect(d).toEqual([
      `${join(FIX, 'gp-reg-pat-prac-lsoa-all_2021-01_duplicate_practice.csv')}, row 102, column "PRACTICE_CODE": practice A81001 appears twice for LSOA E01012023 (also line 6)`,
    ]);
    const v = await refused(join(FIX, 'gp-reg-pat-prac-lsoa-all_2021-01_extract.csv'), { vintage: 'LSOA 2021' });
    expect(v.some((l) => /codes are LSOA 2011 codes that are not LSOA 2021 codes .*: an LSOA 2011 file offered as LSOA 2021$/.test(l))).toBe(true);
  });

  it('refuses a gp-reg file with a missing column in one line', async () => {
    const text = readFileSync(join(FIX, 'gp-reg-pat-prac-lsoa-all_2021-01_extract.csv'), 'utf8')
      .split('\n')
      .map((l) => l.split(',').slice(0, 3).join(','))
      .join('\n');
    const bad = join(scratch, 'gp-reg-pat-prac-lsoa-all_2021-01_no_count.csv');
    writeFileSync(bad, text.replace('PRACTICE_NAME,LSOA_CODE', 'PRACTICE_NAME,LSOA_CODE,NUMBER_OF_PATIENT'));
    const p = await refused(bad, { kind: 'gp-registrations-lsoa' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/not a recognised gp-registrations-lsoa file; expected an NHS Digital gp-reg-pat-prac-lsoa-all\.csv/);
  });

  it('reads month periods as publishers write them', () => {
    expect([monthPeriod('ePCN_2023-01.xlsx'), monthPeriod('04JAN2021'), monthPeriod('gp_reg_jan2021.csv'), monthPeriod('ePCN.xlsx')]).toEqual([
      'January 2023',
      'January 2021',
      'January 2021',
      null,
    ]);
  });
});

describe('Census 2021 and ONS mid-year population by LSOA 2021', () => {
  it('adds the Census 2021 age extract (long, gzip), stored wide for readCensus2021AgeLsoa, listed with period and vintage', async () => {
    const r = await addRelease(join(FIX, 'census21_pop_lsoa21_age6_extract.csv.gz'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.vintage, r.release.rows]).toEqual(['population-lsoa', '21 March 2021', 'LSOA 2021', 10]);
    const row = readCensus2021AgeLsoa(r.release.path).objects()[0] as Record<string, unknown>;
    expect([row.lsoa21_code, row.all_ages, row.age_0_15, row.age_65_plus]).toEqual(['E01000001', 1477, 125, 370]);
    expect(r.release.warnings).toContain('total usual residents of the LSOAs kept: 17,973');
    const listed = listReleases({ dataDir }).find((x) => x.id === r.release.id)!;
    expect([listed.origin, listed.period, listed.vintage, listed.latest]).toEqual(['added', '21 March 2021', 'LSOA 2021', true]);
    expect(findRelease(r.release.id, { dataDir })!.sourceFile).toBe('census21_pop_lsoa21_age6_extract.csv.gz');
  });

  it('refuses a truncated gzip in one line, leaving the data directory unchanged', async () => {
    const bytes = readFileSync(join(FIX, 'census21_pop_lsoa21_age6_extract.csv.gz'));
    const bad = join(scratch, 'census21_pop_lsoa21_age6_truncated.csv.gz');
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const p = await refused(bad);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/census21_pop_lsoa21_age6_truncated\.csv\.gz: truncated or corrupt gzip/);
  });

  it('adds the TS021 extract (England kept, Welsh rows counted), read by readCensus2021EthnicityLsoa', async () => {
    const r = await addRelease(join(FIX, 'census2021-ts021-lsoa_extract.csv'), {}, { dataDir });
    expect([r.release.rows, r.release.level]).toEqual([10, 'lsoa-ethnicity']);
    expect(r.release.warnings).toContain('2 Welsh LSOAs (W01…) not kept: healthgap covers England');
    const row = readCensus2021EthnicityLsoa(r.release.path).objects()[0] as Record<string, number>;
    expect([row.all_usual_residents, row.asian, row.black, row.mixed, row.white, row.other]).toEqual([1474, 158, 11, 56, 1181, 68]);
  });

  it('refuses a TS021 row whose broad groups do not add up to the total', async () => {
    const lines = readFileSync(join(FIX, 'census2021-ts021-lsoa_extract.csv'), 'utf8').split('\n');
    lines[1] = lines[1].replace('E01000001,1474,158', 'E01000001,1475,158');
    const bad = join(scratch, 'census2021-ts021-lsoa_bad_total.csv');
    writeFileSync(bad, lines.join('\n'));
    const p = await refused(bad);
    expect(p).toEqual([`${bad}, row 2, column "Ethnic group: Total: All usual residents": the 5 broad ethnic groups add up to 1,474, not the 1,475 published`]);
  });

  it('accepts the Westminster subset of the mid-year LSOA workbook: three years, missing LSOAs as a coverage warning', async () => {
    const r = await addRelease(join(FIX, 'sapelsoasyoa20222024_Westminster_extract.xlsx'), {}, { dataDir });
    expect([r.release.period, r.release.periods, r.release.vintage, r.release.rows]).toEqual([
      'mid-2022 to mid-2024',
      ['mid-2022', 'mid-2023', 'mid-2024'],
      'LSOA 2021',
      30,
    ]);
    expect(r.release.warnings![0]).toMatch(/^coverage: 33,750 of 33,755 English LSOA 2021 codes missing \(a subset\)/);
    expect(r.release.warnings![1]).toMatch(/partial for E09000033 \(5 of 123\)/);
    const rows = readMidYearLsoa(r.release.path).objects() as Record<string, string | number>[];
    const f = rows.find((x) => x.period === 'mid-2022' && x.lsoa21_code === 'E01004646' && x.sex === 'Female')!;
    const m = rows.find((x) => x.period === 'mid-2022' && x.lsoa21_code === 'E01004646' && x.sex === 'Male')!;
    expect([f.age_0, m.age_0, f.lad_code]).toEqual([12, 2, 'E09000033']);
    expect([f.all_ages, m.all_ages]).toEqual([918, 833]);
  });
});

describe('MYE2, deaths by LA × sex × age, Fingertips exports', () => {
  it('adds MYE2 mid-2019 females (LAs add up to England), read back by readMye2', async () => {
    const r = await addRelease(join(FIX, 'mye2_mid2019_lad19_females.csv.gz'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.vintage, r.release.level, r.release.rows]).toEqual([
      'population-la',
      'mid-2019',
      'LAD 2019',
      'la-female',
      430,
    ]);
    expect(r.release.warnings).toContain('the English local authorities add up to England at every age');
    const t = readMye2({ file: r.release.path, sex: 'Female' });
    const total = (code: string) =>
      (t.objects() as { area_code: string; population: number }[]).filter((o) => o.area_code === code).reduce((a, o) => a + o.population, 0);
    expect([total('E08000028'), total('E92000001')]).toEqual([165178, 28459130]);
  });

  it('adds MYE2 mid-2014 males in the layout with title lines, sex and period read from them', async () => {
    const r = await addRelease(join(FIX, 'MYE2_mid2014_uk_males.csv.gz'), {}, { dataDir });
    expect([r.release.period, r.release.vintage, r.release.level, r.release.rows]).toEqual(['mid-2014', 'LAD 2014', 'la-male', 440]);
    const t = readMye2({ file: r.release.path, sex: 'Male' }).objects() as { area_code: string; population: number }[];
    const total = (code: string) => t.filter((o) => o.area_code === code).reduce((a, o) => a + o.population, 0);
    expect([total('E08000028'), total('E92000001')]).toEqual([156351, 26773196]);
  });

  it('refuses an MYE2 file where a local authority row is missing (England no longer adds up)', async () => {
    const text = gunzipSync(readFileSync(join(FIX, 'mye2_mid2019_lad19_females.csv.gz')))
      .toString('utf8')
      .split('\n')
      .filter((l) => !l.startsWith('E08000028,'))
      .join('\n');
    const bad = join(scratch, 'mye2_mid2019_lad19_females_no_sandwell.csv');
    writeFileSync(bad, text);
    const p = await refused(bad);
    expect(p[0]).toMatch(/the local authorities add up to [\d,]+ for age 0, not England's 300,826/);
  });

  it('adds deaths 2014 by LA × sex × age band, read by readDeaths2014', async () => {
    const r = await addRelease(join(FIX, 'deaths2014_la_sex_age_tidy.csv.gz'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.rows]).toEqual(['deaths-la', '2014', 15800]);
    const t = readDeaths2014(r.release.path).objects() as { area_code: string; sex: string; age_band: string; deaths: number }[];
    const s = (band: string) => t.find((o) => o.area_code === 'E08000028' && o.sex === 'Male' && o.age_band === band)!.deaths;
    expect([s('Under 1'), s('90+')]).toEqual([17, 136]);
  });

  it('adds deaths Table 2 as published (names matched to codes): the same rows as the separately built tidy file', async () => {
    const r = await addRelease(join(FIX, 'deathsarea2014_table2.csv.gz'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.vintage, r.release.rows]).toEqual(['deaths-la', '2014', 'LAD 2014', 15800]);
    expect(r.release.warnings).toContain('WALES is published twice with the same figures (row 436); kept once');
    const got = tidyLines(r.release.path).sort();
    const want = gunzipSync(readFileSync(join(FIX, 'deaths2014_la_sex_age_tidy.csv.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .sort();
    expect(got).toEqual(want);
  });

  it('refuses a Table 2 whose age bands do not add up to All Ages', async () => {
    const text = gunzipSync(readFileSync(join(FIX, 'deathsarea2014_table2.csv.gz'))).toString('latin1');
    const bad = join(scratch, 'deathsarea2014_table2_bad_total.csv');
    writeFileSync(bad, text.replace('Darlington                  ,546,541', 'Darlington                  ,547,541'), 'latin1');
    const p = await refused(bad);
    expect(p.some((l) => /column "All Ages Males": the age bands of Darlington add up to 546, not the 547 published/.test(l))).toBe(true);
  });

  it('adds a Fingertips export with every period, and refuses it when a count exceeds its denominator', async () => {
    const r = await addRelease(join(FIX, 'fingertips_93356_extract.data.csv'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.periods, r.release.rows]).toEqual(['fingertips', '2017', ['2015', '2016', '2017'], 25]);
    const t = readFingertipsExport(r.release.path).objects() as { area_code: string; time_period: string; count: number; denominator: number }[];
    const e = t.find((o) => o.area_code === 'E92000001' && o.time_period === '2015')!;
    expect([e.count, e.denominator]).toEqual([51897, 54786327]);
    const bad = join(scratch, 'fingertips_93356_count_above_denominator.data.csv');
    writeFileSync(bad, readFileSync(join(FIX, 'fingertips_93356_extract.data.csv'), 'utf8').replace('51897,54786327', '54786328,54786327'));
    const p = await refused(bad);
    expect(p.some((l) => /column "Count": count 54786328 is above the denominator 54786327/.test(l))).toBe(true);
  });

  it('says so when the same file is added twice', async () => {
    const a = await addRelease(join(FIX, 'IoD2019_File6_extract.csv'), {}, { dataDir });
    const b = await addRelease(join(FIX, 'IoD2019_File6_extract.csv'), {}, { dataDir });
    expect([a.status, b.status, b.release.id]).toEqual(['added', 'already-added', a.release.id]);
  });
});

describe('ONS life expectancy for local areas (layout fixture, synthetic values)', () => {
  async function variant(name: string, edit: (rows: (string | number | null | boolean)[][]) => void): Promise<string> {
    const wb = await readWorkbook(join(FIX, 'lifeexpectancylocalareas_SYNTHETIC_layout.xlsx'));
    const rows = wb.sheets.get('1')!.map((r) => [...r]);
    edit(rows);
    const out = new ExcelJS.Workbook();
    const ws = out.addWorksheet('1');
    for (const r of rows) ws.addRow(r);
    const file = join(scratch, name);
    await out.xlsx.writeFile(file);
    return file;
  }

  it('adds the workbook with every period, the suppressed value kept empty', async () => {
    const r = await addRelease(join(FIX, 'lifeexpectancylocalareas_SYNTHETIC_layout.xlsx'), {}, { dataDir });
    expect([r.release.kind, r.release.period, r.release.periods, r.release.rows]).toEqual(['le-la', '2021 to 2023', ['2020 to 2022', '2021 to 2023'], 9]);
    expect(r.release.warnings).toEqual([
      '3 areas, 2 periods (2020 to 2022, 2021 to 2023), 9 rows',
      '1 values suppressed or unreliable as published ([x], [u]), kept empty',
    ]);
    const lines = tidyLines(r.release.path);
    expect(lines[0]).toBe('period,area_type,area_code,area_name,sex,age_group,life_expectancy,lower_ci_95,upper_ci_95');
    expect(lines).toContain('2020 to 2022,Local Areas,E09000001,City of London,Male,<1,,,');
  });

  it('refuses a value outside its confidence interval, and a missing column, one line each', async () => {
    const a = await variant('le_outside_ci.xlsx', (rows) => {
      rows[8][7] = 65;
    });
    expect(await refused(a)).toEqual([`${a} [sheet 1], row 9, column "Life expectancy": 65 lies outside its 95% confidence interval 59 to 61`]);
    const b = await variant('le_no_sex.xlsx', (rows) => {
      rows[5][5] = 'Gender';
    });
    const p = await refused(b, { kind: 'le-la' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/not a recognised le-la file; expected an ONS lifeexpectancylocalareas\.xlsx/);
  });
});
