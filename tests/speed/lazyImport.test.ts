/**
 * `import 'healthgap'` loads only what the toolkit needs to define its functions: arquero, exceljs
 * (and its zip stack), the @stdlib distribution packages and plotly.js are loaded on first use.
 * Checked in a fresh Node process: ES modules through a load hook that lists every URL loaded,
 * CommonJS modules through the require cache. A second fresh process uses the lazily loaded
 * pieces (an arquero verb, a normal quantile), proving they load when needed.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Z_975, qnorm } from '../../src/stats/distributions.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function load(u, c, next) { console.error("loaded " + u); return next(u, c); }'));
`)}`;

const SCRIPT = `
import { createRequire } from 'node:module';
const hg = await import('./src/index.ts');
console.log(JSON.stringify({ cjs: Object.keys(createRequire(import.meta.url).cache), exports: Object.keys(hg).length }));
`;

const USE = `
const hg = await import('./src/index.ts');
const t = hg.proportion((await import('arquero')).table({ events: [10], people: [100] }), { x: 'events', n: 'people' });
console.log(JSON.stringify({ after: t.numRows(), q: hg.qnorm(0.975) }));
`;

describe("import 'healthgap' in a fresh process", () => {
  let esm: string[] = [];
  let cjs: string[] = [];
  let exportsCount = 0;
  let after: { after: number; q: number } | undefined;
  let stderr = '';
  beforeAll(() => {
    const r = spawnSync(process.execPath, ['--import', HOOK, '--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    stderr = r.stderr;
    esm = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('loaded '))
      .map((l) => l.slice(7));
    const first = JSON.parse(r.stdout.trim()) as { cjs: string[]; exports: number };
    cjs = first.cjs;
    exportsCount = first.exports;
    const used = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', USE], { cwd: ROOT, encoding: 'utf8' });
    after = JSON.parse(used.stdout.trim()) as { after: number; q: number };
  }, 60_000);

  it('loads our modules but not arquero, exceljs, @stdlib or plotly.js', () => {
    expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('loaded '))).toEqual([]);
    expect(esm.filter((u) => u.endsWith('/src/index.ts')).length).toBe(1);
    expect(exportsCount).toBeGreaterThan(300);
    const heavy = [...esm, ...cjs].filter((u) => /node_modules\/(arquero|exceljs|unzipper|jszip|@stdlib|plotly\.js|danfojs|@duckdb)\//.test(u));
    expect(heavy).toEqual([]);
  });

  it('loads them when used: an arquero verb and a normal quantile work in the same process', () => {
    expect(after).toEqual({ after: 1, q: 1.9599639845400538 });
  });

  it('Z_975, the literal kept for load time, is qnorm(0.975) to the last bit', () => {
    expect(Z_975).toBe(qnorm(0.975));
  });
});
