/**
 * GeoJSON boundaries: a validating reader (plain or gzipped), the bundled ONS boundary sets by
 * level with `code`/`name` normalised, and small pure geometry helpers (point in polygon with
 * holes, polygon centroid, bounding box) that work on WGS84 longitude/latitude coordinates.
 *
 * Coordinates are treated as planar (x = longitude, y = latitude). That is exact for
 * point-in-polygon tests and a close approximation for centroids of areas the size of an English
 * local authority; it is not meant for distances or areas in square metres.
 */
import { readText, displayPath } from './csv.js';
import { InputError } from '../core/errors.js';
import { dataPath } from './paths.js';

/** A position: `[longitude, latitude]` (extra ordinates such as altitude are ignored). */
export type Position = number[];
/** A linear ring: closed list of positions (first = last); the first ring of a polygon is its outer edge, the rest are holes. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
/** Any GeoJSON geometry; only Polygon and MultiPolygon are used by the area helpers. */
export type Geometry = PolygonGeometry | MultiPolygonGeometry | { type: string; coordinates?: unknown; geometries?: unknown };

export interface GeoJsonFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: Geometry | null;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
  [key: string]: unknown;
}

/** `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number];

const parsedCache = new Map<string, GeoJsonFeatureCollection>();

/**
 * Parse and validate GeoJSON text as a FeatureCollection. Every feature must be a `Feature` with
 * an object (or null) `properties` and a geometry that is null or has a `type`; Polygon and
 * MultiPolygon coordinates are checked to be arrays of rings of numeric positions.
 *
 * @example parseGeoJson('{"type":"FeatureCollection","features":[]}').features.length // 0
 */
export function parseGeoJson(text: string, file = 'input'): GeoJsonFeatureCollection {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')}); expected a GeoJSON FeatureCollection`, { file });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError('expected a GeoJSON FeatureCollection object', { file });
  }
  const obj = json as Record<string, unknown>;
  if (obj.type !== 'FeatureCollection') {
    throw new InputError(`expected a GeoJSON FeatureCollection, found type ${JSON.stringify(obj.type ?? null)}`, { file });
  }
  if (!Array.isArray(obj.features)) throw new InputError('a FeatureCollection needs a "features" array', { file });
  obj.features.forEach((f: unknown, i: number) => {
    const where = `feature ${i + 1}`;
    if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      throw new InputError(`${where}: expected an object with "type": "Feature"`, { file });
    }
    const feat = f as { properties?: unknown; geometry?: unknown };
    if (feat.properties === undefined) feat.properties = null;
    if (feat.properties !== null && (typeof feat.properties !== 'object' || Array.isArray(feat.properties))) {
      throw new InputError(`${where}: "properties" must be an object or null`, { file });
    }
    if (feat.geometry === undefined) feat.geometry = null;
    if (feat.geometry !== null) {
      const g = feat.geometry as { type?: unknown; coordinates?: unknown };
      if (typeof g !== 'object' || typeof g.type !== 'string') throw new InputError(`${where}: geometry needs a "type"`, { file });
      if (g.type === 'Polygon' && !isPolygonCoords(g.coordinates)) {
        throw new InputError(`${where}: Polygon coordinates must be an array of rings of [longitude, latitude] positions`, { file });
      }
      if (g.type === 'MultiPolygon' && !(Array.isArray(g.coordinates) && g.coordinates.every(isPolygonCoords))) {
        throw new InputError(`${where}: MultiPolygon coordinates must be an array of polygons (arrays of rings of positions)`, { file });
      }
    }
  });
  return obj as unknown as GeoJsonFeatureCollection;
}

function isPolygonCoords(c: unknown): boolean {
  if (!Array.isArray(c) || c.length === 0) return false;
  for (const ring of c) {
    if (!Array.isArray(ring) || ring.length < 4) return false;
    const p = ring[0];
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return false;
  }
  return true;
}

/**
 * Read a GeoJSON FeatureCollection from a `.geojson`/`.json` file, plain or gzipped, validated
 * (see {@link parseGeoJson}). A bad file is an {@link InputError} naming it. Parsed files are
 * cached per process: treat the result as read-only.
 *
 * @example readGeoJson(dataPath('boundaries/icb_apr2023_en_bsc.geojson')).features.length // 42
 */
