/**
 * Recognisers for population by LSOA 2021 (kind `population-lsoa`):
 *
 * - Census 2021 usual residents by LSOA in six age groups, long (`lsoa21_code, lsoa21_name,
 *   age_group, usual_residents`, the groups "Aged 15 years and under" … "Aged 65 years and over")
 *   or wide (`lsoa21_code, all_ages, age_0_15 … age_65_plus`);
 * - Census 2021 TS021 ethnic group by LSOA, the ONS bulk file (`date, geography, geography code,
 *   Ethnic group: Total: All usual residents, Ethnic group: Asian, … `);
 * - ONS mid-year estimates by LSOA 2021, single year of age and sex (`sapelsoasyoa…xlsx`: one
 *   sheet per year, "Mid-2022 LSOA 2021", header `LAD 2023 Code, LAD 2023 Name, LSOA 2021 Code,
 *   LSOA 2021 Name, Total, F0 … F90, M0 … M90`).
 *
 * England and Wales files keep the English rows (the Welsh count is stated). Each is stored in the
 * columns the product reader of that table reads (`readCensus2021AgeLsoa`,
 * `readCensus2021EthnicityLsoa`, `readMidYearLsoa`).
 */
import { ETHNIC_GROUPS_BROAD, ETHNIC_GROUPS_DETAILED } from '../io/census2021.js';
import { findColumn, OGL, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, checkLsoaCodes, countCell, lsoaCoverage, sumProblem, type CodeAt, type LsoaVintage } from './validate.js';
import { isMidYearHeader, MidYearLsoaReader } from './midYearLsoa.js';

/** The six Census 2021 age groups, as published and as stored. */
const AGE6: readonly [label: string, column: string][] = [
  ['Aged 15 years and under', 'age_0_15'],
  ['Aged 16 to 24 years', 'age_16_24'],
  ['Aged 25 to 34 years', 'age_25_34'],
  ['Aged 35 to 49 years', 'age_35_49'],
  ['Aged 50 to 64 years', 'age_50_64'],
  ['Aged 65 years and over', 'age_65_plus'],
];

