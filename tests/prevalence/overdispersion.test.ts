/**
 * Overdispersion-adjusted practice funnels on real data: the bundled NHS Digital QOF 2019-20 file
 * (data/qof/PREVALENCE_1920.csv), diabetes register over the 17+ list.
 *
 * Independent figures, computed with plain Python 3 (csv + gzip + math + statistics.NormalDist, no
 * healthgap code) over the 6,719 DM practices with a list > 0 and register ≤ list (Y03051 left off):
 * p0 = 3,455,051 / 48,783,839 = 0.07082367994859937; arcsine z-scores zᵢ = (asin√pᵢ − asin√p0)·2√nᵢ,
 * winsorised at R type-7 quantiles 0.1 / 0.9 (1,344 practices pulled in);
 * φ = 20.182817591589327, τ² = 0.0006606599305653302 (DerSimonian-Laird, weights 4nᵢ);
 * additive adjusted z = (asin√pᵢ − asin√p0)/√(1/(4nᵢ) + τ²): 221 above Φ⁻¹(0.999), 214 below −Φ⁻¹(0.999),
 * 1,076 beyond ±Φ⁻¹(0.975); multiplicative (zᵢ/√φ): 127 above and 230 below the 99.8% limits.
 * Unadjusted (PHEim, Wilson): 2,079 above and 1,574 below the 99.8% limits.
 * healthgap keeps a practice inside a limit when it is inside PHEim's (never more extreme than the
 * unadjusted funnel): that moves one practice, Y05412 (0 on the register, 69 patients 17+), from
 * below the adjusted 99.8% limit (pure FunnelPlotR arcsine, adjusted z = −4.12) to below the 95% limit, as the
 * Wilson 99.8% lower limit at 69 patients is 0. So 221 above and 213 below the 99.8% limits.
 */
import { describe, expect, it } from 'vitest';
import { funnelLimits, funnelSigmaAdjustment, overdispersedLabel } from '../../src/stats/funnel.js';
import { practicePrevalence, practiceFunnel, funnelNarrative, qofRegister, prevalenceFunnelChartData } from '../../src/prevalence/index.js';
import { runCliInProcess } from '../helpers/cli.js';
import { expectRelClose } from '../helpers/tolerance.js';

