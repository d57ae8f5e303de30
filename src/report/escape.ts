/**
 * Escaping for everything that goes into a report: text through html-escaper, JSON for
 * `<script type="application/json">` blocks, and identifiers for `id` attributes.
 */
import { escape } from 'html-escaper';

/**
 * Escape text for HTML element content or a quoted attribute value (`&`, `<`, `>`, `'`, `"`),
 * using html-escaper. `null`/`undefined` become the empty string.
 *
 * @example escapeHtml('<script>alert(1)</script>') // '&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function escapeHtml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return escape(String(text));
}

/**
 * Serialise a value as JSON that is safe inside `<script type="application/json">` (and inside
 * any script element): `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, so neither
 * `</script` nor `<!--` can appear, and U+2028/U+2029 are escaped too. `JSON.parse` of the
 * element's text gives the original value back. Key order is the insertion order of the input,
 * so the same input gives the same bytes.
 *
 * @example jsonForScript({ name: '</script><!--' }) // '{"name":"\\u003c/script\\u003e\\u003c!--"}'
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Make JavaScript source safe to inline in a `<script>` element: every `<!--`, `<script` and
 * `</script` (any case) has its `<` written as `\x3C`, which means the same inside JS string,
 * template and regular-expression literals (where such text can occur in minified code) and
 * cannot end or confuse the HTML script element.
 */
export function scriptSafe(source: string): string {
  return source.replace(/<(?=!--|\/?script)/gi, '\\x3C');
}

/**
 * A stable identifier for `id` attributes and anchors: lower case, runs of characters other
 * than `a-z0-9` become `-`, trimmed; empty input becomes `section`.
 *
 * @example slugId('Life expectancy & gaps') // 'life-expectancy-gaps'
 */
export function slugId(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'section' : slug;
}
