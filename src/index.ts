/**
 * healthgap: the public API, `import { … } from 'healthgap'`. An explicit list, grouped the way
 * the toolkit is layered (docs/architecture.md): core, methods, readers, geography, domain,
 * charts, report. Helpers used only inside the toolkit are not exported; the kit for writing new
 * table verbs is the `healthgap/verb-kit` subpath, the notebook helpers `healthgap/notebook`.
 *
 * To add a module: add its block at the end of its group (or a new group at the end of the file),
 * one `export { … }` and one `export type { … }` per source file, then run `npm run docs:api`.
 * Every name here must have a doc comment: docs/api.md is generated from them.
 */

// ── core: errors, reader notes, rounding rules and shared types, which every layer may use.

export { HealthgapError, InputError, isHealthgapError, UnknownAreaError } from './core/errors.js';
export type { InputLocation } from './core/errors.js';
export { readerNotes, withNotes } from './core/notes.js';
export { formatFixed, formatSignificant, roundHalfAway, roundHalfEven } from './core/rounding.js';
export { quantileType7 } from './core/rmath.js';
export type { Polarity, SignificanceLabel, ValueCI } from './core/types.js';

// ── methods: PHEindicatormethods ports, Fingertips comparators and trends, funnel plots, distributions, descriptive statistics.

