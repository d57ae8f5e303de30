/**
 * Board-ready place profiles, on real profiles built from the bundled data (Sandwell,
 * Herefordshire, Birmingham and the Black Country ICB). One test per reviewed problem:
 * - an ICB (whole districts) gets hypertension against expected as the sum of its four districts'
 *   expected counts, and no "not available%" appears anywhere;
 * - hypertension "recorded as % of expected" carries no better/worse judgement and no comparison;
 * - every sentence states one denominator (Sandwell: 192,396 ÷ 319,101 = 60.29%, the share shown);
 * - Herefordshire men's LE gap is worded as an advantage naming the ages, shares of the advantage;
 * - the between-authority SII is labelled as such, the place is on the chart, within-area SII
 *   stated as not yet available;
 * - prevalence sentences state the age caveat and the size of each difference (Birmingham);
 * - Core20PLUS5 counts only real measures as covered, ambitions carry their source year;
 * - one documented peer set per indicator (mortality leaves out City of London, as LE does);
 * - key messages first, with ranks checked by independent counting over the peers;
 * - no φ, τ², arcsine, Arriaga, Chiang or LSOA in the body; small wording rules.
 * Independent arithmetic is noted beside each check.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlaceProfile, componentIndicators, indicatorSet, registerBuiltInProviders, resolveProfilePlace } from '../../src/report/profile/index.js';
import { renderReport } from '../../src/report/render.js';
import { expectedHypertensionHse2022 } from '../../src/prevalence/expected.js';
import { core20Population } from '../../src/core20plus5/core20.js';
import { getGeography } from '../../src/geography/vintages.js';
import { gapDecimals, about, pct } from '../../src/report/profile/context.js';
import { ordinal } from '../../src/report/profile/text.js';
import { CORE20PLUS5_AREAS } from '../../src/core20plus5/catalogue.js';
import type { Report, Section } from '../../src/report/types.js';
import type { ChartSpec } from '../../src/charts/types.js';

registerBuiltInProviders();
const cache = new Map<string, Report>();
function profile(place: string): Report {
  if (!cache.has(place))
    cache.set(place, buildPlaceProfile(place, { sections: ['key-messages', 'who-lives-here', 'life-expectancy', 'core20plus5', 'prevalence', 'spine'] }));
  return cache.get(place)!;
}
const section = (r: Report, id: string): Section => r.sections.find((s) => s.id === id)!;
const text = (s: Section): string => [s.headline, ...(Array.isArray(s.narrative) ? s.narrative : [s.narrative])].join('\n');
const BLACK_COUNTRY = 'E54000062';
const T = 240_000;

describe('ICB made of whole districts', () => {
  it(
    'hypertension expected count is the sum of its districts and nothing prints "not available%"',
    () => {
      const r = profile(BLACK_COUNTRY);
      const lads = getGeography().childrenOf(BLACK_COUNTRY, 'lad', { fromLevel: 'icb' });
      expect(lads.map((l) => l.name).sort()).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
      const exp = expectedHypertensionHse2022(lads.map((l) => l.code));
      const sum = (exp.array('expected_count') as number[]).reduce((a, b) => a + b, 0);
      const hyp = indicatorSet('icb').get('hyp-case-finding')!.peers.get(BLACK_COUNTRY)!;
      expect(hyp.denominator!).toBeCloseTo(sum, 6);
      expect(hyp.value!).toBeCloseTo((100 * hyp.count!) / sum, 10);
      const html = renderReport(r) + renderReport(profile('Sandwell'));
      expect(html).not.toMatch(/not available%/);
      expect(text(section(r, 'core20plus5'))).toContain(`${pct(hyp.value)} of ${about(sum)} expected`);
    },
    T,
  );
});

describe('areas made of whole districts: components add up to the whole', () => {
  it(
    'Black Country ICB = its four boroughs; register, expected and Core20 counts are their sums',
    () => {
      const comps = componentIndicators(resolveProfilePlace(BLACK_COUNTRY), ['qof-hyp', 'hyp-case-finding', 'core20-share', 'le0-male']);
      expect(comps.map((c) => [c.area.name, c.level])).toEqual([
        ['Dudley', 'utla'],
        ['Sandwell', 'utla'],
        ['Walsall', 'utla'],
        ['Wolverhampton', 'utla'],
      ]);
      const icb = indicatorSet('icb');
      const whole = (id: string) => icb.get(id)!.peers.get(BLACK_COUNTRY)!;
      const sum = (id: string, k: 'count' | 'denominator') => comps.reduce((s, c) => s + c.indicators.get(id)!.place[k]!, 0);
      expect(whole('qof-hyp').count!).toBeCloseTo(sum('qof-hyp', 'count'), 6);
      expect(whole('hyp-case-finding').denominator!).toBeCloseTo(sum('hyp-case-finding', 'denominator'), 6);
      expect(whole('core20-share').count!).toBeCloseTo(sum('core20-share', 'count'), 6);
      expect(comps.find((c) => c.area.name === 'Sandwell')!.indicators.get('le0-male')!.place.value!).toBeCloseTo(77.22, 2);
    },
    T,
  );

  it(
    'a two-tier county is made of its districts',
    () => {
      const comps = componentIndicators(resolveProfilePlace('Worcestershire'), ['qof-dm']);
      expect(comps.map((c) => c.area.name).sort()).toEqual(['Bromsgrove', 'Malvern Hills', 'Redditch', 'Worcester', 'Wychavon', 'Wyre Forest']);
      expect(comps.every((c) => c.level === 'lad')).toBe(true);
    },
    T,
  );
});

describe('hypertension recorded against a crude expected count', () => {
  it(
    'is never judged better or worse, nor compared with England',
    () => {
      for (const place of ['Sandwell', 'Herefordshire', BLACK_COUNTRY]) {
        const r = profile(place);
        for (const id of ['core20plus5', 'prevalence', 'key-messages']) {
          const t = text(section(r, id));
          for (const sentence of t.split(/(?<=\.)\s/).filter((x) => /hypertension|blood pressure/i.test(x)))
            expect(sentence).not.toMatch(/better than|worse than/i);
        }
        const table = section(r, 'core20plus5').tables[0];
        const row = table.rows.find((x) => String(x.area).includes('Hypertension'))!;
        expect(row.comparison).toBe('Not compared');
      }
    },
    T,
  );

  it(
    'tracks deprivation across the upper-tier authorities (the stated caveat holds)',
    () => {
      // Pearson r between the ratio and the Core20 share over the UTLAs with both values.
      const set = indicatorSet('utla');
      const hyp = set.get('hyp-case-finding')!.peers;
      const c20 = set.get('core20-share')!.peers;
      const pairs = [...hyp.values()].filter((v) => v.value !== null && c20.get(v.code)?.value != null).map((v) => [v.value!, c20.get(v.code)!.value!]);
      const n = pairs.length;
      const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
      const my = pairs.reduce((s, p) => s + p[1], 0) / n;
      const sxy = pairs.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
      const sxx = pairs.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
      const syy = pairs.reduce((s, p) => s + (p[1] - my) ** 2, 0);
      expect(n).toBeGreaterThanOrEqual(149);
      expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.4);
    },
    T,
  );
});

describe('one denominator per sentence', () => {
  it(
    'Sandwell: the mid-2019 population and the IoD (mid-2015) Core20 share are in separate sentences, each saying which',
    () => {
      const s = section(profile('Sandwell'), 'who-lives-here');
      const c = core20Population('E08000028', { imd: 2019 });
      expect([c.population, c.core20_population]).toEqual([319101, 192396]);
      expect(pct((100 * 192396) / 319101)).toBe('60.3%');
      for (const sentence of text(s).split(/(?<=\.)\s/)) {
        if (sentence.includes('328,450')) expect(sentence).not.toMatch(/Core20|60\.3%/);
        if (sentence.includes('60.3%')) expect(sentence).toMatch(/mid-2015/);
      }
      expect(text(s)).toContain(
        'The Index of Multiple Deprivation 2019 counts 319,101 residents in Sandwell (mid-2015); 192,396 of them, 60.3%, live in these neighbourhoods',
      );
    },
    T,
  );
});

describe('life expectancy', () => {
  it(
    'Herefordshire men: an advantage, naming the ages that make it, with shares of the advantage',
    () => {
      const le = section(profile('Herefordshire'), 'life-expectancy');
      const chart = le.figures[0] as ChartSpec;
      expect(chart.alt).toMatch(
        /^Life expectancy in Herefordshire \(males\) is 1\.4 years higher than in England: an advantage, not a gap\. The ages that add most to the advantage are \d/,
      );
      expect(chart.alt).not.toMatch(/largest contributions/);
      expect(chart.table.columns[2]).toBe('Share of the advantage (%)');
      const rows = chart.table.rows as [string, number, number][];
      const total = rows.reduce((s, r) => s + r[1], 0);
      expect(total).toBeLessThan(0);
      // Shares of a negative total: the ages adding to the advantage have positive shares; all sum to 100.
      for (const r of rows) if (r[1] < -0.005) expect(r[2]).toBeGreaterThan(0);
      expect(rows.reduce((s, r) => s + r[2], 0)).toBeCloseTo(100, 0);
    },
    T,
  );

  it(
    'labels the SII as between authorities, marks the place, and states the within-area SII as not yet available',
    () => {
      const r = profile('Sandwell');
      const le = section(r, 'life-expectancy');
      const t = text(le);
      expect(t).toMatch(/slope index of inequality between authorities/);
      expect(t).toMatch(/Inequality within Sandwell: not yet available here.*Fingertips indicator 92901/);
      const chart = le.figures.find((f) => f.title.startsWith('Life expectancy at birth by deprivation'))!;
      const star = chart.figure.data.find((d) => d.name === 'Sandwell')!;
      const m = indicatorSet('utla').get('le0-male')!.peers.get('E08000028')!.value;
      const f = indicatorSet('utla').get('le0-female')!.peers.get('E08000028')!.value;
      expect(star.y).toEqual([m, f]);
      expect(chart.alt).toContain('Sandwell (star, decile 1)');
    },
    T,
  );

  it(
    'with Fingertips data on disk lacking indicator 92901, still says the within-area SII is not available and how to get it',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'hg-ft-'));
      try {
        const r = buildPlaceProfile('Sandwell', { sections: ['life-expectancy'], fingertips: { selection: '92901', cacheDir: dir } });
        const t = text(r.sections[0]);
        expect(t).toContain('Inequality within Sandwell: not yet available here.');
        expect(t).toContain('`healthgap fingertips data 92901 --area-type 502` for upper-tier authorities, then `--fingertips 92901`');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    T,
  );

  it(
    'never shows a gap that contradicts the rounded values',
    () => {
      // 82.85 − 81.43: rounded values 82.9 and 81.4 differ by 1.5 but the gap rounds to 1.4 → 2 decimals.
      expect(gapDecimals([[81.43, 82.85]])).toBe(2);
      expect(gapDecimals([[77.22, 79.61]])).toBe(1);
      const t = text(section(profile('Sandwell'), 'life-expectancy'));
      expect(t).toContain('Compared with the West Midlands region (82.85 years) it is 1.42 years lower');
      expect(t).toContain('Life expectancy at birth for men in Sandwell (2014), 77.2 years, is 2.4 years lower than England');
    },
    T,
  );
});

describe('prevalence', () => {
  it(
    'Birmingham: age caveat in the sentence, and the size of each difference',
    () => {
      const r = profile('Birmingham');
      const t = text(section(r, 'prevalence'));
      const set = indicatorSet('utla');
      const can = set.get('qof-can')!;
      const b = can.peers.get('E08000025')!.value!;
      const rel = Math.round((100 * (can.england.value! - b)) / can.england.value!);
      expect(t).toContain(`cancer (${rel}% below England)`);
      expect(t).toMatch(/not adjusted for age/);
      expect(t).toMatch(
        /13\.1% of Birmingham's residents are aged 65 and over, against 18\.4% in England, so the lower figures for conditions mostly of older age \([^)]*coronary heart disease[^)]*dementia\) partly or wholly reflect a younger population/,
      );
      expect(section(r, 'prevalence').headline).toMatch(/before any allowance for age/);
    },
    T,
  );
});

describe('Core20PLUS5', () => {
  it(
    'counts only real measures as covered and marks the ambitions with their year',
    () => {
      const s = section(profile('Sandwell'), 'core20plus5');
      expect(s.headline).toContain(
        'of the 10 Core20PLUS5 clinical areas, 1 (hypertension case-finding and optimal management) has a local measure here, 4 only the size of a GP register and 5 no local data',
      );
      expect(text(s)).toContain("Shown here: the size of the register; the ambition's own measure: not bundled.");
      const rows = s.tables[0].rows;
      const smi = rows.find((x) => String(x.area).includes('Severe mental illness'))!;
      expect(String(smi.measure)).toMatch(/^Only the size of the register: Severe mental illness: QOF recorded prevalence/);
      expect(String(smi.aim)).toMatch(/\(Core20PLUS5, 2021\)$/);
      expect(String(rows.find((x) => String(x.area).includes('Early cancer'))!.aim)).toMatch(/NHS Long Term Plan, 2019/);
      // Every quoted numeric ambition carries a year (the catalogue's ambitions: maternity, SMI, cancer, hypertension).
      const withAmbition = CORE20PLUS5_AREAS.filter((x) => x.ambition).map((x) => x.name);
      expect(withAmbition).toHaveLength(4);
      for (const n of withAmbition) expect(String(rows.find((x) => String(x.area).endsWith(n))!.aim)).toMatch(/\b20\d\d\b/);
    },
    T,
  );
});

describe('peer sets', () => {
  it(
    'mortality uses the same peers as life expectancy: City of London and the Isles of Scilly left out, and documented',
    () => {
      const set = indicatorSet('utla');
      const mort = set.get('mort-all')!;
      const city = mort.peers.get('E09000001')!;
      expect(city.count).toBeLessThan(50);
      const r = profile('Sandwell');
      const values = [...mort.peers.values()]
        .filter((v) => !['E09000001', 'E06000053'].includes(v.code) && v.value !== null)
        .map((v) => v.value!)
        .sort((a, b) => a - b);
      const spine = section(r, 'spine').figures[0].table as { rows: Record<string, unknown>[] };
      const row = spine.rows.find((x) => String(x.indicator).startsWith('Mortality from all causes, all ages'))!;
      const dp = (v: number) => v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect([row.worst, row.best]).toEqual([dp(values[values.length - 1]), dp(values[0])]);
      expect(values).toHaveLength(149);
      const methods = r.appendix.find((a) => a.indicator.startsWith('Mortality from all causes, all ages'))!;
      expect(methods.notes).toMatch(/the 149 upper-tier local authorities .* leaving out City of London and Isles of Scilly/);
    },
    T,
  );
});

describe('key messages first', () => {
  it(
    'opens the profile with five or six sentences with ranks counted over the peers',
    () => {
      const r = profile('Sandwell');
      expect(r.sections[0].id).toBe('key-messages');
      const items = String(r.sections[0].narrative).split('\n');
      expect(items.length).toBeGreaterThanOrEqual(5);
      expect(items.length).toBeLessThanOrEqual(6);
      // Rank of Sandwell's Core20 share: 1 + the number of UTLAs with a larger share (core20Population per UTLA).
      const shares = getGeography()
        .areasAt('utla')
        .map((u) => core20Population(u.code, { imd: 2019 }).core20_share ?? -1);
      const mine = core20Population('E08000028', { imd: 2019 }).core20_share!;
      const rank = 1 + shares.filter((x) => x > mine).length;
      expect(items[0]).toContain(`the ${ordinal(rank)} highest of the 151 upper-tier local authorities`);
      const icb = String(profile(BLACK_COUNTRY).sections[0].narrative);
      expect(icb).toContain('the highest of the 42 ICBs; recorded figures are not adjusted for age');
      expect(renderReport(r).indexOf('id="key-messages"')).toBeLessThan(renderReport(r).indexOf('id="who-lives-here"'));
    },
    T,
  );

  it(
    'moves the small-numbers note into the methods',
    () => {
      const html = renderReport(profile('Sandwell'));
      expect(html.indexOf('id="about-the-numbers"')).toBeGreaterThan(html.indexOf('id="methods"'));
    },
    T,
  );
});

describe('plain language and small things', () => {
  it(
    'keeps jargon out of the body and uses one age wording',
    () => {
      for (const place of ['Sandwell', 'Herefordshire', BLACK_COUNTRY]) {
        const r = profile(place);
        for (const s of r.sections) {
          const body = [text(s), ...s.figures.flatMap((f) => [f.title, f.subtitle ?? '', f.alt])].join('\n');
          expect(body).not.toMatch(/φ|τ²|arcsine|Arriaga|Chiang|LSOA|under 15/);
          expect(body).not.toMatch(/\bMental health:/);
        }
      }
      expect(text(section(profile('Sandwell'), 'prevalence'))).toContain('about 66,500 adults expected');
      expect(about(66529)).toBe('about 66,500');
      expect(pct(null)).toBe('not available');
    },
    T,
  );

  it(
    'counts "similar" the same way in the spine headline and the chart text',
    () => {
      const s = section(profile('Sandwell'), 'spine');
      const counts = /: ([^.]*)\./.exec(s.figures[0].alt)![1];
      expect(counts).toBe('4 similar, 6 worse, 6 higher, 6 lower, 3 not compared');
      expect(s.headline).toContain(`25 indicators for Sandwell compared with England: ${counts}.`);
      const notes = (s.figures[0].table as { notes?: string }).notes!;
      expect(notes).toMatch(/^Count: the number each value is built from/);
    },
    T,
  );
});
