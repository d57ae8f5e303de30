/**
 * The shape of a `healthgap calc` method: its options, how they are parsed, and the verb it runs.
 * A method is one {@link MethodSpec} value; `registry.ts` lists them. To add a method, write its
 * spec in its own file under `calc/` (see `methods.ts` for examples) and add one line to
 * `registry.ts`.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../../core/errors.js';
import type { ConfidenceInput } from '../../../stats/confidence.js';
import type { VerbSource } from '../../../stats/verb.js';

/** How an option's value is used. */
export type OptionKind =
  | 'column' // a column read as numbers
  | 'text-column' // a column kept as text
  | 'number'
  | 'integer'
  | 'boolean' // a switch (--rii)
  | 'true-false' // --invert true|false
  | 'string';

/** One option of a method. */
export interface OptionSpec {
  /** camelCase key the verb receives (commander's name for the flag). */
  key: string;
  /** Flag text, e.g. `--x <col>`. */
  flags: string;
  description: string;
  kind: OptionKind;
  required?: boolean;
  default?: string;
  /** For `column` options: a special non-column value allowed (e.g. `esp2013`). */
  special?: string[];
}

/** What a method's runner receives: the input table (grouped as asked), the parsed options, where it came from. */
export interface RunContext {
  table: ColumnTable;
  opts: Record<string, unknown>;
  confidence: ConfidenceInput | undefined;
  source: VerbSource;
  groupBy: string[];
}

/** One method of `healthgap calc`. */
export interface MethodSpec {
  /** Sub-command name (`healthgap calc <name>`). */
  name: string;
  /** One line for `--help`: what it computes and the PHEim function it follows. */
  summary: string;
  options: OptionSpec[];
  /** Whether --multiplier applies (and its PHEim default, for help). */
  multiplier?: string;
  /** False when the method takes no --confidence option. Default true. */
  confidence?: boolean;
  /** Columns read as numbers by default when the method's options do not name them. */
  defaultNumeric?: string[];
  run: (ctx: RunContext) => ColumnTable;
}

/** A column option (`--flag <col>`). */
export const col = (key: string, flag: string, description: string, required = true, kind: OptionKind = 'column'): OptionSpec => ({
  key,
  flags: `--${flag} <col>`,
  description,
  kind,
  required,
});

/** Parse `--confidence 0.95` or `0.95,0.998` (or 95,99.8). */
export function parseConfidenceOption(text: string | undefined): ConfidenceInput | undefined {
  if (text === undefined) return undefined;
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const nums = parts.map(Number);
  if (parts.length === 0 || nums.some((v) => !Number.isFinite(v))) {
    throw new HealthgapError(`--confidence must be a level such as 0.95, or two levels 0.95,0.998 (found "${text}")`);
  }
  return nums.length === 1 ? nums[0] : nums;
}

/** The value of one option as its kind says (a bad value is a one-line usage error naming the flag). */
export function parseOptionValue(spec: OptionSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  const flag = spec.flags.split(' ')[0];
  switch (spec.kind) {
    case 'number': {
      const v = Number(raw);
      if (String(raw).trim() === '' || !Number.isFinite(v)) throw new HealthgapError(`${flag} must be a number (found "${String(raw)}")`);
      return v;
    }
    case 'integer': {
      const v = Number(raw);
      if (!Number.isInteger(v)) throw new HealthgapError(`${flag} must be a whole number (found "${String(raw)}")`);
      return v;
    }
    case 'true-false': {
      const s = String(raw).trim().toLowerCase();
      if (s === 'true' || s === 't' || s === '1') return true;
      if (s === 'false' || s === 'f' || s === '0') return false;
      throw new HealthgapError(`${flag} must be true or false (found "${String(raw)}")`);
    }
    case 'boolean':
      return !!raw;
    default:
      return String(raw);
  }
}
