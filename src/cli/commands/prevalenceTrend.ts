/**
 * `healthgap prevalence <register> --by ccg --trend | --period P`: QOF recorded prevalence by CCG
 * from the added QOF CCG workbook releases, every period with its Wilson 95% CI and the
 * Fingertips recent-trend label, or one period; each period names the release it came from.
 */
import { HealthgapError } from '../../io/errors.js';
import { qofRegister } from '../../prevalence/registers.js';
import { qofCcgPrevalence, type QofCcgPrevalence } from '../../releases/qofCcgSeries.js';

/** Options of the release-based prevalence output. */
export interface PrevalenceTrendOptions {
  by: string;
  place?: string;
  trend?: boolean;
  period?: string;
  dataDir?: string;
  csv?: boolean;
  json?: boolean;
}

const f2 = (x: number) => x.toFixed(2);

function filterPlace(res: QofCcgPrevalence, place?: string): QofCcgPrevalence {
  if (!place) return res;
  const q = place.trim().toLowerCase();
  const series = res.series.filter((s) => s.ccgOdsCode.toLowerCase() === q || s.ccgOnsCode.toLowerCase() === q || s.ccgName.toLowerCase().includes(q));
  if (series.length === 0) throw new HealthgapError(`no CCG matches "${place}" in the QOF CCG releases`);
  return { ...res, series };
}

/**
 * Text, CSV or JSON of CCG prevalence over the added releases.
 *
 * @example runPrevalenceTrend('DM', { by: 'ccg', trend: true }).stdout
 */
export function runPrevalenceTrend(register: string, o: PrevalenceTrendOptions): { stdout: string } {
  if (!['ccg', 'sub-icb'].includes(o.by.toLowerCase())) {
    throw new HealthgapError(`--trend and --period read the added QOF CCG workbook releases: use --by ccg (found --by ${o.by})`);
  }
  const res = filterPlace(qofCcgPrevalence(qofRegister(register).code, { dataDir: o.dataDir, period: o.period }), o.place);
  if (o.json) return { stdout: JSON.stringify(res, null, 2) + '\n' };
  if (o.csv) {
    const lines = ['ccg_ods_code,ccg_ons_code,ccg_name,register,period,register_count,list_size,prevalence,lower95,upper95,trend,release,source_file'];
    for (const s of res.series) {
      for (const p of s.points) {
        lines.push(
          [
            s.ccgOdsCode,
            s.ccgOnsCode,
            `"${s.ccgName.replace(/"/g, '""')}"`,
            p.register,
            p.period,
            p.registerCount,
            p.listSize,
            p.prevalence,
            p.lower95,
            p.upper95,
            o.trend ? s.trend : '',
            p.release,
            p.sourceFile,
          ].join(','),
        );
      }
    }
    return { stdout: lines.join('\n') + '\n' };
  }
  const nameW = Math.min(44, Math.max(8, ...res.series.map((s) => s.ccgName.length)));
  const out: string[] = [];
  out.push(`QOF recorded prevalence, ${res.register}, by CCG: per cent (Wilson 95% CI)`);
  if (res.periods.length === 1) {
    out.push(`${'CCG'.padEnd(5)} ${'name'.padEnd(nameW)} ${'register'.padStart(9)} ${'list size'.padStart(10)}  prevalence (95% CI)`);
    for (const s of res.series) {
      const p = s.points[0];
      out.push(
        `${s.ccgOdsCode.padEnd(5)} ${s.ccgName.slice(0, nameW).padEnd(nameW)} ${p.registerCount.toLocaleString('en-GB').padStart(9)} ${Math.round(p.listSize).toLocaleString('en-GB').padStart(10)}  ${f2(p.prevalence)} (${f2(p.lower95)}–${f2(p.upper95)})`,
      );
    }
  } else {
    out.push(`${'CCG'.padEnd(5)} ${'name'.padEnd(nameW)} ${res.periods.map((p) => p.padEnd(19)).join('')}recent trend`);
    for (const s of res.series) {
      const cells = res.periods.map((per) => {
        const p = s.points.find((q) => q.period === per);
        return (p ? `${f2(p.prevalence)} (${f2(p.lower95)}–${f2(p.upper95)})` : '–').padEnd(19);
      });
      out.push(`${s.ccgOdsCode.padEnd(5)} ${s.ccgName.slice(0, nameW).padEnd(nameW)} ${cells.join('')}${s.trend}`);
    }
  }
  out.push('');
  out.push(`${res.series.length} CCGs. Sources (period ← release, file):`);
  for (const s of res.sources) out.push(`  ${s.period} ← ${s.release} (${s.sourceFile})`);
  out.push(
    'Each period is taken from the latest workbook holding it (restated figures). CCGs are matched by ODS code; CCGs that merged are not bridged ("–" where a code did not exist).',
  );
  if (res.periods.length > 1)
    out.push(
      'Recent trend: Fingertips method, chi-squared test for trend on the last 5 periods at 99.8%; no polarity (recorded prevalence is not judged better or worse).',
    );
  out.push('Source: NHS Digital, Quality and Outcomes Framework. Open Government Licence v3.0.');
  return { stdout: out.join('\n') + '\n' };
}
