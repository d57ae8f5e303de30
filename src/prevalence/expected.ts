/**
 * Expected prevalence and the case-finding gap: the expected number of people with a condition in
 * an area (from published modelled estimates, or from age-sex reference rates applied to the
 * area's population), the recorded / expected ratio ("diagnosis rate") with its confidence
 * interval, and the estimated number of people not yet diagnosed.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readCsvRecords, typedTable, withNotes, readerNotes } from '../io/csv.js';
import { readMye2, populationByAgeBand } from '../io/population.js';
import { readHse2022Hypertension } from '../io/reference.js';
import { isrRatioWithCI } from '../stats/isr.js';
import { qofRegister } from './registers.js';
import { areaName } from '../geography/api.js';

/**
 * Read an analyst's file of expected (modelled) prevalence, one row per area (and register).
 *
 * CSV format (header names are matched case-insensitively; extra columns are ignored):
 * | column | required | meaning |
 * | --- | --- | --- |
 * | `area_code` | yes | GSS code (or practice/PCN/CCG code) matching the recorded table |
 * | `area_name` | no | name |
 * | `register` | no | QOF register code or name (`HYP`, `hypertension`); needed when the file holds several |
 * | `expected_percent` | one of these two | expected prevalence, % (also accepted: `expected_prevalence`, `expected_value`, `prevalence`, `value`) |
 * | `expected_count` | one of these two | expected number of people |
 * | `population` | no | the population the percentage applies to (also `denominator`); default: the recorded list size |
 * | `age_base` | no | who the estimate covers, e.g. `16+`, `65+`, `all ages` (for the notes on mismatched bases) |
 * | `lower`, `upper` | no | the estimate's own interval, carried through (not used in the ratio's CI) |
 * | `source`, `period` | no | text for notes (e.g. `OHID hypertension prevalence estimates 2017`) |
 *
 * Suppressed or blank cells become null with a note. Output columns are those names (snake_case),
 * with `register` as a QOF code when given.
 *
 * @example readExpectedPrevalence('hypertension_estimates.csv').filter((d) => d.register === 'HYP')
 */
export function readExpectedPrevalence(file: string): ColumnTable {
  const rec = readCsvRecords(file);
  const lower = rec.header.map((h) => h.trim().toLowerCase());
  const has = (re: RegExp) => lower.some((h) => re.test(h));
  const PCT = /^(expected_percent|expected_prevalence|expected_value|prevalence|value)$/i;
  if (!has(/^area_code$/i)) throw new InputError(`missing column "area_code"; the header has: ${rec.header.join(', ')}`, { file: rec.file, row: 1 });
  if (!has(PCT) && !has(/^expected_count$/i))
    throw new InputError(`missing column "expected_percent" (or "expected_count"); the header has: ${rec.header.join(', ')}`, { file: rec.file, row: 1 });
  const t = typedTable(rec, [
    { name: 'area_code', source: /^area_code$/i, type: 'string', allowMissing: false },
    ...(has(/^area_name$/i) ? [{ name: 'area_name', source: /^area_name$/i, type: 'string' as const }] : []),
    ...(has(/^register$/i) ? [{ name: 'register', source: /^register$/i, type: 'string' as const }] : []),
    ...(has(PCT) ? [{ name: 'expected_percent', source: PCT, type: 'number' as const, nonNegative: true }] : []),
    ...(has(/^expected_count$/i) ? [{ name: 'expected_count', source: /^expected_count$/i, type: 'number' as const, nonNegative: true }] : []),
    ...(has(/^(population|denominator)$/i) ? [{ name: 'population', source: /^(population|denominator)$/i, type: 'number' as const, nonNegative: true }] : []),
    ...(has(/^age_base$/i) ? [{ name: 'age_base', source: /^age_base$/i, type: 'string' as const }] : []),
    ...(has(/^lower$/i) ? [{ name: 'lower', source: /^lower$/i, type: 'number' as const }] : []),
    ...(has(/^upper$/i) ? [{ name: 'upper', source: /^upper$/i, type: 'number' as const }] : []),
    ...(has(/^source$/i) ? [{ name: 'source', source: /^source$/i, type: 'string' as const }] : []),
    ...(has(/^period$/i) ? [{ name: 'period', source: /^period$/i, type: 'string' as const }] : []),
  ]);
  const names = t.columnNames();
  const pct = names.includes('expected_percent') ? (t.array('expected_percent') as (number | null)[]) : null;
  if (pct) {
    const bad = pct.findIndex((v) => v !== null && v > 100);
    if (bad >= 0)
      throw new InputError(`expected a percentage from 0 to 100, found ${pct[bad]}`, {
        file: rec.file,
        row: rec.lines[bad],
        column: rec.header[lower.findIndex((h) => PCT.test(h))],
      });
  }
  let out = t;
  if (names.includes('register')) {
    const regs = (t.array('register') as (string | null)[]).map((r, i) => {
      if (r === null) return null;
      try {
        return qofRegister(r).code;
      } catch (e) {
        throw new InputError((e as Error).message, { file: rec.file, row: rec.lines[i], column: 'register' });
      }
    });
    out = t.assign({ register: regs });
  }
  const keys = new Set<string>();
  const ac = out.array('area_code') as string[];
  const rg = names.includes('register') ? (out.array('register') as (string | null)[]) : null;
  ac.forEach((a, i) => {
    const k = `${a}\u0001${rg?.[i] ?? ''}`;
    if (keys.has(k))
      throw new InputError(`area ${a}${rg?.[i] ? ` (${rg[i]})` : ''} appears more than once; give one expected value per area and register`, {
        file: rec.file,
        row: rec.lines[i],
        column: 'area_code',
      });
    keys.add(k);
  });
  return withNotes(out, readerNotes(t));
}

