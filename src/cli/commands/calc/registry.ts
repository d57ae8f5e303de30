/**
 * Every method of `healthgap calc`, in the order `--help` lists them. Methods live in their own
 * files (one {@link MethodSpec} or a list of them each); add a new file's methods with one line
 * here. Names must be unique ({@link methodRegistry} checks).
 */
import { HealthgapError } from '../../../core/errors.js';
import type { MethodSpec } from './spec.js';
import { STATS_METHODS } from './methods.js';
import { BURDEN_METHODS } from '../calcBurden.js';

/** Check a list of methods (unique names, unique option keys per method) and return it frozen. */
export function methodRegistry(methods: readonly MethodSpec[]): readonly MethodSpec[] {
  const seen = new Set<string>();
  for (const m of methods) {
    if (seen.has(m.name)) throw new HealthgapError(`healthgap calc: two methods are named "${m.name}"`, 1);
    seen.add(m.name);
    const keys = new Set<string>();
    for (const o of m.options) {
      if (keys.has(o.key)) throw new HealthgapError(`healthgap calc ${m.name}: two options have the key "${o.key}"`, 1);
      keys.add(o.key);
    }
  }
  return Object.freeze([...methods]);
}

/** The methods of `healthgap calc`. */
export const METHODS: readonly MethodSpec[] = methodRegistry([
  ...STATS_METHODS,
  ...BURDEN_METHODS,
  // Methods from other files go here, one line each.
]);
