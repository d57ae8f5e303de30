/** Neighbourhood profiles: PCNs, wards and analyst-defined areas (see build.ts). */
export { buildNeighbourhoodProfile, type NeighbourhoodProfileOptions } from './build.js';
export { generateNeighbourhoodProfiles, neighbourhoodJobs, type NeighbourhoodBatchOptions, type NeighbourhoodJob } from './batch.js';
