/**
 * The list of sub-commands, one line per command: its name, the usage shown after the name in
 * `healthgap --help`, its one-line description and a loader that imports its module on use.
 * Each module exports `register(program)`; a module may register several commands (profile.ts
 * registers `profile` and `profiles`: list each). `healthgap --help` reads only this list; running
 * a command imports only that command's module (tests/cli/registry.test.ts checks the list
 * against the modules).
 */
import type { Command } from 'commander';

/** What a command module exports. */
export interface CommandModule {
  register(program: Command): void;
}

/** One command of the registry. */
export interface CommandEntry {
  name: string;
  /** What follows the name in the top-level help, e.g. `[options] <place...>` ('' for a command with sub-commands). */
  usage: string;
  description: string;
  load: () => Promise<CommandModule>;
}

const entry = (name: string, usage: string, description: string, load: () => Promise<CommandModule>): CommandEntry => ({ name, usage, description, load });

export const COMMANDS: readonly CommandEntry[] = [
  entry(
    'area',
    '[options] <place...>',
    'show a place in the current geography (LAD 2023, UTLA 2023, ICB 2024, region; --vintage 2019 for LAD/UTLA 2019, CCG 2020, ICB 2022): level, parents, children, population and LSOAs; old codes are mapped forward',
    () => import('./area.js'),
  ),
  entry(
    'calc',
    '',
    'statistics on a CSV: proportion, rate, mean, dsr, isratio, israte, le, sii, quantile, funnel-limits, funnel-significance, compare, trend, cmf, excess, pyll, yll (CSV in, CSV out)',
    () => import('./calc.js'),
  ),
  entry(
    'core20',
    '[options] <place...>',
    'Core20 summary of a place: population and children (0-15) living in the most deprived 20% of England (IMD 2025 deciles 1-2 by default; --imd 2019), vs region and England; --transition: IMD 2019 → 2025; --plus ethnicity: PLUS groups',
    () => import('./core20.js'),
  ),
  entry(
    'data',
    '[options] [action] [target]',
    'the data releases: list bundled and added ones, show one, add an official file (data add <file>)',
    () => import('./data.js'),
  ),
  entry(
    'fingertips',
    '',
    'OHID Fingertips API: profiles, indicators, areas and data, cached on disk (works offline from the cache)',
    () => import('./fingertips.js'),
  ),
  entry(
    'le',
    '[options] <place...>',
    'life expectancy of a place against England (or a region or another place), 2014: values, gap with 95% CI, significance, sentence, Arriaga decomposition by age',
    () => import('./le.js'),
  ),
  entry(
    'neighbours',
    '[options] <place...>',
    'statistical neighbours of a local authority or ICB: the k nearest areas on deprivation, population size, age structure and density (open model; docs/burden.md)',
    () => import('./neighbours.js'),
  ),
  entry(
    'prevalence',
    '[options] <register>',
    'QOF recorded prevalence by practice, PCN, CCG/sub-ICB, LA, ICB or region, compared with England and the parent area',
    () => import('./prevalence.js'),
  ),
  entry(
    'profile',
    '[options] [place]',
    'write one profile (self-contained accessible HTML) for a local authority, ICB or region, or a neighbourhood: PCN, ward, LSOA list, practices or drawn polygon',
    () => import('./profile.js'),
  ),
  entry(
    'profiles',
    '[options]',
    'regenerate many place or neighbourhood profiles (wards of an LA, PCNs of an ICB) with an index.html and a summary',
    () => import('./profile.js'),
  ),
  entry(
    'spc',
    '[options]',
    'statistical process control (XmR) with Making Data Count rules, as NHSRplotthedots: limits, special causes, variation and assurance, per group',
    () => import('./spc.js'),
  ),
];

/** The registry entry of a command name, if any. */
export function findCommand(name: string | undefined): CommandEntry | undefined {
  return name === undefined ? undefined : COMMANDS.find((c) => c.name === name);
}

/** Import and register the module of one command (and only it). */
export async function registerCommand(program: Command, c: CommandEntry): Promise<void> {
  (await c.load()).register(program);
}

/** Import and register every command module (all commands fully defined: for tests and tools). */
export async function registerCommands(program: Command): Promise<void> {
  const loaded = new Set<CommandModule>();
  for (const c of COMMANDS) {
    const mod = await c.load();
    if (loaded.has(mod)) continue;
    loaded.add(mod);
    mod.register(program);
  }
}
