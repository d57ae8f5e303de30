/**
 * Forgiving place-name matching: normalisation (case, accents, punctuation, `&`), the ONS
 * name forms analysts type in several ways (`Herefordshire, County of` → `herefordshire`,
 * `NHS Black Country Integrated Care Board` → `black country`), and close-match suggestions by
 * Levenshtein edit distance (fastest-levenshtein).
 */
import { distance } from 'fastest-levenshtein';

/**
 * Normalise a place name for comparison: lower case, accents removed, `&` → `and`, apostrophes
 * dropped, any other run of punctuation or spaces → one space.
 *
 * @example normalisePlaceName("Bristol, City of") // 'bristol city of'
 */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The normalised forms under which a place can be found: the full name, the name before
 * `, County of` / `, City of` (ONS style), and NHS body names without `NHS`, `CCG`,
 * `Integrated Care Board`/`ICB`.
 *
 * @example placeNameAliases('Kingston upon Hull, City of') // ['kingston upon hull city of', 'kingston upon hull']
 * @example placeNameAliases('NHS Black Country Integrated Care Board') // ['nhs black country integrated care board', 'black country']
 */
export function placeNameAliases(name: string): string[] {
  const out = new Set<string>();
  const full = normalisePlaceName(name);
  if (full) out.add(full);
  const comma = name.match(/^(.*),\s*(County|City) of$/i);
  if (comma) out.add(normalisePlaceName(comma[1]));
  let nhs = full
    .replace(/^nhs /, '')
    .replace(/ (integrated care board|icb|ccg|clinical commissioning group)$/, '')
    .trim();
  if (nhs && nhs !== full) out.add(nhs);
  nhs = nhs.replace(/^the /, '');
  if (nhs && nhs !== full) out.add(nhs);
  return [...out];
}

/** Does `text` contain `query` as a run of whole words? Both normalised. */
export function containsWords(text: string, query: string): boolean {
  if (!query) return false;
  return ` ${text} `.includes(` ${query} `);
}

/**
 * Close matches for a (normalised) query among (normalised) candidate strings, by Levenshtein
 * edit distance, nearest first. A candidate counts as close when its distance is at most
 * `max(2, ⌊length/3⌋)` of the query, or when it starts with the query (at least 3 characters).
 *
 * @example closeMatches('sandwel', ['sandwell', 'dudley', 'walsall']) // ['sandwell']
 */
export function closeMatches(query: string, candidates: readonly string[], limit = 5): string[] {
  const q = query;
  const maxDist = Math.max(2, Math.floor(q.length / 3));
  const scored: { s: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    // skip obviously distant strings before the O(n·m) distance
    if (Math.abs(c.length - q.length) > maxDist && !(q.length >= 3 && c.startsWith(q))) continue;
    const d = q.length >= 3 && c.startsWith(q) ? Math.min(1, distance(q, c)) : distance(q, c);
    if (d <= maxDist) scored.push({ s: c, d });
  }
  scored.sort((a, b) => a.d - b.d || a.s.length - b.s.length || a.s.localeCompare(b.s));
  return scored.slice(0, limit).map((x) => x.s);
}
