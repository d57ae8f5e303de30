/**
 * The Core20 summary of a place for a report or the CLI: the share of the population (all ages
 * and children and young people 0-15) living in Core20, compared with the region and England,
 * decile chart data, a summary table and narrative sentences whose numbers all come from the
 * calculation.
 */
import type { ColumnTable } from 'arquero';
import { aq } from '../core/arquero.js';
import { core20Population, regionOf, DEFAULT_IMD, type Core20Place, type Core20Population, type Core20Options } from './core20.js';
import { formatFixed, roundHalfAway } from '../core/rounding.js';

/** One national IMD decile for the deciles chart (compatible with charts `Core20DecileRow`). */
export interface Core20ChartDecile {
  decile: number;
  /** Area population in the decile (all ages; registered patients for a practice). */
  population: number;
  /** Area share in the decile, % (0-100). */
  share: number | null;
  cyp_population: number | null;
  cyp_share: number | null;
  /** England's share of population in this decile, % (same denominator, all ages). */
  englandShare: number | null;
  englandCypShare: number | null;
  core20: boolean;
}

/** Everything {@link core20Summary} returns. */
export interface Core20Summary {
  area: Core20Population;
  region: Core20Population | null;
  england: Core20Population;
  /** Chart data by national decile for the area and England. */
  deciles: Core20ChartDecile[];
  /**
   * Summary table: `measure`, `area`, `region`, `england` (numbers; shares in %), with
   * `area_name`, `region_name` for headers.
   */
  table: ColumnTable;
  /** Sentences with every number filled in from the calculation. */
  narrative: string[];
  /** Denominators, exclusions and caveats. */
  notes: string[];
}

const int = (x: number) => roundHalfAway(x).toLocaleString('en-GB');
const pct = (x: number | null, d = 1) => (x === null ? 'not available' : `${formatFixed(x * 100, d)}%`);
const pc = (x: number | null) => (x === null ? null : x * 100);

/** "3.0 times", "1.4 times", "about the same as", "half" — area share relative to England's. */
function relative(a: number | null, e: number | null): string {
  if (a === null || e === null || e === 0) return '';
  const r = a / e;
  if (r >= 1.1) return `${formatFixed(r, 1)} times the England share of ${pct(e)}`;
  if (r <= 0.9) return `${r < 0.5 ? 'less than half' : `${roundHalfAway(r * 100)}% of`} the England share of ${pct(e)}`;
  return `close to the England share of ${pct(e)}`;
}

/**
 * Core20 summary for any place: a LAD, UTLA, ICB, region or England (name or code, any vintage),
 * a GP practice code, or an LSOA list (see {@link core20Population}), on IMD 2025 (default, Census
 * 2021 populations) or IMD 2019 (`{ imd: 2019 }`, File 6 mid-2015 populations). Compares with the
 * place's region (when it lies wholly in one) and England, on the same IMD; England's Core20
 * share is about 20% of residents by construction (20% of LSOAs).
 *
 * @example core20Summary('Sandwell', { imd: 2019 }).narrative[0]
 * // 'In Sandwell, 192,396 of 319,101 residents (60.3%) live in Core20 areas …'
 */
