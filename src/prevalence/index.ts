/**
 * healthgap prevalence: QOF recorded prevalence for practices and roll-ups (PCN, CCG/sub-ICB,
 * STP, NHS region, LAD, UTLA, ICB 2022, region, England), comparisons with England and parents,
 * expected prevalence and diagnosis rates, age-standardised prevalence, practice funnels,
 * prevalence by deprivation, chart inputs and narrative. See docs/prevalence.md.
 */
export { QOF_REGISTERS, qofRegister, qofAgeBase, type QofRegister, type QofAgeBase } from './registers.js';
export { practicePrevalence, resolveQofInput, ageBaseOf, BUNDLED_QOF_LABEL, type QofInput } from './recorded.js';
export {
  practiceWeights,
  customPracticeWeights,
  normalisePrevalenceLevel,
  normalizePrevalenceLevel,
  PREVALENCE_LEVELS,
  MEMBERSHIP_LEVELS,
  RESIDENCE_LEVELS,
  PREVALENCE_LEVEL_LABELS,
  PREVALENCE_PARENT_LEVEL,
  type PrevalenceLevel,
  type PracticeWeights,
} from './membership.js';
export { rollUpPrevalence, prevalenceByLevel, type RollUpOptions, type PrevalenceRollUp } from './rollup.js';
export { comparePrevalence, prevalenceRanks, type ComparePrevalenceOptions } from './compare.js';
export { prevalenceProfile, type PrevalenceProfile, type PrevalenceProfileOptions } from './profile.js';
export {
  readExpectedPrevalence,
  expectedFromRates,
  expectedHypertensionHse2022,
  diagnosisRate,
  compareRecordedToExpected,
  HSE2022_AGE_BANDS,
  type ExpectedFromRatesOptions,
  type DiagnosisRate,
  type RecordedExpectedOptions,
} from './expected.js';
export { esp2013ForBands, ageStandardisedPrevalence, type AgeStandardisedOptions } from './standardised.js';
export { practiceFunnel, type PracticeFunnel, type PracticeFunnelOptions } from './variation.js';
export { prevalenceByDeprivation, type DeprivationGrouping, type PrevalenceByDeprivationOptions } from './deprivation.js';
export {
  prevalenceFunnelChartData,
  prevalenceBarData,
  prevalenceSpineRow,
  prevalenceNarrative,
  diagnosisNarrative,
  funnelNarrative,
  deprivationNarrative,
  indicatorName,
  formatPrevalenceNumber,
  type PrevalenceBar,
} from './present.js';
export {
  neighbourhoodPrevalence,
  neighbourhoodPracticeShares,
  NEIGHBOURHOOD_REGISTERS,
  type NeighbourhoodPrevalenceRow,
  type NeighbourhoodPracticeShare,
} from './neighbourhood.js';
