/**
 * The one tolerance helper of the test suite. `expectRelClose(got, want, tol, label)` passes when
 * `got` is within `tol` of `want`, relative to |want|; it fails with a message that names the
 * value and shows both numbers, their difference and the tolerance, instead of "expected false to
 * be true".
 *
 * - `tol` is a relative tolerance (default {@link PHE_REL_TOL}, the conformance tolerance), or
 *   `{ rel, abs }` to add an absolute floor for values near zero: the test passes when
 *   |got − want| ≤ max(abs, rel·|want|).
 * - `want = null` expects a missing value (`null`, `undefined`, NaN or an empty CSV cell).
 * - `got` may be a CSV cell: text is read as a number, an empty cell as missing.
 */

/** The 1e-6 relative tolerance of every PHEindicatormethods conformance test. */
export const PHE_REL_TOL = 1e-6;

/** A relative tolerance, or relative and absolute parts. */
export type Tolerance = number | { rel?: number; abs?: number };

function asNumber(got: unknown): number | null {
  if (got === null || got === undefined || got === '') return null;
  if (typeof got === 'string') return Number(got);
  if (typeof got === 'number') return Number.isNaN(got) ? null : got;
  return Number.NaN;
}

/** The bound on |got − want| for `want` under `tol`. */
function bound(want: number, tol: Tolerance): number {
  const { rel = 0, abs = 0 } = typeof tol === 'number' ? { rel: tol, abs: 0 } : tol;
  return Math.max(abs, rel * Math.max(Math.abs(want), 1e-12));
}

/** True when `got` matches `want` under `tol` (see the module comment); for filters and tallies. */
export function isRelClose(got: unknown, want: number | null | undefined, tol: Tolerance = PHE_REL_TOL): boolean {
  const g = asNumber(got);
  if (want === null || want === undefined || Number.isNaN(want)) return g === null;
  if (g === null || Number.isNaN(g)) return false;
  return Math.abs(g - want) <= bound(want, tol);
}

/**
 * Assert that `got` matches `want` under `tol`; `label` names the value in the failure message.
 *
 * @example expectRelClose(out.get('value', 0), 80.1696, 1e-6, 'e0 Persons')
 */
export function expectRelClose(got: unknown, want: number | null | undefined, tol: Tolerance = PHE_REL_TOL, label = 'value'): void {
  if (isRelClose(got, want, tol)) return;
  const g = asNumber(got);
  const shownTol = typeof tol === 'number' ? `relative tolerance ${tol}` : `tolerance ${JSON.stringify(tol)}`;
  if (want === null || want === undefined || Number.isNaN(want)) throw new Error(`${label}: got ${String(got)}, want a missing value`);
  if (g === null || Number.isNaN(g)) throw new Error(`${label}: got ${JSON.stringify(got)}, want ${want}`);
  const diff = Math.abs(g - want);
  const relDiff = want === 0 ? Number.POSITIVE_INFINITY : diff / Math.abs(want);
  throw new Error(`${label}: got ${g}, want ${want} (difference ${diff.toPrecision(3)}, relative ${relDiff.toPrecision(3)}; ${shownTol})`);
}
