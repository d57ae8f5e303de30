/**
 * Stream the rows of a large xlsx workbook, sheet by sheet, with exceljs' streaming
 * WorkbookReader: each row is handed to a visitor as it is parsed and dropped, so memory holds
 * one row (plus the workbook's shared strings), never a sheet. Hard limits suited to a streaming
 * read are checked first from the zip directory (file bytes, zip entries, uncompressed bytes of
 * all entries and of the shared strings, compression ratio of large entries: a zip bomb is
 * refused before anything is inflated) and then while reading (sheets, rows per sheet, cells per
 * row, cells in all). Every refusal is one `InputError` line naming the file.
 */
import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { InputError } from '../io/errors.js';
import { openWorkbookReader, plainCell, type Cell } from './xlsx.js';
import { readZipDirectory, readZipEntryText, type ZipEntry } from './zipDirectory.js';

/** Limits on what {@link streamWorkbook} accepts. */
export interface StreamLimits {
  /** Size of the file as offered. */
  maxBytes?: number;
  maxEntries?: number;
  /** Sum of the uncompressed sizes of all zip entries. */
  maxUncompressedBytes?: number;
  /** Uncompressed size of `xl/sharedStrings.xml` (held in memory while the sheets are read). */
  maxSharedStringsBytes?: number;
  /** Uncompressed ÷ compressed size of any entry above 1 MB. */
  maxCompressionRatio?: number;
  maxSheets?: number;
  maxRowsPerSheet?: number;
  /** Cells in one row (the last non-empty column). */
  maxCellsPerRow?: number;
  /** Cells in all sheets together. */
  maxCells?: number;
}

/** Default streaming limits: a national LSOA workbook (~90 MB, ~20 million cells) fits with room. */
export const STREAM_LIMITS: Readonly<Required<StreamLimits>> = {
  maxBytes: 1024 * 1024 * 1024,
  maxEntries: 400,
  maxUncompressedBytes: 8 * 1024 * 1024 * 1024,
  maxSharedStringsBytes: 256 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxSheets: 80,
  maxRowsPerSheet: 1_048_576,
  maxCellsPerRow: 2_048,
  maxCells: 200_000_000,
};

/** What a streamed workbook is handed to, sheet by sheet, row by row (rows in sheet order). */
export interface WorkbookVisitor {
  startSheet(name: string): void | Promise<void>;
  /** One row: cells from column A (trailing empty cells dropped); `rowNumber` 1-based as in Excel. */
  row(cells: Cell[], rowNumber: number): void | Promise<void>;
  endSheet(name: string): void | Promise<void>;
}

const MB = 1024 * 1024;
const human = (n: number) => (n >= MB ? `${(n / MB).toFixed(0)} MB` : `${n} bytes`);

/**
 * Check a workbook's zip directory against the streaming limits before anything is inflated.
 *
 * @example checkZipLimits('sapelsoasyoa20222024.xlsx') // the directory entries, or throws InputError
 */
export function checkZipLimits(file: string, limits: StreamLimits = {}): ZipEntry[] {
  const L = { ...STREAM_LIMITS, ...limits };
  const bytes = statSync(file).size;
  if (bytes > L.maxBytes) throw new InputError(`workbook is ${human(bytes)}, above the streaming limit of ${human(L.maxBytes)}`, { file });
  const entries = readZipDirectory(file);
  if (entries.length > L.maxEntries) throw new InputError(`workbook has ${entries.length} zip entries, above the limit of ${L.maxEntries}`, { file });
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize > MB && e.uncompressedSize > L.maxCompressionRatio * Math.max(1, e.compressedSize))
      throw new InputError(
        `zip entry ${e.name} inflates ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}-fold, above the limit of ${L.maxCompressionRatio} (a zip bomb?)`,
        { file },
      );
    if (e.name === 'xl/sharedStrings.xml' && e.uncompressedSize > L.maxSharedStringsBytes)
      throw new InputError(`the shared strings are ${human(e.uncompressedSize)} uncompressed, above the limit of ${human(L.maxSharedStringsBytes)}`, { file });
  }
  if (total > L.maxUncompressedBytes)
    throw new InputError(`workbook is ${human(total)} uncompressed, above the limit of ${human(L.maxUncompressedBytes)}`, { file });
  return entries;
}

