/**
 * Choropleth map drawn from GeoJSON polygons with plotly `scatter` traces (`fill: 'toself'`) on
 * plain x/y axes — no map tiles and no plotly `geo` subplot.
 *
 * Why not `type: 'choropleth'` with `geojson`: plotly.js still fetches its base-map topojson
 * (`https://cdn.plot.ly/un/world_110m.json`) whenever a trace has a `locationmode`, which a geojson
 * choropleth always has, even with `layout.geo.visible = false` (plotly.js issue #6767; checked in
 * headless Chromium with plotly.js 4.1.2: the plot rejects with "unexpected error while fetching
 * topojson"). Scatter polygons render offline, in a self-contained HTML file, from an email.
 *
 * Projection: equirectangular with the y axis scaled by 1/cos(φ₀) (φ₀ = mid latitude of the
 * features), which is accurate to a fraction of a percent across a region of England.
 * Coordinates are WGS84 (longitude, latitude) rounded to `coordinateDecimals` (default 4 ≈ 10 m).
 */
import type { ChartSpec, PlotlyLayout, PlotlyTrace, TableCell } from './types.js';
import { quantileType7 } from '../core/rmath.js';
import {
  IMD_QUINTILE_COLOURS,
  MUTED_TEXT_COLOUR,
  TEXT_COLOUR,
  OUTLINE_COLOUR,
  FONT_SIZE,
  baseConfig,
  baseLayout,
  escapePlotlyText,
  formatNumber,
  roundTo,
  sequentialColours,
  wrapPlotlyText,
} from './theme.js';

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}
export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}
/** A GeoJSON feature (only Polygon and MultiPolygon geometries are drawn). */
export interface GeoFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: GeoPolygon | GeoMultiPolygon | { type: string; coordinates?: unknown } | null;
}
export interface GeoFeatureCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

/** The value to map for one area. */
export interface MapValue {
  code: string;
  name?: string | null;
  /** Number (continuous) or category key (categorical); null = no data. */
  value: number | string | null;
}

/** One category of a categorical map, in legend order. */
export interface MapCategory {
  value: number | string;
  label: string;
  colour: string;
}

export interface ChoroplethOptions {
  title: string;
  subtitle?: string;
  /** Feature property holding the area code (e.g. 'LSOA11CD', 'CTYUA23CD'); default: feature.id. */
  idProperty?: string;
  /** Feature property holding the area name, used when values have no name. */
  nameProperty?: string;
  /** Title of the colour bar / legend, e.g. 'IMD 2019 decile' or 'Rate per 100,000'. */
  legendTitle: string;
  /** What an area is, plural, for the text alternative (default 'areas'). */
  areaLabel?: string;
  /** Categories → categorical map (legend); otherwise continuous (classed colours + colour bar). */
  categories?: MapCategory[];
  /** Continuous maps: number of classes (default 5) and how to break: quantiles (default), equal intervals, or explicit inner breaks. */
  classes?: number;
  breaks?: 'quantile' | 'equal' | number[];
  /** Continuous maps: reverse the viridis ramp (default: low values dark). */
  reverseColours?: boolean;
  decimals?: number;
  /** Decimal places kept in coordinates (default 4). */
  coordinateDecimals?: number;
  /** Source/copyright line printed under the map. */
  attribution?: string;
  height?: number;
  /**
   * Categorical maps: categories whose areas are outlined in black on top of the fill (e.g. `[1, 2]`:
   * Core20, the most deprived 20%), with `outlineLabel` in the legend.
   */
  outlineCategories?: (number | string)[];
  outlineLabel?: string;
  /** Larger areas drawn over the map as outlines, each labelled with its name (e.g. the places of an ICB). */
  overlay?: { geojson: GeoFeatureCollection; idProperty?: string; nameProperty: string; legend: string };
  /** Labels placed on the map (e.g. districts' names at their centres). */
  labels?: { lon: number; lat: number; text: string }[];
}

