/**
 * Shared machinery of the comparative burden verbs (`cmf`, `excessDeaths`): each group's rows by
 * age band, the reference group each is compared with, and band-by-band matching by label (or by
 * position when no age-band column is given).
 */
import { HealthgapError } from '../../core/errors.js';
import type { VerbContext } from '../verb.js';

/** One group's bands: labels and raw row indices, in table order. */
export interface BandedGroup {
  /** Index of the group in `ctx.groups`. */
  k: number;
  /** Band labels (or `#1`, `#2` … when matched by position). */
  labels: string[];
  /** Raw row index of each band. */
  rows: number[];
  /** Label → position in `labels`. */
  index: Map<string, number>;
}

/** "area_code = E08000028, sex = Male" for messages (or "the table" when ungrouped). */
export function groupName(ctx: VerbContext, k: number): string {
  const g = ctx.groups;
  return g.names.length ? g.names.map((nm, j) => `${nm} = ${String(g.keys[j][k])}`).join(', ') : 'the table';
}

/**
 * Each group's rows keyed by age-band label (`ageBand` column) or by position. A band label that
 * is blank or repeated within a group is an InputError naming the row.
 */
export function bandedGroups(ctx: VerbContext, ageBand: string | undefined): BandedGroup[] {
  const g = ctx.groups;
  const col = ageBand ? (ctx.table.column(ageBand) as unknown as { at(i: number): unknown }) : null;
  const out: BandedGroup[] = [];
  for (let k = 0; k < g.size; k++) {
    const rows = Array.from(g.rows[k]);
    const labels: string[] = [];
    const index = new Map<string, number>();
    rows.forEach((r, i) => {
      let label: string;
      if (col) {
        const v = col.at(r);
        if (v === null || v === undefined || String(v).trim() === '') throw ctx.error('expected an age band label, found a blank cell', r, ageBand);
        label = String(v).trim();
      } else label = `#${i + 1}`;
      if (index.has(label)) throw ctx.error(`age band "${label}" appears twice in group ${groupName(ctx, k)}`, r, ageBand);
      index.set(label, i);
      labels.push(label);
    });
    out.push({ k, labels, rows, index });
  }
  return out;
}

/** How the reference group of each group is chosen. */
export interface ReferenceSpec {
  /** Value of `referenceColumn` naming the reference group, e.g. `E92000001`. */
  reference: string;
  /** Group column holding `reference` (default the first group column). */
  referenceColumn?: string;
}

/**
 * For each group, the index of its reference group: the group whose `referenceColumn` equals
 * `reference` and whose other group columns (e.g. sex) equal this group's. Errors: an ungrouped
 * table, a reference column that is not a group column, no reference group for a stratum.
 */
export function referenceGroups(ctx: VerbContext, spec: ReferenceSpec): number[] {
  const g = ctx.groups;
  if (!g.names.length) throw new HealthgapError(`${ctx.fn}: group the table (e.g. by area_code) so that one group can be the reference`);
  const refCol = spec.referenceColumn ?? g.names[0];
  const j = g.names.indexOf(refCol);
  if (j < 0) throw new HealthgapError(`${ctx.fn}: the reference column "${refCol}" must be one of the group columns (${g.names.join(', ')})`);
  const stratum = (k: number) => g.names.map((_, i) => (i === j ? '' : String(g.keys[i][k]))).join('\u0001');
  const refOf = new Map<string, number>();
  for (let k = 0; k < g.size; k++) if (String(g.keys[j][k]) === spec.reference) refOf.set(stratum(k), k);
  const out = new Array<number>(g.size);
  for (let k = 0; k < g.size; k++) {
    const r = refOf.get(stratum(k));
    if (r === undefined) {
      const others = g.names.filter((_, i) => i !== j).map((nm) => `${nm} = ${String(g.keys[g.names.indexOf(nm)][k])}`);
      throw ctx.error(`no reference group ${refCol} = ${spec.reference}${others.length ? ` for ${others.join(', ')}` : ''} in the table`);
    }
    out[k] = r;
  }
  return out;
}

/** The strata of a grouped table: groups that share every group column but `referenceColumn`. */
export function strataOf(ctx: VerbContext, referenceColumn?: string): number[][] {
  const g = ctx.groups;
  const j = referenceColumn ? g.names.indexOf(referenceColumn) : 0;
  const m = new Map<string, number[]>();
  for (let k = 0; k < g.size; k++) {
    const key = g.names.map((_, i) => (i === j ? '' : String(g.keys[i][k]))).join('\u0001');
    let a = m.get(key);
    if (!a) m.set(key, (a = []));
    a.push(k);
  }
  return [...m.values()];
}

/**
 * Pairs (row in group, row in reference) matched by band label; a band on one side only is an
 * InputError naming the group and the band. Matched by position, the groups must have the same
 * number of rows.
 */
export function matchBands(ctx: VerbContext, group: BandedGroup, ref: BandedGroup, ageBand: string | undefined): { rows: number[]; refRows: number[] } {
  if (!ageBand) {
    if (group.rows.length !== ref.rows.length) {
      throw ctx.error(
        `group ${groupName(ctx, group.k)} has ${group.rows.length} rows but its reference (${groupName(ctx, ref.k)}) has ${ref.rows.length}: without an age-band column bands are matched by position, so give the same bands in the same order (or name the age-band column)`,
      );
    }
    return { rows: group.rows, refRows: ref.rows };
  }
  const rows: number[] = [];
  const refRows: number[] = [];
  group.labels.forEach((label, i) => {
    const p = ref.index.get(label);
    if (p === undefined)
      throw ctx.error(
        `age band "${label}" of group ${groupName(ctx, group.k)} is missing from the reference group (${groupName(ctx, ref.k)}); bands are matched by label`,
        group.rows[i],
        ageBand,
      );
    rows.push(group.rows[i]);
    refRows.push(ref.rows[p]);
  });
  for (const label of ref.labels) {
    if (!group.index.has(label))
      throw ctx.error(
        `age band "${label}" of the reference group (${groupName(ctx, ref.k)}) is missing from group ${groupName(ctx, group.k)}; bands are matched by label`,
        ref.rows[ref.index.get(label)!],
        ageBand,
      );
  }
  return { rows, refRows };
}
