/**
 * Atomic file writes: the content goes to a temporary file in the same folder, which is then
 * renamed over the target. A reader (or a run killed half-way) sees either the old file or the
 * whole new one, never a truncated file, and two writers of one file never interleave: the last
 * rename wins with a complete file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The temporary name used next to `target` while it is being written (hidden, unique per call). */
function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write `data` to `target` atomically (temporary file in the same folder, then rename). Creates the
 * folder when missing. On any failure the temporary file is removed and the error rethrown, so the
 * target is left as it was.
 *
 * @example writeFileAtomic('reports/sandwell.html', html)
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, encoding: BufferEncoding = 'utf8'): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = temporaryName(target);
  try {
    writeFileSync(temp, data, typeof data === 'string' ? { encoding } : undefined);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
