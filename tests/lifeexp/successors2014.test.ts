/**
 * Real data: life expectancy and mortality inputs of the authorities created in April 2023
 * (Cumberland, Westmorland and Furness, North Yorkshire, Somerset) from the bundled 2014 deaths and
 * mid-2014 populations, which are by their former districts.
 *
 * Independent arithmetic: the expected totals are read here straight from the bundled files with
 * plain string splitting (no healthgap reader): the "ALL AGES" column of the ONS MYE2 mid-2014
 * tables for each former district, and the deaths of `deaths2014_la_sex_age_tidy.csv`, summed over
 * the districts that the ONS LAD 2022 → LAD 2023 lookup (`lad22_lad23.csv`) sends to each new
 * authority. Plausibility: ONS life expectancy at birth 2012-14, males, Cumbria about 78.9 years,
 * North Yorkshire 80.6, Somerset 80.3; a single year lies within about a year of those.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leAreaInput, leAggregationNote } from '../../src/lifeexp/bundled.js';
import { leComparePlace } from '../../src/lifeexp/place.js';
import { leEstimate } from '../../src/lifeexp/estimate.js';
import { getGeography } from '../../src/geography/vintages.js';

const data = (p: string) => readFileSync(fileURLToPath(new URL(`../../data/${p}`, import.meta.url)), 'utf8');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** LAD 2022 codes that became each LAD 2023 code, from the ONS lookup (plain CSV split). */
function predecessors(lad23: string): string[] {
  return data('lookups/lad22_lad23.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[2] === lad23)
    .map((c) => c[0])
    .sort();
}

/** "ALL AGES" of a district in an MYE2 mid-2014 table (row starting with its code). */
function mye2014AllAges(sex: 'males' | 'females', code: string): number {
  const lines = data(`deaths/MYE2_mid2014_uk_${sex}.csv`).split('\n');
  // fields may be quoted with thousands separators ("54,660"): split on commas outside quotes
  const cells = (l: string) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/"/g, '').replace(/,/g, ''));
  const head = cells(lines.find((l) => l.startsWith('CODE,'))!);
  const col = head.indexOf('ALL AGES');
  const row = lines.find((l) => l.startsWith(`${code},`));
  if (!row) throw new Error(`no MYE2 row for ${code}`);
  return Number(cells(row)[col]);
}

/** Deaths registered in 2014 of a district and sex (tidy ONS table). */
function deaths2014(code: string, sex: 'Male' | 'Female'): number {
  return sum(
    data('deaths/deaths2014_la_sex_age_tidy.csv')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[0] === code && c[c.length - 3] === sex)
      .map((c) => Number(c[c.length - 1])),
  );
}

const NEW_AUTHORITIES = [
  { code: 'E06000063', name: 'Cumberland', districts: ['E07000026', 'E07000028', 'E07000029'] },
  { code: 'E06000064', name: 'Westmorland and Furness', districts: ['E07000027', 'E07000030', 'E07000031'] },
  { code: 'E06000065', name: 'North Yorkshire', districts: ['E07000163', 'E07000164', 'E07000165', 'E07000166', 'E07000167', 'E07000168', 'E07000169'] },
];

