/** The `healthgap calc` method registry: unique names and option keys, methods from several lists. */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { METHODS, methodRegistry } from '../../src/cli/commands/calc/registry.js';
import { ISR_OPTIONS, STATS_METHODS } from '../../src/cli/commands/calc/methods.js';
import type { MethodSpec } from '../../src/cli/commands/calc/spec.js';

const extra: MethodSpec = { name: 'count-rows', summary: 'number of rows', options: [], run: ({ table }) => aq.table({ n: [table.numRows()] }) };

describe('calc method registry', () => {
  it('holds the 13 statistics methods and the 4 burden methods in help order', () => {
    expect(METHODS.map((m) => m.name)).toEqual([
      'proportion',
      'rate',
      'mean',
      'dsr',
      'isratio',
      'israte',
      'le',
      'sii',
      'quantile',
      'funnel-limits',
      'funnel-significance',
      'compare',
      'trend',
      'cmf',
      'excess',
      'pyll',
      'yll',
    ]);
    expect(Object.isFrozen(METHODS)).toBe(true);
  });

  it('isratio and israte share ISR_OPTIONS; isratio adds --refvalue', () => {
    const isratio = STATS_METHODS.find((m) => m.name === 'isratio')!;
    const israte = STATS_METHODS.find((m) => m.name === 'israte')!;
    expect(israte.options).toBe(ISR_OPTIONS);
    expect(isratio.options.map((o) => o.key)).toEqual(['x', 'n', 'xRef', 'nRef', 'refvalue']);
  });

  it('methods from another list join with one spread; a repeated name or option key is refused', () => {
    expect(methodRegistry([...STATS_METHODS, extra]).at(-1)?.name).toBe('count-rows');
    expect(() => methodRegistry([...STATS_METHODS, { ...extra, name: 'rate' }])).toThrow('healthgap calc: two methods are named "rate"');
    const o = { key: 'x', flags: '--x <col>', description: 'x', kind: 'column' as const };
    expect(() => methodRegistry([{ ...extra, options: [o, o] }])).toThrow('healthgap calc count-rows: two options have the key "x"');
  });
});
