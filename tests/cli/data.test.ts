import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS } from '../../src/io/catalogue.js';
import { bundledReleases } from '../../src/releases/catalogue.js';

/** `sha256sum data/reference/esp2013_5yr_19bands.csv`. */
const ESP_SHA = '0b2f7c765a6c061572594c2b68b69de70a4c8aaea3a379bede17192dd991ece3';
const FIX = new URL('../fixtures/releases/', import.meta.url).pathname;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('healthgap data', () => {
  it('prints a readable table of every bundled dataset', () => {
    const empty = mkdtempSync(join(tmpdir(), 'hg-data-'));
    const r = cli('data', '--data-dir', empty);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}release\s+kind\s+period\s+vintage\s+rows\s+origin/);
    expect(r.out).toMatch(/\* imd2025\s+imd\s+IoD2025 \(October 2025\)\s+LSOA 2021\s+33,755\s+bundled, MHCLG/);
    expect(r.out).toMatch(/ {2}imd2019\s+imd\s+IoD2019 \(published 2019\)\s+LSOA 2011\s+32,844\s+bundled, MHCLG/);
    expect(r.out).toMatch(/qof-prevalence-1920\s+qof-prevalence\s+2019-20\s+practice\s+141,120\s+bundled, NHS Digital/);
    expect(r.out).toContain(`${bundledReleases().length} bundled datasets, 0 added releases`);
  });

  it('--json gives the catalogue with paths', () => {
    const r = cli('data', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { id: string; rows: number; kind: string }[];
    expect(json.length).toBeGreaterThanOrEqual(DATASETS.length);
    expect(json.find((d) => d.id === 'deaths2014')).toMatchObject({ rows: 15800, kind: 'deaths-la', origin: 'bundled' });
  });

  it('shows one dataset, and an unknown one exits 2 with suggestions', () => {
    const one = cli('data', 'fingertips-93356');
    expect(one.code).toBe(0);
    expect(one.out).toContain('publisher: Public Health England (Fingertips)');
    const shown = cli('data', 'show', 'esp2013-19');
    expect(shown.code).toBe(0);
    // SHA-256 of the bundled file, computed independently with sha256sum.
    expect(shown.out).toContain(`sha256:    ${ESP_SHA}`);
    const bad = cli('data', 'imd');
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('error: unknown dataset "imd"; did you mean "imd2019", "imd2019-file1", "imd2019-file2", "imd2019-file6", "imd2019-scores"?');
  });

  it('data add installs a release, lists it as latest, says so when added again, refuses a bad file in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-data-'));
    const add = cli('data', 'add', join(FIX, 'PREVALENCE_1920_extract.csv'), '--data-dir', dir);
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^added qof-prevalence-practice-2019-20: QOF practice registers and list sizes 2019-20; 63 rows, practice, stored in /);
    expect(readdirSync(join(dir, 'releases', 'qof-prevalence')).sort()).toEqual([
      'qof-prevalence-practice-2019-20.csv.gz',
      'qof-prevalence-practice-2019-20.json',
    ]);
    const list = cli('data', '--data-dir', dir);
    expect(list.out).toMatch(/\* qof-prevalence-practice-2019-20\s+qof-prevalence\s+2019-20\s+practice\s+63\s+added /);
    const again = cli('data', 'add', join(FIX, 'PREVALENCE_1920_extract.csv'), '--data-dir', dir);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already added as qof-prevalence-practice-2019-20 \(same SHA-256 [0-9a-f]{12}…\); nothing changed/);
    const bad = cli('data', 'add', join(FIX, 'PREVALENCE_1920_missing_column.csv'), '--data-dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/PREVALENCE_1920_missing_column\.csv, row 1, column "PATIENT_LIST_SIZE": expected column PATIENT_LIST_SIZE/);
  });
});
