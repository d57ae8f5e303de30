// Shared helpers for the notebook scripts and the notebook tests: where the project and
// Jupyter are, the tslab kernel spec, and running `jupyter nbconvert`.
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  return r.status === 0 ? [] : ['nbconvert/nbclient/jupyter_client (apt-get install jupyter-nbconvert jupyter-client jupyter-core python3-nbclient python3-ipykernel)'];
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

/** The notebooks (`notebooks/*.ipynb`), sorted by name. */
export function listNotebooks() {
  return readdirSync(NOTEBOOKS_DIR)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .map((f) => join(NOTEBOOKS_DIR, f));
}

/**
 * Execute a notebook headlessly with the tslab kernel into outDir (the source is not changed).
 * Returns { status, stdout, stderr, output } where output is the executed notebook's path.
 * With allowErrors the run goes on after a failing cell (used to collect diagnostics: tslab
 * reports type errors as the failing cell's stderr, which nbconvert does not print).
 */
export function executeNotebook(path, outDir, { timeout = 600, allowErrors = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  const name = path.split('/').pop();
  const r = jupyter(
    [
      'nbconvert', '--to', 'notebook', '--execute',
      `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
      `--ExecutePreprocessor.timeout=${timeout}`,
      ...(allowErrors ? ['--allow-errors'] : []),
      '--output-dir', outDir, path,
    ],
    { cwd: dirname(path), timeout: (timeout + 120) * 1000 },
  );
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''), output: join(outDir, name) };
}

/**
 * Run a notebook; when it fails, run it again with errors allowed and return a readable
 * explanation: the failing cell (from nbconvert) and every cell's stderr output (tslab's type
 * errors and exceptions). Returns { ok, output, message }.
 */
export function runNotebook(path, outDir, options = {}) {
  const run = executeNotebook(path, outDir, options);
  if (run.status === 0) return { ok: true, output: run.output, message: '' };
  const failing = run.stderr.includes('CellExecutionError')
    ? run.stderr.slice(run.stderr.lastIndexOf('An error occurred while executing the following cell'))
    : run.stderr.split('\n').slice(-30).join('\n');
  const diagnostics = [];
  const again = executeNotebook(path, join(outDir, 'with-errors'), { ...options, allowErrors: true });
  if (again.status === 0 && existsSync(again.output)) {
    const nb = JSON.parse(readFileSync(again.output, 'utf8'));
    nb.cells.forEach((cell, i) => {
      for (const o of cell.outputs ?? []) {
        if (o.output_type === 'stream' && o.name === 'stderr') diagnostics.push(`cell ${i + 1} stderr: ${[].concat(o.text).join('').trim()}`);
        if (o.output_type === 'error') diagnostics.push(`cell ${i + 1} ${o.ename}: ${o.evalue}`);
      }
    });
  }
  return { ok: false, output: run.output, message: `${path.split('/').pop()} failed (nbconvert exit ${run.status}).\n${failing.trim()}\n${diagnostics.join('\n')}` };
}

/** Convert a notebook to HTML in outDir; returns { status, stderr, output }. */
export function notebookToHtml(path, outDir) {
  mkdirSync(outDir, { recursive: true });
  const r = jupyter(['nbconvert', '--to', 'html', '--output-dir', outDir, path], { cwd: dirname(path), timeout: 300_000 });
  return { status: r.status, stderr: r.stderr ?? '', output: join(outDir, path.split('/').pop().replace(/\.ipynb$/, '.html')) };
}

/** Clear the outputs of notebooks in place (nbconvert's ClearOutputPreprocessor). */
export function clearNotebooks(paths) {
  if (paths.length === 0) return { status: 0, stderr: '' };
  const fields = ['collapsed', 'scrolled', 'execution', 'ExecuteTime'].map((f) => `--ClearOutputPreprocessor.remove_metadata_fields=${f}`);
  const r = jupyter(['nbconvert', '--to', 'notebook', '--inplace', '--ClearOutputPreprocessor.enabled=True', ...fields, ...paths]);
  return { status: r.status, stderr: r.stderr ?? '' };
}
