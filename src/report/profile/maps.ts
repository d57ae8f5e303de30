/**
 * Boundaries for the profile maps, read once per process: LSOA 2011 where bundled (West Midlands
 * combined authority, Herefordshire, Worcestershire) and counties/unitary authorities (December
 * 2023) for the regional map.
 */
import { cachedRead } from '../../io/cache.js';
import { readBoundaries, type BoundaryFeature } from '../../io/geojson.js';
import { featureCentroid, type GeoFeatureCollection } from '../../charts/choropleth.js';

function lsoaBoundaries(): Map<string, BoundaryFeature> {
  return cachedRead('profile:lsoa-boundaries', () => new Map(readBoundaries('lsoa').map((f) => [f.code, f])));
}

function utlaBoundaries(): Map<string, BoundaryFeature> {
  return cachedRead('profile:utla-boundaries', () => new Map(readBoundaries('utla').map((f) => [f.code, f])));
}

function collection(features: BoundaryFeature[], idKey: string): GeoFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: { [idKey]: f.code, name: f.name }, geometry: f.geometry as never })),
  };
}

/** LSOA boundaries for every LSOA given, or null when any of them is not bundled. */
export function lsoaCollection(lsoas: readonly string[]): GeoFeatureCollection | null {
  const all = lsoaBoundaries();
  const feats: BoundaryFeature[] = [];
  for (const l of lsoas) {
    const f = all.get(l);
    if (!f) return null;
    feats.push(f);
  }
  return collection(feats, 'code');
}

/** County/UA (December 2023) boundaries for the codes given; codes with no 2023 boundary are listed in `missing`. */
export function utlaCollection(codes: readonly string[]): { geojson: GeoFeatureCollection; missing: string[] } {
  const all = utlaBoundaries();
  const feats: BoundaryFeature[] = [];
  const missing: string[] = [];
  for (const c of codes) {
    const f = all.get(c);
    if (f) feats.push(f);
    else missing.push(c);
  }
  return { geojson: collection(feats, 'code'), missing };
}

/**
 * A label for each part of a place (e.g. a county's districts) at the mean of its LSOAs' centres
 * in `lsoas` (parts with no LSOA drawn get no label). Names "X, City of" are shortened to "X".
 */
export function placeOverlay(
  lsoas: GeoFeatureCollection,
  parts: { code: string; name: string; lsoas: readonly string[] }[],
): { lon: number; lat: number; text: string }[] {
  const centres = new Map<string, [number, number]>();
  for (const f of lsoas.features) {
    const c = featureCentroid(f);
    if (c) centres.set(String(f.properties?.code ?? ''), c);
  }
  const out: { lon: number; lat: number; text: string }[] = [];
  for (const p of parts) {
    const cs = p.lsoas.map((l) => centres.get(l)).filter((c): c is [number, number] => c !== undefined);
    if (cs.length === 0) continue;
    out.push({
      lon: cs.reduce((s, c) => s + c[0], 0) / cs.length,
      lat: cs.reduce((s, c) => s + c[1], 0) / cs.length,
      text: p.name.replace(/, (County|City) of$/, ''),
    });
  }
  return out;
}
