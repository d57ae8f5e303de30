/**
 * The standard population of a burden verb, one weight per raw row: a column, values by position
 * within each group, or the 2013 European Standard Population matched to the band labels.
 */
import { HealthgapError } from '../../core/errors.js';
import { ESP2013 } from '../dsr.js';
import type { VerbContext } from '../verb.js';
import { bandOf, esp2013Weight } from './bands.js';
import { groupName, type BandedGroup } from './groups.js';

/** A standard population: `'esp2013'`, a column name, or values matched by position within each group. */
export type StandardPopulation = 'esp2013' | string | readonly number[];

/**
 * Standard population weights by raw row. `'esp2013'` (when the table has no column of that name)
 * uses the age-band labels when `ageBand` is given (each band must be made of whole ESP 2013
 * bands: "Under 1", "1-4", "0-4", "85+" …) and otherwise the 19 ESP 2013 bands by position
 * (0-4 … 90+, 19 rows per group). Errors name the band that does not match.
 */
export function standardWeights(ctx: VerbContext, groups: readonly BandedGroup[], stdpop: StandardPopulation, ageBand: string | undefined): Float64Array {
  const n = ctx.table.totalRows();
  if (typeof stdpop === 'string' && ctx.table.columnNames().includes(stdpop)) {
    const w = ctx.numeric(stdpop);
    for (const grp of groups)
      for (const r of grp.rows)
        if (!(w[r] >= 0)) throw ctx.error(`expected a standard population of 0 or more, found ${w[r] !== w[r] ? 'NA' : w[r]}`, r, stdpop);
    return w;
  }
  const w = new Float64Array(n).fill(NaN);
  if (typeof stdpop === 'string') {
    if (stdpop.toLowerCase() !== 'esp2013') ctx.requireColumns(stdpop);
    if (ageBand) {
      const col = ctx.table.column(ageBand) as unknown as { at(i: number): unknown };
      for (const grp of groups) {
        for (const r of grp.rows) {
          const label = String(col.at(r)).trim();
          const band = bandOf(label);
          if (!band)
            throw ctx.error(
              `"${label}" is not an age band, so the standard population (ESP 2013) cannot be matched to it; use labels such as "0-4", "Under 1", "90+"`,
              r,
              ageBand,
            );
          try {
            w[r] = esp2013Weight(band, label);
          } catch (e) {
            throw ctx.error((e as Error).message, r, ageBand);
          }
        }
      }
      return w;
    }
    return byPosition(ctx, groups, ESP2013, 'the 19 ESP 2013 bands (0-4 … 85-89, 90+)');
  }
  stdpop.forEach((v, i) => {
    if (!(v >= 0)) throw new HealthgapError(`${ctx.fn}: standard population values must all be 0 or more, found ${v} at position ${i + 1}`);
  });
  return byPosition(ctx, groups, stdpop, `the ${stdpop.length} standard population values`);
}

function byPosition(ctx: VerbContext, groups: readonly BandedGroup[], values: readonly number[], what: string): Float64Array {
  const w = new Float64Array(ctx.table.totalRows()).fill(NaN);
  for (const grp of groups) {
    if (grp.rows.length !== values.length) {
      throw ctx.error(
        `the standard population does not match the bands: group ${groupName(ctx, grp.k)} has ${grp.rows.length} rows but ${what} are matched by position, one row per band (name the age-band column to match by label)`,
      );
    }
    grp.rows.forEach((r, i) => (w[r] = values[i]));
  }
  return w;
}
