/**
 * `healthgap data add`: recognise an official file by its headers or sheets, validate it, and
 * install it in the data directory as a tidy gzip CSV with a JSON sidecar of provenance.
 * Nothing is installed when any problem is found; both files are written to temporary names
 * and renamed (the data file first, then the sidecar that makes it visible), so a failure
 * leaves no half-installed release. Adding a file already added (same SHA-256) does nothing.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { HealthgapError, EXIT_BAD_INPUT, InputError } from '../io/errors.js';
import { addedReleases, RELEASE_FORMAT, releasesDir } from './catalogue.js';
import { iodFile1, practiceMapCsv, qofPracticeCsv } from './csvLayouts.js';
import { qofCcgWorkbook } from './qofCcgWorkbook.js';
import { qofMappingCsv } from './qofMapping.js';
import { iodFiles } from './iodLayouts.js';
import { leLocalAreasWorkbook } from './leLayouts.js';
import { deathsLaCsv, deathsTable2Csv, fingertipsCsv, mye2Csv } from './laLayouts.js';
import { censusAgeLsoa, censusTs021Lsoa, midYearLsoaWorkbook } from './populationLsoaLayouts.js';
import { epcnWorkbook, gpRegLsoaCsv } from './practiceLayouts.js';
import type { AddHints, ParsedRelease, Recogniser } from './recogniser.js';
import { loadSource, type SourceInput } from './source.js';
import { streamRecogniserFor, streamReleaseToTemp, sha256OfFile, type StreamRecogniser } from './streamAdd.js';
import { tidyCsvLine } from './tidyCsv.js';
import { RELEASE_KINDS, type ReleaseInfo, type ReleaseProblem } from './types.js';

/** The layouts `data add` recognises, in the order tried. */
export const RECOGNISERS: readonly Recogniser[] = [
  qofCcgWorkbook,
  qofPracticeCsv,
  practiceMapCsv,
  qofMappingCsv,
  iodFile1,
  iodFiles,
  epcnWorkbook,
  gpRegLsoaCsv,
  censusAgeLsoa,
  censusTs021Lsoa,
  midYearLsoaWorkbook,
  mye2Csv,
  deathsLaCsv,
  deathsTable2Csv,
  fingertipsCsv,
  leLocalAreasWorkbook,
];

/** A file refused: one line per problem. */
export class ReleaseRefusedError extends HealthgapError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'), EXIT_BAD_INPUT);
    this.name = 'ReleaseRefusedError';
    this.problems = problems;
  }
}

/** Outcome of {@link addRelease}. */
export interface AddResult {
  status: 'added' | 'already-added';
  release: ReleaseInfo;
}

/** `file[sheet], row R, column C: message`. */
export function formatProblem(file: string, p: ReleaseProblem): string {
  const parts = [`${file}${p.sheet ? ` [sheet ${p.sheet}]` : ''}`];
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  if (p.column !== undefined) parts.push(`column "${p.column}"`);
  return `${parts.join(', ')}: ${p.message}`;
}

