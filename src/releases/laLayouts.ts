/**
 * Recognisers for local-authority tables and Fingertips exports:
 *
 * - ONS MYE2 population by single year of age for local authorities, one file per sex: the
 *   mid-2014 layout (title lines, `CODE, NAME, ALL AGES, 0 … 90`) and the mid-2019 layout
 *   (`Code, Name, Geography1, All ages, 0 … 90+`). Read with `readMye2({ file })`; stored in the
 *   mid-2019 layout (kind `population-la`, level `la-<sex>`) so `readMye2({ file, sex })` reads it.
 * - ONS deaths registered by area of usual residence × sex × age band, tidy
 *   (`area_code, area_name, sex, age_band, deaths`; kind `deaths-la`), read by `readDeaths2014`.
 * - OHID Fingertips CSV exports (`Indicator ID, Indicator Name, …, Area Code, …, Time period,
 *   Value, …`; kind `fingertips`), read by `readFingertipsExport`.
 *
 * Local authorities must add up to England where a file has both (E06, E07, E08 and E09 codes
 * together make England, E92000001).
 */
import { readCsvRecords } from '../io/csv.js';
import { InputError } from '../io/errors.js';
import { readFingertipsExport } from '../io/fingertips.js';
import { readMye2 } from '../io/population.js';
import { OGL, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';
import { capProblems, countCell } from './validate.js';

const GSS = /^[EWSNK]\d{8}$/;
/** Lower-tier local authority codes (unitary, non-metropolitan district, metropolitan district, London borough). */
const LTLA = /^E0[6789]\d{6}$/;
const ENGLAND = 'E92000001';

/**
 * Problems where the English lower-tier local authorities do not add up to England, for each key
 * (age, sex × age band …). Nothing is checked when the file has no England row.
 */
function laToEngland(rows: { code: string; key: string; value: number }[], what: string): ReleaseProblem[] {
  const eng = new Map<string, number>();
  const sum = new Map<string, number>();
  for (const r of rows) {
    if (r.code === ENGLAND) eng.set(r.key, r.value);
    else if (LTLA.test(r.code)) sum.set(r.key, (sum.get(r.key) ?? 0) + r.value);
  }
  const out: ReleaseProblem[] = [];
  for (const [k, v] of eng) {
    const s = sum.get(k) ?? 0;
    if (Math.abs(s - v) > 1e-6)
      out.push({ message: `the local authorities add up to ${s.toLocaleString('en-GB')} for ${what} ${k}, not England's ${v.toLocaleString('en-GB')}` });
  }
  return out;
}

const YEAR = /(?:mid[-_ ]?)?(19|20)(\d\d)/i;

function mye2(src: SourceInput, hints: AddHints): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const title = src.records.slice(0, 3).flat().join(' ');
  const m = hints.period ? YEAR.exec(hints.period) : (/mid-(\d{4})/i.exec(title) ?? YEAR.exec(src.name));
  const year = m ? (m.length > 2 ? `${m[1]}${m[2]}` : m[1]) : null;
  if (!year)
    problems.push({ message: `expected a period such as mid-2019 (from --period, the title line or the file name), found "${hints.period ?? src.name}"` });
  let table: ReturnType<typeof readMye2> | null = null;
  try {
    table = readMye2({ file: src.file });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push({ message: e.message.replace(/^.*?: /, '') });
  }
  const out: TidyValue[][] = [];
  let sex = 'Persons';
  if (table) {
    const codes = table.array('area_code') as string[];
    const names = table.array('area_name') as (string | null)[];
    const geos = table.columnNames().includes('geography') ? (table.array('geography') as (string | null)[]) : null;
    const ages = table.array('age') as number[];
    const pops = table.array('population') as number[];
    sex = String(table.get('sex', 0));
    const top = Math.max(...ages);
    const byArea = new Map<string, number[]>();
    const seen = new Set<string>();
    const flat: { code: string; key: string; value: number }[] = [];
    for (let i = 0; i < codes.length; i++) {
      if (ages[i] === 0) {
        if (seen.has(codes[i])) problems.push({ column: 'Code', message: `area ${codes[i]} appears twice` });
        seen.add(codes[i]);
        byArea.set(codes[i], []);
        out.push([codes[i], names[i], geos ? geos[i] : null, 0]);
      }
      byArea.get(codes[i])!.push(pops[i]);
      flat.push({ code: codes[i], key: String(ages[i]), value: pops[i] });
    }
    for (const r of out) {
      const v = byArea.get(r[0] as string)!;
      r[3] = v.reduce((a, b) => a + b, 0);
      r.push(...v);
    }
    problems.push(...laToEngland(flat, 'age').slice(0, 5));
    const nLtla = [...seen].filter((c) => LTLA.test(c)).length;
    warnings.push(`${seen.size} areas, of which ${nLtla} English lower-tier local authorities; ages 0 to ${top}+; every area's ages add up to its All ages`);
    if (seen.has(ENGLAND)) warnings.push('the English local authorities add up to England at every age');
    void top;
  }
  const period = year ? `mid-${year}` : '';
  const lad = year ? `LAD ${year}` : 'LAD';
  return {
    kind: 'population-la',
    layout: 'ons-mye2',
    title: `ONS mid-year population estimates (MYE2) by local authority, single year of age, ${sex}, ${period}`,
    period,
    vintage: lad,
    level: `la-${sex.toLowerCase()}`,
    publisher: 'ONS',
    licence: OGL,
    columns: ['Code', 'Name', 'Geography1', 'All ages', ...Array.from({ length: 91 }, (_, a) => (a === 90 ? '90+' : String(a)))],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: `${sex}; stored in the mid-2019 MYE2 layout: read with readMye2({ file, sex: '${sex}' }).`,
  };
}

