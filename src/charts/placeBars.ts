/**
 * The parts of an area side by side (the places of an ICB, the districts of a county): one
 * horizontal bar per part with its 95% confidence interval where there is one, the whole area's
 * and England's values as reference lines, parts in the order given.
 */
import type { ChartSpec, PlotlyTrace, TableCell } from './types.js';
import {
  CATEGORICAL_COLOURS,
  MUTED_TEXT_COLOUR,
  OUTLINE_COLOUR,
  TEXT_COLOUR,
  baseConfig,
  baseLayout,
  escapePlotlyText,
  formatNumber,
  roundTo,
} from './theme.js';

/** One part's value. */
export interface PlaceBarRow {
  name: string;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
}

export interface PlaceBarOptions {
  title: string;
  subtitle?: string;
  /** What the value is, for the axis, hover and table (e.g. "Core20 share (%)"). */
  measure: string;
  /** The whole area (e.g. "Black Country ICB") and its value. */
  wholeName: string;
  wholeValue: number | null;
  englandValue: number | null;
  decimals?: number;
  /** What a part is, plural, for the text alternative (default "places"). */
  partLabel?: string;
}

/**
 * Bars of each part's value, with the whole area's value (dashed) and England's (solid) as
 * vertical lines.
 *
 * @example placeBarChart([{ name: 'Sandwell', value: 60.3 }, { name: 'Dudley', value: 23.9 }],
 *   { title: 'Core20 share by place', measure: 'Core20 share (%)', wholeName: 'Black Country', wholeValue: 43.7, englandValue: 19.9 })
 */
export function placeBarChart(rows: PlaceBarRow[], options: PlaceBarOptions): ChartSpec {
  const d = options.decimals ?? 1;
  const names = rows.map((r) => escapePlotlyText(r.name));
  const hasCi = rows.some((r) => r.lower !== null && r.lower !== undefined && r.upper !== null && r.upper !== undefined);
  const bar: PlotlyTrace = {
    type: 'bar',
    orientation: 'h',
    name: options.measure,
    y: names,
    x: rows.map((r) => roundTo(r.value, d + 2)),
    marker: { color: CATEGORICAL_COLOURS[0], line: { color: OUTLINE_COLOUR, width: 1 } },
    text: rows.map((r) => formatNumber(r.value, d, 'not available')),
    textposition: 'inside',
    insidetextanchor: 'end',
    textfont: { color: '#ffffff' },
    hoverinfo: 'text',
    hovertext: rows.map(
      (r) =>
        `${escapePlotlyText(r.name)}: ${formatNumber(r.value, d)}${hasCi && r.lower != null ? ` (95% CI ${formatNumber(r.lower, d)} to ${formatNumber(r.upper, d)})` : ''}`,
    ),
  };
  if (hasCi) {
    bar.error_x = {
      type: 'data',
      symmetric: false,
      color: TEXT_COLOUR,
      thickness: 1.2,
      width: 4,
      array: rows.map((r) => (r.upper != null && r.value != null ? roundTo(r.upper - r.value, d + 2) : null)),
      arrayminus: rows.map((r) => (r.lower != null && r.value != null ? roundTo(r.value - r.lower, d + 2) : null)),
    };
  }
  const line = (x: number | null, name: string, dash: string, colour: string): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: [x, x],
    y: [names[0], names[names.length - 1]],
    line: { color: colour, width: 2, dash },
    hoverinfo: 'name',
  });
  const data: PlotlyTrace[] = [bar];
  if (options.wholeValue !== null)
    data.push(
      line(roundTo(options.wholeValue, d + 2), `${escapePlotlyText(options.wholeName)}: ${formatNumber(options.wholeValue, d)}`, 'dash', MUTED_TEXT_COLOUR),
    );
  if (options.englandValue !== null)
    data.push(line(roundTo(options.englandValue, d + 2), `England: ${formatNumber(options.englandValue, d)}`, 'solid', TEXT_COLOUR));
  const layout = baseLayout({ title: options.title, subtitle: options.subtitle, xTitle: options.measure, height: 160 + 44 * rows.length, margin: { l: 140 } });
  layout.yaxis = { ...(layout.yaxis as object), autorange: 'reversed', automargin: true, type: 'category' };
  layout.xaxis = { ...(layout.xaxis as object), rangemode: 'tozero' };
  const valued = rows.filter((r) => r.value !== null);
  const hi = valued.reduce<PlaceBarRow | null>((a, b) => (a === null || (b.value as number) > (a.value as number) ? b : a), null);
  const lo = valued.reduce<PlaceBarRow | null>((a, b) => (a === null || (b.value as number) < (a.value as number) ? b : a), null);
  const alt =
    `${options.measure} for the ${rows.length} ${options.partLabel ?? 'places'} of ${options.wholeName}: ${rows.map((r) => `${r.name} ${formatNumber(r.value, d, 'not available')}`).join(', ')}` +
    `${hi && lo ? `; highest ${hi.name}, lowest ${lo.name}` : ''}. ${options.wholeName} ${formatNumber(options.wholeValue, d, 'not available')}, England ${formatNumber(options.englandValue, d, 'not available')}.`;
  const table: { columns: string[]; rows: TableCell[][] } = {
    columns: ['Place', options.measure, ...(hasCi ? ['Lower 95% CI', 'Upper 95% CI'] : [])],
    rows: [
      ...rows.map((r) => [r.name, roundTo(r.value, d), ...(hasCi ? [roundTo(r.lower ?? null, d), roundTo(r.upper ?? null, d)] : [])] as TableCell[]),
      [options.wholeName, roundTo(options.wholeValue, d), ...(hasCi ? [null, null] : [])],
      ['England', roundTo(options.englandValue, d), ...(hasCi ? [null, null] : [])],
    ],
  };
  return { title: options.title, subtitle: options.subtitle, figure: { data, layout, config: baseConfig() }, alt, table, notes: [] };
}
