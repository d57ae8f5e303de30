#!/usr/bin/env node
// npm run notebooks:setup — register the tslab kernel for this project and say how to use it.
import { setupKernel, installUserKernel, missingJupyter, JUPYTER_DATA_DIR, ROOT, jupyterPython } from './jupyter.mjs';

const quiet = process.argv.includes('--quiet');
try {
  const lines = setupKernel();
  // --user: also where Jupyter looks by default, for plain `jupyter nbconvert` / `jupyter notebook`.
  if (process.argv.includes('--user')) lines.push(`wrote ${installUserKernel()} (found by Jupyter without JUPYTER_PATH)`);
  if (!quiet) {
    for (const l of lines) console.log(l);
    const missing = missingJupyter();
    if (missing.length) console.log(`warning: Jupyter not found for ${jupyterPython()}: ${missing.join('; ')}`);
    console.log(`
The tslab kernel "TypeScript (tslab, healthgap)" is registered in ${JUPYTER_DATA_DIR}.
  Open the notebooks:     npm run notebooks
  Or by hand:             JUPYTER_PATH=${JUPYTER_DATA_DIR} ${jupyterPython()} -m jupyter notebook --notebook-dir=${ROOT}/notebooks
  Run them all as tests:  npm run test:notebooks
  Plain jupyter commands need JUPYTER_PATH=${JUPYTER_DATA_DIR}, or run once: node notebooks/tools/setup.mjs --user
Notebooks import the built package (import * as hg from 'healthgap'): run npm run build after changing src/.`);
  }
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(1);
}