export { pchisq, pnorm, ppois, qchisq, qnorm, qt } from './stats/distributions.js';
export {
  byarsInterval,
  byarsLower,
  byarsUpper,
  exactPoissonInterval,
  poissonCountInterval,
  SMALL_COUNT_THRESHOLD,
  wilsonInterval,
} from './stats/confidence.js';
export type { ConfidenceInput, Interval } from './stats/confidence.js';
export type { OutputType, VerbSource } from './stats/verb.js';
export { proportion, proportionLimits, proportionStatistic, proportionWithCI } from './stats/proportion.js';
export type { ProportionLimits, ProportionOptions } from './stats/proportion.js';
export { rate, rateWithCI } from './stats/rate.js';
export type { RateOptions } from './stats/rate.js';
export { mean, meanWithCI } from './stats/mean.js';
export type { MeanOptions, MeanSummary } from './stats/mean.js';
export { dsr, DSR_NONINDEPENDENT_METHOD, DSR_SUPPRESSED_STATISTIC, DSR_ZERO_POPULATION_STATISTIC, dsrWithCI, ESP2013, ESP2013_AGE_BANDS } from './stats/dsr.js';
export type { DsrOptions, DsrResult } from './stats/dsr.js';
export { isRate, isRateWithCI, isRatio, isRatioWithCI, isrRate, isrRateWithCI, isrRatio, isrRatioWithCI } from './stats/isr.js';
export type { IsRateOptions, IsRatioOptions, IsrOptions, IsrRateOptions, IsrRatioOptions } from './stats/isr.js';
export {
  LE_AGE_CONTENTS_80,
  LE_AGE_CONTENTS_85,
  LE_AGE_CONTENTS_90,
  LE_METHOD,
  LE_MIN_TOTAL_POPULATION,
  lifeExpectancy,
  lifeExpectancyBands,
  lifeTable,
} from './stats/lifeExpectancy.js';
export type { LifeExpectancyBands, LifeExpectancyOptions, LifeExpectancyProblem, LifeTable, LifeTableOptions } from './stats/lifeExpectancy.js';
export { assignQuantiles, invertFromPolarity, quantile, quantileOf } from './stats/quantile.js';
export type { QuantileOptions } from './stats/quantile.js';
export { normalisePolarity, normalizePolarity } from './stats/polarity.js';
export type { ComparatorMethodId, ComparatorMethodInput, PolarityInput } from './stats/polarity.js';
export { compareToBenchmark, fingertipsQuantileBounds, fingertipsQuantileCategory, spcPoissonLimits, spcProportionLimits } from './stats/benchmark.js';
export type { BenchmarkArea, BenchmarkComparison, BenchmarkValue, CompareOptions, CompareTableOptions } from './stats/benchmark.js';
export { compareProportions, compareRates, compareValues } from './stats/groupComparison.js';
export type { GroupComparison } from './stats/groupComparison.js';
export { describe, describeValues } from './stats/describe.js';
export type { DescribeOptions, Description } from './stats/describe.js';
export { recentTrend, TREND_CHI_SQUARED_THRESHOLD, TREND_POINTS } from './stats/trend.js';
export type { RecentTrendLabel, RecentTrendOptions, RecentTrendResult, RecentTrendTableOptions, TrendPoint, TrendTest } from './stats/trend.js';
export { sii, siiArea, siiSeFromLimits } from './stats/sii.js';
export type { SiiOptions, SiiResult, SiiValueType } from './stats/sii.js';
export { funnelLabel, funnelLimits, funnelPoints, funnelSignificance } from './stats/funnel.js';
export { checkFunnelOverdispersion, FUNNEL_LABELS, FUNNEL_OVERDISPERSION, funnelAxis } from './stats/funnelBase.js';
export type { FunnelLabel, FunnelOptions, FunnelOverdispersion } from './stats/funnelBase.js';
export { funnelDispersion, funnelDispersionOf, overdispersedFunnelLimit, overdispersedLabel, overdispersionMethodText } from './stats/funnelOverdispersion.js';
export type { FunnelDispersion } from './stats/funnelOverdispersion.js';
export { cmf, CMF_METHOD, CMF_SUPPRESSED_STATISTIC, cmfWithCI } from './stats/burden/cmf.js';
export type { CmfOptions } from './stats/burden/cmf.js';
export { BEST_QUARTILE, excessDeaths, excessWithCI } from './stats/burden/excess.js';
export type { ExcessOptions } from './stats/burden/excess.js';
export { pyll, pyllYears, yll } from './stats/burden/yearsLost.js';
export type { PyllOptions, YearsLostMeasure, YearsLostOptions, YllOptions } from './stats/burden/yearsLost.js';
export { checkLifeTable, gbd2019ReferenceLifeTable, readLifeTableCsv, standardLifeExpectancyAt } from './stats/burden/lifeTable.js';
export type { StandardLifeTable } from './stats/burden/lifeTable.js';
export { bandMidpoint, ESP2013_FINE, esp2013Weight } from './stats/burden/bands.js';
export type { StandardPopulation } from './stats/burden/standard.js';
export { partOfSevenRun, sevenPointOneSideOfMean, sevenPointTrend, SPC_RUN_LENGTH, spcPointType, specialCauseTypes, twoInThree } from './stats/spcRules.js';
export type { SpcImprovement, SpcPointType, SpcSpecialCauseType } from './stats/spcRules.js';
export { formatSpcDate, parseSpcDate } from './stats/spcDates.js';
export {
  spc,
  SPC_ASSURANCE_TEXT,
  SPC_LIMIT,
  SPC_MIN_FIX_AFTER,
  SPC_MR_OUTLIER,
  SPC_NEAR_LIMIT,
  SPC_NO_FACET,
  SPC_SHORT_GROUP_THRESHOLD,
  SPC_VARIATION_TEXT,
  spcAssurance,
  spcSeries,
  spcSummaryTable,
  spcTable,
  spcVariationIcon,
  xmrLimits,
} from './stats/spc.js';
export type {
  SpcAssuranceType,
  SpcFacet,
  SpcInputPoint,
  SpcOptions,
  SpcResult,
  SpcRow,
  SpcSummaryRow,
  SpcTableOptions,
  SpcVariationIcon,
  XmrLimits,
} from './stats/spc.js';

// ── readers: bundled open data and analysts' own CSV files as typed arquero tables.

