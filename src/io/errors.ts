/** @deprecated Moved to `src/core/errors.ts`; this re-export stays for one release. */
export * from '../core/errors.js';
