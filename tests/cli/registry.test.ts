// The command registry (src/cli/commands/index.ts) against the command modules: every listed
// command exists in its module with the same description and usage, every command a module
// registers is listed, and the top-level help lists them all from the registry alone.
import { describe, it, expect } from 'vitest';
import { Command, Help } from 'commander';
import { COMMANDS, registerCommands } from '../../src/cli/commands/index.js';
import { runCliInProcess } from '../helpers/cli.js';

describe('command registry', () => {
  it('matches the name, usage and description each module registers', async () => {
    const program = new Command();
    await registerCommands(program);
    const help = new Help();
    const registered = program.commands.map((c) => c.name()).sort();
    expect(registered).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const c of COMMANDS) {
      const cmd = program.commands.find((x) => x.name() === c.name) as Command;
      // a command with sub-commands may list them in its own description as they are added (calc methods)
      if (cmd.commands.length === 0) expect(cmd.description(), c.name).toBe(c.description);
      else expect(c.description.length, c.name).toBeGreaterThan(20);
      const term = help.subcommandTerm(cmd);
      expect(term, c.name).toBe(c.usage ? `${c.name} ${c.usage}` : c.name);
    }
  });

  it('top-level help lists every command with its description', async () => {
    const r = await runCliInProcess('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c.name}${c.usage ? ` ${c.usage.replace(/[[\].]/g, '\\$&')}` : ''} +\\S`, 'm'));
    expect(r.out).toMatch(/^ {2}help \[command\]/m);
  });

  it('an unknown command is a one-line error with a suggestion and exit code 2', async () => {
    const r = await runCliInProcess('aera', 'Sandwell');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown command 'aera'");
    expect(r.err).toContain('(Did you mean area?)');
  });
});
