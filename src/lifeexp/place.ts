/**
 * Life expectancy of a place against a comparator from the bundled 2014 data, in one call: the
 * two estimates, the gap with its CI and judgement, the sentence, and optionally the Arriaga
 * decomposition by age. Used by `healthgap le` and by notebooks.
 */
import { HealthgapError } from '../core/errors.js';
import { getGeography } from '../geography/vintages.js';
import { ENGLAND_CODE, type AreaRef, type GeoLevel } from '../geography/levels.js';
import { LE_BUNDLED_YEARS, leAreaInput, type LeAreaInput } from './bundled.js';
import { leEstimate, type LeEstimate } from './estimate.js';
import { leDifference, leSentence, type LeGap } from './gap.js';
import { leDecomposeGap, type LeDecomposition } from './arriaga.js';

/** One sex's comparison. */
export interface LePlaceComparison {
  sex: 'Male' | 'Female';
  age: number;
  area: { code: string; name: string; level: GeoLevel } & LeEstimate;
  comparator: { code: string; name: string; level: GeoLevel } & LeEstimate;
  gap: LeGap;
  sentence: string;
  /** Arriaga by age (comparator LE − area LE), when asked for and both life tables are valid. */
  decomposition?: LeDecomposition;
  /** Why there is no decomposition, when asked for but impossible. */
  decompositionProblem?: string;
  /** How the figures of an authority created since 2019 were aggregated from its former districts (area first, then comparator); empty otherwise. */
  notes: string[];
}

/** Options of {@link leComparePlace}. */
export interface LeComparePlaceOptions {
  /** Comparator: `England` (default), a region, another area (name or code). */
  vs?: string;
  /** Sexes to report (default both). */
  sexes?: readonly ('Male' | 'Female')[];
  /** Age (band start: 0, 1, 5, …, 90; default 0 = at birth). */
  age?: number;
  decompose?: boolean;
  confidence?: number;
  /** Bundled data year (default the latest bundled, 2014). */
  year?: number;
}

function resolve(query: string): AreaRef {
  const g = getGeography();
  const a = g.resolveArea(query);
  return { code: a.code, name: a.name, level: a.level };
}

/**
 * Compare a place's life expectancy (bundled deaths and mid-year populations, default 2014) with England or another
 * place, by sex: estimates with CIs, the gap d = e_area − e_comparator with CI √(SE₁² + SE₂²),
 * the judgement and the sentence; with `decompose`, the Arriaga contributions by age band.
 *
 * @example leComparePlace('Sandwell', { sexes: ['Male'], year: 2014 })[0].sentence
 * // "Life expectancy at birth for men in Sandwell (2014), 77.2 years, is 2.4 years lower than England (significantly lower)."
 */
export function leComparePlace(place: string, options: LeComparePlaceOptions = {}): LePlaceComparison[] {
  const year = options.year ?? LE_BUNDLED_YEARS[LE_BUNDLED_YEARS.length - 1];
  const area = resolve(place);
  const comparator = resolve(options.vs ?? ENGLAND_CODE);
  if (area.code === comparator.code) throw new HealthgapError(`${area.name} cannot be compared with itself; choose another comparator with --vs`);
  const age = options.age ?? 0;
  const sexes = options.sexes ?? ['Male', 'Female'];
  const confidence = options.confidence ?? 0.95;
  return sexes.map((sex) => {
    const ai: LeAreaInput = leAreaInput(area, sex, { year });
    const ci: LeAreaInput = leAreaInput(comparator, sex, { year });
    const [ae] = leEstimate(ai, { ages: [age], confidence });
    const [ce] = leEstimate(ci, { ages: [age], confidence });
    const gap = leDifference(ae, ce, confidence);
    const compName = comparator.code === ENGLAND_CODE ? 'England' : comparator.level === 'region' ? `the ${ci.area_name} region` : ci.area_name;
    const sentence = leSentence({ areaName: ai.area_name, comparatorName: compName, sex, age, area: ae, comparator: ce, gap, period: String(year) });
    const out: LePlaceComparison = {
      sex,
      age,
      area: { code: area.code, name: ai.area_name, level: area.level, ...ae },
      comparator: { code: comparator.code, name: compName, level: comparator.level, ...ce },
      gap,
      sentence,
      notes: [ai.note, ci.note].filter((n): n is string => n !== null),
    };
    if (options.decompose) {
      try {
        out.decomposition = leDecomposeGap(ai, ci, {
          fromAge: age,
          areaLabel: `${ai.area_name}, ${sex.toLowerCase()}s`,
          comparatorLabel: `${compName}, ${sex.toLowerCase()}s`,
        });
      } catch (e) {
        if (!(e instanceof HealthgapError)) throw e;
        out.decompositionProblem = e.message;
      }
    }
    return out;
  });
}

/** @deprecated Use {@link leComparePlace} (the year is an option, default 2014); kept for one release. */
export function leComparePlace2014(place: string, options: LeComparePlaceOptions = {}): LePlaceComparison[] {
  return leComparePlace(place, { ...options, year: 2014 });
}
