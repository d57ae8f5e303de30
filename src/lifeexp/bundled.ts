/**
 * The bundled real data for life expectancy: ONS deaths registered in 2014 by local authority,
 * sex and age band, with the ONS mid-2014 population estimates (MYE2), put on the toolkit's
 * geography (LAD 2019 / UTLA 2019, region, England, ICB July 2022 (official) where it is made of whole LADs).
 *
 * Geography: the 2014 files use 2014 LA codes. Each 2014 district or unitary code is mapped to
 * LAD 2019 with `mapToCurrentCodes` (src/geography/codes.ts, LSOA-based). In 2014 → 2019 every
 * change was a whole-area merge, so deaths and populations are simply added up:
 * - Bournemouth E06000028 + Poole E06000029 + Christchurch E07000048 → Bournemouth, Christchurch
 *   and Poole E06000058;
 * - East Dorset, North Dorset, Purbeck, West Dorset, Weymouth and Portland (E07000049-53) →
 *   Dorset E06000059 (the 2014 Dorset county E10000009 is not used: it split);
 * - Forest Heath + St Edmundsbury → West Suffolk E07000245; Suffolk Coastal + Waveney → East
 *   Suffolk E07000244; Taunton Deane + West Somerset → Somerset West and Taunton E07000246.
 * A split (an old area across two LAD19s) would be an error, never apportioned silently.
 * ONS published the deaths of Cornwall and the Isles of Scilly together (E06000052), so the Isles
 * of Scilly population is added to Cornwall's: Cornwall's figures include Scilly and the Isles of
 * Scilly (E06000053) on its own has no value. Every larger area (UTLA, region, ICB, England) is
 * the sum of its LAD 2019 districts, so regions and England equal the ONS totals.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { readDeaths2014 } from '../io/deaths.js';
import { readMye2 } from '../io/population.js';
import { cachedRead } from '../io/cache.js';
import { mapToCurrentCodes } from '../geography/codes.js';
import type { ResolvedArea } from '../geography/geography.js';
import { getGeography } from '../geography/vintages.js';
import type { AreaRef, GeoLevel } from '../geography/levels.js';
import { leToLifeTableBands } from './bands.js';
import { LIFE_TABLE_AGE_BANDS } from '../io/agebands.js';
import { LE_AGE_CONTENTS_90 } from '../stats/lifeExpectancy.js';

/** Isles of Scilly LAD/UTLA code: its 2014 deaths are inside Cornwall's (E06000052). */
export const ISLES_OF_SCILLY = 'E06000053';
/** Cornwall, whose 2014 deaths and (here) populations include the Isles of Scilly. */
export const CORNWALL = 'E06000052';

/** A LAD 2019 district's 2014 deaths and populations by sex and the 20 life-table bands. */
interface LadData {
  /** sex → deaths[20], population[20]. */
  Male: { deaths: number[]; population: number[] };
  Female: { deaths: number[]; population: number[] };
  /** The 2014 codes added up into it. */
  from: string[];
}

function emptySex() {
  return { deaths: new Array<number>(20).fill(0), population: new Array<number>(20).fill(0) };
}

/** LAD 2019 code → 2014 deaths and populations (built once per process). */
function ladData2014(): Map<string, LadData> {
  return cachedRead('lifeexp:lad19-2014', () => {
    const deaths = readDeaths2014();
    const codes = deaths.array('area_code') as (string | null)[];
    const laCodes = [...new Set(codes.filter((c): c is string => c !== null && /^E0[6789]/.test(c)))];
    const map = mapToCurrentCodes(laCodes, { level: 'lad', target: '2019' });
    const to = new Map<string, string>();
    for (const m of map.mappings) {
      if (m.to.length !== 1)
        throw new HealthgapError(
          `2014 code ${m.code} (${m.name ?? 'unknown'}) does not map to exactly one LAD 2019 (${m.change}); it cannot be used without apportioning`,
        );
      to.set(m.code, m.to[0].code);
    }
    const out = new Map<string, LadData>();
    const get = (lad: string) => {
      let d = out.get(lad);
      if (!d) out.set(lad, (d = { Male: emptySex(), Female: emptySex(), from: [] }));
      return d;
    };
    const bandIndex = new Map(LIFE_TABLE_AGE_BANDS.map((b, i) => [b, i]));
    const sexes = deaths.array('sex') as string[];
    const bands = deaths.array('age_band') as string[];
    const dths = deaths.array('deaths') as number[];
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === null || !to.has(c)) continue;
      const b = bandIndex.get(bands[i]);
      if (b === undefined) throw new HealthgapError(`bundled 2014 deaths: unexpected age band "${bands[i]}"`);
      const d = get(to.get(c)!);
      if (!d.from.includes(c)) d.from.push(c);
      d[sexes[i] as 'Male' | 'Female'].deaths[b] += dths[i];
    }
    for (const sex of ['Male', 'Female'] as const) {
      const pop = leToLifeTableBands(readMye2({ year: 2014, sex }).select('area_code', 'age', 'population'), {
        age: 'age',
        values: ['population'],
        groupBy: ['area_code'],
        source: `MYE2 mid-2014 ${sex.toLowerCase()}s`,
      });
      const pc = pop.array('area_code') as string[];
      const ps = pop.array('age_start') as number[];
      const pv = pop.array('population') as number[];
      const startIdx = new Map([0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90].map((s, i) => [s, i]));
      for (let i = 0; i < pc.length; i++) {
        let c = pc[i];
        if (c === ISLES_OF_SCILLY) c = CORNWALL;
        const lad = to.get(c);
        if (!lad) continue;
        get(lad)[sex].population[startIdx.get(ps[i])!] += pv[i];
      }
    }
    // every LAD must have both deaths and populations
    for (const [lad, d] of out) {
      for (const sex of ['Male', 'Female'] as const) {
        if (d[sex].population.some((p) => p <= 0)) throw new HealthgapError(`bundled 2014 data: LAD ${lad} ${sex} has a band with no population`);
      }
    }
    return out;
  });
}