const NO_DATA_COLOUR = '#f0f0f0';
export const DEFAULT_BOUNDARY_ATTRIBUTION =
  'Boundaries: Office for National Statistics, Open Government Licence v3.0. Contains OS data © Crown copyright and database right.';

/**
 * Colours of the national IMD deciles on maps, 1 (most deprived, darkest) to 10: viridis sampled
 * where its WCAG relative luminance L gives L + 0.05 = 0.07, 0.13, 0.17, 0.22, 0.28, 0.36, 0.46,
 * 0.58, 0.72, 0.85. Every decile is lighter than the one before, also in greyscale, and deciles
 * 1 and 2 (both Core20, the pair a board most needs to tell apart) differ by a contrast ratio of
 * 1.86 (evenly spaced viridis gives them 1.33); neighbours elsewhere differ by 1.16 to 1.30.
 */
export const DEPRIVATION_DECILE_COLOURS: readonly string[] = [
  '#440456',
  '#3d4c89',
  '#32658d',
  '#287c8e',
  '#21928b',
  '#26aa82',
  '#4bc16c',
  '#8ad446',
  '#cde126',
  '#fde725',
];

/**
 * Categories for national IMD deciles (1 = most deprived, dark), coloured by
 * {@link DEPRIVATION_DECILE_COLOURS}.
 * @example imdDecileCategories()[0] // { value: 1, label: '1 (most deprived)', colour: '#440456' }
 */
export function imdDecileCategories(): MapCategory[] {
  return DEPRIVATION_DECILE_COLOURS.map((colour, i) => ({
    value: i + 1,
    label: i === 0 ? '1 (most deprived)' : i === 9 ? '10 (least deprived)' : String(i + 1),
    colour,
  }));
}

/** Categories for IMD quintiles (1 = most deprived). */
export function imdQuintileCategories(): MapCategory[] {
  return IMD_QUINTILE_COLOURS.map((colour, i) => ({
    value: i + 1,
    label: i === 0 ? '1 (most deprived)' : i === 4 ? '5 (least deprived)' : String(i + 1),
    colour,
  }));
}

/** Outer and inner rings of a feature as arrays of [lon, lat] (Polygon/MultiPolygon only). */
function featureRings(f: GeoFeature): number[][][] {
  const g = f.geometry;
  if (!g) return [];
  if (g.type === 'Polygon') return (g as GeoPolygon).coordinates;
  if (g.type === 'MultiPolygon') return (g as GeoMultiPolygon).coordinates.flat();
  return [];
}

/**
 * Round a ring's coordinates and drop consecutive duplicates created by rounding; rings with fewer
 * than 4 points after that are dropped (returns null).
 */
export function roundRing(ring: number[][], decimals = 4): number[][] | null {
  const out: number[][] = [];
  for (const p of ring) {
    const q = [roundTo(p[0], decimals), roundTo(p[1], decimals)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out.length >= 4 ? out : null;
}

/** Area-weighted centroid of a feature's largest outer ring (shoelace formula). */
export function featureCentroid(f: GeoFeature): [number, number] | null {
  const g = f.geometry;
  if (!g) return null;
  const outers =
    g.type === 'Polygon' ? [(g as GeoPolygon).coordinates[0]] : g.type === 'MultiPolygon' ? (g as GeoMultiPolygon).coordinates.map((p) => p[0]) : [];
  let best: [number, number] | null = null;
  let bestArea = -1;
  for (const ring of outers) {
    if (!ring || ring.length < 3) continue;
    // Shift to the first vertex so the cross products do not lose precision.
    const [ox, oy] = ring[0];
    let a = 0,
      cx = 0,
      cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const x0 = ring[i][0] - ox,
        y0 = ring[i][1] - oy;
      const x1 = ring[i + 1][0] - ox,
        y1 = ring[i + 1][1] - oy;
      const cr = x0 * y1 - x1 * y0;
      a += cr;
      cx += (x0 + x1) * cr;
      cy += (y0 + y1) * cr;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [ox + cx / (3 * a), oy + cy / (3 * a)];
    }
  }
  return best;
}

/**
 * Inner class breaks for a continuous map: quantiles (R type 7 interpolation) at i/k, or equal
 * intervals between min and max. Returns k − 1 increasing breaks.
 * @example classBreaks([1, 2, 3, 4, 5], 2, 'equal') // [3]
 */
export function classBreaks(values: number[], classes: number, method: 'quantile' | 'equal'): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0 || classes < 2) return [];
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    if (method === 'equal') out.push(v[0] + ((v[v.length - 1] - v[0]) * i) / classes);
    else out.push(quantileType7(v, i / classes));
  }
  return out;
}

