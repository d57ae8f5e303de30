import { describe, expect, it } from 'vitest';
import { lifeTable } from '../stats/lifeExpectancy.js';
import { leSullivanHle, leHleSummary, leHleGap } from './hle.js';

// Two bands (Under 1, 1+): D = [10, 100], P = [1000, 5000] → with l0 = 1: L0 = 0.9910802775024777,
// L1 = 49.50445986124876 (see arriaga.test.ts). Good health 0.9 and 0.6, survey sizes 100 and 400.
// HLE0 = 0.9 L0 + 0.6 L1 = 30.594648166501486;
// SE = √(L0²·0.9·0.1/100 + L1²·0.6·0.4/400) = 1.21297112240861 (Jagger et al.);
// years in poor health = e0 − HLE0 = 50.49554013875124 − 30.594648166501486 = 19.900891972249752.
const lt = lifeTable([10, 100], [1000, 5000], [0, 1]);

describe('leSullivanHle', () => {
  it('HLE, SE and years in poor health at birth (hand-computed)', () => {
    const r = leSullivanHle(lt, [0.9, 0.6], { sampleSize: [100, 400] });
    expect(r.hle).toBeCloseTo(30.594648166501486, 10);
    expect(r.se!).toBeCloseTo(1.21297112240861, 10);
    expect(r.poorHealthYears).toBeCloseTo(19.900891972249752, 10);
    expect(r.le).toBeCloseTo(50.49554013875124, 10);
    expect(r.lower!).toBeCloseTo(30.594648166501486 - 1.959963984540054 * 1.21297112240861, 8);
    expect(r.healthyShare).toBeCloseTo(30.594648166501486 / 50.49554013875124, 12);
  });

  it('from age 1 (the open band only): HLE = 0.6 × e1, SE from the given prevalence SE', () => {
    const r = leSullivanHle(lt, [0.9, 0.6], { fromAge: 1, prevalenceSe: [0.03, Math.sqrt(0.24 / 400)] });
    expect(r.hle).toBeCloseTo(30, 10);
    expect(r.se!).toBeCloseTo(1.224744871391589, 10);
  });

  it('no sample sizes → no SE; bad prevalences are errors', () => {
    expect(leSullivanHle(lt, [1, 1]).se).toBeNull();
    expect(leSullivanHle(lt, [1, 1]).hle).toBeCloseTo(lt.e[0], 12);
    expect(() => leSullivanHle(lt, [0.9])).toThrow(/2 age bands.*1 prevalences/);
    expect(() => leSullivanHle(lt, [90, 60])).toThrow(/proportion from 0 to 1/);
  });
});

describe('leHleSummary / leHleGap', () => {
  it('years in poor health by sex from given values', () => {
    const s = leHleSummary([
      { sex: 'Male', le: 77.2, hle: 59.3 },
      { sex: 'Female', le: 81.4, hle: 60.1 },
    ]);
    expect(s[0].poorHealthYears).toBeCloseTo(17.9, 10);
    expect(s[1].poorHealthYears).toBeCloseTo(21.3, 10);
    expect(s[1].healthyShare).toBeCloseTo(60.1 / 81.4, 12);
    expect(() => leHleSummary([{ sex: 'Male', le: 60, hle: 61 }])).toThrow(/more than life expectancy/);
  });
  it('HLE gap with CI from two SEs', () => {
    const g = leHleGap({ value: 59.3, se: 1.1 }, { value: 63.4, se: 0.1 });
    expect(g.difference).toBeCloseTo(-4.1, 10);
    expect(g.judgement).toBe('significantly lower');
  });
});
