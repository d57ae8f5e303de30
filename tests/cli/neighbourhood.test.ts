/**
 * `healthgap profile --ward/--pcn/--lsoas` and `healthgap profiles --wards-of` on the bundled data,
 * run in process (runs start in beforeAll). The Isles of Scilly have one ward in the ONS LSOA 2021 →
 * ward 2024 best-fit lookup (St Mary's, E05011093: the lookup places the islands' one LSOA there),
 * and no PCN whose registered patients live mostly there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli.js';

type Run = { code: number; out: string; err: string };
const TMP = mkdtempSync(join(tmpdir(), 'hg-nbhd-cli-'));
const runs: Record<string, Run> = {};

describe('healthgap profile / profiles for neighbourhoods', () => {
  beforeAll(async () => {
    const list = join(TMP, 'list.csv');
    writeFileSync(list, 'lsoa21cd\nE01009740\nE01009742\n');
    runs.ward = await runCliInProcess('profile', '--ward', 'Abbey, Sandwell', '--out', TMP);
    runs.batch = await runCliInProcess('profiles', '--wards-of', 'Isles of Scilly', '--out', join(TMP, 'scilly'));
    runs.noName = await runCliInProcess('profile', '--lsoas', list, '--out', TMP);
    runs.ambiguous = await runCliInProcess('profile', '--ward', 'Abbey', '--out', TMP);
    runs.unknownPcn = await runCliInProcess('profile', '--pcn', 'Brierly Hill PCN', '--out', TMP);
    runs.both = await runCliInProcess('profile', 'Sandwell', '--ward', 'E05001260', '--out', TMP);
    runs.noPcns = await runCliInProcess('profiles', '--pcns-of', 'Isles of Scilly', '--out', TMP);
  }, 600_000);

  it('writes a ward profile named after the ward and its code', () => {
    expect(runs.ward.code).toBe(0);
    expect(runs.ward.out).toMatch(/^wrote .*abbey-e05001260\.html \(\d\.\d MB\)$/m);
    const html = readFileSync(join(TMP, 'abbey-e05001260.html'), 'utf8');
    expect(html).toContain('Abbey neighbourhood profile');
    expect(html).toContain('Shown for Sandwell only: life expectancy');
  });

  it('profiles --wards-of writes each ward and the index page', () => {
    expect(runs.batch.code).toBe(0);
    expect(runs.batch.out).toMatch(/^1 written, 0 failed in [\d.]+ s; index: .*index\.html$/m);
    expect(runs.batch.err).toMatch(/\[1\/1\] St Mary's: written/);
    expect(existsSync(join(TMP, 'scilly', 'st-mary-s-e05011093.html'))).toBe(true);
    const index = readFileSync(join(TMP, 'scilly', 'index.html'), 'utf8');
    expect(index).toContain('Ward profiles, Isles of Scilly');
    expect(index).toContain('href="st-mary-s-e05011093.html"');
  });

  it('bad requests are one-line errors with exit code 2', () => {
    expect(runs.noName.code).toBe(2);
    expect(runs.noName.err).toMatch(/--lsoas needs --name <text>/);
    expect(runs.ambiguous.code).toBe(2);
    expect(runs.ambiguous.err).toMatch(/"Abbey" names \d+ wards: .*Abbey, Sandwell \(E05001260\).*Give the code, or the ward and its local authority/);
    expect(runs.unknownPcn.code).toBe(2);
    expect(runs.unknownPcn.err).toMatch(/unknown PCN "Brierly Hill PCN"; did you mean "BRIERLEY HILL PCN \(U66146\)"/);
    expect(runs.both.code).toBe(2);
    expect(runs.both.err).toMatch(/give a place, or exactly one of --pcn/);
    expect(runs.noPcns.code).toBe(2);
    expect(runs.noPcns.err).toMatch(/no PCNs found for Isles of Scilly/);
    for (const r of [runs.noName, runs.ambiguous, runs.unknownPcn, runs.both, runs.noPcns]) expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
