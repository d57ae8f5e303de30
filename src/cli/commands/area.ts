/**
 * `healthgap area <name|code> [--vintage 2019|2024]`: a place, the vintage it was found in (an old
 * code is mapped forward with the relationship stated: merged into, split between), its parents
 * in the chosen vintage (default current: LAD 2023, UTLA 2023, sub-ICB and ICB 2024, NHS region,
 * region), the areas it straddles, counts of its children, its population (Census 2021 for the
 * current vintage, ONS mid-2019 by sex for 2019) and the LSOAs in it.
 */
import type { Command } from 'commander';
import { getGeography } from '../../geography/vintages.js';
import { Geography, type ResolvedArea } from '../../geography/geography.js';
import { findPlace, mapAreaToVintage, type VintageMapping } from '../../geography/successors.js';
import { areaPopulation, type AreaPopulation } from '../../geography/population.js';
import { areaCensusPopulation, type CensusPopulation } from '../../geography/census.js';
import {
  isGeoLevel,
  GEO_LEVELS,
  GEO_LEVEL_RANK,
  CURRENT_VINTAGE,
  VINTAGE_SHORT_LABELS,
  parseVintage,
  type AreaRef,
  type GeoLevel,
  type GeographyVintage,
} from '../../geography/levels.js';
import { HealthgapError } from '../../core/errors.js';
import { resolvePcn, type Pcn } from '../../geography/pcn.js';

/** Everything `healthgap area` reports about a place (the `--json` output). */
export interface AreaSummary {
  /** The geography vintage of the parents, children and population below. */
  vintage: GeographyVintage;
  /** The area in that vintage (for an old code: its successor, or the largest part when split). */
  area: ResolvedArea;
  /** Set when the query named an area of the other vintage (or an older LA code): the area as found and how it maps. */
  foundAs: { area: ResolvedArea; vintage: GeographyVintage; mapping: VintageMapping } | null;
  /** Areas wholly containing it, by level. */
  parents: Partial<Record<GeoLevel, AreaRef>>;
  /** Levels at which it is not wholly inside one area: the areas it overlaps, with LSOA counts. */
  straddles: Partial<Record<GeoLevel, { area: AreaRef; lsoas: number }[]>>;
  /** Number of LADs (null for areas smaller than a LAD; LADs partly inside count) and LSOAs. */
  children: { lad: number | null; lsoa: number };
  /** Mid-2019 population by sex (2019 vintage). */
  population: AreaPopulation | null;
  /** Census 2021 usual residents (current vintage). */
  census: CensusPopulation | null;
  /** How a successor area of the 2019 vintage is built (e.g. Cumberland from three districts). */
  note: string | null;
  /**
   * 2019 vintage: the CCG (April 2020 set) containing the place, or the CCG itself, mapped onto
   * its successor sub-ICB location(s) of April 2024 by LSOAs; empty otherwise.
   */
  ccgSuccessors: VintageMapping[];
  lsoas: string[];
}

/** Which CCG set `area` and `prevalence --by ccg` show, and what replaced CCGs (printed under the parents). */
export const CCG_VINTAGES_NOTE =
  'CCG 2020 is the April 2020 set of 135 CCGs (ONS LSOA 2011 lookup); `healthgap prevalence --by ccg` uses the April 2021 set of 106 (NHS Digital practice map), which became the 106 sub-ICB locations of July 2022, mostly under the same codes. Sub-ICB locations are the CCGs’ successors.';

/** Levels shown as parents, per vintage, in display order. */
const PARENT_LEVELS: Record<GeographyVintage, GeoLevel[]> = {
  '2024': ['ward', 'lad', 'utla', 'sicbl', 'icb', 'nhser', 'region', 'country'],
  '2019': ['msoa', 'lad', 'utla', 'ccg', 'stp', 'sicbl', 'icb', 'nhser', 'region', 'country'],
};

