import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-atomic-'));
    const target = join(dir, 'sub', 'a.csv');
    writeFileAtomic(target, 'x,y\n1,2\n');
    expect(readFileSync(target, 'utf8')).toBe('x,y\n1,2\n');
    writeFileAtomic(target, 'x\n3\n');
    expect(readFileSync(target, 'utf8')).toBe('x\n3\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.csv']);
  });
  it('keeps the old file and removes the temporary one when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-atomic-'));
    const target = join(dir, 'b');
    mkdirSync(target); // renaming a file over a folder fails
    writeFileSync(join(target, 'inside'), 'kept');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['b']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