/**
 * Read an xlsx workbook as a stream, handing each sheet's rows to `visitor` as they are parsed.
 * The visitor may return a promise (to wait for a write stream to drain); the read waits for it.
 * Throws `InputError` (one line naming the file, and the sheet and row where one applies) when a
 * limit is exceeded or the workbook cannot be parsed; an `InputError` thrown by the visitor is
 * passed through.
 *
 * @example await streamWorkbook('sapelsoasyoa20222024.xlsx', { startSheet() {}, row(cells, n) {}, endSheet() {} })
 */
export async function streamWorkbook(file: string, visitor: WorkbookVisitor, limits: StreamLimits = {}): Promise<void> {
  const L = { ...STREAM_LIMITS, ...limits };
  const entries = checkZipLimits(file, limits);
  let sheets = 0;
  let cells = 0;
  try {
    const reader = await openWorkbookReader(file, 'ignore');
    await preloadSharedStrings(reader, file, entries, L.maxSharedStringsBytes);
    for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
      if (++sheets > L.maxSheets) throw new InputError(`workbook has more than ${L.maxSheets} sheets`, { file });
      const name = ws.name;
      await visitor.startSheet(name);
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number > L.maxRowsPerSheet) throw new InputError(`sheet "${name}" has more than ${L.maxRowsPerSheet.toLocaleString('en-GB')} rows`, { file });
        const values = row.values as unknown[];
        if (values.length - 1 > L.maxCellsPerRow)
          throw new InputError(`sheet "${name}", row ${row.number} has ${values.length - 1} cells, above the limit of ${L.maxCellsPerRow} a row`, { file });
        const out: Cell[] = new Array(Math.max(0, values.length - 1));
        for (let j = 1; j < values.length; j++) out[j - 1] = plainCell(values[j]);
        while (out.length && out[out.length - 1] === null) out.pop();
        cells += out.length;
        if (cells > L.maxCells) throw new InputError(`workbook has more than ${L.maxCells.toLocaleString('en-GB')} cells`, { file });
        await visitor.row(out, row.number);
      }
      await visitor.endSheet(name);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the workbook (${(e as Error).message.split('\n')[0]})`, { file });
  }
}

/**
 * Excel writes the shared strings after the sheets; exceljs then spools every sheet's XML to a
 * temporary file until the strings arrive (about 0.5 GB of disk for the national LSOA workbook).
 * Reading the strings first from their own zip entry (inflated alone, within the shared-strings
 * limit, parsed by exceljs' own parser) lets the sheets stream straight through when the workbook
 * part and its relationships come before the sheets, as Excel writes them. Any other order, or an exceljs
 * without this parser, falls back to exceljs' spooling.
 */
async function preloadSharedStrings(reader: object, file: string, entries: readonly ZipEntry[], maxBytes: number): Promise<void> {
  const at = entries.findIndex((e) => e.name === 'xl/sharedStrings.xml');
  const firstSheet = entries.findIndex((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  const parseStrings = (reader as { _parseSharedStrings?: (entry: Readable) => AsyncIterable<unknown> })._parseSharedStrings;
  const before = (name: string) => {
    const i = entries.findIndex((e) => e.name === name);
    return i >= 0 && i < firstSheet;
  };
  if (at < 0 || firstSheet < 0 || at < firstSheet || typeof parseStrings !== 'function') return;
  if (!before('xl/workbook.xml') || !before('xl/_rels/workbook.xml.rels')) return;
  const xml = readZipEntryText(file, entries[at], maxBytes);
  for await (const _ of parseStrings.call(reader, Readable.from([Buffer.from(xml, 'utf8')]))) {
    // 'cache' mode fills the reader's table and yields nothing
  }
}
