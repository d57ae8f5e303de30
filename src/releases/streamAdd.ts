/**
 * The streaming path of `healthgap data add`, for workbooks recognised by their sheet names alone
 * (the ONS mid-year estimates by LSOA 2021, `sapelsoasyoa…xlsx`, ~90 MB and ~20 million cells
 * nationally): the sheet names are read from the zip directory without inflating the sheets, then
 * the rows are validated and written to a gzip tidy CSV as they arrive, under a temporary name in
 * the release folder. The caller renames it into place only when no problem was found; on a
 * problem or an error the temporary file is removed, so nothing is half-installed. Memory holds
 * one row and the codes of one sheet, never a sheet of cells.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { MID_YEAR_LSOA_COLUMNS, MidYearLsoaReader, midYearLsoaSheets, type MidYearLsoaResult } from './midYearLsoa.js';
import type { AddHints, TidyValue } from './recogniser.js';
import { tidyCsvLine } from './tidyCsv.js';
import type { ReleaseKind } from './types.js';
import type { Cell } from './xlsx.js';
import { streamWorkbook, type StreamLimits } from './xlsxStream.js';
import { workbookSheetNames } from './zipDirectory.js';

/** What a streamed layout reader returns once every sheet is read. */
export type StreamedRelease = MidYearLsoaResult;

/** A reader fed sheet by sheet and row by row. */
export interface StreamRowReader {
  startSheet(name: string): void;
  row(cells: readonly Cell[], rowNumber: number): void;
  endSheet(): void;
  finish(): StreamedRelease;
}

/** An official xlsx layout read as a stream, recognised by its sheet names. */
export interface StreamRecogniser {
  layout: string;
  kind: ReleaseKind;
  expects: string;
  /** Columns of the stored table (the CSV header, written before the first row). */
  columns: readonly string[];
  matchSheets(sheetNames: readonly string[]): boolean;
  reader(emit: (row: TidyValue[]) => void): StreamRowReader;
}

/** The layouts `data add` streams (any size), tried before the in-memory recognisers. */
export const STREAM_RECOGNISERS: readonly StreamRecogniser[] = [
  {
    layout: 'ons-mid-year-lsoa21-syoa',
    kind: 'population-lsoa',
    expects: 'an ONS sapelsoasyoa workbook (sheets "Mid-yyyy LSOA 2021", header LAD code, LSOA 2021 Code, Total, F0 … F90, M0 … M90)',
    columns: MID_YEAR_LSOA_COLUMNS,
    matchSheets: midYearLsoaSheets,
    reader: (emit) => new MidYearLsoaReader(emit),
  },
];

/**
 * The streamed layout a file is, from the sheet names in its zip directory; `null` when it is not
 * an xlsx workbook, no streamed layout matches, or `hints.kind` asks for another kind.
 *
 * @example streamRecogniserFor('sapelsoasyoa20222024.xlsx')?.layout // 'ons-mid-year-lsoa21-syoa'
 */
export function streamRecogniserFor(file: string, hints: AddHints = {}): StreamRecogniser | null {
  let names: string[];
  try {
    names = workbookSheetNames(file);
  } catch {
    return null;
  }
  return STREAM_RECOGNISERS.find((r) => (hints.kind === undefined || r.kind === hints.kind) && r.matchSheets(names)) ?? null;
}

/**
 * SHA-256 (hex) of a file, read as a stream.
 *
 * @example await sha256OfFile('sapelsoasyoa20222024.xlsx') // 'f3a1…'
 */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes of CSV text gathered before one write to the gzip stream. */
const CHUNK = 256 * 1024;

/**
 * Stream a workbook through a layout reader into a gzip tidy CSV in `dir`, under a temporary
 * name (hidden, with the process id, as `writeFileAtomic` names them, so a killed run's leftover
 * is cleaned up like theirs). Returns the release description and the temporary file; when the
 * description lists problems the temporary file is already removed (`tempFile` is `null`).
 *
 * @example const { release, tempFile } = await streamReleaseToTemp('sapelsoasyoa20222024.xlsx', dir, STREAM_RECOGNISERS[0])
 */
export async function streamReleaseToTemp(
  file: string,
  dir: string,
  rec: StreamRecogniser,
  limits: StreamLimits = {},
): Promise<{ release: StreamedRelease; tempFile: string | null }> {
  mkdirSync(dir, { recursive: true });
  const tempFile = join(dir, `.${rec.layout}.csv.gz.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const gzip = createGzip();
  const out = createWriteStream(tempFile);
  gzip.pipe(out);
  const written = finished(out);
  written.catch(() => {});
  let text = `${tidyCsvLine(rec.columns)}\n`;
  let mustDrain = false;
  const flush = () => {
    if (text && !gzip.write(text)) mustDrain = true;
    text = '';
  };
  const reader = rec.reader((row) => {
    text += `${tidyCsvLine(row)}\n`;
    if (text.length >= CHUNK) flush();
  });
  try {
    await streamWorkbook(
      file,
      {
        startSheet: (name) => reader.startSheet(name),
        row: async (cells, n) => {
          reader.row(cells, n);
          if (mustDrain) {
            mustDrain = false;
            await once(gzip, 'drain');
          }
        },
        endSheet: () => reader.endSheet(),
      },
      limits,
    );
    const release = reader.finish();
    if (release.problems.length) {
      gzip.destroy();
      out.destroy();
      rmSync(tempFile, { force: true });
      return { release, tempFile: null };
    }
    flush();
    gzip.end();
    await written;
    return { release, tempFile };
  } catch (e) {
    gzip.destroy();
    out.destroy();
    rmSync(tempFile, { force: true });
    throw e;
  }
}