/** Collect the summary of one place (resolved by code or name, in any vintage). */
export function areaSummary(query: string, options: { level?: GeoLevel; vintage?: GeographyVintage } = {}): AreaSummary {
  const vintage = options.vintage ?? CURRENT_VINTAGE;
  const g = getGeography(vintage);
  const found = findPlace(query, { vintage, level: options.level });
  let area = found.area;
  let foundAs: AreaSummary['foundAs'] = null;
  if (found.mapping) {
    foundAs = { area: found.area, vintage: found.foundIn, mapping: found.mapping };
    const t = found.mapping.to[0];
    area = g.resolveArea(t.code, { level: t.level });
  }
  const parents: AreaSummary['parents'] = {};
  const straddles: AreaSummary['straddles'] = {};
  for (const level of PARENT_LEVELS[vintage]) {
    if (!g.hasLevel(level) || GEO_LEVEL_RANK[level] <= GEO_LEVEL_RANK[area.level]) continue;
    if (area.levels.includes(level)) {
      if (level === 'utla') parents.utla = { code: area.code, name: area.name, level: 'utla' }; // a unitary authority is its own UTLA
      continue;
    }
    const p = g.parentOf(area, level);
    if (p) parents[level] = p;
    else if (level !== 'ward' && level !== 'msoa') straddles[level] = g.overlaps(area, level);
  }
  const lsoas = g.lsoasIn(area);
  const lads = area.successor
    ? area.successor.predecessors.length
    : area.level === 'lad'
      ? 1
      : GEO_LEVEL_RANK[area.level] < GEO_LEVEL_RANK.lad
        ? null
        : g.childrenOf(area, 'lad', { partial: true }).length;
  return {
    vintage,
    area,
    foundAs,
    parents,
    straddles,
    children: { lad: lads, lsoa: lsoas.length },
    population: vintage === '2019' ? areaPopulation(area) : null,
    census: vintage === '2024' ? areaCensusPopulation(area) : null,
    note: area.successor?.note ?? null,
    ccgSuccessors:
      vintage !== '2019'
        ? []
        : area.level === 'ccg'
          ? [mapAreaToVintage({ code: area.code, name: area.name, level: 'ccg' }, '2019')]
          : parents.ccg
            ? [mapAreaToVintage(parents.ccg, '2019')]
            : (straddles.ccg ?? []).map((x) => mapAreaToVintage(x.area, '2019')),
    lsoas,
  };
}

const fmt = (n: number | null): string => (n === null ? 'not available' : n.toLocaleString('en-GB'));

/** Plain-text rendering of {@link areaSummary}. */
export function formatAreaSummary(s: AreaSummary, listLsoas = false): string {
  const a = s.area;
  const v = s.vintage;
  const short = VINTAGE_SHORT_LABELS[v];
  const out: string[] = [];
  if (s.foundAs) {
    const f = s.foundAs;
    if (f.mapping.from.code === f.area.code)
      out.push(`Found in the ${f.vintage} geography: ${f.area.name} (${f.area.code}), ${Geography.describeLevels(f.area.levels, f.vintage)}.`);
    else out.push(`${f.mapping.from.code} is a former local authority code, in neither vintage.`);
    out.push(`  ${f.mapping.sentence}.`);
    if (f.mapping.to.length > 1) out.push(`  Shown below: ${a.name}, its largest part in the ${v} geography.`);
    out.push('');
  }
  out.push(`${a.name} (${a.code})`);
  out.push(`  Level:      ${Geography.describeLevels(a.levels, v)}`);
  out.push(
    `  Geography:  ${v === CURRENT_VINTAGE ? `current (${v} vintage)` : `${v} vintage`}; other vintage with --vintage ${v === '2019' ? '2024' : '2019'}`,
  );
  if (a.matchedBy === 'partial-name') out.push(`  Matched:    by part of the name`);
  if (a.alternatives.length)
    out.push(
      `  Also named: ${a.alternatives
        .slice(0, 4)
        .map((x) => `${x.name} (${x.code}, ${x.level})`)
        .join('; ')}`,
    );
  if (s.note) out.push(`  Built as:   ${s.note}`);
  out.push('Parents');
  const width = 14;
  let any = false;
  for (const level of PARENT_LEVELS[v]) {
    const label = `${short[level] ?? level}:`.padEnd(width);
    const p = s.parents[level];
    if (p) {
      out.push(`  ${label}${p.name} (${p.code})`);
      any = true;
    }
    const st = s.straddles[level];
    if (st && st.length > 1) {
      out.push(`  ${label}split between ${st.map((x) => `${x.area.name} (${x.area.code}, ${x.lsoas} LSOAs)`).join('; ')}`);
      any = true;
    }
  }
  if (!any) out.push('  (none: this is the top level)');
  if (v === '2019' && (s.parents.ccg || s.straddles.ccg || a.level === 'ccg')) {
    out.push('CCGs and their successors');
    out.push(`  ${CCG_VINTAGES_NOTE}`);
    for (const m of s.ccgSuccessors)
      out.push(
        m.relationship === 'unchanged' || m.relationship === 'recoded'
          ? `  Successor of ${m.from.name} (${m.from.code}, CCG 2020): ${m.to[0].name} (${m.to[0].code}, Sub-ICB 2024), the same area.`
          : `  ${m.sentence}.`,
      );
  } else if (v === '2024' && (s.parents.sicbl || s.straddles.sicbl))
    out.push('  (Sub-ICB locations replaced CCGs in July 2022; --vintage 2019 shows the CCG of April 2020 and its successor.)');
  out.push('Children');
  if (s.children.lad !== null) out.push(`  ${`${short.lad}s:`.padEnd(width)}${s.children.lad}`);
  out.push(`  ${`${short.lsoa}s:`.padEnd(width)}${s.children.lsoa.toLocaleString('en-GB')}`);
  if (s.census) {
    const c = s.census;
    out.push('Population, Census 2021');
    out.push(`  All ages:   ${fmt(c.all_ages)}`);
    out.push(`  Aged 0-15:  ${fmt(c.ages.age_0_15)}`);
    out.push(`  Aged 65+:   ${fmt(c.ages.age_65_plus)}`);
    out.push(`  Source:     ${c.source}`);
  }
  if (s.population) {
    const pop = s.population;
    out.push('Population, mid-2019');
    if (pop.persons === null) out.push(`  not available: ${pop.note}`);
    else {
      out.push(`  Persons:    ${fmt(pop.persons)}`);
      out.push(`  Male:       ${fmt(pop.male)}`);
      out.push(`  Female:     ${fmt(pop.female)}`);
      out.push(`  Source:     ${pop.note}`);
    }
  }
  if (listLsoas) {
    out.push(`${short.lsoa}s (${s.lsoas.length})`);
    const g = getGeography(v);
    for (const c of s.lsoas) out.push(`  ${c}  ${g.areaName(c, 'lsoa')}`);
  } else out.push(`${short.lsoa}s: ${s.lsoas.length.toLocaleString('en-GB')} (list them with --lsoas)`);
  return out.join('\n') + '\n';
}

