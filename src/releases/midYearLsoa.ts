/**
 * ONS mid-year estimates by LSOA 2021, single year of age and sex (`sapelsoasyoa…xlsx`: one sheet
 * per year, "Mid-2022 LSOA 2021", a header `LAD 2023 Code, LAD 2023 Name, LSOA 2021 Code, LSOA
 * 2021 Name, Total, F0 … F90, M0 … M90` within the first 15 rows), validated and normalised row by
 * row: the same routine serves a workbook read into memory and the national workbook (~20
 * million cells) streamed sheet by sheet, so memory holds the LSOA codes of one sheet, never its
 * cells. Each LSOA row gives two tidy rows (Female, Male): `period, lad_code, lsoa21_code, sex,
 * all_ages, age_0 … age_90` (age_90 is 90 and over).
 *
 * Checks: codes known as English LSOA 2021 codes (an LSOA 2011 sheet is named as such), no
 * duplicate LSOA in a sheet, counts that are whole numbers ≥ 0, Total = ΣF + ΣM on every row, the
 * same LSOAs in every year (else a warning), coverage of the 33,755 English LSOAs (warning).
 */
import { findColumn, OGL, type ParsedRelease, type TidyValue } from './recogniser.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, checkLsoaCodes, countCell, lsoaCoverage, sumProblem, type CodeAt, type LsoaVintage } from './validate.js';
import type { Cell } from './xlsx.js';

/** Name of a data sheet as published (`Mid-2022 LSOA 2021`). */
export const MID_YEAR_SHEET = /^Mid-(\d{4}) LSOA (2011|2021)$/i;
const MAX_AGE = 90;
/** Rows searched for the header at the top of a sheet. */
const HEADER_ROWS = 15;
/** Problems kept in memory while streaming (the rest are counted). */
const KEEP_PROBLEMS = 200;

/** Columns of the stored mid-year LSOA table. */
export const MID_YEAR_LSOA_COLUMNS: readonly string[] = [
  'period',
  'lad_code',
  'lsoa21_code',
  'sex',
  'all_ages',
  ...Array.from({ length: MAX_AGE + 1 }, (_, a) => `age_${a}`),
];

/** True when `row` is the header row of a data sheet (an `LSOA 20xx Code` and a `Total` column). */
export function isMidYearHeader(row: readonly Cell[]): boolean {
  return findColumn(row, /^LSOA (2011|2021) Code$/i) >= 0 && findColumn(row, /^Total$/i) >= 0;
}

interface SheetState {
  name: string;
  /** 'seek' until the header is found; 'data' reading; 'skip' for a sheet that is not read. */
  mode: 'seek' | 'data' | 'skip';
  headerRow: number;
  head: string[];
  codeCol: number;
  ladCol: number;
  totalCol: number;
  fCols: number[];
  mCols: number[];
  period: string;
  codes: CodeAt[];
}

/** The metadata of a parsed mid-year workbook (everything but the rows, which were emitted). */
export type MidYearLsoaResult = Omit<ParsedRelease, 'rows'> & { rowCount: number };

/**
 * Validate and normalise a mid-year LSOA workbook fed sheet by sheet and row by row; tidy rows go
 * to `emit` as they are made (the caller collects them or writes them to a stream).
 *
 * @example
 * const r = new MidYearLsoaReader((row) => out.push(row));
 * r.startSheet('Mid-2022 LSOA 2021'); rows.forEach((cells, i) => r.row(cells, i + 1)); r.endSheet();
 * r.finish().periods // ['mid-2022']
 */
export class MidYearLsoaReader {
  private readonly problems: ReleaseProblem[] = [];
  /** Problems about codes, put first (they say what is wrong with the file as a whole). */
  private readonly codeProblems: ReleaseProblem[] = [];
  private dropped = 0;
  private readonly warnings: string[] = [];
  private readonly periods: string[] = [];
  private readonly sheetNames: string[] = [];
  private sheet: SheetState | null = null;
  private lastCodes: Set<string> = new Set();
  private rowCount = 0;

  constructor(private readonly emit: (row: TidyValue[]) => void) {}

  private problem(p: ReleaseProblem): void {
    if (this.problems.length < KEEP_PROBLEMS) this.problems.push(p);
    else this.dropped++;
  }

  /** Start a sheet (in workbook order). */
  startSheet(name: string): void {
    this.sheetNames.push(name);
    this.sheet = { name, mode: 'seek', headerRow: 0, head: [], codeCol: -1, ladCol: -1, totalCol: -1, fCols: [], mCols: [], period: '', codes: [] };
  }

