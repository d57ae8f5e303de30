/**
 * A place-profile section for any monthly series the analyst adds (A&E performance, waiting
 * times, admissions…): the series from a CSV as a Making Data Count SPC chart (XmR, NHSRplotthedots
 * rules) with its icons, headline in words, data table and the method in the section notes.
 * It is a custom section (see `CustomProfileSection`), so it goes wherever the analyst puts it.
 */
import { HealthgapError } from '../../../core/errors.js';
import type { SpcImprovement } from '../../../stats/spc.js';
import { spcFromCsv, spcMethodsEntry, spcSection } from '../../spcReport.js';
import type { CustomProfileSection } from '../types.js';

/** Options of {@link spcProfileSection}. */
export interface SpcProfileSectionOptions {
  /** CSV file (plain or .gz) with one row per date. */
  file: string;
  /** Column of values. */
  value: string;
  /** Column of dates. */
  date: string;
  /** What is measured (default: the value column). */
  measure?: string;
  improvement?: SpcImprovement;
  target?: number;
  /** Dates from which the limits are recalculated. */
  rebase?: string[];
  /** Values are proportions: show them as percentages. */
  percent?: boolean;
  /** Where to put the section (default the end, before the appendix). */
  after?: CustomProfileSection['after'];
}

/**
 * Build the SPC section of a profile from the analyst's CSV.
 * @example buildPlaceProfile(place, { customSections: [spcProfileSection({ file: 'ae.csv', value: 'performance', date: 'period', measure: '4-hour A&E performance', target: 0.95, percent: true })] })
 */
export function spcProfileSection(options: SpcProfileSectionOptions): CustomProfileSection {
  if (!options.file || !options.value || !options.date) throw new HealthgapError('an SPC section needs a file, a value column and a date column');
  const result = spcFromCsv(
    options.file,
    { value: options.value, date: options.date },
    { improvement: options.improvement, target: options.target, rebase: options.rebase },
  );
  const sectionOptions = { measure: options.measure ?? options.value, percent: options.percent, source: options.file };
  const s = spcSection(result, 'no facet', sectionOptions);
  const method = spcMethodsEntry(result, sectionOptions);
  return {
    id: s.id,
    heading: s.heading,
    headline: s.headline,
    markdown: s.narrative,
    figure: s.figures[0],
    table: s.tables[0],
    notes: `Method: ${method.method} Source: ${method.source}.${method.notes ? ` ${method.notes}` : ''}`,
    after: options.after,
  };
}
