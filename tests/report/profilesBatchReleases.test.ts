/**
 * `healthgap profiles` on releases: the batch reads the data directory and QOF period it is given
 * (as `profile` does), and `--resume` treats every profile as out of date once a release is added.
 *
 * Fixture (real, unchanged; tests/fixtures/releases/PROVENANCE.md): an extract of NHS Digital's
 * PREVALENCE_1920.csv with practices A81001, A81002 and A81004 only, so England's diabetes
 * prevalence on it is (286 + 1,258 + 616) / (3,307 + 15,801 + 8,932) = 2,160 / 28,040 = 7.70%.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRelease } from '../../src/releases/add.js';
import { generateProfiles } from '../../src/report/profile/batch.js';
import type { BatchResult } from '../../src/report/profile/batch.js';

const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;

describe('profiles (batch) on an added QOF release', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-batch-rel-'));
  const out = mkdtempSync(join(tmpdir(), 'hg-batch-out-'));
  const options = { out, jobs: 1, sections: ['prevalence' as const], resume: true, releases: { dataDir } };
  let before: BatchResult;
  let again: BatchResult;
  let added: BatchResult;
  let html: string;
  beforeAll(async () => {
    before = await generateProfiles(['Middlesbrough'], options);
    again = await generateProfiles(['Middlesbrough'], options);
    await addRelease(join(FIX, 'PREVALENCE_1920_extract.csv'), {}, { dataDir });
    added = await generateProfiles(['Middlesbrough'], options);
    html = readFileSync(join(out, 'middlesbrough.html'), 'utf8');
  });

  it('resume keeps an up-to-date profile, and rewrites it once a release is added', () => {
    expect([before.written, again.unchanged, added.written]).toEqual([1, 1, 1]);
  });

  it('the rewritten profile reads the added release and names it', () => {
    expect(html).toContain('qof-prevalence-practice-2019-20');
    expect(html).toContain('PREVALENCE_1920_extract.csv');
  });

  it('a QOF period the data directory does not hold fails that profile with the periods held', async () => {
    const r = await generateProfiles(['Middlesbrough'], { ...options, resume: false, releases: { dataDir, qofPeriod: '2018-19' } });
    expect(r.failed).toBe(1);
    expect(r.outcomes[0].reason).toMatch(/^no QOF practice prevalence release for 2018-19; releases held: 2019-20/);
  });
});
