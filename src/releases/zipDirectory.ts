/**
 * The central directory of a zip file (an xlsx workbook is one), read from the end of the file
 * before anything is decompressed: entry names with their compressed and uncompressed sizes
 * (zip64 sizes included), so that limits on entries, bytes and compression ratio can be checked
 * first; and the sheet names of a workbook from its small `xl/workbook.xml` entry, inflated alone
 * within a byte limit. Format: PKWARE APPNOTE.TXT §4.3.12 (central directory header), §4.3.16
 * (end of central directory), §4.3.14-15 and §4.5.3 (zip64).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../io/errors.js';

/** One entry of a zip central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Largest central directory read (bytes): 400 entries need a few tens of kilobytes. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/**
 * Read the central directory of a zip file. Throws `InputError` naming the file when it is not a
 * zip (no end-of-central-directory record), is truncated, or its directory is malformed.
 *
 * @example readZipDirectory('sapelsoasyoa20222024.xlsx').find((e) => e.name === 'xl/sharedStrings.xml')?.uncompressedSize
 */
export function readZipDirectory(file: string): ZipEntry[] {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const tailLen = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new InputError('not an xlsx workbook (no zip directory found; truncated or not a zip)', { file });
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    const locAt = at - 20;
    if (locAt >= 0 && tail.readUInt32LE(locAt) === ZIP64_LOCATOR) {
      const z64 = readAt(fd, Number(tail.readBigUInt64LE(locAt + 8)), 56);
      if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD) throw new InputError('not a valid xlsx workbook (bad zip64 directory record)', { file });
      count = Number(z64.readBigUInt64LE(32));
      dirSize = Number(z64.readBigUInt64LE(40));
      dirOffset = Number(z64.readBigUInt64LE(48));
    }
    if (dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize > size)
      throw new InputError('not a valid xlsx workbook (zip directory out of bounds; truncated?)', { file });
    const dir = readAt(fd, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL)
        throw new InputError(`not a valid xlsx workbook (zip directory entry ${k + 1} is malformed)`, { file });
      const method = dir.readUInt16LE(p + 10);
      let compressedSize = dir.readUInt32LE(p + 20);
      let uncompressedSize = dir.readUInt32LE(p + 24);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      let offset = dir.readUInt32LE(p + 42);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLen);
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = dir.readUInt16LE(e);
        const len = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff) (uncompressedSize = Number(dir.readBigUInt64LE(q))), (q += 8);
          if (compressedSize === 0xffffffff) (compressedSize = Number(dir.readBigUInt64LE(q))), (q += 8);
          if (offset === 0xffffffff) offset = Number(dir.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, method, compressedSize, uncompressedSize, offset });
      p = extraEnd + commentLen;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of one small zip entry, inflated alone (at most `maxBytes` of output).
 *
 * @example readZipEntryText('book.xlsx', entry, 1_000_000)
 */
export function readZipEntryText(file: string, entry: ZipEntry, maxBytes: number): string {
  if (entry.uncompressedSize > maxBytes)
    throw new InputError(`zip entry ${entry.name} is ${entry.uncompressedSize} bytes, above the limit of ${maxBytes}`, { file });
  const fd = openSync(file, 'r');
  try {
    const local = readAt(fd, entry.offset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
      throw new InputError(`not a valid xlsx workbook (zip entry ${entry.name} not found where the directory says)`, { file });
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = readAt(fd, start, entry.compressedSize);
    if (entry.method === 0) return raw.toString('utf8');
    if (entry.method !== 8) throw new InputError(`zip entry ${entry.name} uses compression method ${entry.method} (expected deflate)`, { file });
    try {
      return inflateRawSync(raw, { maxOutputLength: maxBytes }).toString('utf8');
    } catch (e) {
      throw new InputError(`cannot inflate zip entry ${entry.name} (${(e as Error).message})`, { file });
    }
  } finally {
    closeSync(fd);
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e.toLowerCase()],
  );
}

/**
 * The sheet names of an xlsx workbook in workbook order, from `xl/workbook.xml` alone (nothing
 * else is decompressed). Empty when the workbook part is missing.
 *
 * @example workbookSheetNames('sapelsoasyoa20222024.xlsx') // ['Cover sheet', 'Contents', …, 'Mid-2022 LSOA 2021', …]
 */
export function workbookSheetNames(file: string, entries: readonly ZipEntry[] = readZipDirectory(file)): string[] {
  const part = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!part) return [];
  const xml = readZipEntryText(file, part, 4 * 1024 * 1024);
  const names: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)) names.push(xmlText(m[1]));
  return names;
}
