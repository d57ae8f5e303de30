/**
 * `healthgap le <place> [--vs England|<place>] [--sex male|female|both] [--age 0|65] [--decompose] [--json]`:
 * life expectancy of a place from the bundled ONS 2014 deaths and mid-2014 populations, against
 * England (default), a region or another area: both values with 95% CIs, the gap with its CI and
 * judgement, the sentence for a board paper, and with --decompose the Arriaga contributions of
 * each age band to the gap.
 */
import type { Command } from 'commander';
import { HealthgapError } from '../../core/errors.js';
import { formatFixed } from '../../core/rounding.js';
import { leComparePlace, type LePlaceComparison } from '../../lifeexp/place.js';
import { getGeography } from '../../geography/vintages.js';
import { ENGLAND_CODE } from '../../geography/levels.js';
import { formatLeTrend, leTrend } from './leTrend.js';

const f = (x: number | null | undefined, d = 1): string => (x === null || x === undefined ? 'n/a' : formatFixed(x, d));

/** Plain-text rendering of {@link leComparePlace} results. */
export function formatLeComparison(rows: readonly LePlaceComparison[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const ageText = r.age === 0 ? 'at birth' : `at ${r.age}`;
    out.push(`${r.sex === 'Male' ? 'Males' : 'Females'}: life expectancy ${ageText}, 2014 (ONS deaths, mid-2014 populations)`);
    const line = (label: string, e: LePlaceComparison['area']) =>
      out.push(`  ${label.padEnd(34)} ${f(e.value).padStart(5)} years (95% CI ${f(e.lower)} to ${f(e.upper)})${e.problem ? `  [${e.problem}]` : ''}`);
    line(`${r.area.name} (${r.area.code})`, r.area);
    line(`${r.comparator.name} (${r.comparator.code})`, r.comparator);
    const g = r.gap;
    out.push(
      `  ${'Difference'.padEnd(34)} ${g.difference === null ? '  n/a' : (g.difference >= 0 ? '+' : '') + f(g.difference)} years (95% CI ${f(g.lower)} to ${f(g.upper)}): ${g.judgement}`,
    );
    out.push(`  ${r.sentence}`);
    for (const n of r.notes) out.push(`  ${n}.`);
    if (r.decomposition) {
      const d = r.decomposition;
      out.push(`  Gap decomposition (Arriaga): ${r.comparator.name} − ${r.area.name} = ${f(d.gap, 2)} years; positive = widens the gap`);
      out.push(`    ${'Age band'.padEnd(9)} ${'Years'.padStart(7)}  ${'Share'.padStart(6)}`);
      for (const b of d.byAge) {
        const share = d.gap === 0 ? null : (100 * b.contribution) / d.gap;
        out.push(
          `    ${b.age_band.padEnd(9)} ${f(b.contribution, 3).padStart(7)}  ${share === null ? '   n/a' : `${f(Math.abs(share) < 0.5 ? 0 : share, 0)}%`.padStart(6)}`,
        );
      }
      out.push(
        `    ${'Total'.padEnd(9)} ${f(
          d.byAge.reduce((s, b) => s + b.contribution, 0),
          3,
        ).padStart(7)}`,
      );
    } else if (r.decompositionProblem) out.push(`  No decomposition: ${r.decompositionProblem}`);
    out.push('');
  }
  return out.join('\n');
}

/** England's life expectancy with each region compared with it (what `healthgap le England` prints). */
export interface EnglandLe {
  sex: 'Male' | 'Female';
  age: number;
  england: LePlaceComparison['comparator'];
  regions: LePlaceComparison[];
}

/**
 * England's own life expectancy: a place cannot be compared with itself, so England is shown with
 * its CI and the nine regions are compared with it.
 */
export function englandLifeExpectancy(sexes: readonly ('Male' | 'Female')[], age: number): EnglandLe[] {
  const regions = getGeography()
    .areasAt('region')
    .map((r) => leComparePlace(r.code, { year: 2014, sexes, age }));
  return sexes.map((sex, i) => ({ sex, age, england: regions[0][i].comparator, regions: regions.map((rows) => rows[i]) }));
}

