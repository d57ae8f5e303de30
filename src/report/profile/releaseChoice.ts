/**
 * Which data release a place profile reads, where an analyst can add releases: the QOF practice
 * prevalence file. The latest `qof-prevalence` practice release in the data directory (bundled
 * 2019-20, or one added with `healthgap data add PREVALENCE_yyyy.csv`) is used unless a period is
 * chosen. The choice is set once per profile build (`useProfileReleases`) and read by the QOF
 * indicator provider, whose caches are keyed by the release id, so profiles on different releases
 * never share numbers.
 */
import { aq } from '../../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../core/errors.js';
import { readCsvRecords } from '../../io/csv.js';
import { cachedRead } from '../../io/cache.js';
import { listReleases } from '../../releases/catalogue.js';
import { financialYear } from '../../releases/period.js';
import type { ReleaseInfo } from '../../releases/types.js';

/** Release options of a profile. */
export interface ProfileReleaseOptions {
  /** Data directory with added releases (default `HEALTHGAP_DATA_DIR`, else the per-user folder). */
  dataDir?: string;
  /** QOF period to use (`2019-20`, `2019/20`, `latest`); default the latest practice release. */
  qofPeriod?: string;
}

/** Id of the bundled QOF practice release (`data/qof/PREVALENCE_1920.csv.gz`). */
export const BUNDLED_QOF_RELEASE = 'qof-prevalence-1920';

let active: { qof: ReleaseInfo | null; dataDir?: string } = { qof: null };

const isPracticeQof = (r: ReleaseInfo) => r.kind === 'qof-prevalence' && r.level === 'practice' && financialYear(r.period) !== null;

/**
 * The QOF practice release a profile uses: with `qofPeriod`, the release of that period (an added
 * one before the bundled one, the latest added first); otherwise the latest (by period, then the
 * most recently added). Refused with the periods held when none matches.
 *
 * @example chooseQofRelease({ qofPeriod: '2019-20' }).id // 'qof-prevalence-1920'
 */
export function chooseQofRelease(options: ProfileReleaseOptions = {}): ReleaseInfo {
  const all = listReleases({ dataDir: options.dataDir }).filter(isPracticeQof);
  const want = options.qofPeriod === undefined || /^latest$/i.test(options.qofPeriod.trim()) ? null : financialYear(options.qofPeriod);
  if (options.qofPeriod !== undefined && want === null && !/^latest$/i.test(options.qofPeriod.trim()))
    throw new HealthgapError(`--period "${options.qofPeriod}": expected a QOF year such as 2019-20, or latest`);
  if (want === null) {
    const latest = all.find((r) => r.latest);
    if (!latest) throw new HealthgapError('no QOF practice prevalence release found (the bundled 2019-20 file is missing)');
    return latest;
  }
  const match = all
    .filter((r) => financialYear(r.period) === want)
    .sort((a, b) => (a.origin === b.origin ? b.added.localeCompare(a.added) : a.origin === 'added' ? -1 : 1));
  if (!match.length)
    throw new HealthgapError(
      `no QOF practice prevalence release for ${want}; releases held: ${[...new Set(all.map((r) => `${r.period} (${r.id})`))].join(', ')}`,
    );
  return match[0];
}

/**
 * Set the releases the next profile reads (called by `buildPlaceProfile`); returns the QOF release.
 *
 * @example useProfileReleases({ dataDir: '/tmp/hg' }).period
 */
export function useProfileReleases(options: ProfileReleaseOptions = {}): ReleaseInfo {
  const qof = chooseQofRelease(options);
  active = { qof, dataDir: options.dataDir };
  return qof;
}

/** The QOF release of the profile being built (the bundled one before any build). */
export function activeQofRelease(): { id: string; bundled: boolean; period: string; release: ReleaseInfo | null } {
  const r = active.qof;
  if (!r || r.origin === 'bundled')
    return { id: r?.id ?? BUNDLED_QOF_RELEASE, bundled: true, period: r ? (financialYear(r.period) ?? r.period) : '2019-20', release: r };
  return { id: r.id, bundled: false, period: financialYear(r.period) ?? r.period, release: r };
}

/** The data directory of the profile being built. */
export function activeDataDir(): string | undefined {
  return active.dataDir;
}

/**
 * An added QOF practice release as the table `practicePrevalence` reads (`practice_code`,
 * `group_code`, `register`, `list_type`, `list_size`), read once per process per release.
 *
 * @example practicePrevalence('DM', { qof: qofReleaseTable(release), registerAboveList: 'keep' })
 */
export function qofReleaseTable(release: ReleaseInfo): ColumnTable {
  return cachedRead(`profile:qof-release:${release.id}:${release.sha256 ?? ''}`, () => {
    const rec = readCsvRecords(release.path);
    const col = (n: string) => {
      const i = rec.header.indexOf(n);
      if (i < 0) throw new HealthgapError(`release ${release.id}: its table has no column ${n} (columns ${rec.header.join(', ')})`);
      return i;
    };
    const [pc, gc, rc, tc, lc] = ['practice_code', 'register', 'register_count', 'list_type', 'list_size'].map(col);
    const num = (v: string) => (v === '' ? null : Number(v));
    return aq.table({
      practice_code: rec.rows.map((r) => r[pc]),
      group_code: rec.rows.map((r) => r[gc]),
      register: rec.rows.map((r) => num(r[rc])),
      list_type: rec.rows.map((r) => r[tc]),
      list_size: rec.rows.map((r) => num(r[lc])),
    });
  });
}
