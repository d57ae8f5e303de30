import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { comparePrevalence, prevalenceRanks } from './compare.js';

describe('prevalenceRanks', () => {
  it('ranks highest first, ties share the smallest rank, nulls stay null', () => {
    expect(prevalenceRanks([5, 7, null, 7, 1])).toEqual([3, 1, null, 1, 4]);
  });
});

describe('comparePrevalence', () => {
  // England diabetes 2019-20: 7.0826% (95% CI 7.0754-7.0898)
  const england = { value: 7.08260854743877, lower95: 7.075413215283288, upper95: 7.089810638595488 };
  const areas = aq.table({
    area_code: ['A', 'B', 'C'],
    parent_code: ['P', 'P', 'Q'],
    value: [9.8, 7.1, 6.0],
    lower95_0cl: [9.69, 6.9, 5.8],
    upper95_0cl: [9.91, 7.3, 6.2],
    denominator: [276294, 10000, 20000],
  });
  const parents = aq.table({ area_code: ['P', 'Q'], value: [8.02, 6.1], lower95_0cl: [8.0, 6.05], upper95_0cl: [8.04, 6.15] });

  it('labels Higher / Similar / Lower against England and the parent (method 1, no judgement)', () => {
    const t = comparePrevalence(areas, { england, parents });
    expect(t.array('compared_to_england')).toEqual(['Higher', 'Similar', 'Lower']);
    expect(t.array('england_significance_code')).toEqual([1, 0, -1]);
    expect(t.array('compared_to_parent')).toEqual(['Higher', 'Lower', 'Similar']);
    expect(t.array('rank')).toEqual([1, 2, 3]);
    expect(t.array('rank_in_parent')).toEqual([1, 2, 1]);
    expect(t.array('rank_in_parent_of')).toEqual([2, 2, 1]);
  });

  it('uses a RAG polarity when given', () => {
    const t = comparePrevalence(areas, { england, polarity: 'low-is-good' });
    expect(t.array('compared_to_england')).toEqual(['Worse', 'Similar', 'Better']);
    expect(t.array('compared_to_parent')).toEqual([null, null, null]);
  });
});