describe('practice funnel with overdispersion, QOF 2019-20 diabetes (17+), all England practices', () => {
  const dm = practicePrevalence('DM');
  const plain = practiceFunnel(dm);
  const add = practiceFunnel(dm, { overdispersion: 'additive' });
  const mul = practiceFunnel(dm, { overdispersion: 'multiplicative' });

  it('default unchanged: PHEim limits, 3,653 of 6,719 practices outside the 99.8% limits', () => {
    expect(plain.overdispersion).toBe('none');
    expect(plain.adjusted).toBe(false);
    expect(plain.dispersion).toBeNull();
    expect(plain.counts).toEqual({ 'High (0.001)': 2079, 'High (0.025)': 560, 'Low (0.001)': 1574, 'Low (0.025)': 417, 'Not significant': 2089 });
    expect(plain.limits.get('method', 0)).toBe('Wilson');
  });

  it('φ and τ² as computed independently; the χ² test rejects "no overdispersion"', () => {
    const d = add.dispersion!;
    expect(d.units).toBe(6719);
    expectRelClose(d.target, 0.07082367994859937, 1e-12, 'd.target');
    expect(d.winsorised).toBe(1344);
    expectRelClose(d.phi, 20.182817591589327, 1e-10, 'd.phi');
    expectRelClose(d.tau2, 0.0006606599305653302, 1e-10, 'd.tau2');
    expect(d.df).toBe(6718);
    expect(d.pValue).toBe(0);
    expect(d.overdispersed).toBe(true);
    expect(add.adjusted).toBe(true);
  });

  it('outside the adjusted 99.8% limits: 434 of 6,719 practices (6.5%) additive, 357 (5.3%) multiplicative', () => {
    expect(add.counts).toEqual({ 'High (0.001)': 221, 'High (0.025)': 354, 'Low (0.001)': 213, 'Low (0.025)': 288, 'Not significant': 5643 });
    const pts = add.points.objects() as { practice_code: string; count: number; denominator: number; significance: string }[];
    const pure = pts.map((p) => overdispersedLabel(add.dispersion!, 'additive', p.count, p.denominator));
    expect(pure.filter((l) => l === 'Low (0.001)').length).toBe(214); // FunnelPlotR's rule alone, as the Python check
    const moved = pts.filter((p, i) => pure[i] !== p.significance);
    expect(moved.map((p) => [p.practice_code, p.count, p.denominator, p.significance])).toEqual([['Y05412', 0, 69, 'Low (0.025)']]);
    expect(mul.counts['High (0.001)']).toBe(127);
    expect(mul.counts['Low (0.001)']).toBe(230);
    const outside998 = add.counts['High (0.001)'] + add.counts['Low (0.001)'];
    expect(outside998 / 6719).toBeLessThan(0.07);
    expect(add.outside.numRows()).toBe(6719 - 5643);
  });

  it('the adjusted limits on the 100-point axis are wider than the PHEim limits at every point', () => {
    const L = add.limits.objects() as Record<string, number>[];
    const P = plain.limits.objects() as Record<string, number>[];
    expect(L.map((r) => r.Population)).toEqual(P.map((r) => r.Population));
    for (let i = 0; i < 100; i++) {
      expect(L[i].lower_2s_limit).toBeLessThanOrEqual(P[i].lower_2s_limit);
      expect(L[i].lower_3s_limit).toBeLessThanOrEqual(P[i].lower_3s_limit);
      expect(L[i].upper_2s_limit).toBeGreaterThanOrEqual(P[i].upper_2s_limit);
      expect(L[i].upper_3s_limit).toBeGreaterThanOrEqual(P[i].upper_3s_limit);
    }
    // at a list of 10,000 (17+): adjusted 99.8% limits vs Wilson
    const avg = add.average / 100;
    const d = add.dispersion!;
    const th = Math.asin(Math.sqrt(avg));
    const sd = Math.sqrt(1 / 40000 + d.tau2);
    const z = 3.090232306167813;
    const t = funnelLimits(
      dm.filter((r: { practice_code: string }) => r.practice_code !== 'Y03051'),
      { numerator: 'count', denominator: 'denominator', statistic: 'proportion', multiplier: 100, overdispersion: 'additive' },
    );
    expect(t.get('tau2', 0)).toBe(d.tau2);
    expect(Math.sin(th + z * sd) ** 2).toBeGreaterThan(funnelSigmaAdjustment(0.999, 10000, avg, 'high', 1));
    const chart = prevalenceFunnelChartData(add);
    expect(chart.limits).toHaveLength(100);
    expect(chart.limits[99].upper998).toBe(L[99].upper_3s_limit);
  });

  it('narrative and notes say the limits are adjusted, with φ and τ²', () => {
    expect(funnelNarrative(add, qofRegister('DM'))).toBe(
      'Of 6,719 practices, 575 have recorded diabetes prevalence above the 95% limit (221 above 99.8%) and 501 below it (213 below 99.8%), around an average of 7.1%. The limits are adjusted for overdispersion (additive random-effects model: dispersion ratio φ = 20.18, between-practice variance τ² = 0.000661 on the arcsine square root scale).',
    );
    expect(add.notes.at(-1)).toMatch(
      /adjusted for overdispersion at 95% and 99\.8%: additive random effects model on the arcsine square root scale with 10% winsorised z-scores \(Spiegelhalter 2005; FunnelPlotR\), dispersion ratio phi = 20\.18, between-practice variance tau2 = 0\.000661\.$/,
    );
  });

  it('rejects an unknown model', () => {
    expect(() => practiceFunnel(dm, { overdispersion: 'random' as 'additive' })).toThrow(/overdispersion must be "none", "additive" or "multiplicative"/);
  });
});

describe('CLI: healthgap prevalence --funnel --overdispersion', () => {
  const run = (...args: string[]) => runCliInProcess('prevalence', ...args);

  it('JSON carries the model, φ, τ² and the adjusted counts', async () => {
    const r = await run('DM', '--by', 'practice', '--funnel', '--overdispersion', 'additive', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      funnel: { overdispersion: string; adjusted: boolean; dispersion: { phi: number; tau2: number; df: number }; counts: Record<string, number> };
    };
    expect(j.funnel.overdispersion).toBe('additive');
    expect(j.funnel.adjusted).toBe(true);
    expectRelClose(j.funnel.dispersion.phi, 20.182817591589327, 1e-10, 'j.funnel.dispersion.phi');
    expect(j.funnel.dispersion.df).toBe(6718);
    expect(j.funnel.counts['High (0.001)']).toBe(221);
  });

  it('bad model or missing --funnel: exit 2 with one line', async () => {
    const a = await run('DM', '--by', 'practice', '--funnel', '--overdispersion', 'bogus');
    expect(a.code).toBe(2);
    expect(a.err).toContain('overdispersion must be "none", "additive" or "multiplicative" (found "bogus")');
    const b = await run('DM', '--by', 'practice', '--overdispersion', 'additive');
    expect(b.code).toBe(2);
    expect(b.err).toContain('--overdispersion applies to the practice funnel: add --funnel');
  });
});
