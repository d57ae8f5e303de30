// Shared helpers for the notebook scripts and the notebook tests: where the project and
// Jupyter are, the tslab kernel spec, and running `jupyter nbconvert`.
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellFailures } from './checks.mjs';

/** Project root (holds package.json). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Folder of the notebooks. */
export const NOTEBOOKS_DIR = join(ROOT, 'notebooks');
/** Project-local Jupyter data dir (git-ignored) that holds the tslab kernel spec; put it on JUPYTER_PATH. */
export const JUPYTER_DATA_DIR = join(ROOT, '.jupyter');
/** Name of the kernel spec. */
export const KERNEL_NAME = 'tslab';

/**
 * The Python that has Jupyter: $HEALTHGAP_PYTHON, else Debian's /usr/bin/python3 (a `python3`
 * earlier on PATH, e.g. pyenv, usually has no Jupyter), else `python3`.
 */
export function jupyterPython() {
  if (process.env.HEALTHGAP_PYTHON) return process.env.HEALTHGAP_PYTHON;
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  return 'python3';
}

/** Environment for Jupyter commands: JUPYTER_PATH starts with the project's .jupyter. */
export function jupyterEnv(base = process.env) {
  const path = [JUPYTER_DATA_DIR, base.JUPYTER_PATH].filter(Boolean).join(':');
  return { ...base, JUPYTER_PATH: path };
}

/** Run `python -m jupyter <args>` synchronously; returns spawnSync's result (stdout/stderr as text). */
export function jupyter(args, options = {}) {
  return spawnSync(jupyterPython(), ['-m', 'jupyter', ...args], {
    cwd: options.cwd ?? ROOT,
    env: jupyterEnv(),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: options.timeout,
    stdio: options.stdio ?? 'pipe',
  });
}

/** Which Jupyter pieces are missing (empty when nbconvert, nbclient and ipykernel's client are importable). */
export function missingJupyter() {
  const r = spawnSync(jupyterPython(), ['-c', 'import nbconvert, nbclient, jupyter_client, nbformat'], { encoding: 'utf8' });
  return r.status === 0
    ? []
    : ['nbconvert/nbclient/jupyter_client (apt-get install jupyter-nbconvert jupyter-client jupyter-core python3-nbclient python3-ipykernel)'];
}

