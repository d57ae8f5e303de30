/**
 * Age bands for the burden measures: parsing labels into ages, mid-points, and the weights of a
 * standard population (ESP 2013) for whatever bands the data use.
 */
import { HealthgapError } from '../../core/errors.js';
import { tryParseAgeBand, type AgeBand } from '../../io/agebands.js';

/**
 * The 2013 European Standard Population in its 21 finest published bands (0, 1-4, 5-9 … 90-94,
 * 95+), summing to 100,000. Source: Eurostat (2013), Revision of the European Standard
 * Population, KS-RA-13-028; the same values as `data/reference/esp2013_21bands.csv`.
 */
export const ESP2013_FINE: readonly { lower: number; upper: number | null; weight: number }[] = Object.freeze([
  { lower: 0, upper: 0, weight: 1000 },
  { lower: 1, upper: 4, weight: 4000 },
  ...[5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 800].map((weight, i) => ({
    lower: 5 + 5 * i,
    upper: 9 + 5 * i,
    weight,
  })),
  { lower: 95, upper: null, weight: 200 },
]);

/** Parse an age-band label or return null (wraps `tryParseAgeBand`). */
export function bandOf(label: string): AgeBand | null {
  return tryParseAgeBand(label);
}

/**
 * Mid-point of an age band in years of exact age: (lower + upper + 1) / 2 for a closed band of
 * completed years ("Under 1" → 0.5, "1-4" → 3, "70-74" → 72.5); for an open band, lower +
 * `openWidth` / 2 (default width 5: "90+" → 92.5).
 *
 * @example bandMidpoint({ lower: 70, upper: 74 }) // 72.5
 */
export function bandMidpoint(band: AgeBand, openWidth = 5): number {
  return band.upper === null ? band.lower + openWidth / 2 : (band.lower + band.upper + 1) / 2;
}

/**
 * ESP 2013 weight of a data band: the sum of the fine ESP bands it is made of. Throws a
 * HealthgapError when the band does not start and end on ESP band boundaries (e.g. "0-2"), since
 * the standard population then does not match the bands.
 *
 * @example esp2013Weight({ lower: 0, upper: 4 }) // 5000
 * @example esp2013Weight({ lower: 85, upper: null }) // 2500
 */
export function esp2013Weight(band: AgeBand, label = `${band.lower}${band.upper === null ? '+' : `-${band.upper}`}`): number {
  const start = ESP2013_FINE.findIndex((b) => b.lower === band.lower);
  const endIdx = band.upper === null ? ESP2013_FINE.length - 1 : ESP2013_FINE.findIndex((b) => b.upper === band.upper);
  if (start < 0 || endIdx < start) {
    throw new HealthgapError(
      `the standard population (ESP 2013: 0, 1-4, 5-9 … 90-94, 95+) does not match the age band "${label}": each band must start and end where ESP 2013 bands do`,
    );
  }
  let w = 0;
  for (let i = start; i <= endIdx; i++) w += ESP2013_FINE[i].weight;
  return w;
}

/** Check that bands do not overlap (each age counted once); throws naming the two labels. */
export function checkNoOverlap(bands: readonly { label: string; band: AgeBand }[], where: string): void {
  const sorted = [...bands].sort((a, b) => a.band.lower - b.band.lower);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1].band;
    if (prev.upper === null || prev.upper >= sorted[i].band.lower) {
      throw new HealthgapError(`${where}: age bands "${sorted[i - 1].label}" and "${sorted[i].label}" overlap`);
    }
  }
}
