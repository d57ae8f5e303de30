/**
 * The gap in life expectancy between an area and a comparator (England, its region, another area,
 * a comparator group), its confidence interval and significance, and the narrative sentence.
 *
 * Difference d = e_area − e_comparator; SE(d) = √(SE_area² + SE_comparator²); limits d ∓ z·SE(d),
 * z = Φ⁻¹(1 − (1 − c)/2). The difference is significant when its interval excludes 0; the
 * judgement is "significantly higher" / "significantly lower" / "similar".
 *
 * The two estimates are treated as independent. When the area is part of the comparator (a
 * district against England) they are positively correlated and the true SE of the difference is
 * slightly smaller, so the test is slightly conservative; for a district against England the
 * effect is negligible (its deaths are a small share of England's). This is the approach of the
 * PHE/OHID Segment Tool and of the brief; OHID's Fingertips benchmarking instead checks whether the
 * area's 95% interval contains England's value, which can differ in borderline cases.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readerNotes, withNotes } from '../io/csv.js';
import { normaliseConfidence, zFor } from '../stats/confidence.js';
import type { LeEstimate } from './estimate.js';
import { formatFixed } from '../core/rounding.js';

/** A life expectancy with its standard error. */
export interface LeValue {
  value: number | null;
  se: number | null;
}

/** Judgement of a gap. */
export type LeGapJudgement = 'significantly higher' | 'significantly lower' | 'similar' | 'not compared';

/** The gap between an area and its comparator. */
export interface LeGap {
  /** e_area − e_comparator (negative when the area is lower); null when either is NA. */
  difference: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  /** Does the interval exclude 0? null when not compared. */
  significant: boolean | null;
  judgement: LeGapJudgement;
}

/**
 * Difference between two life expectancies with its confidence interval from the two standard
 * errors and the significance judgement.
 *
 * d = e₁ − e₂, SE = √(SE₁² + SE₂²), limits d ∓ z·SE; significant when the limits exclude 0
 * ("significantly higher" when d > 0, "significantly lower" when d < 0), else "similar"; "not
 * compared" when either value is NA.
 *
 * @example leDifference({ value: 76.9, se: 0.25 }, { value: 79.6, se: 0.026 }) // difference −2.7, significantly lower
 */
export function leDifference(area: LeValue, comparator: LeValue, confidence = 0.95): LeGap {
  const c = normaliseConfidence(confidence)[0];
  if (area.value === null || comparator.value === null || area.se === null || comparator.se === null) {
    return { difference: null, se: null, lower: null, upper: null, confidence: c, significant: null, judgement: 'not compared' };
  }
  if (!(area.se >= 0) || !(comparator.se >= 0)) throw new HealthgapError('leDifference: standard errors must be 0 or more');
  const d = area.value - comparator.value;
  const se = Math.sqrt(area.se * area.se + comparator.se * comparator.se);
  const z = zFor(c);
  const lower = d - z * se;
  const upper = d + z * se;
  const significant = lower > 0 || upper < 0;
  return {
    difference: d,
    se,
    lower,
    upper,
    confidence: c,
    significant,
    judgement: significant ? (d > 0 ? 'significantly higher' : 'significantly lower') : 'similar',
  };
}

/** Words for the sentence generator. */
export interface LeSentenceInput {
  /** The area's name as it should read ("Sandwell"). */
  areaName: string;
  /** The comparator's name ("England", "the West Midlands", "Dudley"). */
  comparatorName: string;
  sex: 'Male' | 'Female' | 'Persons';
  /** Age the expectancy is from: 0 = "at birth", 65 = "at 65". */
  age: number;
  area: LeEstimate | LeValue;
  comparator: LeEstimate | LeValue;
  /** The gap (computed with {@link leDifference} when not given). */
  gap?: LeGap;
  /** Decimal places (default 1). */
  decimals?: number;
  /** A period to mention ("2014", "2012-14"); optional. */
  period?: string;
}

const SEX_WORD = { Male: 'men', Female: 'women', Persons: 'people' } as const;

function fmt(x: number, d: number): string {
  return formatFixed(x, d);
}

/**
 * One sentence for a board paper, every number and judgement taken from the calculation:
 * "Life expectancy at birth for men in Sandwell, 76.9 years, is 2.7 years lower than England
 * (significantly lower)." / "… is 0.1 years higher than England (similar: the difference is not
 * statistically significant)." / "… cannot be calculated: …".
 *
 * The gap shown is the rounded difference of the unrounded values; when it rounds to zero the
 * sentence says "less than 0.1 years". A significant gap is never described as similar, nor the
 * reverse: the words come from {@link leDifference}.
 *
 * @example leSentence({ areaName: 'Sandwell', comparatorName: 'England', sex: 'Male', age: 0, area, comparator })
 */
/**
 * The size of a gap in words, as the sentences print it: "2.4 years", "1.0 year", or "less than
 * 0.1 years" when it rounds to zero at `decimals` places (the sign is dropped: say the direction
 * separately).
 *
 * @example leGapSize(-0.03) // "less than 0.1 years"
 */
