/**
 * The opening of every healthgap HTML page (profiles and the index): doctype, `lang="en-GB"`,
 * viewport, the inline stylesheet, and the skip link that keyboard users need first (WCAG 2.4.1).
 * One place, so the profile and the index page cannot drift apart.
 */
import { REPORT_CSS } from './css.js';
import { escapeHtml } from './escape.js';

/**
 * Lines from `<!DOCTYPE html>` to the skip link, with the page title escaped. `extraCss` (the
 * report's own rules, such as its running print footer) follows the shared stylesheet; it must
 * not contain `</`.
 */
export function pageStart(title: string, extraCss?: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="healthgap">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    extraCss ? `<style>${extraCss.replace(/<\//g, '<\\/')}</style>` : '',
    '</head>',
    '<body>',
    '<a class="hg-skip" href="#main">Skip to main content</a>',
  ];
}
