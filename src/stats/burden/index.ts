/**
 * Burden measures: comparative mortality figures, excess deaths, potential years of life lost
 * before 75 and years of life lost against a standard life table.
 */
export { cmf, cmfWithCI, CMF_METHOD, CMF_SUPPRESSED_STATISTIC, type CmfOptions } from './cmf.js';
export { excessDeaths, excessWithCI, BEST_QUARTILE, type ExcessOptions } from './excess.js';
export { pyll, yll, pyllYears, type PyllOptions, type YllOptions, type YearsLostOptions, type YearsLostMeasure } from './yearsLost.js';
export { gbd2019ReferenceLifeTable, readLifeTableCsv, standardLifeExpectancyAt, checkLifeTable, type StandardLifeTable } from './lifeTable.js';
export { bandMidpoint, esp2013Weight, ESP2013_FINE } from './bands.js';
export type { StandardPopulation } from './standard.js';
