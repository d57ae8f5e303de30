import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProfileJobs, generateProfiles } from '../../src/report/profile/batch.js';

describe('generateProfiles with worker threads', () => {
  it('jobs 2 (second worker starts from the first worker\u2019s cache) writes the same files as jobs 1', async () => {
    const places = ['Dudley', 'Herefordshire', 'Nowhere-on-sea', 'Walsall'];
    const a = mkdtempSync(join(tmpdir(), 'healthgap-jobs1-'));
    const b = mkdtempSync(join(tmpdir(), 'healthgap-jobs2-'));
    const r1 = await generateProfiles(places, { out: a, jobs: 1, date: '2026-01-01' });
    const r2 = await generateProfiles(places, { out: b, jobs: 2, date: '2026-01-01' });
    expect([r1.written, r1.failed]).toEqual([3, 1]);
    expect(r2.outcomes.map((o) => [o.status, o.placeName, o.href])).toEqual(r1.outcomes.map((o) => [o.status, o.placeName, o.href]));
    expect(r2.outcomes[2].reason).toBe(r1.outcomes[2].reason);
    const files = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  }, 600_000);

  it('default jobs: 1 on 2 cores or for a few places, else one less than the cores, at most 4', () => {
    expect(defaultProfileJobs(150, 2)).toBe(1);
    expect(defaultProfileJobs(150, 1)).toBe(1);
    expect(defaultProfileJobs(7, 8)).toBe(1);
    expect(defaultProfileJobs(150, 4)).toBe(3);
    expect(defaultProfileJobs(150, 16)).toBe(4);
  });
});
