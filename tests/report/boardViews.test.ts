/**
 * Profiles shaped for their boards, on the bundled data: the Black Country ICB profile sets its
 * four places side by side and ranks the ICB among the 42 ICBs; Worcestershire names its six
 * districts in a district table; practice names are in published title case, or codes only.
 *
 * Independent arithmetic: the places' Core20 shares are those of their own profiles (Sandwell
 * 60.3%, IoD2019 File 6 populations); populations are ONS mid-2019 (Sandwell 328,450, Dudley
 * 321,596); the ICB's Core20 share is the population-weighted mean of its four places' shares.
 */
import { describe, expect, it } from 'vitest';
import { buildPlaceProfile } from '../../src/report/profile/index.js';
import { placeDisplayName } from '../../src/report/profile/place.js';
import { publishedName, practiceLabel } from '../../src/report/profile/names.js';
import { ordinal, shortIcbName } from '../../src/report/profile/sections/placeParts.js';
import { core20Population } from '../../src/core20plus5/core20.js';
import { renderReport } from '../../src/report/index.js';

describe('ICB profile: its places side by side', () => {
  const report = buildPlaceProfile('Black Country', { sections: ['places', 'who-lives-here'] });
  const section = report.sections.find((s) => s.id === 'icb-places')!;
  const table = section.tables[0];
  it('has an ICB title and audience', () => {
    expect(report.title).toBe('Black Country ICB profile');
    expect(report.audience).toBe('Black Country Integrated Care Board and its place-based partnerships');
    expect(shortIcbName('NHS Black Country Integrated Care Board')).toBe('Black Country ICB');
  });
  it('lists Dudley, Sandwell, Walsall and Wolverhampton with their values, then the ICB and England', () => {
    expect(table.rows.map((r) => r.place)).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton', 'Black Country ICB (whole)', 'England']);
    const sandwell = table.rows[1];
    expect(sandwell.population).toBe(328450);
    expect((sandwell['core20-share'] as number).toFixed(1)).toBe('60.3');
    expect((sandwell['le0-male'] as number).toFixed(1)).toBe('77.2');
    expect(table.rows[0].population).toBe(321596);
    // ICB Core20 share = Σ core20 population / Σ population over the four places.
    const parts = ['E08000027', 'E08000028', 'E08000030', 'E08000031'].map((c) => core20Population(c, { imd: 2019 }));
    const whole = (100 * parts.reduce((s, p) => s + p.core20_population, 0)) / parts.reduce((s, p) => s + p.population, 0);
    expect(table.rows[4]['core20-share'] as number).toBeCloseTo(whole, 6);
    for (const r of table.rows.slice(0, 4)) for (const k of ['core20-share', 'le0-male', 'qof-hyp', 'qof-dm']) expect(typeof r[k]).toBe('number');
  });
  it('ranks the ICB among the 42 ICBs and shows its PCNs', () => {
    const text = (section.narrative as string[]).join(' ');
    expect(text).toMatch(/Among England's 42 ICBs: Core20 share 47\.7% \((\d+(st|nd|rd|th) )?highest of 42\)/);
    expect(text).toContain('Dudley, Sandwell, Walsall and Wolverhampton');
    const pcn = section.tables[1];
    expect(pcn.caption).toContain('Primary care networks serving Black Country ICB');
    expect(pcn.rows.length).toBeGreaterThan(10);
    expect(pcn.rows.every((r) => !/^[A-Z0-9 &'()-]+$/.test(String(r.pcn)))).toBe(true);
    expect(ordinal(1)).toBe('1st');
    expect(ordinal(12)).toBe('12th');
    expect(ordinal(42)).toBe('42nd');
  });
  it('outlines and names the four places on the neighbourhood map, with Core20 outlined', () => {
    const map = report.sections.find((s) => s.id === 'who-lives-here')!.figures.find((f) => f.title.startsWith('Neighbourhoods'))!;
    const names = map.figure.data.map((t) => t.name);
    expect(names).toContain('Core20 (deciles 1-2)');
    expect(names).toContain('Places (outlined and named)');
    const labels = map.figure.data.find((t) => t.name === 'Place names')!.text as string[];
    expect(labels.map((l) => l.replace(/<\/?b>/g, '')).sort()).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
  });
});

describe('two-tier county: its districts named in a district table', () => {
  const report = buildPlaceProfile('Worcestershire', { sections: ['places'] });
  const section = report.sections[0];
  it('names the six districts with values', () => {
    expect(section.id).toBe('districts');
    expect(section.heading).toBe('The districts of Worcestershire');
    const rows = section.tables[0].rows;
    expect(rows.slice(0, 6).map((r) => r.place)).toEqual(['Bromsgrove', 'Malvern Hills', 'Redditch', 'Worcester', 'Wychavon', 'Wyre Forest']);
    expect(rows[6].place).toBe('Worcestershire (whole)');
    expect(rows.slice(0, 6).reduce((s, r) => s + (r.population as number), 0)).toBe(rows[6].population);
    expect((section.narrative as string[])[0]).toContain('Bromsgrove, Malvern Hills, Redditch, Worcester, Wychavon and Wyre Forest');
  });
  it('is left out for a unitary authority', () => {
    expect(buildPlaceProfile('Sandwell', { sections: ['places', 'spine'] }).sections.map((s) => s.id)).toEqual(['spine']);
    expect(placeDisplayName('Herefordshire, County of')).toBe('Herefordshire');
  });
});

describe('practice names', () => {
  it('are shown in title case as published, acronyms kept', () => {
    expect(publishedName('THE OAKESWELL HEALTH CENTRE')).toBe('The Oakeswell Health Centre');
    expect(publishedName("DR S AHMED'S PRACTICE")).toBe("Dr S Ahmed's Practice");
    expect(publishedName('STOKE-ON-TRENT MEDICAL PRACTICE')).toBe('Stoke-on-Trent Medical Practice');
    expect(publishedName('HALESOWEN & ROWLEY REGIS PCN')).toBe('Halesowen & Rowley Regis PCN');
    expect(publishedName('MCDONALD AND PARTNERS')).toBe('McDonald and Partners');
    expect(publishedName('Already Mixed Case')).toBe('Already Mixed Case');
    expect(practiceLabel('M88006', 'THE OAKESWELL HEALTH CENTRE')).toBe('The Oakeswell Health Centre (M88006)');
    expect(practiceLabel('M88006', 'THE OAKESWELL HEALTH CENTRE', 'codes')).toBe('M88006');
  });
  it('the practice funnel and its table use them by default, and codes only with practiceLabels "codes"', () => {
    const named = buildPlaceProfile('Sandwell', { sections: ['practice-variation'] }).sections[0];
    const coded = buildPlaceProfile('Sandwell', { sections: ['practice-variation'], practiceLabels: 'codes' }).sections[0];
    const labels = (
      named.figures[0].figure.data.flatMap((t) => (Array.isArray(t.text) ? t.text : Array.isArray(t.hovertext) ? t.hovertext : [])) as string[]
    ).join(' ');
    expect(labels).toMatch(/[A-Z][a-z]+ .*\([A-Z]\d{5}\)/);
    expect(labels).not.toMatch(/\b(SURGERY|MEDICAL CENTRE|HEALTH CENTRE)\b/);
    expect(named.tables[0].columns.map((c) => c.key)).toEqual(['practice', 'code', 'count', 'list', 'value', 'lower', 'upper', 'position']);
    expect(coded.tables[0].columns.map((c) => c.key)).toEqual(['code', 'count', 'list', 'value', 'lower', 'upper', 'position']);
    const html = renderReport({
      ...buildPlaceProfile('Sandwell', { sections: ['practice-variation'], practiceLabels: 'codes' }),
      plotly: { sharedAssetPath: 'plotly.min.js' },
    });
    const names = named.tables[0].rows.map((r) => String(r.practice));
    for (const n of names) expect(html).not.toContain(n);
  });
});