export { DEFAULT_READ_LIMITS, readLimits, readText } from './io/files.js';
export type { ReadLimits } from './io/files.js';
export { SUPPRESSION_MARKERS } from './io/cells.js';
export type { CellSpec, CellType } from './io/cells.js';
export { parseCsv, readCsvRecords, readCsvTable, readTypedCsv, typedTable } from './io/csv.js';
export type { ColumnSpec, CsvRecords, CsvTable, CsvTableOptions, ParseCsvOptions } from './io/csv.js';
export { readTypedCsvLean } from './io/csvLean.js';
export type { LeanCsvOptions } from './io/csvLean.js';
export { dataDir, dataPath, packageRoot } from './io/paths.js';
export { clearReaderCache } from './io/cache.js';
export { aggregateRecords, duckdbQuery, isDuckDbAvailable } from './io/duckdb.js';
export type { AggregateRecordsOptions, RecordAgeBands, RecordImdJoin, RecordMeasure } from './io/duckdb.js';
export { ageBandLabel, ESP2013_AGE_BANDS_19, ESP2013_AGE_BANDS_21, LIFE_TABLE_AGE_BANDS, LIFE_TABLE_AGE_BANDS_85, parseAgeBand } from './io/agebands.js';
export type { AgeBand } from './io/agebands.js';
export { IMD2019_LSOA_COUNT, IMD_DOMAINS, IMD_SCORE_COLUMNS, readImd, readImdDomains, readImdFile1, readImdPopulation, readImdScores } from './io/imd.js';
export { populationByAgeBand, readMye2, readMye3Components } from './io/population.js';
export type { AgeBandOptions, Mye2Options, SexLabel } from './io/population.js';
export { readDeaths2014, readDeathsByAgeBand } from './io/deaths.js';
export type { DeathsColumnMap, ReadDeathsOptions } from './io/deaths.js';
export { readQofAgeGroups, readQofDerivedPrevalence, readQofPrevalence } from './io/qof.js';
export { readGpPractices, readGpRegistrationsByLsoa, readPracticeMap2022, readPracticePcn2019 } from './io/practices.js';
export { FINGERTIPS_COLUMNS, parseFingertipsExport, readFingertipsExport } from './io/fingertips.js';
export type { FingertipsReadOptions } from './io/fingertips.js';
export { readEsp2013, readHse2022Hypertension } from './io/reference.js';
export { datasetCatalogue, DATASETS, findDataset } from './io/catalogue.js';
export type { DatasetInfo } from './io/catalogue.js';
export {
  readCcgStp2020,
  readLaCodeHistory,
  readLadPheCentre2019,
  readLsoaCcgLad2020,
  readLsoaGeography,
  readLsoaUtla2019,
  readLtlaUtla2019,
  readUtlaCodes,
} from './io/lookups.js';
export { BOUNDARY_FILES, featuresContaining, parseGeoJson, readBoundaries, readGeoJson } from './io/geojson.js';
export type {
  BoundaryFeature,
  BoundaryLevel,
  GeoJsonFeature,
  GeoJsonFeatureCollection,
  Geometry,
  MultiPolygonGeometry,
  PolygonGeometry,
  ReadBoundariesOptions,
} from './io/geojson.js';
export { IMD2025_DOMAINS, IMD2025_LSOA_COUNT, readImd2025, readImd2025IcbSummary, readImd2025LadSummary } from './io/imd2025.js';
export {
  LSOA_CHANGE_CODES,
  readLad22Lad23,
  readLad23Region23,
  readLad23Utla23,
  readLadRegion2022,
  readLsoa11Icb2022,
  readLsoa11Lsoa21,
  readLsoa21Icb2024,
  readLsoa21Ward2024,
  readSubIcbIcbRegion2022,
} from './io/lookups2021.js';
export type { LsoaChangeCode } from './io/lookups2021.js';
export {
  CENSUS2021_AGE_GROUPS,
  CENSUS2021_DENOMINATOR,
  ETHNIC_GROUPS_BROAD,
  ETHNIC_GROUPS_DETAILED,
  readCensus2021AgeLsoa,
  readCensus2021EthnicityLad,
  readCensus2021EthnicityLsoa,
} from './io/census2021.js';
export type { EthnicGroup } from './io/census2021.js';
export { readEpcn2023 } from './io/epcn.js';
export { aeFourHourPerformance, readAeAttendances } from './io/aeAttendances.js';
export type { AeFourHourOptions, AeType } from './io/aeAttendances.js';

// ── geography: areas, hierarchies, codes, practices and populations.

