/**
 * Recorded (QOF) prevalence for GP practices: register ÷ list size for the register's own age
 * base, with Wilson score confidence limits at 95% and 99.8%.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError, InputError } from '../core/errors.js';
import { readQofPrevalence } from '../io/qof.js';
import { withNotes } from '../io/csv.js';
import { proportionLimits } from '../stats/proportion.js';
import { qofAgeBase, qofRegister, type QofRegister } from './registers.js';
import { practiceName } from '../geography/practices.js';

/** Where the QOF data come from: a file path, a table as `readQofPrevalence` returns, or the bundled 2019-20 file. */
export interface QofInput {
  /** A raw NHS Digital `PREVALENCE_yyzz.csv` (any year; read with `readQofPrevalence(file)`). */
  file?: string;
  /** A table with `practice_code`, `group_code`, `register`, `list_type`, `list_size` (one row per practice and register). */
  qof?: ColumnTable;
  /** Label of the source for messages (default: the file, or "QOF table"). */
  source?: string;
  /**
   * A register larger than its list size: `'error'` (default for a file or table you pass) or
   * `'keep'` (default for the bundled 2019-20 publication, which has 6 such rows; the practice's
   * value is then null with a note, and its counts still go into roll-ups, as in the published
   * England totals).
   */
  registerAboveList?: 'error' | 'keep';
}

/** Label of the bundled QOF file used in notes. */
export const BUNDLED_QOF_LABEL = 'NHS Digital QOF 2019-20 (PREVALENCE_1920.csv)';

/** Resolve a {@link QofInput} to a table, its label and the register-above-list policy. */
export function resolveQofInput(input: QofInput = {}): { table: ColumnTable; source: string; policy: 'error' | 'keep'; bundled: boolean } {
  if (input.file && input.qof) throw new HealthgapError('give either a QOF file or a QOF table, not both');
  const bundled = !input.file && !input.qof;
  const policy = input.registerAboveList ?? (bundled ? 'keep' : 'error');
  if (input.qof) return { table: input.qof, source: input.source ?? 'QOF table', policy, bundled };
  if (input.file) return { table: readQofPrevalence(input.file, { registerAboveList: policy }), source: input.source ?? input.file, policy, bundled };
  return { table: readQofPrevalence(), source: input.source ?? BUNDLED_QOF_LABEL, policy, bundled };
}

const REQUIRED = ['practice_code', 'group_code', 'register', 'list_type', 'list_size'];

/**
 * Recorded prevalence of one QOF register at every practice in the file: one row per practice.
 *
 * Columns: `practice_code`, `practice_name` (from the bundled NHS Digital registrations of
 * January 2021; null for a practice not in it), `register` (the QOF code, e.g. `DM`), `list_type` (as in the file),
 * `age_base` (`all ages`, `17+`, ...), `count` (patients on the register), `denominator` (the
 * practice list for that age base), `value` = count / denominator × 100 (a percentage),
 * `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl` (Wilson score limits × 100),
 * `note` (null, or why the value is missing).
 *
 * Formula: Wilson (1927) score interval, (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), as
 * PHEindicatormethods `phe_proportion` and the OHID Fingertips QOF prevalence indicators.
 * The denominator is the list size for the register's `PATIENT_LIST_TYPE` (e.g. 17+ for diabetes),
 * never the total list, exactly as NHS Digital publishes QOF prevalence.
 *
 * Rules (InputError naming the source, practice and register): a practice appearing twice for the
 * register; a list size of zero; a register larger than the list size (unless `registerAboveList:
 * 'keep'`: value null with a note, counts kept); negative counts (caught by the reader). A missing
 * (suppressed) register or list size gives a null value with a note, never 0.
 *
 * @example practicePrevalence('DM').filter((d) => d.practice_code === 'M88006')
 */
