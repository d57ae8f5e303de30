/**
 * The Fingertips recent trend on a real CCG series: NHS Barking and Dagenham CCG (07L), QOF
 * diabetes register and list size (17+) as published in the NHS Digital QOF CCG workbooks
 * 2015-16 to 2019-20 (each period from the latest workbook holding it; read with `healthgap
 * data add` and `healthgap prevalence DM --by ccg --trend --place 07L --csv`):
 *   2015-16 10,872 / 143,427; 2016-17 12,253 / 158,598; 2017-18 12,783 / 160,162;
 *   2018-19 13,609 / 158,078; 2019-20 14,582 / 170,207.
 *
 * Hand-worked (Python, from the formula in src/stats/trend.ts), t = 1 … 5, N = Σn, X = Σx:
 *   χ² = N(NΣxt − XΣnt)² / (X(N − X)(NΣnt² − (Σnt)²)) = 171.43535736853605 > 9.5495 (99.8%);
 *   logit slope (all five) 0.03841536317353698; leave-one-out slopes 0.04202, 0.03690, 0.03842,
 *   0.03407, 0.04507, all positive → "Increasing" (no polarity for recorded prevalence).
 */
import { describe, expect, it } from 'vitest';
import { recentTrend } from '../../src/stats/trend.js';

const x = [10872, 12253, 12783, 13609, 14582];
const n = [143427, 158598, 160162, 158078, 170207];

describe('recent trend of a real CCG prevalence series', () => {
  it('Barking and Dagenham CCG diabetes 2015-16 to 2019-20 is increasing', () => {
    const r = recentTrend(
      x.map((c, i) => ({ period: 2015 + i, value: c / n[i], count: c, denominator: n[i] })),
      { valueType: 'proportion' },
    );
    expect(r.label).toBe('Increasing');
    expect(r.test).toBe('chi-squared');
    expect(r.chiSquared!).toBeCloseTo(171.43535736853605, 8);
    expect(r.slope!).toBeCloseTo(0.03841536317353698, 12);
    expect(r.periods).toEqual([2015, 2016, 2017, 2018, 2019]);
  });

  it('with four periods it cannot be calculated, and says why', () => {
    const r = recentTrend(
      x.slice(1).map((c, i) => ({ period: 2016 + i, value: c / n[i + 1], count: c, denominator: n[i + 1] })),
      { valueType: 'proportion' },
    );
    expect(r.label).toBe('Cannot be calculated');
    expect(r.reason).toBe('not enough data points to calculate recent trend (4; 5 are needed)');
  });
});
