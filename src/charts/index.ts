/**
 * healthgap charts: pure functions from plain records to plotly.js figure specs, each with a text
 * alternative and a data table (WCAG 2.1 AA). Charts know nothing of files or domain modules.
 */
export * from './types.js';
export * from './theme.js';
export * from './spine.js';
export * from './funnel.js';
export * from './leDeprivation.js';
export * from './leGap.js';
export * from './core20.js';
export * from './pyramid.js';
export * from './trend.js';
export * from './choropleth.js';
export * from './excessDeaths.js';
export * from './spcIcons.js';
export * from './spc.js';
export * from './placeBars.js';
