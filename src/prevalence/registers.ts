/**
 * The 21 QOF disease registers of the NHS Digital prevalence file: code, name, the age base of the
 * denominator (from the file's `PATIENT_LIST_TYPE`) and the Fingertips polarity.
 */
import { HealthgapError } from '../core/errors.js';
import type { Polarity } from '../stats/benchmark.js';

/** An age range of a QOF denominator: `lower`..`upper` inclusive (`upper` null = no upper limit). */
export interface QofAgeBase {
  /** The list type as written in the file: `TOTAL`, `16OV`, `17OV`, `18OV`, `50OV`, `30_74`. */
  listType: string;
  lower: number;
  upper: number | null;
  /** Label for tables and sentences: `all ages`, `17+`, `30-74`. */
  label: string;
}

/** One QOF register. */
export interface QofRegister {
  /** `GROUP_CODE` in the NHS Digital file (e.g. `DM`). */
  code: string;
  /** Name as NHS Digital writes it (e.g. `Diabetes mellitus`). */
  name: string;
  /** Short lower-case name for sentences (e.g. `diabetes`). */
  short: string;
  /** Denominator list type in QOF 2019-20 (checked against the bundled file). */
  listType: string;
  /**
   * Polarity for comparisons. Every QOF recorded prevalence is `no-judgement` (Fingertips shows
   * them blue/orange: Higher/Similar/Lower), because a higher recorded prevalence may mean more
   * disease or better case-finding. Pass another polarity to the comparison functions to override.
   */
  polarity: Polarity;
}

/**
 * The 21 registers of QOF 2019-20 (`PREVALENCE_1920.csv`), in the file's order. Age bases are the
 * `PATIENT_LIST_TYPE` of every row of the bundled file for that register (checked in
 * tests/prevalence): DM 17+; CKD, DEP, EP, OB 18+; RA 16+; OST 50+; CVDPP 30-74; the other 13 all ages.
 *
 * Reference: NHS Digital, Quality and Outcomes Framework 2019-20, prevalence tables and the QOF
 * business rules v44 (register definitions).
 */
export const QOF_REGISTERS: readonly QofRegister[] = Object.freeze([
  { code: 'AF', name: 'Atrial fibrillation', short: 'atrial fibrillation', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'AST', name: 'Asthma', short: 'asthma', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'CAN', name: 'Cancer', short: 'cancer', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'CHD', name: 'Coronary heart disease', short: 'coronary heart disease', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'CKD', name: 'Chronic kidney disease', short: 'chronic kidney disease', listType: '18OV', polarity: 'no-judgement' },
  { code: 'COPD', name: 'Chronic obstructive pulmonary disease', short: 'COPD', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'CVDPP', name: 'Cardiovascular disease primary prevention', short: 'CVD primary prevention', listType: '30_74', polarity: 'no-judgement' },
  { code: 'DEM', name: 'Dementia', short: 'dementia', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'DEP', name: 'Depression', short: 'depression', listType: '18OV', polarity: 'no-judgement' },
  { code: 'DM', name: 'Diabetes mellitus', short: 'diabetes', listType: '17OV', polarity: 'no-judgement' },
  { code: 'EP', name: 'Epilepsy', short: 'epilepsy', listType: '18OV', polarity: 'no-judgement' },
  { code: 'HF', name: 'Heart failure', short: 'heart failure', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'HYP', name: 'Hypertension', short: 'hypertension', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'LD', name: 'Learning disability', short: 'learning disability', listType: 'TOTAL', polarity: 'no-judgement' },
  {
    code: 'MH',
    name: 'Mental health (schizophrenia, bipolar affective disorder and other psychoses)',
    short: 'severe mental illness',
    listType: 'TOTAL',
    polarity: 'no-judgement',
  },
  { code: 'OB', name: 'Obesity', short: 'obesity', listType: '18OV', polarity: 'no-judgement' },
  { code: 'OST', name: 'Osteoporosis', short: 'osteoporosis', listType: '50OV', polarity: 'no-judgement' },
  { code: 'PAD', name: 'Peripheral arterial disease', short: 'peripheral arterial disease', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'PC', name: 'Palliative care', short: 'palliative care', listType: 'TOTAL', polarity: 'no-judgement' },
  { code: 'RA', name: 'Rheumatoid arthritis', short: 'rheumatoid arthritis', listType: '16OV', polarity: 'no-judgement' },
  { code: 'STIA', name: 'Stroke and transient ischaemic attack', short: 'stroke and TIA', listType: 'TOTAL', polarity: 'no-judgement' },
] as QofRegister[]);

const ALIASES: Record<string, string> = {
  DIABETES: 'DM',
  HYPERTENSION: 'HYP',
  DEPRESSION: 'DEP',
  DEMENTIA: 'DEM',
  ASTHMA: 'AST',
  CANCER: 'CAN',
  OBESITY: 'OB',
  EPILEPSY: 'EP',
  OSTEOPOROSIS: 'OST',
  STROKE: 'STIA',
  'HEART FAILURE': 'HF',
  'ATRIAL FIBRILLATION': 'AF',
  'CORONARY HEART DISEASE': 'CHD',
  'CHRONIC KIDNEY DISEASE': 'CKD',
  'LEARNING DISABILITY': 'LD',
  'MENTAL HEALTH': 'MH',
  SMI: 'MH',
  'PALLIATIVE CARE': 'PC',
  'RHEUMATOID ARTHRITIS': 'RA',
  'PERIPHERAL ARTERIAL DISEASE': 'PAD',
};

/**
 * Look up a register by its code (`DM`, `hyp`) or a common name (`diabetes`, `COPD`,
 * `Depression`). Throws a HealthgapError listing the codes for anything else.
 *
 * @example qofRegister('diabetes').listType // '17OV'
 */
export function qofRegister(codeOrName: string): QofRegister {
  const key = String(codeOrName).trim().toUpperCase().replace(/\s+/g, ' ');
  const code = ALIASES[key] ?? key;
  const r = QOF_REGISTERS.find((x) => x.code === code || x.name.toUpperCase() === key);
  if (!r)
    throw new HealthgapError(
      `unknown QOF register "${codeOrName}": use one of ${QOF_REGISTERS.map((x) => x.code).join(', ')} (or a name such as diabetes, hypertension, depression)`,
    );
  return r;
}

/**
 * The age range of a QOF `PATIENT_LIST_TYPE` / `PRACTICE_LIST_TYPE`: `TOTAL` = all ages,
 * `NNOV` = NN and over, `A_B` = A to B inclusive. Later QOF years may add list types; any of these
 * three patterns is understood.
 *
 * @example qofAgeBase('17OV') // { listType: '17OV', lower: 17, upper: null, label: '17+' }
 */
export function qofAgeBase(listType: string): QofAgeBase {
  const t = String(listType).trim().toUpperCase();
  if (t === 'TOTAL' || t === 'ALL') return { listType: t, lower: 0, upper: null, label: 'all ages' };
  let m = /^(\d+)\s*(OV|\+|PLUS)$/.exec(t);
  if (m) return { listType: t, lower: Number(m[1]), upper: null, label: `${Number(m[1])}+` };
  m = /^(\d+)[_-](\d+)$/.exec(t);
  if (m && Number(m[1]) <= Number(m[2])) return { listType: t, lower: Number(m[1]), upper: Number(m[2]), label: `${Number(m[1])}-${Number(m[2])}` };
  throw new HealthgapError(`unknown QOF list type "${listType}": expected TOTAL, an age and over such as 17OV, or a range such as 30_74`);
}
