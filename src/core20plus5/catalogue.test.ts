/** The Core20PLUS5 catalogue: national areas as published, local additions validated. */
import { describe, expect, it } from 'vitest';
import { CORE20PLUS5_AREAS, clinicalArea, clinicalAreas } from './catalogue.js';

const diabetes = {
  id: 'adult-diabetes',
  population: 'adults',
  name: 'Diabetes (Black Country local sixth area)',
  focus: 'Diabetes care processes and treatment targets in Core20 and PLUS groups',
  metric: 'Percentage of people with diabetes receiving all eight care processes',
  numerator: 'People with diabetes who received all 8 care processes in the audit year',
  denominator: 'People with diabetes on the GP register',
  polarity: 'high-is-good',
  dataSource: 'National Diabetes Audit',
};

describe('national catalogue', () => {
  it('has 5 adult and 5 CYP areas with the published ambitions', () => {
    expect(CORE20PLUS5_AREAS.filter((a) => a.population === 'adults')).toHaveLength(5);
    expect(CORE20PLUS5_AREAS.filter((a) => a.population === 'cyp').map((a) => a.name)).toEqual([
      'Asthma',
      'Diabetes',
      'Epilepsy',
      'Oral health',
      'Mental health',
    ]);
    expect(clinicalArea('adult-cancer').ambition).toMatchObject({ value: 75, year: 2028, verified: true });
    expect(clinicalArea('adult-smi').ambition?.value).toBe(60);
    expect(clinicalArea('adult-hypertension').ambition).toMatchObject({ value: 77, verified: false });
    for (const a of CORE20PLUS5_AREAS) expect(a.reference.every((u) => u.startsWith('https://'))).toBe(true);
  });
});

describe('local additions by configuration', () => {
  it('adds the Black Country diabetes area from a JSON object', () => {
    const all = clinicalAreas(JSON.parse(JSON.stringify([diabetes])));
    expect(all).toHaveLength(11);
    expect(all[10]).toMatchObject({ id: 'adult-diabetes', local: true, polarity: 'high-is-good', ambition: null });
  });
  it('validates entries with one-line messages', () => {
    expect(() => clinicalAreas([{ ...diabetes, population: 'children' }])).toThrow(
      /local clinical area 1 \("adult-diabetes"\): field "population" must be "adults" or "cyp"/,
    );
    expect(() => clinicalAreas([{ ...diabetes, metric: '' }])).toThrow(/field "metric" must be non-empty text/);
    expect(() => clinicalAreas([{ ...diabetes, polarity: 'up' }])).toThrow(/field "polarity"/);
    expect(() => clinicalAreas([{ ...diabetes, id: 'adult-cancer' }])).toThrow(/already in the catalogue/);
    expect(() => clinicalAreas([{ ...diabetes, ambition: { value: '80%', unit: '%' } }])).toThrow(/ambition.value must be a number/);
    expect(() => clinicalAreas(['diabetes'])).toThrow(/expected an object/);
  });
  it('unknown id lists the known ones', () => {
    expect(() => clinicalArea('adult-obesity')).toThrow(/unknown Core20PLUS5 clinical area "adult-obesity"; known: adult-maternity/);
  });
});