export function leGapSize(difference: number, decimals = 1): string {
  const abs = Math.abs(difference);
  const unit = 10 ** -decimals;
  if (Number(fmt(abs, decimals)) === 0) return `less than ${fmt(unit, decimals)} years`;
  return `${fmt(abs, decimals)} year${fmt(abs, decimals) === fmt(1, decimals) ? '' : 's'}`;
}

export function leSentence(input: LeSentenceInput): string {
  const d = input.decimals ?? 1;
  const ageText = input.age === 0 ? 'at birth' : `at ${input.age}`;
  const who = SEX_WORD[input.sex];
  const when = input.period ? ` (${input.period})` : '';
  const head = `Life expectancy ${ageText} for ${who} in ${input.areaName}${when}`;
  if (input.area.value === null) {
    const why = 'problem' in input.area && input.area.problem ? `: ${input.area.problem}` : '';
    return `${head} cannot be calculated${why}.`;
  }
  const gap = input.gap ?? leDifference(input.area, input.comparator);
  const value = `${fmt(input.area.value, d)} years`;
  if (gap.difference === null) return `${head} is ${value}; ${input.comparatorName} has no value to compare with.`;
  const size = leGapSize(gap.difference, d);
  const direction = gap.difference > 0 ? 'higher' : 'lower';
  if (gap.difference === 0) return `${head}, ${value}, is the same as ${input.comparatorName} (similar).`;
  const judgement = gap.judgement === 'similar' ? 'similar: the difference is not statistically significant' : gap.judgement;
  return `${head}, ${value}, is ${size} ${direction} than ${input.comparatorName} (${judgement}).`;
}

/** Options of {@link leGapTable}. */
export interface LeGapTableOptions {
  /** Columns that must match between an area row and its comparator row (default `['sex', 'age']`, those present in both). */
  match?: readonly string[];
  /** Value and SE columns (default `value`, `se`) in both tables. */
  value?: string;
  se?: string;
  confidence?: number;
}

/**
 * The gap to a comparator for every row of a table of life expectancies (e.g. every LA × sex ×
 * age from `leByGroup`), the comparator table holding one row per matching key (e.g. England by
 * sex and age). Adds `comparator_value`, `comparator_se`, `difference`, `difference_lower`,
 * `difference_upper`, `judgement` ({@link leDifference}). A row whose sex (or other matching key)
 * has no comparator row, or a comparator key given twice, is an error: a man is never compared
 * with women.
 *
 * @example leGapTable(leByGroup(leInputs({ level: 'utla', year: 2014 })), leByGroup(leInputs({ level: 'country', year: 2014 })))
 */
export function leGapTable(table: ColumnTable, comparator: ColumnTable, options: LeGapTableOptions = {}): ColumnTable {
  const v = options.value ?? 'value';
  const s = options.se ?? 'se';
  const a = table.columnNames();
  const b = comparator.columnNames();
  for (const c of [v, s]) {
    if (!a.includes(c)) throw new InputError(`no column "${c}" in the areas table (columns: ${a.join(', ')})`);
    if (!b.includes(c)) throw new InputError(`no column "${c}" in the comparator table (columns: ${b.join(', ')})`);
  }
  const match = (options.match ?? ['sex', 'age'].filter((c) => a.includes(c) && b.includes(c))).slice();
  for (const c of match) if (!a.includes(c) || !b.includes(c)) throw new InputError(`column "${c}" to match on must be in both tables`);
  const key = (t: ColumnTable, i: number) => match.map((c) => String(t.get(c, i))).join('\u0001');
  const comp = new Map<string, { value: number | null; se: number | null }>();
  for (let i = 0; i < comparator.numRows(); i++) {
    const k = key(comparator, i);
    if (comp.has(k))
      throw new InputError(
        `the comparator has two rows for ${match.map((c) => `${c}=${String(comparator.get(c, i))}`).join(' ') || 'the table'}; give one row per ${match.join(', ') || 'table'}`,
      );
    comp.set(k, { value: comparator.get(v, i) as number | null, se: comparator.get(s, i) as number | null });
  }
  const cols: Record<string, unknown[]> = {
    comparator_value: [],
    comparator_se: [],
    difference: [],
    difference_lower: [],
    difference_upper: [],
    judgement: [],
  };
  for (let i = 0; i < table.numRows(); i++) {
    const c = comp.get(key(table, i));
    if (!c)
      throw new InputError(
        `no comparator row for ${match.map((m) => `${m}=${String(table.get(m, i))}`).join(' ')} (the comparator has ${[...comp.keys()].map((k) => k.split('\u0001').join('/')).join(', ')})`,
        { row: i + 1 },
      );
    const g = leDifference({ value: table.get(v, i) as number | null, se: table.get(s, i) as number | null }, c, options.confidence ?? 0.95);
    cols.comparator_value.push(c.value);
    cols.comparator_se.push(c.se);
    cols.difference.push(g.difference);
    cols.difference_lower.push(g.lower);
    cols.difference_upper.push(g.upper);
    cols.judgement.push(g.judgement);
  }
  return withNotes(table.assign(cols), readerNotes(table));
}