/** Plain-text rendering of a PCN (ePCN January 2023). */
export function formatPcn(p: Pcn): string {
  const out = [
    `${p.name} (${p.code})`,
    '  Level:      primary care network (NHS ODS ePCN, January 2023): a group of GP practices, not of LSOAs',
    'Parents',
    `  Sub-ICB:    ${p.sicbl ? `${p.sicbl.name} (${p.sicbl.code})` : `ODS ${p.sicblOdsCode} (not in the April 2024 lookup)`}`,
    ...(p.icb ? [`  ICB 2024:   ${p.icb.name} (${p.icb.code})`] : []),
    `Practices (${p.practices.length})`,
    ...p.practices.map((x) => `  ${x.code}  ${x.name}`),
  ];
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('area')
    .description(
      'show a place in the current geography (LAD 2023, UTLA 2023, ICB 2024, region; --vintage 2019 for LAD/UTLA 2019, CCG 2020, ICB 2022): level, parents, children, population and LSOAs; old codes are mapped forward',
    )
    .argument('<place...>', 'area code (E08000028, E07000026) or name (Sandwell, Cumberland, Allerdale, "Herefordshire, County of"), or a PCN code (U89141)')
    .option('--vintage <year>', 'geography vintage: 2024 (current, default; LSOA 2021) or 2019 (LSOA 2011)')
    .option('--level <level>', `only look at one level: ${GEO_LEVELS.join(', ')}`)
    .option('--lsoas', 'list the LSOA codes and names in the area')
    .option('--json', 'print everything as JSON')
    .action((place: string[], opts: { level?: string; lsoas?: boolean; json?: boolean; vintage?: string }) => {
      if (opts.level !== undefined && !isGeoLevel(opts.level)) {
        throw new HealthgapError(`unknown level "${opts.level}"; expected one of ${GEO_LEVELS.join(', ')}`);
      }
      const vintage = opts.vintage === undefined ? CURRENT_VINTAGE : parseVintage(opts.vintage);
      if (!vintage) throw new HealthgapError(`unknown vintage "${opts.vintage}"; expected 2024 (current) or 2019`);
      const query = place.join(' ');
      if (/^U\d{5}$/i.test(query.trim())) {
        const p = resolvePcn(query);
        process.stdout.write(opts.json ? JSON.stringify(p, null, 2) + '\n' : formatPcn(p));
        return;
      }
      const s = areaSummary(query, { level: opts.level as GeoLevel | undefined, vintage });
      if (opts.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
      else process.stdout.write(formatAreaSummary(s, opts.lsoas === true));
    });
}
