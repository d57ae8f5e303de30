/**
 * The report stylesheet, inlined in every report: readable on a phone (single column, tables
 * scroll sideways inside a focusable region), WCAG 2.1 AA colours (body text #0b0c0c on white
 * 19.6:1, links #1d4f91 8.1:1 (7.3:1 on the grey panel), visited #4c2c92 10.1:1, muted text
 * #4b5559 7.7:1, header white on #0b3b6e 11.3:1, focus #0b0c0c on #ffdd00 14.6:1), a
 * visible focus style (yellow fill with a black underline, as on GOV.UK), and a print
 * stylesheet for A4: each section starts on a new page, figures are not split, the chart
 * toolbar, skip link and "Show the data" toggles are hidden, and the data tables are printed.
 */
export const REPORT_CSS = `
:root { --hg-text: #0b0c0c; --hg-muted: #4b5559; --hg-link: #1d4f91; --hg-link-visited: #4c2c92; --hg-brand: #0b3b6e;
  --hg-border: #b1b4b6; --hg-panel: #f3f2f1; --hg-focus: #ffdd00; --hg-note: #fff7d6; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--hg-text); background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; overflow-wrap: break-word; }
.hg-wrap { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--hg-link); text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: var(--hg-link-visited); }
a:hover { text-decoration-thickness: 0.15em; }
:focus { outline: none; }
:focus-visible, a:focus, summary:focus, .hg-table-wrap:focus, main:focus-visible { outline: 3px solid var(--hg-text); outline-offset: 0;
  background-color: var(--hg-focus); color: var(--hg-text); box-shadow: 0 -2px var(--hg-focus), 0 4px var(--hg-text); }
.hg-table-wrap:focus { background-color: #fff; box-shadow: 0 0 0 3px var(--hg-focus); }
main:focus { outline: none; background: none; box-shadow: none; }
.hg-skip { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem; background: var(--hg-focus); color: var(--hg-text); font-weight: 700; }
.hg-skip:focus { top: 0.5rem; }
.hg-vh { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important;
  overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
.hg-header { background: var(--hg-brand); color: #fff; padding: 1.25rem 0 1rem; }
.hg-header a { color: #fff; }
.hg-logo { margin: 0 0 0.5rem; font-weight: 700; font-size: 1rem; letter-spacing: 0.02em; text-transform: uppercase; }
.hg-header h1 { margin: 0 0 0.25rem; font-size: clamp(1.6rem, 1.2rem + 2vw, 2.4rem); line-height: 1.15; }
.hg-subtitle { margin: 0 0 0.75rem; font-size: 1.15rem; }
.hg-meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; font-size: 0.95rem; }
.hg-meta div { display: flex; gap: 0.4rem; }
.hg-meta dt { font-weight: 700; }
.hg-meta dd { margin: 0; }
.hg-toc { border-bottom: 1px solid var(--hg-border); background: var(--hg-panel); padding: 0.75rem 0; }
.hg-toc h2 { font-size: 1.15rem; margin: 0 0 0.25rem; }
.hg-toc ol { margin: 0; padding-left: 1.5rem; columns: 2 16rem; column-gap: 2rem; }
.hg-toc li { margin: 0.15rem 0; break-inside: avoid; }
main { display: block; padding: 1rem 0 2rem; }
.hg-suppression-note, .hg-callout { background: var(--hg-note); border-left: 5px solid #8a6d00; padding: 0.75rem 1rem; margin: 1rem 0; }
.hg-section { padding-top: 1.25rem; margin-top: 1.5rem; border-top: 2px solid var(--hg-brand); }
.hg-section:first-of-type { border-top: none; margin-top: 0; }
h2 { font-size: clamp(1.4rem, 1.15rem + 1.2vw, 1.85rem); line-height: 1.2; margin: 0 0 0.5rem; }
h3 { font-size: 1.25rem; line-height: 1.25; margin: 1.25rem 0 0.5rem; }
h4, h5, h6 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
.hg-headline { font-size: 1.2rem; font-weight: 600; margin: 0 0 1rem; max-width: 46rem; }
.hg-narrative p, .hg-narrative li { max-width: 46rem; }
.hg-figure { margin: 1.5rem 0; padding: 0; break-inside: avoid; }
.hg-figure figcaption h3 { margin-top: 0; }
.hg-figure figcaption p { margin: 0 0 0.5rem; color: var(--hg-muted); max-width: 46rem; }
.hg-chart { width: 100%; min-height: 320px; }
.hg-chart-failed { min-height: 0; padding: 0.75rem 1rem; border: 1px solid var(--hg-border); background: var(--hg-panel); }
.hg-download { margin: 0.5rem 0 0; padding: 0.4rem 0.9rem; font: inherit; font-size: 0.95rem; color: var(--hg-text); background: #fff;
  border: 2px solid var(--hg-text); border-radius: 0; cursor: pointer; }
.hg-download:hover { background: var(--hg-panel); }
.hg-download[hidden] { display: none; }
.hg-data { margin: 0.5rem 0 0; }
.hg-data > summary { cursor: pointer; color: var(--hg-link); text-decoration: underline; padding: 0.35rem 0; display: list-item; }
.hg-data[open] > summary { margin-bottom: 0.5rem; }
.hg-table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; margin: 0.5rem 0; }
.hg-table { border-collapse: collapse; font-size: 0.95rem; min-width: 50%; font-variant-numeric: tabular-nums; }
.hg-table caption { text-align: left; font-weight: 700; padding: 0 0 0.4rem; caption-side: top; }
.hg-table th, .hg-table td { border-bottom: 1px solid var(--hg-border); padding: 0.35rem 0.75rem 0.35rem 0; text-align: left; vertical-align: top; }
.hg-table thead th { border-bottom: 2px solid var(--hg-text); vertical-align: bottom; }
.hg-table .hg-num { text-align: right; white-space: nowrap; }
.hg-table tbody th { font-weight: 400; min-width: 4.5em; }
.hg-figure-notes { margin: 0.5rem 0 0; padding-left: 1.25rem; font-size: 0.95rem; color: var(--hg-muted); }
.hg-table-note, .hg-section-notes { font-size: 0.95rem; color: var(--hg-muted); }
.hg-methods dl { margin: 0 0 1rem; }
.hg-methods dl > div { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 0 1rem; padding: 0.3rem 0; border-bottom: 1px solid #dcdcdc; }
.hg-methods dt { font-weight: 700; }
.hg-methods dd { margin: 0; }
.hg-footer { border-top: 1px solid var(--hg-border); background: var(--hg-panel); padding: 1rem 0; font-size: 0.95rem; }
.hg-status-failed { color: #a4190c; font-weight: 700; }
@media (max-width: 40rem) {
  .hg-wrap { padding: 0 0.75rem; }
  .hg-methods dl > div { grid-template-columns: 1fr; }
  .hg-chart { min-height: 280px; }
}
@media print {
  @page { size: A4; margin: 15mm 14mm; }
  html, body { font-size: 10.5pt; background: #fff; }
  .hg-wrap { max-width: none; padding: 0; }
  .hg-skip, .hg-toc, .modebar, .modebar-container, .hg-download, .hg-data > summary { display: none !important; }
  .hg-header { background: none; color: var(--hg-text); border-bottom: 2pt solid var(--hg-text); padding: 0 0 4mm; }
  .hg-header a { color: var(--hg-text); }
  .hg-section { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
  h2, h3 { break-after: avoid; }
  .hg-figure, .hg-table-wrap, .hg-methods dl { break-inside: avoid; }
  .hg-chart { width: 100% !important; max-width: 180mm; min-height: 0; }
  .hg-chart .main-svg { max-width: 100%; }
  .hg-data::details-content { content-visibility: visible; display: block; }
  .hg-table-wrap { overflow: visible; }
  .hg-table { font-size: 9pt; }
  a { color: var(--hg-text); }
  .hg-suppression-note, .hg-callout { border: 1pt solid var(--hg-text); }
}
`;
