/**
 * Recognisers for GP practice files:
 *
 * - NHS ODS ePCN workbook (`ePCN.xlsx`): sheet "PCNDetails" (PCN code, name, sub-ICB location,
 *   open and close dates) and sheet "PCN Core Partner Details" (practice → PCN memberships with
 *   start and end dates). Stored as the open memberships, one row per practice, in the columns of
 *   `readEpcn2023` (kind `practice-map`).
 * - NHS Digital "Patients registered at a GP practice" by LSOA (`gp-reg-pat-prac-lsoa-all.csv`),
 *   LSOA 2011 and LSOA 2021 editions (`PRACTICE_CODE, PRACTICE_NAME, LSOA_CODE,
 *   NUMBER_OF_PATIENTS`, later editions also `PUBLICATION, EXTRACT_DATE, SEX`). Stored in the
 *   columns of `readGpRegistrationsByLsoa` (kind `gp-registrations-lsoa`).
 */
import { findColumn, OGL, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import { periodSortKey } from './period.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, checkLsoaCodes, countCell, englishLsoaCodes, lsoaCoverage, type CodeAt, type LsoaVintage } from './validate.js';
import type { Cell } from './xlsx.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MON3 = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());

/**
 * A month period from what publishers and analysts write: `2023-01`, `January 2023`, `jan2021`,
 * `04JAN2021`, `01Jan2022`; null when none can be read.
 *
 * @example monthPeriod('ePCN_2023-01.xlsx') // 'January 2023'
 */
export function monthPeriod(text: string): string | null {
  const t = text.toLowerCase();
  let m = /(20\d\d)[-_ ]?(0[1-9]|1[0-2])(?!\d)/.exec(t);
  if (m) return `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
  m = /(?:\d{1,2})?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]?(20\d\d)/.exec(t);
  if (m) return `${MONTH_NAMES[MON3.indexOf(m[1])]} ${m[2]}`;
  return null;
}

const PRACTICE = /^[A-Z]\d{5}$|^[A-Z0-9]{6}$/;
const ODS_DATE = /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

const PCN_SHEET = 'PCNDetails';
const PARTNER_SHEET = 'PCN Core Partner Details';
/** Header cells of the partner sheet, with line breaks as published (compared with spaces). */
const norm = (c: Cell) =>
  String(c ?? '')
    .replace(/\s+/g, ' ')
    .trim();

function epcn(src: SourceInput, hints: AddHints): ParsedRelease {
  const wb = src.workbook!;
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const out: TidyValue[][] = [];
  const period = hints.period ? monthPeriod(hints.period) : monthPeriod(src.name);
  if (!period)
    problems.push({ message: `expected a period such as 2023-01 (from --period or a file name like ePCN_2023-01.xlsx), found "${hints.period ?? src.name}"` });
  for (const s of [PCN_SHEET, PARTNER_SHEET])
    if (!wb.sheets.has(s)) problems.push({ sheet: s, message: `expected a sheet named "${s}" as published, found sheets ${wb.sheetNames.join(', ')}` });
  if (!problems.some((p) => p.sheet)) {
    const pcnRows = wb.sheets.get(PCN_SHEET)!;
    const ph = pcnRows[0]?.map(norm) ?? [];
    const pc = ph.indexOf('PCN Code');
    const pcns = new Map<string, { open: boolean }>();
    if (pc < 0) problems.push({ sheet: PCN_SHEET, row: 1, column: 'PCN Code', message: `expected column "PCN Code" (found ${ph.join(', ')})` });
    else {
      const closeCol = ph.indexOf('Close Date');
      for (let r = 1; r < pcnRows.length; r++) {
        const code = norm(pcnRows[r][pc] ?? null);
        if (!code) continue;
        if (pcns.has(code)) problems.push({ sheet: PCN_SHEET, row: r + 1, column: 'PCN Code', message: `PCN ${code} appears twice` });
        pcns.set(code, { open: closeCol < 0 || !norm(pcnRows[r][closeCol] ?? null) });
      }
    }
    const rows = wb.sheets.get(PARTNER_SHEET)!;
    const h = rows[0]?.map(norm) ?? [];
    const want = [
      'Partner Organisation Code',
      'Partner Name',
      'Practice Parent Sub ICB Loc Code',
      'PCN Code',
      'PCN Name',
      'PCN Parent Sub ICB Loc Code',
      'Practice to PCN Relationship Start Date',
      'Practice to PCN Relationship End Date',
    ];
    const idx = want.map((w) => h.findIndex((x) => x.toLowerCase() === w.toLowerCase()));
    idx.forEach((j, k) => {
      if (j < 0) problems.push({ sheet: PARTNER_SHEET, row: 1, column: want[k], message: `expected column "${want[k]}" (found ${h.join(', ')})` });
    });
    if (idx.every((j) => j >= 0)) {
      const openAt = new Map<string, number>();
      let ended = 0;
      for (let r = 1; r < rows.length; r++) {
        const v = idx.map((j) => norm(rows[r][j] ?? null));
        if (v.every((x) => x === '')) continue;
        const line = r + 1;
        const [practice, name, psicbl, pcn, pcnName, pcnSicbl, start, end] = v;
        if (!PRACTICE.test(practice))
          problems.push({ sheet: PARTNER_SHEET, row: line, column: want[0], message: `expected a practice code such as A81001, found "${practice}"` });
        if (!ODS_DATE.test(start)) problems.push({ sheet: PARTNER_SHEET, row: line, column: want[6], message: `expected a date YYYYMMDD, found "${start}"` });
        if (end && !ODS_DATE.test(end))
          problems.push({ sheet: PARTNER_SHEET, row: line, column: want[7], message: `expected a date YYYYMMDD, found "${end}"` });
        if (pc >= 0 && !pcns.has(pcn))
          problems.push({ sheet: PARTNER_SHEET, row: line, column: 'PCN Code', message: `PCN ${pcn} is not in sheet ${PCN_SHEET}` });
        if (end) {
          ended++;
          continue;
        }
        const prior = openAt.get(practice);
        if (prior !== undefined)
          problems.push({
            sheet: PARTNER_SHEET,
            row: line,
            column: want[0],
            message: `practice ${practice} has two open PCN memberships (also row ${prior})`,
          });
        openAt.set(practice, line);
        out.push([practice, name, psicbl, pcn, pcnName, pcnSicbl, start]);
      }
      warnings.push(`${out.length.toLocaleString('en-GB')} practices with an open PCN membership; ${ended} ended memberships not kept; ${pcns.size} PCNs`);
      const cross = out.filter((r) => r[2] !== r[5]).length;
      if (cross) warnings.push(`${cross} practices belong to a PCN of another sub-ICB location (cross-border PCNs, as published)`);
    }
  }
  return {
    kind: 'practice-map',
    layout: 'ods-epcn',
    title: `GP practice → PCN relationships (ePCN), ${period ?? ''}`.trim(),
    period: period ?? '',
    vintage: `PCN ${period ? /\d{4}/.exec(period)![0] : ''}`.trim(),
    level: 'practice-pcn',
    publisher: 'NHS England (ODS)',
    licence: OGL,
    columns: ['practice_code', 'practice_name', 'practice_sicbl_ods_code', 'pcn_code', 'pcn_name', 'pcn_sicbl_ods_code', 'start_date'],
    rows: out,
    problems: capProblems(problems),
    warnings,
  };
}

/** NHS ODS ePCN workbook. */
export const epcnWorkbook: Recogniser = {
  layout: 'ods-epcn',
  kind: 'practice-map',
  expects: `an NHS ODS ePCN workbook (sheets "${PCN_SHEET}" and "${PARTNER_SHEET}")`,
  match: (src) =>
    src.format === 'xlsx' &&
    !!src.workbook &&
    [...src.workbook.sheets.values()].some((rows) => {
      const h = (rows[0] ?? []).map(norm);
      return h.includes('Partner Organisation Code') || (h.includes('PCN Code') && h.includes('Current Sub ICB Loc Code'));
    }),
  parse: (src, hints) => epcn(src, hints),
};

/** What says a file holds no LSOA for a patient: `NO2011`, `NO2021`. */
const NO_LSOA = /^NO(2011|2021)$/;

function vintageHint(text: string | undefined): LsoaVintage | null {
  if (!text) return null;
  if (/(lsoa[ _-]?)?(20)?11$|lsoa[ _-]?(20)?11/i.test(text)) return 'LSOA 2011';
  if (/(lsoa[ _-]?)?(20)?21$|lsoa[ _-]?(20)?21/i.test(text)) return 'LSOA 2021';
  return null;
}

function gpRegLsoa(src: SourceInput, hints: AddHints): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const h = src.header;
  const pc = h.indexOf('PRACTICE_CODE');
  const nc = h.indexOf('PRACTICE_NAME');
  const lc = findColumn(h, /^LSOA_(20(11|21)_)?CODE$|^LSOA(11|21)CD$/i);
  const vc = h.indexOf('NUMBER_OF_PATIENTS');
  const sc = h.indexOf('SEX');
  const dc = h.indexOf('EXTRACT_DATE');
  for (const [j, name] of [
    [pc, 'PRACTICE_CODE'],
    [lc, 'LSOA_CODE'],
    [vc, 'NUMBER_OF_PATIENTS'],
  ] as const)
    if (j < 0) problems.push({ row: 1, column: name, message: `expected column ${name} (columns found: ${h.join(', ')})` });
  const out: TidyValue[][] = [];
  const codes: CodeAt[] = [];
  const noLsoa = new Map<string, number>();
  const seen = new Map<string, number>();
  const dates = new Set<string>();
  let welsh = 0;
  let patients = 0;
  let english = 0;
  const practices = new Set<string>();
  if (!problems.length) {
    src.records.forEach((rec, i) => {
      const line = i + 2;
      if (sc >= 0 && !/^ALL$/i.test((rec[sc] ?? '').trim())) return;
      if (dc >= 0) dates.add((rec[dc] ?? '').trim());
      const practice = (rec[pc] ?? '').trim();
      const lsoa = (rec[lc] ?? '').trim();
      const n = countCell(rec[vc]);
      if (!PRACTICE.test(practice))
        problems.push({ row: line, column: 'PRACTICE_CODE', message: `expected a practice code such as A81001, found "${practice}"` });
      if (n === null) problems.push({ row: line, column: 'NUMBER_OF_PATIENTS', message: `expected a count, found "${rec[vc] ?? ''}"` });
      const key = `${practice}|${lsoa}`;
      const prior = seen.get(key);
      if (prior !== undefined)
        problems.push({ row: line, column: 'PRACTICE_CODE', message: `practice ${practice} appears twice for LSOA ${lsoa} (also line ${prior})` });
      seen.set(key, line);
      practices.add(practice);
      patients += n ?? 0;
      const no = NO_LSOA.exec(lsoa);
      if (no) noLsoa.set(no[1], (noLsoa.get(no[1]) ?? 0) + 1);
      else if (lsoa.startsWith('W')) welsh += n ?? 0;
      else {
        codes.push({ code: lsoa, row: line });
        english += n ?? 0;
      }
      out.push([practice, nc >= 0 ? (rec[nc] ?? '').trim() : '', lsoa, n]);
    });
  }
  // The vintage: as offered (--vintage, or the column label), else read from the codes.
  const in11 = codes.filter((c) => englishLsoaCodes('LSOA 2011').has(c.code)).length;
  const in21 = codes.filter((c) => englishLsoaCodes('LSOA 2021').has(c.code)).length;
  const noTag = [...noLsoa.keys()];
  const offered = vintageHint(hints.vintage) ?? vintageHint(h[lc] === 'LSOA_CODE' ? undefined : h[lc]);
  const read: LsoaVintage = noTag.length === 1 ? (noTag[0] === '2011' ? 'LSOA 2011' : 'LSOA 2021') : in21 > in11 ? 'LSOA 2021' : 'LSOA 2011';
  const vintage = offered ?? read;
  if (offered && noTag.length === 1 && `LSOA ${noTag[0]}` !== offered)
    problems.push({ column: h[lc], message: `the file marks patients without an LSOA as NO${noTag[0]}: an LSOA ${noTag[0]} file offered as ${offered}` });
  problems.unshift(...checkLsoaCodes(codes, vintage, { column: h[lc] }, { unique: false }));
  const ds = [...dates].filter(Boolean);
  const period = hints.period ? monthPeriod(hints.period) : ((ds.length === 1 ? monthPeriod(ds[0]) : null) ?? monthPeriod(src.name));
  if (ds.length > 1) problems.push({ column: 'EXTRACT_DATE', message: `expected one extract date, found ${ds.slice(0, 5).join(', ')}` });
  if (!period || periodSortKey(period) === null)
    problems.push({
      message: `expected a period such as 2021-01 (from --period, EXTRACT_DATE or a file name like gp-reg-pat-prac-lsoa-all_2021-01.csv), found "${hints.period ?? src.name}"`,
    });
  warnings.push(...lsoaCoverage(new Set(codes.map((c) => c.code)), vintage));
  warnings.push(
    `${practices.size.toLocaleString('en-GB')} practices, ${patients.toLocaleString('en-GB')} patients: ${english.toLocaleString('en-GB')} in English LSOAs, ${welsh.toLocaleString('en-GB')} in Welsh LSOAs, ${[...noLsoa.values()].reduce((a, b) => a + b, 0)} rows with no LSOA recorded (${noTag.map((t) => `NO${t}`).join(', ') || 'none'})`,
  );
  return {
    kind: 'gp-registrations-lsoa',
    layout: 'gp-reg-pat-prac-lsoa-all',
    title: `Patients registered at a GP practice by ${vintage} of residence, ${period ?? ''}`.trim(),
    period: period ?? '',
    vintage,
    level: 'practice-lsoa',
    publisher: 'NHS Digital',
    licence: OGL,
    columns: ['PRACTICE_CODE', 'PRACTICE_NAME', 'LSOA_CODE', 'NUMBER_OF_PATIENTS'],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: `Published column names kept (persons); Welsh and unrecorded LSOAs kept as published. The LSOA vintage was ${offered ? 'stated' : 'read from the codes'}.`,
  };
}

/** NHS Digital gp-reg-pat-prac-lsoa-all (LSOA 2011 and LSOA 2021 editions). */
export const gpRegLsoaCsv: Recogniser = {
  layout: 'gp-reg-pat-prac-lsoa-all',
  kind: 'gp-registrations-lsoa',
  expects: 'an NHS Digital gp-reg-pat-prac-lsoa-all.csv (columns PRACTICE_CODE, PRACTICE_NAME, LSOA_CODE, NUMBER_OF_PATIENTS)',
  match: (src) =>
    src.format === 'csv' &&
    src.header.includes('PRACTICE_CODE') &&
    src.header.includes('NUMBER_OF_PATIENTS') &&
    findColumn(src.header, /^LSOA_(20(11|21)_)?CODE$|^LSOA(11|21)CD$/i) >= 0,
  parse: (src, hints) => gpRegLsoa(src, hints),
};
