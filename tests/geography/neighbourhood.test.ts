/**
 * Neighbourhood areas on the bundled real data. Independent figures are computed here from the
 * bundled CSVs with plain code (no healthgap reader):
 * - a ward's Census 2021 population = Σ `all_ages` (data/population/census21_lsoa21_age6_england.csv.gz)
 *   over its LSOAs 2021 in data/lookups/lsoa21_ward24_lad24_england.csv.gz (Abbey, Sandwell,
 *   E05001260); Sandwell's wards = the distinct ward codes with lad24_code E08000028;
 * - a hand-picked LSOA 2021 list: the same sum over three of Abbey's LSOAs;
 * - a PCN's practices: the ePCN rows (data/lookups/epcn_2023-01_practice_pcn.csv.gz) with pcn_code
 *   U66146 (Brierley Hill PCN);
 * - LSOA 2011 bridging: the rows of data/lookups/lsoa11_lsoa21_exact_england.csv.gz (a split 2011
 *   LSOA reaches all its 2021 parts; a merged 2021 LSOA is included when at least half of its 2011
 *   predecessors are listed);
 * - polygons: the LONG/LAT of LSOA E01009935 in data/boundaries/lsoa11_bgc_E47000007.geojson.gz;
 * - a PCN's registered patients living in England: Σ NUMBER_OF_PATIENTS over the rows of its
 *   practices with an E01 LSOA in data/gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv.gz;
 *   carried to LSOA 2021 and weighted, Σ_k weight_k × (all patients registered in k) must give it
 *   back (patients are shared between LSOAs 2021, never lost or counted twice).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  lsoaListNeighbourhood,
  neighbourhoodCensusPopulation,
  patientsByLsoa2021,
  pcnNeighbourhood,
  polygonNeighbourhood,
  resolveNeighbourhood,
  wardNeighbourhood,
  wardsOf,
} from '../../src/geography/index.js';
import { neighbourhoodCore20 } from '../../src/core20plus5/neighbourhood.js';
import { neighbourhoodPrevalence } from '../../src/prevalence/neighbourhood.js';
import { InputError } from '../../src/core/errors.js';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const rows = (file: string): string[][] =>
  gunzipSync(readFileSync(join(DATA, file)))
    .toString('utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

const wardRows = rows('lookups/lsoa21_ward24_lad24_england.csv.gz');
const census = new Map(rows('population/census21_lsoa21_age6_england.csv.gz').map((r) => [r[0], r.slice(1).map(Number)]));
const exact = rows('lookups/lsoa11_lsoa21_exact_england.csv.gz');
const abbeyLsoas = wardRows.filter((r) => r[2] === 'E05001260').map((r) => r[0]);
const sum = (lsoas: string[], col = 0) => lsoas.reduce((s, l) => s + census.get(l)![col], 0);
const TMP = mkdtempSync(join(tmpdir(), 'hg-nbhd-'));

describe('neighbourhood areas (real data)', () => {
  beforeAll(() => {
    wardNeighbourhood('E05001260'); // reads the registrations once for every test below
  }, 120_000);

  it('a ward: its LSOAs 2021, Census 2021 population and parents', () => {
    const n = wardNeighbourhood('E05001260');
    expect(n.lsoa21).toEqual([...abbeyLsoas].sort());
    const pop = neighbourhoodCensusPopulation(n);
    expect(pop.all_ages).toBe(sum(abbeyLsoas));
    expect(pop.ages.age_0_15).toBe(sum(abbeyLsoas, 1));
    expect(n.parentLa).toEqual({ code: 'E08000028', name: 'Sandwell', level: 'lad' });
    expect(n.parentIcb?.code).toBe('E54000062');
    expect(n.parents.pcns.length).toBeGreaterThan(1);
    expect(n.parents.pcns.every((p) => p.share >= 0.01)).toBe(true);
    expect(wardNeighbourhood('Abbey, Sandwell').code).toBe('E05001260');
  });

  it("a local authority's wards", () => {
    const expected = new Set(wardRows.filter((r) => r[4] === 'E08000028').map((r) => r[2]));
    expect(new Set(wardsOf('Sandwell').map((w) => w.code))).toEqual(expected);
  });

  it('a hand-picked LSOA 2021 list from a CSV file: population and Core20 on IMD 2025', () => {
    const picked = abbeyLsoas.slice(0, 3);
    const file = join(TMP, 'picked.csv');
    writeFileSync(file, `name,lsoa21cd\na,${picked[0]}\nb,${picked[1]}\nc,${picked[2]}\n`);
    const n = resolveNeighbourhood({ lsoaFile: file, name: 'Three Abbey LSOAs' });
    expect(n.lsoa21).toEqual([...picked].sort());
    expect(neighbourhoodCensusPopulation(n).all_ages).toBe(sum(picked));
    expect(neighbourhoodCore20(n).population).toBe(sum(picked));
  });

  it('a bad code in the list is a one-line InputError naming file, line and column', () => {
    const file = join(TMP, 'bad.csv');
    writeFileSync(file, `lsoa21cd\n${abbeyLsoas[0]}\nE0100XXXX\n`);
    expect(() => resolveNeighbourhood({ lsoaFile: file, name: 'Bad' })).toThrow(InputError);
    expect(() => resolveNeighbourhood({ lsoaFile: file, name: 'Bad' })).toThrow(/bad\.csv, line 3, column "lsoa21cd": unknown LSOA code E0100XXXX/);
    writeFileSync(file, `lsoa21cd\n${abbeyLsoas[0]}\n${abbeyLsoas[0]}\n`);
    expect(() => resolveNeighbourhood({ lsoaFile: file, name: 'Twice' })).toThrow(/line 3.*listed twice \(first at line 2\)/);
  });

  it('an LSOA 2011 list is bridged through the exact lookup (split → all parts; merged → at least half)', () => {
    const split = exact.find((r) => r[2] === 'S')![0];
    const parts = exact.filter((r) => r[0] === split).map((r) => r[1]);
    expect(parts.length).toBeGreaterThan(1);
    const mergedInto = exact.filter((r) => r[2] === 'M');
    const by21 = new Map<string, string[]>();
    for (const r of mergedInto) by21.set(r[1], [...(by21.get(r[1]) ?? []), r[0]]);
    const [m21, preds] = [...by21].find(([, p]) => p.length === 2)!;
    const n = lsoaListNeighbourhood([split, preds[0]], { name: 'Bridged', vintage: '2011' });
    expect(n.lsoa21).toEqual([...parts, m21].sort());
    expect(n.notes.join(' ')).toMatch(/at least half/);
    expect(n.notes.join(' ')).toMatch(/1 LSOA 2021 included although some of its 2011 predecessors are not in the area/);
    // auto: a code that exists only in 2011 makes the list 2011
    expect(lsoaListNeighbourhood([split], { name: 'Auto' }).lsoa21).toEqual([...parts].sort());
  });

  it("a PCN: its member practices from ePCN, ICB and the members' QOF registers", () => {
    const epcn = rows('lookups/epcn_2023-01_practice_pcn.csv.gz').filter((r) => r[3] === 'U66146');
    const n = pcnNeighbourhood('Brierley Hill PCN');
    expect(n.code).toBe('U66146');
    expect(n.practices.map((p) => p.code)).toEqual(epcn.map((r) => r[0]).sort());
    expect(n.basis).toBe('registered patients');
    expect(n.parentIcb?.code).toBe('E54000062');
    expect(n.parentLa?.name).toBe('Dudley');
    const [dm] = neighbourhoodPrevalence(n, ['DM']);
    expect(Number.isInteger(dm.count)).toBe(true);
    expect(dm.value).toBeCloseTo((100 * dm.count!) / dm.denominator!, 10);
    const pop = neighbourhoodCensusPopulation(n).all_ages;
    expect(pop).toBeGreaterThan(20_000);
    expect(pop).toBeLessThan(80_000);
  });

  it("a PCN's patients carried to LSOA 2021 add up to its registered patients living in England", () => {
    const n = pcnNeighbourhood('U66146');
    const members = new Set(n.practices.map((p) => p.code));
    const reg = rows('gp_registrations/gp_reg_pat_prac_lsoa_all_jan2021.csv.gz').filter((r) => members.has(r[0]) && r[r.length - 2].startsWith('E01'));
    const expected = reg.reduce((t, r) => t + Number(r[r.length - 1]), 0);
    const p = patientsByLsoa2021();
    let got = 0;
    for (const [k, w] of n.lsoaWeights) got += w * p.total.get(k)!;
    expect(got).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(40_000);
  });

  it('a polygon: LSOAs whose centroid is inside; a polygon covering none is a clear error', () => {
    const fc = JSON.parse(gunzipSync(readFileSync(join(DATA, 'boundaries/lsoa11_bgc_E47000007.geojson.gz'))).toString('utf8'));
    const f = fc.features.find((x: { properties: { LSOA11CD: string } }) => x.properties.LSOA11CD === 'E01009935');
    const [lon, lat] = [f.properties.LONG as number, f.properties.LAT as number];
    const d = 0.0005;
    const square = (x: number, y: number) => ({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x - d, y - d],
                [x + d, y - d],
                [x + d, y + d],
                [x - d, y + d],
                [x - d, y - d],
              ],
            ],
          },
        },
      ],
    });
    const file = join(TMP, 'square.geojson');
    writeFileSync(file, JSON.stringify(square(lon, lat)));
    const n = polygonNeighbourhood(file, { name: 'Square' });
    const expected = exact.filter((r) => r[0] === 'E01009935').map((r) => r[1]);
    expect(n.lsoa21).toEqual(expected.sort());
    const far = join(TMP, 'shetland.geojson');
    writeFileSync(far, JSON.stringify(square(-1.5, 60.0))); // Shetland: no bundled LSOA centroid
    expect(() => polygonNeighbourhood(far, { name: 'Nowhere' })).toThrow(InputError);
    expect(() => polygonNeighbourhood(far, { name: 'Nowhere' })).toThrow(/shetland\.geojson: the polygon covers no LSOA/);
  });
});
