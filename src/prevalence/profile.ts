/**
 * One call from a register and a level to compared, ranked recorded prevalence: practices → areas
 * → England → parents → comparisons.
 */
import type { ColumnTable } from 'arquero';
import { withNotes } from '../io/csv.js';
import { qofRegister, type QofRegister } from './registers.js';
import { practicePrevalence, type QofInput } from './recorded.js';
import { rollUpPrevalence, type RollUpOptions } from './rollup.js';
import { comparePrevalence, type ComparePrevalenceOptions } from './compare.js';
import { normalisePrevalenceLevel, PREVALENCE_PARENT_LEVEL, type PrevalenceLevel } from './membership.js';

/** Options for {@link prevalenceProfile}. */
export interface PrevalenceProfileOptions extends RollUpOptions, QofInput, Omit<ComparePrevalenceOptions, 'england' | 'parents'> {}

/** Everything about one register at one level. */
export interface PrevalenceProfile {
  register: QofRegister;
  level: PrevalenceLevel;
  /** The practices (see `practicePrevalence`). */
  practices: ColumnTable;
  /** One row per area with the comparison and rank columns of `comparePrevalence`. */
  table: ColumnTable;
  /** England's row (all practices). */
  england: ColumnTable;
  /** The parent level used for "compared with parent" (null: none besides England). */
  parentLevel: PrevalenceLevel | null;
  /** Practices not placed in any area, with the reason. */
  unmapped: ColumnTable;
  method: string;
  notes: string[];
}

/**
 * Recorded prevalence of a register at a level, compared with England and with each area's parent
 * (UTLA/region for districts, region for UTLAs and ICBs, CCG for PCNs, STP for CCGs, PCN for
 * practices) and ranked. Defaults: the bundled QOF 2019-20 file, comparator method 1, polarity
 * from the register catalogue (no judgement).
 *
 * @example prevalenceProfile('DM', 'utla').table.filter((d) => d.area_code === 'E08000028')
 */
export function prevalenceProfile(register: string, level: PrevalenceLevel | string, options: PrevalenceProfileOptions = {}): PrevalenceProfile {
  const reg = qofRegister(register);
  const lv = normalisePrevalenceLevel(level);
  const practices = practicePrevalence(reg, options);
  const england = rollUpPrevalence(practices, 'england', options);
  const here = lv === 'england' ? england : rollUpPrevalence(practices, lv, options);
  const parentLevel = options.lookup ? null : PREVALENCE_PARENT_LEVEL[lv];
  const parents = parentLevel ? rollUpPrevalence(practices, parentLevel, { ...options, parents: false }).table : england.table;
  const lvParents = lv === 'lad' ? [parents, rollUpPrevalence(practices, 'region', { ...options, parents: false }).table] : [parents];
  const parentTable = lvParents.length > 1 ? lvParents[0].concat(lvParents[1]) : lvParents[0];
  const table = comparePrevalence(here.table, {
    england: england.table,
    parents: parentTable,
    method: options.method,
    polarity: options.polarity ?? reg.polarity,
    confidence: options.confidence,
  });
  const notes = [...here.notes];
  if (reg.listType !== 'TOTAL')
    notes.push(
      `${reg.name} prevalence is for patients aged ${practices.get('age_base', 0)} (QOF list type ${practices.get('list_type', 0)}), the register's own age base.`,
    );
  return {
    register: reg,
    level: lv,
    practices,
    table: withNotes(table, notes),
    england: england.table,
    parentLevel: lv === 'england' ? null : parentLevel,
    unmapped: here.unmapped,
    method: here.method,
    notes,
  };
}