export { normalisePlaceName } from './geography/names.js';
export { Geography } from './geography/geography.js';
export type { AreaInput, GeographyColumns, GeographySources, SuccessorArea } from './geography/geography.js';
export { AmbiguousAreaError, PlaceNameIndex } from './geography/resolve.js';
export type { AreaMatch, ResolvedArea, ResolveOptions } from './geography/resolve.js';
export { currentGeography, getGeography } from './geography/vintages.js';
export { bridgeLsoas, findPlace, lsoasForPlace, mapAreaToVintage } from './geography/successors.js';
export type { AreaRelationship, PlaceLsoas, PlaceMatch, VintageMapping, VintageTarget } from './geography/successors.js';
export { deriveIcbs, ladIcbAreaShares } from './geography/icb.js';
export type { AreaShare, IcbDerivation, IcbMethod, LadIcbAssignment } from './geography/icb.js';
export { currentCode, mapToCurrentCodes, TOOLKIT_LA_GEOGRAPHY } from './geography/codes.js';
export type { CodeChange, CodeMapping, CodeMappingResult, CodeTarget, MapCodesOptions } from './geography/codes.js';
export { ancestors, areaName, areasAt, childrenOf, lsoasIn, parentOf, resolveArea } from './geography/api.js';
export type { VintageOption } from './geography/api.js';
export { areaPopulation } from './geography/population.js';
export type { AreaPopulation } from './geography/population.js';
export { areaCensusPopulation, censusAgesByLsoa } from './geography/census.js';
export type { CensusPopulation } from './geography/census.js';
export { allPcns, pcnOfPractice, resolvePcn } from './geography/pcn.js';
export type { Pcn } from './geography/pcn.js';
export {
  CURRENT_VINTAGE,
  ENGLAND_CODE,
  GEO_LEVEL_LABELS,
  GEO_LEVEL_PRIORITY,
  GEO_LEVEL_RANK,
  GEO_LEVELS,
  GEOGRAPHY_VINTAGES,
  isGeographyVintage,
  isGeoLevel,
  levelLabel,
  parseVintage,
  VINTAGE_LEVEL_LABELS,
  VINTAGE_LEVELS,
  VINTAGE_SHORT_LABELS,
} from './geography/levels.js';
export type { AreaRef, GeographyVintage, GeoLevel } from './geography/levels.js';
export { practiceAreaShares, practiceDeprivation, practiceName, practicePatientsByLsoa, practiceRegistrationNotes } from './geography/practices.js';
export type { PracticeRegistrationNotes, PracticeRegistrationOptions } from './geography/practices.js';

// ── domain: Core20PLUS5, life expectancy gaps, disease prevalence, statistical neighbours.