/** ONS MYE2 by local authority (mid-2014 and mid-2019 layouts, one file per sex). */
export const mye2Csv: Recogniser = {
  layout: 'ons-mye2',
  kind: 'population-la',
  expects: 'an ONS MYE2 CSV (header Code, Name, [Geography1,] All ages, 0 … 90+; title lines above it allowed)',
  match(src) {
    if (src.format !== 'csv') return false;
    const rows = [src.header, ...src.records.slice(0, 6)];
    return rows.some((r) => {
      const l = r.map((c) => c.trim().toLowerCase());
      return l[0] === 'code' && l[1] === 'name' && l.includes('all ages') && l.includes('0');
    });
  },
  parse: (src, hints) => mye2(src, hints),
};

const DEATH_BANDS = ['Under 1', '1-4', ...Array.from({ length: 17 }, (_, i) => `${5 + 5 * i}-${9 + 5 * i}`), '90+'];

function deathsTidy(src: SourceInput, hints: AddHints): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const h = src.header;
  const idx = ['area_code', 'area_name', 'sex', 'age_band', 'deaths'].map((c) => h.indexOf(c));
  const year = /(?:19|20)\d\d/.exec(hints.period ?? src.name)?.[0] ?? null;
  if (!year)
    problems.push({
      message: `expected a registration year such as 2014 (from --period or a file name like deaths2014_….csv), found "${hints.period ?? src.name}"`,
    });
  const out: TidyValue[][] = [];
  const seen = new Map<string, number>();
  const flat: { code: string; key: string; value: number }[] = [];
  const areas = new Map<string, Set<string>>();
  src.records.forEach((rec, i) => {
    const line = i + 2;
    const [code, name, sex, band, d] = idx.map((j) => (rec[j] ?? '').trim());
    if (code && !GSS.test(code)) problems.push({ row: line, column: 'area_code', message: `expected a GSS code such as E08000028, found "${code}"` });
    if (sex !== 'Male' && sex !== 'Female') problems.push({ row: line, column: 'sex', message: `expected Male or Female, found "${sex}"` });
    if (!DEATH_BANDS.includes(band)) problems.push({ row: line, column: 'age_band', message: `expected one of ${DEATH_BANDS.join(', ')}, found "${band}"` });
    const n = countCell(d);
    if (n === null) problems.push({ row: line, column: 'deaths', message: `expected a count, found "${d}"` });
    const key = `${code || name}|${sex}|${band}`;
    const prior = seen.get(key);
    if (prior !== undefined) problems.push({ row: line, column: 'area_code', message: `${code || name} ${sex} ${band} appears twice (also line ${prior})` });
    seen.set(key, line);
    if (code && n !== null) flat.push({ code, key: `${sex} ${band}`, value: n });
    const a = areas.get(code || name) ?? new Set<string>();
    a.add(`${sex}|${band}`);
    areas.set(code || name, a);
    out.push([code || null, name, sex, band, n]);
  });
  for (const [area, set] of areas)
    if (set.size !== DEATH_BANDS.length * 2)
      problems.push({ column: 'age_band', message: `${area} has ${set.size} of the ${DEATH_BANDS.length * 2} sex × age band rows` });
  problems.push(...laToEngland(flat, 'sex × age band').slice(0, 5));
  const nLtla = [...areas.keys()].filter((c) => LTLA.test(c)).length;
  warnings.push(`${areas.size} areas, of which ${nLtla} English lower-tier local authorities; ${DEATH_BANDS.length} age bands × 2 sexes each`);
  if (areas.has(ENGLAND)) warnings.push('the English local authorities add up to England in every sex × age band');
  return {
    kind: 'deaths-la',
    layout: 'ons-deaths-la-sex-age',
    title: `ONS deaths registered by area of usual residence, sex and age band, ${year ?? ''}`.trim(),
    period: year ?? '',
    vintage: year ? `LAD ${year}` : 'LAD',
    level: 'la',
    publisher: 'ONS',
    licence: OGL,
    columns: ['area_code', 'area_name', 'sex', 'age_band', 'deaths'],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: 'Deaths registered in the year (not occurring); read with readDeaths2014(path).',
  };
}

