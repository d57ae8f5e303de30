/**
 * Recognisers for official tabular layouts: QOF `PREVALENCE_yyyy.csv` (practice registers and
 * list sizes), NHS Digital `gp-reg-pat-prac-map` (practice → PCN → CCG → STP → region) and the
 * IoD File 1 (IMD rank and decile by LSOA: IoD2019 CSV on LSOA 2011, IoD2025 xlsx on LSOA 2021).
 */
import { readLsoa11Lsoa21 } from '../io/lookups2021.js';
import { financialYear, periodSortKey } from './period.js';
import { findColumn, OGL, parseCount, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import type { Cell } from './xlsx.js';

const QOF_COLUMNS = ['PRACTICE_CODE', 'GROUP_CODE', 'REGISTER', 'PATIENT_LIST_TYPE', 'PATIENT_LIST_SIZE'];

/** Column indexes of required names, with one problem per missing column. */
function requireColumns(src: SourceInput, names: readonly string[], problems: ReleaseProblem[]): number[] | null {
  const idx = names.map((n) => src.header.indexOf(n));
  const missing = names.filter((_, i) => idx[i] < 0);
  for (const m of missing) problems.push({ row: 1, column: m, message: `expected column ${m} (columns found: ${src.header.join(', ')})` });
  return missing.length ? null : idx;
}

/** QOF practice prevalence file, `PREVALENCE_yyyy.csv` (2019-20 layout onward). */
export const qofPracticeCsv: Recogniser = {
  layout: 'qof-practice-prevalence',
  kind: 'qof-prevalence',
  expects: `a QOF PREVALENCE_yyyy.csv (columns ${QOF_COLUMNS.join(', ')})`,
  match: (src) => src.format === 'csv' && src.header.includes('PRACTICE_CODE') && src.header.includes('GROUP_CODE'),
  parse(src: SourceInput, hints: AddHints): ParsedRelease {
    const problems: ReleaseProblem[] = [];
    const warnings: string[] = [];
    const rows: TidyValue[][] = [];
    const fromName = /(\d{4})(?!.*\d{4})/.exec(src.name)?.[1];
    const period = financialYear(hints.period ?? fromName ?? '');
    if (!period)
      problems.push({
        message: `expected a period such as 2019-20 (from --period or a file name like PREVALENCE_1920.csv), found "${hints.period ?? src.name}"`,
      });
    const idx = requireColumns(src, QOF_COLUMNS, problems);
    if (idx) {
      const [pc, gc, rc, tc, lc] = idx;
      const seen = new Set<string>();
      const practices = new Set<string>();
      src.records.forEach((rec, i) => {
        const line = i + 2;
        const practice = (rec[pc] ?? '').trim();
        const group = (rec[gc] ?? '').trim();
        const reg = parseCount(rec[rc]);
        const list = parseCount(rec[lc]);
        if (!/^[A-Z0-9]{6}$/.test(practice))
          problems.push({ row: line, column: 'PRACTICE_CODE', message: `expected a 6-character practice code, found "${practice}"` });
        if (reg === null || reg < 0) problems.push({ row: line, column: 'REGISTER', message: `expected a count, found "${rec[rc] ?? ''}"` });
        if (list === null || list < 0) problems.push({ row: line, column: 'PATIENT_LIST_SIZE', message: `expected a count, found "${rec[lc] ?? ''}"` });
        const key = `${practice}|${group}|${(rec[tc] ?? '').trim()}`;
        if (seen.has(key)) problems.push({ row: line, column: 'PRACTICE_CODE', message: `practice ${practice} appears twice for register ${group}` });
        seen.add(key);
        practices.add(practice);
        if (reg !== null && list !== null && reg > list)
          warnings.push(`line ${line}: ${practice} ${group} register ${reg} is above the list size ${list} (kept as published)`);
        rows.push([period, practice, group, reg, (rec[tc] ?? '').trim(), list]);
      });
      warnings.unshift(`${practices.size} practices, ${rows.length} rows`);
    }
    return {
      kind: 'qof-prevalence',
      layout: 'qof-practice-prevalence',
      title: `QOF practice registers and list sizes ${period ?? ''}`.trim(),
      period: period ?? '',
      vintage: 'practice',
      level: 'practice',
      publisher: 'NHS Digital',
      licence: OGL,
      columns: ['period', 'practice_code', 'register', 'register_count', 'list_type', 'list_size'],
      rows,
      problems,
      warnings,
    };
  },
};

const MAP_COLUMNS = [
  'EXTRACT_DATE',
  'PRACTICE_CODE',
  'PRACTICE_NAME',
  'PCN_CODE',
  'PCN_NAME',
  'ONS_CCG_CODE',
  'CCG_CODE',
  'CCG_NAME',
  'ONS_STP_CODE',
  'STP_CODE',
  'STP_NAME',
  'ONS_COMM_REGION_CODE',
  'COMM_REGION_CODE',
  'COMM_REGION_NAME',
];
const MONTHS: Record<string, string> = {
  JAN: 'January',
  FEB: 'February',
  MAR: 'March',
  APR: 'April',
  MAY: 'May',
  JUN: 'June',
  JUL: 'July',
  AUG: 'August',
  SEP: 'September',
  OCT: 'October',
  NOV: 'November',
  DEC: 'December',
};

/** NHS Digital `gp-reg-pat-prac-map.csv`: practice → PCN → CCG → STP → NHS region. */
export const practiceMapCsv: Recogniser = {
  layout: 'gp-reg-pat-prac-map',
  kind: 'practice-map',
  expects: `an NHS Digital gp-reg-pat-prac-map.csv (columns ${MAP_COLUMNS.join(', ')})`,
  match: (src) => src.format === 'csv' && src.header.includes('PRACTICE_CODE') && src.header.includes('PCN_CODE'),
  parse(src: SourceInput, hints: AddHints): ParsedRelease {
    const problems: ReleaseProblem[] = [];
    const rows: TidyValue[][] = [];
    const idx = requireColumns(src, MAP_COLUMNS, problems);
    const dates = new Set<string>();
    if (idx) {
      const seen = new Map<string, number>();
      src.records.forEach((rec, i) => {
        const line = i + 2;
        const v = idx.map((j) => (rec[j] ?? '').trim());
        const practice = v[1];
        if (!/^[A-Z0-9]{6}$/.test(practice))
          problems.push({ row: line, column: 'PRACTICE_CODE', message: `expected a 6-character practice code, found "${practice}"` });
        const prior = seen.get(practice);
        if (prior !== undefined) problems.push({ row: line, column: 'PRACTICE_CODE', message: `practice ${practice} appears twice (also line ${prior})` });
        seen.set(practice, line);
        if (v[5] && !/^E38\d{6}$/.test(v[5])) problems.push({ row: line, column: 'ONS_CCG_CODE', message: `expected a CCG ONS code E38……, found "${v[5]}"` });
        dates.add(v[0]);
        rows.push(v.slice(1));
      });
    }
    const d = [...dates][0] ?? '';
    const m = /^(\d{2})([A-Za-z]{3})(\d{4})$/.exec(d);
    const period = hints.period ?? (m ? `${MONTHS[m[2].toUpperCase()]} ${m[3]}` : '');
    if (dates.size > 1) problems.push({ column: 'EXTRACT_DATE', message: `expected one extract date, found ${[...dates].join(', ')}` });
    if (periodSortKey(period) === null) problems.push({ column: 'EXTRACT_DATE', message: `expected an extract date such as 01Jan2022, found "${d}"` });
    return {
      kind: 'practice-map',
      layout: 'gp-reg-pat-prac-map',
      title: `GP practice → PCN → CCG → STP → NHS region, ${period}`,
      period,
      vintage: `CCG/STP ${period}`,
      level: 'practice',
      publisher: 'NHS Digital',
      licence: OGL,
      columns: MAP_COLUMNS.slice(1).map((c) => c.toLowerCase()),
      rows,
      problems,
      warnings: [`${rows.length} practices`],
    };
  },
};

let lsoaSets: { 'LSOA 2011': Set<string>; 'LSOA 2021': Set<string> } | null = null;
/** English LSOA codes of each vintage, from the ONS exact LSOA 2011 → 2021 lookup. */
export function lsoaCodes(vintage: 'LSOA 2011' | 'LSOA 2021'): Set<string> {
  if (!lsoaSets) {
    const t = readLsoa11Lsoa21();
    lsoaSets = { 'LSOA 2011': new Set(t.array('lsoa11_code') as string[]), 'LSOA 2021': new Set(t.array('lsoa21_code') as string[]) };
  }
  return lsoaSets[vintage];
}

/** Validate and tidy IoD File 1 rows (header at index 0). */
function parseIodFile1(table: Cell[][], _src: SourceInput, hints: AddHints, sheet?: string): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const head = table[0];
  const codeCol = findColumn(head, /^LSOA code \((2011|2021)\)$/i);
  const vintage = /2021/.test(String(head[codeCol])) ? 'LSOA 2021' : 'LSOA 2011';
  const nameCol = findColumn(head, /^LSOA name/i);
  const ladCol = findColumn(head, /^Local Authority District code/i);
  const rankCol = findColumn(head, /^Index of Multiple Deprivation \(IMD\) Rank/i);
  const decCol = findColumn(head, /^Index of Multiple Deprivation \(IMD\) Decile/i);
  const ladVintage = /\((\d{4})\)/.exec(String(head[ladCol] ?? ''))?.[1] ?? '';
  const period = hints.period ?? (vintage === 'LSOA 2021' ? 'IoD2025' : 'IoD2019');
  if (!/^IoD\d{4}$|^\d{4}$/.test(period)) problems.push({ message: `expected a period such as IoD2025 or 2025, found "${period}"` });
  const year = /(\d{4})/.exec(period)?.[1];
  const expectedVintage = year && Number(year) >= 2025 ? 'LSOA 2021' : 'LSOA 2011';
  if (rankCol < 0 || decCol < 0 || ladCol < 0)
    problems.push({ sheet, row: 1, message: 'expected columns "Local Authority District code", "Index of Multiple Deprivation (IMD) Rank" and "… Decile"' });
  const rows: TidyValue[][] = [];
  const known = lsoaCodes(expectedVintage);
  const seen = new Set<string>();
  const foreign: string[] = [];
  const n = table.length - 1;
  for (let r = 1; r < table.length && problems.length < 200; r++) {
    const row = table[r];
    if (row.length === 0) continue;
    const code = String(row[codeCol] ?? '').trim();
    const rank = parseCount(row[rankCol] ?? null);
    const decile = parseCount(row[decCol] ?? null);
    if (!known.has(code)) foreign.push(`${code} (row ${r + 1})`);
    if (seen.has(code)) problems.push({ sheet, row: r + 1, column: String(head[codeCol]), message: `LSOA ${code} appears twice` });
    seen.add(code);
    if (rank === null || rank < 1 || !Number.isInteger(rank))
      problems.push({ sheet, row: r + 1, column: 'IMD Rank', message: `expected a rank, found "${row[rankCol] ?? ''}"` });
    if (decile === null || decile < 1 || decile > 10)
      problems.push({ sheet, row: r + 1, column: 'IMD Decile', message: `expected a decile 1 to 10, found "${row[decCol] ?? ''}"` });
    rows.push([code, String(row[nameCol] ?? ''), String(row[ladCol] ?? ''), rank, decile]);
  }
  if (vintage !== expectedVintage)
    problems.push({
      sheet,
      row: 1,
      column: String(head[codeCol]),
      message: `the codes are labelled ${vintage} but ${period} is published on ${expectedVintage}`,
    });
  if (foreign.length) {
    problems.push({
      sheet,
      column: String(head[codeCol]),
      message: `${foreign.length} of ${n} codes are not ${expectedVintage} codes (e.g. ${foreign.slice(0, 5).join(', ')})${expectedVintage === 'LSOA 2021' ? '; is this an LSOA 2011 file?' : ''}`,
    });
  }
  const missing = [...known].filter((c) => !seen.has(c));
  if (missing.length)
    warnings.push(`${missing.length} of ${known.size} ${expectedVintage} codes missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`);
  else warnings.push(`all ${known.size} ${expectedVintage} codes present`);
  // Ranks: deciles must follow ranks (decile = ceil(10 × rank / N) on a complete file).
  if (!missing.length) {
    rows.forEach((r, i) => {
      const rank = r[3] as number;
      const dec = r[4] as number;
      if (rank !== null && dec !== null && Math.ceil((10 * rank) / known.size) !== dec)
        problems.push({ sheet, row: i + 2, column: 'IMD Decile', message: `decile ${dec} does not match rank ${rank} of ${known.size}` });
    });
  }
  const label = year ? `IoD${year}` : period;
  return {
    kind: 'imd',
    layout: 'iod-file1',
    title: `${label} File 1: IMD rank and decile by ${expectedVintage}`,
    period: label,
    vintage: expectedVintage,
    level: 'lsoa',
    publisher: 'MHCLG',
    licence: OGL,
    columns: ['lsoa_code', 'lsoa_name', `lad${ladVintage.slice(2)}_code`, 'imd_rank', 'imd_decile'],
    rows,
    problems,
    warnings,
    notes: `Local authority codes as published (${ladVintage}).`,
  };
}

