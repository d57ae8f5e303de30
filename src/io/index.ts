export * from './lookups.js';
export * from './geojson.js';