/** LADs 2019 making up an area (whole districts only), or an error saying why not. */
function ladsOf(area: AreaRef): string[] {
  const g = getGeography();
  // an authority created since 2019 (Cumberland, Somerset, …) is the exact union of its LAD 2019 predecessors
  if (area.level === 'lad' && !g.successorArea(area.code)) return [area.code];
  const lads = g.childrenOf(area, 'lad');
  const covered = lads.reduce((n, l) => n + g.lsoasIn(l).length, 0);
  if (lads.length === 0 || covered !== g.lsoasIn(area).length) {
    throw new HealthgapError(`${area.name} (${area.code}) is not made of whole local authority districts; the 2014 deaths are by local authority`);
  }
  return lads.map((l) => l.code);
}

/** Display name of an area in the 2014 data ("Herefordshire, County of" → "Herefordshire"; Cornwall includes the Isles of Scilly). */
function name2014(area: AreaRef): string {
  const plain = area.name.replace(/,\s*(County|City) of$/i, '');
  return area.code === CORNWALL ? `${plain} (including the Isles of Scilly)` : plain;
}

/**
 * How the bundled deaths and populations of an authority created since 2019 are built, for
 * outputs: null for an area that exists in the data itself.
 *
 * Method: the 2014 files are by 2014/2019 district codes; each authority created in 2020-2023
 * (Buckinghamshire, North and West Northamptonshire, Cumberland, Westmorland and Furness, North
 * Yorkshire, Somerset; Barnsley and Sheffield recoded) is the exact union of whole LAD 2019
 * districts (ONS LAD 2022 → LAD 2023 lookup and the LSOA lookups agree), so its deaths and
 * populations by age band and sex are the sums over those districts; no district is split.
 *
 * @example leAggregationNote({ code: 'E06000063', name: 'Cumberland', level: 'lad' })
 * // 'Cumberland: aggregated from its former districts: Allerdale, Carlisle, Copeland (2014 deaths and mid-2014 populations summed by age and sex; each district lies wholly in Cumberland, none is split)'
 */
export function leAggregationNote(area: AreaRef): string | null {
  const s = getGeography().successorArea(area.code);
  if (!s) return null;
  if (s.predecessors.length === 1)
    return `${s.area.name} (${s.area.code}) is ${s.predecessors[0].name} under its 2019 code ${s.predecessors[0].code}: the 2014 deaths and populations of that code are used`;
  return `${s.area.name}: aggregated from its former districts: ${s.predecessors.map((p) => p.name).join(', ')} (2014 deaths and mid-2014 populations summed by age and sex; each district lies wholly in ${s.area.name}, none is split)`;
}

/** The 2014 deaths and populations of one area and sex: arrays over the 20 life-table bands. */
export interface LeAreaInput {
  area_code: string;
  area_name: string;
  level: GeoLevel;
  sex: 'Male' | 'Female';
  startAges: number[];
  labels: string[];
  deaths: number[];
  population: number[];
  /** LAD 2019 districts added up. */
  lads: string[];
  /** For an authority created since 2019: how its figures were aggregated from its former districts ({@link leAggregationNote}); otherwise null. */
  note: string | null;
}

/** Years of deaths and populations bundled with healthgap for life expectancy (2014: ONS deaths by LAD 2019, mid-2014 populations). */
export const LE_BUNDLED_YEARS: readonly number[] = [2014];

/** Which bundled year to use (default the latest in {@link LE_BUNDLED_YEARS}). */
export interface LeDataOptions {
  year?: number;
}

function bundledYear(options: LeDataOptions): number {
  const year = options.year ?? LE_BUNDLED_YEARS[LE_BUNDLED_YEARS.length - 1];
  if (!LE_BUNDLED_YEARS.includes(year))
    throw new HealthgapError(
      `no bundled life-expectancy data for ${year}: healthgap bundles ${LE_BUNDLED_YEARS.join(', ')} (bring other years with leByGroup on your own deaths and populations)`,
    );
  return year;
}

