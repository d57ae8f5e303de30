/**
 * Types of the place profile: which sections, the analyst's options and custom sections.
 */
import type { GeoLevel } from '../../geography/levels.js';
import type { DataTable, PlotlyMode, ReportFigure, SuppressionRule } from '../types.js';
import type { FingertipsProfileOptions } from '../../fingertips/selection.js';
import type { ProfileReleaseOptions } from './releaseChoice.js';

/** The built-in sections of a place profile, in their default order. */
export const PROFILE_SECTION_IDS = [
  'key-messages',
  'board-summary',
  'who-lives-here',
  'places',
  'life-expectancy',
  'burden',
  'core20plus5',
  'core20-imd2025',
  'prevalence',
  'practice-variation',
  'spine',
] as const;

/** Identifier of a built-in profile section. */
export type ProfileSectionId = (typeof PROFILE_SECTION_IDS)[number];

/** One-line description of each built-in section (for `--help` and error messages). */
export const PROFILE_SECTION_TITLES: Readonly<Record<ProfileSectionId, string>> = {
  'key-messages': 'Key messages: five or six plain-language sentences with ranks among peers',
  'board-summary': 'Board summary: main messages, the spine chart and three key charts (the first printed pages)',
  'who-lives-here': 'Who lives here: population, age structure, Core20 share, deprivation map',
  places: 'An ICB’s places or a county’s districts side by side (left out for other places)',
  'life-expectancy': 'Life expectancy and its gaps (vs England and region), decomposition by age',
  burden: 'What the gap costs: excess deaths by sex and age, years of life lost before 75, comparative mortality vs England and statistical neighbours',
  core20plus5: 'Core20PLUS5 clinical areas: what the bundled data can show',
  'core20-imd2025': 'Core20 on IMD 2025 (LSOA 2021, Census 2021): transition from IMD 2019, map, PLUS groups by ethnicity',
  prevalence: 'Disease prevalence and case-finding gaps (QOF 2019-20 registers)',
  'practice-variation': 'Practice variation: funnel plot of the place’s GP practices',
  spine: 'Spine chart summary of all indicators against England',
};

/** A section written by the analyst: markdown, and optionally a figure and a table. */
export interface CustomProfileSection {
  /** Anchor id (default: from the heading). */
  id?: string;
  heading: string;
  /** One-sentence headline (default: none shown beyond the heading). */
  headline?: string;
  /** Markdown text (raw HTML is shown as text). */
  markdown: string | string[];
  figure?: ReportFigure;
  table?: DataTable;
  notes?: string;
  /** Where to put it: `'end'` (default, before the appendix), `'start'`, or after a built-in section. */
  after?: ProfileSectionId | 'start' | 'end';
}

/** Options of {@link buildPlaceProfile}. */
export interface PlaceProfileOptions {
  /**
   * IMD the "Core20 on IMD 2025" section leads with (headline and decile chart): 2025 (default,
   * LSOA 2021, Census 2021 populations) or 2019 (LSOA 2011, IoD2019 mid-2015 populations); both are
   * shown with the transition, and the headline, chart title and section notes say which led. Who lives
   * here, key messages and the spine chart stay on IMD 2019 and say so (England's ranges and the
   * deprivation map are on 2011 neighbourhoods). CLI: `--imd 2019|2025`.
   */
  imd?: 2019 | 2025;
  /** Built-in sections to include, in this order (default all, in the default order). */
  sections?: readonly ProfileSectionId[];
  /** The analyst's own sections. */
  customSections?: readonly CustomProfileSection[];
  /** Report title (default "<Place> place profile"). */
  title?: string;
  subtitle?: string;
  /** Banner text in place of a logo (e.g. "Sandwell Public Health"). */
  logoText?: string;
  /** Date text; none is written unless given (keeps regeneration byte-identical). */
  date?: string;
  /** Audience (default "<Place> Health and Wellbeing Board" for local authorities). */
  audience?: string;
  /** Small-number suppression rule (default counts of 1 to 4 suppressed). */
  suppression?: SuppressionRule;
  /** plotly.js inlined (default) or a shared asset beside the report. */
  plotly?: PlotlyMode;
  /** QOF register for the practice funnel (default `DM`, diabetes). */
  funnelRegister?: string;
  /** Overdispersion adjustment of the practice funnel: "additive" (default), "multiplicative" or "none" (PHEim limits, as Fingertips). */
  funnelOverdispersion?: 'none' | 'additive' | 'multiplicative';
  /**
   * How GP practices are labelled in charts and tables: `names` (default: the published name in
   * title case with the ODS code, "The Oakeswell Health Centre (M88006)") or `codes` (the ODS
   * code only, for papers published without naming practices).
   */
  practiceLabels?: 'names' | 'codes';
  /** Level to resolve the place at when a name exists at several levels. */
  level?: GeoLevel;
  /** Add a Fingertips section (spine, trends, table) from the Fingertips cache and releases, after the built-in sections. */
  fingertips?: FingertipsProfileOptions;
  /**
   * Data releases: `dataDir` (added releases; default `HEALTHGAP_DATA_DIR`, else the per-user
   * folder) and `qofPeriod` (default the latest QOF practice release). Trends are drawn wherever
   * an indicator has two or more periods, and the appendix names the release of each number.
   */
  releases?: ProfileReleaseOptions;
}
