/**
 * Read an xlsx workbook as published, with exceljs' streaming reader and hard limits: file size,
 * number of zip entries (read from the zip's end-of-central-directory record before anything is
 * decompressed), sheets, rows per sheet and cells in all. Cells come back as plain values: text,
 * numbers, booleans, ISO dates, formula results; rich text is joined.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { InputError } from '../io/errors.js';

/**
 * exceljs' streaming workbook reader on `file`: worksheets emitted, shared strings cached, styles
 * and hyperlinks ignored; `entries` says whether the workbook's other zip entries are emitted.
 * exceljs (and its zip stack) is loaded here, on first use, not at `import 'healthgap'`.
 */
export async function openWorkbookReader(file: string, entries: 'emit' | 'ignore'): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  const { default: excel } = await import('exceljs');
  return new excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries,
  } as never);
}

/** A plain cell value. */
export type Cell = string | number | boolean | null;

/** Limits on what {@link readWorkbook} accepts. */
export interface WorkbookLimits {
  maxBytes?: number;
  maxEntries?: number;
  maxSheets?: number;
  maxRowsPerSheet?: number;
  maxCells?: number;
}

const DEFAULTS: Required<WorkbookLimits> = {
  maxBytes: 64 * 1024 * 1024,
  maxEntries: 400,
  maxSheets: 80,
  maxRowsPerSheet: 200_000,
  maxCells: 20_000_000,
};

/** A workbook read into memory: sheet names in order and their rows (row 1 at index 0). */
export interface Workbook {
  sheetNames: string[];
  sheets: Map<string, Cell[][]>;
}

/** Number of entries in a zip file, from its end-of-central-directory record; `null` if none is found. */
export function zipEntryCount(file: string): number | null {
  const size = statSync(file).size;
  const len = Math.min(size, 65_557);
  const buf = Buffer.alloc(len);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, len, size - len);
  } finally {
    closeSync(fd);
  }
  for (let i = len - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return buf.readUInt16LE(i + 10);
  }
  return null;
}

/** A cell value as exceljs gives it, made plain (rich text joined, formula results, ISO dates). */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return plainCell(o.result);
    if (o.text !== undefined) return plainCell(o.text);
    if (o.error !== undefined) return null;
  }
  return String(v);
}

/**
 * Read every sheet of an xlsx file within limits. Throws `InputError` naming the file when it is
 * not a zip, exceeds a limit or cannot be parsed.
 *
 * @example const wb = await readWorkbook('qof-1920-prev-ach-pca-ccg.xlsx'); wb.sheets.get('DM')
 */
export async function readWorkbook(file: string, limits: WorkbookLimits = {}): Promise<Workbook> {
  const L = { ...DEFAULTS, ...limits };
  const bytes = statSync(file).size;
  if (bytes > L.maxBytes) throw new InputError(`workbook is ${bytes} bytes, above the limit of ${L.maxBytes}`, { file });
  const entries = zipEntryCount(file);
  if (entries === null) throw new InputError('not an xlsx workbook (no zip directory found; truncated or not a zip)', { file });
  if (entries > L.maxEntries) throw new InputError(`workbook has ${entries} zip entries, above the limit of ${L.maxEntries}`, { file });
  const sheetNames: string[] = [];
  const sheets = new Map<string, Cell[][]>();
  let cells = 0;
  try {
    const reader = await openWorkbookReader(file, 'emit');
    for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
      if (sheetNames.length >= L.maxSheets) throw new InputError(`workbook has more than ${L.maxSheets} sheets`, { file });
      const rows: Cell[][] = [];
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number > L.maxRowsPerSheet) throw new InputError(`sheet "${ws.name}" has more than ${L.maxRowsPerSheet} rows`, { file });
        const vals = (row.values as unknown[]).slice(1).map(plainCell);
        while (vals.length && vals[vals.length - 1] === null) vals.pop();
        cells += vals.length;
        if (cells > L.maxCells) throw new InputError(`workbook has more than ${L.maxCells} cells`, { file });
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(vals);
      }
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      sheetNames.push(ws.name);
      sheets.set(ws.name, rows);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the workbook (${(e as Error).message.split('\n')[0]})`, { file });
  }
  return { sheetNames, sheets };
}
