/**
 * The profile section "Core20 on IMD 2025" on real data. Expected figures computed independently
 * with Python from the bundled IMD 2025, Census 2021 and LSOA lookup files (see
 * tests/core20plus5/imd2025.test.ts for the method): Herefordshire 117 LSOAs 2021, 9 Core20,
 * 14,223 of 187,064 residents (7.6%); transition: entered 1 LSOA (1,697 people), left 1 (1,566).
 * Cumberland (created April 2023) is the exact union of Allerdale, Carlisle and Copeland.
 */
import { describe, expect, it } from 'vitest';
import { buildPlaceProfile } from '../../src/report/profile/build.js';
import { PRACTICE_IMD2025_UNAVAILABLE } from '../../src/core20plus5/core20.js';

describe('profile section: Core20 on IMD 2025', () => {
  it('Herefordshire: IMD 2025 share, transition table, map on the bundled LSOA 2011 boundaries, PLUS ethnicity, practices note', () => {
    const report = buildPlaceProfile('Herefordshire', { sections: ['core20-imd2025'] });
    const s = report.sections.find((x) => x.id === 'core20-imd2025')!;
    expect(s.headline).toBe(
      "On IMD 2025, 7.6% of Herefordshire's residents live in Core20 neighbourhoods (IMD 2019: 7.6%); 1 neighbourhood entered Core20 and 1 neighbourhood left it.",
    );
    const [transition, plus] = s.tables;
    const row = (label: string) => transition.rows.find((r) => r.label === label)!;
    expect(row('entered Core20 (not Core20 on IMD 2019)')).toMatchObject({ lsoas: 1, population: 1697 });
    expect(row('left Core20 (Core20 on IMD 2019, not on IMD 2025)')).toMatchObject({ lsoas: 1, population: 1566 });
    expect(row('Core20 on IMD 2025')).toMatchObject({ lsoas: 9, population: 14223 });
    expect(plus.rows).toHaveLength(5);
    expect(s.figures.map((f) => f.title)).toEqual([
      'Population of Herefordshire by national deprivation decile (IMD 2025)',
      'Neighbourhoods of Herefordshire entering and leaving Core20, IMD 2019 → IMD 2025',
      'Population living in Core20 neighbourhoods: Herefordshire',
    ]);
    // the trend chart (IMD 2019 → IMD 2025) is on screen only
    expect(s.figures.map((f) => f.printed)).toEqual([undefined, undefined, false]);
    // the domain's sentence in a board's words (neighbourhoods, not LSOAs)
    const practices = (s.narrative as string[]).find((n) => n.startsWith('GP practices: '));
    expect(practices).toBe(
      `GP practices: ${PRACTICE_IMD2025_UNAVAILABLE.replaceAll('LSOA 2021', '2021 neighbourhood').replaceAll('LSOA 2011', '2011 neighbourhood').replaceAll('LSOA', 'neighbourhood')}`,
    );
    expect(practices).not.toMatch(/LSOA/);
  });

  it('Cumberland (a 2023 authority): the section says how it is built from its predecessors', () => {
    const report = buildPlaceProfile('Cumberland', { sections: ['core20-imd2025'] });
    const s = report.sections[0];
    expect((s.narrative as string[]).at(-1)).toMatch(/exact union of Allerdale \(E07000026\), Carlisle \(E07000028\), Copeland \(E07000029\)/);
    // no LSOA boundaries bundled for Cumberland: the deciles chart and the IMD 2019 → 2025 trend (no map)
    expect(s.figures.map((f) => f.title)).toEqual([s.figures[0].title, 'Population living in Core20 neighbourhoods: Cumberland']);
    expect(s.notes).toMatch(/No map of the transition/);
  });
});

describe('profiles of the authorities created since 2019', () => {
  // ONS MYE2 mid-2019 (data/population/mye2_mid2019_lad19_persons.csv), summed by hand over
  // Allerdale E07000026, Carlisle E07000028, Copeland E07000029: 274,622 people, 63,474 aged 65+ (23.1%)
  it('Cumberland: population and the 65+ indicator are the exact sums of its three predecessor districts', () => {
    const report = buildPlaceProfile('Cumberland', { sections: ['who-lives-here'] });
    const s = report.sections[0];
    expect(s.headline).toMatch(/^274,622 people lived in Cumberland in mid-2019/);
    expect((s.narrative as string[])[0]).toContain('23.1% were aged 65 and over');
  });
});

describe('ICB profiles on the official ICB lookup', () => {
  // NHS Norfolk and Waveney ICB (July 2022) = the 7 Norfolk districts + the Waveney part of East
  // Suffolk (73 of East Suffolk's 146 LSOAs 2011); ONS mid-2019 estimates of the 7 Norfolk districts sum to 907,760
  it('an ICB that cuts a district says which part the mid-2019 figures leave out', () => {
    const report = buildPlaceProfile('E54000022', { sections: ['who-lives-here'] });
    const s = report.sections[0];
    expect(s.headline).toMatch(/^907,760 people lived in NHS Norfolk and Waveney Integrated Care Board in mid-2019/);
    expect(s.notes).toMatch(/includes parts of East Suffolk, which are not counted in the mid-2019 population/);
  });
});
