/**
 * Parity with NHSRplotthedots 0.2.0: its own testthat snapshots (tests/fixtures/spc/, see the
 * README there) are parsed here and every value they print is compared with healthgap's output
 * on the same 20-point input.
 *
 * - `ptd_spc_standard.md`: `pillar::glimpse()` of the point table for (r1) the series, (r2) the
 *   series with point 15 set to 10, outlier screening on, (r3) the same with screening off. glimpse
 *   prints 7 significant digits and cuts the line with `~`: every complete value is compared at
 *   1e-6 (text and logicals exactly).
 * - `ptd_spc.md`: `summary()` tibbles (3 significant digits, integers exact) for the plain,
 *   rebased, faceted (facet 0 = first 10 points, 1 = last 10), faceted + rebased and target runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spcSeries, type SpcInputPoint, type SpcOptions, type SpcRow } from '../../src/stats/spc.js';

const DIR = join(__dirname, '..', 'fixtures', 'spc');
const input: SpcInputPoint[] = readFileSync(join(DIR, 'test_data_seed123_rnorm20.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => {
    const [x, y] = l.split(',');
    return { x, y: Number(y) };
  });

interface Glimpse {
  columns: Map<string, { type: string; values: string[] }>;
}

/** Parse the `pillar::glimpse()` blocks of a snapshot: column name → type and complete values. */
function glimpses(md: string): Glimpse[] {
  const out: Glimpse[] = [];
  for (const block of md.split(/Rows: \d+/).slice(1)) {
    const columns = new Map<string, { type: string; values: string[] }>();
    for (const m of block.matchAll(/^\s*\$ (\S+)\s+<(\w+)> (.*)$/gm)) {
      let values = m[3].split(', ');
      if (values[values.length - 1].endsWith('~')) values = values.slice(0, -1);
      columns.set(m[1], { type: m[2], values });
    }
    out.push({ columns });
  }
  return out;
}

/** Parse the summary tibbles: each is a list of row objects (column → printed text). */
function tibbles(md: string): Record<string, string>[][] {
  const out: Record<string, string>[][] = [];
  for (const block of md.split('# A tibble').slice(1)) {
    const lines = block.split('\n').slice(1);
    const header = lines[0].trim().split(/\s+/);
    const rows: Record<string, string>[] = [];
    for (const l of lines.slice(2)) {
      const cells = l.trim().split(/\s+/);
      if (!/^\d+$/.test(cells[0] ?? '')) break;
      rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i + 1]])));
    }
    out.push(rows);
  }
  return out;
}

function compareGlimpse(g: Glimpse, rows: SpcRow[]): number {
  let compared = 0;
  for (const [name, { type, values }] of g.columns) {
    values.forEach((text, i) => {
      const got = rows[i][name as keyof SpcRow];
      if (text === 'NA') expect(got, `${name}[${i + 1}]`).toBeNull();
      else if (type === 'dbl') expect(Math.abs((got as number) - Number(text)), `${name}[${i + 1}]`).toBeLessThan(1e-6);
      else if (type === 'lgl') expect(got, `${name}[${i + 1}]`).toBe(text === 'TRUE');
      else if (type === 'chr') expect(got, `${name}[${i + 1}]`).toBe(JSON.parse(text));
      else if (type === 'date') expect(got, `${name}[${i + 1}]`).toBe(text);
      else throw new Error(`unexpected glimpse type ${type}`);
      compared++;
    });
  }
  return compared;
}

describe('NHSRplotthedots ptd_spc_standard() snapshots', () => {
  const snaps = glimpses(readFileSync(join(DIR, 'ptd_spc_standard.md'), 'utf8'));
  const outlier = input.map((p, i) => (i === 14 ? { ...p, y: 10 } : p));
  it('has the three glimpses', () => expect(snaps).toHaveLength(3));
  it('r1: the 20-point series (mean 0.1416238, limits −3.01138 and 3.294627)', () => {
    const r = spcSeries(input);
    expect(compareGlimpse(snaps[0], r.rows)).toBeGreaterThan(60);
    expect(r.rows[0].mean_col).toBeCloseTo(0.1416238, 7);
    expect(r.rows[0].lpl).toBeCloseTo(-3.01138, 5);
    expect(r.rows[0].upl).toBeCloseTo(3.294627, 6);
  });
  it('r2: point 15 = 10, its moving ranges screened out', () => {
    const r = spcSeries(outlier);
    expect(compareGlimpse(snaps[1], r.rows)).toBeGreaterThan(60);
    // the two moving ranges around the outlier are left out; no other
    expect(r.rows.filter((x) => x.mr_excluded).map((x) => x.x)).toEqual(['2020-01-16', '2020-01-17']);
  });
  it('r3: point 15 = 10, no screening (wider limits)', () => {
    const r = spcSeries(outlier, { screenOutliers: false });
    expect(compareGlimpse(snaps[2], r.rows)).toBeGreaterThan(60);
    expect(r.rows.some((x) => x.mr_excluded)).toBe(false);
  });
});

describe('NHSRplotthedots summary() snapshots', () => {
  const snaps = tibbles(readFileSync(join(DIR, 'ptd_spc.md'), 'utf8'));
  const faceted = input.map((p, i) => ({ ...p, f: i < 10 ? 0 : 1 }));
  const runs: [string, SpcInputPoint[], SpcOptions][] = [
    ['plain', input, {}],
    ['rebased at a date before the series', input, { rebase: ['2020-01-01'] }],
    ['faceted', faceted, {}],
    ['faceted and rebased', faceted, { rebase: ['2020-01-01'] }],
    ['with a target', input, { target: 0.5 }],
    ['summary with a target', input, { target: 0.5 }],
  ];
  it('has six summaries', () => expect(snaps).toHaveLength(runs.length));
  runs.forEach(([label, points, options], k) => {
    it(label, () => {
      const r = spcSeries(points, options);
      expect(r.summary).toHaveLength(snaps[k].length);
      snaps[k].forEach((row, i) => {
        const s = r.summary[i] as unknown as Record<string, unknown>;
        for (const [col, text] of Object.entries(row)) {
          const got = s[col];
          if (['n', 'common_cause', 'special_cause_improvement', 'rebase_group', 'f'].includes(col)) expect(got, col).toBe(Number(text));
          else expect(Number((got as number).toPrecision(3)), col).toBe(Number(text));
        }
        // columns the tibble print cut off: no special causes in any run
        expect(s.special_cause_concern).toBe(0);
        expect(s.variation_type).toBe('common_cause');
      });
    });
  });
  it('faceted runs warn of fewer than 12 points; the 20-point series does not', () => {
    expect(spcSeries(faceted).warnings[0]).toMatch(/fewer than 12 points in group "0": 10 points; group "1": 10 points/);
    expect(spcSeries(input).warnings).toEqual([]);
  });
  it('a target of 0.5 between the limits is hit and miss', () => {
    expect(spcSeries(input, { target: 0.5 }).summary[0].assurance_type).toBe('inconsistent');
  });
});