export function readGeoJson(path: string): GeoJsonFeatureCollection {
  const cached = parsedCache.get(path);
  if (cached) return cached;
  const fc = parseGeoJson(readText(path), displayPath(path));
  parsedCache.set(path, fc);
  return fc;
}

/** Boundary levels bundled in `data/boundaries`. */
export type BoundaryLevel = 'icb' | 'sicbl' | 'utla' | 'lad' | 'region' | 'lsoa';

/** The bundled boundary files for each level (paths inside `data/`, without `.gz`). */
export const BOUNDARY_FILES: Record<BoundaryLevel, readonly string[]> = {
  icb: ['boundaries/icb_apr2023_en_bsc.geojson'],
  sicbl: ['boundaries/sicbl_apr2023_en_bsc.geojson'],
  utla: ['boundaries/ctyua_dec2023_uk_bsc.geojson'],
  lad: ['boundaries/lad_may2024_uk_bsc.geojson'],
  region: ['boundaries/rgn_dec2023_en_buc.geojson'],
  lsoa: ['boundaries/lsoa11_bgc_E47000007.geojson', 'boundaries/lsoa11_bgc_E06000019.geojson', 'boundaries/lsoa11_bgc_E10000034.geojson'],
};

/** A boundary with its code and name taken from the ONS properties (`ICB23CD`, `LAD24NM`, ...). */
export interface BoundaryFeature {
  code: string;
  name: string;
  /** The ONS label point (`LONG`/`LAT` properties) when present, else null. */
  point: [number, number] | null;
  geometry: PolygonGeometry | MultiPolygonGeometry;
  properties: Record<string, unknown>;
}

export interface ReadBoundariesOptions {
  /** Keep only these codes (any not found is an error listing them). */
  codes?: readonly string[];
  /** Read these files instead of the bundled ones. */
  files?: readonly string[];
}

/**
 * Read bundled ONS boundaries for a level, each feature with `code`/`name` normalised from the
 * ONS code/name properties (`ICB23CD`/`ICB23NM`, `SICBL23CD`, `CTYUA23CD`, `LAD24CD`, `RGN23CD`,
 * `LSOA11CD`), optionally filtered to some codes. Levels and vintages: ICB April 2023, sub-ICB
 * locations April 2023, counties and unitary authorities (UTLA) December 2023, LAD May 2024,
 * regions December 2023, LSOA 2011 (only the West Midlands combined authority, Herefordshire and
 * Worcestershire are bundled).
 *
 * @example readBoundaries('icb', { codes: ['E54000062'] })[0].name // 'NHS Black Country Integrated Care Board'
 */
