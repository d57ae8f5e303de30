/**
 * The CLI across geography and IMD vintages, end to end on the real bundled data:
 * - `le` for an authority created in 2023 (Cumberland) says it is aggregated from its former districts;
 * - `area --vintage 2019` names the CCG vintage (April 2020) and maps the CCG to its successor sub-ICB location;
 * - `prevalence --by ccg --csv` names its CCG vintage (April 2021, 106) in a `geography` column;
 * - `core20 --transition` says whether the transition can be mapped (LSOA 2011 boundaries only are bundled);
 * - `core20 <practice> --imd 2025` gives the estimate through the LSOA lookup with its range;
 * - `profile --imd 2019|2025` leads the Core20 on IMD 2025 section with the chosen IMD and says so.
 * Expected figures: Cumberland's IMD 2025 Core20 share 63,615 / 273,252 = 23.3% and IMD 2019 share
 * 19.9% (tests/core20plus5/imd2025.test.ts); CCG 2020 → sub-ICB 2024 shares of Sandwell and West
 * Birmingham CCG by LSOA 2021 counts (docs/geography.md); Cape Hill Medical Centre's estimate in
 * tests/core20plus5/practiceImd2025.test.ts (Python, independent).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli.js';

type Run = { code: number; out: string; err: string };
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, "'")
    .replace(/\s+/g, ' ');

const out = mkdtempSync(join(tmpdir(), 'hg-vintages-'));
const runs: Record<string, Run> = {};
const RUNS: Record<string, string[]> = {
  leCumberland: ['le', 'Cumberland', '--sex', 'male'],
  leSomerset: ['le', 'Somerset', '--sex', 'female', '--json'],
  areaLowestoft2019: ['area', '--vintage', '2019', 'E01030240'],
  areaLowestoft: ['area', 'E01030240'],
  areaSandwell2019: ['area', '--vintage', '2019', 'Sandwell'],
  areaSandwell2019Json: ['area', '--vintage', '2019', '--json', 'Sandwell'],
  prevCcgCsv: ['prevalence', 'DM', '--by', 'ccg', '--csv'],
  prevCcg: ['prevalence', 'DM', '--by', 'ccg'],
  transitionCumberland: ['core20', 'Cumberland', '--transition'],
  transitionSandwell: ['core20', 'Sandwell', '--transition'],
  practice2025: ['core20', 'M88006', '--imd', '2025'],
  practice: ['core20', 'M88006'],
  profile2019: ['profile', 'Cumberland', '--out', join(out, 'a'), '--sections', 'life-expectancy,core20-imd2025', '--imd', '2019'],
  profile2025: ['profile', 'Cumberland', '--out', join(out, 'b'), '--sections', 'life-expectancy,core20-imd2025'],
  badImd: ['profile', 'Cumberland', '--out', out, '--imd', '2015'],
};

beforeAll(async () => {
  for (const [k, args] of Object.entries(RUNS)) runs[k] = await runCliInProcess(...args);
});

describe('healthgap le for the 2023 authorities', () => {
  it('Cumberland: real values and the former districts named', () => {
    const r = runs.leCumberland;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Cumberland \(E06000063\) +7[89]\.\d years/);
    expect(r.out).toContain('Cumberland: aggregated from its former districts: Allerdale, Carlisle, Copeland');
    const j = JSON.parse(runs.leSomerset.out);
    expect(j[0].area.code).toBe('E06000066');
    expect(j[0].notes[0]).toMatch(/^Somerset: aggregated from its former districts: Mendip, Sedgemoor, South Somerset, Somerset West and Taunton/);
  });
});

describe('CCG vintages', () => {
  it('area --vintage 2019: the CCG of April 2020 and its successor sub-ICB location (Lowestoft; Sandwell)', () => {
    const r = runs.areaLowestoft2019;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CCG 2020: +NHS Norfolk and Waveney CCG \(E38000239\)/);
    expect(r.out).toContain('CCG 2020 is the April 2020 set of 135 CCGs');
    expect(r.out).toContain(
      'Successor of NHS Norfolk and Waveney CCG (E38000239, CCG 2020): NHS Norfolk and Waveney ICB - 26A (E38000239, Sub-ICB 2024), the same area.',
    );
    expect(runs.areaSandwell2019.out).toContain(
      'NHS Sandwell and West Birmingham CCG (E38000144, CCG 2020) is split between NHS Black Country ICB - D2P2L (E38000259, Sub-ICB 2024) 66%, NHS Birmingham and Solihull ICB - 15E (E38000258, Sub-ICB 2024) 34%.',
    );
    expect(JSON.parse(runs.areaSandwell2019Json.out).ccgSuccessors[0].relationship).toBe('split between');
    // the current vintage points to the CCGs
    expect(runs.areaLowestoft.out).toContain('Sub-ICB locations replaced CCGs in July 2022');
  });

  it('prevalence --by ccg: the April 2021 set of 106, named in the title and the CSV', () => {
    const r = runs.prevCcgCsv;
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1 + 106);
    expect(lines[0].split(',').at(-1)).toBe('geography');
    expect(lines[1].split(',').at(-1)).toBe('CCG April 2021 (106) / sub-ICB location');
    expect(runs.prevCcg.out.split('\n')[0]).toContain('by CCG April 2021 (106) / sub-ICB location');
  });
});

describe('Core20 transition maps and practices on IMD 2025', () => {
  it('--transition says where a map can be drawn: not for Cumberland, on 2011 boundaries for Sandwell', () => {
    expect(runs.transitionCumberland.code).toBe(0);
    expect(runs.transitionCumberland.out).toContain(
      '- Map: No map of the transition for Cumberland: it can only be drawn on bundled LSOA boundaries, and healthgap bundles LSOA 2011 boundaries for the West Midlands combined authority, Herefordshire and Worcestershire only and no LSOA 2021 boundaries',
    );
    expect(runs.transitionSandwell.out).toMatch(
      /- Map: The transition map is drawn on the 1\d\d bundled LSOA boundaries of 2011 \(LSOA 2021 boundaries are not bundled\)/,
    );
  });

  it('core20 <practice> --imd 2025: the estimate and its range; without --imd the practice is on IMD 2019', () => {
    const r = runs.practice2025;
    expect(r.code).toBe(0);
    expect(r.out).toContain('IMD 2025, ESTIMATED from registrations by LSOA 2011');
    expect(r.out).toMatch(/Estimated Core20 share +77\.5% \(range 67\.7% to 85\.6%\)/);
    expect(runs.practice.out).toMatch(/^Core20 summary: CAPE HILL MEDICAL CENTRE \(M88006\), IMD 2019$/m);
  });
});

describe('healthgap profile --imd', () => {
  it('default 2025, stated; --imd 2019 leads with IMD 2019; the life expectancy is aggregated and said so', () => {
    expect(runs.profile2025.err).toBe('');
    expect(runs.profile2025.code).toBe(0);
    const b = text(readFileSync(join(out, 'b', 'cumberland.html'), 'utf8'));
    expect(b).toContain("On IMD 2025, 23.3% of Cumberland's residents live in Core20 neighbourhoods (IMD 2019: 19.9%)");
    expect(b).toContain('IMD shown first: IMD 2025 (the default).');
    expect(b).toContain('Cumberland: aggregated from its former districts: Allerdale, Carlisle, Copeland');
    expect(b).toMatch(/In 2014 life expectancy at birth in Cumberland was 7\d\.\d years for men/);
    expect(b).toContain('No map of the transition for Cumberland');
    expect(runs.profile2019.code).toBe(0);
    const a = text(readFileSync(join(out, 'a', 'cumberland.html'), 'utf8'));
    expect(a).toContain("On IMD 2019, 19.9% of Cumberland's residents lived in Core20 neighbourhoods (IMD 2025: 23.3%)");
    expect(a).toContain('IMD shown first: IMD 2019 (chosen with --imd 2019).');
  });

  it('a bad --imd is a one-line error', () => {
    const r = runs.badImd;
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/--imd must be 2019 or 2025, found "2015"$/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
