/**
 * The board summary at the front of a place profile: the main messages, every indicator against
 * England (the spine chart) and three key charts, taken from the sections already built (the same
 * figure objects, so every number is the sections' own). On screen it is a panel before the
 * sections; in print it fills the first pages and ends with a page break, and its charts are not
 * printed a second time in their sections.
 */
import type { ReportFigure, Section } from '../../types.js';
import type { SectionContext } from '../context.js';

/** Where the three key charts come from, in order of preference: [section id, figure index]. */
const KEY_CHARTS: readonly (readonly [string, number])[][] = [
  // The place's parts side by side (ICB places, county districts), else its deprivation profile.
  [
    ['icb-places', 0],
    ['districts', 0],
    ['who-lives-here', 1],
  ],
  // The life expectancy gap with England (males first).
  [['life-expectancy', 0]],
  // Where deprivation is: the neighbourhood map (or the region's authorities).
  [
    ['who-lives-here', 2],
    ['who-lives-here', 1],
    ['practice-variation', 0],
  ],
];

/** The id of the key messages section, when the profile has one (the summary then follows it and does not repeat them). */
export const KEY_MESSAGES_SECTION_ID = 'key-messages';

/**
 * The three key charts of a profile (fewer when the sections have no such charts), each chart
 * used once.
 *
 * @example keyCharts(sections).map((f) => f.title) // ['Population of Sandwell by national deprivation decile (IMD 2019)', …]
 */
export function keyCharts(sections: readonly Section[]): ReportFigure[] {
  const out: ReportFigure[] = [];
  for (const choices of KEY_CHARTS) {
    for (const [id, i] of choices) {
      const f = sections.find((s) => s.id === id)?.figures[i];
      if (f && !out.includes(f)) {
        out.push(f);
        break;
      }
    }
  }
  return out;
}

/**
 * Build the board summary from the built sections and the spine chart section: the headline of
 * each section as the main messages (unless the profile has a key messages section), the spine
 * chart of every indicator, and the three key charts.
 */
export function boardSummarySection(ctx: SectionContext, sections: readonly Section[], spine: Section): Section {
  const hasMessages = sections.some((s) => s.id === KEY_MESSAGES_SECTION_ID);
  const messages = sections
    .filter((s) => s.id !== KEY_MESSAGES_SECTION_ID && s.id !== 'spine' && s.headline.trim() !== '' && !s.id.startsWith('custom-'))
    .map((s) => `- ${s.headline.trim()}`);
  // The first key chart, then the spine (about a page), then the other two: in print the
  // messages and the first chart fill page one.
  const key = keyCharts(sections);
  const figures = [...key.slice(0, 1), ...spine.figures.slice(0, 1), ...key.slice(1)];
  const narrative: string[] = [];
  if (!hasMessages && messages.length) narrative.push(`**Main messages for ${ctx.name}**`, messages.join('\n'));
  narrative.push('The spine chart shows every indicator against England; the other charts are the key pictures from the sections that follow.');
  return {
    id: 'board-summary',
    heading: 'Board summary',
    headline: '',
    narrative,
    figures,
    tables: [],
    kind: 'summary',
  };
}
