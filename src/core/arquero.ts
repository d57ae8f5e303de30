/**
 * arquero, loaded on first use. arquero is 166 ES modules; loading them at `import 'healthgap'`
 * cost more than the rest of the toolkit together (a fresh `import 'healthgap'`, `healthgap area`
 * and every notebook kernel start paid it). Modules of ours write `import { aq } from
 * '../core/arquero.js'` and use `aq.table(…)`, `aq.from(…)`, `aq.op.sum(…)`, `aq.escape(…)` exactly
 * as with `import * as aq from 'arquero'`: the first property read loads arquero with Node's
 * synchronous `require` of an ES module (Node ≥ 20.19), which shares Node's module map with
 * `import`, so tables made here and tables made by a caller's own `import * as aq from 'arquero'`
 * are the same classes (`instanceof` holds both ways).
 *
 * For types keep writing `import type { ColumnTable } from 'arquero'`.
 */
import { createRequire } from 'node:module';
import type * as Arquero from 'arquero';

let loaded: typeof Arquero | undefined;

/**
 * The arquero module itself, loaded on the first call (then cached).
 *
 * @example
 * const t = arqueroModule().table({ x: [1, 2] });
 */
export function arqueroModule(): typeof Arquero {
  loaded ??= createRequire(import.meta.url)('arquero') as typeof Arquero;
  return loaded;
}

/**
 * Stands for `import * as aq from 'arquero'`: every property (`aq.table`, `aq.from`, `aq.op`, …)
 * is read from arquero, which is loaded at the first read.
 *
 * @example
 * const t = aq.table({ area: ['E08000028'], deaths: [10] });
 */
export const aq: typeof Arquero = new Proxy({} as typeof Arquero, {
  get: (_target, key) => Reflect.get(arqueroModule(), key),
  has: (_target, key) => Reflect.has(arqueroModule(), key),
  ownKeys: () => Reflect.ownKeys(arqueroModule()),
  getOwnPropertyDescriptor: (_target, key) => {
    const d = Reflect.getOwnPropertyDescriptor(arqueroModule(), key);
    return d === undefined ? undefined : { ...d, configurable: true };
  },
});
