/**
 * The appendix entry naming the data release behind each group of numbers in a place profile:
 * release id, period and publisher (and for an added release its file, SHA-256 and when it was
 * added), read from the release catalogue so it cannot drift from what was read.
 */
import { listReleases } from '../../releases/catalogue.js';
import type { ReleaseInfo } from '../../releases/types.js';
import type { MethodsEntry } from '../types.js';
import { activeDataDir, activeQofRelease } from './releaseChoice.js';
import type { ProfileSectionId } from './types.js';
import { trendAppendixText, type ProfileTrend } from './trends.js';

/** Which releases each part of the profile reads (bundled ids; QOF is the release chosen). */
const USES: { what: string; ids: string[]; sections: readonly ProfileSectionId[] }[] = [
  { what: 'Life expectancy and mortality', ids: ['deaths2014', 'mye2-2014-males', 'mye2-2014-females'], sections: ['life-expectancy', 'burden', 'spine'] },
  { what: 'Population and age', ids: ['mye2-2019-persons'], sections: ['who-lives-here', 'spine'] },
  { what: 'Core20 share on IMD 2019', ids: ['imd2019-file1', 'imd2019-file6'], sections: ['who-lives-here', 'core20plus5', 'spine'] },
  { what: 'Core20 on IMD 2025', ids: ['imd2025', 'census21-age-lsoa21'], sections: ['core20-imd2025'] },
  { what: 'Patients by where they live (QOF roll-up)', ids: ['gp-reg-lsoa-2021'], sections: ['prevalence', 'practice-variation', 'spine'] },
];

function describe(r: ReleaseInfo): string {
  const added = r.origin === 'added' ? `, added ${r.added.slice(0, 10)} from ${r.sourceFile} (SHA-256 ${r.sha256?.slice(0, 12) ?? 'not recorded'}…)` : '';
  return `${r.id} (${r.period}, ${r.publisher}${added})`;
}

/**
 * One appendix entry: for each part of the profile, the release id, period and publisher of the
 * data it read (the QOF line names the practice release chosen: latest, or `--period`), and the
 * release of every period of every trend with the trend method.
 *
 * @example releaseAppendix(['prevalence'])[0].definition
 */
export function releaseAppendix(sections: readonly ProfileSectionId[], trends: readonly ProfileTrend[] = []): MethodsEntry[] {
  const all = listReleases({ dataDir: activeDataDir() });
  const byId = new Map(all.map((r) => [r.id, r]));
  const lines: string[] = [];
  const q = activeQofRelease();
  if (sections.some((s) => s === 'prevalence' || s === 'practice-variation' || s === 'core20plus5' || s === 'spine')) {
    const r = q.release ?? byId.get(q.id);
    lines.push(`QOF recorded prevalence: ${r ? describe(r) : q.id}`);
  }
  for (const u of USES) {
    if (!u.sections.some((s) => sections.includes(s))) continue;
    const rs = u.ids.map((id) => byId.get(id)).filter((r): r is ReleaseInfo => r !== undefined);
    if (rs.length) lines.push(`${u.what}: ${rs.map(describe).join('; ')}`);
  }
  if (!lines.length) return [];
  const t = trendAppendixText(trends);
  return [
    {
      indicator: 'Data releases used',
      definition: `${lines.join('. ')}. ${t ? `${t.definition} ` : ''}healthgap data show <release> gives each release's file, licence and checksum.`,
      period: 'As for each release',
      source: 'The healthgap release catalogue: bundled data and releases added to the data directory',
      method: `The latest release of each kind unless a period is chosen (healthgap profile --period)${t ? `. ${t.method}` : ''}`,
      ciMethod: t ? 'Wilson score 95% for QOF prevalence; none for the Core20 share (a whole-population count)' : 'Not applicable',
      // on screen only: the printed board profile keeps its length (at most 20 A4 pages)
      printed: false,
    },
  ];
}
