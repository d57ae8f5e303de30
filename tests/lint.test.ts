/**
 * The lint gate: Biome's formatter and linter (biome.json) report nothing on src, tests, bench and
 * the notebook tools. `npm run format` fixes formatting; lint findings are fixed by hand. The
 * type-check half of `npm run lint` is tests/typecheck.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('lint', () => {
  it('biome check reports no formatting or lint errors (run npm run format, then fix what remains)', () => {
    const r = spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '--colors=off', '--max-diagnostics=20'], {
      cwd: root,
      encoding: 'utf8',
    });
    const out = r.stdout + r.stderr;
    const files = out.split('\n').filter((l) => /^\S+\.(ts|mjs|js|json):?\d*:?\d* /.test(l) || /^\S+\.(ts|mjs|js|json) (format|lint)/.test(l));
    expect(files).toEqual([]);
    expect(r.status).toBe(0);
  });
});
