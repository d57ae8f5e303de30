import { describe, expect, it } from 'vitest';
import { leDifference, leSentence } from './gap.js';

describe('leDifference', () => {
  it('difference, SE from the two SEs, 95% limits and judgement (hand-computed)', () => {
    // d = 76.9 − 79.6 = −2.7; SE = √(0.3² + 0.04²) = √0.0916 = 0.302654919...; z = 1.959963985
    const g = leDifference({ value: 76.9, se: 0.3 }, { value: 79.6, se: 0.04 });
    expect(g.difference).toBeCloseTo(-2.7, 12);
    expect(g.se).toBeCloseTo(Math.sqrt(0.0916), 12);
    expect(g.lower).toBeCloseTo(-2.7 - 1.959963984540054 * 0.30265491900843114, 9);
    expect(g.upper).toBeCloseTo(-2.7 + 1.959963984540054 * 0.30265491900843114, 9);
    expect(g).toMatchObject({ significant: true, judgement: 'significantly lower', confidence: 0.95 });
  });

  it('similar when the interval includes 0; higher when above; not compared when NA', () => {
    expect(leDifference({ value: 80, se: 0.5 }, { value: 79.6, se: 0.03 }).judgement).toBe('similar');
    expect(leDifference({ value: 81, se: 0.5 }, { value: 79.6, se: 0.03 }).judgement).toBe('significantly higher');
    // 99.8% is wider: 1.4 / 0.5 = 2.8 SE is significant at 95% (z 1.96) but not at 99.8% (z 3.09)
    expect(leDifference({ value: 81.0, se: 0.5 }, { value: 79.6, se: 0 }, 0.95).significant).toBe(true);
    expect(leDifference({ value: 81.0, se: 0.5 }, { value: 79.6, se: 0 }, 0.998).significant).toBe(false);
    expect(leDifference({ value: null, se: null }, { value: 79.6, se: 0.03 })).toMatchObject({
      difference: null,
      judgement: 'not compared',
      significant: null,
    });
  });
});

describe('leSentence', () => {
  const eng = { value: 79.61, se: 0.026 };
  it('fills in every number and judgement', () => {
    expect(leSentence({ areaName: 'Sandwell', comparatorName: 'England', sex: 'Male', age: 0, area: { value: 77.21, se: 0.36 }, comparator: eng })).toBe(
      'Life expectancy at birth for men in Sandwell, 77.2 years, is 2.4 years lower than England (significantly lower).',
    );
    expect(
      leSentence({
        areaName: 'Herefordshire',
        comparatorName: 'England',
        sex: 'Female',
        age: 65,
        area: { value: 21.9, se: 0.35 },
        comparator: { value: 21.3, se: 0.02 },
        period: '2014',
      }),
    ).toBe(
      'Life expectancy at 65 for women in Herefordshire (2014), 21.9 years, is 0.6 years higher than England (similar: the difference is not statistically significant).',
    );
  });

  it('a gap that rounds to zero, exactly 1 year, and a missing value', () => {
    expect(leSentence({ areaName: 'X', comparatorName: 'England', sex: 'Male', age: 0, area: { value: 79.63, se: 0.3 }, comparator: eng })).toBe(
      'Life expectancy at birth for men in X, 79.6 years, is less than 0.1 years higher than England (similar: the difference is not statistically significant).',
    );
    expect(leSentence({ areaName: 'X', comparatorName: 'England', sex: 'Male', age: 0, area: { value: 80.61, se: 0.1 }, comparator: eng })).toMatch(
      /is 1\.0 year higher than England \(significantly higher\)\.$/,
    );
    expect(
      leSentence({
        areaName: 'City of London',
        comparatorName: 'England',
        sex: 'Male',
        age: 0,
        area: { value: null, se: null, problem: 'total population 5,000 or less' } as never,
        comparator: eng,
      }),
    ).toBe('Life expectancy at birth for men in City of London cannot be calculated: total population 5,000 or less.');
  });
});
