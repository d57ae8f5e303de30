/**
 * Recorded prevalence by deprivation: grouping practices by their Core20 patient share or their
 * IMD 2019 quintile, or apportioning each practice to the national IMD quintiles its patients
 * live in, so a Core20PLUS5 report can show the gradient.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { withNotes } from '../io/csv.js';
import { proportionLimits } from '../stats/proportion.js';
import { practiceDeprivation, type PracticeRegistrationOptions } from '../geography/practices.js';
import { roundHalfAway } from '../core/rounding.js';

/** How practices are grouped by deprivation. */
export type DeprivationGrouping = 'core20-band' | 'imd-quintile' | 'patient-imd-quintile';

/** Options for {@link prevalenceByDeprivation}. */
export interface PrevalenceByDeprivationOptions extends PracticeRegistrationOptions {
  /**
   * - `core20-band` (default): the practice's share of patients living in Core20 LSOAs (national
   *   IMD 2019 deciles 1-2), in bands set by `breaks`.
   * - `imd-quintile`: quintile of the practice's registered-population-weighted IMD 2019 score
   *   among all practices (1 = most deprived; `imd_score_quintile` of practiceDeprivation).
   * - `patient-imd-quintile`: each practice's register and list split across the national IMD 2019
   *   quintiles of the LSOAs its patients live in (by patient shares), as the residence roll-ups.
   */
  by?: DeprivationGrouping;
  /** Upper bounds (exclusive) of the Core20 share bands, as proportions (default [0.2, 0.4, 0.6, 0.8]). */
  breaks?: readonly number[];
}

function pct(x: number): string {
  return `${roundHalfAway(x * 100, 1)}%`;
}

/**
 * Recorded prevalence (%) by deprivation group with Wilson limits at 95% and 99.8%: one row per
 * group, `group` (label), `group_order` (1 = most deprived), `practices`, `count`, `denominator`,
 * `value`, `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`, `register`, `age_base`.
 *
 * Practices not in the registrations-by-LSOA file (or with no English patients) cannot be grouped;
 * they are counted in a final row `group` = `Not known` (never dropped), with their counts.
 *
 * Reference: NHS England Core20PLUS5 (Core20 = the most deprived 20% of the national population by
 * IMD); OHID Fingertips practice deprivation (IMD 2019 score weighted by registered patients).
 *
 * @example prevalenceByDeprivation(practicePrevalence('DM'), { by: 'core20-band' })
 */
export function prevalenceByDeprivation(practices: ColumnTable, options: PrevalenceByDeprivationOptions = {}): ColumnTable {
  const by = options.by ?? 'core20-band';
  if (!['core20-band', 'imd-quintile', 'patient-imd-quintile'].includes(by))
    throw new HealthgapError(`prevalenceByDeprivation: by must be core20-band, imd-quintile or patient-imd-quintile (found "${by}")`);
  const names = practices.columnNames();
  for (const c of ['practice_code', 'count', 'denominator'])
    if (!names.includes(c)) throw new HealthgapError(`prevalenceByDeprivation: the practice table has no column "${c}" (use practicePrevalence)`);
  const breaks = [...(options.breaks ?? [0.2, 0.4, 0.6, 0.8])];
  for (let i = 0; i < breaks.length; i++)
    if (!(breaks[i] > 0 && breaks[i] < 1) || (i && breaks[i] <= breaks[i - 1]))
      throw new HealthgapError('prevalenceByDeprivation: breaks must be increasing proportions between 0 and 1, e.g. [0.2, 0.4, 0.6, 0.8]');
  const dep = practiceDeprivation(options);
  const depRow = new Map<string, number>();
  (dep.array('practice_code') as string[]).forEach((c, i) => depRow.set(c, i));
  const share = dep.array('core20_share') as (number | null)[];
  const quint = dep.array('imd_score_quintile') as (number | null)[];
  const eng = dep.array('patients_english') as number[];
  const q = [1, 2, 3, 4, 5].map((k) => dep.array(`imd_q${k}`) as number[]);

  // group labels, most deprived first
  let labels: string[];
  if (by === 'core20-band') {
    const edges = [0, ...breaks, 1];
    labels = [];
    for (let k = edges.length - 2; k >= 0; k--)
      labels.push(k === edges.length - 2 ? `${pct(edges[k])}+ Core20 patients` : `${pct(edges[k])} to <${pct(edges[k + 1])} Core20 patients`);
  } else
    labels = ['1 (most deprived)', '2', '3', '4', '5 (least deprived)'].map((l) =>
      by === 'imd-quintile' ? `Practice IMD quintile ${l}` : `IMD quintile ${l}`,
    );
  const G = labels.length;
  const sx = new Float64Array(G + 1);
  const sn = new Float64Array(G + 1);
  const np = new Int32Array(G + 1);
  const nMissing = new Int32Array(G + 1);
  const pc = practices.array('practice_code') as string[];
  const cx = practices.array('count') as (number | null)[];
  const cn = practices.array('denominator') as (number | null)[];
  for (let i = 0; i < pc.length; i++) {
    const r = depRow.get(pc[i]);
    const targets: [number, number][] = [];
    if (r === undefined || !(eng[r] > 0)) targets.push([G, 1]);
    else if (by === 'core20-band') {
      const s = share[r] as number;
      let k = breaks.findIndex((b) => s < b);
      if (k < 0) k = breaks.length;
      targets.push([G - 1 - k, 1]);
    } else if (by === 'imd-quintile') {
      const qq = quint[r];
      targets.push(qq === null ? [G, 1] : [qq - 1, 1]);
    } else {
      for (let k = 0; k < 5; k++) if (q[k][r] > 0) targets.push([k, q[k][r] / eng[r]]);
    }
    const x = cx[i];
    const n = cn[i];
    for (const [g, w] of targets) {
      np[g]++;
      if (x === null || n === null) {
        nMissing[g]++;
        continue;
      }
      sx[g] += x * w;
      sn[g] += n * w;
    }
  }
  const register = names.includes('register') ? (practices.get('register', 0) as string) : null;
  const ageBase = names.includes('age_base') ? (practices.get('age_base', 0) as string | null) : null;
  const rows: Record<string, unknown>[] = [];
  for (let g = 0; g <= G; g++) {
    if (g === G && np[g] === 0) continue;
    const x = sx[g];
    const n = sn[g];
    const p = proportionLimits(x, n);
    rows.push({
      group: g === G ? 'Not known' : labels[g],
      group_order: g === G ? null : g + 1,
      practices: np[g],
      practices_missing: nMissing[g],
      count: n > 0 ? x : null,
      denominator: n > 0 ? n : null,
      value: p.value,
      lower95_0cl: p.lower95_0cl,
      upper95_0cl: p.upper95_0cl,
      lower99_8cl: p.lower99_8cl,
      upper99_8cl: p.upper99_8cl,
      register,
      age_base: ageBase,
    });
  }
  const notes = [
    by === 'core20-band'
      ? 'Practices grouped by the share of their registered patients living in Core20 LSOAs (national IMD 2019 deciles 1-2), from patients registered at each GP practice by LSOA.'
      : by === 'imd-quintile'
        ? 'Practices grouped by the quintile of their IMD 2019 score weighted by where their registered patients live (1 = most deprived fifth of practices).'
        : "Each practice's register and list split across national IMD 2019 quintiles by the share of its registered patients living in LSOAs of each quintile (all-age shares).",
  ];
  if (np[G])
    notes.push(`${np[G]} practice${np[G] === 1 ? '' : 's'} not in the registrations-by-LSOA file (or with no patients in England) shown as "Not known".`);
  return withNotes(aq.from(rows), notes);
}
