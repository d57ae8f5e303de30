#!/usr/bin/env node
// Entry point of the `healthgap` command: runs the built CLI (npm run build writes dist/).
// `healthgap --version` is answered here, without loading the CLI, so it is as quick as Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.on('error', () => {}); // a reader gone already (`| true`): nothing left to say
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