  private header(s: SheetState, cells: readonly Cell[], rowNumber: number): void {
    const sheet = s.name;
    s.headerRow = rowNumber;
    s.head = cells.map((c) => String(c ?? '').trim());
    const named = MID_YEAR_SHEET.exec(sheet);
    if (!named) {
      this.problem({ sheet, message: `expected the data sheets to be named as published ("Mid-2022 LSOA 2021", …), found "${sheet}"` });
      s.mode = 'skip';
      return;
    }
    s.codeCol = findColumn(s.head, /^LSOA (2011|2021) Code$/i);
    s.ladCol = findColumn(s.head, /^LAD \d{4} Code$/i);
    s.totalCol = findColumn(s.head, /^Total$/i);
    const offered: LsoaVintage = /2011/.test(s.head[s.codeCol]) || named[2] === '2011' ? 'LSOA 2011' : 'LSOA 2021';
    if (offered !== 'LSOA 2021') {
      this.problem({
        sheet,
        row: rowNumber,
        column: s.head[s.codeCol],
        message: `the sheet is on ${offered}; this layout is stored on LSOA 2021 (bridge LSOA 2011 estimates with the ONS exact lookup instead)`,
      });
      s.mode = 'skip';
      return;
    }
    let missing = false;
    const ageCols = (sex: 'F' | 'M') =>
      Array.from({ length: MAX_AGE + 1 }, (_, a) => {
        const j = s.head.indexOf(`${sex}${a}`);
        if (j < 0) {
          missing = true;
          this.problem({ sheet, row: rowNumber, column: `${sex}${a}`, message: `expected column ${sex}${a} (single years ${sex}0 to ${sex}${MAX_AGE})` });
        }
        return j;
      });
    s.fCols = ageCols('F');
    s.mCols = ageCols('M');
    if (missing) {
      s.mode = 'skip';
      return;
    }
    s.period = `mid-${named[1]}`;
    this.periods.push(s.period);
    s.mode = 'data';
  }

  /** One row of the current sheet, `rowNumber` 1-based as in Excel. */
  row(cells: readonly Cell[], rowNumber: number): void {
    const s = this.sheet;
    if (!s || s.mode === 'skip') return;
    if (s.mode === 'seek') {
      if (isMidYearHeader(cells)) this.header(s, cells, rowNumber);
      else if (rowNumber >= HEADER_ROWS) s.mode = 'skip';
      return;
    }
    if (!cells.length || cells.every((c) => c === null || c === '')) return;
    const sheet = s.name;
    const code = String(cells[s.codeCol] ?? '').trim();
    if (code.startsWith('W')) return;
    s.codes.push({ code, row: rowNumber });
    const read = (j: number) => {
      const x = countCell(cells[j] ?? null);
      if (x === null) this.problem({ sheet, row: rowNumber, column: s.head[j], message: `expected a count, found "${cells[j] ?? ''}"` });
      return x ?? 0;
    };
    const total = read(s.totalCol);
    const f = s.fCols.map(read);
    const m = s.mCols.map(read);
    const p = sumProblem(total, [...f, ...m], { sheet, row: rowNumber, column: 'Total', message: '' }, 'the single years of age of both sexes');
    if (p) this.problem(p);
    const lad = String(cells[s.ladCol] ?? '').trim();
    this.emit([s.period, lad, code, 'Female', f.reduce((a, b) => a + b, 0), ...f]);
    this.emit([s.period, lad, code, 'Male', m.reduce((a, b) => a + b, 0), ...m]);
    this.rowCount += 2;
  }

  /** End the current sheet: check its codes, compare its LSOAs with the previous year's. */
  endSheet(): void {
    const s = this.sheet;
    this.sheet = null;
    if (!s || s.mode !== 'data') return;
    this.codeProblems.push(...checkLsoaCodes(s.codes, 'LSOA 2021', { sheet: s.name, column: s.head[s.codeCol] }));
    const set = new Set(s.codes.map((c) => c.code));
    if (this.periods.length > 1 && (set.size !== this.lastCodes.size || [...set].some((c) => !this.lastCodes.has(c))))
      this.warnings.push(`sheet ${s.name} does not hold the same LSOAs as the previous year's sheet`);
    this.lastCodes = set;
    this.warnings.push(`${s.name}: ${set.size.toLocaleString('en-GB')} LSOAs`);
  }

  /** The release description once every sheet has been read (problems capped, coverage warning first). */
  finish(): MidYearLsoaResult {
    const problems = [...this.codeProblems, ...this.problems];
    if (this.dropped) problems.push({ message: `… and ${this.dropped} more problems` });
    if (!this.periods.length && !problems.length)
      problems.push({
        message: `expected sheets named "Mid-yyyy LSOA 2021" with a header "LSOA 2021 Code", "Total", F0 … M90; found ${this.sheetNames.join(', ')}`,
      });
    const warnings = [...lsoaCoverage(this.lastCodes, 'LSOA 2021'), ...this.warnings];
    const first = this.periods[0] ?? '';
    const last = this.periods[this.periods.length - 1] ?? '';
    return {
      kind: 'population-lsoa',
      layout: 'ons-mid-year-lsoa21-syoa',
      title: 'ONS mid-year population estimates by LSOA 2021, single year of age and sex',
      period: this.periods.length > 1 ? `${first} to ${last}` : first,
      ...(this.periods.length > 1 ? { periods: [...this.periods] } : {}),
      vintage: 'LSOA 2021',
      level: 'lsoa-syoa',
      publisher: 'ONS',
      licence: OGL,
      columns: [...MID_YEAR_LSOA_COLUMNS],
      problems: capProblems(problems),
      warnings,
      notes: 'One row per year × LSOA × sex; age_90 is 90 and over. ONS advise these single-year LSOA figures are building bricks, not for direct use.',
      rowCount: this.rowCount,
    };
  }
}

/** Recognise the layout from sheet names alone (for a workbook streamed without reading it first). */
export function midYearLsoaSheets(sheetNames: readonly string[]): boolean {
  return sheetNames.some((s) => MID_YEAR_SHEET.test(s));
}
