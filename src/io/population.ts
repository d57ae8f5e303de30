/**
 * ONS mid-year population estimates: MYE2 (single year of age by sex, one sheet per sex) read
 * from its wide layout into a long table, MYE3 components of change, and a helper that adds
 * single years up into age bands.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { readText, parseCsv, parseNumberCell, displayPath, typedTable, readCsvRecords, withNotes } from './csv.js';
import { InputError, HealthgapError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { cachedRead, readMaybeCached } from './cache.js';
import { tryParseAgeBand, ageBandLabel, type AgeBand } from './agebands.js';

/** Sex labels used across healthgap. */
export type SexLabel = 'Persons' | 'Male' | 'Female';

/** Options of {@link readMye2}. */
export interface Mye2Options {
  /** Bundled edition: 2019 (mid-2019, April 2019 LA codes, the default) or 2014 (mid-2014). */
  year?: 2019 | 2014;
  /** Which sex; default `Persons`. For 2014 Persons is Males + Females (ONS published no Persons sheet in that export). */
  sex?: SexLabel;
  /**
   * An analyst's own MYE2 sheet export (CSV, plain or .gz). Its rows are labelled with `sex`
   * when given, else from a `MALES`/`FEMALES`/`PERSONS` title line above the header, else from
   * the file name (`…females…`), else `Persons`.
   */
  file?: string;
}

const GSS_RE = /^[A-Z]\d{8}$/;

function bundledMye2(year: 2019 | 2014, sex: 'Persons' | 'Male' | 'Female'): string {
  if (year === 2019) return dataPath(`population/mye2_mid2019_lad19_${sex === 'Persons' ? 'persons' : sex === 'Male' ? 'males' : 'females'}.csv`);
  return dataPath(`deaths/MYE2_mid2014_uk_${sex === 'Male' ? 'males' : 'females'}.csv`);
}

/**
 * Parse one MYE2 sheet export (wide: a row per area, a column per single year of age) into a long
 * table. The header row is found by its first cell `Code`/`CODE` (title lines above it are
 * skipped); age columns are the headers `0`, `1`, … with the last (`90+`, or `90` in older
 * exports) being the open top age. Only rows with a GSS code are kept (blank, note and footnote
 * lines are skipped); each row's ages must sum to its `All ages` value.
 */