/** Plain-text rendering of {@link englandLifeExpectancy}. */
export function formatEnglandLe(rows: readonly EnglandLe[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const ageText = r.age === 0 ? 'at birth' : `at ${r.age}`;
    out.push(`${r.sex === 'Male' ? 'Males' : 'Females'}: life expectancy ${ageText}, 2014 (ONS deaths, mid-2014 populations)`);
    out.push(`  ${`England (${ENGLAND_CODE})`.padEnd(34)} ${f(r.england.value).padStart(5)} years (95% CI ${f(r.england.lower)} to ${f(r.england.upper)})`);
    out.push('  Regions compared with England (difference, 95% CI, judgement):');
    for (const c of r.regions) {
      const g = c.gap;
      const diff = g.difference === null ? '  n/a' : (g.difference >= 0 ? '+' : '') + f(g.difference);
      out.push(
        `    ${c.area.name.replace(/^the | region$/g, '').padEnd(26)} ${f(c.area.value).padStart(5)}  ${diff.padStart(5)} (${f(g.lower)} to ${f(g.upper)}) ${g.judgement}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('le')
    .description(
      'life expectancy of a place against England (or a region or another place), 2014: values, gap with 95% CI, significance, sentence, Arriaga decomposition by age',
    )
    .argument(
      '<place...>',
      'area code or name: a local authority (LAD/UTLA 2019, or one created since: Cumberland, Somerset, … aggregated from its former districts), region, England or an ICB made of whole districts',
    )
    .option('--vs <place>', 'comparator: England (default), a region or another area', 'England')
    .option('--sex <sex>', 'male, female or both', 'both')
    .option('--age <age>', 'life expectancy at this age: 0 (at birth) or any band start 1, 5, 10, …, 90 (e.g. 65)', '0')
    .option('--decompose', 'add the Arriaga decomposition of the gap by age band')
    .option('--json', 'print the results as JSON')
    .option('--trend', 'every period available (bundled 2014 and added life-expectancy releases) with 95% CIs, sources and the recent-trend label')
    .option('--year <period>', 'period of the data: 2014 (bundled), a period of an added release, or latest (default)')
    .option('--period <period>', 'the same as --year')
    .option('--data-dir <dir>', 'data directory holding added releases (default HEALTHGAP_DATA_DIR or the per-user folder)')
    .action(
      (
        place: string[],
        opts: { vs: string; sex: string; age: string; decompose?: boolean; json?: boolean; trend?: boolean; year?: string; period?: string; dataDir?: string },
        cmd: Command,
      ) => {
        const sex = opts.sex.trim().toLowerCase();
        const sexes =
          sex === 'both' || sex === 'persons'
            ? (['Male', 'Female'] as const)
            : sex === 'male' || sex === 'm' || sex === 'men'
              ? (['Male'] as const)
              : sex === 'female' || sex === 'f' || sex === 'women'
                ? (['Female'] as const)
                : null;
        if (!sexes) throw new HealthgapError(`unknown --sex "${opts.sex}"; expected male, female or both`);
        const age = Number(opts.age);
        if (!Number.isInteger(age) || age < 0) throw new HealthgapError(`--age must be a whole number of years such as 0 or 65 (found "${opts.age}")`);
        const query = place.join(' ');
        if (opts.year !== undefined && opts.period !== undefined && opts.year !== opts.period)
          throw new HealthgapError(`--year ${opts.year} and --period ${opts.period} disagree; give one period`);
        const period = opts.year ?? opts.period;
        if (opts.trend || (period !== undefined && period !== '2014' && !/^latest$/i.test(period))) {
          const rows = sexes.map((s) => leTrend(query, s, age, { dataDir: opts.dataDir, period: opts.trend ? period : (period ?? 'latest') }));
          process.stdout.write(opts.json ? JSON.stringify(rows, null, 2) + '\n' : formatLeTrend(rows));
          return;
        }
        if (cmd.getOptionValueSource('vs') === 'default' && getGeography().resolveArea(query).code === ENGLAND_CODE) {
          // England with the default comparator (itself): show England's own value and the regions against it
          const england = englandLifeExpectancy(sexes, age);
          process.stdout.write(opts.json ? JSON.stringify(england, null, 2) + '\n' : formatEnglandLe(england));
          return;
        }
        const rows = leComparePlace(query, { year: 2014, vs: opts.vs, sexes, age, decompose: opts.decompose === true });
        if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else process.stdout.write(formatLeComparison(rows));
      },
    );
}
