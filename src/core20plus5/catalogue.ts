/**
 * The Core20PLUS5 clinical areas: NHS England's five adult and five children and young people's
 * (CYP) focus areas, as a typed, documented catalogue, plus local additions by configuration (the
 * Black Country adds diabetes for adults as a sixth area) without code changes.
 *
 * Wording checked on 2026-11-23 against stored copies of:
 * - NHS England, "Core20PLUS5 (adults) – an approach to reducing healthcare inequalities" and
 *   "Evidence for the five clinical priorities",
 *   https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/evidence-for-the-five-clinical-priorities/
 *   (adult areas published November 2021);
 * - NHS England, "Core20PLUS5 – An approach to reducing health inequalities for children and young
 *   people", https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/core20plus5-cyp/
 *   and the CYP infographic https://www.england.nhs.uk/long-read/core20plus5-infographic-children-and-young-people/
 *   (CYP areas published 2023).
 * Ambitions the framework itself does not number (hypertension treatment to target) come from the
 * NHS England operational planning guidance; where that wording was not found in the searched
 * sources, `ambition.verified` is false and the note says what to check.
 */
import { HealthgapError } from '../core/errors.js';
import { normalisePolarity, type Polarity } from '../stats/benchmark.js';

/** A national (or local) ambition for a metric. */
export interface Ambition {
  /** Target value in the metric's unit (e.g. 75 for 75%). */
  value: number;
  /** Unit of `value`: `%` for percentages. */
  unit: string;
  /** Year by which the target applies (calendar year; "by March 2025" = 2025), or null if open-ended. */
  year: number | null;
  /** The ambition in words, as published. */
  text: string;
  /** True when the wording and number were checked against the cited source. */
  verified: boolean;
}

/** One clinical area of Core20PLUS5. */
export interface ClinicalArea {
  /** Stable identifier, e.g. `adult-cancer`. */
  id: string;
  /** `adults` or `cyp` (children and young people). */
  population: 'adults' | 'cyp';
  /** Short name, e.g. "Early cancer diagnosis". */
  name: string;
  /** The focus as NHS England words it (paraphrased closely). */
  focus: string;
  /** The metric used to track it. */
  metric: string;
  numerator: string;
  denominator: string;
  ambition: Ambition | null;
  /** Direction of "better". */
  polarity: Polarity;
  /** Where the data come from. */
  dataSource: string;
  /** Framework source URL(s). */
  reference: string[];
  /** True for areas added locally (by configuration). */
  local: boolean;
  /** Caveats. */
  notes?: string;
}

const ADULTS_URL =
  'https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/evidence-for-the-five-clinical-priorities/';
const CYP_URL = 'https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/core20plus5-cyp/';
const CYP_INFOGRAPHIC = 'https://www.england.nhs.uk/long-read/core20plus5-infographic-children-and-young-people/';