/** IoD File 1, IMD rank and decile: IoD2019 CSV (LSOA 2011) or IoD2025 xlsx sheet IMD25 (LSOA 2021). */
export const iodFile1: Recogniser = {
  layout: 'iod-file1',
  kind: 'imd',
  expects: 'an IoD File 1 (columns "LSOA code (2011|2021)", …, "Index of Multiple Deprivation (IMD) Rank", "… Decile"; CSV, or xlsx with sheet IMD25/IMD2019)',
  match(src) {
    const isFile1 = (h: readonly unknown[]) =>
      findColumn(h, /^LSOA code \(20(11|21)\)$/i) >= 0 && findColumn(h, /^Index of Multiple Deprivation \(IMD\) Rank/i) >= 0 && findColumn(h, /Income/i) < 0;
    if (src.format === 'csv') return isFile1(src.header);
    return !!src.workbook && [...src.workbook.sheets.values()].some((rows) => rows.length > 0 && isFile1(rows[0]));
  },
  parse(src, hints) {
    if (src.format === 'csv') return parseIodFile1([src.header, ...src.records], src, hints);
    const wb = src.workbook!;
    const sheet = wb.sheetNames.find((s) => /^IMD\d{2,4}$/.test(s));
    if (!sheet) {
      const res = parseIodFile1([[]], src, hints);
      res.problems = [{ message: `expected a sheet named IMD25 (or IMD2019), found ${wb.sheetNames.join(', ')}` }];
      return res;
    }
    return parseIodFile1(wb.sheets.get(sheet)!, src, hints, sheet);
  },
};