/** The kernel.json for tslab: absolute path to node_modules/.bin/tslab, argv as tslab's own installer writes it. */
export function kernelSpec() {
  const tslab = join(ROOT, 'node_modules', '.bin', 'tslab');
  return {
    argv: [tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (tslab, healthgap)',
    language: 'typescript',
  };
}

/**
 * Set up the kernel: write .jupyter/kernels/tslab/kernel.json and link
 * notebooks/node_modules/healthgap to the project root, so `import ... from 'healthgap'`
 * resolves in notebooks both for tslab's type checker (old `node` resolution: package.json
 * `types`/`typesVersions`) and at run time. The link lives under notebooks/ (git-ignored), not in
 * the root node_modules, so `npm install`/`npm ci` (which prune unknown links there) leave it alone.
 * Returns what it did, as lines of text.
 */
export function setupKernel() {
  const done = [];
  const spec = kernelSpec();
  if (!existsSync(spec.argv[0])) throw new Error(`tslab is not installed (${spec.argv[0]} is missing): run npm ci first`);
  const kernelDir = join(JUPYTER_DATA_DIR, 'kernels', KERNEL_NAME);
  mkdirSync(kernelDir, { recursive: true });
  const file = join(kernelDir, 'kernel.json');
  const json = JSON.stringify(spec, null, 2) + '\n';
  if (!existsSync(file) || readFileSync(file, 'utf8') !== json) {
    writeFileSync(file, json);
    done.push(`wrote ${file}`);
  } else done.push(`kernel spec up to date: ${file}`);
  const linkDir = join(NOTEBOOKS_DIR, 'node_modules');
  mkdirSync(linkDir, { recursive: true });
  const link = join(linkDir, 'healthgap');
  let ok = false;
  try {
    const st = lstatSync(link);
    if (st.isSymbolicLink() && resolve(dirname(link), readlinkSync(link)) === ROOT) ok = true;
    else if (st.isSymbolicLink()) rmSync(link);
    else throw new Error(`${link} exists and is not a link to the project; remove it and run again`);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  if (!ok) {
    symlinkSync(join('..', '..'), link, 'dir');
    done.push(`linked ${link} -> ../..`);
  } else done.push(`link up to date: ${link} -> ../..`);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) done.push('warning: dist/ is missing; run npm run build (notebooks import the built package)');
  return done;
}

/**
 * Install the kernel spec where Jupyter looks by default for this user (`jupyter --data-dir`,
 * e.g. ~/.local/share/jupyter/kernels/tslab), so plain `jupyter nbconvert --execute` and
 * `jupyter notebook` find "tslab" without JUPYTER_PATH. Returns the file written.
 */
export function installUserKernel() {
  const r = spawnSync(jupyterPython(), ['-m', 'jupyter', '--data-dir'], { encoding: 'utf8', env: { ...process.env } });
  const dataDir = (r.stdout ?? '').trim();
  if (r.status !== 0 || !dataDir) throw new Error(`could not ask Jupyter for its data directory: ${(r.stderr ?? '').trim() || 'jupyter is not installed'}`);
  const dir = join(dataDir, 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kernel.json');
  writeFileSync(file, JSON.stringify(kernelSpec(), null, 2) + '\n');
  return file;
}

/** Folder for analysts' own notebooks: git-ignored, never read by the tests or the checks. */
export const SCRATCH_DIR = join(NOTEBOOKS_DIR, 'scratch');

/**
 * The committed notebooks (`notebooks/NN-name.ipynb` tracked by git), sorted by name. Notebooks
 * an analyst saves and has not committed (Jupyter's `Untitled.ipynb`, anything in
 * `notebooks/scratch/`) are left out, so they never break `npm run test:notebooks`. Outside a
 * git checkout (e.g. a package tarball), the top-level files named like `07-topic.ipynb`.
 */
export function listNotebooks() {
  const r = spawnSync('git', ['ls-files', '-z', '--', '*.ipynb'], { cwd: NOTEBOOKS_DIR, encoding: 'utf8' });
  let names;
  if (r.status === 0) names = r.stdout.split('\0').filter((f) => f && !f.includes('/'));
  else names = readdirSync(NOTEBOOKS_DIR).filter((f) => /^\d\d-[a-z0-9-]+\.ipynb$/.test(f));
  return names
    .filter((f) => f.endsWith('.ipynb') && existsSync(join(NOTEBOOKS_DIR, f)))
    .sort()
    .map((f) => join(NOTEBOOKS_DIR, f));
}

/** Path of the runner script that keeps going after failing cells (see execute.py). */
export const EXECUTE_SCRIPT = join(NOTEBOOKS_DIR, 'tools', 'execute.py');

/**
 * Execute a notebook headlessly with the tslab kernel into outDir (the source is not changed):
 * every cell runs, also after a failing one (notebooks/tools/execute.py waits out tslab's 200 ms
 * reset and marks failing cells). Returns { status, stdout, stderr, output }: status 0 when the
 * notebook ran to the end (read its cells for failures), else it could not run.
 */
export function executeNotebook(path, outDir, { timeout = 600 } = {}) {
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, path.split('/').pop());
  const r = spawnSync(jupyterPython(), [EXECUTE_SCRIPT, path, output, '--timeout', String(timeout), '--kernel', KERNEL_NAME], {
    cwd: dirname(path),
    env: jupyterEnv(),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: (timeout + 120) * 1000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''), output };
}

/**
 * Run a notebook; returns { ok, output, message, failures }. When cells fail, `message` lists
 * every failing cell with the line that failed (when tslab names it) and the message, type
 * errors included (see `cellFailures` in checks.mjs).
 */
export function runNotebook(path, outDir, options = {}) {
  const run = executeNotebook(path, outDir, options);
  const name = path.split('/').pop();
  if (run.status !== 0 || !existsSync(run.output)) {
    return {
      ok: false,
      output: run.output,
      failures: [],
      message: `${name} could not run (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-15).join('\n')}`,
    };
  }
  const failures = cellFailures(JSON.parse(readFileSync(run.output, 'utf8')));
  if (failures.length === 0) return { ok: true, output: run.output, failures, message: '' };
  return {
    ok: false,
    output: run.output,
    failures,
    message: `${name}: ${failures.length} failing cell${failures.length === 1 ? '' : 's'}\n${failures.map((f) => f.text).join('\n')}`,
  };
}

/** Convert a notebook to HTML in outDir; returns { status, stderr, output }. */
export function notebookToHtml(path, outDir) {
  mkdirSync(outDir, { recursive: true });
  const r = jupyter(['nbconvert', '--to', 'html', '--output-dir', outDir, path], { cwd: dirname(path), timeout: 300_000 });
  return {
    status: r.status,
    stderr: r.stderr ?? '',
    output: join(
      outDir,
      path
        .split('/')
        .pop()
        .replace(/\.ipynb$/, '.html'),
    ),
  };
}

/** Clear the outputs of notebooks in place (nbconvert's ClearOutputPreprocessor). */
export function clearNotebooks(paths) {
  if (paths.length === 0) return { status: 0, stderr: '' };
  const fields = ['collapsed', 'scrolled', 'execution', 'ExecuteTime'].map((f) => `--ClearOutputPreprocessor.remove_metadata_fields=${f}`);
  const r = jupyter(['nbconvert', '--to', 'notebook', '--inplace', '--ClearOutputPreprocessor.enabled=True', ...fields, ...paths]);
  return { status: r.status, stderr: r.stderr ?? '' };
}