/** Options for {@link expectedFromRates}. */
export interface ExpectedFromRatesOptions {
  /** Population column (default `population`). */
  population?: string;
  /** Rate column in the rates table (default `percent`, else `rate`). */
  rate?: string;
  /** The rates are per this many (default 100: percentages). */
  rateUnit?: number;
  /** Columns to match rates on (default `['sex', 'age_band']`). */
  by?: readonly string[];
  /** Area column (default `area_code`). */
  area?: string;
  /** Label of the reference rates for notes (e.g. `HSE 2022`). */
  source?: string;
}

/**
 * Expected cases by indirect standardisation: reference prevalence rates by age band and sex
 * applied to each area's population in the same bands. E_area = Σ_bands rate_b / unit × pop_area,b.
 *
 * Output, one row per area: `area_code` (and `area_name` when present), `population` (Σ of the
 * bands), `expected_count`, `expected_percent` (= E / population × 100), `age_base` (the age
 * span of the bands, e.g. `16+`). Every (sex, band) of the population must have a rate: a missing
 * or suppressed rate is an InputError naming it (it is never treated as 0).
 *
 * Reference: indirect standardisation as in PHE technical guidance "Calculating expected numbers"
 * (the expected count of an ISR, PHEim `calculate_ISRatio`).
 *
 * @example expectedFromRates(pop16plus, hseRates) // Sandwell HYP expected from HSE 2022 × mid-2019 population
 */
