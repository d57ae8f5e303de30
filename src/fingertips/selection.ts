/**
 * What a profile takes from Fingertips: a list of indicator IDs, a profile or a domain, and the
 * documented default set (the Public Health Outcomes Framework's overarching indicators).
 */
import { HealthgapError } from '../core/errors.js';
import { parseIdList } from './client.js';

/** Public Health Outcomes Framework: profile 19 on Fingertips. */
export const PHOF_PROFILE_ID = 19;

/** PHOF domain "Overarching indicators" (group 1000049). */
export const PHOF_OVERARCHING_DOMAIN_ID = 1000049;

/**
 * The default indicators of the Fingertips profile section: PHOF's overarching indicators
 * (IDs as published on Fingertips).
 */
export const DEFAULT_FINGERTIPS_INDICATORS: readonly { id: number; phof: string; name: string }[] = [
  { id: 90362, phof: 'A01a', name: 'Healthy life expectancy at birth' },
  { id: 90366, phof: 'A01b', name: 'Life expectancy at birth' },
  { id: 92901, phof: 'A02a', name: 'Inequality in life expectancy at birth' },
];

/** Indicators by ID, every indicator of a profile, or of a domain (group). */
export type FingertipsSelection =
  | { kind: 'indicators'; indicatorIds: number[]; profileId?: number }
  | { kind: 'profile'; profileId: number }
  | { kind: 'domain'; domainId: number };

/**
 * Parse a selection: `90362,90366`, `profile:19`, `domain:1000049` or `default` (the
 * {@link DEFAULT_FINGERTIPS_INDICATORS}, compared as in PHOF).
 *
 * @example parseFingertipsSelection('profile:19') // { kind: 'profile', profileId: 19 }
 */
export function parseFingertipsSelection(text: string): FingertipsSelection {
  const t = text.trim().toLowerCase();
  if (t === 'default' || t === 'phof') return { kind: 'indicators', indicatorIds: DEFAULT_FINGERTIPS_INDICATORS.map((d) => d.id), profileId: PHOF_PROFILE_ID };
  const m = /^(profile|domain|group):\s*(\d+)$/.exec(t);
  if (m) return m[1] === 'profile' ? { kind: 'profile', profileId: Number(m[2]) } : { kind: 'domain', domainId: Number(m[2]) };
  if (/^[\d\s,]+$/.test(t)) return { kind: 'indicators', indicatorIds: parseIdList(t) };
  throw new HealthgapError(`--fingertips: expected indicator IDs (90362,90366), profile:<ID>, domain:<ID> or default, found "${text}"`, 2);
}

/** A short description of a selection for headings and messages. */
export function describeSelection(s: FingertipsSelection): string {
  if (s.kind === 'profile') return `Fingertips profile ${s.profileId}`;
  if (s.kind === 'domain') return `Fingertips domain ${s.domainId}`;
  return `Fingertips indicator${s.indicatorIds.length === 1 ? '' : 's'} ${s.indicatorIds.join(', ')}`;
}

/**
 * The Fingertips area type of a healthgap profile level: upper-tier authorities 502 (Counties &
 * UAs from April 2023), lower-tier 501 (Districts & UAs from April 2023), regions 6. Other
 * levels have no default (pass one).
 */
export const FINGERTIPS_AREA_TYPE_BY_LEVEL: Readonly<Record<string, number>> = { utla: 502, lad: 501, region: 6 };

/** Options of the Fingertips section of a place profile (`PlaceProfileOptions.fingertips`). */
export interface FingertipsProfileOptions {
  /** Indicators: `90362,90366`, `profile:19`, `domain:1000049`, `default`, or a parsed selection. */
  selection: string | FingertipsSelection;
  /** Cache folder to read (default `<data directory>/cache/fingertips`). */
  cacheDir?: string;
  /** Data directory (for the default cache folder and `releases/fingertips`). */
  dataDir?: string;
  /** The place's code in the Fingertips data when it differs from the profile's (e.g. a newer code). */
  areaCode?: string;
  /** SHA-256 over the cached data responses and releases (`fingertipsDataFingerprint`): not read by the section, but part of the options, so `profiles --resume` rebuilds when the Fingertips data change. */
  fingerprint?: string;
}
