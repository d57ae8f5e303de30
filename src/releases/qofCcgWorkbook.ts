/**
 * Recogniser for the NHS Digital QOF "prevalence, achievement and exceptions/PCA, CCG level"
 * workbooks (2014-15 to 2019-20): one sheet per register, a title block whose height and wording
 * change every year, and two periods side by side (the previous year as restated, then the year
 * published). Each sheet is read from its header row (the row whose cell starts "CCG code" or
 * "CCG ODS code"); the period labels are the cells above the "Register" columns; the list size is
 * the "List size…" column of that period whose register ÷ list size reproduces the published
 * prevalence (17+ for diabetes and epilepsy, 18+ for depression, all ages for hypertension, …).
 *
 * Tidy output, one row per period × register × CCG: `period`, `register`, `ccg_ods_code`,
 * `ccg_ons_code`, `ccg_name`, `practices`, `list_size`, `list_type`, `register_count`,
 * `prevalence_published` (per cent, as published).
 *
 * Validation: CCG ONS codes are E38 codes and each ODS code has one ONS code in a period; no CCG
 * twice in a period; registers ≤ list sizes; the published prevalence equals register ÷ list size
 * (within 0.01 percentage points); both periods parse as financial years; the core registers are
 * all present. CCGs present in one period only (CCG mergers) are listed as warnings.
 */
