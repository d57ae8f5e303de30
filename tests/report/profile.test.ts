/**
 * Place profiles on the bundled real data: the indicators the profile shows (checked against
 * published totals and against the domain modules they come from), section choice and order,
 * custom sections, suppression of small practice registers, and the places the CLI accepts.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import {
  buildPlaceProfile,
  parseSectionList,
  resolveProfilePlace,
  placeSlug,
  indicatorSet,
  placeIndicator,
  registerBuiltInProviders,
  allUtlaPlaces,
  regionPlaces,
} from '../../src/report/profile/index.js';
import { leComparePlace } from '../../src/lifeexp/place.js';
import { core20Population } from '../../src/core20plus5/core20.js';
import { prevalenceByLevel } from '../../src/prevalence/rollup.js';
import { practicePrevalence } from '../../src/prevalence/recorded.js';
import { renderReport } from '../../src/report/render.js';
import type { ChartSpec } from '../../src/charts/types.js';

registerBuiltInProviders();
const SANDWELL = 'E08000028';
const WM = 'E12000005';

describe('profile places', () => {
  it('resolves local authorities, ICBs and regions at the right level and refuses others', () => {
    const s = resolveProfilePlace('Sandwell');
    expect([s.code, s.level, s.region?.code, s.icb?.code, s.lads.length]).toEqual([SANDWELL, 'utla', WM, 'E54000062', 1]);
    const w = resolveProfilePlace('Worcestershire');
    expect([w.code, w.level, w.lads.length]).toEqual(['E10000034', 'utla', 6]);
    expect(resolveProfilePlace('Worcester').level).toBe('lad');
    expect(resolveProfilePlace('E54000062').level).toBe('icb');
    expect(() => resolveProfilePlace('Sandwel')).toThrow(/did you mean "Sandwell/);
    expect(() => resolveProfilePlace('England')).toThrow(/England itself/);
    expect(placeSlug('Herefordshire, County of')).toBe('herefordshire');
    expect(placeSlug('Bristol, City of')).toBe('bristol');
    expect(allUtlaPlaces()).toHaveLength(151);
    expect(regionPlaces('West Midlands')).toHaveLength(14);
  });

  it('parses section lists and rejects unknown sections', () => {
    expect(parseSectionList('who-lives-here, spine')).toEqual(['who-lives-here', 'spine']);
    expect(() => parseSectionList('who-lives-here,maps')).toThrow(/unknown section "maps"/);
  });
});

describe('profile indicators (one calculation for chart, table and text)', () => {
  const set = indicatorSet('utla');
  const get = (id: string) => placeIndicator(set.get(id)!, SANDWELL, WM);

  it('England QOF totals equal the published 2019-20 figures', () => {
    const hyp = get('qof-hyp').england;
    expect([hyp.count, hyp.denominator]).toEqual([8514885, 60407685]);
    expect(hyp.value!).toBeCloseTo(14.096, 3);
    expect(get('qof-dm').england.value!).toBeCloseTo(7.0826, 3);
  });

  it('Sandwell values match the domain modules they come from', () => {
    const le = leComparePlace(SANDWELL, { year: 2014, sexes: ['Male', 'Female'] });
    expect(get('le0-male').place.value).toBe(le[0].area.value);
    expect(get('le0-female').place.value).toBe(le[1].area.value);
    expect(get('le0-male').place.value!).toBeCloseTo(77.22, 2);
    expect(get('le0-male').vsEngland).toBe('Worse');
    const c20 = core20Population(SANDWELL, { imd: 2019 });
    expect(get('core20-share').place.value!).toBeCloseTo(100 * c20.core20_share!, 10);
    expect(get('core20-share').place.value!).toBeCloseTo(60.29, 2);
    const dm = prevalenceByLevel('DM', 'utla')
      .table.filter(aq.escape((d: { area_code: string }) => d.area_code === SANDWELL))
      .object() as { value: number; count: number };
    expect(get('qof-dm').place.value).toBe(dm.value);
    expect(get('qof-dm').vsEngland).toBe('Higher');
    expect(get('qof-dm').def.polarity).toBe('no-judgement');
  });

  it('uses the Fingertips comparison: England inside the 95% CI → Similar; polarity decides Better/Worse', () => {
    const mort = get('mort-u75');
    expect(mort.def.polarity).toBe('low-is-good');
    expect(mort.place.lower!).toBeGreaterThan(mort.england.value!);
    expect(mort.vsEngland).toBe('Worse');
    const copd = get('qof-copd');
    expect(copd.place.lower! <= copd.england.value! && copd.england.value! <= copd.place.upper!).toBe(true);
    expect(copd.vsEngland).toBe('Similar');
  });

  it('England range of the spine chart spans the 151 upper-tier authorities', () => {
    const p = get('qof-hyp');
    expect(p.peersWithValue).toBe(151);
    const values = [...set.get('qof-hyp')!.peers.values()].map((v) => v.value!).sort((a, b) => a - b);
    expect(p.range![0]).toBe(values[0]);
    expect(p.range![4]).toBe(values[150]);
  });
});

describe('buildPlaceProfile', () => {
  it('builds the chosen sections in order, with custom sections where asked and escaped text', () => {
    const report = buildPlaceProfile('Sandwell', {
      sections: ['spine', 'who-lives-here'],
      customSections: [
        { heading: '<script>alert(1)</script>', markdown: 'Local notes.', after: 'spine' },
        { heading: 'Actions', markdown: '- one', after: 'end' },
      ],
    });
    expect(report.sections.map((s) => s.id)).toEqual(['spine', 'custom-script-alert-1-script', 'who-lives-here', 'custom-actions']);
    expect(report.audience).toBe('Sandwell Health and Wellbeing Board');
    const html = renderReport(report);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(report.appendix.map((a) => a.indicator)).toContain('Population by age and sex');
  });

  it('every number of a headline comes from the indicators', () => {
    const report = buildPlaceProfile('Sandwell', { sections: ['who-lives-here', 'life-expectancy'] });
    expect(report.sections[0].headline).toBe(
      '328,450 people lived in Sandwell in mid-2019. 60.3% of its residents live in Core20 neighbourhoods, the most deprived 20% in England (England 19.9%; shares of the mid-2015 populations used for the deprivation index).',
    );
    expect(report.sections[1].narrative[0]).toBe(
      'Life expectancy at birth for men in Sandwell (2014), 77.2 years, is 2.4 years lower than England (significantly lower). Compared with the West Midlands region (78.8 years) it is 1.6 years lower (significantly lower).',
    );
  });

  it('leaves practices with a register below the threshold off the funnel and says so', () => {
    const threshold = 10;
    const report = buildPlaceProfile('Sandwell', { sections: ['practice-variation'], funnelRegister: 'LD', suppression: { threshold } });
    const section = report.sections[0];
    const chart = section.figures[0] as ChartSpec;
    const small = (practicePrevalence('LD').objects() as { practice_code: string; count: number | null }[])
      .filter((p) => p.count !== null && p.count > 0 && p.count < threshold)
      .map((p) => p.practice_code);
    const labels = chart.table.rows.map((r) => String(r[0]));
    const plottedSmall = labels.filter((l) => small.some((c) => l.endsWith(`(${c})`)));
    expect(plottedSmall).toEqual([]);
    const hidden = (section.narrative as string[]).find((n) => n.includes('small-number suppression'));
    expect(hidden).toMatch(/^\d+ practices? ha(s|ve) a register of fewer than 10 patients/);
  });
});
