/**
 * healthgap geography: places and hierarchies in two vintages (current 2024: LSOA 2021, ward,
 * LAD 2023/2024, UTLA 2023, sub-ICB and ICB 2024, NHS region, region; 2019: LSOA 2011, LAD/UTLA
 * 2019, CCG 2020, STP 2020, sub-ICB and ICB 2022), place-name resolution, mapping across
 * vintages, LA code history and PCNs. See docs/geography.md.
 */
export * from './levels.js';
export { normalisePlaceName, placeNameAliases, closeMatches } from './names.js';
export {
  Geography,
  AmbiguousAreaError,
  type ResolvedArea,
  type AreaMatch,
  type AreaInput,
  type GeographySources,
  type GeographyColumns,
  type SuccessorArea,
  type ResolveOptions,
} from './geography.js';
export { getGeography, currentGeography } from './vintages.js';
export { PlaceNameIndex } from './resolve.js';
export {
  findPlace,
  mapAreaToVintage,
  bridgeLsoas,
  lsoasForPlace,
  type PlaceLsoas,
  type PlaceMatch,
  type VintageMapping,
  type VintageTarget,
  type AreaRelationship,
} from './successors.js';
export { deriveIcbs, ladIcbAreaShares, type IcbDerivation, type LadIcbAssignment, type IcbMethod, type AreaShare } from './icb.js';
export {
  currentCode,
  mapToCurrentCodes,
  TOOLKIT_LA_GEOGRAPHY,
  type CodeMapping,
  type CodeMappingResult,
  type CodeChange,
  type CodeTarget,
  type MapCodesOptions,
} from './codes.js';
export { resolveArea, parentOf, ancestors, childrenOf, lsoasIn, areasAt, areaName, type VintageOption } from './api.js';
export { areaPopulation, type AreaPopulation } from './population.js';
export * from './practices.js';
export { areaCensusPopulation, censusAgesByLsoa, type CensusPopulation } from './census.js';
export { allPcns, pcnOfPractice, resolvePcn, type Pcn } from './pcn.js';
export {
  pcnNeighbourhood,
  wardNeighbourhood,
  lsoaListNeighbourhood,
  practiceListNeighbourhood,
  polygonNeighbourhood,
  resolveNeighbourhood,
  readLsoaList,
  bridgeLsoa2011Set,
  neighbourhoodCensusPopulation,
  wardsOf,
  pcnsOf,
  titleCasePcn,
  LSOA_BRIDGE_RULE,
  LSOA_POINT_RULE,
  TOUCH_THRESHOLD,
  type Neighbourhood,
  type NeighbourhoodLevel,
  type NeighbourhoodQuery,
  type TouchedArea,
  type LsoaListOptions,
  type LsoaListSource,
} from './neighbourhood.js';
export { lsoaBridgeGroups, patientsByLsoa2021, NEIGHBOURHOOD_REGISTRATIONS, type LsoaBridgeGroups, type PatientsByLsoa2021 } from './neighbourhoodLinks.js';
