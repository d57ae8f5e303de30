/**
 * The `healthgap` command. Each sub-command lives in `commands/<name>.ts` and exports
 * `register(program)`; add it to the list below. Errors raised on purpose (bad input, unknown
 * area) print one line `error: ...` and exit 2; anything unexpected prints one line and exits 1
 * (set HEALTHGAP_DEBUG=1 for the stack).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { isHealthgapError, EXIT_FAILURE, EXIT_BAD_INPUT } from '../core/errors.js';
import { registerCommands } from './commands/index.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Build the commander program with every sub-command registered. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('healthgap')
    .description('Population-health and health-inequalities analytics for English places: Core20PLUS5, life-expectancy gaps, prevalence, PHE statistical methods (PHEindicatormethods-compatible) and accessible place profiles.')
    .version(packageVersion())
    .showHelpAfterError('(run healthgap --help for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Run the CLI with `argv` (as process.argv). Returns the exit code instead of exiting. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit with code 0; usage errors (already printed by commander) with 2
      return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (isHealthgapError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`error: ${err?.message ?? String(e)}\n`);
    if (process.env.HEALTHGAP_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT_FAILURE;
  }
}