function parseMye2File(file: string, sexOption: SexLabel | null): ColumnTable {
  const label = displayPath(file);
  const rec = parseCsv(readText(file), { file: label, relaxColumnCount: true });
  let headerRow = rec.header;
  let first = 0;
  let headerLine = rec.lines.length ? rec.lines[0] - 1 : 1;
  if (headerRow[0]?.trim().toLowerCase() !== 'code') {
    const i = rec.rows.slice(0, 30).findIndex((r) => r[0]?.trim().toLowerCase() === 'code');
    if (i < 0)
      throw new InputError('no header row starting "Code" found in the first 30 lines (expected an ONS MYE2 sheet: Code, Name, All ages, 0, 1, …, 90+)', {
        file: label,
      });
    headerRow = rec.rows[i].map((h) => h.replace(/\s+/g, ' ').trim());
    headerLine = rec.lines[i];
    first = i + 1;
  }
  // sex: as asked, else from a title line above the header (MALES / FEMALES / PERSONS), else the file name
  let titleSex: SexLabel | null = null;
  for (const r of [rec.header, ...rec.rows.slice(0, Math.max(0, first - 1))]) {
    for (const cell of r) {
      const c = cell.trim().toLowerCase();
      if (c === 'males' || c === 'male') titleSex = 'Male';
      else if (c === 'females' || c === 'female') titleSex = 'Female';
      else if (c === 'persons') titleSex = 'Persons';
    }
  }
  const sex: SexLabel = sexOption ?? titleSex ?? sexFromFileName(file) ?? 'Persons';
  const lower = headerRow.map((h) => h.toLowerCase());
  const nameIdx = lower.indexOf('name');
  const geoIdx = lower.findIndex((h) => h.startsWith('geography'));
  const allIdx = lower.indexOf('all ages');
  if (nameIdx < 0 || allIdx < 0)
    throw new InputError(`missing column ${nameIdx < 0 ? '"Name"' : '"All ages"'}; the header has: ${headerRow.filter(Boolean).slice(0, 8).join(', ')}, …`, {
      file: label,
      row: headerLine,
    });
  const ageIdx: number[] = [];
  headerRow.forEach((h, i) => {
    const m = /^(\d+)\+?$/.exec(h);
    if (m) ageIdx[Number(m[1])] = i;
  });
  const topAge = ageIdx.length - 1;
  for (let a = 0; a <= topAge; a++) {
    if (ageIdx[a] === undefined) throw new InputError(`missing single-year age column "${a}" (expected 0, 1, …, ${topAge}+)`, { file: label, row: headerLine });
  }
  if (topAge < 1) throw new InputError('no single-year age columns (0, 1, …, 90+) in the header', { file: label, row: headerLine });
  const codes: string[] = [];
  const names: (string | null)[] = [];
  const geos: (string | null)[] = [];
  const ages: number[] = [];
  const pops: number[] = [];
  let skipped = 0;
  for (let r = first; r < rec.rows.length; r++) {
    const row = rec.rows[r];
    const line = rec.lines[r];
    const code = (row[0] ?? '').trim();
    if (!GSS_RE.test(code)) {
      if (row.some((c) => c.trim() !== '')) skipped++;
      continue;
    }
    const all = parseNumberCell(row[allIdx], 'count', { file: label, row: line, column: headerRow[allIdx] });
    if (all === null)
      throw new InputError('expected the "All ages" count, found a blank or suppressed cell', { file: label, row: line, column: headerRow[allIdx] });
    let sum = 0;
    const name = row[nameIdx]?.trim() || null;
    const geo = geoIdx >= 0 ? row[geoIdx]?.trim() || null : null;
    for (let a = 0; a <= topAge; a++) {
      const v = parseNumberCell(row[ageIdx[a]], 'count', { file: label, row: line, column: headerRow[ageIdx[a]] });
      if (v === null)
        throw new InputError('expected a population count, found a blank or suppressed cell', { file: label, row: line, column: headerRow[ageIdx[a]] });
      sum += v;
      codes.push(code);
      names.push(name);
      geos.push(geo);
      ages.push(a);
      pops.push(v);
    }
    if (sum !== all)
      throw new InputError(`the single years of age sum to ${sum} but "All ages" is ${all} (area ${code})`, {
        file: label,
        row: line,
        column: headerRow[allIdx],
      });
  }
  if (codes.length === 0) throw new InputError('no rows with a GSS area code (such as E08000028) below the header', { file: label });
  const cols: Record<string, unknown[]> = { area_code: codes, area_name: names };
  if (geoIdx >= 0) cols.geography = geos;
  cols.sex = new Array(codes.length).fill(sex);
  cols.age = ages;
  cols.population = pops;
  const notes = skipped ? [`${label}: ${skipped} non-blank line${skipped === 1 ? '' : 's'} without a GSS code (notes or footnotes) skipped`] : [];
  return withNotes(aq.table(cols), notes);
}

function sexFromFileName(file: string): SexLabel | null {
  const f = file.toLowerCase();
  if (/female/.test(f)) return 'Female';
  if (/male/.test(f)) return 'Male';
  if (/persons/.test(f)) return 'Persons';
  return null;
}

/**
 * ONS MYE2 mid-year population by single year of age, in long form: `area_code`, `area_name`,
 * `geography` (ONS area type, when the file has a `Geography` column, as the 2019 files do),
 * `sex` (`Persons`/`Male`/`Female`), `age` (integer 0..90, where 90 means 90 and over),
 * `population`.
 *
 * Sources (ONS, OGL v3): mid-2019 with April 2019 LA codes (LAD19, the codes of IMD 2019), UK
 * countries, regions, counties and LAs (430 areas); mid-2014 UK (440 areas, 2014 codes), the
 * denominators of the 2014 deaths. Quirks handled: title lines above the header (2014), quoted
 * thousands (`"31,793,752"`), trailing empty columns, blank and footnote lines, CRLF, `90` vs
 * `90+` for the open age. Each area's ages must sum to its `All ages` value (else an
 * InputError naming the line). Persons for 2014 are Males + Females.
 *
 * @example readMye2({ sex: 'Female' }).filter((d) => d.area_code === 'E08000028') // Sandwell, 91 rows
 */