export function readBoundaries(level: BoundaryLevel, options: ReadBoundariesOptions = {}): BoundaryFeature[] {
  const files = options.files ?? BOUNDARY_FILES[level].map((f) => dataPath(f));
  const out: BoundaryFeature[] = [];
  for (const file of files) {
    const fc = readGeoJson(file);
    fc.features.forEach((f, i) => {
      const props = f.properties ?? {};
      const keys = Object.keys(props);
      const codeKey = keys.find((k) => /^[A-Z]+\d*CD$/.test(k) && !/^(LADCD_ACTIVE|UTLACD|CAUTHCD|RGNCD)$/.test(k));
      if (!codeKey) throw new InputError(`feature ${i + 1}: no ONS code property (such as LAD24CD) in its properties`, { file: displayPath(file) });
      const nameKey = codeKey.replace(/CD$/, 'NM');
      const g = f.geometry;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
        throw new InputError(`feature ${i + 1} (${String(props[codeKey])}): expected a Polygon or MultiPolygon geometry`, { file: displayPath(file) });
      }
      const lon = props.LONG;
      const lat = props.LAT;
      out.push({
        code: String(props[codeKey]).trim(),
        name: String(props[nameKey] ?? '').trim(),
        point: typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null,
        geometry: g as PolygonGeometry | MultiPolygonGeometry,
        properties: props,
      });
    });
  }
  if (!options.codes) return out;
  const want = new Set(options.codes);
  const kept = out.filter((f) => want.has(f.code));
  const found = new Set(kept.map((f) => f.code));
  const missing = [...want].filter((c) => !found.has(c));
  if (missing.length) {
    throw new InputError(
      `no ${level} boundary for code${missing.length === 1 ? '' : 's'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      { file: files.map((f) => displayPath(f)).join(' + ') },
    );
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers (pure)
// ---------------------------------------------------------------------------------------------

/**
 * Is a point inside a ring? Ray casting (crossing number; W. R. Franklin, "PNPOLY"). Points
 * exactly on an edge may fall either way.
 */
export function pointInRing(point: readonly number[], ring: readonly Position[]): boolean {
  const x = point[0];
  const y = point[1];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Is a point `[lon, lat]` inside a Polygon or MultiPolygon? Inside the outer ring and not inside
 * any hole of the same polygon; for a MultiPolygon, inside any of its polygons.
 *
 * @example pointInPolygon([0.5, 0.5], { type: 'Polygon', coordinates: [[[0,0],[1,0],[1,1],[0,1],[0,0]]] }) // true
 */
export function pointInPolygon(point: readonly number[], geometry: PolygonGeometry | MultiPolygonGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    if (!rings.length || !pointInRing(point, rings[0])) continue;
    let inHole = false;
    for (let h = 1; h < rings.length; h++) {
      if (pointInRing(point, rings[h])) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/** Signed area and first moments of a ring (shoelace formula). */
function ringMoments(ring: readonly Position[]): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  return { a: a / 2, cx, cy };
}

/**
 * Area-weighted centroid `[lon, lat]` of a Polygon or MultiPolygon, holes subtracted (shoelace
 * formula: C = Σ (xᵢ + xᵢ₊₁)(xᵢyᵢ₊₁ − xᵢ₊₁yᵢ) / 6A). Planar in degrees, so a close approximation
 * at local-authority scale. The centroid of a concave area can lie outside it. Returns null for a
 * degenerate (zero-area) geometry.
 *
 * @example polygonCentroid({ type: 'Polygon', coordinates: [[[0,0],[2,0],[2,2],[0,2],[0,0]]] }) // [1, 1]
 */
export function polygonCentroid(geometry: PolygonGeometry | MultiPolygonGeometry): [number, number] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      const m = ringMoments(ring);
      // outer ring counts positively, holes negatively, whatever the winding order in the file
      const sign = k === 0 ? Math.sign(m.a) : -Math.sign(m.a);
      area += Math.abs(m.a) * (k === 0 ? 1 : -1);
      sx += m.cx * sign;
      sy += m.cy * sign;
    });
  }
  if (area === 0) return null;
  return [sx / (6 * area), sy / (6 * area)];
}

/** Planar area (square degrees) of a Polygon or MultiPolygon, holes subtracted. For relative comparisons only. */
export function polygonArea(geometry: PolygonGeometry | MultiPolygonGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  for (const rings of polygons) rings.forEach((ring, k) => (area += Math.abs(ringMoments(ring).a) * (k === 0 ? 1 : -1)));
  return area;
}

/**
 * Bounding box `[minLon, minLat, maxLon, maxLat]` of a Polygon or MultiPolygon.
 *
 * @example bbox({ type: 'Polygon', coordinates: [[[0,0],[2,0],[2,3],[0,0]]] }) // [0, 0, 2, 3]
 */
export function bbox(geometry: PolygonGeometry | MultiPolygonGeometry): BBox {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygons) {
    for (const p of rings[0] ?? []) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Is a point inside a bounding box (edges included)? */
export function inBBox(point: readonly number[], box: BBox): boolean {
  return point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3];
}

/**
 * The features (from {@link readBoundaries}) whose polygon contains a point, using a bounding-box
 * pre-filter. Usually zero or one; more only where generalised boundaries overlap.
 *
 * @example featuresContaining([-2.0, 52.5], readBoundaries('icb')).map((f) => f.code) // ['E54000062']
 */
export function featuresContaining<T extends { geometry: PolygonGeometry | MultiPolygonGeometry }>(point: readonly number[], features: readonly T[]): T[] {
  return features.filter((f) => inBBox(point, bboxOf(f.geometry)) && pointInPolygon(point, f.geometry));
}

const bboxCache = new WeakMap<object, BBox>();
function bboxOf(g: PolygonGeometry | MultiPolygonGeometry): BBox {
  let b = bboxCache.get(g);
  if (!b) {
    b = bbox(g);
    bboxCache.set(g, b);
  }
  return b;
}
