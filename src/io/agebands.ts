/**
 * Age-band labels as they appear in ONS, Fingertips and analysts' own files, parsed into
 * numeric bounds, plus the standard band sets used across healthgap.
 */
import { InputError } from '../core/errors.js';

/** Inclusive age bounds of a band; `upper` is `null` for an open top band such as `90+`. */
export interface AgeBand {
  lower: number;
  upper: number | null;
}

const UNDER_RE = /^(?:under|<|less than|below)\s*(\d+)$/;
const SINGLE_RE = /^(\d+)$/;
const RANGE_RE = /^(\d+)\s*(?:-|to)\s*(\d+)$/;
const OPEN_RE = /^(\d+)\s*(?:\+|and over|and above|or over|plus|or more|and older|or older)$/;
const OPEN_PREFIX_RE = /^(?:>=|≥)\s*(\d+)$/;

/**
 * Parse an age-band label into inclusive bounds, or return `null` when it is not an age band.
 * Accepts `Under 1`, `<1`, `0`, `1-4`, `1 to 4`, `1–4` (en dash), `85+`, `90 and over`,
 * `90 plus`, `≥90`, with optional `age`/`aged` before and `years`/`yrs` after.
 *
 * @example tryParseAgeBand('1 to 4') // { lower: 1, upper: 4 }
 */
export function tryParseAgeBand(label: string): AgeBand | null {
  let s = String(label ?? '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  s = s
    .replace(/^(?:age[ds]?|ages)\s*:?\s*/, '')
    .replace(/\s*(?:years?|yrs?|y)(?: old)?\.?$/, '')
    .trim();
  let m = UNDER_RE.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 ? { lower: 0, upper: n - 1 } : null;
  }
  m = SINGLE_RE.exec(s);
  if (m) return { lower: Number(m[1]), upper: Number(m[1]) };
  m = RANGE_RE.exec(s);
  if (m) {
    const lower = Number(m[1]);
    const upper = Number(m[2]);
    return lower <= upper ? { lower, upper } : null;
  }
  m = OPEN_RE.exec(s) ?? OPEN_PREFIX_RE.exec(s);
  if (m) return { lower: Number(m[1]), upper: null };
  return null;
}

/**
 * Parse an age-band label into inclusive bounds `{ lower, upper }` (`upper` null for an open
 * band). An unrecognised label is an {@link InputError} (readers add the file, line and column).
 *
 * @example parseAgeBand('Under 1') // { lower: 0, upper: 0 }
 * @example parseAgeBand('90 and over') // { lower: 90, upper: null }
 */
export function parseAgeBand(label: string): AgeBand {
  const band = tryParseAgeBand(label);
  if (!band) throw new InputError(`unknown age band "${label}"; expected a label such as "Under 1", "0", "1-4", "1 to 4", "85+" or "90 and over"`);
  return band;
}

/** The conventional label for a band: `0`, `1-4`, `90+`. */
export function ageBandLabel(band: AgeBand): string {
  if (band.upper === null) return `${band.lower}+`;
  return band.lower === band.upper ? String(band.lower) : `${band.lower}-${band.upper}`;
}

function fives(from: number, to: number): string[] {
  const out: string[] = [];
  for (let a = from; a <= to; a += 5) out.push(`${a}-${a + 4}`);
  return out;
}

/** The 20 abridged life-table bands of the ONS/PHE method, labelled as in ONS deaths tables. */
export const LIFE_TABLE_AGE_BANDS: readonly string[] = ['Under 1', '1-4', ...fives(5, 85), '90+'];

/** The 19 life-table bands ending in an open `85+` band (older data, small areas). */
export const LIFE_TABLE_AGE_BANDS_85: readonly string[] = [...LIFE_TABLE_AGE_BANDS.slice(0, 18), '85+'];

/** The 19 five-year bands of the 2013 European Standard Population (0-4 … 85-89, 90+). */
export const ESP2013_AGE_BANDS_19: readonly string[] = [...fives(0, 85), '90+'];

/** The 21 ESP2013 bands with 0 and 1-4 split and 90-94 / 95+ split. */
export const ESP2013_AGE_BANDS_21: readonly string[] = ['0', '1-4', ...fives(5, 90), '95+'];
