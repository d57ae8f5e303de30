/**
 * Recogniser for the English Indices of Deprivation Files 2, 3, 6 and 7 (MHCLG), IoD2019 on
 * LSOA 2011 and IoD2025 on LSOA 2021, as CSV or as the published xlsx (one data sheet named
 * "IoD20yy …", e.g. "IoD2025 Domains", "IoD2025 IDACI & IDAOPI", beside a Notes sheet):
 *
 * - File 2, domains: IMD and the 7 domains' rank and decile;
 * - File 3, supplementary indices: IMD, IDACI and IDAOPI rank and decile;
 * - File 6, population denominators: total, 0-15, 16-59, 60+ and working-age populations;
 * - File 7, everything: scores, ranks and deciles of the IMD, domains, supplementary indices and
 *   sub-domains, and the population denominators.
 *
 * The release is stored with the published column headers (numbers without thousands
 * separators), one row per LSOA, so the product readers (`readImdDomains`, `readImdPopulation`)
 * read an added release as they read the bundled files.
 */
import { findColumn, OGL, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, checkLsoaCodes, countCell, englishLsoaCodes, lsoaCoverage, numberCell, sumProblem, type LsoaVintage } from './validate.js';
import type { Cell } from './xlsx.js';

/** Which IoD file a header row is. */
type IodFile = 'iod-file2' | 'iod-file3' | 'iod-file6' | 'iod-file7';

const FILE_TITLES: Record<IodFile, string> = {
  'iod-file2': 'File 2: IMD and domain ranks and deciles',
  'iod-file3': 'File 3: IDACI and IDAOPI ranks and deciles',
  'iod-file6': 'File 6: population denominators',
  'iod-file7': 'File 7: scores, ranks, deciles and population denominators',
};

const LSOA_CODE = /^LSOA code \((20(?:11|21))\)$/i;
const has = (h: readonly unknown[], re: RegExp) => findColumn(h, re) >= 0;

/** The IoD file a header row belongs to (File 1 is recognised elsewhere); null when none. */
export function iodFileOf(header: readonly unknown[]): IodFile | null {
  if (!has(header, LSOA_CODE) || !has(header, /^Local Authority District code/i)) return null;
  const score = has(header, / Score( \(rate\))?$/i);
  const pop = has(header, /^Total population/i);
  if (score && pop) return 'iod-file7';
  if (score) return null;
  if (pop && !has(header, / Rank /i)) return 'iod-file6';
  if (has(header, /^Income Rank/i) && has(header, /^Living Environment Rank/i)) return 'iod-file2';
  if (has(header, /\(IDACI\) Rank/i) && !has(header, /^Income Rank/i)) return 'iod-file3';
  return null;
}

/** The first row of a sheet (within its first 20) that is an IoD File 2/3/6/7 header. */
function headerRow(rows: Cell[][]): number {
  for (let i = 0; i < Math.min(rows.length, 20); i++) if (iodFileOf(rows[i])) return i;
  return -1;
}

/** Population columns of File 6 / File 7 whose parts add up to the total. */
const POP_TOTAL = /^Total population/i;
const POP_PARTS = [/^Dependent Children aged 0-15/i, /^Population aged 16-59/i, /^Older population aged 60 and over/i];
const POP_WORKING = /^Working age population/i;