/**
 * Build a choropleth map. Categorical maps get one trace per category (the legend is the key);
 * continuous maps are classed (quantiles by default) and get a colour bar with a title. Areas with
 * no value are light grey ("No data"). Hover on an area's centre shows its name, code and value.
 *
 * @example
 * choroplethChart(lsoaGeojson, imdRows.map(r => ({ code: r.lsoa11cd, name: r.lsoa11nm, value: r.imd_decile })),
 *   { title: 'IMD 2019 decile, West Midlands', idProperty: 'LSOA11CD', legendTitle: 'IMD 2019 decile', categories: imdDecileCategories() })
 */
/** How areas are classed: the categories in legend order, each area's category (−1 = no data), breaks for continuous maps. */
interface Classification {
  categorical: boolean;
  cats: MapCategory[];
  classOf: (v: MapValue | undefined) => number;
  breaks: number[];
  numeric: number[];
}

/** Class the values: by the given categories, or continuous values into quantile / equal / explicit classes. */
function classify(values: MapValue[], featureCodes: Set<string>, options: ChoroplethOptions, notes: string[]): Classification {
  const dec = options.decimals ?? 1;
  if (options.categories !== undefined) {
    const cats = options.categories;
    const idx = new Map(cats.map((c, i) => [String(c.value), i]));
    const unknown = values.filter((v) => v.value !== null && !idx.has(String(v.value)));
    if (unknown.length > 0) notes.push(`${unknown.length} value${unknown.length === 1 ? '' : 's'} not in the categories, shown as no data.`);
    return { categorical: true, cats, classOf: (v) => (v && v.value !== null ? (idx.get(String(v.value)) ?? -1) : -1), breaks: [], numeric: [] };
  }
  const numeric = values.filter((v) => typeof v.value === 'number' && Number.isFinite(v.value) && featureCodes.has(v.code)).map((v) => v.value as number);
  const k = options.classes ?? 5;
  const breaks = Array.isArray(options.breaks) ? [...options.breaks].sort((a, b) => a - b) : classBreaks(numeric, k, options.breaks ?? 'quantile');
  let colours = sequentialColours(breaks.length + 1);
  if (options.reverseColours) colours = colours.reverse();
  const min = numeric.length ? Math.min(...numeric) : 0;
  const max = numeric.length ? Math.max(...numeric) : 0;
  const bounds = [min, ...breaks, max];
  const cats = colours.map((colour, i) => ({ value: i, label: `${formatNumber(bounds[i], dec)} to ${formatNumber(bounds[i + 1], dec)}`, colour }));
  const classOf = (v: MapValue | undefined) => {
    if (!v || typeof v.value !== 'number' || !Number.isFinite(v.value)) return -1;
    let i = 0;
    while (i < breaks.length && (v.value as number) > breaks[i]) i++;
    return i;
  };
  return { categorical: false, cats, classOf, breaks, numeric };
}

/** The rings of the given features as one x/y path (rings separated by nulls), rounded. */
function ringPath(features: GeoFeature[], cdp: number): { x: (number | null)[]; y: (number | null)[] } {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const f of features) {
    for (const ring of featureRings(f)) {
      const r = roundRing(ring, cdp);
      if (!r) continue;
      if (x.length > 0) {
        x.push(null);
        y.push(null);
      }
      for (const p of r) {
        x.push(p[0]);
        y.push(p[1]);
      }
    }
  }
  return { x, y };
}

