/**
 * CCG prevalence over added QOF CCG workbook releases (real 2019-20 workbook,
 * tests/fixtures/releases/PROVENANCE.md).
 *
 * Independent arithmetic (Python, Wilson score interval with z = 1.959963984540054):
 * Barking and Dagenham CCG (07L), DM: 2018-19 13,609 / 158,078 = 8.6090411062893% (8.47177–8.74832);
 * 2019-20 14,582 / 170,207 = 8.567215214415388% (8.43519–8.70111). Two periods are fewer than the
 * five the Fingertips recent trend needs, so the trend is "Cannot be calculated".
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRelease } from '../../src/releases/add.js';
import { qofCcgPrevalence } from '../../src/releases/qofCcgSeries.js';
import { runPrevalenceTrend } from '../../src/cli/commands/prevalenceTrend.js';

const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;

describe('qofCcgPrevalence', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-qofccg-'));
  await addRelease(join(FIX, 'qof-1920-prev-ach-pca-ccg.xlsx'), {}, { dataDir });

  it('gives every period with Wilson CIs and the release each came from', () => {
    const r = qofCcgPrevalence('DM', { dataDir });
    expect(r.periods).toEqual(['2018-19', '2019-20']);
    expect(r.series).toHaveLength(135);
    const bd = r.series.find((s) => s.ccgOdsCode === '07L')!;
    expect(bd.points.map((p) => [p.period, p.registerCount, p.listSize, p.release, p.sourceFile])).toEqual([
      ['2018-19', 13609, 158078, 'qof-prevalence-ccg-2019-20', 'qof-1920-prev-ach-pca-ccg.xlsx'],
      ['2019-20', 14582, 170207, 'qof-prevalence-ccg-2019-20', 'qof-1920-prev-ach-pca-ccg.xlsx'],
    ]);
    expect(bd.points[0].prevalence).toBeCloseTo(8.6090411062893, 10);
    expect(bd.points[0].lower95).toBeCloseTo(8.471770674216325, 8);
    expect(bd.points[1].upper95).toBeCloseTo(8.701114904394078, 8);
    expect(bd.trend).toBe('Cannot be calculated');
  });

  it('--period picks one period; an absent period is refused with the periods held', () => {
    const r = qofCcgPrevalence('DM', { dataDir, period: '2019-20' });
    expect(r.periods).toEqual(['2019-20']);
    expect(r.series.every((s) => s.points.length === 1)).toBe(true);
    expect(() => qofCcgPrevalence('DM', { dataDir, period: '2016-17' })).toThrow('no QOF CCG release holds 2016-17; periods held: 2018-19, 2019-20');
  });

  it('the CLI text names the source of each period', () => {
    const out = runPrevalenceTrend('diabetes', { by: 'ccg', trend: true, place: '07L', dataDir }).stdout;
    expect(out).toMatch(/07L {3}NHS Barking and Dagenham CCG\s+8\.61 \(8\.47–8\.75\)\s+8\.57 \(8\.44–8\.70\)\s+Cannot be calculated/);
    expect(out).toContain('2018-19 ← qof-prevalence-ccg-2019-20 (qof-1920-prev-ach-pca-ccg.xlsx)');
    expect(() => runPrevalenceTrend('DM', { by: 'utla', trend: true, dataDir })).toThrow(/use --by ccg/);
  });
});
