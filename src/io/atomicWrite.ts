/**
 * Atomic file writes: the content goes to a temporary file in the same folder, which is then
 * renamed over the target. A reader (or a run killed half-way) sees either the old file or the
 * whole new one, never a truncated file, and two writers of one file never interleave: the last
 * rename wins with a complete file.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * {@link writeFileAtomic} for content made in pieces (e.g. a large CSV in blocks of rows): each
 * piece is written to the temporary file as it comes, so the whole content is never one string.
 *
 * @example writeFileAtomicBlocks('out.csv', tableToCsvBlocks(table))
 */
export function writeFileAtomicBlocks(target: string, blocks: Iterable<string>): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = temporaryName(target);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    for (const block of blocks) {
      const bytes = Buffer.from(block, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** True when a process with this id is running (signal 0 only checks). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files that {@link writeFileAtomic} left in `dir` when its process was
 * killed mid-write (their writer is no longer running); files of a live writer are kept. Returns
 * the names removed.
 */
export function removeStaleTemporaryFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