/** Filled polygons of one class. */
function polygonTrace(features: GeoFeature[], name: string, colour: string, showlegend: boolean, cdp: number): PlotlyTrace {
  return {
    type: 'scatter',
    mode: 'lines',
    fill: 'toself',
    fillcolor: colour,
    name,
    showlegend,
    ...ringPath(features, cdp),
    line: { color: '#ffffff', width: 0.4 },
    hoverinfo: 'skip',
    connectgaps: false,
  };
}

/** Unfilled outlines drawn over the map (Core20 areas, or the places of a larger area). */
function outlineTrace(features: GeoFeature[], name: string, width: number, cdp: number): PlotlyTrace {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    showlegend: true,
    ...ringPath(features, cdp),
    line: { color: OUTLINE_COLOUR, width },
    hoverinfo: 'skip',
    connectgaps: false,
  };
}

/** Text labels (place names) with a white halo so they read over any fill. */
function labelTrace(labels: { lon: number; lat: number; text: string }[], cdp: number): PlotlyTrace {
  return {
    type: 'scatter',
    mode: 'text',
    name: 'Place names',
    showlegend: false,
    hoverinfo: 'skip',
    x: labels.map((l) => roundTo(l.lon, cdp)),
    y: labels.map((l) => roundTo(l.lat, cdp)),
    text: labels.map((l) => `<b>${escapePlotlyText(l.text)}</b>`),
    textfont: { size: FONT_SIZE, color: TEXT_COLOUR, shadow: '1px 1px 2px #ffffff, -1px -1px 2px #ffffff, 1px -1px 2px #ffffff, -1px 1px 2px #ffffff' },
  };
}

/** Invisible markers at each area's centre carrying the hover text (and, for continuous maps, the colour bar). */
function hoverTrace(
  geojson: GeoFeatureCollection,
  byCode: Map<string, MapValue>,
  codeOf: (f: GeoFeature) => string,
  c: Classification,
  options: ChoroplethOptions,
  cdp: number,
): PlotlyTrace {
  const dec = options.decimals ?? 1;
  const cx: number[] = [],
    cy: number[] = [],
    ctext: string[] = [],
    cval: (number | null)[] = [];
  for (const f of geojson.features) {
    const centre = featureCentroid(f);
    if (!centre) continue;
    const code = codeOf(f);
    const v = byCode.get(code);
    const name = v?.name ?? (options.nameProperty ? String(f.properties?.[options.nameProperty] ?? '') : '');
    const vt =
      v === undefined || v.value === null
        ? 'no data'
        : typeof v.value === 'number' && !c.categorical
          ? formatNumber(v.value, dec)
          : c.categorical
            ? (c.cats.find((k) => String(k.value) === String(v.value))?.label ?? String(v.value))
            : String(v.value);
    cx.push(roundTo(centre[0], cdp));
    cy.push(roundTo(centre[1], cdp));
    ctext.push(`${escapePlotlyText(name)}${name ? ' ' : ''}(${escapePlotlyText(code)})<br>${escapePlotlyText(options.legendTitle)}: ${escapePlotlyText(vt)}`);
    cval.push(v && typeof v.value === 'number' ? v.value : null);
  }
  const trace: PlotlyTrace = {
    type: 'scatter',
    mode: 'markers',
    name: 'Area details',
    showlegend: false,
    x: cx,
    y: cy,
    hoverinfo: 'text',
    hovertext: ctext,
    marker: { size: 8, opacity: 0, color: '#000000' },
  };
  if (!c.categorical && c.numeric.length > 0) {
    const min = Math.min(...c.numeric);
    const max = Math.max(...c.numeric);
    const span = max - min || 1;
    const colorscale: [number, string][] = [];
    const edges = [min, ...c.breaks, max].map((b) => roundTo((b - min) / span, 6));
    c.cats.forEach((k, i) => {
      colorscale.push([edges[i], k.colour], [edges[i + 1], k.colour]);
    });
    trace.marker = {
      size: 8,
      opacity: 0,
      color: cval,
      cmin: min,
      cmax: max,
      colorscale,
      showscale: true,
      colorbar: {
        title: { text: escapePlotlyText(options.legendTitle), side: 'right' },
        tickvals: [min, ...c.breaks, max].map((b) => roundTo(b, 6)),
        ticktext: [min, ...c.breaks, max].map((b) => formatNumber(b, dec)),
        outlinecolor: OUTLINE_COLOUR,
        outlinewidth: 1,
        thickness: 18,
      },
    };
  }
  return trace;
}

