/**
 * Life expectancy by deprivation decile of England's upper-tier authorities (moved from the
 * profile's section into src/lifeexp). Independent checks: Sandwell's population-weighted IMD 2019
 * score rounds to the 34.9 OHID publishes for Sandwell (Fingertips "Deprivation score (IMD 2019)", the IoD2019 File 10 average-score rule); 150 authorities
 * are placed in deciles (151 UTLAs less the Isles of Scilly, pooled with Cornwall for 2014 deaths);
 * deciles hold 15 authorities each; the SII is positive (LE rises from most to least deprived).
 */
import { describe, expect, it } from 'vitest';
import { leByUtlaDeprivation, leUtlaImdScores } from '../../src/lifeexp/index.js';

describe('leByUtlaDeprivation', () => {
  it('weights LSOA scores by population as the IoD2019 average score does', () => {
    expect(leUtlaImdScores().get('E08000028')!).toBeCloseTo(34.9, 1);
  });

  it('groups 150 authorities into ten deciles of 15 and gives the between-authority SII by sex', () => {
    const d = leByUtlaDeprivation();
    expect(d.decileOf.size).toBe(150);
    expect(d.decileOf.has('E06000053')).toBe(false);
    const counts = new Array<number>(11).fill(0);
    for (const v of d.decileOf.values()) counts[v] += 1;
    expect(counts.slice(1)).toEqual(new Array(10).fill(15));
    expect(d.decileOf.get('E08000028')).toBe(1);
    const sii = Object.fromEntries((d.inequality.objects() as { sex: string; sii: number }[]).map((r) => [r.sex, r.sii]));
    expect(sii.Male).toBeCloseTo(4.66, 2);
    expect(sii.Female).toBeCloseTo(3.55, 2);
  });
});
