/** Types for html-escaper (the package ships none). Merges with any other declaration of the module. */
declare module 'html-escaper' {
  /** Escape `&`, `<`, `>`, `'` and `"` as HTML entities. */
  export function escape(text: string): string;
  /** Reverse {@link escape}. */
  export function unescape(text: string): string;
}
