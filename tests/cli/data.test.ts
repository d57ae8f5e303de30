import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../../src/io/catalogue.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('healthgap data', () => {
  it('prints a readable table of every bundled dataset', () => {
    const r = cli('data');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dataset\s+period\s+rows\s+source/);
    expect(r.out).toMatch(/imd2019\s+IoD2019 \(published 2019\)\s+32,844\s+MHCLG/);
    expect(r.out).toMatch(/qof-prevalence-1920\s+2019-20\s+141,120\s+NHS Digital/);
    expect(r.out).toContain(`${DATASETS.length} datasets`);
    expect(r.out).not.toContain('MISSING');
  });

  it('--json gives the catalogue with paths', () => {
    const r = cli('data', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { id: string; rows: number; present: boolean }[];
    expect(json.length).toBe(DATASETS.length);
    expect(json.find((d) => d.id === 'deaths2014')).toMatchObject({ rows: 15800, present: true });
  });

  it('shows one dataset, and an unknown one exits 2 with suggestions', () => {
    const one = cli('data', 'fingertips-93356');
    expect(one.code).toBe(0);
    expect(one.out).toContain('publisher: Public Health England (Fingertips)');
    const bad = cli('data', 'imd');
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('error: unknown dataset "imd"; did you mean "imd2019", "imd2019-file1", "imd2019-file2", "imd2019-file6", "imd2019-scores"?');
  });
});
