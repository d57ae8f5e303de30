/**
 * Recogniser for the ONS "Life expectancy for local areas" workbook (`lifeexpectancylocalareas.xlsx`,
 * kind `le-la`): a long table on sheet "1" whose header (within the first 12 rows, below a title
 * block) names `Period` ("2001 to 2003"), `Area type` ("Local Areas", "Country", "Region", …),
 * `Area code`, `Area name`, `Sex`, `Age group` ("<1", "1 to 4", … "90 and over") and
 * `Life expectancy`, with the 95% limits in `Lower confidence interval` / `Upper confidence
 * interval` where published. Suppressed cells ("[x]", "[u]") are kept as empty values and counted.
 * Stored long: `period, area_type, area_code, area_name, sex, age_group, life_expectancy,
 * lower_ci_95, upper_ci_95`.
 */
import { findColumn, OGL, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, numberCell } from './validate.js';
import type { Cell } from './xlsx.js';

const REQUIRED = ['Period', 'Area type', 'Area code', 'Area name', 'Sex', 'Age group', 'Life expectancy'] as const;
const GSS = /^[EWSNK]\d{8}$/;
const PERIOD = /^(\d{4}) to (\d{4})$/;

const text = (c: Cell | undefined) => String(c ?? '').trim();

function headerAt(rows: Cell[][]): number {
  for (let i = 0; i < Math.min(rows.length, 12); i++) {
    const h = rows[i].map(text);
    if (h.includes('Area code') && h.includes('Life expectancy') && h.includes('Sex')) return i;
  }
  return -1;
}

function parseLe(src: SourceInput, hints: AddHints): ParsedRelease {
  const wb = src.workbook!;
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const out: TidyValue[][] = [];
  const sheet = wb.sheetNames.find((s) => headerAt(wb.sheets.get(s)!) >= 0)!;
  if (sheet !== '1')
    problems.push({ sheet, message: `expected the long table on sheet "1" as published, found it on sheet "${sheet}" (sheets ${wb.sheetNames.join(', ')})` });
  const rows = wb.sheets.get(sheet)!;
  const at = headerAt(rows);
  const h = rows[at].map(text);
  const idx = REQUIRED.map((c) => h.indexOf(c));
  idx.forEach((j, k) => {
    if (j < 0) problems.push({ sheet, row: at + 1, column: REQUIRED[k], message: `expected column "${REQUIRED[k]}" (found ${h.join(', ')})` });
  });
  const lo = findColumn(h, /^Lower (confidence interval|confidence limit|CI)/i);
  const hi = findColumn(h, /^Upper (confidence interval|confidence limit|CI)/i);
  const periods = new Set<string>();
  const seen = new Map<string, number>();
  let suppressed = 0;
  if (idx.every((j) => j >= 0)) {
    const [pc, tc, cc, nc, sc, gc, vc] = idx;
    for (let r = at + 1; r < rows.length; r++) {
      const row = rows[r];
      if (!row.length || row.every((c) => c === null || c === '')) continue;
      const line = r + 1;
      const period = text(row[pc]);
      const code = text(row[cc]);
      const sex = text(row[sc]);
      const age = text(row[gc]);
      const pm = PERIOD.exec(period);
      if (!pm || Number(pm[2]) < Number(pm[1]))
        problems.push({ sheet, row: line, column: 'Period', message: `expected a period such as "2021 to 2023", found "${period}"` });
      else periods.add(period);
      if (!GSS.test(code)) problems.push({ sheet, row: line, column: 'Area code', message: `expected a GSS code such as E08000028, found "${code}"` });
      if (!/^(Male|Female|Persons)$/.test(sex)) problems.push({ sheet, row: line, column: 'Sex', message: `expected Male, Female or Persons, found "${sex}"` });
      const key = `${period}|${code}|${sex}|${age}`;
      const prior = seen.get(key);
      if (prior !== undefined)
        problems.push({ sheet, row: line, column: 'Area code', message: `${code} ${sex} ${age} ${period} appears twice (also row ${prior})` });
      seen.set(key, line);
      const raw = row[vc];
      const v = numberCell(raw ?? null);
      if (v === null) {
        if (/^\[[a-z]\]$/i.test(text(raw))) suppressed++;
        else problems.push({ sheet, row: line, column: 'Life expectancy', message: `expected years of life or a marker such as [x], found "${text(raw)}"` });
      } else if (v < 0 || v > 110) problems.push({ sheet, row: line, column: 'Life expectancy', message: `expected years between 0 and 110, found ${v}` });
      const l = lo >= 0 ? numberCell(row[lo] ?? null) : null;
      const u = hi >= 0 ? numberCell(row[hi] ?? null) : null;
      if (v !== null && l !== null && u !== null && (l > v || u < v))
        problems.push({ sheet, row: line, column: 'Life expectancy', message: `${v} lies outside its 95% confidence interval ${l} to ${u}` });
      out.push([period, text(row[tc]), code, text(row[nc]), sex, age, v, l, u]);
    }
  }
  const sorted = [...periods].sort();
  const period = hints.period ?? sorted[sorted.length - 1] ?? '';
  if (!PERIOD.test(period)) problems.push({ message: `expected a period such as "2021 to 2023", found "${period}"` });
  const areas = new Set(out.map((r) => r[2]));
  warnings.push(`${areas.size} areas, ${sorted.length} periods (${sorted.join(', ')}), ${out.length.toLocaleString('en-GB')} rows`);
  if (suppressed) warnings.push(`${suppressed} values suppressed or unreliable as published ([x], [u]), kept empty`);
  return {
    kind: 'le-la',
    layout: 'ons-le-local-areas',
    title: 'ONS life expectancy for local areas, by sex and age group',
    period,
    ...(sorted.length > 1 ? { periods: sorted } : {}),
    vintage: 'LAD as published',
    level: 'la',
    publisher: 'ONS',
    licence: OGL,
    columns: ['period', 'area_type', 'area_code', 'area_name', 'sex', 'age_group', 'life_expectancy', 'lower_ci_95', 'upper_ci_95'],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: 'Three-year period life expectancy (abridged life tables, ONS method).',
  };
}

/** ONS life expectancy for local areas (xlsx, long table on sheet "1"). */
export const leLocalAreasWorkbook: Recogniser = {
  layout: 'ons-le-local-areas',
  kind: 'le-la',
  expects: 'an ONS lifeexpectancylocalareas.xlsx (sheet "1": Period, Area type, Area code, Area name, Sex, Age group, Life expectancy, …)',
  match: (src) => src.format === 'xlsx' && !!src.workbook && [...src.workbook.sheets.values()].some((rows) => headerAt(rows) >= 0),
  parse: (src, hints) => parseLe(src, hints),
};
