/**
 * `healthgap area` end to end (real bundled data), through the CLI entry point. Expected figures:
 * LSOA counts from the ONS lookups (Sandwell 186 LSOAs 2011 / 190 LSOAs 2021; Herefordshire 116 /
 * 117), mid-2019 populations from ONS MYE2, Census 2021 sums of the bundled LSOA table; the 2023
 * merger Allerdale → Cumberland (The Cumbria (Structural Changes) Order 2022).
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/cli/run-cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('healthgap area', () => {
  it('current geography by default: Sandwell with LAD 2023, UTLA 2023, ICB 2024, region, Census 2021', () => {
    const r = cli('area', 'Sandwell');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sandwell (E08000028)');
    expect(r.out).toMatch(/Geography: +current \(2024 vintage\)/);
    expect(r.out).toMatch(/ICB 2024: +NHS Black Country Integrated Care Board \(E54000062\)/);
    expect(r.out).toMatch(/Region: +West Midlands \(E12000005\)/);
    expect(r.out).toMatch(/LSOA 2021s: +190/);
    expect(r.out).toMatch(/All ages: +341,821/);
  });

  it('--vintage 2019: LAD/UTLA 2019, CCG 2020, ICB 2022, mid-2019 population by sex', () => {
    const r = cli('area', '--vintage', '2019', 'Sandwell');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CCG 2020: +NHS Sandwell and West Birmingham CCG \(E38000144\)/);
    expect(r.out).toMatch(/ICB 2022: +NHS Black Country Integrated Care Board \(E54000062\)/);
    expect(r.out).toMatch(/LSOA 2011s: +186/);
    expect(r.out).toMatch(/Persons: +328,450/);
    expect(r.out).toMatch(/Male: +163,272/);
    expect(r.out).toMatch(/Female: +165,178/);
  });

  it('an old code maps forward with the relationship; a 2023 authority in the 2019 vintage is its predecessors', () => {
    const r = cli('area', 'Allerdale');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Allerdale (E07000026, LAD 2019) merged into Cumberland (E06000063, LAD 2023).');
    expect(r.out).toMatch(/^Cumberland \(E06000063\)$/m);
    const old = JSON.parse(cli('area', '--json', '--vintage', '2019', 'Cumberland').out);
    expect(old.children).toEqual({ lad: 3, lsoa: 177 });
    expect(old.note).toMatch(/exact union of Allerdale \(E07000026\), Carlisle \(E07000028\), Copeland \(E07000029\)/);
    expect(old.population.lads).toEqual(['E07000026', 'E07000028', 'E07000029']);
  });

  it('--json has everything, --lsoas lists them; names with spaces need no quotes; a split parent is listed', () => {
    const r = cli('area', '--json', '--vintage', '2019', 'Herefordshire,', 'County', 'of');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.area).toMatchObject({ code: 'E06000019', level: 'lad', levels: ['lad', 'utla'] });
    expect(j.parents.icb.code).toBe('E54000019');
    expect(j.children).toEqual({ lad: 1, lsoa: 116 });
    expect(j.lsoas).toHaveLength(116);
    expect(j.population.persons).toBe(j.population.male + j.population.female);
    const l = cli('area', '--lsoas', '--vintage', '2019', 'worcestershire');
    expect(l.out).toMatch(/LSOA 2011s \(364\)/);
    expect(l.out.split('\n').filter((x) => /^ {2}E01\d{6} {2}/.test(x))).toHaveLength(364);
    const es = cli('area', 'East Suffolk');
    expect(es.out).toMatch(
      /ICB 2024: +split between NHS Suffolk and North East Essex Integrated Care Board \(E54000023, 73 LSOAs\); NHS Norfolk and Waveney Integrated Care Board \(E54000022, 72 LSOAs\)/,
    );
  });

  it('unknown place: one line with suggestions, exit 2', () => {
    const r = cli('area', 'Sandwel');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^error: unknown area .*"Sandwel"; did you mean "Sandwell \(E08000028\)"/);
    const lv = cli('area', '--level', 'parish', 'Sandwell');
    expect(lv.code).toBe(2);
    expect(lv.err).toMatch(/unknown level "parish"/);
    const v = cli('area', '--vintage', '2015', 'Sandwell');
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/unknown vintage "2015"/);
  });
});
