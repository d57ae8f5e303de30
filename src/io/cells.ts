/**
 * The one cell typer every CSV reader uses (`typedTable`, `readTypedCsvLean`, the `calc` input
 * reader): how a text cell becomes a value, how blank and suppressed cells are counted, the
 * wording of the notes that say so, and the message for a missing column.
 *
 * Rules: cells are trimmed. In a numeric column a blank cell or a suppression marker
 * ({@link SUPPRESSION_MARKERS}) is `null` (missing), never zero, and is counted; numbers may be
 * written with thousands separators (`"29,199"` → 29199). In a text column a blank cell is `null`
 * and any other text is kept. A cell that is not what its column expects is an
 * {@link InputError} naming the file, line and column.
 */
import { InputError, type InputLocation } from '../core/errors.js';

/** Cell values that mean "suppressed or not available" in UK official statistics. */
export const SUPPRESSION_MARKERS: readonly string[] = ['*', 'c', '..', '-', 'x', ':', '~', 'NA', 'N/A', 'n/a', 'null', 'NULL'];
const SUPPRESSED = new Set(SUPPRESSION_MARKERS);

/** Column types a cell can be read as: `count` is a whole number ≥ 0, `integer` any whole number, `number` any finite number. */
export type CellType = 'string' | 'number' | 'integer' | 'count';

/** How the cells of one column are read. */
export interface CellSpec {
  /** Cell type. */
  type: CellType;
  /** When false a blank or suppressed cell is an error instead of null. Default true. */
  allowMissing?: boolean;
  /** Reject negative numbers (always true for `count`). */
  nonNegative?: boolean;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** True for a trimmed cell that means "no value": blank or a suppression marker. */
export function isMissingCell(trimmed: string): boolean {
  return trimmed === '' || SUPPRESSED.has(trimmed);
}

/**
 * Parse one numeric cell. Returns `null` for blank and suppressed cells, the number otherwise
 * (thousands separators allowed; counts stored as `69.0` or with rounding noise below 1e-6 are
 * rounded); anything else is an {@link InputError} naming where it was found.
 *
 * @example parseNumberCell('29,199', 'count', { file: 'f.csv', row: 2, column: 'n' }) // 29199
 */
export function parseNumberCell(raw: string | null | undefined, type: Exclude<CellType, 'string'>, where: InputLocation, nonNegative = false): number | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim();
  if (isMissingCell(s)) return null;
  let v: number;
  if (NUMBER_RE.test(s)) v = Number(s);
  else if (THOUSANDS_RE.test(s)) v = Number(s.replace(/,/g, ''));
  else {
    const what = type === 'number' ? 'a number' : type === 'count' ? 'a count (a whole number, 0 or more)' : 'a whole number';
    const shown = s.replace(/\s+/g, ' ');
    throw new InputError(`expected ${what}, found "${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`, where);
  }
  if ((type === 'integer' || type === 'count') && !Number.isInteger(v)) {
    // Some published files store counts as floats such as 69.0 (allowed) or 1e-07 (rounding noise).
    if (Math.abs(v - Math.round(v)) < 1e-6) v = Math.round(v);
    else throw new InputError(`expected a whole number, found "${s}"`, where);
  }
  if ((type === 'count' || nonNegative) && v < 0) throw new InputError(`expected a value of 0 or more, found ${s}`, where);
  return v;
}

/**
 * Find the index of a column in a header, by exact (trimmed, case-insensitive) name or RegExp;
 * -1 when absent.
 *
 * @example findColumn(['Area Code', 'Value'], 'area code') // 0
 */
export function findColumn(header: readonly string[], source: string | RegExp): number {
  if (typeof source === 'string') {
    const want = source.trim().toLowerCase();
    return header.findIndex((h) => h.toLowerCase() === want);
  }
  return header.findIndex((h) => source.test(h));
}

/**
 * The one message for a column a reader needs and the header lacks (the header is listed, up to
 * 30 names).
 *
 * @example missingColumnMessage('n', ['code', 'm']) // 'missing column "n"; the header has: code, m'
 */
export function missingColumnMessage(source: string | RegExp, header: readonly string[]): string {
  const name = typeof source === 'string' ? `"${source}"` : String(source);
  return `missing column ${name}; the header has: ${header.slice(0, 30).join(', ')}${header.length > 30 ? ', …' : ''}`;
}

/**
 * Types the cells of one column and counts the blank and suppressed ones, for the notes.
 *
 * @example
 * const t = new ColumnTyper({ type: 'count' }, 'f.csv', 'n');
 * [t.cell('1,296', 2), t.cell('*', 3)] // [1296, null]
 * t.notes() // ['f.csv: 1 suppressed value ("*") in column "n" read as missing (null), not zero']
 */
export class ColumnTyper {
  private blanks = 0;
  private readonly suppressed = new Map<string, number>();
  constructor(
    readonly spec: CellSpec,
    readonly file: string,
    readonly column: string,
  ) {}

  /** The value of one raw cell found on `line` (a trimmed string, a number or null). */
  cell(raw: string | undefined, line: number): string | number | null {
    const s = raw === undefined ? '' : raw.trim();
    const spec = this.spec;
    if (spec.type === 'string') {
      if (s !== '') return s;
      if (spec.allowMissing === false) throw new InputError('expected a value, found a blank cell', { file: this.file, row: line, column: this.column });
      return null;
    }
    if (isMissingCell(s)) {
      if (spec.allowMissing === false) {
        throw new InputError(`expected a value, found ${s === '' ? 'a blank cell' : `the suppression marker "${s}"`}`, {
          file: this.file,
          row: line,
          column: this.column,
        });
      }
      if (s === '') this.blanks++;
      else this.suppressed.set(s, (this.suppressed.get(s) ?? 0) + 1);
      return null;
    }
    return parseNumberCell(s, spec.type, { file: this.file, row: line, column: this.column }, spec.nonNegative);
  }

  /** The notes for this column: how many suppressed and blank cells were read as missing. */
  notes(): string[] {
    return missingCellNotes(this.file, this.column, this.suppressed, this.blanks);
  }
}

/** The one wording of the notes for cells read as missing in a column. */
export function missingCellNotes(file: string, column: string, suppressed: ReadonlyMap<string, number>, blanks: number): string[] {
  const notes: string[] = [];
  const nSupp = [...suppressed.values()].reduce((a, b) => a + b, 0);
  if (nSupp > 0) {
    const markers = [...suppressed.keys()].map((m) => `"${m}"`).join(', ');
    notes.push(`${file}: ${nSupp} suppressed value${nSupp === 1 ? '' : 's'} (${markers}) in column "${column}" read as missing (null), not zero`);
  }
  if (blanks > 0) notes.push(`${file}: ${blanks} blank value${blanks === 1 ? '' : 's'} in column "${column}" read as missing (null), not zero`);
  return notes;
}
