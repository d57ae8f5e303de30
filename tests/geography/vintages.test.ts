/**
 * The current (2024) geography and the mapping between vintages, on the real bundled ONS lookups.
 * Independent counts: ONS publishes 33,755 LSOAs 2021 in England, 296 LADs (2023 and 2024), 153
 * English upper-tier authorities (2023), 106 sub-ICB locations and 42 ICBs (April 2024), 7 NHS
 * England regions, 9 regions; counts below are read from the raw lookup tables and compared with
 * the partition the geography builds. The April 2023 mergers (Cumberland = Allerdale + Carlisle +
 * Copeland; Westmorland and Furness = Barrow-in-Furness + Eden + South Lakeland; North Yorkshire =
 * its seven districts; Somerset = its four districts) are the Cumbria, North Yorkshire and
 * Somerset (Structural Changes) Orders 2022. The Lowestoft LSOA E01030240 (Waveney 001A in 2011,
 * East Suffolk 001A in 2021, ward Gunton & St Margarets) is in NHS Norfolk and Waveney ICB, as its
 * CCG (Great Yarmouth and Waveney, then Norfolk and Waveney from April 2020) was.
 */
import { describe, it, expect } from 'vitest';
import { getGeography, findPlace, mapAreaToVintage, resolveArea, areasAt, lsoasIn, areaCensusPopulation, bridgeLsoas } from '../../src/geography/index.js';
import { readLsoa21Icb2024, readLsoa11Lsoa21 } from '../../src/io/lookups2021.js';

const g24 = () => getGeography('2024');

describe('the 2024 (current) geography', () => {
  it('33,755 LSOAs 2021, each in exactly one ward, LAD, UTLA, sub-ICB, ICB, NHS region, region', () => {
    const g = g24();
    expect(g.size).toBe(33755);
    // the raw ONS lookup has one row per LSOA 2021 (so exactly one ICB each) and covers all 33,755
    const raw = readLsoa21Icb2024();
    const codes = raw.array('lsoa21_code') as string[];
    expect(codes.length).toBe(33755);
    expect(new Set(codes).size).toBe(33755);
    expect(new Set(raw.array('sicbl24_code') as string[]).size).toBe(106);
    expect(new Set(raw.array('icb24_code') as string[]).size).toBe(42);
    const counts: Record<string, number> = { lad: 296, utla: 153, sicbl: 106, icb: 42, nhser: 7, region: 9 };
    for (const [level, n] of Object.entries(counts)) {
      const areas = areasAt(level as never, { vintage: '2024' });
      expect(areas, level).toHaveLength(n);
      expect(
        areas.reduce((s, a) => s + lsoasIn(a, { vintage: '2024' }).length, 0),
        level,
      ).toBe(33755);
    }
    for (const c of codes.slice(0, 500)) expect(g.lsoaParent(c, 'icb').code).toBe(raw.get('icb24_code', codes.indexOf(c)));
  });

  it('the 2023 authorities resolve by name and code', () => {
    const expected: [string, string][] = [
      ['Cumberland', 'E06000063'],
      ['Westmorland and Furness', 'E06000064'],
      ['North Yorkshire', 'E06000065'],
      ['Somerset', 'E06000066'],
    ];
    for (const [name, code] of expected) {
      expect(resolveArea(name, { vintage: '2024' })).toMatchObject({ code, level: 'lad', levels: ['lad', 'utla'], vintage: '2024' });
      expect(findPlace(code)).toMatchObject({ foundIn: '2024', mapping: null });
    }
  });

  it('the Lowestoft case: one ICB, agreeing with the CCG, in both vintages', () => {
    const lowestoft = 'E01030240';
    const g = g24();
    expect(g.areaName(lowestoft)).toBe('East Suffolk 001A');
    expect(g.lsoaParent(lowestoft, 'ward').name).toBe('Gunton & St Margarets');
    expect(g.lsoaParent(lowestoft, 'lad').code).toBe('E07000244');
    expect(g.lsoaParent(lowestoft, 'sicbl')).toMatchObject({ code: 'E38000239', name: 'NHS Norfolk and Waveney ICB - 26A' });
    expect(g.lsoaParent(lowestoft, 'icb').code).toBe('E54000022');
    const old = getGeography('2019');
    expect(old.areaName(lowestoft)).toBe('Waveney 001A');
    expect(old.lsoaParent(lowestoft, 'ccg').name).toBe('NHS Norfolk and Waveney CCG');
    expect(old.lsoaParent(lowestoft, 'icb').name).toBe('NHS Norfolk and Waveney Integrated Care Board');
    // East Suffolk itself is split between two ICBs: 73 LSOAs 2021 in Suffolk and North East Essex, 72 in Norfolk and Waveney
    expect(g.parentOf('E07000244', 'icb')).toBeNull();
    expect(g.overlaps('E07000244', 'icb').map((o) => [o.area.code, o.lsoas])).toEqual([
      ['E54000023', 73],
      ['E54000022', 72],
    ]);
  });

  it('Census 2021 populations: England 56,489,608, and the sum of an area equals the sum of its LADs', () => {
    expect(areaCensusPopulation('E92000001').all_ages).toBe(56_489_608);
    const cumberland = areaCensusPopulation('E06000063');
    const ne = areaCensusPopulation('E12000001');
    const neLads = getGeography('2024')
      .childrenOf('E12000001', 'lad')
      .reduce((s, l) => s + areaCensusPopulation(l).all_ages, 0);
    expect(ne.all_ages).toBe(neLads);
    expect(Object.values(cumberland.ages).reduce((a, b) => a + b, 0)).toBe(cumberland.all_ages);
  });
});