/** Area names of Table 2 that differ from the MYE2 names beyond case, spacing and punctuation. */
const TABLE2_ALIASES: Record<string, string> = {
  cornwallandislesofscilly: 'cornwall',
  rhonddacynontaff: 'rhonddacynontaf',
  somersetcounty: 'somerset',
  valeofglamorgan: 'thevaleofglamorgan',
};
/** Table 2 areas the MYE2 does not name, with their GSS codes. */
const TABLE2_CODES: Record<string, string> = { innerlondon: 'E13000001', outerlondon: 'E13000002' };

const nameKey = (name: string) =>
  name
    .replace(/\u201a/g, ',')
    .replace(/\d+\s*$/, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** GSS code by area name from the bundled MYE2 of the nearest year (mid-2014 or mid-2019). */
function codesByName(year: number): Map<string, string> {
  const t = readMye2({ year: year >= 2019 ? 2019 : 2014, sex: 'Male' });
  const codes = t.array('area_code') as string[];
  const names = t.array('area_name') as string[];
  const m = new Map<string, string>();
  for (let i = 0; i < codes.length; i++) if (!m.has(nameKey(names[i]))) m.set(nameKey(names[i]), codes[i]);
  return m;
}

function deathsTable2(src: SourceInput, hints: AddHints): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const all = [src.header, ...src.records];
  const title = all.slice(0, 4).flat().join(' ');
  const year = Number(/(?:19|20)\d\d/.exec(hints.period ?? '')?.[0] ?? /((?:19|20)\d\d) registrations/i.exec(title)?.[1] ?? NaN);
  if (!Number.isFinite(year))
    problems.push({ message: `expected a registration year in the title ("2014 registrations") or --period, found "${hints.period ?? title.slice(0, 80)}"` });
  const hi = all.findIndex((r) => /^Area of usual residence/i.test((r[0] ?? '').trim()));
  const head = all[hi] ?? [];
  const allAges = head.findIndex((c) => /^All Ages$/i.test(c.trim()));
  if (allAges !== 1 || !/^Under 1$/i.test((head[3] ?? '').trim()) || !/^90 and over$/i.test((head[3 + 2 * 19] ?? '').trim()))
    problems.push({
      row: hi + 1,
      message: 'expected the Table 2 header: Area of usual residence, All Ages, Under 1, 1-4, … 90 and over, each with Males and Females',
    });
  const byName = codesByName(Number.isFinite(year) ? year : 2014);
  const out: TidyValue[][] = [];
  const flat: { code: string; key: string; value: number }[] = [];
  const unmatched: string[] = [];
  const seen = new Map<string, string>();
  if (!problems.length) {
    for (let r = hi + 2; r < all.length; r++) {
      const row = all[r];
      const raw = (row[0] ?? '').trim();
      if (!raw || row.slice(1).every((c) => c.trim() === '')) continue;
      if (/^(Source|Released|\d+\s)/i.test(raw) || raw.startsWith('"')) continue;
      const line = r + 1;
      const name = raw
        .replace(/\u201a/g, ',')
        .replace(/\d+$/, '')
        .replace(/\s+/g, ' ')
        .trim();
      const outside = /^Usual residence outside/i.test(name);
      const key = nameKey(name);
      const code = outside ? null : (TABLE2_CODES[key] ?? byName.get(TABLE2_ALIASES[key] ?? key) ?? null);
      if (!outside && code === null) {
        unmatched.push(`${name} (row ${line})`);
        continue;
      }
      const figures = row.slice(1, 3 + 2 * DEATH_BANDS.length).join('|');
      const prior = seen.get(code ?? name);
      if (prior !== undefined) {
        if (prior === figures) {
          warnings.push(`${name} is published twice with the same figures (row ${line}); kept once`);
          continue;
        }
        problems.push({ row: line, column: 'Area of usual residence', message: `${name} appears twice with different figures` });
      }
      seen.set(code ?? name, figures);
      for (const [s, sex] of [
        [0, 'Male'],
        [1, 'Female'],
      ] as const) {
        const total = countCell(row[1 + s]);
        const bands = DEATH_BANDS.map((_, b) => countCell(row[3 + 2 * b + s]));
        if (total === null || bands.some((v) => v === null)) {
          problems.push({ row: line, column: sex === 'Male' ? 'Males' : 'Females', message: `expected counts for ${name}, found a blank or text cell` });
          continue;
        }
        const sum = (bands as number[]).reduce((a, b) => a + b, 0);
        if (sum !== total)
          problems.push({
            row: line,
            column: `All Ages ${sex === 'Male' ? 'Males' : 'Females'}`,
            message: `the age bands of ${name} add up to ${sum}, not the ${total} published`,
          });
        DEATH_BANDS.forEach((band, b) => {
          out.push([code, name, sex, band, bands[b]]);
          if (code) flat.push({ code, key: `${sex} ${band}`, value: bands[b] as number });
        });
      }
    }
  }
  if (unmatched.length)
    problems.push({
      column: 'Area of usual residence',
      message: `${unmatched.length} area names have no GSS code in the MYE2 of ${year >= 2019 ? 2019 : 2014}: ${unmatched.slice(0, 8).join(', ')}`,
    });
  problems.push(...laToEngland(flat, 'sex × age band').slice(0, 5));
  const codes = [...seen.keys()].filter((c) => GSS.test(c));
  warnings.push(
    `${seen.size} areas (${codes.filter((c) => LTLA.test(c)).length} English lower-tier local authorities), codes matched by name to the MYE2 mid-${year >= 2019 ? 2019 : 2014}; every area's age bands add up to its All Ages`,
  );
  if (seen.has(ENGLAND)) warnings.push('the English local authorities add up to England in every sex × age band');
  return {
    kind: 'deaths-la',
    layout: 'ons-deaths-table2',
    title: `ONS deaths registered by area of usual residence, sex and age band, ${Number.isFinite(year) ? year : ''}`.trim(),
    period: Number.isFinite(year) ? String(year) : '',
    vintage: `LAD ${year >= 2019 ? 2019 : 2014}`,
    level: 'la',
    publisher: 'ONS',
    licence: OGL,
    columns: ['area_code', 'area_name', 'sex', 'age_band', 'deaths'],
    rows: out,
    problems: capProblems(problems),
    warnings,
    notes: 'From Table 2 as published (names only): GSS codes matched by name; read with readDeaths2014(path).',
  };
}

