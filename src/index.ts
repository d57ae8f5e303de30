/**
 * healthgap: the public API. `import { ... } from 'healthgap'`.
 *
 * Layers (arrows point one way): io / geography / stats → domain (core20plus5, lifeexp,
 * prevalence) → charts / report → cli. See docs/architecture.md.
 */
export * from './io/index.js';
export * from './geography/index.js';
export * from './stats/index.js';
export * from './core20plus5/index.js';
export * from './lifeexp/index.js';
export * from './prevalence/index.js';
export * from './charts/index.js';
export * from './report/index.js';
export * from './report/profile/index.js';