export {
  CORE20_DECILES,
  CORE20_DENOMINATOR,
  CORE20_DENOMINATOR_2025,
  CORE20_PRACTICE_DENOMINATOR,
  core20BandTable,
  core20ByArea,
  core20Population,
  DEFAULT_IMD,
  flagCore20,
  imdDecilesByLsoa,
  imdGeography,
  imdQuintileOfDecile,
  isCore20Decile,
  localDeciles,
  parseImdVintage,
  PRACTICE_IMD2025_UNAVAILABLE,
  regionOf,
} from './core20plus5/core20.js';
export type { Core20Options, Core20Place, Core20Population, DeprivationBand, FlagCore20Options, ImdVintage, LocalDecileOptions } from './core20plus5/core20.js';
export { CORE20_LABEL, CORE20_REST_LABEL, core20Gap, groupGap } from './core20plus5/gap.js';
export type { Core20GapOptions, GapStatistic, GroupGapOptions } from './core20plus5/gap.js';
export { clinicalArea, clinicalAreas, CORE20PLUS5_AREAS } from './core20plus5/catalogue.js';
export type { Ambition, ClinicalArea, LocalClinicalAreaInput } from './core20plus5/catalogue.js';
export { periodYear, trackAmbition, trackAmbitionTable } from './core20plus5/tracking.js';
export type { AmbitionStatus, Rag, TrackingOptions, TrackingPoint, TrackingResult, TrackingTableOptions } from './core20plus5/tracking.js';
export { core20Summary } from './core20plus5/summary.js';
export type { Core20ChartDecile, Core20Summary } from './core20plus5/summary.js';
export { CORE20_CHANGES, core20Transition, transitionNarrative, transitionTable } from './core20plus5/transition.js';
export type { Core20Change, Core20Transition, TransitionCount } from './core20plus5/transition.js';
export { plusEthnicity, plusEthnicityNarrative, plusEthnicityTable } from './core20plus5/plus.js';
export type { EthnicityRow, PlusEthnicity } from './core20plus5/plus.js';
export { LE_BANDS_85, LE_BANDS_90, lePoolYears, leToLifeTableBands } from './lifeexp/bands.js';
export type { LeBandOptions, LePoolOptions } from './lifeexp/bands.js';
export { leBandLabels, leByGroup, leEstimate, leLifeTable } from './lifeexp/estimate.js';
export type { LeBandsInput, LeByGroupOptions, LeEstimate } from './lifeexp/estimate.js';
export { CORNWALL, ISLES_OF_SCILLY, LE_BUNDLED_YEARS, leAreaInput, leAreaInput2014, leInputs, leInputs2014, leResolveArea } from './lifeexp/bundled.js';
export type { Le2014Level, LeAreaInput, LeAreaInput2014, LeDataLevel, LeDataOptions, LeInputsOptions } from './lifeexp/bundled.js';
export { leDifference, leGapSize, leGapTable, leSentence } from './lifeexp/gap.js';
export type { LeGap, LeGapJudgement, LeGapTableOptions, LeSentenceInput, LeValue } from './lifeexp/gap.js';
export { LE_OTHER_CAUSES, leArriaga, leArriagaByCause, leDecomposeGap } from './lifeexp/arriaga.js';
export type { LeAgeContribution, LeCauseContribution, LeCauseDeaths, LeDecomposition } from './lifeexp/arriaga.js';
export { leByDeprivation, leInequality } from './lifeexp/inequality.js';
export type { LeByDeprivationOptions, LeInequalityOptions } from './lifeexp/inequality.js';
export { leHleGap, leHleSummary, leSullivanHle } from './lifeexp/hle.js';
export type { LeHleSummary, LeHleValues, LeSullivanOptions, LeSullivanResult } from './lifeexp/hle.js';
export { leDeprivationSeries, leGapByAgeRows, leGapByCauseRows } from './lifeexp/chartData.js';
export type { LeDeprivationPoint, LeDeprivationSeries } from './lifeexp/chartData.js';
export { leComparePlace, leComparePlace2014 } from './lifeexp/place.js';
export type { LeComparePlaceOptions, LePlaceComparison } from './lifeexp/place.js';
export { leAreaImdScore, leByUtlaDeprivation, leDecileForScore, leUtlaImdScores } from './lifeexp/byAuthorityDeprivation.js';
export type { LeDeprivationEngland } from './lifeexp/byAuthorityDeprivation.js';
export { QOF_REGISTERS, qofAgeBase, qofRegister } from './prevalence/registers.js';
export type { QofAgeBase, QofRegister } from './prevalence/registers.js';
export { practicePrevalence } from './prevalence/recorded.js';
export type { QofInput } from './prevalence/recorded.js';
export {
  customPracticeWeights,
  MEMBERSHIP_LEVELS,
  normalisePrevalenceLevel,
  normalizePrevalenceLevel,
  practiceWeights,
  PREVALENCE_LEVEL_LABELS,
  PREVALENCE_LEVELS,
  PREVALENCE_PARENT_LEVEL,
  RESIDENCE_LEVELS,
} from './prevalence/membership.js';
export type { PracticeWeights, PrevalenceLevel } from './prevalence/membership.js';
export { prevalenceByLevel, rollUpPrevalence } from './prevalence/rollup.js';
export type { PrevalenceRollUp, RollUpOptions } from './prevalence/rollup.js';
export { comparePrevalence, prevalenceRanks } from './prevalence/compare.js';
export type { ComparePrevalenceOptions } from './prevalence/compare.js';
export { prevalenceProfile } from './prevalence/profile.js';
export type { PrevalenceProfile, PrevalenceProfileOptions } from './prevalence/profile.js';
export {
  compareRecordedToExpected,
  diagnosisRate,
  expectedFromRates,
  expectedHypertensionHse2022,
  HSE2022_AGE_BANDS,
  readExpectedPrevalence,
} from './prevalence/expected.js';
export type { DiagnosisRate, ExpectedFromRatesOptions, RecordedExpectedOptions } from './prevalence/expected.js';
export { ageStandardisedPrevalence, esp2013ForBands } from './prevalence/standardised.js';
export type { AgeStandardisedOptions } from './prevalence/standardised.js';
export { practiceFunnel } from './prevalence/variation.js';
export type { PracticeFunnel, PracticeFunnelOptions } from './prevalence/variation.js';
export { prevalenceByDeprivation } from './prevalence/deprivation.js';
export type { DeprivationGrouping, PrevalenceByDeprivationOptions } from './prevalence/deprivation.js';
export {
  deprivationNarrative,
  diagnosisNarrative,
  funnelNarrative,
  prevalenceBarData,
  prevalenceFunnelChartData,
  prevalenceNarrative,
  prevalenceSpineRow,
} from './prevalence/present.js';
export type { PrevalenceBar } from './prevalence/present.js';
export { nearestNeighbours } from './comparators/model.js';
export type { AreaVariables, Neighbour, NeighbourOptions, NeighbourResult, VariableContribution } from './comparators/model.js';
export { comparatorVariables, DEFAULT_COMPARATOR_VARIABLES, sphericalAreaKm2 } from './comparators/variables.js';
export type { ComparatorLevel, ComparatorVariable } from './comparators/variables.js';
export { compareWithNeighbours, findArea, findNeighbours, joinVariables, readVariablesCsv } from './comparators/neighbours.js';
export type { FindNeighboursOptions, NeighbourComparison, PlaceNeighbours } from './comparators/neighbours.js';