import { financialYear } from './period.js';
import { findColumn, OGL, parseCount, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import type { Cell } from './xlsx.js';

/** Registers on a sheet of their own in every CCG workbook from 2014-15 to 2019-20. */
export const QOF_CCG_CORE_REGISTERS = ['AF', 'AST', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM', 'EP', 'HF', 'HYP', 'LD', 'MH', 'OB', 'PAD', 'STIA'] as const;

const HEADER = /^CCG (ODS )?code\b/i;

function headerRow(rows: Cell[][]): number {
  for (let i = 0; i < Math.min(rows.length, 40); i++) {
    if (findColumn(rows[i], HEADER) >= 0) return i;
  }
  return -1;
}

const text = (c: Cell): string => (c === null ? '' : String(c).trim());

export const qofCcgWorkbook: Recogniser = {
  layout: 'qof-ccg-workbook',
  kind: 'qof-prevalence',
  expects:
    'a QOF CCG-level prevalence workbook (xlsx, one sheet per register such as DM, a header row starting "CCG code"/"CCG ODS code", two periods side by side)',
  match(src: SourceInput): boolean {
    if (src.format !== 'xlsx' || !src.workbook) return false;
    return [...src.workbook.sheets.values()].some((rows) => headerRow(rows) >= 0 && rows.some((r) => r.some((c) => text(c) === 'Register')));
  },
  parse(src: SourceInput): ParsedRelease {
    const wb = src.workbook!;
    const problems: ReleaseProblem[] = [];
    const warnings: string[] = [];
    const out: TidyValue[][] = [];
    const periodsSeen = new Set<string>();
    const missing = QOF_CCG_CORE_REGISTERS.filter((r) => !wb.sheets.has(r));
    if (missing.length) {
      problems.push({
        message: `expected a sheet for every core register (${QOF_CCG_CORE_REGISTERS.join(', ')}); missing ${missing.join(', ')} (sheets found: ${wb.sheetNames.join(', ')})`,
      });
    }
    const ccgsByPeriod = new Map<string, Map<string, string>>();
    for (const sheet of wb.sheetNames) {
      const rows = wb.sheets.get(sheet)!;
      const h = headerRow(rows);
      if (h < 0) continue;
      const head = rows[h];
      const regCols = head.map((c, i) => (text(c) === 'Register' ? i : -1)).filter((i) => i >= 0);
      if (regCols.length === 0) continue;
      const codeCol = findColumn(head, HEADER);
      const onsCol = findColumn(head, /^CCG (ONS|geography) code/i);
      const nameCol = findColumn(head, /^CCG name/i);
      if (onsCol < 0 || nameCol < 0) {
        problems.push({ sheet, row: h + 1, message: 'expected the columns "CCG ONS code"/"CCG geography code" and "CCG name" after "CCG code"' });
        continue;
      }
      // Period labels: the nearest row above the header holding financial-year cells.
      const labels: { col: number; period: string }[] = [];
      for (let r = h - 1; r >= Math.max(0, h - 6) && labels.length === 0; r--) {
        rows[r].forEach((c, col) => {
          const fy = financialYear(text(c).replace(/^(\d{4}-\d{2})\d?\*?$/, '$1'));
          if (fy && col <= regCols[regCols.length - 1]) labels.push({ col, period: fy });
        });
      }
      const blocks = regCols.map((rc, k) => {
        const label = [...labels].reverse().find((l) => l.col <= rc);
        const start = label ? label.col : k === 0 ? nameCol + 1 : regCols[k - 1] + 1;
        let prevCol = -1;
        for (let c = rc + 1; c < head.length; c++)
          if (/^prevalence/i.test(text(head[c]))) {
            prevCol = c;
            break;
          }
        const listCols: number[] = [];
        for (let c = start; c < (prevCol < 0 ? rc : prevCol); c++) if (/list size/i.test(text(head[c]))) listCols.push(c);
        // Candidate denominators: each list size column, then each pair (the 2014-15 osteoporosis
        // register is over the 50-75 and 75+ estimated lists together).
        const candidates: number[][] = [...listCols.map((c) => [c]), ...listCols.flatMap((a, i) => listCols.slice(i + 1).map((b) => [a, b]))];
        const practicesCol = (() => {
          for (let c = start; c < rc; c++) if (/^number of practices/i.test(text(head[c]))) return c;
          return -1;
        })();
        return { rc, period: label?.period ?? null, listCols, candidates, practicesCol, prevCol };
      });
      for (const b of blocks) {
        if (!b.period) problems.push({ sheet, row: h, column: `column ${b.rc + 1}`, message: 'expected a period such as 2019-20 above the "Register" column' });
        if (b.prevCol < 0 || b.listCols.length === 0)
          problems.push({ sheet, row: h + 1, message: 'expected "List size…" and "Prevalence…" columns beside "Register"' });
      }
      if (blocks.some((b) => !b.period || b.prevCol < 0 || b.listCols.length === 0)) continue;
      const seen = new Map<string, Set<string>>();
      // The list size column of each block: the one reproducing the published prevalence.
      const chosen: number[][] = blocks.map(() => []);
      const mismatch: { rows: number; bad: ReleaseProblem[] }[] = [];
      const sumOf = (row: Cell[], cols: number[]): number | null => {
        let t = 0;
        for (const c of cols) {
          const n = parseCount(row[c] ?? null);
          if (n === null) return null;
          t += n;
        }
        return t;
      };
      for (let r = h + 1; r < rows.length; r++) {
        const row = rows[r];
        const ods = text(row[codeCol] ?? null);
        if (!ods) break;
        if (!/^[0-9A-Z]{3}$/.test(ods)) {
          problems.push({ sheet, row: r + 1, column: text(head[codeCol]), message: `expected a 3-character CCG ODS code, found "${ods}"` });
          continue;
        }
        const ons = text(row[onsCol] ?? null);
        if (!/^E38\d{6}$/.test(ons)) problems.push({ sheet, row: r + 1, column: text(head[onsCol]), message: `expected a CCG ONS code E38……, found "${ons}"` });
        blocks.forEach((b, k) => {
          const reg = parseCount(row[b.rc] ?? null);
          const prev = parseCount(row[b.prevCol] ?? null);
          if (reg === null && prev === null) return; // CCG not in this period (merged or new)
          const where = { sheet, row: r + 1 };
          if (reg === null || reg < 0 || !Number.isInteger(reg)) {
            problems.push({ ...where, column: `Register ${b.period}`, message: `expected a register count, found "${text(row[b.rc] ?? null)}"` });
            return;
          }
          if (chosen[k].length === 0) {
            chosen[k] = b.candidates.find((cols) => {
              const n = sumOf(row, cols);
              return n !== null && n > 0 && prev !== null && Math.abs((100 * reg) / n - prev) < 0.01;
            }) ?? [b.listCols[b.listCols.length - 1]];
          }
          const list = sumOf(row, chosen[k]);
          const listName = chosen[k].map((c) => text(head[c]).replace(/\s+/g, ' ')).join(' + ');
          if (list === null || list <= 0) {
            problems.push({
              ...where,
              column: `${listName} ${b.period}`,
              message: `expected a list size, found "${chosen[k].map((c) => text(row[c] ?? null)).join(' + ')}"`,
            });
            return;
          }
          if (reg > list) problems.push({ ...where, column: `Register ${b.period}`, message: `register ${reg} is above the list size ${list}` });
          const tally = (mismatch[k] ??= { rows: 0, bad: [] });
          tally.rows++;
          if (prev === null || Math.abs((100 * reg) / list - prev) >= 0.01) {
            tally.bad.push({
              ...where,
              column: `Prevalence ${b.period}`,
              message: `published prevalence ${prev} does not equal register ÷ list size (${((100 * reg) / list).toFixed(4)})`,
            });
          }
          const key = b.period!;
          let s = seen.get(key);
          if (!s) seen.set(key, (s = new Set()));
          if (s.has(ods)) problems.push({ ...where, column: text(head[codeCol]), message: `CCG ${ods} appears twice in ${key}` });
          s.add(ods);
          let m = ccgsByPeriod.get(key);
          if (!m) ccgsByPeriod.set(key, (m = new Map()));
          const prior = m.get(ods);
          if (prior !== undefined && prior !== ons)
            problems.push({ ...where, column: text(head[onsCol]), message: `CCG ${ods} has ONS code ${ons} here and ${prior} on another sheet` });
          m.set(ods, ons);
          periodsSeen.add(key);
          const practices = b.practicesCol >= 0 ? parseCount(row[b.practicesCol] ?? null) : null;
          out.push([key, sheet, ods, ons, text(row[nameCol] ?? null), practices, list, listName, reg, prev]);
        });
      }
      // A few published prevalences that differ from register ÷ list size are kept (listed as
      // warnings: NHS Digital restated some earlier-year figures); many mean a misread layout.
      for (const t of mismatch) {
        if (!t || t.bad.length === 0) continue;
        if (t.bad.length > Math.max(2, 0.1 * t.rows)) problems.push(...t.bad);
        else for (const p of t.bad) warnings.push(`sheet ${p.sheet} row ${p.row}, ${p.column}: ${p.message} (kept as published)`);
      }
    }
    const periods = [...periodsSeen].sort();
    if (periods.length === 0 && problems.length === 0) problems.push({ message: 'no CCG rows found on any register sheet' });
    if (periods.length === 2) {
      const [a, b] = periods.map((p) => ccgsByPeriod.get(p)!);
      const onlyA = [...a.keys()].filter((k) => !b.has(k));
      const onlyB = [...b.keys()].filter((k) => !a.has(k));
      if (onlyA.length) warnings.push(`${onlyA.length} CCGs in ${periods[0]} only (merged or closed by ${periods[1]}): ${onlyA.join(', ')}`);
      if (onlyB.length) warnings.push(`${onlyB.length} CCGs in ${periods[1]} only (new or merged): ${onlyB.join(', ')}`);
    }
    for (const p of periods) warnings.push(`${p}: ${ccgsByPeriod.get(p)!.size} CCGs`);
    const period = periods[periods.length - 1] ?? '';
    return {
      kind: 'qof-prevalence',
      layout: 'qof-ccg-workbook',
      title: `QOF recorded prevalence by CCG, ${periods.join(' and ')} (CCG workbook ${period})`,
      period,
      periods,
      vintage: `CCG ${period}`,
      level: 'ccg',
      publisher: 'NHS Digital',
      licence: OGL,
      columns: [
        'period',
        'register',
        'ccg_ods_code',
        'ccg_ons_code',
        'ccg_name',
        'practices',
        'list_size',
        'list_type',
        'register_count',
        'prevalence_published',
      ],
      rows: out,
      problems,
      warnings,
      notes:
        'The earlier period is as restated in this workbook; list sizes of 2014-15 and earlier 17+ registers are estimated by NHS Digital (not whole numbers).',
    };
  },
};
