/**
 * Comparators: an open nearest-neighbour model ("statistical neighbours") for local authorities
 * (LAD 2024, UTLA 2023) and ICBs (2024) on bundled open variables, and comparisons of a place
 * with its neighbours.
 */
export { nearestNeighbours, type AreaVariables, type Neighbour, type NeighbourOptions, type NeighbourResult, type VariableContribution } from './model.js';
export { comparatorVariables, sphericalAreaKm2, DEFAULT_COMPARATOR_VARIABLES, type ComparatorLevel, type ComparatorVariable } from './variables.js';
export {
  findNeighbours,
  findArea,
  joinVariables,
  readVariablesCsv,
  compareWithNeighbours,
  type FindNeighboursOptions,
  type PlaceNeighbours,
  type NeighbourComparison,
} from './neighbours.js';
