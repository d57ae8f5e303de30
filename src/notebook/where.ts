/**
 * Filtering helpers that take values, not functions: they work in tslab notebooks, where
 * `t.filter((d) => d.area_code === code)` fails because arquero cannot see notebook variables
 * (see `closureHint`).
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../io/errors.js';
import { resolveArea } from '../geography/api.js';
import { isGeoLevel, type AreaRef, type GeoLevel } from '../geography/levels.js';
import { practiceAreaShares, practiceDeprivation, type PracticeRegistrationOptions } from '../geography/practices.js';

/** A value to match: one value, or a list of values (any of them matches). */
export type WhereValue = string | number | boolean | null | readonly (string | number | boolean | null)[];

/**
 * Rows of a table whose columns equal the given values (dplyr `filter(area_code == code)`);
 * a list of values keeps rows equal to any of them (`%in%`). Values are compared with `===`
 * (text is not trimmed or case-folded); `null` matches missing values. The result keeps the
 * table's row order and columns, not its grouping. Unknown columns are an
 * error naming the table's columns. Works with notebook variables (no closure for arquero to parse).
 *
 * @example whereEquals(hg.practicePrevalence('DM'), { practice_code: 'M92011' })
 * @example whereEquals(shares, { area_code: walsall.code, level: 'lad' })
 * @example whereEquals(t, { area_code: ['E08000028', 'E08000030'] })
 */
export function whereEquals(table: ColumnTable, criteria: Record<string, WhereValue>): ColumnTable {
  const names = table.columnNames();
  const keys = Object.keys(criteria);
  const unknown = keys.filter((k) => !names.includes(k));
  if (unknown.length) throw new HealthgapError(`whereEquals: no column ${unknown.map((k) => `"${k}"`).join(', ')}; the table has ${names.join(', ')}`);
  if (keys.length === 0) return table;
  const sets = keys.map((k) => {
    const v = criteria[k];
    const list = Array.isArray(v) ? (v as readonly unknown[]) : [v];
    return { values: table.array(k) as ArrayLike<unknown>, want: new Set(list.map((x) => (x === undefined ? null : x))) };
  });
  const keep = new Set<number>();
  const n = table.numRows();
  for (let j = 0; j < n; j++) {
    let ok = true;
    for (const s of sets) {
      const raw = s.values[j];
      const v = raw === undefined || (typeof raw === 'number' && Number.isNaN(raw)) ? null : raw;
      if (!s.want.has(v)) {
        ok = false;
        break;
      }
    }
    if (ok) keep.add(j);
  }
  return reindex(table, keep);
}

/** A new table with the rows at the given positions (0 = first row as shown), in order; grouping is not kept. */
function reindex(table: ColumnTable, keep: Set<number>): ColumnTable {
  const data: Record<string, unknown[]> = {};
  const take = [...keep].sort((a, b) => a - b);
  for (const name of table.columnNames()) {
    const values = table.array(name) as ArrayLike<unknown>;
    data[name] = take.map((j) => values[j]);
  }
  return aq.table(data, table.columnNames());
}

/** Options of {@link practicesServing}. */
export interface PracticesServingOptions extends PracticeRegistrationOptions {
  /**
   * Least share of a practice's registered patients (with an English LSOA) who live in the place
   * for the practice to count as serving it (default 0.5: most of its patients; 0 for every
   * practice with at least one patient there).
   */
  minShare?: number;
  /** Level of the place when the name is ambiguous (`lad`, `utla`, `icb`, …). */
  level?: GeoLevel;
}

/**
 * The GP practices serving a place: practices with at least `minShare` (default half) of their
 * registered patients living in it (NHS Digital registrations by LSOA, January 2021). Columns
 * `practice_code`, `practice_name`, `area_code`, `area_name`, `patients` (living in the place),
 * `share`, largest share first. The place is a name or code at any geography level, or an area.
 *
 * @example practicesServing('Walsall').numRows()
 * @example practicesServing('NHS Black Country', { minShare: 0 })
 */
