/**
 * Nothing lost: `healthgap profiles` killed mid-run leaves only whole files, `--resume` finishes
 * the job without rebuilding what is up to date, and two runs into one folder never interleave a
 * file. Real bundled data, the CLI run from source as an analyst runs it.
 */
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = (out: string, ...more: string[]) => [
  '--import',
  'tsx',
  'tests/cli/run-cli.ts',
  'profiles',
  '--region',
  'West Midlands',
  '--sections',
  'who-lives-here',
  '--out',
  out,
  ...more,
];
const run = (out: string, ...more: string[]) => spawnSync(process.execPath, args(out, ...more), { cwd: root, encoding: 'utf8' });

/** Every HTML file in `dir` is whole (ends with the closing tag). */
function htmlFiles(dir: string): { name: string; whole: boolean }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .map((name) => ({ name, whole: readFileSync(join(dir, name), 'utf8').trimEnd().endsWith('</html>') }));
}

describe('healthgap profiles: killed, resumed, concurrent', () => {
  it('a run killed after its first profile leaves whole files, and --resume completes it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hg-resume-'));
    const child = spawn(process.execPath, args(out), { cwd: root, stdio: 'ignore' });
    await new Promise<void>((done, fail) => {
      const timer = setInterval(() => {
        // killed once the first profile is written and recorded in the manifest
        if (existsSync(join(out, '.healthgap-profiles.json'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          done();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        fail(new Error('the run ended before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    const before = htmlFiles(out);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(14);
    expect(before.every((f) => f.whole)).toBe(true);

    const resumed = run(out, '--resume');
    expect(resumed.status).toBe(0);
    const m = /(\d+) written, (\d+) unchanged, 0 skipped, 0 failed/.exec(resumed.stdout);
    expect(m, resumed.stdout + resumed.stderr).not.toBeNull();
    const [written, unchanged] = [Number(m![1]), Number(m![2])];
    expect(written + unchanged).toBe(14); // the 14 upper-tier authorities of the West Midlands
    expect(unchanged).toBeGreaterThanOrEqual(1);
    expect(unchanged).toBeLessThanOrEqual(before.length);
    const after = htmlFiles(out);
    expect(after).toHaveLength(15); // 14 places + index.html
    expect(after.every((f) => f.whole)).toBe(true);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // a profile edited by hand is rebuilt and nothing else; a changed option rebuilds all
    writeFileSync(join(out, 'sandwell.html'), 'edited');
    expect(run(out, '--resume').stdout).toMatch(/^1 written, 13 unchanged/m);
    expect(readFileSync(join(out, 'sandwell.html'), 'utf8')).toMatch(/<\/html>\s*$/);
    expect(run(out, '--resume', '--title', 'Another title').stdout).toMatch(/^14 written, 0 unchanged/m);
  }, 240_000);

  it('two runs writing into one folder at once leave whole, identical files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hg-concurrent-'));
    const once = () =>
      new Promise<number | null>((r) => spawn(process.execPath, args(out, '--date', '5 December 2026'), { cwd: root, stdio: 'ignore' }).on('exit', r));
    const codes = await Promise.all([once(), once()]);
    expect(codes).toEqual([0, 0]);
    const files = htmlFiles(out);
    expect(files).toHaveLength(15);
    expect(files.every((f) => f.whole)).toBe(true);
    expect(existsSync(join(out, '.healthgap-profiles.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, '.healthgap-profiles.json'), 'utf8')).format).toBe(1);
    // a third, single run makes the same bytes: nothing interleaved
    const single = mkdtempSync(join(tmpdir(), 'hg-single-'));
    expect(run(single, '--date', '5 December 2026').status).toBe(0);
    for (const f of files) expect(readFileSync(join(out, f.name), 'utf8')).toBe(readFileSync(join(single, f.name), 'utf8'));
  }, 240_000);
});
