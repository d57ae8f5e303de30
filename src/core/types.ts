/**
 * Types shared by every layer (floor 0: imports nothing of ours). Charts, stats and the domain
 * modules all speak of polarity, values with confidence limits and comparison labels; they take the
 * one definition from here.
 */

/**
 * Indicator polarity, as Fingertips defines it: `high-is-good` (RAG high is good, id 1),
 * `low-is-good` (RAG low is good, id 0), `no-judgement` (blue-orange-blue, id 99),
 * `not-applicable` (id −1).
 */
export type Polarity = 'high-is-good' | 'low-is-good' | 'no-judgement' | 'not-applicable';

/** A value with its confidence limits (null where not available). */
export interface ValueCI {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Comparison label, as Fingertips words it (`Export/SignificanceFormatter.cs`): Better/Similar/Worse
 * for RAG polarities, Higher/Similar/Lower for blue-orange-blue (no judgement), Not compared
 * otherwise. Wherever healthgap says `significance` it means one of these labels; the numeric
 * Fingertips code is called `significanceCode`.
 */
export type SignificanceLabel = 'Better' | 'Similar' | 'Worse' | 'Higher' | 'Lower' | 'Not compared';
