import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';

/** Absolute path of a fixture in tests/fixtures/io. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/io/${name}`, import.meta.url));
}

/** The InputError thrown by `f` (fails the test when it throws nothing or something else). */
export function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

/** Sum of a numeric array (nulls are an error here: real-data totals must be complete). */
export function sum(values: readonly (number | null)[]): number {
  let s = 0;
  for (const v of values) {
    if (v === null) throw new Error('unexpected null in a total');
    s += v;
  }
  return s;
}
