/**
 * Polarity and comparator-method parsing: what users write (Fingertips IDs, Fingertips / PHEim text,
 * PHEim's logical `invert`, healthgap names) → the one {@link Polarity} and the Fingertips
 * comparator method ID. Used by benchmarking, group comparisons, the CLI and the profiles.
 */
import { HealthgapError } from '../core/errors.js';
import type { Polarity } from '../core/types.js';

export type { Polarity };

/**
 * Polarity as users write it: `'high-is-good' | 'low-is-good' | 'no-judgement'`, Fingertips polarity
 * IDs (1 RAG high is good, 0 RAG low is good, 99 blue-orange-blue, −1 not applicable), Fingertips /
 * PHEim text ("RAG - High is good", "RAG - Low is good", "BOB - Blue orange blue", "High is good",
 * "No judgement", "Not applicable"), or PHEim's logical `invert` (TRUE = low is good).
 */
export type PolarityInput = Polarity | 0 | 1 | 99 | -1 | string | boolean;

const POLARITY_TEXT: Record<string, Polarity> = {
  'high-is-good': 'high-is-good',
  'high is good': 'high-is-good',
  'rag - high is good': 'high-is-good',
  'rag high is good': 'high-is-good',
  'rag-high-is-good': 'high-is-good',
  higher: 'high-is-good',
  high: 'high-is-good',
  '1': 'high-is-good',
  'low-is-good': 'low-is-good',
  'low is good': 'low-is-good',
  'rag - low is good': 'low-is-good',
  'rag low is good': 'low-is-good',
  'rag-low-is-good': 'low-is-good',
  lower: 'low-is-good',
  low: 'low-is-good',
  '0': 'low-is-good',
  true: 'low-is-good',
  'no-judgement': 'no-judgement',
  'no judgement': 'no-judgement',
  'no judgment': 'no-judgement',
  'no-judgment': 'no-judgement',
  'bob - blue orange blue': 'no-judgement',
  'blue orange blue': 'no-judgement',
  bob: 'no-judgement',
  '99': 'no-judgement',
  false: 'high-is-good',
  'not-applicable': 'not-applicable',
  'not applicable': 'not-applicable',
  'n/a': 'not-applicable',
  '-1': 'not-applicable',
};

/**
 * Normalise a polarity given as text, a Fingertips polarity ID or PHEim's logical `invert`
 * (TRUE = low is good, FALSE = high is good). Throws a one-line HealthgapError for anything else.
 * @example normalisePolarity(0) // 'low-is-good'; normalisePolarity('RAG - High is good') // 'high-is-good'
 */
export function normalisePolarity(polarity: PolarityInput): Polarity {
  const key = String(polarity).trim().toLowerCase().replace(/\s+/g, ' ');
  const p = POLARITY_TEXT[key];
  if (!p) {
    throw new HealthgapError(`unknown polarity "${String(polarity)}": use high-is-good, low-is-good or no-judgement (or the Fingertips polarity IDs 1, 0, 99)`);
  }
  return p;
}

/** Fingertips comparator method IDs supported here. */
export type ComparatorMethodId = -1 | 1 | 5 | 6 | 12 | 15 | 16 | 17;

/**
 * A comparator method: a Fingertips ID or a name.
 * | ID | name                  | rule |
 * | -- | --------------------- | ---- |
 * | −1 | `none`                | no comparison ("Not compared") |
 * | 1  | `ci-95`               | benchmark inside the area's 95% CI (inclusive) → Similar |
 * | 17 | `ci-95-99.8`          | as 1, then outside 95% but inside 99.8% → Better/Worse; outside 99.8% → Best/Worst |
 * | 12 | `overlapping-cis`     | the area's and the benchmark's 95% CIs overlap → Similar |
 * | 5  | `spc-proportion`      | SPC control limits for a proportion around the benchmark, at the area's denominator |
 * | 6  | `spc-dsr`             | SPC (Poisson) control limits for a rate around E = benchmark × denominator / unit |
 * | 15 | `quintiles`           | fifths of the comparison set (Fingertips PERCENTILE.INC bounds) |
 * | 16 | `quartiles`           | quarters of the comparison set |
 */
export type ComparatorMethodInput =
  | ComparatorMethodId
  | 'none'
  | 'ci-95'
  | 'ci-95-99.8'
  | 'overlapping-cis'
  | 'spc-proportion'
  | 'spc-dsr'
  | 'quintiles'
  | 'quartiles'
  | string
  | number;

const METHOD_NAMES: Record<string, ComparatorMethodId> = {
  none: -1,
  '-1': -1,
  '1': 1,
  'ci-95': 1,
  ci95: 1,
  'single-ci': 1,
  '17': 17,
  'ci-95-99.8': 17,
  'ci-95-998': 17,
  'two-cis': 17,
  '12': 12,
  'overlapping-cis': 12,
  'double-ci': 12,
  '5': 5,
  'spc-proportion': 5,
  'spc-proportions': 5,
  '6': 6,
  'spc-dsr': 6,
  'spc-rate': 6,
  '15': 15,
  quintiles: 15,
  quintile: 15,
  '16': 16,
  quartiles: 16,
  quartile: 16,
};

/** Normalise a comparator method (ID or name) to its Fingertips ID. */
export function normaliseComparatorMethod(method: ComparatorMethodInput): ComparatorMethodId {
  const m = METHOD_NAMES[String(method).trim().toLowerCase()];
  if (m === undefined) {
    throw new HealthgapError(
      `unknown comparator method "${String(method)}": use 1 (ci-95), 17 (ci-95-99.8), 12 (overlapping-cis), 5 (spc-proportion), 6 (spc-dsr), 15 (quintiles), 16 (quartiles) or -1 (none)`,
    );
  }
  return m;
}

/** @deprecated Use {@link normalisePolarity} (one spelling: normalise); kept for one release. */
export const normalizePolarity = normalisePolarity;
/** @deprecated Use {@link normaliseComparatorMethod}; kept for one release. */
export const normalizeComparatorMethod = normaliseComparatorMethod;
