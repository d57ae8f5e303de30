/**
 * Shared data for place profiles, read and indexed once per process and reused for every place
 * (ONS mid-2019 populations by single year of age and sex, IMD 2019 deciles). Profiles
 * for all ~150 upper-tier authorities are built from these indexes without re-reading any file.
 */
import { cachedRead } from '../../io/cache.js';
import { readMye2 } from '../../io/population.js';
import { readImd } from '../../io/imd.js';
import { HealthgapError } from '../../core/errors.js';
import { ENGLAND_CODE, type AreaRef } from '../../geography/levels.js';

/** The 19 five-year age bands of the pyramid (0-4 … 85-89, 90+). */
export const PYRAMID_AGE_BANDS: readonly string[] = [...Array.from({ length: 18 }, (_, i) => `${i * 5}-${i * 5 + 4}`), '90+'];

/** Single-year populations (ages 0..90, 90 = 90+) by area code, for one sex. */
function singleYears(sex: 'Male' | 'Female'): Map<string, Float64Array> {
  return cachedRead(`profile:mye2-2019-single:${sex}`, () => {
    const t = readMye2({ year: 2019, sex });
    const codes = t.array('area_code') as string[];
    const ages = t.array('age') as number[];
    const pop = t.array('population') as number[];
    const out = new Map<string, Float64Array>();
    for (let i = 0; i < codes.length; i++) {
      let a = out.get(codes[i]);
      if (!a) out.set(codes[i], (a = new Float64Array(91)));
      a[ages[i]] += pop[i];
    }
    return out;
  });
}

/** Mid-2019 population of an area by single year of age and sex (the sum of its LAD 2019 districts). */
export interface AgeSexPopulation {
  /** Ages 0..90 (90 = 90 and over). */
  male: Float64Array;
  female: Float64Array;
}

/**
 * Mid-2019 population by single year of age and sex for England (its ONS row) or any set of LAD
 * 2019 districts (summed). Source: ONS MYE2 mid-2019, April 2019 LA codes.
 *
 * @example ageSexPopulation([{ code: 'E08000028', name: 'Sandwell', level: 'lad' }]).male[0] // males aged 0 in Sandwell
 */
export function ageSexPopulation(lads: readonly AreaRef[] | 'england'): AgeSexPopulation {
  const m = singleYears('Male');
  const f = singleYears('Female');
  const codes = lads === 'england' ? [ENGLAND_CODE] : lads.map((l) => l.code);
  const male = new Float64Array(91);
  const female = new Float64Array(91);
  for (const c of codes) {
    const a = m.get(c);
    const b = f.get(c);
    if (!a || !b) throw new HealthgapError(`no ONS mid-2019 population for ${c}`);
    for (let i = 0; i <= 90; i++) {
      male[i] += a[i];
      female[i] += b[i];
    }
  }
  return { male, female };
}

/** Sum single years into the 19 pyramid bands. */
export function toPyramidBands(single: Float64Array): number[] {
  const out = new Array<number>(19).fill(0);
  for (let a = 0; a <= 90; a++) out[Math.min(18, Math.floor(a / 5))] += single[a];
  return out;
}

/** Sum of single years from `lo` to `hi` inclusive (hi defaults to 90+). */
export function sumAges(single: Float64Array, lo: number, hi = 90): number {
  let s = 0;
  for (let a = lo; a <= hi; a++) s += single[a];
  return s;
}

/** National IMD 2019 decile of every LSOA 2011 (1 = most deprived), indexed once per process. */
export function imdDecileOf(): Map<string, number> {
  return cachedRead('profile:imd-decile', () => {
    const imd = readImd();
    const codes = imd.array('lsoa11cd') as string[];
    const dec = imd.array('imd_decile') as number[];
    return new Map(codes.map((c, i) => [c, dec[i]]));
  });
}