/** ONS "Deaths registered by area of usual residence", Table 2 as published (names, two header rows). */
export const deathsTable2Csv: Recogniser = {
  layout: 'ons-deaths-table2',
  kind: 'deaths-la',
  expects: 'the ONS deaths by area of usual residence Table 2 (a header "Area of usual residence, All Ages, …, Under 1, …", then Males/Females)',
  match: (src) =>
    src.format === 'csv' &&
    [src.header, ...src.records.slice(0, 10)].some((r) => /^Area of usual residence/i.test((r[0] ?? '').trim()) && r.some((c) => /^All Ages$/i.test(c.trim()))),
  parse: (src, hints) => deathsTable2(src, hints),
};

/** ONS deaths by local authority × sex × age band (tidy). */
export const deathsLaCsv: Recogniser = {
  layout: 'ons-deaths-la-sex-age',
  kind: 'deaths-la',
  expects: 'an ONS deaths by area × sex × age band CSV (columns area_code, area_name, sex, age_band, deaths)',
  match: (src) => src.format === 'csv' && ['area_code', 'sex', 'age_band', 'deaths'].every((c) => src.header.includes(c)),
  parse: (src, hints) => deathsTidy(src, hints),
};

function fingertips(src: SourceInput, hints: AddHints): ParsedRelease {
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const out: TidyValue[][] = [];
  let periods: string[] = [];
  let title = 'Fingertips export';
  let indicatorIds: number[] = [];
  try {
    const rec = readCsvRecords(src.file, { allowShortRecords: true });
    const t = readFingertipsExport(src.file);
    if (t.numRows() !== rec.rows.length) problems.push({ message: `read ${t.numRows()} rows of ${rec.rows.length} records` });
    const cols = t.columnNames();
    const get = (c: string): unknown[] => (cols.includes(c) ? Array.from(t.array(c) as ArrayLike<unknown>) : new Array<unknown>(t.numRows()).fill(null));
    const [ind, name, area, sex, age, ctype, cat, period, value, lo, hi, count, den] = [
      'indicator_id',
      'indicator_name',
      'area_code',
      'sex',
      'age',
      'category_type',
      'category',
      'time_period',
      'value',
      'lower_ci_95',
      'upper_ci_95',
      'count',
      'denominator',
    ].map(get);
    const seen = new Map<string, number>();
    for (let i = 0; i < t.numRows(); i++) {
      const line = rec.lines[i] ?? i + 2;
      const key = [ind[i], area[i], sex[i], age[i], ctype[i], cat[i], period[i]].join('|');
      const prior = seen.get(key);
      if (prior !== undefined)
        problems.push({
          row: line,
          column: 'Area Code',
          message: `indicator ${ind[i]} ${area[i]} ${sex[i]} ${age[i]} ${cat[i] ?? ''} ${period[i]} appears twice (also line ${prior})`,
        });
      seen.set(key, line);
      if (!/(19|20)\d\d/.test(String(period[i] ?? '')))
        problems.push({ row: line, column: 'Time period', message: `expected a period such as 2019 or 2017 - 19, found "${period[i] ?? ''}"` });
      const c = count[i] as number | null;
      const d = den[i] as number | null;
      if (c !== null && d !== null && c > d) problems.push({ row: line, column: 'Count', message: `count ${c} is above the denominator ${d}` });
      const v = value[i] as number | null;
      if (v !== null && lo[i] !== null && hi[i] !== null && ((lo[i] as number) > v + 1e-9 || (hi[i] as number) < v - 1e-9))
        problems.push({ row: line, column: 'Value', message: `value ${v} lies outside its 95% CI ${lo[i]} to ${hi[i]}` });
    }
    out.push(...rec.rows.map((r) => r.map((c) => c.trim())));
    periods = [...new Set(period.map(String))];
    indicatorIds = [...new Set(ind as number[])];
    title = `Fingertips export: ${[...new Set(name.map((n) => String(n).trim()))].slice(0, 3).join('; ')}`;
    warnings.push(
      `${t.numRows().toLocaleString('en-GB')} rows, indicator${indicatorIds.length > 1 ? 's' : ''} ${indicatorIds.join(', ')}, ${new Set(area).size} areas, periods ${periods.join(', ')}`,
    );
    const header = rec.header;
    return result(header);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push({ message: e.message.replace(/^.*?: /, '') });
    return result(src.header);
  }

  function result(header: string[]): ParsedRelease {
    const sortKey = (p: string) => Number(/(19|20)\d\d/.exec(p)?.[0] ?? 0);
    const sorted = periods.slice().sort((a, b) => sortKey(a) - sortKey(b));
    const period = hints.period ?? sorted[sorted.length - 1] ?? '';
    return {
      kind: 'fingertips',
      layout: 'fingertips-export',
      title,
      period,
      ...(sorted.length > 1 ? { periods: sorted } : {}),
      vintage: 'as published',
      level: `indicator-${indicatorIds.join('-') || 'unknown'}`,
      publisher: 'OHID (Fingertips)',
      licence: OGL,
      columns: header,
      rows: out,
      problems: capProblems(problems),
      warnings,
      notes: 'The export stored as published (cells trimmed); read with readFingertipsExport(path).',
    };
  }
}

/** OHID Fingertips CSV export. */
export const fingertipsCsv: Recogniser = {
  layout: 'fingertips-export',
  kind: 'fingertips',
  expects: 'a Fingertips CSV export (columns Indicator ID, Indicator Name, Area Code, Area Name, Area Type, Sex, Age, Time period, Value, …)',
  match: (src) => src.format === 'csv' && ['Indicator ID', 'Area Code', 'Time period', 'Value'].every((c) => src.header.includes(c)),
  parse: (src, hints) => fingertips(src, hints),
};
