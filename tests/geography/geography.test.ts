/**
 * The healthgap geography on the real bundled data. Expected figures: LSOA counts from the ONS
 * LSOA 2011 lookups and IMD 2019 (32,844 in England; Herefordshire 116; Worcestershire 364; the
 * seven West Midlands combined authority LADs 1,680, the feature count of the bundled LSOA
 * boundary file), ICB membership from NHS England (Black Country ICB = Dudley, Sandwell, Walsall,
 * Wolverhampton since July 2022), mid-2019 populations from ONS MYE2.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import {
  getGeography,
  resolveArea,
  parentOf,
  ancestors,
  childrenOf,
  lsoasIn,
  areasAt,
  areaName,
  mapToCurrentCodes,
  currentCode,
  areaPopulation,
  AmbiguousAreaError,
  ladIcbAreaShares,
  type Geography,
} from '../../src/geography/index.js';
import { UnknownAreaError } from '../../src/core/errors.js';
import { readBoundaries } from '../../src/io/geojson.js';
import { readMye2 } from '../../src/io/population.js';
import { readSubIcbIcbRegion2022 } from '../../src/io/lookups2021.js';

let g: Geography;
beforeAll(() => {
  g = getGeography();
});

const BLACK_COUNTRY = 'E54000062';
const BSOL = 'E54000055';
const HW = 'E54000019';

describe('hierarchy', () => {
  it('Sandwell E08000028 is in the West Midlands and its ICB (July 2022) is Black Country', () => {
    expect(parentOf('E08000028', 'region')).toEqual({ code: 'E12000005', name: 'West Midlands', level: 'region' });
    expect(parentOf('E08000028', 'icb')?.code).toBe(BLACK_COUNTRY);
    expect(areaName(BLACK_COUNTRY)).toBe('NHS Black Country Integrated Care Board');
    expect(ancestors('E08000028').map((a) => `${a.level}:${a.code}`)).toEqual([
      'utla:E08000028',
      'ccg:E38000144',
      'sicbl:E38000259',
      'stp:E54000016',
      `icb:${BLACK_COUNTRY}`,
      'nhser:E40000011',
      'region:E12000005',
      'country:E92000001',
    ]);
  });

  it('32,844 LSOAs, each with exactly one LAD, UTLA, region, ICB and England', () => {
    expect(g.size).toBe(32844);
    expect(areasAt('lsoa')).toHaveLength(32844);
    for (const level of ['lad', 'utla', 'region', 'icb', 'country'] as const) {
      const total = areasAt(level).reduce((n, a) => n + lsoasIn(a).length, 0);
      expect(total, level).toBe(32844);
    }
    expect(areasAt('lad')).toHaveLength(317);
    expect(areasAt('utla')).toHaveLength(151);
    expect(areasAt('region')).toHaveLength(9);
    expect(areasAt('ccg')).toHaveLength(135);
    expect(areasAt('stp')).toHaveLength(42);
    expect(lsoasIn('E92000001')).toHaveLength(32844);
  });

  it('all 42 ICBs are present and each has at least one whole LAD', () => {
    const icbs = areasAt('icb');
    expect(icbs).toHaveLength(42);
    expect(new Set(icbs.map((i) => i.code))).toEqual(new Set(readSubIcbIcbRegion2022().array('icb22_code') as string[]));
    for (const icb of icbs) expect(childrenOf(icb, 'lad').length, icb.name).toBeGreaterThan(0);
  });

  it('Black Country, Birmingham and Solihull, Herefordshire and Worcestershire ICBs', () => {
    expect(childrenOf(BLACK_COUNTRY, 'lad').map((a) => a.name)).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    expect(childrenOf(BSOL, 'lad').map((a) => a.name)).toEqual(['Birmingham', 'Solihull']);
    expect(parentOf('E06000019', 'icb')?.code).toBe(HW);
    expect(parentOf('E10000034', 'icb')?.code).toBe(HW);
    expect(childrenOf(HW, 'lad')).toHaveLength(7);
    // West Birmingham moved to BSol in July 2022: every Birmingham LSOA is in BSol ICB
    expect(lsoasIn(BSOL)).toHaveLength(639 + 134);
  });

  it('Worcestershire has 6 districts and 364 LSOAs; Herefordshire 116; the WMCA LADs 1,680', () => {
    const worcs = resolveArea('Worcestershire');
    expect(worcs).toMatchObject({ code: 'E10000034', level: 'utla' });
    expect(childrenOf(worcs, 'lad')).toHaveLength(6);
    expect(lsoasIn(worcs)).toHaveLength(364);
    expect(lsoasIn('E06000019')).toHaveLength(116);
    const wmca = ['E08000025', 'E08000026', 'E08000027', 'E08000028', 'E08000029', 'E08000030', 'E08000031'].flatMap((c) => lsoasIn(c));
    expect(wmca).toHaveLength(1680);
    expect(new Set(wmca)).toEqual(
      new Set(
        readBoundaries('lsoa', { files: undefined })
          .filter((f) => f.properties.CAUTHCD === 'E47000007')
          .map((f) => f.code),
      ),
    );
  });

  it('LSOA parents and MSOA/CCG/STP levels', () => {
    expect(g.lsoaParent('E01009000', 'lad').code).toBe('E08000025');
    expect(parentOf('E01009000', 'msoa')?.level).toBe('msoa');
    expect(parentOf('E38000144', 'stp')?.code).toBe('E54000016'); // CCG 2020 → STP 2020
    expect(parentOf('E08000025', 'lsoa')).toBeNull(); // smaller level
    expect(childrenOf('E54000016', 'ccg').map((c) => c.code)).toContain('E38000144');
  });

  it('ICBs come from the official ONS LSOA 2011 → sub-ICB → ICB (July 2022) lookup: 12 districts are split', () => {
    expect(g.icbDerivation).toBeNull();
    // whole districts that moved ICB in July 2022
    expect(parentOf('E07000037', 'icb')?.code).toBe('E54000058'); // High Peak (incl. Glossop) → Derby and Derbyshire
    expect(parentOf('E07000171', 'icb')?.code).toBe('E54000060'); // Bassetlaw → Nottingham and Nottinghamshire
    // the districts split between ICBs, by LSOA 2011 (count of LSOAs in each ICB)
    const split = areasAt('lad')
      .filter((l) => parentOf(l, 'icb') === null)
      .map(
        (l) =>
          `${l.name} ${g
            .overlaps(l, 'icb')
            .map((o) => o.lsoas)
            .join('/')}`,
      );
    expect(split).toEqual([
      'Aylesbury Vale 111/4',
      'Copeland 43/6',
      'Hart 43/14',
      'North Hertfordshire 71/11',
      'Craven 29/3',
      'Vale of White Horse 72/4',
      'Guildford 71/13',
      'Runnymede 46/6',
      'Surrey Heath 47/8',
      'Waverley 53/29',
      'Chichester 67/4',
      'East Suffolk 73/73',
    ]);
  });

  it('ICB mid-2019 populations where the ICB is made of whole LADs, and an explanation where not', () => {
    let total = 0;
    let whole = 0;
    for (const icb of areasAt('icb')) {
      const p = areaPopulation(icb);
      if (p.persons === null) {
        expect(p.note, icb.name).toMatch(/not made of whole local authority districts/);
        continue;
      }
      whole++;
      expect(p.persons, icb.name).toBeGreaterThan(400_000);
      expect(p.persons, icb.name).toBeLessThan(3_300_000);
      expect(p.male! + p.female!).toBe(p.persons);
      total += p.persons;
    }
    // 42 ICBs less those touching the 12 split districts (Buckinghamshire, Oxfordshire, Berkshire West,
    // Frimley, Surrey Heartlands, Sussex, Herts and West Essex, Bedfordshire-Luton-Milton Keynes,
    // North East and North Cumbria, Lancashire and South Cumbria, West Yorkshire, Humber and North
    // Yorkshire, Norfolk and Waveney, Suffolk and North East Essex)
    expect(whole).toBe(28);
    expect(total).toBeLessThan(56_286_961);
    expect(areaPopulation(BLACK_COUNTRY).persons).toBe(1_198_881);
  });

  it('UTLA and region populations equal the ONS MYE2 rows for those areas', () => {
    const t = readMye2({ year: 2019, sex: 'Persons' });
    const codes = t.array('area_code') as string[];
    const pop = t.array('population') as number[];
    const ons = new Map<string, number>();
    codes.forEach((c, i) => ons.set(c, (ons.get(c) ?? 0) + pop[i]));
    for (const a of [...areasAt('utla'), ...areasAt('region'), ...areasAt('country')]) {
      expect(areaPopulation(a).persons, a.name).toBe(ons.get(a.code));
    }
    expect(areaPopulation('E08000028')).toMatchObject({ persons: 328_450, male: 163_272, female: 165_178 });
    expect(areaPopulation('E01009000').persons).toBeNull();
  });
});

describe('resolveArea', () => {
  it.each([
    ['Sandwell', 'E08000028'],
    ['E08000028', 'E08000028'],
    ['e08000028', 'E08000028'],
    ['  sandwell ', 'E08000028'],
    ['Herefordshire, County of', 'E06000019'],
    ['herefordshire', 'E06000019'],
    ['Bristol', 'E06000023'],
    ['Kingston upon Hull', 'E06000010'],
    ['Hull', 'E06000010'],
    ['Worcestershire', 'E10000034'],
    ['Birmingham', 'E08000025'],
    ['West Midlands', 'E12000005'],
    ['england', 'E92000001'],
    ['Black Country', BLACK_COUNTRY],
    ['NHS Black Country Integrated Care Board', BLACK_COUNTRY],
    ['Birmingham and Solihull', BSOL],
    ['Brighton & Hove', 'E06000043'],
    ['Durham', 'E06000047'],
    ['Birmingham 031C', 'E01009000'],
  ])('%s → %s', (query, code) => {
    expect(resolveArea(query).code).toBe(code);
  });

  it('reports the level, and a LAD that is also a UTLA as both', () => {
    expect(resolveArea('Birmingham')).toMatchObject({ level: 'lad', levels: ['lad', 'utla'], matchedBy: 'name' });
    expect(resolveArea('Worcestershire')).toMatchObject({ level: 'utla', levels: ['utla'] });
    expect(resolveArea('Worcester')).toMatchObject({ code: 'E07000237', level: 'lad' });
    expect(resolveArea('Birmingham', { level: 'utla' })).toMatchObject({ level: 'utla', levels: ['utla'] });
    // E54000019 is the STP 2020 and the ICB 2022 code of the same area (Herefordshire and Worcestershire)
    expect(resolveArea('E54000019')).toMatchObject({ level: 'icb', levels: ['icb', 'stp'] });
    // E54000022: the official ICB 2022 (Norfolk and Waveney, Lowestoft included) is the same area as the STP 2020
    const nw = resolveArea('E54000022');
    expect(nw).toMatchObject({ level: 'icb', levels: ['icb', 'stp'], alternatives: [] });
    expect(resolveArea('E54000022', { level: 'stp' }).name).toBe('Norfolk and Waveney Health and Care Partnership');
    // Barnsley is a LAD and a CCG name: the LAD wins, the CCG is an alternative
    expect(resolveArea('Barnsley').alternatives.map((a) => a.code)).toEqual(['E38000006']);
  });

  it('unknown names and codes give close matches', () => {
    expect(() => resolveArea('Sandwel')).toThrow(UnknownAreaError);
    try {
      resolveArea('Brimingham');
    } catch (e) {
      expect((e as UnknownAreaError).suggestions[0]).toBe('Birmingham (E08000025)');
      expect((e as Error).message).toBe('unknown area "Brimingham"; did you mean "Birmingham (E08000025)"?');
    }
    try {
      resolveArea('Herefordshir');
    } catch (e) {
      expect((e as UnknownAreaError).suggestions).toContain('Herefordshire, County of (E06000019)');
    }
    expect(() => resolveArea('E08000099')).toThrow(/unknown area code "E08000099"; did you mean/);
    expect(() => resolveArea('Atlantis')).toThrow(/unknown area "Atlantis"/);
    expect(() => resolveArea('Sandwell', { level: 'icb' })).toThrow(UnknownAreaError);
  });

  it('a partial name matching several areas is ambiguous', () => {
    expect(() => resolveArea('East')).toThrow(AmbiguousAreaError);
  });
});

describe('LA code history', () => {
  const byCode = (r: ReturnType<typeof mapToCurrentCodes>) => new Map(r.mappings.map((m) => [m.code, m]));
  const OLD = ['E06000028', 'E06000029', 'E10000009', 'E08000016', 'E08000019', 'E10000002', 'E10000021', 'E10000006', 'E10000023', 'E10000027'];

  it('to current codes', () => {
    const r = mapToCurrentCodes([...OLD, 'E99999999', 'E12000005'], { target: 'current' });
    const m = byCode(r);
    expect(m.get('E06000028')).toMatchObject({ change: 'merged', to: [{ code: 'E06000058', share: 1 }] });
    expect(m.get('E06000029')).toMatchObject({ change: 'merged', to: [{ code: 'E06000058' }] });
    expect(m.get('E10000009')!.change).toBe('split');
    expect(m.get('E10000009')!.to.map((t) => t.code)).toEqual(['E06000059', 'E06000058']);
    expect(m.get('E08000016')).toMatchObject({ change: 'recoded', to: [{ code: 'E08000038', name: 'Barnsley' }] });
    expect(m.get('E08000019')).toMatchObject({ change: 'recoded', to: [{ code: 'E08000039' }] });
    expect(m.get('E10000002')).toMatchObject({ change: 'recoded', to: [{ code: 'E06000060' }] });
    expect(m.get('E10000021')!.change).toBe('split');
    expect(
      m
        .get('E10000021')!
        .to.map((t) => t.code)
        .sort(),
    ).toEqual(['E06000061', 'E06000062']);
    expect(
      m
        .get('E10000006')!
        .to.map((t) => t.code)
        .sort(),
    ).toEqual(['E06000063', 'E06000064']);
    expect(m.get('E10000023')).toMatchObject({ change: 'recoded', to: [{ code: 'E06000065' }] });
    expect(m.get('E10000027')).toMatchObject({ change: 'recoded', to: [{ code: 'E06000066' }] });
    expect(r.unmapped).toEqual(['E99999999', 'E12000005']);
  });

  it("to the toolkit's 2019 geography (LAD19/UTLA19)", () => {
    const m = byCode(mapToCurrentCodes([...OLD, 'E06000060', 'E06000061', 'E08000038', 'E07000190', 'E08000020'], { target: '2019' }));
    expect(m.get('E06000028')).toMatchObject({ change: 'merged', to: [{ code: 'E06000058' }] });
    expect(m.get('E10000009')!.to.map((t) => t.code)).toEqual(['E06000059', 'E06000058']);
    for (const c of ['E08000016', 'E08000019', 'E10000002', 'E10000021', 'E10000006', 'E10000023', 'E10000027']) expect(m.get(c)!.change, c).toBe('unchanged');
    expect(m.get('E06000060')).toMatchObject({ change: 'recoded', to: [{ code: 'E10000002' }] }); // Bucks UA (2020) = Bucks county 2019
    expect(m.get('E06000061')).toMatchObject({ change: 'merged', to: [{ code: 'E10000021' }] }); // North Northants → part of Northants
    expect(m.get('E08000038')).toMatchObject({ change: 'recoded', to: [{ code: 'E08000016' }] });
    expect(m.get('E07000190')).toMatchObject({ level: 'lad', change: 'merged', to: [{ code: 'E07000246' }] }); // Taunton Deane
    expect(m.get('E08000020')).toMatchObject({ change: 'recoded', to: [{ code: 'E08000037' }] }); // Gateshead 2013
    expect(currentCode('E06000060', { level: 'lad' }).to.map((t) => t.code)).toEqual(
      ['E07000004', 'E07000005', 'E07000006', 'E07000007'].sort((a, b) => lsoasIn(b).length - lsoasIn(a).length || a.localeCompare(b)),
    );
  });

  it('every Fingertips County & UA code in the bundled export maps to the 2019 geography', async () => {
    const { readdirSync } = await import('node:fs');
    const { dataPath } = await import('../../src/io/paths.js');
    const { readCsvRecords } = await import('../../src/io/csv.js');
    const file = readdirSync(dataPath('fingertips')).find((f) => f.includes('CountyUA'))!;
    const rec = readCsvRecords(`${dataPath('fingertips')}/${file}`, { relaxColumnCount: true });
    const codeCol = rec.header.indexOf('Area Code');
    const typeCol = rec.header.indexOf('Area Type');
    const codes = new Set(rec.rows.filter((r) => /County/.test(r[typeCol])).map((r) => r[codeCol]));
    expect(codes.size).toBeGreaterThan(140);
    const r = mapToCurrentCodes(codes);
    expect(r.unmapped).toEqual([]);
    for (const m of r.mappings) for (const t of m.to) expect(getGeography().area(t.code, 'utla'), `${m.code} → ${t.code}`).toBeDefined();
  });
});

describe('diagnostics', () => {
  it('area sampling finds the LADs split between ICBs named in docs/geography.md', () => {
    const split = ladIcbAreaShares({ grid: 12 })
      .filter((a) => Math.max(...a.shares.values()) < 0.9)
      .map((a) => a.code);
    for (const c of ['E06000064', 'E07000089', 'E07000214', 'E07000099', 'E07000244']) expect(split, c).toContain(c);
    expect(split).not.toContain('E08000028');
  });
});
