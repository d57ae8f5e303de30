/**
 * `healthgap area <name|code>`: a place, its parents (UTLA, region, ICB 2023, England), counts of
 * its children (LADs, LSOAs), its mid-2019 population by sex and the LSOAs in it.
 */
import type { Command } from 'commander';
import { getGeography, Geography, type ResolvedArea } from '../../geography/geography.js';
import { areaPopulation, type AreaPopulation } from '../../geography/population.js';
import { isGeoLevel, GEO_LEVELS, GEO_LEVEL_RANK, type AreaRef, type GeoLevel } from '../../geography/levels.js';
import { HealthgapError } from '../../core/errors.js';

/** Everything `healthgap area` reports about a place (the `--json` output). */
export interface AreaSummary {
  area: ResolvedArea;
  /** Areas wholly containing it, by level (UTLA, region, ICB 2023, England; MSOA/LAD for small areas; CCG/STP 2020 when nested). */
  parents: Partial<Record<GeoLevel, AreaRef>>;
  /** Number of LAD 2019 (null for areas smaller than a LAD; LADs partly inside count) and LSOA 2011 children. */
  children: { lad: number | null; lsoa: number };
  population: AreaPopulation;
  lsoas: string[];
}

/** Collect the summary of one place (resolved by code or name). */
export function areaSummary(query: string, level?: GeoLevel): AreaSummary {
  const g = getGeography();
  const area = g.resolveArea(query, { level });
  const parents: AreaSummary['parents'] = {};
  for (const p of g.ancestors(area)) {
    if (p.level !== 'lsoa' && !(p.level in parents)) parents[p.level] = p;
  }
  // a LAD that is also a UTLA (Sandwell) is its own UTLA
  if (area.levels.includes('utla') && area.level !== 'utla') parents.utla = { code: area.code, name: area.name, level: 'utla' };
  const lsoas = g.lsoasIn(area);
  const lads = area.level === 'lad' ? 1 : GEO_LEVEL_RANK[area.level] < GEO_LEVEL_RANK.lad ? null : g.childrenOf(area, 'lad', { partial: true }).length;
  return { area, parents, children: { lad: lads, lsoa: lsoas.length }, population: areaPopulation(area), lsoas };
}

const fmt = (n: number | null): string => (n === null ? 'not available' : n.toLocaleString('en-GB'));

/** Plain-text rendering of {@link areaSummary}. */
export function formatAreaSummary(s: AreaSummary, listLsoas = false): string {
  const a = s.area;
  const out: string[] = [];
  out.push(`${a.name} (${a.code})`);
  out.push(`  Level:      ${Geography.describeLevels(a.levels)}`);
  if (a.matchedBy === 'partial-name') out.push(`  Matched:    by part of the name`);
  if (a.alternatives.length) out.push(`  Also named: ${a.alternatives.slice(0, 4).map((x) => `${x.name} (${x.code}, ${x.level})`).join('; ')}`);
  const p = s.parents;
  const line = (label: string, r?: AreaRef) => r && out.push(`  ${label.padEnd(11)} ${r.name} (${r.code})`);
  out.push('Parents');
  line('MSOA 2011:', p.msoa);
  line('LAD 2019:', p.lad);
  line('UTLA 2019:', p.utla);
  line('Region:', p.region);
  line('ICB 2023:', p.icb);
  line('CCG 2020:', p.ccg);
  line('STP 2020:', p.stp);
  line('Country:', p.country);
  if (!p.utla && !p.region && !p.icb && !p.country) out.push('  (none: this is the top level)');
  out.push('Children');
  if (s.children.lad !== null) out.push(`  LADs 2019:  ${s.children.lad}`);
  out.push(`  LSOAs 2011: ${s.children.lsoa.toLocaleString('en-GB')}`);
  const pop = s.population;
  out.push('Population, mid-2019');
  if (pop.persons === null) out.push(`  not available: ${pop.note}`);
  else {
    out.push(`  Persons:    ${fmt(pop.persons)}`);
    out.push(`  Male:       ${fmt(pop.male)}`);
    out.push(`  Female:     ${fmt(pop.female)}`);
    out.push(`  Source:     ${pop.note}`);
  }
  if (listLsoas) {
    out.push(`LSOAs 2011 (${s.lsoas.length})`);
    const g = getGeography();
    for (const c of s.lsoas) out.push(`  ${c}  ${g.areaName(c, 'lsoa')}`);
  } else out.push(`LSOAs 2011: ${s.lsoas.length.toLocaleString('en-GB')} (list them with --lsoas)`);
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('area')
    .description('show a place: its level, parents (UTLA, region, ICB 2023, England), children, mid-2019 population by sex and its LSOAs')
    .argument('<place...>', 'area code (E08000028) or name (Sandwell, "Herefordshire, County of", Kingston upon Hull)')
    .option('--level <level>', `only look at one level: ${GEO_LEVELS.join(', ')}`)
    .option('--lsoas', 'list the LSOA 2011 codes and names in the area')
    .option('--json', 'print everything as JSON')
    .action((place: string[], opts: { level?: string; lsoas?: boolean; json?: boolean }) => {
      if (opts.level !== undefined && !isGeoLevel(opts.level)) {
        throw new HealthgapError(`unknown level "${opts.level}"; expected one of ${GEO_LEVELS.join(', ')}`);
      }
      const s = areaSummary(place.join(' '), opts.level as GeoLevel | undefined);
      if (opts.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
      else process.stdout.write(formatAreaSummary(s, opts.lsoas === true));
    });
}
