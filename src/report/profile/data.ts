/**
 * Shared data for place profiles, read and indexed once per process and reused for every place
 * (geography, ONS mid-2019 populations by age and sex, IMD 2019 with LSOA populations). Profiles
 * for all ~150 upper-tier authorities are built from these indexes without re-reading any file.
 */
import { cachedRead } from '../../io/cache.js';
import { readMye2 } from '../../io/population.js';
import { readImd, readImdPopulation } from '../../io/imd.js';
import { HealthgapError } from '../../io/errors.js';
import { getGeography } from '../../geography/geography.js';
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

interface ImdIndex {
  row: Map<string, number>;
  decile: Int32Array;
  rank: Int32Array;
  total: Float64Array;
  children: Float64Array;
}

/** IMD 2019 decile, rank and IoD2019 mid-2015 populations per LSOA, indexed once. */
export function imdIndex(): ImdIndex {
  return cachedRead('profile:imd-index', () => {
    const imd = readImd();
    const pop = readImdPopulation();
    const codes = imd.array('lsoa11cd') as string[];
    const row = new Map<string, number>();
    codes.forEach((c, i) => row.set(c, i));
    const dec = imd.array('imd_decile') as number[];
    const rk = imd.array('imd_rank') as number[];
    const total = new Float64Array(codes.length);
    const children = new Float64Array(codes.length);
    const pc = pop.array('lsoa11cd') as string[];
    const pt = pop.array('total_population') as (number | null)[];
    const ch = pop.array('children_0_15') as (number | null)[];
    for (let i = 0; i < pc.length; i++) {
      const r = row.get(pc[i]);
      if (r === undefined) continue;
      total[r] = pt[i] ?? 0;
      children[r] = ch[i] ?? 0;
    }
    return { row, decile: Int32Array.from(dec), rank: Int32Array.from(rk), total, children };
  });
}

/** Population of an area's LSOAs by national IMD 2019 decile (1 = most deprived). */
export interface DecilePopulation {
  /** Index 0..9 = deciles 1..10; IoD2019 mid-2015 population (excluding prisoners). */
  total: number[];
  /** Children aged 0-15 (mid-2015). */
  children: number[];
  lsoas: number;
  /** LSOAs by decile (index 0..9). */
  lsoasByDecile: number[];
}

/**
 * Population of the place's LSOAs in each national IMD 2019 decile, from the IoD2019 population
 * denominators (mid-2015, excluding prisoners; File 6). England when `lsoas` is `'england'`.
 */
export function decilePopulation(lsoas: readonly string[] | 'england'): DecilePopulation {
  const ix = imdIndex();
  const total = new Array<number>(10).fill(0);
  const children = new Array<number>(10).fill(0);
  const lsoasByDecile = new Array<number>(10).fill(0);
  const rows = lsoas === 'england' ? Array.from({ length: ix.decile.length }, (_, i) => i) : lsoas.map((l) => {
    const r = ix.row.get(l);
    if (r === undefined) throw new HealthgapError(`LSOA ${l} is not in IMD 2019`);
    return r;
  });
  for (const r of rows) {
    const d = ix.decile[r] - 1;
    total[d] += ix.total[r];
    children[d] += ix.children[r];
    lsoasByDecile[d] += 1;
  }
  return { total, children, lsoas: rows.length, lsoasByDecile };
}

/** LSOA codes in an area (any level). */
export function placeLsoas(code: string, level: string): string[] {
  return getGeography().lsoasIn(code, level as never);
}
