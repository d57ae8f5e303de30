// Runs the healthgap CLI from source (used by the CLI tests through `node --import tsx`).
import { main } from '../../src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
