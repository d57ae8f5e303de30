/**
 * `healthgap … | head`: when the reader closes the pipe, the CLI ends quietly (no EPIPE stack
 * trace on stderr) with exit code 0. The real command in a child process (tsx on the source).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  firstChunk: string;
}

/** Run the CLI and close its standard output after the first chunk (or at once), as `head` does. */
function runAndClose(args: string[], closeAtOnce: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    if (closeAtOnce) child.stdout.destroy();
    else
      child.stdout.once('data', (d: Buffer) => {
        firstChunk = d.toString('utf8');
        child.stdout.destroy();
      });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, firstChunk }));
  });
}

describe('a closed standard output (EPIPE)', () => {
  let help: Run;
  let big: Run;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgap-epipe-'));
    const input = join(dir, 'proportions.csv');
    // 50,000 rows: the output (~3 MB) is far more than a pipe holds, so the command is still
    // writing when the reader goes away
    const rows = Array.from({ length: 50_000 }, (_, i) => `${(i % 90) + 1},${100 + (i % 400)}`);
    writeFileSync(input, `x,n\n${rows.join('\n')}\n`);
    [help, big] = await Promise.all([
      runAndClose(['calc', '--help'], true),
      runAndClose(['calc', 'proportion', '--input', input, '--x', 'x', '--n', 'n'], false),
    ]);
  }, 60_000);

  it('calc --help with the reader gone before it writes: exit 0, nothing on stderr', () => {
    expect(help.signal).toBeNull();
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
  });

  it('calc proportion | head: the reader saw the header, the command ended quietly with exit 0', () => {
    expect(big.firstChunk.split('\n')[0]).toBe('x,n,value,lowercl,uppercl,confidence,statistic,method');
    expect(big.signal).toBeNull();
    expect(big.code).toBe(0);
    expect(big.stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
