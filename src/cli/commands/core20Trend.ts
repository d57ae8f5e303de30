/**
 * `healthgap core20 <place> --trend`: the Core20 share of a place on IMD 2019 and IMD 2025, each
 * with its LSOA vintage, population denominator and release, and the Fingertips recent-trend
 * label; `--period`/`--year` choose one IMD (the same as `--imd`).
 */
import { HealthgapError } from '../../io/errors.js';
import { formatFixed, roundHalfAway } from '../../core/rounding.js';
import { parseImdVintage, type ImdVintage } from '../../core20plus5/core20.js';
import type { Core20Trend } from '../../core20plus5/trend.js';

/**
 * The IMD vintage from `--imd`, `--period` or `--year` (`2019`, `2025`, `IMD 2019`, `IoD2025`,
 * `latest`); undefined when none is given. Two options that disagree are refused.
 *
 * @example core20VintageOption({ period: 'IoD2019' }) // 2019
 */
export function core20VintageOption(o: { imd?: string; period?: string; year?: string }): ImdVintage | undefined {
  const given = (
    [
      ['--imd', o.imd],
      ['--period', o.period],
      ['--year', o.year],
    ] as const
  ).filter(([, v]) => v !== undefined);
  const parsed = given.map(([flag, v]) => {
    const t = String(v).trim();
    if (/^latest$/i.test(t)) return 2025 as ImdVintage;
    const m = /^(?:imd|iod)?\s*(\d{4})$/i.exec(t);
    if (!m) throw new HealthgapError(`${flag} "${t}": expected 2019 or 2025 (IMD 2019 on LSOA 2011, IMD 2025 on LSOA 2021) or latest`);
    return parseImdVintage(m[1]);
  });
  if (new Set(parsed).size > 1) throw new HealthgapError(`${given.map(([f, v]) => `${f} ${v}`).join(' and ')} disagree; give one IMD`);
  return parsed[0];
}

const pc = (x: number | null) => (x === null ? '-' : `${formatFixed(x * 100, 1)}%`);
const n = (x: number) => roundHalfAway(x).toLocaleString('en-GB');

/**
 * Plain text of a {@link Core20Trend}: one line per IMD with the share of LSOAs and of people, the
 * denominator and the release; the recent trend and the caveats.
 *
 * @example formatCore20Trend(core20Trend('Sandwell'))
 */
export function formatCore20Trend(t: Core20Trend): string {
  const out = [`Core20 over time: ${t.area_name} (${t.area_code}), share in national IMD deciles 1-2`, ''];
  const heads = ['IMD', 'LSOAs', 'Core20 LSOAs', '% of LSOAs', 'People', 'In Core20', '% of people', 'England %'];
  const rows = t.points.map((p) => [
    `${p.period} (${p.lsoaVintage})`,
    n(p.lsoas),
    n(p.core20Lsoas),
    pc(p.lsoaShare),
    n(p.population),
    n(p.core20Population),
    pc(p.share),
    pc(p.englandShare),
  ]);
  const w = heads.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (c: string[]) => c.map((x, j) => (j === 0 ? x.padEnd(w[j]) : x.padStart(w[j]))).join('  ');
  out.push(line(heads), line(w.map((x) => '-'.repeat(x))), ...rows.map(line), '');
  out.push(`Recent trend (share of people): ${t.trend.label}${t.trend.reason ? ` — ${t.trend.reason}` : ''}.`);
  if (t.points.length === 1) out.push(`Only one IMD was asked for (${t.points[0].period}); without --period both IMD 2019 and IMD 2025 are shown.`);
  out.push('', 'Sources (IMD ← releases; population):');
  for (const p of t.points) out.push(`  ${p.period} ← ${p.releases.join(' + ')} (${p.publisher}); population: ${p.denominator}`);
  out.push('', 'Notes:', ...t.notes.map((x) => `- ${x}`));
  return out.join('\n') + '\n';
}