// ── charts: accessible Plotly figure specifications with data tables.

export type {
  ChartBreakpoint,
  ChartDataTable,
  ChartPolarity,
  ChartSpec,
  PlotlyConfig,
  PlotlyFigure,
  PlotlyLayout,
  PlotlyTrace,
  TableCell,
} from './charts/types.js';
export {
  CATEGORICAL_COLOURS,
  CORE20_COLOUR,
  FINGERTIPS_COLOURS,
  IMD_DECILE_COLOURS,
  IMD_QUINTILE_COLOURS,
  NON_CORE20_COLOUR,
  OKABE_ITO,
  sequentialColours,
  SEX_COLOURS,
  SIGNIFICANCE_ORDER,
  SIGNIFICANCE_STYLES,
  significanceStyle,
  viridis,
  VIRIDIS_COLORSCALE,
} from './charts/theme.js';
export type { SignificanceStyle } from './charts/theme.js';
export { SPINE_COLOURS, spineChart } from './charts/spine.js';
export type { SpineChartOptions, SpineIndicator } from './charts/spine.js';
export { FUNNEL_CATEGORIES, funnelCategory, funnelChart } from './charts/funnel.js';
export type { FunnelChartOptions, FunnelLimitRow, FunnelPoint, FunnelSignificance } from './charts/funnel.js';
export { leDeprivationChart } from './charts/leDeprivation.js';
export type { DeprivationPoint, DeprivationSeries, LeDeprivationOptions, SiiLine } from './charts/leDeprivation.js';
export { CAUSE_COLOURS, leGapByAgeChart, leGapByCauseChart } from './charts/leGap.js';
export type { GapByAgeRow, GapByCauseRow, LeGapOptions } from './charts/leGap.js';
export { core20ShareChart, core20Shares } from './charts/core20.js';
export type { Core20DecileRow, Core20ShareOptions } from './charts/core20.js';
export { pyramidChart, pyramidShares } from './charts/pyramid.js';
export type { PyramidOptions, PyramidRow, PyramidShares } from './charts/pyramid.js';
export { trendChart } from './charts/trend.js';
export type { TrendChartOptions, TrendChartPoint } from './charts/trend.js';
export { choroplethChart, classBreaks, DEFAULT_BOUNDARY_ATTRIBUTION, imdDecileCategories, imdQuintileCategories } from './charts/choropleth.js';
export type { ChoroplethOptions, GeoFeature, GeoFeatureCollection, GeoMultiPolygon, GeoPolygon, MapCategory, MapValue } from './charts/choropleth.js';
export { excessDeathsChart } from './charts/excessDeaths.js';
export type { ExcessDeathsChartOptions, ExcessDeathsRow } from './charts/excessDeaths.js';
export { SPC_ASSURANCE_ICON_TEXT, SPC_COLOURS, SPC_VARIATION_ICON_TEXT, spcAssuranceIconSvg, spcVariationIconSvg } from './charts/spcIcons.js';
export type { SpcAssuranceIconKey, SpcVariationIconKey } from './charts/spcIcons.js';
export { spcChart, spcPointTypeLabel } from './charts/spc.js';
export type { SpcChartOptions, SpcChartPoint } from './charts/spc.js';

