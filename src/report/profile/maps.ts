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

/** Where LSOA boundaries are bundled (all of them LSOA 2011; no LSOA 2021 boundaries are bundled). */
export const BUNDLED_LSOA_BOUNDARIES = 'the West Midlands combined authority, Herefordshire and Worcestershire';

/**
 * Whether the IMD 2019 → IMD 2025 Core20 transition map can be drawn for a place, as a sentence:
 * it is drawn on the bundled LSOA 2011 boundaries (2021 boundaries are not bundled; a 2011 LSOA
 * whose 2021 parts changed differently is shown as mixed), so only where every LSOA 2011 of the
 * place has a bundled boundary. `words` picks the analyst's term (LSOA) or the board's
 * (neighbourhood).
 *
 * @example transitionMapNote('Cumberland', lsoas11, 'analyst').drawable // false
 */
export function transitionMapNote(name: string, lsoa11: readonly string[], words: 'analyst' | 'board' = 'analyst'): { drawable: boolean; note: string } {
  const all = lsoaBoundaries();
  const drawable = lsoa11.length > 0 && lsoa11.every((l) => all.has(l));
  const [unit, units] = words === 'board' ? ['neighbourhood', 'neighbourhoods'] : ['LSOA', 'LSOAs'];
  if (drawable)
    return {
      drawable,
      note: `The transition map is drawn on the ${lsoa11.length.toLocaleString('en-GB')} bundled ${unit} boundaries of 2011 (${unit} 2021 boundaries are not bundled); a 2011 ${unit} whose 2021 parts differ is shown as mixed.`,
    };
  return {
    drawable,
    note: `No map of the transition for ${name}: it can only be drawn on bundled ${unit} boundaries, and healthgap bundles ${unit} 2011 boundaries for ${BUNDLED_LSOA_BOUNDARIES} only and no ${unit} 2021 boundaries; ${words === 'board' ? 'the table gives the counts' : `the table and the ${units} list (--csv) give the same information`}.`,
  };
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