/** Longitude/latitude extent of the features. */
function extentOf(features: GeoFeature[]): { minLon: number; maxLon: number; minLat: number; maxLat: number } {
  let minLat = Infinity,
    maxLat = -Infinity,
    minLon = Infinity,
    maxLon = -Infinity;
  for (const f of features)
    for (const ring of featureRings(f))
      for (const p of ring) {
        if (p[1] < minLat) minLat = p[1];
        if (p[1] > maxLat) maxLat = p[1];
        if (p[0] < minLon) minLon = p[0];
        if (p[0] > maxLon) maxLon = p[0];
      }
  return { minLon, maxLon, minLat, maxLat };
}

/** The map layout: equal-area-looking axes, the key outside the map, the attribution under it. */
function mapLayout(options: ChoroplethOptions, ext: ReturnType<typeof extentOf>, showLegend: boolean, cdp: number): PlotlyLayout {
  const { minLon, maxLon, minLat, maxLat } = ext;
  const lat0 = Number.isFinite(minLat) ? (minLat + maxLat) / 2 : 52.5;
  const layout = baseLayout({ title: options.title, subtitle: options.subtitle, height: options.height ?? 620, margin: { l: 10, r: 10, b: 40 } });
  const padX = Number.isFinite(minLon) ? (maxLon - minLon) * 0.02 : 0.1;
  const padY = Number.isFinite(minLat) ? (maxLat - minLat) * 0.02 : 0.1;
  layout.xaxis = { visible: false, range: [roundTo(minLon - padX, cdp), roundTo(maxLon + padX, cdp)], constrain: 'domain' };
  layout.yaxis = {
    visible: false,
    range: [roundTo(minLat - padY, cdp), roundTo(maxLat + padY, cdp)],
    scaleanchor: 'x',
    scaleratio: roundTo(1 / Math.cos((lat0 * Math.PI) / 180), 6),
    constrain: 'domain',
  };
  // The key sits outside the map on the right (it never covers an area), and below it on phones.
  layout.legend = {
    title: { text: `<b>${escapePlotlyText(options.legendTitle)}</b>` },
    orientation: 'v',
    x: 1.01,
    xanchor: 'left',
    y: 1,
    yanchor: 'top',
    bgcolor: 'rgba(255,255,255,0.85)',
    bordercolor: MUTED_TEXT_COLOUR,
    borderwidth: 1,
    font: { size: FONT_SIZE - 1 },
  };
  layout.showlegend = showLegend;
  layout.hovermode = 'closest';
  layout.dragmode = 'pan';
  layout.annotations = [
    {
      x: 0,
      y: 0,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'left',
      yanchor: 'top',
      yshift: -6,
      showarrow: false,
      align: 'left',
      text: escapePlotlyText(options.attribution ?? DEFAULT_BOUNDARY_ATTRIBUTION),
      font: { size: FONT_SIZE - 3, color: MUTED_TEXT_COLOUR },
    },
  ];
  return layout;
}

