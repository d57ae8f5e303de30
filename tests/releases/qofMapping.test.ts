/**
 * The QOF geography mapping file `MAPPING_NHS_GEOGRAPHIES_yyyy.csv` in each documented layout
 * (2019-20 and 2020-21: CCG / STP; 2021-22: SUB_ICB_LOC / ICB; 2022-23 and 2023-24: SUB_ICB /
 * ICB). No published mapping file is reachable here, so the fixtures are SPEC-BUILT (file names
 * `…_SPEC_BUILT.csv`, and a last header column `SPEC_BUILT_FIXTURE_NOT_PUBLISHED`): the 20 real
 * rows of the January 2022 gp-reg-pat-prac-map extract (practice → PCN → CCG → STP → region, ODS
 * and ONS codes as NHS Digital published them) written in the published QOF column names.
 *
 * Expected values read from the extract by eye / awk: A81001 THE DENSHAM SURGERY → U89141
 * STOCKTON PCN → 16C (E38000247) → QHM (E54000050) → Y63 (E40000009); 20 practices, 10 PCNs, one
 * CCG, one STP, one region. QOF 2019-20 (bundled PREVALENCE_1920.csv.gz) holds 6,720 practices
 * (awk: distinct PRACTICE_CODE) including all 20, so 6,700 are not mapped.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addRelease, ReleaseRefusedError } from '../../src/releases/add.js';

const FIX = join(import.meta.dirname, '../fixtures/releases');
const scratch = mkdtempSync(join(tmpdir(), 'healthgap-qofmap-'));
const file = (yy: string) => join(FIX, `MAPPING_NHS_GEOGRAPHIES_${yy}_SPEC_BUILT.csv`);
const DENSHAM = [
  'A81001',
  'THE DENSHAM SURGERY',
  'U89141',
  'STOCKTON PCN',
  '16C',
  'E38000247',
  'NHS Tees Valley CCG',
  'QHM',
  'E54000050',
  'Cumbria and North East',
  'Y63',
  'E40000009',
  'North East and Yorkshire',
];

function stored(path: string): string[][] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

function files(dir: string): string[] {
  return existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).sort() : [];
}

async function refused(path: string, dataDir: string): Promise<string[]> {
  try {
    await addRelease(path, {}, { dataDir });
  } catch (e) {
    if (e instanceof ReleaseRefusedError) return e.problems;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A copy of a fixture with its lines changed by `edit` (header at index 0). */
