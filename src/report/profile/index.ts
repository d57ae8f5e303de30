/**
 * Place profiles: `buildPlaceProfile(place, options)` assembles a profile (who lives here, life
 * expectancy and its gaps, Core20PLUS5, prevalence and case-finding, practice variation, spine
 * chart summary, methods appendix) for any English local authority, ICB or region from the bundled
 * data; `generateProfiles` writes many with an index page. Shared data are read once per process.
 */
export { buildPlaceProfile, parseSectionList } from './build.js';
export { generateProfiles, generateOne, allUtlaPlaces, regionPlaces, SEED_PLACES, defaultProfileJobs } from './batch.js';
export type { BatchProfileOptions, BatchResult, GenerateProfilesOptions, ProfileOutcome } from './batch.js';
export { resolveProfilePlace, placeSlug, placeDisplayName, PEER_NAMES } from './place.js';
export type { ProfilePlace, ProfileLevel } from './place.js';
export { PROFILE_SECTION_IDS, PROFILE_SECTION_TITLES } from './types.js';
export type { ProfileSectionId, PlaceProfileOptions, CustomProfileSection } from './types.js';
export { indicatorSet, indicatorDefs, placeIndicator, registerIndicatorProvider } from './indicators.js';
export type { IndicatorDef, IndicatorValue, IndicatorResult, IndicatorProvider, PlaceIndicator } from './indicators.js';
export { PROFILE_QOF_REGISTERS, registerBuiltInProviders } from './providers.js';
export { CORE20PLUS5_PROFILE_DATA } from './sections/core20plus5.js';
export { leByUtlaDeprivation } from '../../lifeexp/byAuthorityDeprivation.js';
export { placeComponents, componentIndicators } from './components.js';
export type { ProfileComponent } from './components.js';
export { spcProfileSection } from './sections/spc.js';
export type { SpcProfileSectionOptions } from './sections/spc.js';
export { publishedName, practiceLabel } from './names.js';
export type { PracticeLabels } from './names.js';