// ── report: self-contained HTML reports and place profiles.

export type {
  CellValue,
  ChartDataTableLike,
  ColumnFormat,
  DataColumn,
  DataTable,
  FigureCountField,
  MethodsEntry,
  PlotlyMode,
  Report,
  ReportFigure,
  ReportIndexEntry,
  Section,
  SuppressionRule,
  TableSuppression,
} from './report/types.js';
export { renderDataTable, renderReport, renderReportWithStats, suppressReport } from './report/render.js';
export type { SuppressedReport } from './report/render.js';
export { writeIndexPage, writeReport } from './report/write.js';
export type { WrittenReport } from './report/write.js';
export { renderIndexPage } from './report/indexPage.js';
export type { IndexPageOptions } from './report/indexPage.js';
export {
  applyChartSuppression,
  applySuppression,
  chartDataTable,
  DEFAULT_SUPPRESSION,
  describeSuppressionRule,
  isSuppressedCount,
  resolveSuppressionRule,
} from './report/suppression.js';
export { renderMarkdown } from './report/markdown.js';
export { escapeHtml } from './report/escape.js';
export { formatCell } from './report/format.js';
export { dataTableFromArquero } from './report/arquero.js';
export { spcFromCsv, spcMethodsEntry, spcReport, spcSection } from './report/spcReport.js';
export type { SpcSectionOptions } from './report/spcReport.js';
export { buildPlaceProfile } from './report/profile/build.js';
export { allUtlaPlaces, generateProfiles, regionPlaces, SEED_PLACES } from './report/profile/batch.js';
export type { BatchProfileOptions, BatchResult, GenerateProfilesOptions, ProfileOutcome } from './report/profile/batch.js';
export { placeDisplayName, placeSlug, resolveProfilePlace } from './report/profile/place.js';
export type { ProfileLevel, ProfilePlace } from './report/profile/place.js';
export { PROFILE_SECTION_IDS, PROFILE_SECTION_TITLES } from './report/profile/types.js';
export type { CustomProfileSection, PlaceProfileOptions, ProfileSectionId } from './report/profile/types.js';
export { indicatorDefs, indicatorSet, placeIndicator, registerIndicatorProvider } from './report/profile/indicators.js';
export type { IndicatorDef, IndicatorProvider, IndicatorResult, IndicatorValue, PlaceIndicator } from './report/profile/indicators.js';
export { PROFILE_QOF_REGISTERS } from './report/profile/providers.js';
export { spcProfileSection } from './report/profile/sections/spc.js';
export type { SpcProfileSectionOptions } from './report/profile/sections/spc.js';
export { componentIndicators, placeComponents } from './report/profile/components.js';
export type { ProfileComponent } from './report/profile/components.js';
export { keyMessages } from './report/profile/sections/keyMessages.js';
export { practiceLabel, publishedName } from './report/profile/names.js';

// ── releases: the catalogue of bundled and added data releases, `data add` for official files, trends across periods.