/** Text alternative: how many areas, the commonest classes (categorical) or the range and median (continuous). */
function mapAlt(
  drawn: number,
  groups: number[][],
  noData: number,
  values: MapValue[],
  featureCodes: Set<string>,
  c: Classification,
  options: ChoroplethOptions,
): string {
  const dec = options.decimals ?? 1;
  const areaLabel = options.areaLabel ?? 'areas';
  let alt = `Map of ${formatNumber(drawn, 0)} ${areaLabel} coloured by ${options.legendTitle}.`;
  if (c.categorical) {
    const counted = c.cats
      .map((k, i) => ({ k, n: groups[i].length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
    alt += ` Most common: ${counted
      .slice(0, 3)
      .map((x) => `${options.legendTitle} ${x.k.label}: ${formatNumber(x.n, 0)} of ${formatNumber(drawn, 0)} (${formatNumber((100 * x.n) / drawn, 1)}%)`)
      .join('; ')}.`;
  } else if (c.numeric.length > 0) {
    const withVals = values.filter((v) => typeof v.value === 'number' && featureCodes.has(v.code));
    const lo = withVals.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    const hi = withVals.reduce((a, b) => ((b.value as number) > (a.value as number) ? b : a));
    const sorted = [...c.numeric].sort((a, b) => a - b);
    const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    alt += ` Values range from ${formatNumber(lo.value as number, dec)} (${lo.name ?? lo.code}) to ${formatNumber(hi.value as number, dec)} (${hi.name ?? hi.code}); the median is ${formatNumber(mid, dec)}.`;
  }
  if (noData > 0) alt += ` ${formatNumber(noData, 0)} ${areaLabel} have no data.`;
  if (options.outlineCategories?.length) alt += ` ${options.outlineLabel ?? 'Outlined'}: black outline.`;
  if (options.overlay)
    alt += ` ${options.overlay.legend}: ${options.overlay.geojson.features
      .map((f) => String(f.properties?.[options.overlay!.nameProperty] ?? ''))
      .filter(Boolean)
      .join(', ')}.`;
  return alt;
}

/**
 * Build a choropleth map. Categorical maps get one trace per category (the legend is the key);
 * continuous maps are classed (quantiles by default) and get a colour bar with a title. Areas with
 * no value are light grey ("No data"). Optionally some categories are outlined (Core20), larger
 * areas drawn over as labelled outlines (an ICB's places) and labels placed (districts). Hover on
 * an area's centre shows its name, code and value.
 *
 * @example
 * choroplethChart(lsoaGeojson, imdRows.map(r => ({ code: r.lsoa11cd, name: r.lsoa11nm, value: r.imd_decile })),
 *   { title: 'IMD 2019 decile, West Midlands', idProperty: 'LSOA11CD', legendTitle: 'IMD 2019 decile', categories: imdDecileCategories(),
 *     outlineCategories: [1, 2], outlineLabel: 'Core20 (deciles 1-2)' })
 */
export function choroplethChart(geojson: GeoFeatureCollection, values: MapValue[], options: ChoroplethOptions): ChartSpec {
  const cdp = options.coordinateDecimals ?? 4;
  const notes: string[] = [];
  const codeOf = (f: GeoFeature): string => String(options.idProperty ? (f.properties?.[options.idProperty] ?? '') : (f.id ?? ''));
  const byCode = new Map<string, MapValue>();
  for (const v of values) byCode.set(v.code, v);
  const featureCodes = new Set(geojson.features.map(codeOf));
  const unmatched = values.filter((v) => !featureCodes.has(v.code));
  if (unmatched.length > 0)
    notes.push(
      `${unmatched.length} value${unmatched.length === 1 ? '' : 's'} with no boundary (e.g. ${unmatched
        .slice(0, 3)
        .map((v) => v.code)
        .join(', ')}) not drawn.`,
    );
  const c = classify(values, featureCodes, options, notes);

  const groups: number[][] = c.cats.map(() => []);
  const noData: number[] = [];
  geojson.features.forEach((f, fi) => {
    const k = c.classOf(byCode.get(codeOf(f)));
    (k >= 0 ? groups[k] : noData).push(fi);
  });
  const pick = (list: number[]) => list.map((i) => geojson.features[i]);
  const data: PlotlyTrace[] = [];
  c.cats.forEach((k, i) => {
    if (groups[i].length > 0) data.push(polygonTrace(pick(groups[i]), escapePlotlyText(k.label), k.colour, c.categorical, cdp));
  });
  if (noData.length > 0) data.push(polygonTrace(pick(noData), 'No data', NO_DATA_COLOUR, true, cdp));
  const outlined = new Set((options.outlineCategories ?? []).map(String));
  if (c.categorical && outlined.size) {
    const members = c.cats.flatMap((k, i) => (outlined.has(String(k.value)) ? groups[i] : []));
    if (members.length) data.push(outlineTrace(pick(members), escapePlotlyText(options.outlineLabel ?? 'Outlined'), 1.1, cdp));
  }
  if (options.overlay) data.push(outlineTrace(options.overlay.geojson.features, escapePlotlyText(options.overlay.legend), 2.6, cdp));
  const labels = [...(options.labels ?? [])];
  if (options.overlay) {
    for (const f of options.overlay.geojson.features) {
      const centre = featureCentroid(f);
      const text = String(f.properties?.[options.overlay.nameProperty] ?? '');
      if (centre && text) labels.push({ lon: centre[0], lat: centre[1], text });
    }
  }
  if (labels.length) data.push(labelTrace(labels, cdp));
  data.push(hoverTrace(geojson, byCode, codeOf, c, options, cdp));

  const layout = mapLayout(options, extentOf(geojson.features), c.categorical || noData.length > 0 || outlined.size > 0 || options.overlay !== undefined, cdp);
  const catLabel = (v: MapValue) => {
    if (v.value === null) return null;
    if (c.categorical) return c.cats.find((k) => String(k.value) === String(v.value))?.label ?? String(v.value);
    return typeof v.value === 'number' ? roundTo(v.value, options.decimals ?? 1) : v.value;
  };
  const featureNames = new Map<string, string>();
  if (options.nameProperty) {
    for (const f of geojson.features) {
      const n = f.properties?.[options.nameProperty];
      if (n !== undefined && n !== null && n !== '') featureNames.set(codeOf(f), String(n));
    }
  }
  const rows: TableCell[][] = values.map((v) => [v.code, v.name ?? featureNames.get(v.code) ?? null, catLabel(v)]);
  const legendRows = Math.ceil((c.cats.length + (noData.length > 0 ? 1 : 0) + (outlined.size ? 1 : 0) + (options.overlay ? 1 : 0)) / 2) + 1;
  const narrowBottom = 40 + 22 * legendRows;
  const breakpoints = layout.showlegend
    ? [
        {
          maxWidth: 600,
          layout: {
            legend: {
              orientation: 'h',
              x: 0,
              xanchor: 'left',
              y: 0,
              yanchor: 'top',
              yref: 'paper',
              entrywidth: 0.5,
              entrywidthmode: 'fraction',
              bordercolor: '#ffffff',
              title: { side: 'top' },
            },
            margin: { b: narrowBottom + 20 },
            height: Math.round((options.height ?? 620) * 0.75) + narrowBottom,
            annotations: [
              {
                ...(layout.annotations as Record<string, unknown>[])[0],
                y: 1,
                yanchor: 'bottom',
                yshift: 2,
                text: wrapPlotlyText(options.attribution ?? DEFAULT_BOUNDARY_ATTRIBUTION, 60),
              },
            ],
          },
        },
      ]
    : [];
  return {
    title: options.title,
    subtitle: options.subtitle,
    figure: { data, layout, config: { ...baseConfig(), scrollZoom: false } },
    breakpoints,
    alt: mapAlt(geojson.features.length, groups, noData.length, values, featureCodes, c, options),
    table: { columns: ['Code', 'Name', options.legendTitle], rows },
    notes,
  };
}
