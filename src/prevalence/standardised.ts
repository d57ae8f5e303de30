/**
 * Age-standardised prevalence: a directly standardised rate (DSR) on the 2013 European Standard
 * Population when prevalence (or cases) is known by age band.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { parseAgeBand, tryParseAgeBand } from '../io/agebands.js';
import { ESP2013, dsr } from '../stats/dsr.js';
import type { ConfidenceInput } from '../stats/confidence.js';

/**
 * ESP2013 weights for any set of age bands, from the 19 published five-year bands (0-4 … 85-89,
 * 90+). A band that starts or ends inside a five-year band takes an equal share per single year of
 * age (e.g. 16-34 = 4/5 × 5500 (15-19) + 6000 (20-24) + 6000 (25-29) + 6500 (30-34) = 22,900). An open band
 * (`75+`) runs to 90+. Bands must not overlap; ages outside every band get no weight.
 *
 * Reference: Eurostat (2013) Revision of the European Standard Population, KS-RA-13-028.
 *
 * @example esp2013ForBands(['16-34', '35-44', '45-54', '55-64', '65-74', '75+']) // [22900, 14000, 14000, 12500, 10500, 9000]
 */
export function esp2013ForBands(bands: readonly string[]): number[] {
  const parsed = bands.map((b) => {
    const p = tryParseAgeBand(b);
    if (!p) throw new InputError(`unknown age band "${b}"; expected a label such as "16-34" or "75+"`, { file: 'age bands for ESP2013' });
    return p;
  });
  const used = new Array<number>(91).fill(-1);
  return parsed.map((p, k) => {
    const hi = p.upper === null ? 90 : Math.min(p.upper, 90);
    if (p.upper !== null && p.upper >= 90)
      throw new HealthgapError(`age band "${bands[k]}" reaches 90 or over: ESP2013's top band is 90+, so use an open band such as "85+" or "90+"`);
    let w = 0;
    for (let a = p.lower; a <= hi; a++) {
      if (used[a] >= 0) throw new HealthgapError(`age bands "${bands[used[a]]}" and "${bands[k]}" overlap at age ${a}`);
      used[a] = k;
      w += a >= 90 ? ESP2013[18] : ESP2013[Math.floor(a / 5)] / 5;
    }
    return Math.round(w * 1e9) / 1e9;
  });
}

/** Options for {@link ageStandardisedPrevalence}. */
export interface AgeStandardisedOptions {
  /** Column of cases (people with the condition) per age band (default `count`). */
  count?: string;
  /** Column of populations per age band (default `population`). */
  population?: string;
  /** Column of age-band labels (default `age_band`). */
  ageBand?: string;
  /** Group columns (e.g. `['area_code', 'sex']`); default: every row is one group. */
  groupBy?: readonly string[];
  /** Confidence level(s) (default `[0.95, 0.998]`). */
  confidence?: ConfidenceInput;
}

/**
 * Age-standardised prevalence (%) with Dobson limits: stats `dsr` with multiplier 100 and the
 * ESP2013 weights of the table's own bands ({@link esp2013ForBands}), one row per group.
 *
 * DSR = Σ(x_b / n_b × w_b) / Σw_b × 100; limits DSR + √(V/O)·(Byar(O) − O) × 100 (Dobson 1991;
 * PHEindicatormethods `calculate_dsr`). As PHEim, a group with fewer than 10 cases is suppressed
 * (value null). The standard is the ESP2013 population of the bands given (e.g. adults 16+ when
 * the bands start at 16), so compare only DSRs computed on the same bands.
 *
 * @example ageStandardisedPrevalence(casesByAgeBand, { groupBy: ['area_code'] }) // area_code, total_count, total_pop, value (%), limits
 */
export function ageStandardisedPrevalence(table: ColumnTable, options: AgeStandardisedOptions = {}): ColumnTable {
  const x = options.count ?? 'count';
  const n = options.population ?? 'population';
  const band = options.ageBand ?? 'age_band';
  const names = table.columnNames();
  for (const c of [x, n, band, ...(options.groupBy ?? [])])
    if (!names.includes(c)) throw new HealthgapError(`ageStandardisedPrevalence: the table has no column "${c}"`);
  const labels = table.array(band) as string[];
  const distinct = [...new Set(labels)];
  for (const l of distinct) parseAgeBand(l);
  const weights = esp2013ForBands(distinct);
  const w = new Map(distinct.map((l, i) => [l, weights[i]]));
  const withStd = table.assign({ esp2013_weight: labels.map((l) => w.get(l)!) });
  const grouped = options.groupBy?.length ? withStd.groupby(...options.groupBy) : withStd;
  return dsr(grouped, { x, n, stdpop: 'esp2013_weight', multiplier: 100, confidence: options.confidence ?? [0.95, 0.998] });
}
