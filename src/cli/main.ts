/**
 * The `healthgap` command. Each sub-command lives in `commands/<name>.ts`, exports
 * `register(program)` and has one line in the registry `commands/index.ts`. Only the module of the
 * command being run is imported; `--help` and `--version` import none. Errors raised on purpose
 * (bad input, unknown area) print one line `error: ...` and exit 2; anything unexpected prints one
 * line and exits 1 (set HEALTHGAP_DEBUG=1 for the stack).
 */
import { Command, CommanderError, Help } from 'commander';
import { readFileSync } from 'node:fs';
import { isHealthgapError, EXIT_FAILURE, EXIT_BAD_INPUT } from '../core/errors.js';
import { COMMANDS, findCommand, registerCommand, registerCommands, type CommandEntry } from './commands/index.js';
import { exitQuietlyOnClosedPipe } from './epipe.js';

/** The package version (package.json). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function baseProgram(): Command {
  return new Command()
    .name('healthgap')
    .description(
      'Population-health and health-inequalities analytics for English places: Core20PLUS5, life-expectancy gaps, prevalence, PHE statistical methods (PHEindicatormethods-compatible) and accessible place profiles.',
    )
    .version(packageVersion())
    .showHelpAfterError('(run healthgap --help for usage)')
    .exitOverride();
}

/**
 * Add every command as a light stub (name, usage and description from the registry, no module
 * imported): enough for the top-level help and for commander's "unknown command" suggestions.
 */
function addCommandStubs(program: Command): void {
  for (const c of COMMANDS) program.command(c.name).description(c.description);
  const term = new Map(COMMANDS.map((c) => [c.name, c.usage ? `${c.name} ${c.usage}` : c.name]));
  program.configureHelp({
    subcommandTerm(this: Help, cmd: Command): string {
      return term.get(cmd.name()) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
}

/** The command that `argv` runs (`healthgap <name> …` or `healthgap help <name>`), if it is a known one. */
function commandOf(argv: string[]): CommandEntry | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return findCommand(words[0] === 'help' ? words[1] : words[0]);
}

/** Build the commander program with every sub-command fully registered (imports every command module). */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  await registerCommands(program);
  return program;
}

/** Run the CLI with `argv` (as process.argv). Returns the exit code instead of exiting. */
export async function main(argv: string[] = process.argv): Promise<number> {
  exitQuietlyOnClosedPipe();
  try {
    const program = baseProgram();
    const entry = commandOf(argv);
    if (entry) await registerCommand(program, entry);
    else addCommandStubs(program);
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