export function readMye2(options: Mye2Options = {}): ColumnTable {
  const year = options.year ?? 2019;
  if (year !== 2019 && year !== 2014) throw new HealthgapError(`no bundled MYE2 for ${year}: use 2019 or 2014, or pass file`);
  if (options.sex !== undefined && !['Persons', 'Male', 'Female'].includes(options.sex))
    throw new HealthgapError(`unknown sex "${options.sex}": use Persons, Male or Female`);
  if (options.file) return parseMye2File(options.file, options.sex ?? null);
  const sex = options.sex ?? 'Persons';
  if (year === 2014 && sex === 'Persons') {
    return cachedRead('mye2-2014-persons', () => {
      const m = readMye2({ year: 2014, sex: 'Male' });
      const f = readMye2({ year: 2014, sex: 'Female' });
      return sumSexes(m, f);
    });
  }
  const file = bundledMye2(year, sex);
  return cachedRead(`mye2:${file}:${sex}`, () => parseMye2File(file, sex));
}

/** Persons = Male + Female row by row (same areas, same ages, same order required). */
function sumSexes(m: ColumnTable, f: ColumnTable): ColumnTable {
  const mc = m.array('area_code') as string[];
  const fc = f.array('area_code') as string[];
  const ma = m.array('age') as number[];
  const fa = f.array('age') as number[];
  if (mc.length !== fc.length || mc.some((c, i) => c !== fc[i] || ma[i] !== fa[i])) {
    throw new HealthgapError('the male and female MYE2 files do not list the same areas and ages in the same order');
  }
  const mp = m.array('population') as number[];
  const fp = f.array('population') as number[];
  return m.assign({ sex: new Array(mc.length).fill('Persons'), population: mp.map((v, i) => v + fp[i]) });
}

/** Options of {@link populationByAgeBand}. */
export interface AgeBandOptions {
  /** Single-year age column (default `age`). */
  ageColumn?: string;
  /** Value column to sum (default `population`). */
  valueColumn?: string;
  /** Output band label column (default `age_band`). */
  bandColumn?: string;
  /** The open top age of the data (default: the largest age in the table, 90 in MYE2 = 90+). */
  topAge?: number;
}

/**
 * Add single years of age up into bands. `bands` are labels (`'Under 1'`, `'1-4'`, `'90+'`,
 * `'0-15'`, parsed with `parseAgeBand`) or `{ lower, upper }` objects; use
 * `LIFE_TABLE_AGE_BANDS` (20 bands), `ESP2013_AGE_BANDS_19` or your own, such as
 * `['0-15', '16-64', '65+']`. Bands must not overlap; ages outside every band are left out (so
 * `['0-15']` gives the 0-15 population). A band reaching into the open top age (90 = 90+) must
 * itself be open (`85+`, `90+`): `90-94` cannot be made from 90+ and is an error.
 *
 * Groups are every other column (area, sex, geography, …). Output: those columns, `age_band`
 * (the label as given, or `0`, `1-4`, `90+` for objects), `age_lower`, `age_upper` (null when
 * open) and the summed value. A band with no ages present in a group, or any missing value, sums
 * to null, never 0.
 *
 * @example populationByAgeBand(readMye2(), ['0-15', '16-64', '65+'])
 */
