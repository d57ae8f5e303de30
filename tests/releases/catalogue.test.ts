/**
 * The release catalogue: every file in data/ is described; the row counts of the 2021-geography
 * entries equal the data lines of their files (counted here from the files); periods parse.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bundledReleases, listReleases } from '../../src/releases/catalogue.js';
import { bundledGeographyReleases } from '../../src/releases/bundledGeography.js';
import { financialYear, periodSortKey } from '../../src/releases/period.js';
import { dataDir } from '../../src/io/paths.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('release catalogue', () => {
  it('describes every data file shipped in data/', () => {
    const root = dataDir();
    const described = new Set(bundledReleases().map((r) => r.sourceFile));
    const shipped = files(root)
      .map((f) => relative(root, f).replace(/\.gz$/, ''))
      .filter((f) => !f.endsWith('.md') && !f.startsWith('tools/') && !f.endsWith('.xlsx'));
    expect(shipped.filter((f) => !described.has(f))).toEqual([]);
  });

  it('2021-geography entries: rows equal the data lines of each file', () => {
    for (const r of bundledGeographyReleases()) {
      const buf = readFileSync(r.path);
      const text = (r.path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8').trimEnd();
      expect([r.id, text.split('\n').length - 1]).toEqual([r.id, r.rows]);
    }
  });

  it('marks IoD2025 as the latest IMD on LSOAs', () => {
    const lsoaImd = listReleases({ dataDir: '/nonexistent-healthgap-dir' }).filter((r) => r.kind === 'imd' && r.level === 'lsoa');
    expect(lsoaImd.filter((r) => r.latest).map((r) => r.id)).toEqual(['imd2025']);
  });

  it('parses the periods publishers write', () => {
    expect(['2019/20', '2019-2020', '201920', '1920', '2019-20'].map(financialYear)).toEqual(['2019-20', '2019-20', '2019-20', '2019-20', '2019-20']);
    expect(financialYear('2019-21')).toBeNull();
    expect(periodSortKey('January 2022')).toBe(2022);
    expect(periodSortKey('mid-2019')).toBe(2019);
    expect(periodSortKey('December 2022')).toBeCloseTo(2022 + 11 / 12, 12);
    expect(periodSortKey('not known')).toBeNull();
  });
});