export { addedReleases, bundledReleases, findRelease, listReleases, releasesDir } from './releases/catalogue.js';
export { addRelease, ReleaseRefusedError } from './releases/add.js';
export type { AddResult } from './releases/add.js';
export { RELEASE_KINDS } from './releases/types.js';
export type { ReleaseInfo, ReleaseKind, ReleaseProblem } from './releases/types.js';
export { financialYear, periodSortKey } from './releases/period.js';
export { qofCcgPrevalence } from './releases/qofCcgSeries.js';
export type { QofCcgPoint, QofCcgPrevalence, QofCcgSeries } from './releases/qofCcgSeries.js';

// ── release recognisers: readers of the tables `data add` stores for the added layouts.

export { MID_YEAR_LSOA_TOP_AGE, readMidYearLsoa } from './io/midYearLsoa.js';

// ── neighbourhoods: PCNs, wards and analyst-defined areas (LSOA lists, practice lists, polygons), their figures and profiles.

export {
  bridgeLsoa2011Set,
  LSOA_BRIDGE_RULE,
  LSOA_POINT_RULE,
  lsoaListNeighbourhood,
  neighbourhoodCensusPopulation,
  pcnNeighbourhood,
  pcnsOf,
  polygonNeighbourhood,
  practiceListNeighbourhood,
  readLsoaList,
  resolveNeighbourhood,
  wardNeighbourhood,
  wardsOf,
} from './geography/neighbourhood.js';
export type { LsoaListOptions, LsoaListSource, Neighbourhood, NeighbourhoodLevel, NeighbourhoodQuery, TouchedArea } from './geography/neighbourhood.js';
export { lsoaBridgeGroups, NEIGHBOURHOOD_REGISTRATIONS, patientsByLsoa2021 } from './geography/neighbourhoodLinks.js';
export type { LsoaBridgeGroups, PatientsByLsoa2021 } from './geography/neighbourhoodLinks.js';
export { APPORTIONED_RESIDENTS, neighbourhoodCore20, neighbourhoodEthnicity } from './core20plus5/neighbourhood.js';
export type { LsoaArea } from './core20plus5/plus.js';
export { NEIGHBOURHOOD_REGISTERS, neighbourhoodPracticeShares, neighbourhoodPrevalence } from './prevalence/neighbourhood.js';
export type { NeighbourhoodPracticeShare, NeighbourhoodPrevalenceRow } from './prevalence/neighbourhood.js';
export { buildNeighbourhoodProfile } from './report/profile/neighbourhood/build.js';
export type { NeighbourhoodProfileOptions } from './report/profile/neighbourhood/build.js';
export { generateNeighbourhoodProfiles, neighbourhoodJobs } from './report/profile/neighbourhood/batch.js';
export type { NeighbourhoodBatchOptions, NeighbourhoodJob } from './report/profile/neighbourhood/batch.js';

// ── geography and IMD 2025 across vintages: the 2023 authorities' life expectancy from their former districts, practices on IMD 2025 (estimate), transition maps.

export { leAggregationNote } from './lifeexp/bundled.js';
export { practiceCore20Imd2025, PRACTICE_IMD2025_ESTIMATE_METHOD } from './core20plus5/practiceImd2025.js';
export type { PracticeCore20Imd2025 } from './core20plus5/practiceImd2025.js';
export { BUNDLED_LSOA_BOUNDARIES, transitionMapNote } from './report/profile/maps.js';

// ── release trends: periods chosen in commands and profiles, trends wherever two or more periods exist.

export { core20Trend } from './core20plus5/trend.js';
export type { Core20Trend, Core20TrendPoint } from './core20plus5/trend.js';
export { addedLifeExpectancy } from './releases/leSeries.js';
export type { LeReleasePoint, LeReleaseSkipped } from './releases/leSeries.js';
export { chooseQofRelease } from './report/profile/releaseChoice.js';
export type { ProfileReleaseOptions } from './report/profile/releaseChoice.js';
export { placeCcgs } from './report/profile/trends.js';
export type { PlaceCcgs } from './report/profile/trends.js';
