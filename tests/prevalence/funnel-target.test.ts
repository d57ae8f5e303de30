/**
 * practiceFunnel centred on a target (England), practice names in practicePrevalence, on the bundled
 * QOF 2019-20 diabetes file. England = Σ register / Σ 17+ list over all practices (summed here with a
 * plain loop). Checks by identity, independent of the limit formula: a Wilson funnel limit L at list
 * size n around target p is the proportion whose Wilson interval (n patients) has p as its bound, so
 * wilsonInterval(L·n, n).lower = p for the upper limits; and a practice is "High" at 95% exactly when
 * its own Wilson 95% interval lies wholly above p.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { practicePrevalence, practiceFunnel, funnelNarrative, qofRegister } from '../../src/prevalence/index.js';
import { practiceName, practiceAreaShares } from '../../src/geography/index.js';
import { wilsonInterval } from '../../src/stats/confidence.js';

const dm = practicePrevalence('DM');
const count = dm.array('count') as (number | null)[];
const list = dm.array('denominator') as (number | null)[];
let sx = 0;
let sn = 0;
for (let i = 0; i < count.length; i++) {
  sx += count[i] ?? 0;
  sn += list[i] ?? 0;
}
const england = (100 * sx) / sn;
const walsallCodes = new Set(
  (practiceAreaShares('lad').objects() as { practice_code: string; area_code: string; share: number }[])
    .filter((r) => r.area_code === 'E08000030' && r.share >= 0.5)
    .map((r) => r.practice_code),
);
const walsall = dm.filter(aq.escape((d: { practice_code: string }) => walsallCodes.has(d.practice_code)));

describe('practiceFunnel with a target', () => {
  it('England is 7.08% (QOF 2019-20 diabetes, 17+)', () => {
    expect(england).toBeCloseTo(7.0826, 3);
  });
  const funnel = practiceFunnel(walsall, { target: england });
  it('draws the limits around the target', () => {
    expect(funnel.target).toBe(england);
    const rows = funnel.limits.objects() as { Population: number; upper_2s_limit: number; upper_3s_limit: number; lower_2s_limit: number; baseline: number }[];
    for (const r of rows.filter((r) => r.Population >= 100).slice(0, 50)) {
      expect(r.baseline).toBeCloseTo(england, 12);
      expect(wilsonInterval((r.upper_2s_limit / 100) * r.Population, r.Population, 0.95).lower! * 100).toBeCloseTo(england, 6);
      expect(wilsonInterval((r.upper_3s_limit / 100) * r.Population, r.Population, 0.998).lower! * 100).toBeCloseTo(england, 6);
      if (r.lower_2s_limit > 0) expect(wilsonInterval((r.lower_2s_limit / 100) * r.Population, r.Population, 0.95).upper! * 100).toBeCloseTo(england, 6);
    }
  });
  it('labels each practice against England', () => {
    const points = funnel.points.objects() as { count: number; denominator: number; significance: string }[];
    expect(points.length).toBe(walsall.numRows());
    let high = 0;
    for (const p of points) {
      const ci = wilsonInterval(p.count, p.denominator, 0.95);
      const above = ci.lower! * 100 > england;
      const below = ci.upper! * 100 < england;
      if (above) high++;
      expect(p.significance.startsWith('High')).toBe(above);
      expect(p.significance.startsWith('Low')).toBe(below);
    }
    expect(funnel.counts['High (0.001)'] + funnel.counts['High (0.025)']).toBe(high);
    expect(funnelNarrative(funnel, qofRegister('DM'))).toContain('around the target of 7.1%');
    // around Walsall's own average (9.3%) fewer practices are high than against England
    const own = practiceFunnel(walsall);
    expect(own.target).toBeNull();
    expect(own.counts['High (0.001)'] + own.counts['High (0.025)']).toBeLessThan(high);
  });
  it('rejects a target that is not a percentage, or with an overdispersion adjustment', () => {
    expect(() => practiceFunnel(walsall, { target: 0.07 * 0 })).toThrow('target must be a percentage between 0 and 100');
    expect(() => practiceFunnel(walsall, { target: 7, overdispersion: 'additive' })).toThrow('cannot be combined');
  });
});

describe('practicePrevalence names the practices', () => {
  it('practice_name comes from the registrations, next to the code', () => {
    expect(dm.columnNames().slice(0, 3)).toEqual(['practice_code', 'practice_name', 'register']);
    const codes = dm.array('practice_code') as string[];
    const names = dm.array('practice_name') as (string | null)[];
    for (const i of [0, 1, 100, 5000]) expect(names[i]).toBe(practiceName(codes[i]));
    expect(names.filter((n) => n !== null).length).toBeGreaterThan(6500);
  });
});
