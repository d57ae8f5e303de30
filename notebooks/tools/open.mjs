#!/usr/bin/env node
// npm run notebooks — open Jupyter Notebook on notebooks/ with the project's tslab kernel.
// Extra arguments go to `jupyter notebook` (e.g. npm run notebooks -- --no-browser --port 8899).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setupKernel, jupyterEnv, jupyterPython, ROOT } from './jupyter.mjs';

setupKernel();
const args = ['-m', 'jupyter', 'notebook', `--notebook-dir=${join(ROOT, 'notebooks')}`];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--allow-root');
args.push(...process.argv.slice(2));
console.log(`${jupyterPython()} ${args.join(' ')}`);
// Jupyter runs in its own process group, so Ctrl-C reaches only this script, which stops
// Jupyter with SIGTERM (Jupyter would otherwise ask "Shutdown this notebook server (y/[n])?"
// and keep running after npm has gone).
const child = spawn(jupyterPython(), args, { stdio: 'inherit', env: jupyterEnv(), detached: true });
let stopping = false;
const stop = () => {
  if (stopping || child.exitCode !== null) return;
  stopping = true;
  console.log('\nstopping Jupyter…');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    process.exit(1);
  }, 10_000).unref();
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
process.on('exit', () => {
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
});
child.on('exit', (code, signal) => process.exit(signal && !stopping ? 1 : (code ?? 0)));
child.on('error', (e) => {
  console.error(
    `error: could not start Jupyter (${e.message}). Install it: apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert python3-ipykernel`,
  );
  process.exit(1);
});
