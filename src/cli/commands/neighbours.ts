/**
 * `healthgap neighbours <place> [--k 15] [--vars a,b] [--weights a=2,b=0.5] [--variables-file f.csv]
 * [--level lad|utla|icb] [--csv | --json] [--output FILE]`: the statistical neighbours of a local
 * authority or ICB on healthgap's open similarity model (docs/burden.md).
 */
import type { Command } from 'commander';
import { HealthgapError } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { aq } from '../../core/arquero.js';
import { tableToCsv } from '../../io/csvWrite.js';
import { findNeighbours, readVariablesCsv, type PlaceNeighbours } from '../../comparators/neighbours.js';
import { DEFAULT_COMPARATOR_VARIABLES, type ComparatorLevel } from '../../comparators/variables.js';

const LEVEL_TEXT: Record<ComparatorLevel, string> = {
  lad: 'local authority districts (LAD 2024)',
  utla: 'upper-tier local authorities (UTLA 2023)',
  icb: 'integrated care boards (ICB 2024)',
};

const fmtValue = (v: number): string => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-GB') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

/** Plain-text table of a neighbour result. */
export function formatNeighbours(r: PlaceNeighbours): string {
  const out: string[] = [];
  out.push(`${r.neighbours.length} nearest neighbours of ${r.target.name} (${r.target.code}) among ${r.areasCompared} ${LEVEL_TEXT[r.level]}`);
  out.push(
    `Variables (weight${r.logged.length ? '; log scale marked *' : ''}): ${r.variables.map((v, j) => `${v}${r.logged.includes(v) ? '*' : ''} ${r.weights[j]}`).join(', ')}`,
  );
  out.push('Distance: root weighted mean squared difference in standard deviations (0 = identical).');
  if (r.leftOut.length)
    out.push(`Left out (a variable missing): ${r.leftOut.length} areas (${r.leftOut.slice(0, 6).join(', ')}${r.leftOut.length > 6 ? ', …' : ''})`);
  out.push('');
  const nameW = Math.max(4, ...r.neighbours.map((n) => n.name.length));
  out.push(`${'Rank'.padStart(4)}  ${'Code'.padEnd(9)}  ${'Name'.padEnd(nameW)}  ${'Distance'.padStart(8)}  Most similar on / differs most on`);
  for (const n of r.neighbours)
    out.push(
      `${String(n.rank).padStart(4)}  ${n.code.padEnd(9)}  ${n.name.padEnd(nameW)}  ${n.distance.toFixed(3).padStart(8)}  ${n.similarOn.join(', ')} / ${n.differsMostOn}`,
    );
  out.push('');
  out.push(`${r.target.name}: ${r.variables.map((v) => `${v} ${fmtValue(r.target.values[v] as number)}`).join(', ')}`);
  return out.join('\n') + '\n';
}

/** CSV of a neighbour result: one row per neighbour with its distance, drivers and variable values. */
export function neighboursCsv(r: PlaceNeighbours): string {
  const ns = r.neighbours;
  const cols: Record<string, unknown[]> = {
    target_code: ns.map(() => r.target.code),
    target_name: ns.map(() => r.target.name),
    level: ns.map(() => r.level),
    rank: ns.map((n) => n.rank),
    area_code: ns.map((n) => n.code),
    area_name: ns.map((n) => n.name),
    distance: ns.map((n) => n.distance),
    similar_on: ns.map((n) => n.similarOn.join(';')),
    differs_most_on: ns.map((n) => n.differsMostOn),
  };
  r.variables.forEach((v, j) => (cols[v] = ns.map((n) => n.contributions[j].value)));
  r.variables.forEach((v, j) => (cols[`${v}_z_difference`] = ns.map((n) => n.contributions[j].zDifference)));
  return tableToCsv(aq.table(cols));
}

function parseList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new HealthgapError('--vars needs at least one variable name');
  return items;
}

function parseWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(part);
    const w = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(w)) throw new HealthgapError(`--weights must look like imd_score=2,density=0.5 (found "${part}")`);
    out[m[1].trim()] = w;
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('neighbours')
    .description(
      'statistical neighbours of a local authority or ICB: the k nearest areas on deprivation, population size, age structure and density (open model; docs/burden.md)',
    )
    .argument('<place...>', 'area code or name: a district (LAD 2024), an upper-tier authority (UTLA 2023) or an ICB (2024)')
    .option('--k <n>', 'number of neighbours', '15')
    .option('--vars <list>', `variables to use (default: ${DEFAULT_COMPARATOR_VARIABLES.map((v) => v.name).join(', ')}, plus those of --variables-file)`)
    .option('--weights <list>', 'weights, e.g. imd_score=2,density=0 (default: the documented weights; 1 for your own variables)')
    .option('--variables-file <file>', 'your own variables: a CSV with area_code and numeric columns, joined by code')
    .option('--level <level>', 'lad, utla or icb (default: from the code, else the first level whose names match: utla, lad, icb)')
    .option('--csv', 'print CSV (distances, drivers, values and z differences)')
    .option('--json', 'print the full result as JSON')
    .option('--output <file>', 'write the CSV (or JSON with --json) to a file')
    .action(
      (
        place: string[],
        opts: { k: string; vars?: string; weights?: string; variablesFile?: string; level?: string; csv?: boolean; json?: boolean; output?: string },
      ) => {
        const k = Number(opts.k);
        if (!Number.isInteger(k) || k < 1) throw new HealthgapError(`--k must be a whole number of 1 or more (found "${opts.k}")`);
        if (opts.level !== undefined && !['lad', 'utla', 'icb'].includes(opts.level))
          throw new HealthgapError(`--level must be lad, utla or icb (found "${opts.level}")`);
        const extra = opts.variablesFile ? readVariablesCsv(opts.variablesFile) : undefined;
        const r = findNeighbours(place.join(' '), {
          k,
          variables: parseList(opts.vars),
          weights: parseWeights(opts.weights),
          extra,
          level: opts.level as ComparatorLevel | undefined,
        });
        const text = opts.json ? JSON.stringify(r, null, 2) + '\n' : opts.csv || opts.output ? neighboursCsv(r) : formatNeighbours(r);
        if (opts.output) {
          try {
            writeFileAtomic(opts.output, text);
          } catch (e) {
            throw new HealthgapError(`cannot write ${opts.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
          }
        } else process.stdout.write(text);
      },
    );
}
