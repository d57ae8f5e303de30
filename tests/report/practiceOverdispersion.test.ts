/**
 * The place profile's practice variation section with overdispersion-adjusted funnel limits
 * (default "additive"), against the same practices run through src/prevalence `practiceFunnel`.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { buildPlaceProfile } from '../../src/report/profile/index.js';
import { placePractices } from '../../src/report/profile/sections/practices.js';
import { resolveProfilePlace } from '../../src/report/profile/place.js';
import { practiceFunnel } from '../../src/prevalence/variation.js';
import { isSuppressedCount, resolveSuppressionRule } from '../../src/report/suppression.js';

describe('practice variation: overdispersion-adjusted limits', () => {
  const place = resolveProfilePlace('Sandwell');
  const pr = placePractices(place.code, place.level, 'DM').filter((p) => !isSuppressedCount(p.count, resolveSuppressionRule(undefined)));
  const t = aq.table({ practice_code: pr.map((p) => p.code), count: pr.map((p) => p.count), denominator: pr.map((p) => p.list) });
  const adjusted = practiceFunnel(t, { overdispersion: 'additive' });
  const plain = practiceFunnel(t);

  it('default: additive model, φ and τ² in the appendix (not the body), the method in the appendix', () => {
    const report = buildPlaceProfile('Sandwell', { sections: ['practice-variation'] });
    const s = report.sections[0];
    const d = adjusted.dispersion!;
    expect(adjusted.adjusted).toBe(true);
    const outside998 = adjusted.counts['High (0.001)'] + adjusted.counts['Low (0.001)'];
    expect(s.headline).toBe(
      `${outside998} of ${pr.length} GP practices serving Sandwell ${outside998 === 1 ? 'has' : 'have'} diabetes recorded prevalence outside the widened 99.8% limits around their average of ${adjusted.average.toFixed(2)}%.`,
    );
    const text = (s.narrative as string[]).join(' ');
    expect(text).toContain('The practices differ by more than chance alone would explain');
    expect(text).not.toMatch(/φ|τ²|arcsine/);
    const notes = report.appendix.find((a) => a.indicator === 'Practice variation (funnel plot)')!.notes!;
    expect(notes).toContain(`dispersion ratio φ = ${d.phi.toFixed(2)}`);
    expect(notes).toContain(`between-practice variance τ² = ${d.tau2.toPrecision(3)} on the arcsine square root scale`);
    expect(s.tables[0].rows).toHaveLength(outside998);
    const appendix = report.appendix.find((a) => a.indicator === 'Practice variation (funnel plot)')!;
    expect(appendix.method).toContain('additive random-effects model (between-practice variance τ², DerSimonian-Laird), Spiegelhalter (2005)');
    // fewer practices flagged than with the unadjusted (PHEim) limits
    expect(outside998).toBeLessThan(plain.counts['High (0.001)'] + plain.counts['Low (0.001)']);
  });

  it('funnelOverdispersion "none": the unadjusted PHEim funnel, said so', () => {
    const report = buildPlaceProfile('Sandwell', { sections: ['practice-variation'], funnelOverdispersion: 'none' });
    const s = report.sections[0];
    const outside998 = plain.counts['High (0.001)'] + plain.counts['Low (0.001)'];
    expect(s.headline).toBe(
      `${outside998} of ${pr.length} GP practices serving Sandwell ${outside998 === 1 ? 'has' : 'have'} diabetes recorded prevalence outside the 99.8% limits around their average of ${plain.average.toFixed(2)}%.`,
    );
    expect((s.narrative as string[]).join(' ')).toContain('The limits are not widened for extra variation between practices (the method Fingertips uses).');
    expect(report.appendix.find((a) => a.indicator === 'Practice variation (funnel plot)')!.method).toContain('no overdispersion adjustment');
  });
});
