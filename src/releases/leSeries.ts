/**
 * Life expectancy by local authority from releases added to the data directory (kind `le-la`,
 * stored as a tidy gzip CSV by `healthgap data add`): one place, sex and age over every period
 * held, each value keeping the release it came from.
 *
 * The tidy table is read by column name: `area_code`, `sex` (Male/Female, Males/Females, M/F or
 * 1/2), `period` (else the release's period), `value` (or `life_expectancy`), optional `age` or
 * `age_group` (0 or `<1` = at birth, `65 to 69` = at 65; absent = at birth), optional
 * `lower95`/`upper95` (or `lower`/`upper`, `lower_ci_95`/`upper_ci_95`: the columns `healthgap
 * data add` stores for the ONS "Life expectancy for local areas" workbook). A release
 * whose table lacks `area_code`, `sex` or a value column is listed as unreadable, never guessed.
 * Releases of deaths (`deaths-la`) need populations of the same year and geography to become life
 * expectancy; they are listed with that reason.
 */
import { readCsvRecords } from '../io/csv.js';
import { addedReleases } from './catalogue.js';
import { periodSortKey } from './period.js';
import type { ReleaseInfo } from './types.js';

/** One period of life expectancy from an added release. */
export interface LeReleasePoint {
  period: string;
  value: number;
  lower95: number | null;
  upper95: number | null;
  release: string;
  publisher: string;
  sourceFile: string;
}

/** Added releases that could not give life expectancy, and why. */
export interface LeReleaseSkipped {
  release: string;
  kind: string;
  period: string;
  reason: string;
}

const SEX: Record<string, 'Male' | 'Female'> = {
  male: 'Male',
  males: 'Male',
  m: 'Male',
  '1': 'Male',
  female: 'Female',
  females: 'Female',
  f: 'Female',
  '2': 'Female',
};

/** Start age of an age cell: `0`, `65`, or as ONS writes bands (`<1` → 0, `65 to 69` → 65, `90 and over` → 90). */
function ageStart(cell: string): number | null {
  const t = String(cell).trim();
  if (/^<\s*1$/.test(t)) return 0;
  const m = /^(\d+)/.exec(t);
  return m ? Number(m[1]) : null;
}

function column(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

/**
 * Life expectancy of one area, sex and age from every added `le-la` release, oldest period first
 * (a period held by two releases is taken from the one added last), with the releases that could
 * not be read and why.
 *
 * @param areaCode GSS code of the area as the release writes it (e.g. `E08000028`)
 * @example addedLifeExpectancy('E08000028', 'Male', 0, { dataDir }).points
 */
export function addedLifeExpectancy(
  areaCode: string,
  sex: 'Male' | 'Female',
  age: number,
  options: { dataDir?: string } = {},
): { points: LeReleasePoint[]; skipped: LeReleaseSkipped[] } {
  const releases = addedReleases(options.dataDir)
    .filter((r) => r.kind === 'le-la' || r.kind === 'deaths-la')
    .sort((a, b) => a.added.localeCompare(b.added));
  const byPeriod = new Map<string, LeReleasePoint>();
  const skipped: LeReleaseSkipped[] = [];
  const skip = (r: ReleaseInfo, reason: string) => skipped.push({ release: r.id, kind: r.kind, period: r.period, reason });
  for (const r of releases) {
    if (r.kind === 'deaths-la') {
      skip(r, 'a deaths release: life expectancy also needs populations of the same year and areas, which this command does not join');
      continue;
    }
    const rec = readCsvRecords(r.path);
    const h = rec.header;
    const ac = column(h, ['area_code']);
    const sc = column(h, ['sex']);
    const vc = column(h, ['value', 'life_expectancy']);
    if (ac < 0 || sc < 0 || vc < 0) {
      skip(r, `its table has no ${[ac < 0 ? 'area_code' : '', sc < 0 ? 'sex' : '', vc < 0 ? 'value' : ''].filter(Boolean).join(', ')} column`);
      continue;
    }
    const pc = column(h, ['period']);
    const agec = column(h, ['age', 'age_group']);
    const lc = column(h, ['lower95', 'lower', 'lower_ci_95']);
    const uc = column(h, ['upper95', 'upper', 'upper_ci_95']);
    for (const row of rec.rows) {
      if (row[ac] !== areaCode || SEX[String(row[sc]).trim().toLowerCase()] !== sex) continue;
      if (agec >= 0 && ageStart(row[agec]) !== age) continue;
      if (agec < 0 && age !== 0) continue;
      const value = Number(row[vc]);
      if (row[vc] === '' || !Number.isFinite(value)) continue;
      const period = pc >= 0 && row[pc] ? row[pc] : r.period;
      const num = (i: number) => (i >= 0 && row[i] !== '' && Number.isFinite(Number(row[i])) ? Number(row[i]) : null);
      byPeriod.set(period, { period, value, lower95: num(lc), upper95: num(uc), release: r.id, publisher: r.publisher, sourceFile: r.sourceFile });
    }
  }
  const points = [...byPeriod.values()].sort((a, b) => (periodSortKey(a.period) ?? 0) - (periodSortKey(b.period) ?? 0));
  return { points, skipped };
}
