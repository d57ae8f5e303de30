/** Runs the healthgap CLI from source (for the profiles workload): node --import tsx bench/lib/cli-entry.ts <args>. */
import { main } from '../../src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
