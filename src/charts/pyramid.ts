/**
 * Population pyramid: the area's population by age band and sex as percentages of its total
 * (males to the left, females to the right), with a comparator's (England's) age structure drawn
 * as an outline on the same percentage scale.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import { OUTLINE_COLOUR, SEX_COLOURS, baseConfig, baseLayout, placeLegendBelow, escapePlotlyText, formatNumber, roundTo } from './theme.js';

/** One age band × sex population count. */
export interface PyramidRow {
  ageBand: string;
  sex: 'Male' | 'Female';
  population: number | null;
}

export interface PyramidOptions {
  areaName: string;
  /** Comparator rows (counts), default none. */
  comparator?: PyramidRow[];
  comparatorName?: string;
  title?: string;
  subtitle?: string;
  /** Age bands youngest first; default: order of first appearance in the area rows. */
  ageOrder?: string[];
  decimals?: number;
}

/** Percentages by age band and sex. */
export interface PyramidShares {
  ageBands: string[];
  male: number[];
  female: number[];
  maleCount: (number | null)[];
  femaleCount: (number | null)[];
  total: number;
}

/**
 * Percentage of the total population (both sexes, all ages) in each age band × sex cell:
 * 100·n_{a,s}/Σn. Missing counts are null in the counts and 0 in the shares.
 * @example pyramidShares([{ ageBand: '0-4', sex: 'Male', population: 1 }, { ageBand: '0-4', sex: 'Female', population: 3 }]).female // [75]
 */
export function pyramidShares(rows: PyramidRow[], ageOrder?: string[]): PyramidShares {
  const bands = ageOrder ? [...ageOrder] : [];
  if (!ageOrder) for (const r of rows) if (!bands.includes(r.ageBand)) bands.push(r.ageBand);
  const total = rows.reduce((s, r) => s + (r.population ?? 0), 0);
  const get = (band: string, sex: string) => {
    const hits = rows.filter((r) => r.ageBand === band && r.sex === sex);
    if (hits.length === 0 || hits.every((h) => h.population === null)) return null;
    return hits.reduce((s, h) => s + (h.population ?? 0), 0);
  };
  const maleCount = bands.map((b) => get(b, 'Male'));
  const femaleCount = bands.map((b) => get(b, 'Female'));
  const pct = (v: number | null) => (total > 0 && v !== null ? (100 * v) / total : 0);
  return { ageBands: bands, male: maleCount.map(pct), female: femaleCount.map(pct), maleCount, femaleCount, total };
}

/** Lower bound in years of an age band label such as '0-4', '85+', '<1', 'Under 5' (null when unparseable). */
function ageLower(band: string): number | null {
  const t = band.trim().toLowerCase();
  if (/^(<|under)\s*\d/.test(t)) return 0;
  const m = /^(\d+)/.exec(t);
  return m ? Number(m[1]) : null;
}

