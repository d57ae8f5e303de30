/** `healthgap area` end to end (real bundled data), through the CLI entry point. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/cli/run-cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('healthgap area', () => {
  it('prints Sandwell: level, parents, children, mid-2019 population by sex, LSOAs', () => {
    const r = cli('area', 'Sandwell');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sandwell (E08000028)');
    expect(r.out).toMatch(/Region: +West Midlands \(E12000005\)/);
    expect(r.out).toMatch(/ICB 2023: +NHS Black Country Integrated Care Board \(E54000062\)/);
    expect(r.out).toMatch(/Country: +England \(E92000001\)/);
    expect(r.out).toMatch(/LSOAs 2011: 186/);
    expect(r.out).toMatch(/Persons: +328,450/);
    expect(r.out).toMatch(/Male: +163,272/);
    expect(r.out).toMatch(/Female: +165,178/);
  });

  it('--json has everything, --lsoas lists them; names with spaces need no quotes', () => {
    const r = cli('area', '--json', 'Herefordshire,', 'County', 'of');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.area).toMatchObject({ code: 'E06000019', level: 'lad', levels: ['lad', 'utla'] });
    expect(j.parents.icb.code).toBe('E54000019');
    expect(j.children).toEqual({ lad: 1, lsoa: 116 });
    expect(j.lsoas).toHaveLength(116);
    expect(j.population.persons).toBe(j.population.male + j.population.female);
    const l = cli('area', '--lsoas', 'worcestershire');
    expect(l.out).toMatch(/LSOAs 2011 \(364\)/);
    expect(l.out.split('\n').filter((x) => /^ {2}E01\d{6} {2}/.test(x))).toHaveLength(364);
  });

  it('an ICB: population is the sum of its LADs', () => {
    const j = JSON.parse(cli('area', '--json', 'E54000062').out);
    expect(j.children).toEqual({ lad: 4, lsoa: 712 });
    expect(j.population.lads).toEqual(['E08000027', 'E08000028', 'E08000030', 'E08000031']);
  });

  it('unknown place: one line with suggestions, exit 2', () => {
    const r = cli('area', 'Sandwel');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('error: unknown area "Sandwel"; did you mean "Sandwell (E08000028)", "NHS Sandwell and West Birmingham CCG (E38000144)"?');
    const lv = cli('area', '--level', 'ward', 'Sandwell');
    expect(lv.code).toBe(2);
    expect(lv.err).toMatch(/unknown level "ward"/);
  });
});