/** The tidy CSV text of a parsed release. */
export function tidyCsv(p: ParsedRelease): string {
  const lines = [tidyCsvLine(p.columns)];
  for (const r of p.rows) lines.push(tidyCsvLine(r));
  return lines.join('\n') + '\n';
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Recognise, validate and install a release file.
 *
 * @param file the file as published (CSV, gzip CSV or xlsx)
 * @param hints `kind` to insist on a kind, `period` to state the period when the file does not
 * @param options `dataDir` (default `userDataDir()`)
 * @throws ReleaseRefusedError one line per problem (file, row, column), nothing written
 * @example await addRelease('qof-1920-prev-ach-pca-ccg.xlsx') // { status: 'added', release: { id: 'qof-prevalence-ccg-2019-20', … } }
 */
export async function addRelease(file: string, hints: AddHints = {}, options: { dataDir?: string; now?: Date } = {}): Promise<AddResult> {
  if (hints.kind !== undefined && !(RELEASE_KINDS as readonly string[]).includes(hints.kind)) {
    throw new ReleaseRefusedError([`${file}: unknown kind "${hints.kind}"; expected one of ${RELEASE_KINDS.join(', ')}`]);
  }
  if (hints.vintage !== undefined && !/^(LSOA[ _-]?)?(20)?(11|21)$/i.test(hints.vintage.trim())) {
    throw new ReleaseRefusedError([`${file}: unknown vintage "${hints.vintage}"; expected LSOA 2011 or LSOA 2021`]);
  }
  let sha256: string;
  try {
    sha256 = await sha256OfFile(file);
  } catch {
    throw new ReleaseRefusedError([`${file}: file not found or unreadable`]);
  }
  const existing = addedReleases(options.dataDir).find((r) => r.sha256 === sha256);
  if (existing) return { status: 'already-added', release: existing };
  const streamed = streamRecogniserFor(file, hints);
  if (streamed) return addStreamed(file, sha256, streamed, options);
  let src: SourceInput;
  try {
    src = await loadSource(file);
  } catch (e) {
    if (e instanceof InputError) throw new ReleaseRefusedError([e.message]);
    throw e;
  }
  const candidates = RECOGNISERS.filter((r) => r.match(src));
  const rec = candidates.find((r) => hints.kind === undefined || r.kind === hints.kind);
  if (!rec) {
    const pool = hints.kind ? RECOGNISERS.filter((r) => r.kind === hints.kind) : RECOGNISERS;
    const found = src.format === 'xlsx' ? `sheets ${src.workbook!.sheetNames.slice(0, 8).join(', ')}` : `columns ${src.header.slice(0, 8).join(', ')}`;
    const what = candidates.length ? ` (it looks like ${candidates.map((c) => c.kind).join('/')})` : '';
    const expected = pool.length ? pool.map((r) => r.expects).join('; or ') : `a layout of kind ${hints.kind} (none is recognised yet)`;
    throw new ReleaseRefusedError([`${file}: not a recognised ${hints.kind ?? 'release'} file${what}; expected ${expected}; found ${found}`]);
  }
  const parsed = rec.parse(src, { ...hints, dataDir: options.dataDir });
  refuseOnProblems(file, parsed.problems);
  return install(file, sha256, parsed, parsed.rows.length, (target) => writeFileAtomic(target, gzipSync(tidyCsv(parsed))), options);
}

/** Refuse a file with one line per problem (at most 50, then a count). */
function refuseOnProblems(file: string, problems: readonly ReleaseProblem[]): void {
  if (!problems.length) return;
  const lines = problems.slice(0, 50).map((p) => formatProblem(file, p));
  if (problems.length > 50) lines.push(`${file}: … and ${problems.length - 50} more problems`);
  throw new ReleaseRefusedError(lines);
}

/** Stream a workbook recognised by its sheet names into a temporary file, then install it. */
async function addStreamed(file: string, sha256: string, rec: StreamRecogniser, options: { dataDir?: string; now?: Date }): Promise<AddResult> {
  const dir = join(releasesDir(options.dataDir), rec.kind);
  let out: Awaited<ReturnType<typeof streamReleaseToTemp>>;
  try {
    out = await streamReleaseToTemp(file, dir, rec);
  } catch (e) {
    if (e instanceof InputError) throw new ReleaseRefusedError([e.message]);
    throw e;
  }
  const { rowCount, ...meta } = out.release;
  const temp = out.tempFile;
  try {
    refuseOnProblems(file, meta.problems);
    return install(file, sha256, meta, rowCount, (target) => renameSync(temp!, target), options);
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}

/**
 * Install a validated release: the data file (written by `writeData` to its final name, atomically)
 * first, then the sidecar that makes it visible.
 */
function install(
  file: string,
  sha256: string,
  parsed: Omit<ParsedRelease, 'rows'>,
  rows: number,
  writeData: (target: string) => void,
  options: { dataDir?: string; now?: Date },
): AddResult {
  const base = `${parsed.kind}-${parsed.level ? `${parsed.level}-` : ''}${slug(parsed.period)}`;
  const taken = new Set(addedReleases(options.dataDir).map((r) => r.id));
  const id = taken.has(base) ? `${base}-${sha256.slice(0, 8)}` : base;
  const dir = join(releasesDir(options.dataDir), parsed.kind);
  mkdirSync(dir, { recursive: true });
  const dataFile = `${id}.csv.gz`;
  const release: ReleaseInfo & { format: string; dataFile: string; layout: string } = {
    format: RELEASE_FORMAT,
    id,
    kind: parsed.kind,
    layout: parsed.layout,
    title: parsed.title,
    period: parsed.period,
    ...(parsed.periods ? { periods: parsed.periods } : {}),
    vintage: parsed.vintage,
    ...(parsed.level ? { level: parsed.level } : {}),
    sourceFile: basename(file),
    sha256,
    publisher: parsed.publisher,
    licence: parsed.licence,
    added: (options.now ?? new Date()).toISOString(),
    origin: 'added',
    dataFile,
    path: join(dir, dataFile),
    rows,
    columns: parsed.columns,
    warnings: parsed.warnings,
    ...(parsed.notes ? { notes: parsed.notes } : {}),
  };
  writeData(join(dir, dataFile));
  const { path: _path, ...sidecar } = release;
  writeFileAtomic(join(dir, `${id}.json`), JSON.stringify(sidecar, null, 2) + '\n');
  return { status: 'added', release };
}
