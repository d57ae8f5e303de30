/**
 * `buildPlaceProfile`: assemble a place profile (a {@link Report}) for any English upper-tier or
 * lower-tier local authority, ICB or region from the bundled data, ready for `writeReport`.
 */
import type { AreaRef } from '../../geography/levels.js';
import { HealthgapError } from '../../core/errors.js';
import { getGeography } from '../../geography/vintages.js';
import { slugId } from '../escape.js';
import type { MethodsEntry, Report, Section } from '../types.js';
import { sectionContext, type SectionContext } from './context.js';
import { resolveProfilePlace, type ProfilePlace } from './place.js';
import { registerBuiltInProviders } from './providers.js';
import { indicatorSet, peerSetText } from './indicators.js';
import { PEER_NAMES } from './place.js';
import { whoLivesHereSection } from './sections/who.js';
import { lifeExpectancySection } from './sections/lifeExpectancy.js';
import { core20plus5Section } from './sections/core20plus5.js';
import { prevalenceSection } from './sections/prevalence.js';
import { practiceVariationSection } from './sections/practices.js';
import { spineSection } from './sections/spine.js';
import { boardSummarySection, KEY_MESSAGES_SECTION_ID } from './sections/boardSummary.js';
import { placePartsSection, shortIcbName } from './sections/placeParts.js';
import { burdenSection, burdenMethods } from './sections/burden.js';
import { keyMessagesSection } from './sections/keyMessages.js';
import { fingertipsSection } from './sections/fingertips.js';
import { core20Imd2025Section } from './sections/core20Imd2025.js';
import { PROFILE_SECTION_IDS, type CustomProfileSection, type PlaceProfileOptions, type ProfileSectionId } from './types.js';
import { useProfileReleases } from './releaseChoice.js';
import { applyProfileTrends } from './trends.js';
import { releaseAppendix } from './releaseAppendix.js';

/** Built from the other sections once they are built (see `boardSummarySection`). */
const BOARD_SUMMARY = 'board-summary';

/** Section builders; null when the section does not apply to the place (no parts to show). */
const BUILDERS: Record<Exclude<ProfileSectionId, typeof BOARD_SUMMARY>, (ctx: SectionContext) => Section | null> = {
  'key-messages': keyMessagesSection,
  'who-lives-here': whoLivesHereSection,
  places: placePartsSection,
  'life-expectancy': lifeExpectancySection,
  burden: burdenSection,
  core20plus5: core20plus5Section,
  'core20-imd2025': core20Imd2025Section,
  prevalence: prevalenceSection,
  'practice-variation': practiceVariationSection,
  spine: spineSection,
};

/**
 * Parse a comma-separated list of section ids (`who-lives-here,spine`), checking each.
 * @example parseSectionList('who-lives-here, spine') // ['who-lives-here', 'spine']
 */
export function parseSectionList(text: string): ProfileSectionId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!(PROFILE_SECTION_IDS as readonly string[]).includes(id))
      throw new HealthgapError(`unknown section "${id}"; choose from ${PROFILE_SECTION_IDS.join(', ')}`, 2);
  }
  if (ids.length === 0) throw new HealthgapError(`no sections given; choose from ${PROFILE_SECTION_IDS.join(', ')}`, 2);
  return ids as ProfileSectionId[];
}

function customSection(c: CustomProfileSection, i: number): Section {
  return {
    id: c.id ?? `custom-${slugId(c.heading) || i + 1}`,
    heading: c.heading,
    headline: c.headline ?? '',
    narrative: c.markdown,
    figures: c.figure ? [c.figure] : [],
    tables: c.table ? [c.table] : [],
    notes: c.notes,
  };
}