/** The vintage an LSOA code column is labelled with (`lsoa11_code`, `LSOA 2021 Code`, `LSOA code (2011)`). */
function labelledVintage(header: string): LsoaVintage | null {
  if (/lsoa\s*_?(?:code\s*\()?(20)?11\b|lsoa11/i.test(header)) return 'LSOA 2011';
  if (/lsoa\s*_?(?:code\s*\()?(20)?21\b|lsoa21/i.test(header)) return 'LSOA 2021';
  return null;
}

function censusAge(src: SourceInput): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const h = src.header;
  const codeCol = findColumn(h, /^lsoa(11|21)_code$|^lsoa(11|21)cd$/i);
  const offered = labelledVintage(h[codeCol]) ?? 'LSOA 2021';
  const long = h.includes('age_group');
  const rows = new Map<string, { row: number; vals: (number | null)[]; total: number | null }>();
  const codes: CodeAt[] = [];
  let welsh = 0;
  if (offered !== 'LSOA 2021')
    problems.push({ row: 1, column: h[codeCol], message: `the codes are labelled ${offered} but Census 2021 LSOA tables are published on LSOA 2021` });
  if (long) {
    const gCol = h.indexOf('age_group');
    const vCol = h.indexOf('usual_residents');
    if (vCol < 0) problems.push({ row: 1, column: 'usual_residents', message: `expected column usual_residents (columns found: ${h.join(', ')})` });
    src.records.forEach((rec, i) => {
      const line = i + 2;
      const code = (rec[codeCol] ?? '').trim();
      if (code.startsWith('W')) {
        welsh++;
        return;
      }
      const g = AGE6.findIndex(([label]) => label === (rec[gCol] ?? '').trim());
      if (g < 0) {
        problems.push({ row: line, column: 'age_group', message: `expected one of ${AGE6.map(([l]) => `"${l}"`).join(', ')}, found "${rec[gCol] ?? ''}"` });
        return;
      }
      const v = vCol >= 0 ? countCell(rec[vCol]) : null;
      if (vCol >= 0 && v === null) problems.push({ row: line, column: 'usual_residents', message: `expected a count, found "${rec[vCol] ?? ''}"` });
      let e = rows.get(code);
      if (!e) {
        e = { row: line, vals: AGE6.map(() => null), total: null };
        rows.set(code, e);
        codes.push({ code, row: line });
      }
      if (e.vals[g] !== null) problems.push({ row: line, column: 'age_group', message: `LSOA ${code} has "${AGE6[g][0]}" twice` });
      e.vals[g] = v;
    });
    for (const [code, e] of rows) {
      const gaps = AGE6.filter((_, j) => e.vals[j] === null).map(([l]) => l);
      if (gaps.length) problems.push({ row: e.row, column: 'age_group', message: `LSOA ${code} has no row for ${gaps.join(', ')}` });
    }
    warnings.push('all ages = the sum of the six age groups (the long table has no total row)');
  } else {
    const tCol = h.indexOf('all_ages');
    const cols = AGE6.map(([, c]) => h.indexOf(c));
    for (const [j, c] of cols.entries())
      if (c < 0) problems.push({ row: 1, column: AGE6[j][1], message: `expected column ${AGE6[j][1]} (columns found: ${h.join(', ')})` });
    if (problems.length) return result();
    src.records.forEach((rec, i) => {
      const line = i + 2;
      const code = (rec[codeCol] ?? '').trim();
      if (code.startsWith('W')) {
        welsh++;
        return;
      }
      const vals = cols.map((c, j) => {
        const v = countCell(rec[c]);
        if (v === null) problems.push({ row: line, column: AGE6[j][1], message: `expected a count, found "${rec[c] ?? ''}"` });
        return v;
      });
      const total = tCol >= 0 ? countCell(rec[tCol]) : null;
      if (tCol >= 0 && total === null) problems.push({ row: line, column: 'all_ages', message: `expected a count, found "${rec[tCol] ?? ''}"` });
      if (total !== null && vals.every((v) => v !== null)) {
        const p = sumProblem(total, vals as number[], { row: line, column: 'all_ages', message: '' }, 'the six age groups');
        if (p) problems.push(p);
      }
      if (!rows.has(code)) rows.set(code, { row: line, vals, total });
      codes.push({ code, row: line });
    });
  }
  problems.unshift(...checkLsoaCodes(codes, 'LSOA 2021', { column: h[codeCol] }));
  return result();

  function result(): ParsedRelease {
    const out: TidyValue[][] = [];
    let england = 0;
    for (const [code, e] of rows) {
      const all = e.total ?? (e.vals.every((v) => v !== null) ? (e.vals as number[]).reduce((a, b) => a + b, 0) : null);
      england += all ?? 0;
      out.push([code, all, ...e.vals]);
    }
    if (welsh) warnings.push(`${welsh} rows for Welsh LSOAs (W01…) not kept: healthgap covers England`);
    warnings.unshift(...lsoaCoverage(new Set(rows.keys()), 'LSOA 2021'));
    warnings.push(`total usual residents of the LSOAs kept: ${england.toLocaleString('en-GB')}`);
    return {
      kind: 'population-lsoa',
      layout: long ? 'census21-lsoa-age6-long' : 'census21-lsoa-age6',
      title: 'Census 2021 usual residents by LSOA 2021, 6 age groups',
      period: '21 March 2021',
      vintage: 'LSOA 2021',
      level: 'lsoa',
      publisher: 'ONS',
      licence: OGL,
      columns: ['lsoa21_code', 'all_ages', ...AGE6.map(([, c]) => c)],
      rows: out,
      problems: capProblems(problems),
      warnings,
      notes: 'Census day 21 March 2021; counts carry ONS cell perturbation (totals differ by a few people between tables).',
    };
  }
}

/** Census 2021 population by LSOA in six age groups (long or wide). */
export const censusAgeLsoa: Recogniser = {
  layout: 'census21-lsoa-age6',
  kind: 'population-lsoa',
  expects:
    'a Census 2021 LSOA population by age (columns lsoa21_code, age_group ("Aged 15 years and under" …), usual_residents; or lsoa21_code, all_ages, age_0_15 … age_65_plus)',
  match: (src) =>
    src.format === 'csv' &&
    findColumn(src.header, /^lsoa(11|21)_code$|^lsoa(11|21)cd$/i) >= 0 &&
    ((src.header.includes('age_group') && src.header.includes('usual_residents')) || src.header.includes('age_0_15')),
  parse: (src) => censusAge(src),
};

const TS021_TOTAL = 'Ethnic group: Total: All usual residents';
const TS021_GROUPS = [...ETHNIC_GROUPS_BROAD, ...ETHNIC_GROUPS_DETAILED];

function ts021(src: SourceInput): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const h = src.header;
  const codeCol = h.indexOf('geography code');
  const dateCol = h.indexOf('date');
  const totalCol = h.indexOf(TS021_TOTAL);
  const cols = TS021_GROUPS.map((g) => h.indexOf(`Ethnic group: ${g.label}`));
  if (totalCol < 0) problems.push({ row: 1, column: TS021_TOTAL, message: `expected column "${TS021_TOTAL}"` });
  cols.forEach((c, j) => {
    if (c < 0)
      problems.push({ row: 1, column: `Ethnic group: ${TS021_GROUPS[j].label}`, message: 'expected this TS021 column (5 broad and 19 detailed groups)' });
  });
  const dates = new Set<string>();
  const out: TidyValue[][] = [];
  const codes: CodeAt[] = [];
  let welsh = 0;
  if (!problems.length) {
    src.records.forEach((rec, i) => {
      const line = i + 2;
      const code = (rec[codeCol] ?? '').trim();
      if (dateCol >= 0) dates.add((rec[dateCol] ?? '').trim());
      if (code.startsWith('W')) {
        welsh++;
        return;
      }
      codes.push({ code, row: line });
      const total = countCell(rec[totalCol]);
      const vals = cols.map((c, j) => {
        const v = countCell(rec[c]);
        if (v === null) problems.push({ row: line, column: `Ethnic group: ${TS021_GROUPS[j].label}`, message: `expected a count, found "${rec[c] ?? ''}"` });
        return v;
      });
      if (total === null) problems.push({ row: line, column: TS021_TOTAL, message: `expected a count, found "${rec[totalCol] ?? ''}"` });
      else if (vals.every((v) => v !== null)) {
        const broad = vals.slice(0, ETHNIC_GROUPS_BROAD.length) as number[];
        const p = sumProblem(total, broad, { row: line, column: TS021_TOTAL, message: '' }, 'the 5 broad ethnic groups');
        if (p) problems.push(p);
        ETHNIC_GROUPS_BROAD.forEach((b, bi) => {
          const detail = ETHNIC_GROUPS_DETAILED.map((d, di) => (d.broad === b.name ? (vals[ETHNIC_GROUPS_BROAD.length + di] as number) : null)).filter(
            (v): v is number => v !== null,
          );
          const q = sumProblem(broad[bi], detail, { row: line, column: `Ethnic group: ${b.label}`, message: '' }, `the detailed ${b.name} groups`);
          if (q) problems.push(q);
        });
      }
      out.push([code, total, ...vals]);
    });
  }
  const ds = [...dates];
  if (dateCol >= 0 && (ds.length !== 1 || ds[0] !== '2021'))
    problems.push({ column: 'date', message: `expected the census date 2021 in every row, found ${ds.slice(0, 5).join(', ') || 'none'}` });
  problems.unshift(...checkLsoaCodes(codes, 'LSOA 2021', { column: 'geography code' }));
  warnings.push(...lsoaCoverage(new Set(codes.map((c) => c.code)), 'LSOA 2021'));
  if (welsh) warnings.push(`${welsh} Welsh LSOAs (W01…) not kept: healthgap covers England`);
  return {
    kind: 'population-lsoa',
    layout: 'census21-ts021-lsoa',
    title: 'Census 2021 TS021 ethnic group by LSOA 2021',
    period: '21 March 2021',
    vintage: 'LSOA 2021',
    level: 'lsoa-ethnicity',
    publisher: 'ONS',
    licence: OGL,
    columns: ['geography code', TS021_TOTAL, ...TS021_GROUPS.map((g) => `Ethnic group: ${g.label}`)],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: 'Published TS021 headers kept (England rows); broad groups checked to add up to the total and detailed groups to their broad group.',
  };
}

