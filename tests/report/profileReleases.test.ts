/**
 * Profiles read releases: the QOF practice release chosen (latest, or a period), the appendix
 * naming the release of each number, and trend charts where an indicator has two or more periods.
 *
 * Fixtures (real, unchanged; tests/fixtures/releases/PROVENANCE.md): the NHS Digital QOF 2019-20
 * CCG workbook (periods 2018-19 and 2019-20) and an extract of PREVALENCE_1920.csv (practices
 * A81001, A81002, A81004).
 *
 * Independent arithmetic:
 * - England's diabetes prevalence on the extract = (286 + 1,258 + 616) / (3,307 + 15,801 + 8,932)
 *   = 2,160 / 28,040 = 7.703281027104137% (the three practices are the whole release).
 * - Barking and Dagenham (E09000002) has the same 110 LSOAs 2011 as NHS Barking and Dagenham CCG
 *   (E38000004, 07L), so its CCG series is shown; diabetes 13,609 / 158,078 = 8.6090411062893%
 *   (2018-19) and 14,582 / 170,207 = 8.567215214415388% (2019-20), Wilson 95% limits as in
 *   tests/releases/qofCcgSeries.test.ts. Two periods: no trend test; direction "Lower".
 * - Sandwell shares NHS Sandwell and West Birmingham CCG with Birmingham: no CCG series.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRelease } from '../../src/releases/add.js';
import { buildPlaceProfile } from '../../src/report/profile/build.js';
import { chooseQofRelease, useProfileReleases } from '../../src/report/profile/releaseChoice.js';
import { placeCcgs } from '../../src/report/profile/trends.js';
import type { Report } from '../../src/report/types.js';

const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;
const empty = mkdtempSync(join(tmpdir(), 'hg-prof-empty-'));
const practiceDir = mkdtempSync(join(tmpdir(), 'hg-prof-qof-'));
const ccgDir = mkdtempSync(join(tmpdir(), 'hg-prof-ccg-'));

describe('profiles read releases', () => {
  let middlesbrough: Report;
  let barking: Report;
  beforeAll(async () => {
    await addRelease(join(FIX, 'PREVALENCE_1920_extract.csv'), {}, { dataDir: practiceDir });
    await addRelease(join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx'), {}, { dataDir: ccgDir });
    middlesbrough = buildPlaceProfile('Middlesbrough', { sections: ['prevalence', 'spine'], releases: { dataDir: practiceDir } });
    barking = buildPlaceProfile('Barking and Dagenham', { sections: ['core20-imd2025', 'prevalence', 'spine'], releases: { dataDir: ccgDir } });
    useProfileReleases({ dataDir: empty });
  });

  it('the latest QOF practice release is used; --period chooses; an absent period is refused', () => {
    expect(chooseQofRelease({ dataDir: empty }).id).toBe('qof-prevalence-1920');
    expect(chooseQofRelease({ dataDir: practiceDir }).id).toBe('qof-prevalence-practice-2019-20');
    expect(chooseQofRelease({ dataDir: practiceDir, qofPeriod: '2019/20' }).id).toBe('qof-prevalence-practice-2019-20');
    expect(() => chooseQofRelease({ dataDir: practiceDir, qofPeriod: '2018-19' })).toThrow(
      'no QOF practice prevalence release for 2018-19; releases held: 2019-20 (qof-prevalence-1920), 2019-20 (qof-prevalence-practice-2019-20)',
    );
    expect(() => chooseQofRelease({ qofPeriod: 'last year' })).toThrow('expected a QOF year such as 2019-20');
  });

  it('QOF numbers come from the added release, and the appendix names it', () => {
    const table = middlesbrough.sections.find((s) => s.id === 'prevalence')!.tables[0];
    const dm = table.rows.find((r) => r.register === 'Diabetes mellitus')!;
    expect(dm.england).toBeCloseTo(7.703281027104137, 10);
    const used = middlesbrough.appendix.find((a) => a.indicator === 'Data releases used')!;
    expect(used.definition).toMatch(
      /^QOF recorded prevalence: qof-prevalence-practice-2019-20 \(2019-20, NHS Digital, added \d{4}-\d{2}-\d{2} from PREVALENCE_1920_extract\.csv \(SHA-256 [0-9a-f]{12}…\)\)/,
    );
    const dmEntry = middlesbrough.appendix.find((a) => a.indicator.startsWith('Diabetes mellitus: QOF'))!;
    expect(dmEntry.source).toContain('release qof-prevalence-practice-2019-20, file PREVALENCE_1920_extract.csv');
  });

  it('maps a place to CCGs only when they cover exactly the same neighbourhoods', () => {
    expect(placeCcgs('E09000002')).toEqual({ ccgs: [{ code: 'E38000004', name: 'NHS Barking and Dagenham CCG' }], exact: true, reason: null });
    const s = placeCcgs('E08000028');
    expect(s.exact).toBe(false);
    expect(s.reason).toBe("NHS Sandwell and West Birmingham CCG also covers neighbourhoods outside the place, so CCG figures are not the place's figures");
  });

  it('Barking and Dagenham: CCG trend charts with Wilson CIs, Core20 IMD 2019 vs 2025, direction of travel in the spine', () => {
    const prev = barking.sections.find((s) => s.id === 'prevalence')!;
    const dm = prev.figures.find((f) => f.title === 'Diabetes mellitus: QOF recorded prevalence (aged 17+, %): NHS Barking and Dagenham CCG')!;
    expect(dm.printed).toBe(false);
    const rows = (dm.table as { rows: unknown[][] }).rows;
    expect(rows.map((r) => r[0])).toEqual(['2018-19', '2019-20']);
    // value, lower and upper 95% (Wilson), rounded to the indicator's 2 decimals in the chart's table
    expect(rows.map((r) => r.slice(2, 5))).toEqual([
      [8.61, 8.47, 8.75],
      [8.57, 8.44, 8.7],
    ]);
    expect(dm.subtitle).toBe('Recent trend: Cannot be calculated (2 periods; 5 are needed)');
    expect(dm.notes!.at(-1)).toBe(
      'Sources: 2018-19 ← qof-prevalence-ccg-2019-20 (qof-1920-prev-ach-pca-ccg.xlsx); 2019-20 ← qof-prevalence-ccg-2019-20 (qof-1920-prev-ach-pca-ccg.xlsx).',
    );
    const core = barking.sections.find((s) => s.id === 'core20-imd2025')!.figures.at(-1)!;
    expect(core.title).toBe('Population living in Core20 neighbourhoods: Barking and Dagenham');
    const spine = barking.sections.find((s) => s.id === 'spine')!;
    const t = spine.figures[0].table as { columns: { key: string }[]; rows: Record<string, unknown>[] };
    expect(t.columns.at(-1)!.key).toBe('travel');
    const dmRow = t.rows.find((r) => String(r.indicator).startsWith('Diabetes mellitus'))!;
    expect(dmRow.travel).toBe('Lower: 8.61% (2018-19) → 8.57% (2019-20); no trend test (2 periods, 5 needed) (NHS Barking and Dagenham CCG)');
    expect((spine.narrative as string[]).at(-1)).toMatch(
      /^Direction of travel where two or more periods exist: population living in Core20 neighbourhoods, lower: 54\.0% \(IMD 2019\) → 28\.0% \(IMD 2025\)/,
    );
    const used = barking.appendix.find((a) => a.indicator === 'Data releases used')!;
    expect(used.definition).toContain(
      'Diabetes mellitus: QOF recorded prevalence (aged 17+, %) (NHS Barking and Dagenham CCG): 2018-19 ← qof-prevalence-ccg-2019-20 (qof-1920-prev-ach-pca-ccg.xlsx); 2019-20 ← qof-prevalence-ccg-2019-20 (qof-1920-prev-ach-pca-ccg.xlsx)',
    );
    expect(used.method).toContain('Recent trend: Fingertips method on the last five periods');
  });

  it('Sandwell: the profile says why there is no CCG series', () => {
    const r = buildPlaceProfile('Sandwell', { sections: ['prevalence'], releases: { dataDir: ccgDir } });
    expect(r.sections[0].notes).toContain(
      'No QOF trend by CCG for Sandwell: NHS Sandwell and West Birmingham CCG also covers neighbourhoods outside the place',
    );
    useProfileReleases({ dataDir: empty });
  });
});