function variant(yy: string, name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(file(yy), 'utf8').trimEnd().split('\n');
  edit(lines);
  const out = join(scratch, `MAPPING_NHS_GEOGRAPHIES_${yy}_SPEC_BUILT_${name}.csv`);
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('QOF geography mapping: every documented layout', () => {
  const cases: [string, string, string, string, string[]][] = [
    ['1920', '2019-20', 'qof-mapping-ccg', 'CCG/STP 2019-20', ['ccg_code', 'ccg_ons_code', 'ccg_name', 'stp_code', 'stp_ons_code', 'stp_name']],
    ['2021', '2020-21', 'qof-mapping-ccg', 'CCG/STP 2020-21', ['ccg_code', 'ccg_ons_code', 'ccg_name', 'stp_code', 'stp_ons_code', 'stp_name']],
    [
      '2122',
      '2021-22',
      'qof-mapping-sub-icb-loc',
      'sub-ICB/ICB 2021-22',
      ['sub_icb_code', 'sub_icb_ons_code', 'sub_icb_name', 'icb_code', 'icb_ons_code', 'icb_name'],
    ],
    [
      '2223',
      '2022-23',
      'qof-mapping-sub-icb',
      'sub-ICB/ICB 2022-23',
      ['sub_icb_code', 'sub_icb_ons_code', 'sub_icb_name', 'icb_code', 'icb_ons_code', 'icb_name'],
    ],
    [
      '2324',
      '2023-24',
      'qof-mapping-sub-icb',
      'sub-ICB/ICB 2023-24',
      ['sub_icb_code', 'sub_icb_ons_code', 'sub_icb_name', 'icb_code', 'icb_ons_code', 'icb_name'],
    ],
  ];
  for (const [yy, period, layout, vintage, middle] of cases) {
    it(`MAPPING_NHS_GEOGRAPHIES_${yy}: ${layout}, period ${period}`, async () => {
      const dataDir = mkdtempSync(join(scratch, 'dd-'));
      const r = await addRelease(file(yy), {}, { dataDir });
      const info = r.release as typeof r.release & { layout: string };
      expect([info.kind, info.layout, info.period, info.vintage, info.level, info.rows]).toEqual(['practice-map', layout, period, vintage, 'practice-qof', 20]);
      const t = stored(r.release.path);
      expect(t[0]).toEqual(['practice_code', 'practice_name', 'pcn_code', 'pcn_name', ...middle, 'region_code', 'region_ons_code', 'region_name']);
      expect(t.find((x) => x[0] === 'A81001')).toEqual(DENSHAM);
      expect(r.release.warnings![0]).toMatch(/^20 practices, 10 PCNs, 1 (CCG|sub-ICB location)s, 1 (STP|ICB)s, 1 regions$/);
    });
  }

  it('2019-20 practices are checked against the bundled QOF 2019-20 practice list', async () => {
    const r = await addRelease(file('1920'), {}, { dataDir: mkdtempSync(join(scratch, 'dd-')) });
    expect(r.release.warnings).toContain('every practice is in qof-prevalence-1920 (6,720 practices)');
    expect(r.release.warnings!.find((w) => w.startsWith('coverage:'))).toMatch(
      /^coverage: 6,700 practices of qof-prevalence-1920 not mapped: A81026, A81027, A81029, /,
    );
  });

  it('without a practice list of the same year, says the codes were not checked', async () => {
    const r = await addRelease(file('2324'), {}, { dataDir: mkdtempSync(join(scratch, 'dd-')) });
    expect(r.release.warnings).toContain('practice codes not checked against a practice list: no QOF 2023-24 practice prevalence release in the catalogue');
  });
});

describe('QOF geography mapping: line endings', () => {
  it('a file mixing CRLF and LF line endings keeps every row (none joined to the next)', async () => {
    const mixed = variant('2324', 'mixed_line_endings', (l) => {
      for (let i = 0; i < l.length; i += 2) l[i] = `${l[i]}\r`;
    });
    const r = await addRelease(mixed, {}, { dataDir: mkdtempSync(join(scratch, 'dd-')) });
    expect(r.release.rows).toBe(20);
    expect(stored(r.release.path).find((x) => x[0] === 'A81001')).toEqual(DENSHAM);
  });
});

describe('QOF geography mapping: refusals leave the data directory unchanged', () => {
  it('a duplicate practice', async () => {
    const bad = variant('2223', 'duplicate', (l) => l.push(l[3]));
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const p = await refused(bad, dataDir);
    expect(p).toEqual([`${bad}, row 22, column "PRACTICE_CODE": practice A81004 appears twice (also line 4)`]);
    expect(files(dataDir)).toEqual([]);
  });

  it('a missing column of the layout', async () => {
    const bad = variant('2122', 'missing_column', (l) => {
      for (let i = 0; i < l.length; i++)
        l[i] = l[i]
          .split(',')
          .filter((_, j) => j !== 4)
          .join(',');
    });
    const p = await refused(bad, mkdtempSync(join(scratch, 'dd-')));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(new RegExp(`^${bad.replace(/[.]/g, '\\.')}, row 1, column "ICB_ONS_CODE": expected column ICB_ONS_CODE \\(the 2021-22 layout: `));
  });

  it('a commissioner under two parents, and an ONS code of the wrong entity', async () => {
    const bad = variant('1920', 'hierarchy', (l) => {
      l[5] = l[5].replace(',QHM,E54000050,', ',QOX,E54000050,');
      l[7] = l[7].replace(',E38000247,', ',E54000247,');
    });
    const p = await refused(bad, mkdtempSync(join(scratch, 'dd-')));
    expect(p).toEqual([
      `${bad}, row 6, column "CCG_ODS_CODE": CCG 16C has STP QOX here but QHM on line 2`,
      `${bad}, row 8, column "CCG_ONS_CODE": expected a CCG ONS code (E38……), found "E54000247"`,
      `${bad}, row 8, column "CCG_ODS_CODE": CCG 16C has ONS code E54000247 here but E38000247 on line 2`,
    ]);
  });

  it('the mapping of another year: most practices unknown to the QOF practice list of that year', async () => {
    const bad = variant('1920', 'other_year', (l) => {
      for (let i = 1; i < l.length; i++) l[i] = l[i].replace(/,A81(\d{3}),/, ',Z99$1,');
    });
    const dataDir = mkdtempSync(join(scratch, 'dd-'));
    const p = await refused(bad, dataDir);
    expect(p).toEqual([
      `${bad}, column "PRACTICE_CODE": 20 of 20 practices are not in qof-prevalence-1920 (QOF 2019-20): is this the mapping of another year? e.g. Z99001, Z99002, Z99004, Z99005, Z99006`,
    ]);
    expect(files(dataDir)).toEqual([]);
  });
});