/** The headline numbers of a profile for the index page of many profiles (same indicators as the sections). */
function keyFigures(ctx: SectionContext): { label: string; value: string }[] {
  const v = (id: string, d = 1) => {
    const x = ctx.indicators.get(id)?.place.value;
    return x === null || x === undefined ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
  };
  const pop = ctx.indicators.get('pop-65plus')?.place.denominator;
  return [
    { label: 'Population, mid-2019', value: pop ? Math.round(pop).toLocaleString('en-GB') : '–' },
    { label: 'Living in Core20 areas (IMD 2019)', value: `${v('core20-share')}%` },
    { label: 'Life expectancy at birth, men / women (2014)', value: `${v('le0-male')} / ${v('le0-female')}` },
    { label: 'Diabetes recorded, aged 17+ (QOF 2019/20)', value: `${v('qof-dm', 2)}%` },
  ];
}

/** Number of areas at a level (the peers a place is ranked among). */
function indicatorSetSize(level: 'icb'): number {
  return getGeography().areasAt(level).length;
}

/** The periods of the bundled data, for the printed profile's running footer. */
const PROFILE_DATA_PERIODS = 'mid-2019 population, IMD 2019, 2014 deaths, QOF 2019/20';

/** Appendix group of an indicator domain (its entries are shown as one compact table). */
const APPENDIX_GROUPS: Readonly<Record<string, string>> = {
  'Life expectancy and mortality': 'Life expectancy and mortality, 2014',
  'Prevalence (QOF 2019-20)': 'QOF 2019-20 recorded prevalence',
  Population: 'Population context',
};