export function core20Summary(place: Core20Place, options: Core20Options = {}): Core20Summary {
  const area = core20Population(place, options);
  const imd = area.imd;
  const england = core20Population('England', { imd });
  const reg = regionOf(area);
  const region = reg ? core20Population(reg.code, { imd }) : null;
  const isPractice = area.level === 'practice' || area.level === 'practice-list';
  const who = isPractice ? 'registered patients' : 'residents';

  const deciles: Core20ChartDecile[] = area.deciles.map((d, j) => ({
    decile: d.band,
    population: d.population,
    share: pc(d.share),
    cyp_population: d.cyp_population,
    cyp_share: pc(d.cyp_share),
    englandShare: pc(england.deciles[j].share),
    englandCypShare: pc(england.deciles[j].cyp_share),
    core20: d.band <= 2,
  }));

  const measures: [string, (p: Core20Population) => number | null][] = [
    [isPractice ? 'Registered patients with an English LSOA' : 'Population, all ages', (p) => p.population],
    ['Living in Core20, all ages', (p) => p.core20_population],
    ['Share in Core20, all ages (%)', (p) => pc(p.core20_share)],
    ['Children and young people aged 0-15', (p) => p.cyp_population],
    ['Children and young people in Core20', (p) => p.cyp_core20_population],
    ['Share of children and young people in Core20 (%)', (p) => pc(p.cyp_core20_share)],
    [isPractice ? 'LSOAs where patients live' : imd === 2025 ? 'LSOAs 2021' : 'LSOAs 2011', (p) => p.lsoas],
    [isPractice ? 'Core20 LSOAs where patients live' : 'Core20 LSOAs (national deciles 1-2)', (p) => p.core20_lsoas],
  ];
  const table = aq.from(
    measures.map(([m, f]) => ({
      measure: m,
      area: f(area),
      region: region ? f(region) : null,
      england: f(england),
      area_name: area.area_name,
      region_name: region?.area_name ?? null,
    })),
  );

  const narrative: string[] = [];
  const name = area.area_name;
  const rel = area.level === 'country' ? '' : relative(area.core20_share, england.core20_share);
  narrative.push(
    `${isPractice ? `Of the ${int(area.population)} patients registered at ${name} (${area.area_code}) with an English LSOA, ${int(area.core20_population)}` : `In ${name}, ${int(area.core20_population)} of ${int(area.population)} residents`} (${pct(area.core20_share)}) live in Core20 areas, the LSOAs among the 20% most deprived in England on the Index of Multiple Deprivation ${imd} (national deciles 1-2).` +
      (rel ? ` That is ${rel}${region ? ` (${region.area_name}: ${pct(region.core20_share)})` : ''}.` : ''),
  );
  if (area.cyp_population !== null && area.cyp_core20_population !== null) {
    narrative.push(
      `Among children and young people aged 0-15, ${int(area.cyp_core20_population)} of ${int(area.cyp_population)} (${pct(area.cyp_core20_share)}) live in Core20 areas${area.level === 'country' ? '' : ` (England ${pct(england.cyp_core20_share)}${region ? `; ${region.area_name} ${pct(region.cyp_core20_share)}` : ''})`}.`,
    );
  }
  if (!isPractice && area.level !== 'country') {
    const top = [...area.deciles].sort((a, b) => b.population - a.population)[0];
    narrative.push(
      `Of the ${int(area.lsoas)} LSOAs in ${name}, ${int(area.core20_lsoas)} are in national deciles 1-2; the largest share of ${who}, ${pct(top.share)}, live in decile ${top.band}${top.band === 1 ? ' (the most deprived 10% of England)' : top.band === 10 ? ' (the least deprived 10% of England)' : ''}.`,
    );
  }
  const notes = [
    `IMD: ${imd === DEFAULT_IMD ? `IMD ${imd} (the default)` : `IMD ${imd}`}; ${imd === 2025 ? 'IMD 2019 with --imd 2019 / { imd: 2019 }' : 'IMD 2025 is the default'}.`,
    isPractice
      ? area.denominator
      : `Populations: ${area.denominator}.${imd === 2019 ? ' These are the only LSOA 2011 populations by age bundled; shares from later estimates will differ slightly.' : ''}`,
    imd === 2025
      ? 'Core20 = residents of LSOAs 2021 in national IMD 2025 deciles 1-2 (NHS England Core20PLUS5). The published deciles of IoD2025 File 1 are used (decile sizes alternate 3,375/3,376 LSOAs).'
      : 'Core20 = residents of LSOAs 2011 in national IMD 2019 deciles 1-2 (NHS England Core20PLUS5). IMD 2019 uses LSOA 2011 boundaries.',
    ...area.notes,
  ];
  if (region === null && area.level !== 'country' && area.level !== 'region' && !isPractice && area.level !== 'lsoa-list')
    notes.push(`${name} does not lie wholly within one region, so no regional comparison is shown.`);
  narrative.push(
    isPractice
      ? `Patients are counted where they live (NHS Digital registrations by LSOA, January 2021); ${area.notes.filter((n) => /NO2011|Wales/.test(n)).length ? 'patients without an English LSOA are excluded.' : 'all patients have an English LSOA.'}`
      : imd === 2025
        ? 'Populations are Census 2021 usual residents (ONS, 21 March 2021) by LSOA 2021.'
        : 'Populations are the ONS mid-2015 estimates excluding prisoners used to build the IMD 2019 (IoD2019 File 6).',
  );
  return { area, region, england, deciles, table, narrative, notes };
}
