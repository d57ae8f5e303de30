/**
 * Fingertips (OHID) API client with an on-disk cache and offline mode, data releases promoted from
 * the cache, and the per-place summaries that the profile section draws.
 */
export * from './http.js';
export * from './cache.js';
export * from './client.js';
export * from './release.js';
export * from './selection.js';
export * from './place.js';