function parseIod(rows: Cell[][], headerAt: number, src: SourceInput, hints: AddHints, sheet?: string): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const head = rows[headerAt].map((h) => String(h ?? '').trim());
  const file = iodFileOf(head)!;
  const codeCol = findColumn(head, LSOA_CODE);
  const labelled: LsoaVintage = LSOA_CODE.exec(head[codeCol])![1] === '2021' ? 'LSOA 2021' : 'LSOA 2011';
  const fromSheet = sheet ? /^IoD(20\d\d)\b/.exec(sheet)?.[1] : undefined;
  const fromName = /IoD(20\d\d)/i.exec(src.name)?.[1];
  const year = /^(?:IoD)?(20\d\d)$/i.exec(hints.period ?? '')?.[1] ?? fromSheet ?? fromName ?? (labelled === 'LSOA 2021' ? '2025' : '2019');
  if (hints.period !== undefined && !/^(?:IoD)?20\d\d$/i.test(hints.period))
    problems.push({ message: `expected a period such as IoD2025 or 2025, found "${hints.period}"` });
  const period = `IoD${year}`;
  const vintage: LsoaVintage = Number(year) >= 2025 ? 'LSOA 2021' : 'LSOA 2011';
  if (labelled !== vintage)
    problems.push({ sheet, row: headerAt + 1, column: head[codeCol], message: `the codes are labelled ${labelled} but ${period} is published on ${vintage}` });
  const n = englishLsoaCodes(vintage).size;
  const kinds = head.map((h, j) => {
    if (j === codeCol || /^LSOA name|^Local Authority District/i.test(h)) return 'text';
    if (/ Rank /i.test(h) || / Rank$/i.test(h)) return 'rank';
    if (/ Decile /i.test(h) || / Decile$/i.test(h)) return 'decile';
    if (/\(rate\)$/i.test(h)) return 'rate';
    if (/ Score$/i.test(h)) return 'score';
    if (/population|Children aged/i.test(h)) return 'count';
    return 'unknown';
  });
  kinds.forEach((k, j) => {
    if (k === 'unknown' && head[j] !== '') problems.push({ sheet, row: headerAt + 1, column: head[j], message: 'column not in the published IoD layout' });
  });
  const codes: { code: string; row: number }[] = [];
  const out: TidyValue[][] = [];
  const rankSeen = new Map<number, Set<number>>();
  const tiedRanks = new Map<string, number>();
  const total = findColumn(head, POP_TOTAL);
  const parts = POP_PARTS.map((re) => findColumn(head, re));
  const working = findColumn(head, POP_WORKING);
  let workingAbove = 0;
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row.length || row.every((c) => c === null || c === '')) continue;
    const line = r + 1;
    const code = String(row[codeCol] ?? '').trim();
    codes.push({ code, row: line });
    const vals: TidyValue[] = head.map((h, j) => {
      const raw = row[j] ?? null;
      const k = kinds[j];
      if (k === 'text' || k === 'unknown') return raw === null ? null : String(raw).trim();
      const v = k === 'score' ? numberCell(raw) : countCell(raw);
      if (v === null) {
        problems.push({
          sheet,
          row: line,
          column: h,
          message: `expected ${k === 'score' ? 'a number' : `a ${k === 'count' ? 'count' : k}`}, found "${raw ?? ''}"`,
        });
        return null;
      }
      if (k === 'rank') {
        if (!Number.isInteger(v) || v < 1 || v > n) problems.push({ sheet, row: line, column: h, message: `expected a rank 1 to ${n}, found ${v}` });
        const seen = rankSeen.get(j) ?? new Set<number>();
        if (seen.has(v)) tiedRanks.set(h, (tiedRanks.get(h) ?? 0) + 1);
        seen.add(v);
        rankSeen.set(j, seen);
      }
      if (k === 'decile') {
        const rank = countCell(row[j - 1] ?? null);
        if (!Number.isInteger(v) || v < 1 || v > 10) problems.push({ sheet, row: line, column: h, message: `expected a decile 1 to 10, found ${v}` });
        else if (kinds[j - 1] === 'rank' && rank !== null && Math.ceil((10 * rank) / n) !== v)
          problems.push({ sheet, row: line, column: h, message: `decile ${v} does not match rank ${rank} of ${n}` });
      }
      if (k === 'rate' && v > 1) problems.push({ sheet, row: line, column: h, message: `expected a rate 0 to 1, found ${v}` });
      return v;
    });
    if (total >= 0 && parts.every((p) => p >= 0)) {
      const t = vals[total] as number | null;
      const ps = parts.map((p) => vals[p] as number | null);
      if (t !== null && ps.every((p) => p !== null)) {
        const p = sumProblem(t, ps as number[], { sheet, row: line, column: head[total], message: '' }, 'the populations aged 0-15, 16-59 and 60+');
        if (p) problems.push(p);
      }
      const w = working >= 0 ? (vals[working] as number | null) : null;
      if (t !== null && w !== null && w > t) workingAbove++;
    }
    out.push(vals);
  }
  problems.unshift(...checkLsoaCodes(codes, vintage, { sheet, column: head[codeCol] }));
  if (!codes.length) problems.push({ sheet, message: 'no data rows below the header' });
  warnings.push(...lsoaCoverage(new Set(codes.map((c) => c.code)), vintage));
  for (const [h, k] of tiedRanks) warnings.push(`${k} tied ranks in "${h}" (equal scores share a rank, as published)`);
  if (workingAbove)
    warnings.push(`${workingAbove} LSOAs have a working-age population above the total population (as published: the denominators are built separately)`);
  const ladVintage = /\((\d{4})\)/.exec(head[findColumn(head, /^Local Authority District code/i)] ?? '')?.[1] ?? '';
  return {
    kind: 'imd',
    layout: file,
    title: `${period} ${FILE_TITLES[file]} by ${vintage}`,
    period,
    vintage,
    level: file === 'iod-file6' ? 'lsoa-population' : file === 'iod-file3' ? 'lsoa-supplementary' : file === 'iod-file2' ? 'lsoa-domains' : 'lsoa-all',
    publisher: 'MHCLG',
    licence: OGL,
    columns: head,
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: `Published column headers kept; local authority codes as published (${ladVintage}); ranks 1 = most deprived of ${n.toLocaleString('en-GB')} LSOAs.`,
  };
}

/** IoD Files 2, 3, 6 and 7 (CSV or xlsx). */
export const iodFiles: Recogniser = {
  layout: 'iod-file2-3-6-7',
  kind: 'imd',
  expects:
    'an IoD File 2, 3, 6 or 7 (columns "LSOA code (2011|2021)", "Local Authority District code (…)", then domain ranks/deciles, IDACI/IDAOPI ranks/deciles, population denominators or scores; CSV, or xlsx with a data sheet "IoD20yy …")',
  match(src) {
    if (src.format === 'csv') return iodFileOf(src.header) !== null;
    return !!src.workbook && [...src.workbook.sheets.values()].some((rows) => headerRow(rows) >= 0);
  },
  parse(src, hints) {
    if (src.format === 'csv') return parseIod([src.header, ...src.records], 0, src, hints);
    const wb = src.workbook!;
    const sheet = wb.sheetNames.find((s) => headerRow(wb.sheets.get(s)!) >= 0)!;
    const rows = wb.sheets.get(sheet)!;
    const res = parseIod(rows, headerRow(rows), src, hints, sheet);
    if (!/^IoD20\d\d\b/.test(sheet)) {
      res.problems = [
        {
          sheet,
          message: `expected the data sheet to be named as published ("IoD2025 Domains", "IoD2025 IDACI & IDAOPI", … "IoD20yy …"), found sheets ${wb.sheetNames.join(', ')}`,
        },
      ];
    }
    return res;
  },
};
