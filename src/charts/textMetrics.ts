/**
 * Approximate widths of chart text, so text columns drawn as plotly annotations can be given
 * room that fits them (plotly places annotations at fixed positions; it does not lay out columns).
 * Widths are the advance widths of DejaVu Sans, the widest common fallback of the charts' font
 * stack (Linux servers without Arial; Arial and Liberation Sans are 10-15% narrower), so an
 * estimate is never narrower than the text as drawn.
 */
import { escapePlotlyText } from './theme.js';

/** DejaVu Sans advance widths (em) of the characters whose width is far from the default. */
const WIDTHS = new Map<string, number>([
  [' ', 0.318],
  [',', 0.318],
  ['.', 0.318],
  [':', 0.337],
  [';', 0.337],
  ['/', 0.337],
  ['i', 0.278],
  ['j', 0.278],
  ['l', 0.278],
  ['f', 0.352],
  ['t', 0.392],
  ['r', 0.411],
  ['s', 0.521],
  ['c', 0.55],
  ['I', 0.295],
  ['J', 0.295],
  ['(', 0.39],
  [')', 0.39],
  ['-', 0.361],
  ['*', 0.5],
  ["'", 0.275],
  ['’', 0.318],
  ['m', 0.974],
  ['w', 0.818],
  ['M', 0.863],
  ['W', 0.989],
  ['%', 0.95],
  ['–', 0.5],
  ['—', 1],
  ['←', 0.838],
  ['→', 0.838],
  ['+', 0.838],
  ['=', 0.838],
  ['<', 0.838],
  ['>', 0.838],
]);

/** Width of one character in em. */
function charEm(c: string): number {
  const w = WIDTHS.get(c);
  if (w !== undefined) return w;
  if (c >= '0' && c <= '9') return 0.637;
  if (c >= 'A' && c <= 'Z') return 0.76;
  return 0.635;
}

/** Plotly's markup (`<b>`, `<br>`, entities) removed: the text as drawn on one line. */
function visible(line: string): string {
  return line
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Width in px of one line of plain text. */
function lineWidth(line: string, fontSize: number, bold: boolean): number {
  let em = 0;
  for (const c of line) em += charEm(c);
  return em * fontSize * (bold ? 1.12 : 1);
}

/**
 * Width in px of plotly text at a font size: the widest of its `<br>` lines, bold 12% wider.
 * @example textWidthPx('192,396', 10) // 41.4
 */
export function textWidthPx(text: string, fontSize: number, bold = false): number {
  let widest = 0;
  for (const line of String(text).split(/<br\s*\/?>/i)) widest = Math.max(widest, lineWidth(visible(line), fontSize, bold));
  return Math.round(widest * 10) / 10;
}

/**
 * Wrap plain text into lines no wider than `maxPx` at a font size (a word longer than the width
 * has a line of its own), escaped and joined with `<br>` for plotly.
 * @example wrapToWidth('Life expectancy at birth (males)', 120, 10) // 'Life expectancy at<br>birth (males)'
 */
export function wrapToWidth(text: string, maxPx: number, fontSize: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of String(text).split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${w}` : w;
    if (line && lineWidth(next, fontSize, false) > maxPx) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map(escapePlotlyText).join('<br>');
}
