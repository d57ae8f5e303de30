/**
 * healthgap geography: places and hierarchies (LSOA 2011 → LAD 2019 → UTLA 2019 → region →
 * England; LAD → ICB 2023; CCG 2020 → STP 2020), place-name resolution and LA code history.
 * See docs/geography.md for levels, vintages, the ICB derivation and its limits.
 */
export * from './levels.js';
export { normalisePlaceName, placeNameAliases, closeMatches } from './names.js';
export { Geography, getGeography, AmbiguousAreaError, type ResolvedArea, type AreaMatch, type AreaInput, type GeographySources } from './geography.js';
export { deriveIcbs, ladIcbAreaShares, type IcbDerivation, type LadIcbAssignment, type IcbMethod, type AreaShare } from './icb.js';
export { currentCode, mapToCurrentCodes, TOOLKIT_LA_GEOGRAPHY, type CodeMapping, type CodeMappingResult, type CodeChange, type CodeTarget, type MapCodesOptions } from './codes.js';
export { resolveArea, parentOf, ancestors, childrenOf, lsoasIn, areasAt, areaName } from './api.js';
export { areaPopulation, type AreaPopulation } from './population.js';
export * from './practices.js';