export function expectedFromRates(population: ColumnTable, rates: ColumnTable, options: ExpectedFromRatesOptions = {}): ColumnTable {
  const by = options.by ?? ['sex', 'age_band'];
  const popCol = options.population ?? 'population';
  const area = options.area ?? 'area_code';
  const rateCol = options.rate ?? (rates.columnNames().includes('percent') ? 'percent' : 'rate');
  const unit = options.rateUnit ?? 100;
  const src = options.source ?? 'reference rates';
  for (const c of [...by, popCol, area])
    if (!population.columnNames().includes(c)) throw new HealthgapError(`expectedFromRates: the population table has no column "${c}"`);
  for (const c of [...by, rateCol]) if (!rates.columnNames().includes(c)) throw new HealthgapError(`expectedFromRates: the rates table has no column "${c}"`);
  const rateOf = new Map<string, number | null>();
  const rb = by.map((c) => rates.array(c) as unknown[]);
  const rv = rates.array(rateCol) as (number | null)[];
  for (let i = 0; i < rv.length; i++) {
    const k = rb.map((a) => String(a[i])).join(' / ');
    if (rateOf.has(k)) throw new InputError(`the ${src} have two rates for ${k}`, { file: src, column: rateCol });
    rateOf.set(k, rv[i]);
  }
  const pb = by.map((c) => population.array(c) as unknown[]);
  const pa = population.array(area) as string[];
  const pn = population.columnNames().includes('area_name') ? (population.array('area_name') as (string | null)[]) : null;
  const pp = population.array(popCol) as (number | null)[];
  const pl = population.columnNames().includes('age_lower') ? (population.array('age_lower') as (number | null)[]) : null;
  const pu = population.columnNames().includes('age_upper') ? (population.array('age_upper') as (number | null)[]) : null;
  const acc = new Map<string, { name: string | null; pop: number; e: number; lo: number; hi: number | null; open: boolean }>();
  for (let i = 0; i < pa.length; i++) {
    const k = pb.map((a) => String(a[i])).join(' / ');
    if (!rateOf.has(k))
      throw new InputError(`no rate for ${k} in the ${src} (area ${pa[i]}); every band of the population needs a rate`, { file: src, column: rateCol });
    const r = rateOf.get(k);
    if (r === null || r === undefined || Number.isNaN(r))
      throw new InputError(`the rate for ${k} is missing (suppressed) in the ${src}; supply a value for that band or leave the band out of the population`, {
        file: src,
        column: rateCol,
      });
    const p = pp[i];
    if (p === null || Number.isNaN(p)) throw new InputError(`missing population for ${k} in area ${pa[i]}`, { column: popCol });
    let a = acc.get(pa[i]);
    if (!a) acc.set(pa[i], (a = { name: pn?.[i] ?? null, pop: 0, e: 0, lo: Infinity, hi: -Infinity, open: false }));
    a.pop += p;
    a.e += (r / unit) * p;
    if (pl && pl[i] !== null) a.lo = Math.min(a.lo, pl[i] as number);
    if (pu) {
      if (pu[i] === null) a.open = true;
      else a.hi = Math.max(a.hi ?? -Infinity, pu[i] as number);
    }
  }
  const rows = [...acc.entries()].map(([code, a]) => ({
    area_code: code,
    ...(pn ? { area_name: a.name } : {}),
    population: a.pop,
    expected_count: a.e,
    expected_percent: a.pop > 0 ? (a.e / a.pop) * 100 : null,
    age_base: pl && Number.isFinite(a.lo) ? (a.open ? `${a.lo}+` : `${a.lo}-${a.hi}`) : null,
  }));
  return aq.from(rows);
}

/** The age bands of HSE 2022 hypertension tables. */
export const HSE2022_AGE_BANDS: readonly string[] = ['16-34', '35-44', '45-54', '55-64', '65-74', '75+'];

/**
 * Expected adults (16+) with hypertension in areas: HSE 2022 "All with hypertension" prevalence by
 * sex and age band (survey-measured, so it includes people not yet diagnosed) applied to the ONS
 * mid-2019 population of each area (MYE2, LAD/UTLA 2019, region, England codes), men and women
 * separately. Columns as {@link expectedFromRates} plus `source`.
 *
 * Limits: survey rates (HSE 2022, whole numbers of %) for England as a whole applied locally
 * assume each area has England's age-sex-specific prevalence; deprivation and ethnicity are not
 * taken into account (so more deprived areas are likely to be underestimated). The QOF register is
 * all ages while the survey covers 16+; hypertension under 16 is rare, so the ratio is almost
 * unaffected, but the bases differ and every output says so.
 *
 * @example expectedHypertensionHse2022(['E08000028']).get('expected_count', 0)
 */
