/**
 * Quality and Outcomes Framework (QOF) readers: the raw NHS Digital practice PREVALENCE file,
 * practice list sizes in the QOF denominator age groups, and a derived practice prevalence file.
 */
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, withNotes, type ColumnSpec } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { readMaybeCached } from './cache.js';

/**
 * The raw NHS Digital QOF practice prevalence file (`PREVALENCE_yyzz.csv`, e.g.
 * `PREVALENCE_1920.csv`): one row per practice and register. Columns: `practice_code`,
 * `group_code` (AF, AST, CAN, CHD, CKD, COPD, CVDPP, DEM, DEP, DM, EP, HF, HYP, LD, MH, OB, OST,
 * PAD, PC, RA, STIA), `register` (patients on the register), `list_type` (the denominator
 * population: `TOTAL`, `16OV`, `17OV`, `18OV`, `50OV`, `30_74`), `list_size`.
 *
 * Source: NHS Digital, Quality and Outcomes Framework (OGL v3); bundled 2019-20 (6,720
 * practices × 21 registers = 141,120 rows; England HYP 8,514,885 / 60,407,685 = 14.10%).
 * Quirks: 2019-20 names the list size `PATIENT_LIST_SIZE`, later years `PRACTICE_LIST_SIZE`
 * (both accepted, as are `PATIENT_LIST_TYPE`/`PRACTICE_LIST_TYPE`); CRLF line endings. Recorded
 * prevalence is register ÷ list size for the register's own list type, not the total list.
 *
 * Validation (InputError naming the line): the same practice and group twice; negative or
 * non-numeric counts; a register larger than its list size (see below). Blank or suppressed
 * counts become null with a note.
 *
 * Register above list size: the published 2019-20 file itself has 6 such rows (practice Y03051:
 * AST 197/138, DEP 442/106, DM 125/108, HYP 263/138, OB 188/106; Y05750: LD 139/136), and the
 * England totals include them. So `registerAboveList` defaults to `'error'` for a file you pass,
 * and to `'keep'` for the bundled publication, which keeps the published values and records a
 * note naming each row (see `readerNotes`). Pass `'error'` or `'keep'` to choose explicitly.
 *
 * @example readQofPrevalence().filter((d) => d.group_code === 'HYP')
 */
export function readQofPrevalence(path?: string, options: { registerAboveList?: 'error' | 'keep' } = {}): ColumnTable {
  const policy = options.registerAboveList ?? (path === undefined ? 'keep' : 'error');
  return readMaybeCached(path, dataPath('qof/PREVALENCE_1920.csv'), `qof-prevalence-${policy}`, (file) => {
    const rec = readCsvRecords(file);
    const t = typedTable(rec, [
      { name: 'practice_code', source: 'PRACTICE_CODE', type: 'string', allowMissing: false },
      { name: 'group_code', source: 'GROUP_CODE', type: 'string', allowMissing: false },
      { name: 'register', source: 'REGISTER', type: 'count' },
      { name: 'list_type', source: /^(PATIENT|PRACTICE)_LIST_TYPE$/i, type: 'string' },
      { name: 'list_size', source: /^(PATIENT|PRACTICE)_LIST_SIZE$/i, type: 'count' },
    ]);
    const codes = t.array('practice_code') as string[];
    const groups = t.array('group_code') as string[];
    const reg = t.array('register') as (number | null)[];
    const size = t.array('list_size') as (number | null)[];
    const registerColumn = rec.header.find((h) => h.toUpperCase() === 'REGISTER') ?? 'REGISTER';
    const seen = new Map<string, number>();
    const above: string[] = [];
    for (let i = 0; i < codes.length; i++) {
      const r = reg[i];
      const s = size[i];
      if (r !== null && s !== null && r > s) {
        if (policy === 'keep') above.push(`${codes[i]} ${groups[i]} ${r}/${s} (line ${rec.lines[i]})`);
        else
          throw new InputError(
            `register ${r} is larger than the list size ${s} (practice ${codes[i]}, ${groups[i]}); a count cannot exceed its denominator (pass registerAboveList: 'keep' to keep published values)`,
            { file: rec.file, row: rec.lines[i], column: registerColumn },
          );
      }
      const key = `${codes[i]}\u0001${groups[i]}`;
      const prev = seen.get(key);
      if (prev !== undefined)
        throw new InputError(`duplicate row for practice ${codes[i]} and group ${groups[i]} (first at line ${rec.lines[prev]})`, {
          file: rec.file,
          row: rec.lines[i],
        });
      seen.set(key, i);
    }
    const note = above.length
      ? [`${rec.file}: ${above.length} row${above.length === 1 ? '' : 's'} with a register larger than the list size, kept as published: ${above.join('; ')}`]
      : [];
    return withNotes(t, note);
  });
}