/**
 * Deaths and mid-year populations (bundled year, default 2014) by life-table band for any area
 * made of whole LAD 2019 districts (LAD, UTLA, region, England, an ICB made of whole districts), one sex.
 *
 * @example leAreaInput(resolveArea('Sandwell'), 'Male', { year: 2014 }).deaths.reduce((a, b) => a + b) // 1,550-ish male deaths
 */
export function leAreaInput(area: AreaRef, sex: 'Male' | 'Female', options: LeDataOptions = {}): LeAreaInput {
  bundledYear(options);
  if (area.code === ISLES_OF_SCILLY)
    throw new HealthgapError(
      'Isles of Scilly: ONS published its 2014 deaths together with Cornwall; use Cornwall (E06000052), which includes the Isles of Scilly',
    );
  const data = ladData2014();
  const lads = ladsOf(area).filter((c) => c !== ISLES_OF_SCILLY);
  const deaths = new Array<number>(20).fill(0);
  const population = new Array<number>(20).fill(0);
  for (const lad of lads) {
    const d = data.get(lad);
    if (!d) throw new HealthgapError(`no 2014 deaths for LAD 2019 ${lad}`);
    for (let b = 0; b < 20; b++) {
      deaths[b] += d[sex].deaths[b];
      population[b] += d[sex].population[b];
    }
  }
  return {
    area_code: area.code,
    area_name: name2014(area),
    level: area.level,
    sex,
    startAges: [...LE_AGE_CONTENTS_90],
    labels: [...LIFE_TABLE_AGE_BANDS],
    deaths,
    population,
    lads,
    note: leAggregationNote(area),
  };
}

/** Levels the bundled 2014 data can be given at. */
export type LeDataLevel = 'lad' | 'utla' | 'region' | 'country' | 'icb';

/** Options of {@link leInputs}: the level (default `lad`) and the bundled year (default 2014). */
export interface LeInputsOptions extends LeDataOptions {
  level?: LeDataLevel;
}

/**
 * Long table of deaths and mid-year populations (bundled year, default 2014) for every area at a level (LAD 2019 317,
 * UTLA 2019 151, region 9, country 1 (England), ICB 2022 — those made of whole districts), both
 * sexes, 20 life-table bands: `area_code`, `area_name`, `sex`, `age_band`, `age_start`, `deaths`,
 * `population`. The Isles of Scilly (inside Cornwall) is left out at LAD and UTLA level.
 *
 * @example leByGroup(leInputs({ level: 'utla', year: 2014 }), { groupBy: ['area_code', 'area_name', 'sex'] })
 */
export function leInputs(options: LeInputsOptions = {}): ColumnTable {
  const year = bundledYear(options);
  const level = options.level ?? 'lad';
  return cachedRead(`lifeexp:inputs${year}:${level}`, () => {
    const g = getGeography();
    const cols: Record<string, unknown[]> = { area_code: [], area_name: [], sex: [], age_band: [], age_start: [], deaths: [], population: [] };
    for (const area of g.areasAt(level)) {
      if (area.code === ISLES_OF_SCILLY) continue;
      let lads: string[];
      try {
        lads = ladsOf(area);
      } catch {
        continue; // an ICB not made of whole districts
      }
      if (lads.length === 0) continue;
      for (const sex of ['Male', 'Female'] as const) {
        const x = leAreaInput(area, sex, { year });
        for (let b = 0; b < 20; b++) {
          cols.area_code.push(x.area_code);
          cols.area_name.push(x.area_name);
          cols.sex.push(sex);
          cols.age_band.push(x.labels[b]);
          cols.age_start.push(x.startAges[b]);
          cols.deaths.push(x.deaths[b]);
          cols.population.push(x.population[b]);
        }
      }
    }
    return aq.table(cols);
  });
}

/** Resolve a place for the 2014 data: a name or code at LAD, UTLA, region, England or ICB level. */
export function leResolveArea(query: string, level?: GeoLevel): ResolvedArea {
  return getGeography().resolveArea(query, level ? { level } : {});
}

// Old names with the data year in them, kept for one release (the year is now an option).
/** @deprecated Use {@link leAreaInput} with `{ year: 2014 }`; kept for one release. */
export function leAreaInput2014(area: AreaRef, sex: 'Male' | 'Female'): LeAreaInput {
  return leAreaInput(area, sex, { year: 2014 });
}
/** @deprecated Use {@link leInputs} with `{ level, year: 2014 }`; kept for one release. */
export function leInputs2014(level: LeDataLevel = 'lad'): ColumnTable {
  return leInputs({ level, year: 2014 });
}
/** @deprecated Renamed {@link LeAreaInput}; kept for one release. */
export type LeAreaInput2014 = LeAreaInput;
/** @deprecated Renamed {@link LeDataLevel}; kept for one release. */
export type Le2014Level = LeDataLevel;
