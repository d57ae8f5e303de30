/**
 * Notebook errors an analyst can read: one line that says what went wrong and how to fix it,
 * instead of a stack trace through arquero's expression parser.
 */
import { aq } from '../core/arquero.js';

/** The start of arquero's message when an expression uses a variable from outside it. */
const CLOSURE_ERROR = /^Invalid variable reference: "([^"]+)"/;

/**
 * An error shown in a notebook as a single line (`name: message`): its `stack` is only that
 * line, so tslab (which prints `console.error(error)`) shows no stack frames.
 */
export class NotebookError extends Error {
  /** The error this one explains (not shown, so the display stays one line). */
  declare readonly original: unknown;
  constructor(message: string, original?: unknown) {
    super(message);
    this.name = 'NotebookError';
    this.stack = `${this.name}: ${message}`;
    Object.defineProperty(this, 'original', { value: original, enumerable: false });
  }
}

/**
 * The one-line explanation of an arquero "Invalid variable reference" error, or null for other
 * errors. In tslab every top-level variable becomes `exports.name`, so
 * `t.filter((d) => d.area_code === code)` fails with `Invalid variable reference: "exports"`:
 * arquero reads the function's source and cannot see variables outside it.
 *
 * @example closureHint(new Error('Invalid variable reference: "exports"')) // 'arquero cannot see the notebook variable …'
 */
export function closureHint(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const m = CLOSURE_ERROR.exec(message);
  if (!m) return null;
  const what = m[1] === 'exports' ? 'a notebook variable (tslab turns top-level variables into exports.name)' : `the variable "${m[1]}"`;
  return (
    `arquero cannot see ${what} inside a table expression. Fix: whereEquals(t, { area_code: code }) from 'healthgap/notebook', ` +
    `or t.params({ code: code }).filter((d, $) => d.area_code === $.code), or t.filter(aq.escape((d) => d.area_code === code)).`
  );
}

/** Table methods whose arguments arquero parses as expressions. */
const EXPRESSION_METHODS = ['filter', 'derive', 'rollup', 'groupby', 'orderby', 'spread'] as const;

let installed = false;

/**
 * Make arquero's closure error one line with the fix in notebooks: wraps the table methods that
 * parse expressions (`filter`, `derive`, `rollup`, `groupby`, `orderby`, `spread`) so
 * that "Invalid variable reference" is rethrown as a {@link NotebookError} naming the fix; every
 * other error and every result is unchanged. Done once when `healthgap/notebook` is imported.
 */
export function installClosureHints(): void {
  if (installed) return;
  installed = true;
  const proto = Object.getPrototypeOf(aq.table({})) as Record<string, unknown>;
  for (const name of EXPRESSION_METHODS) {
    let owner: Record<string, unknown> | null = proto;
    while (owner && !Object.hasOwn(owner, name)) owner = Object.getPrototypeOf(owner) as Record<string, unknown> | null;
    const original = owner?.[name];
    if (!owner || typeof original !== 'function') continue;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        const hint = closureHint(error);
        if (hint) throw new NotebookError(hint, error);
        throw error;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  }
}