export function populationByAgeBand(table: ColumnTable, bands: readonly (string | AgeBand)[], options: AgeBandOptions = {}): ColumnTable {
  const ageCol = options.ageColumn ?? 'age';
  const valCol = options.valueColumn ?? 'population';
  const bandCol = options.bandColumn ?? 'age_band';
  const names = table.columnNames();
  for (const c of [ageCol, valCol])
    if (!names.includes(c)) throw new HealthgapError(`populationByAgeBand: the table has no column "${c}" (columns: ${names.join(', ')})`);
  const parsed = bands.map((b) => {
    if (typeof b === 'string') {
      const p = tryParseAgeBand(b);
      if (!p) throw new InputError(`unknown age band "${b}"; expected a label such as "0", "1-4", "85+"`, { file: 'bands passed to populationByAgeBand' });
      return { label: b, ...p };
    }
    return { label: ageBandLabel(b), ...b };
  });
  const ages = table.array(ageCol) as (number | null)[];
  const values = table.array(valCol) as (number | null)[];
  let topAge = options.topAge ?? -1;
  if (options.topAge === undefined) for (const a of ages) if (a !== null && a > topAge) topAge = a;
  const bandOf = new Int32Array(topAge + 1).fill(-1);
  parsed.forEach((b, k) => {
    const hi = b.upper === null ? topAge : Math.min(b.upper, topAge);
    if (b.lower > topAge || (b.upper !== null && b.upper >= topAge)) {
      throw new HealthgapError(
        `age band "${b.label}" reaches the open top age ${topAge}+ of the data: use an open band such as "${Math.min(b.lower, topAge)}+"`,
      );
    }
    for (let a = b.lower; a <= hi; a++) {
      if (bandOf[a] >= 0) throw new HealthgapError(`age bands "${parsed[bandOf[a]].label}" and "${b.label}" overlap at age ${a}`);
      bandOf[a] = k;
    }
  });
  const keys = names.filter((c) => c !== ageCol && c !== valCol);
  const keyArrays = keys.map((k) => table.array(k) as unknown[]);
  const groups = new Map<string, { first: number; sums: (number | null)[]; seen: boolean[] }>();
  const n = table.numRows();
  for (let i = 0; i < n; i++) {
    const a = ages[i];
    if (a === null || a < 0 || a > topAge) continue;
    const k = bandOf[a];
    if (k < 0) continue;
    const key = keyArrays.map((arr) => String(arr[i])).join('\u0001');
    let g = groups.get(key);
    if (!g) {
      g = { first: i, sums: new Array(parsed.length).fill(0), seen: new Array(parsed.length).fill(false) };
      groups.set(key, g);
    }
    const v = values[i];
    g.seen[k] = true;
    if (v === null || g.sums[k] === null) g.sums[k] = null;
    else (g.sums[k] as number) += v;
  }
  const out: Record<string, unknown[]> = {};
  for (const k of keys) out[k] = [];
  out[bandCol] = [];
  out.age_lower = [];
  out.age_upper = [];
  out[valCol] = [];
  for (const g of groups.values()) {
    parsed.forEach((b, k) => {
      keys.forEach((key, j) => out[key].push(keyArrays[j][g.first]));
      out[bandCol].push(b.label);
      out.age_lower.push(b.lower);
      out.age_upper.push(b.upper);
      out[valCol].push(g.seen[k] ? g.sums[k] : null);
    });
  }
  return aq.table(out);
}

/**
 * ONS MYE3 components of population change, mid-2018 to mid-2019, by area (LAD19 codes):
 * `area_code`, `area_name`, `geography`, `population_mid2018`, `births`, `deaths`,
 * `births_minus_deaths`, `internal_inflow`, `internal_outflow`, `internal_net`,
 * `international_inflow`, `international_outflow`, `international_net`, `other`,
 * `population_mid2019`.
 *
 * Quirks: internal in/outflows are `-` for the UK and GB rows (read as null, with a note); nets
 * and `other` can be negative. Deaths are mid-year (July-June), not calendar-year registrations.
 *
 * @example readMye3Components().filter((d) => d.area_code === 'E92000001')
 */
export function readMye3Components(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('population/mye3_mid2019_lad19_components_of_change.csv'), 'mye3', (file) =>
    typedTable(readCsvRecords(file), [
      { name: 'area_code', source: 'Code', type: 'string', allowMissing: false },
      { name: 'area_name', source: 'Name', type: 'string' },
      { name: 'geography', source: /^Geography/i, type: 'string', required: false },
      { name: 'population_mid2018', source: /^Estimated Population mid-2018/i, type: 'count' },
      { name: 'births', source: 'Births', type: 'count' },
      { name: 'deaths', source: 'Deaths', type: 'count' },
      { name: 'births_minus_deaths', source: 'Births minus Deaths', type: 'integer' },
      { name: 'internal_inflow', source: 'Internal Migration Inflow', type: 'count' },
      { name: 'internal_outflow', source: 'Internal Migration Outflow', type: 'count' },
      { name: 'internal_net', source: 'Internal Migration Net', type: 'integer' },
      { name: 'international_inflow', source: 'International Migration Inflow', type: 'count' },
      { name: 'international_outflow', source: 'International Migration Outflow', type: 'count' },
      { name: 'international_net', source: 'International Migration Net', type: 'integer' },
      { name: 'other', source: 'Other', type: 'integer' },
      { name: 'population_mid2019', source: /^Estimated Population mid-2019/i, type: 'count' },
    ]),
  );
}
