#!/usr/bin/env node
// npm run notebooks:clear [-- notebooks/02-x.ipynb ...] — clear outputs in place before committing.
import { resolve } from 'node:path';
import { clearNotebooks, listNotebooks } from './jupyter.mjs';

const given = process.argv.slice(2).map((p) => resolve(p));
const paths = given.length ? given : listNotebooks();
const r = clearNotebooks(paths);
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
console.log(`cleared ${paths.length} notebook${paths.length === 1 ? '' : 's'}`);
