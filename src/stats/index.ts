/**
 * healthgap statistics: published public-health methods exact to PHEindicatormethods 2.1.0,
 * as arquero table verbs plus plain number functions. Each engineer adds their own lines.
 */
export * from './distributions.js';
export * from './confidence.js';
export * from './verb.js';
export * from './proportion.js';
export * from './rate.js';
export * from './mean.js';
export * from './dsr.js';
export * from './isr.js';
export * from './lifeExpectancy.js';
export * from './quantile.js';
export * from './polarity.js';
export * from './benchmark.js';
export * from './groupComparison.js';
export * from './describe.js';
export * from './trend.js';
export * from './sii.js';
export * from './random.js';
export * from './funnel.js';
export * from './burden/index.js';
export * from './spcRules.js';
export * from './spcDates.js';
export * from './spc.js';
