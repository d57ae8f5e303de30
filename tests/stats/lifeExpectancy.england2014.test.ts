/**
 * Real data: life expectancy at birth, England 2014, from the bundled ONS deaths registered in
 * 2014 (data/deaths/deaths2014_la_sex_age_tidy.csv) and the ONS mid-2014 population estimates
 * (MYE2, data/deaths/MYE2_mid2014_uk_*.csv). ONS publishes 3-year figures (79.5 / 83.2 for
 * 2012-14); a single year by this method gives 79.61 (male) and 83.31 (female).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { readMye2, populationByAgeBand } from '../../src/io/population.js';
import { LIFE_TABLE_AGE_BANDS } from '../../src/io/agebands.js';
import { readCsvRecords } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import { lifeExpectancy, LE_AGE_CONTENTS_85 } from '../../src/stats/lifeExpectancy.js';

function england(sex: 'Male' | 'Female') {
  const pop = populationByAgeBand(
    readMye2({ year: 2014, sex }).filter(aq.escape((d: { area_code: string }) => d.area_code === 'E92000001')),
    LIFE_TABLE_AGE_BANDS,
  );
  const rec = readCsvRecords(dataPath('deaths/deaths2014_la_sex_age_tidy.csv'));
  const rows = rec.rows.filter((r) => r[0] === 'E92000001' && r[2] === sex);
  const deaths = aq.table({ age_band: rows.map((r) => r[3]), deaths: rows.map((r) => Number(r[4])) });
  return deaths.join(pop.select('age_band', 'population'), 'age_band');
}

describe('life expectancy at birth, England 2014 (real data)', () => {
  it('male ≈ 79.61, female ≈ 83.31, with narrow national limits', () => {
    const m = england('Male');
    expect(m.numRows()).toBe(20);
    const male = lifeExpectancy(m, { deaths: 'deaths', population: 'population', startAge: 'age_band', leAge: [0] });
    expect(male.get('value', 0) as number).toBeCloseTo(79.61, 2);
    expect((male.get('uppercl', 0) as number) - (male.get('lowercl', 0) as number)).toBeLessThan(0.15);
    const female = lifeExpectancy(england('Female'), { deaths: 'deaths', population: 'population', startAge: 'age_band', leAge: [0] });
    expect(female.get('value', 0) as number).toBeCloseTo(83.31, 2);
  });

  it('an 85+ final band gives nearly the same e0', () => {
    const m = england('Male');
    const isTop = aq.escape((d: { age_band: string }) => d.age_band === '85-89' || d.age_band === '90+');
    const top = m
      .filter(isTop)
      .rollup({ deaths: aq.op.sum('deaths'), population: aq.op.sum('population') })
      .derive({ age_band: () => '85+' });
    const t85 = m
      .filter(aq.escape((d: { age_band: string }) => !(d.age_band === '85-89' || d.age_band === '90+')))
      .concat(top.select('age_band', 'deaths', 'population'));
    const out = lifeExpectancy(t85, { deaths: 'deaths', population: 'population', startAge: 'age_band', ageContents: LE_AGE_CONTENTS_85, leAge: 0 });
    expect(Math.abs((out.get('value', 0) as number) - 79.61)).toBeLessThan(0.2);
  });
});
