/**
 * Analyst markdown → safe HTML, with marked. Raw HTML in the markdown is shown as text (never
 * becomes markup, so `<script>` cannot run), link targets are limited to http(s), mailto, anchors
 * and relative paths, images are kept only when embedded as `data:image/...` (a report must
 * open offline and fetch nothing), and markdown headings start at level 3 (below the section's
 * h2) so the heading order stays valid.
 */
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import { escapeHtml } from './escape.js';

const SAFE_HREF = /^(?:https?:\/\/|mailto:|#|\.{0,2}\/|[A-Za-z0-9_][A-Za-z0-9_.\-/]*(?:[#?].*)?$)/;
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;

/** True when a link target is safe to keep (no `javascript:`, `data:`, `vbscript:` ...). */
export function isSafeHref(href: string): boolean {
  const h = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) && !/^(?:https?|mailto):/i.test(h)) return false;
  return SAFE_HREF.test(h);
}

function makeMarked(headingOffset: number): Marked {
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        const text = escapeHtml(token.text);
        return 'block' in token && token.block ? `<p>${text.trim()}</p>\n` : text;
      },
      heading({ tokens, depth }: Tokens.Heading): string {
        const level = Math.min(6, depth + headingOffset);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        if (!isSafeHref(href)) return inner;
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(href.trim())}"${t}>${inner}</a>`;
      },
      image({ href, title, text }: Tokens.Image): string {
        if (!SAFE_IMAGE.test(href.trim())) return escapeHtml(text);
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href.trim())}" alt="${escapeHtml(text)}"${t}>`;
      },
    },
  });
}

const byOffset = new Map<number, Marked>();

/**
 * Render analyst markdown to safe HTML (see the module comment for what is allowed).
 * `headingOffset` (default 2) is added to each markdown heading level: `#` becomes `<h3>`.
 *
 * @example renderMarkdown('Rates are **higher** <script>alert(1)</script>')
 * // '<p>Rates are <strong>higher</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(markdown: string, headingOffset = 2): string {
  let m = byOffset.get(headingOffset);
  if (!m) {
    m = makeMarked(headingOffset);
    byOffset.set(headingOffset, m);
  }
  return m.parse(markdown, { async: false }) as string;
}
