/** `healthgap le` end to end (real bundled 2014 data), through the CLI entry point. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/cli/run-cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('healthgap le', () => {
  it('Sandwell vs England, men, with the decomposition', () => {
    const r = cli('le', 'Sandwell', '--sex', 'male', '--decompose');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/England \(E92000001\) +79\.6 years/);
    expect(r.out).toMatch(/Difference +-\d\.\d years \(95% CI -\d\.\d to -\d\.\d\): significantly lower/);
    expect(r.out).toMatch(
      /Life expectancy at birth for men in Sandwell \(2014\), \d\d\.\d years, is \d\.\d years lower than England \(significantly lower\)\./,
    );
    expect(r.out).toMatch(/Gap decomposition \(Arriaga\): England − Sandwell = \d\.\d\d years/);
    const bands = r.out.split('\n').filter((l) => /^ {4}(Under 1|\d+-\d+|90\+) /.test(l));
    expect(bands).toHaveLength(20);
    const total = Number(/Total +(-?\d+\.\d+)/.exec(r.out)![1]);
    const gap = Number(/England − Sandwell = (\d\.\d\d)/.exec(r.out)![1]);
    expect(Math.abs(total - gap)).toBeLessThan(0.006);
    expect(r.out).not.toContain('Females');
  });

  it('England prints its own life expectancy and the regions against it (no self-comparison error)', () => {
    const r = cli('le', 'England', '--sex', 'female');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/England \(E92000001\) +83\.3 years \(95% CI 83\.\d to 83\.\d\)/);
    const regions = r.out.split('\n').filter((l) => /^ {4}\S/.test(l));
    expect(regions).toHaveLength(9);
    expect(r.out).toMatch(/North East +81\.\d +-1\.\d .*significantly lower/);
    expect(r.out).not.toMatch(/-0\.0\b/);
    const j = JSON.parse(cli('le', 'England', '--json').out);
    expect(j).toHaveLength(2);
    expect(j[0].england.code).toBe('E92000001');
    expect(j[0].regions).toHaveLength(9);
    // an explicit comparator that is the place itself is still an error
    const self = cli('le', 'England', '--vs', 'England');
    expect(self.code).toBe(2);
    expect(self.err).toMatch(/^error: England cannot be compared with itself/);
  });

  it('--json, another comparator, age 65, both sexes', () => {
    const r = cli('le', 'Herefordshire', '--vs', 'West Midlands', '--age', '65', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toHaveLength(2);
    expect(j[0]).toMatchObject({
      sex: 'Male',
      age: 65,
      area: { code: 'E06000019', name: 'Herefordshire' },
      comparator: { code: 'E12000005', name: 'the West Midlands region' },
    });
    expect(j[0].gap.difference).toBeCloseTo(j[0].area.value - j[0].comparator.value, 12);
    expect(j[0].sentence).toMatch(/^Life expectancy at 65 for men in Herefordshire \(2014\)/);
  });

  it('bad input: unknown place, Isles of Scilly, bad --sex or --age → one line, exit 2', () => {
    const u = cli('le', 'Sandwel');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/^error: unknown area "Sandwel"; did you mean "Sandwell/);
    const s = cli('le', 'Isles of Scilly');
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/together with Cornwall/);
    expect(cli('le', 'Dudley', '--sex', 'x').err).toMatch(/unknown --sex "x"/);
    const a = cli('le', 'Dudley', '--age', '66');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/age 66: not the start of a life-table band/);
    expect(cli('le', 'Dudley', '--vs', 'Dudley').err).toMatch(/cannot be compared with itself/);
  });
});