describe('old codes map forward', () => {
  it('Allerdale → merged into Cumberland; Cumbria county → union of its two successors', () => {
    const m = findPlace('Allerdale');
    expect(m).toMatchObject({ foundIn: '2019', requested: '2024' });
    expect(m.mapping).toMatchObject({ relationship: 'merged into', to: [{ code: 'E06000063', name: 'Cumberland', share: 1 }] });
    expect(m.mapping!.sentence).toBe('Allerdale (E07000026, LAD 2019) merged into Cumberland (E06000063, LAD 2023)');
    expect(findPlace('E07000026').mapping?.to[0].code).toBe('E06000063');
    const cumbria = mapAreaToVintage('E10000006', '2019');
    expect(cumbria.relationship).toBe('union of');
    expect(cumbria.to.map((t) => t.code)).toEqual(['E06000063', 'E06000064']);
  });

  it('a CCG (April 2020) maps to its sub-ICB successors: Sandwell and West Birmingham is split', () => {
    const m = mapAreaToVintage('E38000144', '2019');
    expect(m.relationship).toBe('split between');
    expect(m.to.map((t) => t.code)).toEqual(['E38000259', 'E38000258']); // Black Country, Birmingham and Solihull
    expect(m.to[0].share).toBeGreaterThan(0.6);
  });

  it('a pre-2019 LA code goes through the code history: Bournemouth → merged into BCP', () => {
    const m = findPlace('E06000028');
    expect(m.area.code).toBe('E06000058');
    expect(m.mapping?.relationship).toBe('merged into');
  });

  it('LSOA 2011 → 2021 uses the exact lookup and its change codes', () => {
    const t = readLsoa11Lsoa21();
    const change = t.array('change_code') as string[];
    const n = (c: string) => change.filter((x) => x === c).length;
    // England rows of the ONS exact lookup
    expect(t.numRows()).toBe(33855);
    expect(new Set(t.array('lsoa11_code') as string[]).size).toBe(32844);
    const split = (t.array('lsoa11_code') as string[])[change.indexOf('S')];
    const parts = bridgeLsoas([split], '2019');
    expect(parts.length).toBeGreaterThan(1);
    expect(mapAreaToVintage(split, '2019')).toMatchObject({ relationship: 'split between' });
    expect(n('U') + n('S') + n('M') + n('X')).toBe(33855);
  });
});

describe('the 2019 vintage: authorities created since 2019 as exact unions', () => {
  it('Cumberland, Westmorland and Furness, North Yorkshire, Somerset: predecessors and LSOAs 2011', () => {
    const g = getGeography('2019');
    const preds = (code: string) => g.successorArea(code)!.predecessors.map((p) => p.name);
    expect(preds('E06000063')).toEqual(['Allerdale', 'Carlisle', 'Copeland']);
    expect(preds('E06000064')).toEqual(['Barrow-in-Furness', 'Eden', 'South Lakeland']);
    expect(preds('E06000065')).toHaveLength(7);
    expect(preds('E06000066')).toEqual(['Mendip', 'Sedgemoor', 'South Somerset', 'Somerset West and Taunton']);
    // North Yorkshire (2023) = North Yorkshire county (UTLA 2019): same LSOAs 2011
    expect(g.lsoasIn('E06000065')).toEqual(g.lsoasIn('E10000023', 'utla'));
    // Cumberland + Westmorland and Furness = Cumbria county
    expect([...g.lsoasIn('E06000063'), ...g.lsoasIn('E06000064')].sort()).toEqual(g.lsoasIn('E10000006', 'utla'));
    expect(resolveArea('Cumberland')).toMatchObject({ code: 'E06000063', vintage: '2019', successor: { predecessors: expect.any(Array) } });
  });
});