export function practicePrevalence(register: string | QofRegister, input: QofInput = {}): ColumnTable {
  const reg = typeof register === 'string' ? qofRegister(register) : register;
  const { table, source, policy } = resolveQofInput(input);
  const names = table.columnNames();
  for (const c of REQUIRED)
    if (!names.includes(c))
      throw new InputError(`missing column "${c}"; a QOF prevalence table needs ${REQUIRED.join(', ')} (as readQofPrevalence returns)`, { file: source });
  const pc = table.array('practice_code') as (string | null)[];
  const gc = table.array('group_code') as (string | null)[];
  const rg = table.array('register') as (number | null)[];
  const lt = table.array('list_type') as (string | null)[];
  const ls = table.array('list_size') as (number | null)[];
  const out = {
    practice_code: [] as string[],
    practice_name: [] as (string | null)[],
    register: [] as string[],
    list_type: [] as (string | null)[],
    age_base: [] as (string | null)[],
    count: [] as (number | null)[],
    denominator: [] as (number | null)[],
    value: [] as (number | null)[],
    lower95_0cl: [] as (number | null)[],
    upper95_0cl: [] as (number | null)[],
    lower99_8cl: [] as (number | null)[],
    upper99_8cl: [] as (number | null)[],
    note: [] as (string | null)[],
  };
  const seen = new Set<string>();
  const listTypes = new Set<string>();
  let missing = 0;
  const above: string[] = [];
  for (let i = 0; i < pc.length; i++) {
    if (
      String(gc[i] ?? '')
        .trim()
        .toUpperCase() !== reg.code
    )
      continue;
    const code = String(pc[i] ?? '')
      .trim()
      .toUpperCase();
    if (!code) throw new InputError(`missing practice code in a ${reg.code} row`, { file: source, column: 'PRACTICE_CODE' });
    if (seen.has(code))
      throw new InputError(
        `practice ${code} appears more than once for register ${reg.code}; each practice must have one row per register (a duplicated row would double-count its patients)`,
        { file: source, column: 'PRACTICE_CODE' },
      );
    seen.add(code);
    const x = rg[i];
    const n = ls[i];
    const type = lt[i] === null || lt[i] === undefined ? null : String(lt[i]).trim().toUpperCase();
    if (type) listTypes.add(type);
    let note: string | null = null;
    let value: number | null = null;
    let l95: number | null = null;
    let u95: number | null = null;
    let l998: number | null = null;
    let u998: number | null = null;
    if (n === 0)
      throw new InputError(
        `practice ${code} has a list size of zero for register ${reg.code} (${type ?? 'unknown list type'}); a prevalence needs at least one patient on the list: check the file or remove the practice`,
        { file: source, column: 'PATIENT_LIST_SIZE' },
      );
    if (x === null || n === null || Number.isNaN(x) || Number.isNaN(n)) {
      missing++;
      note = x === null || Number.isNaN(x as number) ? 'register count missing (suppressed or blank)' : 'list size missing (suppressed or blank)';
    } else if (x > n) {
      if (policy === 'error')
        throw new InputError(
          `practice ${code}: register ${reg.code} count ${x} is larger than its list size ${n}; a count cannot exceed its denominator (pass registerAboveList: 'keep' to keep published values)`,
          { file: source, column: 'REGISTER' },
        );
      note = `register ${x} larger than the list size ${n}, as published; no prevalence shown, counts kept in roll-ups`;
      above.push(`${code} ${x}/${n}`);
    } else {
      ({ value, lower95_0cl: l95, upper95_0cl: u95, lower99_8cl: l998, upper99_8cl: u998 } = proportionLimits(x, n));
    }
    out.practice_code.push(code);
    out.practice_name.push(practiceName(code));
    out.register.push(reg.code);
    out.list_type.push(type);
    out.age_base.push(type ? qofAgeBase(type).label : null);
    out.count.push(x);
    out.denominator.push(n);
    out.value.push(value);
    out.lower95_0cl.push(l95);
    out.upper95_0cl.push(u95);
    out.lower99_8cl.push(l998);
    out.upper99_8cl.push(u998);
    out.note.push(note);
  }
  if (seen.size === 0)
    throw new InputError(
      `no rows for register ${reg.code} (${reg.name}); registers in the file: ${[...new Set(gc.filter((g) => g !== null).map((g) => String(g).toUpperCase()))].sort().join(', ') || 'none'}`,
      { file: source, column: 'GROUP_CODE' },
    );
  const notes: string[] = [];
  if (listTypes.size > 1)
    throw new InputError(`register ${reg.code} has several list types (${[...listTypes].join(', ')}); a register needs one age base`, {
      file: source,
      column: 'PATIENT_LIST_TYPE',
    });
  const fileType = [...listTypes][0];
  if (fileType && fileType !== reg.listType)
    notes.push(
      `${reg.name}: the file's list type is ${fileType} (${qofAgeBase(fileType).label}), not ${reg.listType} as in QOF 2019-20; the file's age base is used.`,
    );
  if (missing)
    notes.push(
      `${missing} practice${missing === 1 ? '' : 's'} with a missing ${reg.code} register or list size: value null, left out of roll-ups (never counted as 0).`,
    );
  if (above.length)
    notes.push(
      `${above.length} practice${above.length === 1 ? '' : 's'} with a ${reg.code} register larger than the list size, kept as published (no practice value; counts included in roll-ups, as in the published totals): ${above.join('; ')}.`,
    );
  return withNotes(aq.table(out), notes);
}

/** The age base label of a practice prevalence table (e.g. `17+`), or null when unknown. */
export function ageBaseOf(practices: ColumnTable): string | null {
  const a = practices.columnNames().includes('age_base') ? (practices.array('age_base') as (string | null)[]).find((x) => x) : null;
  return a ?? null;
}