export function expectedHypertensionHse2022(areaCodes: readonly string[]): ColumnTable {
  if (!areaCodes.length) throw new HealthgapError('expectedHypertensionHse2022: give at least one area code');
  const hse = readHse2022Hypertension().filter((d: { status: string; sex: string }) => d.status === 'All with hypertension' && d.sex !== 'Persons');
  const want = new Set(areaCodes.map((c) => c.trim().toUpperCase()));
  const parts: ColumnTable[] = [];
  for (const sex of ['Male', 'Female'] as const) {
    const m = readMye2({ sex });
    const rows = m.filter(aq.escape((d: { area_code: string }) => want.has(d.area_code)));
    parts.push(populationByAgeBand(rows.select('area_code', 'area_name', 'sex', 'age', 'population'), HSE2022_AGE_BANDS));
  }
  // MYE2 writes country and region names in capitals ("ENGLAND"): use the geography's names.
  const displayName = (code: string, fallback: string): string => {
    try {
      return areaName(code);
    } catch {
      return fallback;
    }
  };
  const pop = parts[0]
    .concat(parts[1])
    .derive({ area_name: aq.escape((d: { area_code: string; area_name: string }) => displayName(d.area_code, d.area_name)) });
  const found = new Set(pop.array('area_code') as string[]);
  const missing = [...want].filter((c) => !found.has(c));
  if (missing.length)
    throw new InputError(`no mid-2019 population for ${missing.join(', ')}: use LAD 2019, UTLA 2019, region or England codes (e.g. E08000028 Sandwell)`, {
      file: 'ONS MYE2 mid-2019',
    });
  const out = expectedFromRates(pop, hse, { source: 'HSE 2022 hypertension rates' });
  return withNotes(out.assign({ source: new Array(out.numRows()).fill('HSE 2022 (all with hypertension, by sex and age) × ONS mid-2019 population') }), [
    'Expected hypertension: Health Survey for England 2022 prevalence of hypertension (diagnosed or not) by sex and age band, 16+, applied to ONS mid-2019 populations; England-wide rates, not adjusted for deprivation or ethnicity.',
    'Recorded registers count registered patients (GP lists usually exceed the ONS resident population: list inflation) while the expected count uses the resident population, so the diagnosis rate may be overstated where lists are inflated.',
  ]);
}

/** One recorded / expected ratio (see {@link diagnosisRate}). */
export interface DiagnosisRate {
  observed: number;
  expected: number;
  /** observed / expected × 100 (%). */
  value: number;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  /** expected − observed: estimated people not yet diagnosed (negative: more recorded than expected). */
  undiagnosed: number;
  method: 'Exact' | 'Byars';
}

/**
 * The "diagnosis rate": recorded (observed) cases ÷ expected cases × 100, with confidence limits
 * from the Poisson distribution of the observed count (exact below 10, Byar's approximation from
 * 10, divided by the expected count; the expected count is treated as fixed, as for an ISR), and
 * the estimated number undiagnosed = expected − observed.
 *
 * Byar's limits: lower = O(1 − 1/(9O) − z/(3√O))³ / E, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³ / E.
 * Reference: Breslow & Day (1987) vol. II; PHEindicatormethods `calculate_ISRatio`; NHS England
 * dementia diagnosis rate (recorded ÷ estimated × 100).
 *
 * @example diagnosisRate(900, 1000) // value 90, lower95 84.22…, upper95 96.06…, undiagnosed 100
 */
export function diagnosisRate(observed: number, expected: number): DiagnosisRate {
  if (!(observed >= 0) || !Number.isFinite(observed)) throw new HealthgapError(`diagnosisRate: the recorded count must be 0 or more, found ${observed}`);
  if (!(expected > 0) || !Number.isFinite(expected)) throw new HealthgapError(`diagnosisRate: the expected count must be greater than 0, found ${expected}`);
  const a = isrRatioWithCI(observed, expected, 0.95, 100);
  const b = isrRatioWithCI(observed, expected, 0.998, 100);
  return {
    observed,
    expected,
    value: a.value,
    lower95: a.lower,
    upper95: a.upper,
    lower998: b.lower,
    upper998: b.upper,
    undiagnosed: expected - observed,
    method: a.method,
  };
}

/** Options for {@link compareRecordedToExpected}. */
export interface RecordedExpectedOptions {
  /** Only expected rows for this register (when the expected table has a `register` column). */
  register?: string;
  /** Label of the expected source for notes. */
  source?: string;
}

/**
 * Recorded against expected prevalence for every area in the expected table: the expected count
 * (given, or expected % × population, or expected % × the recorded list size when no population is
 * given), the diagnosis rate with 95% and 99.8% limits ({@link diagnosisRate}), and the estimated
 * number undiagnosed.
 *
 * `recorded`: a roll-up (`area_code`, `count`, `denominator`, optional `value`, `age_base`).
 * `expected`: {@link readExpectedPrevalence}, {@link expectedFromRates} or
 * {@link expectedHypertensionHse2022} output.
 *
 * Output columns: `area_code`, `area_name`, `observed`, `recorded_percent`, `recorded_age_base`,
 * `expected_count`, `expected_percent`, `expected_age_base`, `value` (diagnosis rate %),
 * `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`, `undiagnosed`, `method`, `note`.
 * An expected area with no recorded row keeps its row with null results and a note. Notes (via
 * `readerNotes`) state the age bases when they differ (e.g. QOF all ages vs survey 16+).
 *
 * @example compareRecordedToExpected(prevalenceByLevel('HYP', 'utla').table, expectedHypertensionHse2022(['E08000028']))
 */
