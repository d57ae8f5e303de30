import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { readFingertipsExport } from '../../src/io/fingertips.js';
import { readerNotes } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import { fixture, inputErrorOf } from './helpers.js';

const FILE = dataPath('fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv');

describe('readFingertipsExport on a real export (indicator 93356)', () => {
  const t = readFingertipsExport(FILE);

  it('reads 852 records into the 27 snake_case columns', () => {
    expect(t.numRows()).toBe(852);
    expect(t.columnNames()).toEqual([
      'indicator_id',
      'indicator_name',
      'parent_code',
      'parent_name',
      'area_code',
      'area_name',
      'area_type',
      'sex',
      'age',
      'category_type',
      'category',
      'time_period',
      'value',
      'lower_ci_95',
      'upper_ci_95',
      'lower_ci_99_8',
      'upper_ci_99_8',
      'count',
      'denominator',
      'value_note',
      'recent_trend',
      'compared_to_england',
      'compared_to_parent',
      'time_period_sortable',
      'new_data',
      'compared_to_goal',
      'time_period_range',
    ]);
  });

  it('England 2015: 51,897 / 54,786,327 → 94.73 per 100,000; the indicator name has no trailing newline', () => {
    const eng = t.filter(
      aq.escape((d: Record<string, unknown>) => d.area_code === 'E92000001' && d.time_period === '2015' && d.age === 'All ages' && d.category_type === null),
    );
    expect(eng.numRows()).toBe(1);
    const r = eng.objects()[0] as Record<string, number | string | null>;
    expect([r.count, r.denominator]).toEqual([51897, 54786327]);
    expect(Number((r.value as number).toFixed(2))).toBe(94.73);
    expect(((r.count as number) / (r.denominator as number)) * 1e5).toBeCloseTo(r.value as number, 8);
    expect(r.indicator_name).toBe('Campylobacter incidence rate/100,000');
    expect(r.time_period_sortable).toBe(20150000);
    expect(r.compared_to_england).toBe('Not compared');
  });

  it('keeps Category Type rows (deprivation deciles) unless asked to drop them', () => {
    const cats = t.filter(aq.escape((d: Record<string, unknown>) => d.category_type !== null));
    expect(cats.numRows()).toBe(60);
    expect(new Set(cats.array('category_type') as string[])).toEqual(
      new Set(['County & UA deprivation deciles in England (IMD2015)', 'District & UA deprivation deciles in England (IMD2015)']),
    );
    const dropped = readFingertipsExport(FILE, { dropCategoryRows: true });
    expect(dropped.numRows()).toBe(792);
    expect(readerNotes(dropped)).toContain(
      `${'data/fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv'}: 60 Category Type rows dropped (dropCategoryRows)`,
    );
  });

  it('reads empty values as null with a note, and names the parent comparison column', () => {
    expect((t.array('value') as (number | null)[]).filter((v) => v === null).length).toBe(10);
    const notes = readerNotes(t).join('\n');
    expect(notes).toMatch(/10 blank values in column "Value" read as missing \(null\), not zero/);
    expect(notes).toMatch(/compared_to_parent is "Compared to Region value or percentiles"/);
  });
});

describe('readFingertipsExport layouts and bad input', () => {
  it('reads the newer layout (Counties & UAs comparison, Time period range)', () => {
    const t = readFingertipsExport(fixture('fingertips_newer_layout.csv'));
    expect(t.numRows()).toBe(4);
    const sandwell = t.objects()[0] as Record<string, unknown>;
    expect(sandwell).toMatchObject({
      area_code: 'E08000028',
      compared_to_england: 'Better',
      compared_to_parent: 'Better',
      time_period_range: '1y',
      count: 241,
      denominator: 319455,
    });
    expect(readerNotes(t).join('\n')).toMatch(/compared_to_parent is "Compared to Counties & UAs \(from Apr 2021\) value or percentiles"/);
  });

  it('missing required columns: one error listing what was found', () => {
    const e = inputErrorOf(() => readFingertipsExport(fixture('fingertips_missing_value_column.csv')));
    expect(e.message).toMatch(
      /fingertips_missing_value_column\.csv, line 1: not a Fingertips export: missing column "Value"; found: Indicator ID, Indicator Name, Parent Code/,
    );
  });
});
