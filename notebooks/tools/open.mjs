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
const child = spawn(jupyterPython(), args, { stdio: 'inherit', env: jupyterEnv() });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
child.on('error', (e) => {
  console.error(`error: could not start Jupyter (${e.message}). Install it: apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert python3-ipykernel`);
  process.exit(1);
});