/** Census 2021 TS021 ethnic group by LSOA (ONS bulk CSV). */
export const censusTs021Lsoa: Recogniser = {
  layout: 'census21-ts021-lsoa',
  kind: 'population-lsoa',
  expects: `a Census 2021 TS021 bulk CSV (columns date, geography, geography code, "${TS021_TOTAL}", …)`,
  match: (src) => src.format === 'csv' && src.header.includes('geography code') && src.header.some((c) => /^Ethnic group: /.test(c)),
  parse: (src) => ts021(src),
};

function midYearLsoa(src: SourceInput): ParsedRelease {
  const wb = src.workbook!;
  const rows: TidyValue[][] = [];
  const reader = new MidYearLsoaReader((r) => rows.push(r));
  for (const name of wb.sheetNames) {
    reader.startSheet(name);
    wb.sheets.get(name)!.forEach((cells, i) => reader.row(cells, i + 1));
    reader.endSheet();
  }
  const { rowCount: _count, ...meta } = reader.finish();
  return { ...meta, rows };
}

/** ONS mid-year estimates by LSOA 2021, single year of age and sex (xlsx, one sheet per year). */
export const midYearLsoaWorkbook: Recogniser = {
  layout: 'ons-mid-year-lsoa21-syoa',
  kind: 'population-lsoa',
  expects: 'an ONS sapelsoasyoa workbook (sheets "Mid-yyyy LSOA 2021", header LAD code, LSOA 2021 Code, Total, F0 … F90, M0 … M90)',
  match: (src) => src.format === 'xlsx' && !!src.workbook && [...src.workbook.sheets.values()].some((rows) => rows.slice(0, 15).some(isMidYearHeader)),
  parse: (src) => midYearLsoa(src),
};