/** The ten national Core20PLUS5 clinical areas (5 adult, 5 CYP). */
export const CORE20PLUS5_AREAS: readonly ClinicalArea[] = Object.freeze([
  {
    id: 'adult-maternity',
    population: 'adults',
    name: 'Maternity',
    focus:
      'Ensuring continuity of care for women from Black, Asian and minority ethnic communities and from the most deprived groups (originally "for 75% of women"; this model of care requires appropriate staffing levels to be implemented safely).',
    metric: 'Percentage of women placed on a midwifery continuity of carer pathway, by ethnicity and IMD quintile',
    numerator: 'Women booked for antenatal care who are placed on a continuity of carer pathway by 28 weeks',
    denominator: 'Women booked for antenatal care (Black, Asian and minority ethnic women; women living in Core20 areas)',
    ambition: {
      value: 75,
      unit: '%',
      year: null,
      text: 'Continuity of care for 75% of women from Black, Asian and minority ethnic communities and from the most deprived groups (the 2021 wording; later wording drops the 75% and ties roll-out to safe staffing)',
      verified: true,
    },
    polarity: 'high-is-good',
    dataSource: 'NHS Digital Maternity Services Data Set (MSDS)',
    reference: [ADULTS_URL],
    local: false,
    notes: 'The national continuity of carer target was withdrawn as a fixed date in 2022; report progress without a trajectory unless a local target is set.',
  },
  {
    id: 'adult-smi',
    population: 'adults',
    name: 'Severe mental illness (SMI)',
    focus: 'Ensuring annual health checks for 60% of those living with SMI (bringing SMI in line with the success seen in learning disabilities).',
    metric: 'Percentage of people on the GP SMI register who received all six elements of the physical health check in the last 12 months',
    numerator: 'People on the SMI register with a complete annual physical health check (6 elements) in the previous 12 months',
    denominator: 'People on the GP SMI register',
    ambition: { value: 60, unit: '%', year: null, text: 'Annual health checks for 60% of those living with SMI', verified: true },
    polarity: 'high-is-good',
    dataSource: 'NHS England, Physical health checks for people with severe mental illness (quarterly); QOF MH register',
    reference: [ADULTS_URL],
    local: false,
  },
  {
    id: 'adult-respiratory',
    population: 'adults',
    name: 'Chronic respiratory disease',
    focus:
      'A clear focus on chronic obstructive pulmonary disease (COPD), driving up uptake of COVID-19, flu and pneumonia vaccines to reduce infective exacerbations and emergency hospital admissions due to those exacerbations.',
    metric: 'Vaccine uptake (flu, COVID-19, pneumococcal) among people with COPD; emergency admissions for COPD exacerbations per 100,000',
    numerator: 'People on the COPD register vaccinated (by vaccine); or emergency admissions for COPD',
    denominator: 'People on the GP COPD register; or the resident population (age-standardised rate)',
    ambition: null,
    polarity: 'high-is-good',
    dataSource: 'UKHSA vaccine uptake (GP patients in clinical risk groups); QOF COPD register; Hospital Episode Statistics',
    reference: [ADULTS_URL],
    local: false,
    notes: 'No numeric national ambition: track against England or the rest of the area. Polarity is for vaccine uptake (admissions: low is good).',
  },
  {
    id: 'adult-cancer',
    population: 'adults',
    name: 'Early cancer diagnosis',
    focus: '75% of cases diagnosed at stage 1 or 2 by 2028.',
    metric: 'Percentage of cancers diagnosed at stage 1 or 2 (of cancers with a known stage, the NHS Long Term Plan basket of cancer sites)',
    numerator: 'New cancer diagnoses at stage 1 or 2',
    denominator: 'New cancer diagnoses with a known stage (stageable cancers)',
    ambition: { value: 75, unit: '%', year: 2028, text: '75% of cases diagnosed at stage 1 or 2 by 2028', verified: true },
    polarity: 'high-is-good',
    dataSource: 'NHS Digital / NDRS Rapid Cancer Registration Data; Cancer Data (stage at diagnosis) by ICB and IMD quintile',
    reference: [ADULTS_URL],
    local: false,
  },
  {
    id: 'adult-hypertension',
    population: 'adults',
    name: 'Hypertension case-finding and optimal management',
    focus:
      'Hypertension case-finding, to allow for interventions to optimise blood pressure and minimise the risk of myocardial infarction and stroke; later framed as hypertension case-finding and optimal management, and lipid optimal management.',
    metric: 'Percentage of patients with hypertension treated to target as per NICE guidance (age < 80: ≤ 140/90 mmHg; age ≥ 80: ≤ 150/90 mmHg)',
    numerator:
      'Patients on the hypertension register whose last blood pressure reading (in the last 12 months) is at or below the NICE threshold for their age',
    denominator: 'Patients on the GP hypertension register',
    ambition: {
      value: 77,
      unit: '%',
      year: 2024,
      text: '77% of patients with hypertension treated to target (NICE threshold) by March 2024 (NHS England 2023/24 priorities and operational planning guidance; 80% by March 2025 in the 2024/25 guidance)',
      verified: false,
    },
    polarity: 'high-is-good',
    dataSource: 'CVDPREVENT audit (by ICB, PCN, practice and IMD quintile); QOF HYP indicators',
    reference: [ADULTS_URL, 'https://stpsupport.nice.org.uk/cvd-prevention-hypertension/index.html'],
    local: false,
    notes:
      'The 77% and 80% figures come from NHS England planning guidance, not the Core20PLUS5 page; they were not found in the searched copies: check the current planning guidance before quoting. The older PHE/NHS 2029 ambition is 80% of those diagnosed treated to the NICE target (NICE, "CVD prevention: detecting and treating hypertension").',
  },
  {
    id: 'cyp-asthma',
    population: 'cyp',
    name: 'Asthma',
    focus: 'Address over-reliance on reliever medications and decrease the number of asthma attacks.',
    metric: 'Emergency admissions for asthma, ages 0-18, per 100,000; share of CYP with asthma prescribed more than 6 (SABA) relievers a year',
    numerator: 'Emergency hospital admissions for asthma in people aged 0-18',
    denominator: 'Resident population aged 0-18',
    ambition: null,
    polarity: 'low-is-good',
    dataSource: 'OHID Fingertips Child and Maternal Health (admissions for asthma, under 19s); prescribing data',
    reference: [CYP_URL, CYP_INFOGRAPHIC],
    local: false,
  },
  {
    id: 'cyp-diabetes',
    population: 'cyp',
    name: 'Diabetes',
    focus:
      'Increase access to real-time continuous glucose monitors and insulin pumps in the most deprived quintiles and from ethnic minority backgrounds; increase the proportion of CYP with type 2 diabetes receiving annual health checks.',
    metric:
      'Percentage of CYP with type 1 diabetes using real-time CGM / insulin pumps, by IMD quintile and ethnicity; percentage of CYP with type 2 diabetes with all annual health checks',
    numerator: 'CYP with type 1 diabetes using rtCGM (or a pump); CYP with type 2 diabetes with complete annual checks',
    denominator: 'CYP with type 1 (or type 2) diabetes in paediatric diabetes units',
    ambition: null,
    polarity: 'high-is-good',
    dataSource: 'National Paediatric Diabetes Audit (NPDA, RCPCH)',
    reference: [CYP_URL, CYP_INFOGRAPHIC],
    local: false,
  },
  {
    id: 'cyp-epilepsy',
    population: 'cyp',
    name: 'Epilepsy',
    focus: 'Increase access to epilepsy specialist nurses and ensure access in the first year of care for those with a learning disability or autism.',
    metric: 'Percentage of CYP with epilepsy with input from an epilepsy specialist nurse within the first year of care (by learning disability / autism)',
    numerator: 'CYP with epilepsy seen by an epilepsy specialist nurse in their first year of care',
    denominator: 'CYP with newly diagnosed epilepsy',
    ambition: null,
    polarity: 'high-is-good',
    dataSource: 'Epilepsy12 national clinical audit (RCPCH)',
    reference: [CYP_URL, CYP_INFOGRAPHIC],
    local: false,
  },
  {
    id: 'cyp-oral-health',
    population: 'cyp',
    name: 'Oral health',
    focus: 'Address the backlog for tooth extractions in hospital for the under 10s.',
    metric: 'Hospital tooth extractions due to decay in children aged under 10, per 100,000; waiting list for extractions',
    numerator: 'Hospital episodes for tooth extraction with a primary diagnosis of dental caries, ages 0-9',
    denominator: 'Resident population aged 0-9',
    ambition: null,
    polarity: 'low-is-good',
    dataSource: 'OHID Hospital tooth extractions in 0 to 19 year olds (HES); Fingertips',
    reference: [CYP_URL, CYP_INFOGRAPHIC],
    local: false,
  },
  {
    id: 'cyp-mental-health',
    population: 'cyp',
    name: 'Mental health',
    focus:
      "Improve access rates to children and young people's mental health services for 0-17 year olds, for certain ethnic groups, age, gender and deprivation.",
    metric:
      'CYP aged 0-17 with at least one contact with NHS-funded mental health services in the last 12 months, per 100,000 (or % of population), by ethnicity, age, gender and IMD',
    numerator: 'CYP aged 0-17 with one or more contacts with NHS-funded CYP mental health services in the rolling 12 months',
    denominator: 'Resident population aged 0-17',
    ambition: null,
    polarity: 'high-is-good',
    dataSource: 'Mental Health Services Data Set (MHSDS), NHS Digital',
    reference: [CYP_URL, CYP_INFOGRAPHIC],
    local: false,
  },
] as ClinicalArea[]);