function niceStep(max: number): number {
  const raw = max / 3;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/**
 * Population pyramid of percentages with a comparator outline.
 *
 * @example pyramidChart(sandwellRows, { areaName: 'Sandwell', comparator: englandRows, comparatorName: 'England' })
 */
export function pyramidChart(rows: PyramidRow[], options: PyramidOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const s = pyramidShares(rows, options.ageOrder);
  const cmpName = options.comparatorName ?? 'England';
  const c = options.comparator ? pyramidShares(options.comparator, s.ageBands) : null;
  const notes: string[] = [];
  s.ageBands.forEach((b, i) => {
    if (s.maleCount[i] === null || s.femaleCount[i] === null) notes.push(`Age ${b}: population missing for ${s.maleCount[i] === null ? 'males' : 'females'}.`);
  });
  const bands = s.ageBands.map(escapePlotlyText);
  const title = options.title ?? `Population of ${options.areaName} by age and sex`;
  const area = escapePlotlyText(options.areaName);
  const data: PlotlyTrace[] = [
    {
      type: 'bar',
      orientation: 'h',
      name: `${area}: males`,
      y: bands,
      x: s.male.map((v) => roundTo(-v, 6)),
      marker: { color: SEX_COLOURS.Male, line: { width: 0 } },
      hoverinfo: 'text',
      hovertext: s.ageBands.map((b, i) => `${area}, males ${escapePlotlyText(b)}: ${formatNumber(s.male[i], d)}% (${formatNumber(s.maleCount[i], 0)})`),
    },
    {
      type: 'bar',
      orientation: 'h',
      name: `${area}: females`,
      y: bands,
      x: s.female.map((v) => roundTo(v, 6)),
      marker: { color: SEX_COLOURS.Female, line: { width: 0 }, pattern: { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 6, solidity: 0.15 } },
      hoverinfo: 'text',
      hovertext: s.ageBands.map((b, i) => `${area}, females ${escapePlotlyText(b)}: ${formatNumber(s.female[i], d)}% (${formatNumber(s.femaleCount[i], 0)})`),
    },
  ];
  if (c) {
    const outline = (male: boolean): PlotlyTrace => ({
      type: 'bar',
      orientation: 'h',
      name: escapePlotlyText(cmpName),
      legendgroup: 'cmp',
      showlegend: male,
      y: bands,
      x: (male ? c.male : c.female).map((v) => roundTo(male ? -v : v, 6)),
      marker: { color: 'rgba(0,0,0,0)', line: { color: OUTLINE_COLOUR, width: 1.6 } },
      hoverinfo: 'text',
      hovertext: s.ageBands.map(
        (b, i) => `${escapePlotlyText(cmpName)}, ${male ? 'males' : 'females'} ${escapePlotlyText(b)}: ${formatNumber((male ? c.male : c.female)[i], d)}%`,
      ),
    });
    data.push(outline(true), outline(false));
  }
  const maxPct = Math.max(...s.male, ...s.female, ...(c ? [...c.male, ...c.female] : []), 0.1);
  const step = niceStep(maxPct);
  const lim = Math.ceil((maxPct * 1.05) / step) * step;
  const tickvals: number[] = [];
  for (let v = -lim; v <= lim + 1e-9; v += step) tickvals.push(roundTo(v, 6));
  const subtitle =
    options.subtitle ?? (c ? `Bars: ${options.areaName} (${formatNumber(s.total, 0)} people). Outline: ${cmpName}.` : `${formatNumber(s.total, 0)} people`);
  const layout = baseLayout({
    title,
    subtitle,
    xTitle: 'Percentage of the total population (males left, females right)',
    yTitle: 'Age band (years)',
    height: Math.max(460, 160 + 22 * bands.length),
  });
  Object.assign(layout.xaxis as object, {
    range: [-lim, lim],
    tickvals,
    ticktext: tickvals.map((v) => `${formatNumber(Math.abs(v), step < 1 ? 1 : 0)}%`),
    zeroline: true,
    zerolinecolor: OUTLINE_COLOUR,
  });
  Object.assign(layout.yaxis as object, { type: 'category', categoryorder: 'array', categoryarray: bands });
  layout.barmode = 'overlay';
  layout.bargap = 0.08;
  layout.annotations = [
    { x: 0.25, y: 1, xref: 'paper', yref: 'paper', text: '<b>Males</b>', showarrow: false, xanchor: 'center', yanchor: 'bottom' },
    { x: 0.75, y: 1, xref: 'paper', yref: 'paper', text: '<b>Females</b>', showarrow: false, xanchor: 'center', yanchor: 'bottom' },
  ];

  const shareWhere = (sh: PyramidShares, test: (lower: number) => boolean) =>
    sh.ageBands.reduce((acc, b, i) => {
      const lo = ageLower(b);
      return lo !== null && test(lo) ? acc + sh.male[i] + sh.female[i] : acc;
    }, 0);
  const parseable = s.ageBands.every((b) => ageLower(b) !== null);
  let alt = `${options.areaName} has ${formatNumber(s.total, 0)} people`;
  if (parseable) {
    alt += `: ${formatNumber(
      shareWhere(s, (lo) => lo < 15),
      d,
    )}% aged under 15 and ${formatNumber(
      shareWhere(s, (lo) => lo >= 65),
      d,
    )}% aged 65 and over`;
    if (c)
      alt += ` (${cmpName}: ${formatNumber(
        shareWhere(c, (lo) => lo < 15),
        d,
      )}% and ${formatNumber(
        shareWhere(c, (lo) => lo >= 65),
        d,
      )}%)`;
  }
  const maleTotal = s.male.reduce((a, b) => a + b, 0);
  alt += `. Males are ${formatNumber(maleTotal, d)}% of the population.`;
  const columns = ['Age band', 'Males', 'Females', 'Males (%)', 'Females (%)'];
  if (c) columns.push(`${cmpName} males (%)`, `${cmpName} females (%)`);
  const tableRows: TableCell[][] = s.ageBands.map((b, i) => {
    const row: TableCell[] = [b, s.maleCount[i], s.femaleCount[i], roundTo(s.male[i], 2), roundTo(s.female[i], 2)];
    if (c) row.push(roundTo(c.male[i], 2), roundTo(c.female[i], 2));
    return row;
  });
  const breakpoints = [{ maxWidth: 480, layout: { xaxis: { title: { text: '% of population' } } } }];
  return {
    title,
    subtitle,
    figure: { data, layout: placeLegendBelow(layout), config: baseConfig() },
    breakpoints,
    alt,
    table: { columns, rows: tableRows },
    notes,
  };
}
