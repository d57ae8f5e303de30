/**
 * The whole project type-checks under TypeScript strict: library code (what `npm run build`
 * compiles), tests and benchmarks (tsconfig.tests.json). vitest strips types without checking
 * them, so without this test a type error would only show in the build log.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('types', () => {
  it('src, tests and bench type-check with no errors (tsc -p tsconfig.tests.json)', () => {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.tests.json'], { cwd: root, encoding: 'utf8' });
    const errors = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
  });
});