/**
 * A local clinical area as an analyst writes it in JSON: the same fields as {@link ClinicalArea}
 * except `local` (always true) and `polarity`, which accepts any polarity input
 * (`high-is-good`, `low-is-good`, Fingertips IDs 1/0/99).
 */
export type LocalClinicalAreaInput = Omit<ClinicalArea, 'local' | 'polarity' | 'reference' | 'ambition'> & {
  polarity: string | number;
  reference?: string[];
  ambition?: Ambition | null;
};

const REQUIRED_TEXT: (keyof ClinicalArea)[] = ['id', 'name', 'focus', 'metric', 'numerator', 'denominator', 'dataSource'];

/**
 * The catalogue: the ten national areas plus local additions given as objects (e.g. parsed from a
 * JSON file), each validated: required text fields, `population` adults|cyp, a known polarity, a
 * numeric ambition with unit and year if present, and an id not already used. Problems are one-line
 * HealthgapErrors naming the entry and field.
 *
 * @example
 * clinicalAreas([{ id: 'adult-diabetes', population: 'adults', name: 'Diabetes', focus: 'Black Country local sixth area',
 *   metric: '% of people with diabetes receiving all 8 care processes', numerator: '…', denominator: '…',
 *   polarity: 'high-is-good', dataSource: 'National Diabetes Audit' }]).length // 11
 */