export function compareRecordedToExpected(recorded: ColumnTable, expected: ColumnTable, options: RecordedExpectedOptions = {}): ColumnTable {
  for (const c of ['area_code', 'count'])
    if (!recorded.columnNames().includes(c)) throw new HealthgapError(`compareRecordedToExpected: the recorded table has no column "${c}"`);
  const en = expected.columnNames();
  if (!en.includes('area_code')) throw new HealthgapError('compareRecordedToExpected: the expected table has no column "area_code"');
  if (!en.includes('expected_count') && !en.includes('expected_percent'))
    throw new HealthgapError('compareRecordedToExpected: the expected table needs expected_count or expected_percent');
  const reg = options.register ? qofRegister(options.register).code : null;
  const rec = new Map<string, Record<string, unknown>>();
  for (const o of recorded.objects() as Record<string, unknown>[]) rec.set(String(o.area_code), o);
  const rows: Record<string, unknown>[] = [];
  const bases = new Set<string>();
  for (const e of expected.objects() as Record<string, unknown>[]) {
    if (reg && e.register !== undefined && e.register !== null && e.register !== reg) continue;
    const code = String(e.area_code);
    const r = rec.get(code);
    const observed = r && typeof r.count === 'number' ? r.count : null;
    const denominator = r && typeof r.denominator === 'number' ? r.denominator : null;
    const pct = typeof e.expected_percent === 'number' ? e.expected_percent : null;
    const pop = typeof e.population === 'number' ? e.population : null;
    let expCount = typeof e.expected_count === 'number' ? e.expected_count : null;
    let note: string | null = null;
    if (expCount === null && pct !== null) {
      if (pop !== null) expCount = (pct / 100) * pop;
      else if (denominator !== null) {
        expCount = (pct / 100) * denominator;
        note = `expected % applied to the recorded list size (${r?.age_base ?? 'its age base'})`;
      }
    }
    const recordedBase = r ? ((r.age_base as string | null) ?? null) : null;
    const expectedBase = (e.age_base as string | null | undefined) ?? null;
    if (recordedBase && expectedBase && recordedBase !== expectedBase) bases.add(`recorded ${recordedBase} vs expected ${expectedBase}`);
    let d: DiagnosisRate | null = null;
    if (observed === null) note = 'no recorded prevalence for this area';
    else if (expCount === null) note = 'no expected count (expected % or population missing)';
    else if (!(expCount > 0)) note = 'expected count is 0';
    else d = diagnosisRate(observed, expCount);
    rows.push({
      area_code: code,
      area_name: (e.area_name as string | undefined) ?? (r?.area_name as string | undefined) ?? null,
      observed,
      recorded_percent: r && typeof r.value === 'number' ? r.value : null,
      recorded_age_base: recordedBase,
      expected_count: expCount,
      expected_percent: pct ?? (expCount !== null && pop ? (expCount / pop) * 100 : null),
      expected_age_base: expectedBase,
      value: d?.value ?? null,
      lower95_0cl: d?.lower95 ?? null,
      upper95_0cl: d?.upper95 ?? null,
      lower99_8cl: d?.lower998 ?? null,
      upper99_8cl: d?.upper998 ?? null,
      undiagnosed: d?.undiagnosed ?? null,
      method: d?.method ?? null,
      note,
    });
  }
  if (!rows.length) throw new HealthgapError(`compareRecordedToExpected: no expected rows${reg ? ` for register ${reg}` : ''}`);
  const notes = [...readerNotes(expected)];
  if (bases.size)
    notes.push(
      `Mismatched bases: ${[...bases].join('; ')}. The diagnosis rate divides the recorded register by the expected count for a different population, so read it as approximate (for hypertension, QOF counts patients of all ages while the survey covers adults 16+; under-16s on the register are very few).`,
    );
  notes.push(
    `Diagnosis rate = recorded ÷ expected × 100; limits treat the expected count as fixed (exact Poisson limits below 10 recorded, Byar's from 10), so they do not include the uncertainty of the estimate itself.`,
  );
  return withNotes(aq.from(rows), notes);
}
