/**
 * `healthgap profile` options that reach the profile content: --audience, --funnel-register and
 * --overdispersion (the practice funnel's limits), with one-line errors for bad values.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

function healthgap(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('healthgap profile options', () => {
  it('audience, funnel register and unadjusted limits reach the Walsall profile', () => {
    const out = mkdtempSync(join(tmpdir(), 'hg-profile-opts-'));
    const r = healthgap(
      'profile',
      'Walsall',
      '--out',
      out,
      '--sections',
      'practice-variation',
      '--audience',
      'Walsall Place Committee',
      '--funnel-register',
      'HYP',
      '--overdispersion',
      'none',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'walsall.html'), 'utf8');
    expect(html).toContain('Walsall Place Committee');
    // plain binomial limits: many practices outside (the adjusted default flags far fewer)
    expect(html).toMatch(/\d+ of \d+ GP practices serving Walsall have hypertension recorded prevalence outside the 99\.8% limits/);
    const adjusted = healthgap('profile', 'Walsall', '--out', out, '--sections', 'practice-variation', '--funnel-register', 'HYP');
    expect(adjusted.code).toBe(0);
    expect(readFileSync(join(out, 'walsall.html'), 'utf8')).toContain('widened 99.8% limits');
  });

  it('bad values are one-line errors with exit code 2', () => {
    const bad = healthgap('profile', 'Walsall', '--out', tmpdir(), '--overdispersion', 'huge');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('error: --overdispersion must be one of additive, multiplicative, none, found "huge"');
    const reg = healthgap('profile', 'Walsall', '--out', tmpdir(), '--funnel-register', 'XYZ');
    expect(reg.code).toBe(2);
    expect(reg.stderr.trim().split('\n')).toHaveLength(1);
    expect(reg.stderr).toContain('unknown QOF register "XYZ"');
  });
});
