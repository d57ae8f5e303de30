/**
 * Errors that healthgap raises for bad input or bad usage.
 *
 * Every error the toolkit throws on purpose is a {@link HealthgapError}: its message is one line
 * that a public health analyst can act on (which file, which row, which column, what was
 * expected). The CLI prints `error: <message>` and exits with {@link HealthgapError.exitCode}
 * instead of a stack trace.
 */

/** Exit codes used by the `healthgap` CLI: 0 success, 1 a failure while running, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export class HealthgapError extends Error {
  /** Exit code the CLI uses for this error. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message);
    this.name = 'HealthgapError';
    this.exitCode = exitCode;
  }
}

/** Where in an input a problem was found. Every field is optional; give what is known. */
export interface InputLocation {
  /** File path (or a label such as `"table passed to dsr()"`). */
  file?: string;
  /** 1-based line number in the file (header is line 1), or 1-based row index in a table. */
  row?: number;
  /** Column name as it appears in the input. */
  column?: string;
}

/**
 * Bad input data: malformed CSV, a count above its denominator, a negative number, an unknown
 * code, a missing age band. The message reads e.g.
 * `data/x.csv, line 12, column "Value": expected a number, found "abc"`.
 */
export class InputError extends HealthgapError {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly problem: string;
  constructor(problem: string, where: InputLocation = {}) {
    super(formatLocation(where) + problem, EXIT_BAD_INPUT);
    this.name = 'InputError';
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
    this.problem = problem;
  }
}

/** A place name or code that could not be resolved; `suggestions` holds close matches. */
export class UnknownAreaError extends HealthgapError {
  readonly query: string;
  readonly suggestions: string[];
  constructor(query: string, suggestions: string[], what = 'area') {
    const hint = suggestions.length ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    super(`unknown ${what} "${query}"${hint}`, EXIT_BAD_INPUT);
    this.name = 'UnknownAreaError';
    this.query = query;
    this.suggestions = suggestions;
  }
}

/** `file, line 12, column "x": ` (only the parts that are known). */
export function formatLocation(where: InputLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.row !== undefined) parts.push(where.file ? `line ${where.row}` : `row ${where.row}`);
  if (where.column !== undefined) parts.push(`column "${where.column}"`);
  return parts.length ? parts.join(', ') + ': ' : '';
}

/** True when `e` is an error raised on purpose by healthgap (print its message, not its stack). */
export function isHealthgapError(e: unknown): e is HealthgapError {
  return e instanceof HealthgapError;
}
