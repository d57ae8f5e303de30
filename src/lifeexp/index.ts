/**
 * healthgap life expectancy: LE by place, sex and age with CIs (Chiang II / Silcocks via the
 * statistics core), gaps to comparators with significance and sentences, inequality by
 * deprivation (gap, SII, RII), healthy life expectancy (Sullivan), and the Arriaga decomposition of
 * a gap by age and cause. See docs/life-expectancy.md.
 */
export { leToLifeTableBands, lePoolYears, LE_BANDS_90, LE_BANDS_85, type LeBandOptions, type LePoolOptions } from './bands.js';
export { leEstimate, leLifeTable, leByGroup, leBandLabels, leProblemText, type LeBandsInput, type LeEstimate, type LeByGroupOptions } from './estimate.js';
export {
  leAreaInput,
  leAggregationNote,
  leInputs,
  LE_BUNDLED_YEARS,
  leAreaInput2014,
  leInputs2014,
  leResolveArea,
  ISLES_OF_SCILLY,
  CORNWALL,
  type LeAreaInput,
  type LeDataLevel,
  type LeDataOptions,
  type LeInputsOptions,
  type LeAreaInput2014,
  type Le2014Level,
} from './bundled.js';
export {
  leDifference,
  leGapSize,
  leSentence,
  leGapTable,
  type LeGapTableOptions,
  type LeValue,
  type LeGap,
  type LeGapJudgement,
  type LeSentenceInput,
} from './gap.js';
export {
  leArriaga,
  leDecomposeGap,
  leArriagaByCause,
  LE_OTHER_CAUSES,
  type LeAgeContribution,
  type LeDecomposition,
  type LeCauseDeaths,
  type LeCauseContribution,
} from './arriaga.js';
export { leByDeprivation, leInequality, type LeByDeprivationOptions, type LeInequalityOptions } from './inequality.js';
export { leSullivanHle, leHleSummary, leHleGap, type LeSullivanResult, type LeSullivanOptions, type LeHleValues, type LeHleSummary } from './hle.js';
export { leDeprivationSeries, leGapByAgeRows, leGapByCauseRows, type LeDeprivationPoint, type LeDeprivationSeries } from './chartData.js';
export { leComparePlace, leComparePlace2014, type LePlaceComparison, type LeComparePlaceOptions } from './place.js';
export { leByUtlaDeprivation, leUtlaImdScores, leAreaImdScore, leDecileForScore, type LeDeprivationEngland } from './byAuthorityDeprivation.js';
