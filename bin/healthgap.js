#!/usr/bin/env node
// Entry point of the `healthgap` command: runs the built CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
