/**
 * Checks shared by the `data add` recognisers: area codes known in a geography vintage (LSOA 2011
 * or 2021, told apart so that a file on the other vintage is named as such), coverage (the
 * missing areas listed, complete local authorities named), duplicate keys, and parts that must add
 * up to their total. Each check returns problems (refusal lines) or warnings (kept with the
 * release); none throws.
 */
import { readLsoa11Lsoa21 } from '../io/lookups2021.js';
import type { ReleaseProblem } from './types.js';

/** An LSOA geography vintage. */
export type LsoaVintage = 'LSOA 2011' | 'LSOA 2021';

interface LsoaIndex {
  codes: Record<LsoaVintage, Set<string>>;
  /** LSOA 2021 → LAD 2022 code (LSOA 2011 → LAD 2022 for the 2011 codes). */
  lad: Record<LsoaVintage, Map<string, string>>;
}
let index: LsoaIndex | null = null;

function lsoaIndex(): LsoaIndex {
  if (!index) {
    const t = readLsoa11Lsoa21();
    const c11 = t.array('lsoa11_code') as string[];
    const c21 = t.array('lsoa21_code') as string[];
    const lad = t.array('lad22_code') as string[];
    const l11 = new Map<string, string>();
    const l21 = new Map<string, string>();
    c11.forEach((c, i) => l11.set(c, lad[i]));
    c21.forEach((c, i) => l21.set(c, lad[i]));
    index = { codes: { 'LSOA 2011': new Set(c11), 'LSOA 2021': new Set(c21) }, lad: { 'LSOA 2011': l11, 'LSOA 2021': l21 } };
  }
  return index;
}

/** The English LSOA codes of a vintage (ONS exact LSOA 2011 → 2021 lookup). */
export function englishLsoaCodes(vintage: LsoaVintage): Set<string> {
  return lsoaIndex().codes[vintage];
}

/** One code as read, with where it was read. */
export interface CodeAt {
  code: string;
  row: number;
}

/** Where codes were read (for problem lines). */
export interface CodeSource {
  sheet?: string;
  column: string;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/**
 * Check English LSOA codes against the vintage the file is offered as. Codes that belong only to
 * the other vintage make one problem naming the mix-up ("an LSOA 2011 file offered as LSOA
 * 2021"); other unknown codes one problem with examples. Duplicates are one problem each (up to
 * 20, then a count) unless `unique` is false (files with several rows per LSOA).
 *
 * @example checkLsoaCodes([{ code: 'E01000001', row: 2 }], 'LSOA 2021', { column: 'LSOA code' }) // []
 */
export function checkLsoaCodes(codes: readonly CodeAt[], vintage: LsoaVintage, where: CodeSource, options: { unique?: boolean } = {}): ReleaseProblem[] {
  const unique = options.unique !== false;
  const problems: ReleaseProblem[] = [];
  const known = englishLsoaCodes(vintage);
  const other: LsoaVintage = vintage === 'LSOA 2021' ? 'LSOA 2011' : 'LSOA 2021';
  const otherKnown = englishLsoaCodes(other);
  const fromOther: CodeAt[] = [];
  const unknown: CodeAt[] = [];
  const firstRow = new Map<string, number>();
  const dups: ReleaseProblem[] = [];
  for (const c of codes) {
    if (!known.has(c.code)) (otherKnown.has(c.code) ? fromOther : unknown).push(c);
    const prior = firstRow.get(c.code);
    if (prior !== undefined) {
      if (unique) dups.push({ sheet: where.sheet, row: c.row, column: where.column, message: `LSOA ${c.code} appears twice (also row ${prior})` });
    } else firstRow.set(c.code, c.row);
  }
  const eg = (xs: CodeAt[]) =>
    xs
      .slice(0, 5)
      .map((c) => `${c.code} (row ${c.row})`)
      .join(', ');
  if (fromOther.length)
    problems.push({
      sheet: where.sheet,
      column: where.column,
      message: `${fmt(fromOther.length)} of ${fmt(codes.length)} codes are ${other} codes that are not ${vintage} codes (e.g. ${eg(fromOther)}): an ${other} file offered as ${vintage}`,
    });
  if (unknown.length)
    problems.push({
      sheet: where.sheet,
      column: where.column,
      message: `${fmt(unknown.length)} of ${fmt(codes.length)} codes are not English ${vintage} codes (e.g. ${eg(unknown)})`,
    });
  problems.push(...dups.slice(0, 20));
  if (dups.length > 20) problems.push({ sheet: where.sheet, column: where.column, message: `… and ${dups.length - 20} more duplicated LSOAs` });
  return problems;
}

/**
 * The coverage warning of an LSOA file: all present, or how many are missing, the first 20 of
 * them, and the local authorities (LAD 2022) the file covers completely. A subset is accepted.
 *
 * @example lsoaCoverage(new Set(['E01004646']), 'LSOA 2021') // ['33,754 of 33,755 LSOA 2021 codes missing: …']
 */
export function lsoaCoverage(present: ReadonlySet<string>, vintage: LsoaVintage): string[] {
  const known = englishLsoaCodes(vintage);
  const missing = [...known].filter((c) => !present.has(c));
  if (!missing.length) return [`coverage: all ${fmt(known.size)} English ${vintage} codes present`];
  const ladOf = lsoaIndex().lad[vintage];
  const perLad = new Map<string, { all: number; got: number }>();
  for (const c of known) {
    const l = ladOf.get(c) ?? '';
    const e = perLad.get(l) ?? { all: 0, got: 0 };
    e.all++;
    if (present.has(c)) e.got++;
    perLad.set(l, e);
  }
  const complete = [...perLad].filter(([, e]) => e.got === e.all).map(([l]) => l);
  const partial = [...perLad].filter(([, e]) => e.got > 0 && e.got < e.all).map(([l, e]) => `${l} (${e.got} of ${e.all})`);
  const out = [
    `coverage: ${fmt(missing.length)} of ${fmt(known.size)} English ${vintage} codes missing (a subset): ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
  ];
  out.push(
    `coverage: complete for ${complete.length} local authorit${complete.length === 1 ? 'y' : 'ies'} (LAD 2022)${complete.length ? `: ${complete.slice(0, 20).join(', ')}${complete.length > 20 ? ', …' : ''}` : ''}` +
      (partial.length ? `; partial for ${partial.slice(0, 10).join(', ')}${partial.length > 10 ? ', …' : ''}` : ''),
  );
  return out;
}

/**
 * A problem when `parts` do not add up to `total` (exactly: counts as published), else null.
 *
 * @example sumProblem(10, [3, 7], { row: 2, column: 'Total' }, 'ages') // null
 */
export function sumProblem(total: number, parts: readonly number[], at: ReleaseProblem & { message?: string }, what: string): ReleaseProblem | null {
  const s = parts.reduce((a, b) => a + b, 0);
  if (Math.abs(s - total) < 1e-6 * Math.max(1, Math.abs(total))) return null;
  return { sheet: at.sheet, row: at.row, column: at.column, message: `${what} add up to ${fmt(s)}, not the ${fmt(total)} published` };
}

/** A whole count ≥ 0 from a cell (numbers, "1,296"); null when it is not one. */
export function countCell(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** A number (scores may be negative) from a cell; null when it is not one. */
export function numberCell(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Cap a problem list at `max` lines (the last saying how many more). */
export function capProblems(problems: ReleaseProblem[], max = 40): ReleaseProblem[] {
  if (problems.length <= max) return problems;
  return [...problems.slice(0, max), { message: `… and ${problems.length - max} more problems of the same kind` }];
}