/** The appendix entries of the profile's data and indicators (from the same metadata the numbers came from). */
function appendix(ctx: SectionContext, sections: readonly ProfileSectionId[]): MethodsEntry[] {
  const out: MethodsEntry[] = [];
  if (sections.includes('key-messages')) {
    out.push({
      indicator: 'Key messages and ranks',
      definition:
        'Five or six sentences drawn from the indicators of this profile. A rank counts from the highest (or lowest) value among the peers with a value in the indicator’s peer set (given under each indicator below); tied values share the better rank.',
      period: 'As for each indicator',
      source: 'As for each indicator',
      method: 'Life expectancy and early deaths are ranked from whichever end the place is nearer; the Core20 share from the highest',
      ciMethod: 'Ranks have no confidence interval: places with similar values may swap ranks by chance',
    });
  }
  if (sections.includes('who-lives-here')) {
    out.push({
      indicator: 'Population by age and sex',
      definition: 'Usual residents by five-year age band and sex; the pyramid shows each band as a percentage of the total population, England as an outline.',
      period: 'mid-2019',
      source: 'ONS mid-2019 population estimates (MYE2), April 2019 local authority codes',
      method: 'Sum of single years of age into five-year bands; areas larger than a district are sums of their districts',
      ciMethod: 'Not applicable',
    });
    out.push({
      indicator: 'Deprivation decile of neighbourhoods (map and Core20 chart)',
      definition:
        'National decile of the Index of Multiple Deprivation 2019 of each neighbourhood, 1 = most deprived 10% in England; Core20 = deciles 1 and 2. “Neighbourhoods” in this profile are lower-layer super output areas (LSOAs, 2011): small areas of 1,000 to 3,000 residents (about 1,500 on average) used for official statistics.',
      period: 'IMD 2019',
      source:
        'MHCLG English Indices of Deprivation 2019 (Files 1 and 6); ONS LSOA boundaries (December 2011, generalised clipped) where bundled; ONS county and unitary authority boundaries (December 2023)',
      method:
        'Population shares use the IoD2019 mid-2015 populations (excluding prisoners); sentences that give a Core20 share say it is a share of that population, not of the mid-2019 estimate',
      ciMethod: 'Not applicable',
    });
  }
  const wanted = new Set<string>();
  if (sections.includes('spine')) for (const id of ctx.indicators.keys()) wanted.add(id);
  if (sections.includes('life-expectancy')) ['le0-male', 'le0-female', 'le65-male', 'le65-female'].forEach((i) => wanted.add(i));
  if (sections.includes('prevalence') || sections.includes('core20plus5')) {
    for (const [id, p] of ctx.indicators) if (p.def.domain === 'Prevalence (QOF 2019-20)' || p.def.domain === 'Core20PLUS5') wanted.add(id);
    wanted.add('core20-share');
  }
  const results = indicatorSet(ctx.place.level);
  const peerNames = ctx.place.level === 'region' ? 'regions' : PEER_NAMES[ctx.place.level];
  for (const [id, p] of ctx.indicators) {
    if (!wanted.has(id)) continue;
    const r = results.get(id);
    const range = r ? `England range (spine chart): ${peerSetText(r, peerNames)}.` : '';
    out.push({
      indicator: p.def.name,
      period: p.def.period,
      ...p.def.methods,
      notes: [p.def.methods.notes, range].filter(Boolean).join(' '),
      group: APPENDIX_GROUPS[p.def.domain],
    });
  }
  if (sections.includes('life-expectancy')) {
    out.push({
      indicator: 'Decomposition of the life expectancy gap by age',
      definition:
        'Contribution of each age band to the difference in life expectancy at birth between England and the place (years); the contributions add up to the gap. Where the place lives longer than England the gap is negative and the chart shows which ages make the advantage (each age’s share of the advantage).',
      period: '2014',
      source: 'As for life expectancy',
      method: 'Arriaga (1984) decomposition of two abridged life tables (Preston, Heuveline and Guillot 2001, §3.7), as the OHID Segment Tool',
      ciMethod: 'Not applicable',
    });
    out.push({
      indicator: 'Inequality in life expectancy between England’s upper-tier authorities (slope index of inequality)',
      definition:
        'Life expectancy at birth of England’s counties and unitary authorities grouped into tenths by their population-weighted IMD 2019 score, and the slope index of inequality (SII) across the tenths: the modelled difference between the most and least deprived ends. Each authority is counted whole, so this is inequality between authorities. It is not the within-area SII OHID publishes for each authority (Fingertips indicator 92901: deciles of the authority’s own neighbourhoods, usually about twice as large), which needs deaths by neighbourhood and is not bundled. A place that is not an upper-tier authority is marked in the group whose authorities’ scores bracket its own population-weighted score.',
      period: '2014',
      source: 'As for life expectancy; MHCLG IMD 2019 scores with IoD2019 mid-2015 LSOA populations',
      method: 'Deciles by the PHEindicatormethods quantile rule; SII by weighted regression on the cumulative population rank (PHEindicatormethods phe_sii)',
      ciMethod: '95% confidence interval by Monte Carlo simulation (100,000 draws, seed 1)',
    });
  }
  if (sections.includes('burden')) out.push(...burdenMethods());
  if (sections.includes('practice-variation')) {
    out.push({
      indicator: 'Practice variation (funnel plot)',
      definition: 'Recorded prevalence of the chosen QOF register at each GP practice whose registered patients live mostly in the place.',
      period: '2019/20',
      source: 'NHS Digital QOF 2019-20; NHS Digital Patients Registered at a GP Practice by LSOA (January 2021)',
      method:
        ctx.options.funnelOverdispersion === 'none'
          ? 'Funnel plot limits around the average of the practices shown (PHEindicatormethods calculate_funnel_limits, proportions), no overdispersion adjustment'
          : `Funnel plot limits around the average of the practices shown, adjusted for overdispersion when the dispersion ratio φ (mean of the squared arcsine-square-root z-scores, 10% winsorised at each end) is above 1: ${ctx.options.funnelOverdispersion === 'multiplicative' ? 'multiplicative model (variance × φ)' : 'additive random-effects model (between-practice variance τ², DerSimonian-Laird)'}, Spiegelhalter (2005) Stat Med 24:1185-1202 and Qual Saf Health Care 14:347-351, as the NHS-R FunnelPlotR package; never narrower than the unadjusted PHEindicatormethods limits. φ and τ² for this place are in the notes below`,
      ciMethod:
        ctx.options.funnelOverdispersion === 'none'
          ? '95% and 99.8% control limits (Wilson score); outliers by assign_funnel_significance'
          : '95% and 99.8% control limits, back-transformed from the arcsine square root scale (Wilson score where no overdispersion is found)',
      notes: ctx.methodNotes?.get('practice-variation'),
    });
  }
  return out;
}