export function practicesServing(place: string | AreaRef, options: PracticesServingOptions = {}): ColumnTable {
  const minShare = options.minShare ?? 0.5;
  if (!(minShare >= 0 && minShare <= 1)) throw new HealthgapError(`practicesServing: minShare must be between 0 and 1, got ${String(options.minShare)}`);
  const area = typeof place === 'string' ? resolveArea(place, options.level ? { level: options.level } : {}) : place;
  const level = options.level ?? area.level;
  if (!isGeoLevel(level) || level === 'lsoa' || level === 'country')
    throw new HealthgapError(`practicesServing: a place at level "${String(level)}" is not supported; give a local authority, ICB, region or CCG`);
  const shares = whereEquals(practiceAreaShares(level, options), { area_code: area.code });
  const share = shares.array('share') as number[];
  const keep = new Set<number>();
  for (let i = 0; i < share.length; i++) if (share[i] >= minShare && share[i] > 0) keep.add(i);
  const kept = reindex(shares, keep);
  const names = practiceNamesTable(options);
  return kept
    .join_left(names, 'practice_code')
    .select('practice_code', 'practice_name', 'area_code', 'area_name', 'patients', 'share')
    .orderby(aq.desc('share'), 'practice_code');
}

function practiceNamesTable(options: PracticeRegistrationOptions): ColumnTable {
  return practiceDeprivation(options).select('practice_code', 'practice_name');
}

/**
 * Columns `lowercl`/`uppercl` for one confidence level from a table that has several
 * (healthgap, like PHEindicatormethods, writes `lower95_0cl`, `upper95_0cl`, `lower99_8cl`,
 * `upper99_8cl` when it computes two levels, and `lowercl`/`uppercl` when it computes one).
 * The other level's columns are dropped; a table that already has `lowercl`/`uppercl` and no
 * level columns is returned unchanged.
 *
 * @example withConfidenceLevel(hg.practicePrevalence('DM'), 99.8).columnNames() // [..., 'lowercl', 'uppercl', ...]
 */
export function withConfidenceLevel(table: ColumnTable, level: 95 | 99.8 | number): ColumnTable {
  const tag = levelTag(level);
  const names = table.columnNames();
  const lower = `lower${tag}cl`;
  const upper = `upper${tag}cl`;
  const levelColumns = names.filter((n) => /^(lower|upper)\d+_\dcl$/.test(n));
  if (!names.includes(lower) || !names.includes(upper)) {
    if (levelColumns.length === 0 && names.includes('lowercl') && names.includes('uppercl')) return table;
    const have = [
      ...new Set(
        levelColumns.map((n) =>
          n
            .replace(/^(lower|upper)/, '')
            .replace(/cl$/, '')
            .replace('_', '.'),
        ),
      ),
    ];
    throw new HealthgapError(
      `withConfidenceLevel: no ${level}% limits (${lower}, ${upper}); the table has ${have.length ? `${have.join('% and ')}% limits` : 'no limit columns of the form lower95_0cl'}`,
    );
  }
  const drop = levelColumns.filter((n) => n !== lower && n !== upper);
  const out = names.filter((n) => !drop.includes(n) && n !== 'lowercl' && n !== 'uppercl');
  return table.select(out.map((n) => (n === lower ? { [n]: 'lowercl' } : n === upper ? { [n]: 'uppercl' } : n)) as unknown as string[]);
}

/** `95` → `95_0`, `99.8` → `99_8` (PHEindicatormethods' column suffix). */
function levelTag(level: number): string {
  if (!(level > 0 && level < 100)) throw new HealthgapError(`withConfidenceLevel: the level is a percentage such as 95 or 99.8, got ${String(level)}`);
  const [whole, frac = '0'] = String(level).split('.');
  return `${whole}_${frac}`;
}