export function clinicalAreas(local: readonly unknown[] = []): ClinicalArea[] {
  const out: ClinicalArea[] = CORE20PLUS5_AREAS.map((a) => ({ ...a }));
  const ids = new Set(out.map((a) => a.id));
  local.forEach((raw, i) => {
    const where = `local clinical area ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new HealthgapError(`${where}: expected an object with id, population, name, focus, metric, numerator, denominator, polarity, dataSource`);
    const e = raw as Record<string, unknown>;
    const name = typeof e.id === 'string' ? `${where} ("${e.id}")` : where;
    for (const f of REQUIRED_TEXT) {
      if (typeof e[f] !== 'string' || (e[f] as string).trim() === '') throw new HealthgapError(`${name}: field "${f}" must be non-empty text`);
    }
    if (e.population !== 'adults' && e.population !== 'cyp')
      throw new HealthgapError(`${name}: field "population" must be "adults" or "cyp", found ${JSON.stringify(e.population)}`);
    if (ids.has(e.id as string)) throw new HealthgapError(`${name}: id "${e.id}" is already in the catalogue`);
    let polarity: Polarity;
    try {
      polarity = normalisePolarity(e.polarity as string);
    } catch {
      throw new HealthgapError(`${name}: field "polarity" must be high-is-good, low-is-good or no-judgement, found ${JSON.stringify(e.polarity)}`);
    }
    let ambition: Ambition | null = null;
    if (e.ambition !== undefined && e.ambition !== null) {
      const a = e.ambition as Record<string, unknown>;
      if (typeof a !== 'object' || typeof a.value !== 'number' || !Number.isFinite(a.value))
        throw new HealthgapError(`${name}: ambition.value must be a number`);
      if (typeof a.unit !== 'string') throw new HealthgapError(`${name}: ambition.unit must be text such as "%"`);
      if (a.year !== null && a.year !== undefined && (typeof a.year !== 'number' || !Number.isInteger(a.year)))
        throw new HealthgapError(`${name}: ambition.year must be a year such as 2028, or null`);
      ambition = {
        value: a.value,
        unit: a.unit,
        year: (a.year as number | undefined) ?? null,
        text: typeof a.text === 'string' ? a.text : `${a.value}${a.unit}`,
        verified: a.verified === true,
      };
    }
    if (e.reference !== undefined && (!Array.isArray(e.reference) || e.reference.some((r) => typeof r !== 'string')))
      throw new HealthgapError(`${name}: reference must be a list of text (URLs)`);
    ids.add(e.id as string);
    out.push({
      id: e.id as string,
      population: e.population,
      name: e.name as string,
      focus: e.focus as string,
      metric: e.metric as string,
      numerator: e.numerator as string,
      denominator: e.denominator as string,
      ambition,
      polarity,
      dataSource: e.dataSource as string,
      reference: (e.reference as string[] | undefined) ?? [],
      local: true,
      notes: typeof e.notes === 'string' ? e.notes : undefined,
    });
  });
  return out;
}

/**
 * One clinical area by id (from the national catalogue plus any local areas given).
 *
 * @example clinicalArea('adult-cancer').ambition?.value // 75
 */
export function clinicalArea(id: string, local: readonly unknown[] = []): ClinicalArea {
  const all = clinicalAreas(local);
  const a = all.find((x) => x.id === id);
  if (!a) throw new HealthgapError(`unknown Core20PLUS5 clinical area "${id}"; known: ${all.map((x) => x.id).join(', ')}`);
  return a;
}
