/**
 * A reader that stops early (`healthgap calc --help | head -1`, `healthgap calc le … | head`)
 * closes the pipe; the next write to standard output then fails with EPIPE. That is not an error
 * of the command: the CLI ends at once, quietly, with the exit code it had so far (0 unless a
 * failure was already recorded), as `cat` and `grep` do, instead of printing a stack trace.
 */

let installed = false;

/**
 * Make an EPIPE on standard output or standard error end the process quietly (installed once per
 * process; other stream errors are rethrown as before).
 *
 * @example exitQuietlyOnClosedPipe() // first thing the CLI does
 */
export function exitQuietlyOnClosedPipe(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
