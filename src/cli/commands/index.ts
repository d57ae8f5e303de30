/**
 * The list of sub-commands. One line per command module; each exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as area } from './area.js';
import { register as calc } from './calc.js';
import { register as core20 } from './core20.js';
import { register as data } from './data.js';
import { register as fingertips } from './fingertips.js';
import { register as le } from './le.js';
import { register as neighbours } from './neighbours.js';
import { register as prevalence } from './prevalence.js';
import { register as profile } from './profile.js';
import { register as spc } from './spc.js';

type Register = (program: Command) => void;

const registrations: Register[] = [
  area,
  calc,
  core20,
  data,
  fingertips,
  le,
  neighbours,
  prevalence,
  profile,
  spc,
];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
