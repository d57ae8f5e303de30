/**
 * healthgap Core20PLUS5: NHS England's approach to reducing healthcare inequalities as reusable
 * transforms on real data — Core20 flags and population shares (IMD 2019 national deciles 1-2,
 * IoD2019 File 6 mid-2015 denominators), Core20 vs the rest and PLUS-group gaps with confidence
 * intervals, the clinical areas catalogue (5 adult + 5 CYP, local additions by configuration),
 * tracking against ambitions, and the Core20 summary of a place. See docs/core20plus5.md.
 */
export {
  CORE20_DECILES,
  CORE20_DENOMINATOR,
  CORE20_PRACTICE_DENOMINATOR,
  imdQuintileOfDecile,
  isCore20Decile,
  flagCore20,
  core20Population,
  core20ByArea,
  core20BandTable,
  localDeciles,
  regionOf,
  type FlagCore20Options,
  type DeprivationBand,
  type Core20Population,
  type Core20Place,
  type LocalDecileOptions,
} from './core20.js';
export {
  compareProportions,
  compareRates,
  compareValues,
  groupGap,
  core20Gap,
  CORE20_LABEL,
  CORE20_REST_LABEL,
  type GapStatistic,
  type ValueCI,
  type GroupComparison,
  type GroupGapOptions,
  type Core20GapOptions,
} from './gap.js';
export { CORE20PLUS5_AREAS, clinicalAreas, clinicalArea, type Ambition, type ClinicalArea, type LocalClinicalAreaInput } from './catalogue.js';
export {
  periodYear,
  trackAmbition,
  trackAmbitionTable,
  type AmbitionStatus,
  type Rag,
  type TrackingPoint,
  type TrackingOptions,
  type TrackingResult,
  type TrackingTableOptions,
} from './tracking.js';
export { core20Summary, type Core20Summary, type Core20ChartDecile } from './summary.js';
// GP practices on IMD 2025: estimated through the LSOA 2011 → 2021 lookup, with its range
export { practiceCore20Imd2025, PRACTICE_IMD2025_ESTIMATE_METHOD, type PracticeCore20Imd2025 } from './practiceImd2025.js';
// IMD 2025 (LSOA 2021, Census 2021 populations), the IMD 2019 → 2025 transition and PLUS ethnicity
export {
  DEFAULT_IMD,
  CORE20_DENOMINATOR_2025,
  PRACTICE_IMD2025_UNAVAILABLE,
  imdGeography,
  parseImdVintage,
  imdDecilesByLsoa,
  type ImdVintage,
  type Core20Options,
} from './core20.js';
export {
  core20Transition,
  transitionTable,
  transitionNarrative,
  CORE20_CHANGES,
  type Core20Change,
  type Core20Transition,
  type TransitionCount,
} from './transition.js';
export { plusEthnicity, plusEthnicityTable, plusEthnicityNarrative, type PlusEthnicity, type EthnicityRow, type LsoaArea } from './plus.js';
export { neighbourhoodCore20, neighbourhoodEthnicity, APPORTIONED_RESIDENTS } from './neighbourhood.js';
