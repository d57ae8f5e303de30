/**
 * Dates of an SPC series: read strictly (a date that does not parse is an error, never a
 * guess), compared as UTC instants, written back as ISO 8601.
 */

/**
 * Read a date as a UTC instant (milliseconds), or `null` when the text is not a date.
 * Accepted: a `Date`; `YYYY-MM-DD` (with an optional `THH:MM[:SS[.sss]][Z]` or ` HH:MM[:SS]`
 * time, read as UTC); `YYYY-MM` (the first of the month); `DD/MM/YYYY` (UK order). Impossible
 * dates (`2019-02-30`) are `null`.
 * @example parseSpcDate('2018-04-01') // 1522540800000
 * @example parseSpcDate('01/04/2018') // 1522540800000
 */
export function parseSpcDate(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?)?$/.exec(s);
  if (m) return utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0'));
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return utc(+m[1], +m[2], 1, 0, 0, 0, 0);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return utc(+m[3], +m[2], +m[1], 0, 0, 0, 0);
  return null;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

/**
 * An instant as ISO 8601: `YYYY-MM-DD` at midnight UTC, else the full timestamp.
 * @example formatSpcDate(Date.UTC(2018, 3, 1)) // '2018-04-01'
 */
export function formatSpcDate(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