const AGE_GROUP_COLUMNS: ColumnSpec[] = [
  { name: 'practice_code', source: 'PRACTICE_CODE', type: 'string', allowMissing: false },
  { name: 'total', source: 'TOTAL', type: 'count' },
  { name: 'age_16_plus', source: '16OV', type: 'number', nonNegative: true },
  { name: 'age_17_plus', source: '17OV', type: 'number', nonNegative: true },
  { name: 'age_18_plus', source: '18OV', type: 'number', nonNegative: true },
  { name: 'age_30_74', source: '30_74', type: 'number', nonNegative: true },
  { name: 'age_50_plus', source: '50OV', type: 'number', nonNegative: true },
  { name: 'age_0_64', source: '0_64', type: 'number', nonNegative: true },
  { name: 'age_65_plus', source: '65OV', type: 'number', nonNegative: true },
  { name: 'share_65_plus', source: '65OV%', type: 'number', nonNegative: true },
];

/**
 * GP practice registered population in the QOF denominator age groups plus 0-64 and 65+
 * (April 2020), 6,730 practices: `practice_code`, `total`, `age_16_plus`, `age_17_plus`,
 * `age_18_plus`, `age_30_74`, `age_50_plus`, `age_0_64`, `age_65_plus`, `share_65_plus`
 * (a proportion, 0-1).
 *
 * Source: House of Commons Library (Carl Baker), local-health-data-from-QOF, built from NHS
 * Digital QOF 2019-20 list sizes and Patients Registered at a GP Practice, April 2020 (Open
 * Parliament Licence; NHS Digital data OGL v3). Quirks: derived, no sex split and no 5-year
 * bands; the age-group columns are written as floats (`69.0`), and for the 10 practices that the
 * authors filled from 2018-19 data they are fractional estimates (e.g. 7323.608761), so they are
 * read as numbers, not counts; rounding noise such as `1e-07` appears for 65+.
 *
 * @example readQofAgeGroups().filter((d) => d.practice_code === 'A81001') // total 4111, 65+ 950
 */
export function readQofAgeGroups(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('gp_registrations/gp_by_qof_age_group_apr2020_hoclibrary.csv'), 'qof-age-groups', (file) =>
    typedTable(readCsvRecords(file), AGE_GROUP_COLUMNS),
  );
}

/**
 * A derived practice-level QOF recorded prevalence file (proportions, register ÷ list size, for
 * 21 registers) plus diabetes points achieved and DM019/DM020 achievement rates, 6,470
 * practices. Columns as in the file: `practice_code`, `qof_dm_points_achieved`,
 * `dm019_bp_achievement_rate`, `dm020_hba1c_achievement_rate`, `<group>_prevalence_proportion`.
 *
 * Caveats (see data/SOURCES.md): the QOF year is not stated (probably 2021-22); there are no
 * numerators or denominators, so confidence intervals cannot be computed; the denominator rule
 * per register is unknown; values are rounded to 6 significant figures. Use it for demos and
 * plausibility checks only, never as a reference publication: use {@link readQofPrevalence}.
 *
 * @example readQofDerivedPrevalence().array('hyp_prevalence_proportion')
 */
export function readQofDerivedPrevalence(path?: string): ColumnTable {
  return readMaybeCached(path, dataPath('qof/qof_practice_prevalence_derived.csv'), 'qof-derived', (file) => {
    const rec = readCsvRecords(file);
    const schema: ColumnSpec[] = rec.header.map((h) =>
      h.toLowerCase() === 'practice_code'
        ? { name: 'practice_code', type: 'string', allowMissing: false }
        : { name: h.toLowerCase(), source: h, type: 'number', nonNegative: true },
    );
    if (!schema.some((s) => s.name === 'practice_code'))
      throw new InputError(`missing column "practice_code"; the header has: ${rec.header.join(', ')}`, { file: rec.file, row: 1 });
    return typedTable(rec, schema);
  });
}