describe('the 2023 authorities from their former districts (2014 deaths and populations)', () => {
  it('the ONS LAD 2022 → 2023 lookup gives the districts each new authority is built from', () => {
    for (const a of NEW_AUTHORITIES) expect(predecessors(a.code)).toEqual(a.districts);
    // Somerset: the 2022 districts Mendip, Sedgemoor, South Somerset, Somerset West and Taunton
    expect(predecessors('E06000066')).toEqual(['E07000187', 'E07000188', 'E07000189', 'E07000246']);
  });

  it('Cumberland: population and deaths are the sums of Allerdale + Carlisle + Copeland in the bundled files', () => {
    const g = getGeography();
    const area = g.resolveArea('Cumberland');
    for (const [sex, file] of [
      ['Male', 'males'],
      ['Female', 'females'],
    ] as const) {
      const x = leAreaInput(area, sex, { year: 2014 });
      expect(x.lads.sort()).toEqual(['E07000026', 'E07000028', 'E07000029']);
      expect(sum(x.population)).toBe(sum(['E07000026', 'E07000028', 'E07000029'].map((c) => mye2014AllAges(file, c))));
      expect(sum(x.deaths)).toBe(sum(['E07000026', 'E07000028', 'E07000029'].map((c) => deaths2014(c, sex))));
    }
    // the three district totals, males, as published in MYE2 mid-2014 (so the sum is not trivially 0)
    expect(mye2014AllAges('males', 'E07000026')).toBeGreaterThan(45000);
  });

  it('Westmorland and Furness and North Yorkshire: the same sums over their former districts', () => {
    const g = getGeography();
    for (const a of NEW_AUTHORITIES.slice(1)) {
      const x = leAreaInput(g.resolveArea(a.code), 'Female', { year: 2014 });
      expect(x.lads.sort()).toEqual(a.districts);
      expect(sum(x.population)).toBe(sum(a.districts.map((c) => mye2014AllAges('females', c))));
      expect(sum(x.deaths)).toBe(sum(a.districts.map((c) => deaths2014(c, 'Female'))));
    }
  });

  it('Somerset: its 2014 data cover the four former districts (Taunton Deane and West Somerset inside Somerset West and Taunton)', () => {
    const x = leAreaInput(getGeography().resolveArea('E06000066'), 'Male', { year: 2014 });
    // Somerset West and Taunton (2019) was itself made of Taunton Deane E07000190 and West Somerset E07000191 in the 2014 files
    const codes2014 = ['E07000187', 'E07000188', 'E07000189', 'E07000190', 'E07000191'];
    expect(sum(x.population)).toBe(sum(codes2014.map((c) => mye2014AllAges('males', c))));
    expect(sum(x.deaths)).toBe(sum(codes2014.map((c) => deaths2014(c, 'Male'))));
  });

  it('life expectancy: real, plausible numbers for the four, and the note names the former districts', () => {
    const expected: Record<string, [number, number]> = {
      Cumberland: [77.8, 79.6],
      'Westmorland and Furness': [78.5, 80.5],
      'North Yorkshire': [79.8, 81.5],
      Somerset: [79.5, 81.2],
    };
    for (const [place, [lo, hi]] of Object.entries(expected)) {
      const [m] = leComparePlace(place, { sexes: ['Male'], year: 2014 });
      expect(m.area.value!).toBeGreaterThan(lo);
      expect(m.area.value!).toBeLessThan(hi);
      expect(m.notes[0]).toMatch(new RegExp(`^${place}: aggregated from its former districts: `));
    }
    const [c] = leComparePlace('Cumberland', { sexes: ['Female'], year: 2014 });
    expect(c.notes).toEqual([
      'Cumberland: aggregated from its former districts: Allerdale, Carlisle, Copeland (2014 deaths and mid-2014 populations summed by age and sex; each district lies wholly in Cumberland, none is split)',
    ]);
  });

  it('the estimate is the life table of the summed districts (nothing apportioned)', () => {
    const g = getGeography();
    const parts = ['E07000026', 'E07000028', 'E07000029'].map((c) => leAreaInput(g.resolveArea(c), 'Male', { year: 2014 }));
    const summed = {
      ...parts[0],
      deaths: parts[0].deaths.map((_, b) => sum(parts.map((p) => p.deaths[b]))),
      population: parts[0].population.map((_, b) => sum(parts.map((p) => p.population[b]))),
    };
    const [fromParts] = leEstimate(summed, { ages: [0] });
    const [m] = leComparePlace('Cumberland', { sexes: ['Male'], year: 2014 });
    expect(m.area.value).toBeCloseTo(fromParts.value!, 10);
  });

  it('an ICB containing a new authority aggregates the same districts (Somerset ICB = Somerset)', () => {
    const g = getGeography();
    const icb = g.parentOf('E07000187', 'icb')!;
    expect(icb.code).toBe('E54000038');
    const a = leAreaInput(icb, 'Male', { year: 2014 });
    const b = leAreaInput(g.resolveArea('Somerset'), 'Male', { year: 2014 });
    expect(a.lads.sort()).toEqual(b.lads.sort());
    expect(a.deaths).toEqual(b.deaths);
    expect(a.note).toBeNull(); // an ICB is in the data's own geography: no aggregation note
  });

  it('areas in the data themselves carry no note; a recoded authority says which code is used', () => {
    expect(leAggregationNote({ code: 'E08000028', name: 'Sandwell', level: 'lad' })).toBeNull();
    expect(leAggregationNote({ code: 'E08000038', name: 'Barnsley', level: 'lad' })).toMatch(/Barnsley under its 2019 code E08000016/);
  });
});