/**
 * Build a place profile for any English local authority (UTLA or LAD 2019), ICB (July 2022, official) or region:
 * the chosen built-in sections (default all: who lives here, life expectancy, Core20PLUS5,
 * prevalence, practice variation, spine chart) plus the analyst's custom sections, and a methods
 * appendix generated from the indicators' metadata. Every number in the narrative comes from the
 * same calculation as the charts and tables. Shared data are read once per process, so building
 * many profiles in one process is fast.
 *
 * @example
 * const report = buildPlaceProfile('Sandwell', { date: '1 April 2025' });
 * writeReport(report, 'reports/sandwell.html');
 */
export function buildPlaceProfile(place: string | AreaRef | ProfilePlace, options: PlaceProfileOptions = {}): Report {
  registerBuiltInProviders();
  // releases: the QOF practice release (latest, or the period chosen) and the data directory for trends
  useProfileReleases(options.releases);
  const resolved: ProfilePlace = typeof place === 'object' && 'lads' in place ? place : resolveProfilePlace(place as string | AreaRef, options.level);
  const ctx = sectionContext(resolved, options);
  const ids = options.sections ? [...options.sections] : [...PROFILE_SECTION_IDS];
  for (const id of ids)
    if (id !== BOARD_SUMMARY && !BUILDERS[id]) throw new HealthgapError(`unknown section "${id}"; choose from ${PROFILE_SECTION_IDS.join(', ')}`, 2);
  const sections: Section[] = [];
  const customs = (options.customSections ?? []).map((c, i) => ({ c, s: customSection(c, i) }));
  for (const x of customs) if (x.c.after === 'start') sections.push(x.s);
  let summaryAt = -1;
  for (const id of ids) {
    if (id === BOARD_SUMMARY) summaryAt = sections.length;
    else {
      const s = BUILDERS[id](ctx);
      if (s) sections.push(s);
    }
    for (const x of customs) if (x.c.after === id) sections.push(x.s);
  }
  // trends: a chart wherever an indicator has two or more periods, direction of travel in the spine
  const trends = applyProfileTrends(ctx, sections);
  const fingertips = options.fingertips ? fingertipsSection(ctx, options.fingertips) : null;
  if (fingertips) sections.push(fingertips.section);
  for (const x of customs) if (!x.c.after || x.c.after === 'end' || (x.c.after !== 'start' && !ids.includes(x.c.after))) sections.push(x.s);
  if (summaryAt >= 0) {
    const summary = boardSummarySection(ctx, sections, sections.find((s) => s.id === 'spine') ?? spineSection(ctx));
    const afterMessages = sections.findIndex((s) => s.id === KEY_MESSAGES_SECTION_ID) + 1;
    sections.splice(Math.max(summaryAt, afterMessages), 0, summary);
  }
  const isLa = resolved.level === 'utla' || resolved.level === 'lad';
  const isIcb = resolved.level === 'icb';
  return {
    title: options.title ?? (isIcb ? `${shortIcbName(ctx.name)} profile` : `${ctx.name} place profile`),
    subtitle:
      options.subtitle ??
      (isIcb
        ? `Population health and inequalities across ${shortIcbName(ctx.name)}: its places side by side, and the ICB compared with England and England's ${indicatorSetSize('icb')} ICBs`
        : `Population health and inequalities in ${ctx.name}${ctx.regionName ? `, ${ctx.regionName}` : ''}, compared with England`),
    placeName: ctx.name,
    placeCode: resolved.code,
    audience:
      options.audience ??
      (isLa ? `${ctx.name} Health and Wellbeing Board` : isIcb ? `${ctx.name.replace(/^NHS /, '')} and its place-based partnerships` : undefined),
    logoText: options.logoText,
    date: options.date,
    dataPeriods: PROFILE_DATA_PERIODS,
    keyFigures: keyFigures(ctx),
    sections,
    appendix: [...appendix(ctx, ids), ...(fingertips?.appendix ?? []), ...releaseAppendix(ids, trends)],
    suppression: options.suppression,
    plotly: options.plotly,
    // plotly.js inlined gzipped: a profile is ~0.7 MB smaller (unpacked by the page itself)
    plotlyEncoding: 'gzip',
  };
}
