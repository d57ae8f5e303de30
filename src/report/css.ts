/**
 * The report stylesheet, inlined in every report: readable on a phone (single column, tables
 * scroll sideways inside a focusable region), WCAG 2.1 AA colours (body text #0b0c0c on white
 * 19.6:1, links #1d4f91 8.1:1 (7.3:1 on the grey panel), visited #4c2c92 10.1:1, muted text
 * #4b5559 7.7:1, header white on #0b3b6e 11.3:1, focus #0b0c0c on #ffdd00 14.6:1), a
 * visible focus style (yellow fill with a black underline, as on GOV.UK), and a print
 * stylesheet for A4: the board summary fills the first pages and ends with a page break, the
 * sections then follow one another without forced breaks (no near-blank pages), figures are not
 * split, the chart toolbar, skip link, contents and the charts' "Show the data" tables are left
 * out (the section tables and the appendix are printed), and each page has a running footer
 * (added per report: see `printFooterCss`).
 */
export const REPORT_CSS = `
:root { --hg-text: #0b0c0c; --hg-muted: #4b5559; --hg-link: #1d4f91; --hg-link-visited: #4c2c92; --hg-brand: #0b3b6e;
  --hg-border: #b1b4b6; --hg-panel: #f3f2f1; --hg-focus: #ffdd00; --hg-note: #fff7d6; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--hg-text); background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; overflow-wrap: break-word; }
.hg-wrap { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
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
.hg-subtitle { margin: 0 0 0.75rem; font-size: 1.15rem; max-width: 46rem; }
.hg-meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; font-size: 0.95rem; }
.hg-meta div { display: flex; gap: 0.4rem; }
.hg-meta dt { font-weight: 700; }
.hg-meta dd { margin: 0; }
.hg-toc { border-bottom: 1px solid var(--hg-border); background: var(--hg-panel); padding: 0.75rem 0; }
.hg-toc h2 { font-size: 1.15rem; margin: 0 0 0.25rem; }
.hg-toc ol { margin: 0; padding-left: 1.5rem; columns: 2 16rem; column-gap: 2rem; }
.hg-toc li { margin: 0.15rem 0; break-inside: avoid; }
main { display: block; padding: 1rem 0 2rem; }
.hg-suppression-note, .hg-callout { background: var(--hg-note); border-left: 5px solid #8a6d00; padding: 0.75rem 1rem; margin: 1rem 0; max-width: 44rem; }
.hg-section { padding-top: 1.25rem; margin-top: 1.5rem; border-top: 2px solid var(--hg-brand); }
.hg-section:first-of-type { border-top: none; margin-top: 0; }
h2 { font-size: clamp(1.4rem, 1.15rem + 1.2vw, 1.85rem); line-height: 1.2; margin: 0 0 0.5rem; }
h3 { font-size: 1.25rem; line-height: 1.25; margin: 1.25rem 0 0.5rem; }
h4, h5, h6 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
.hg-headline { font-size: 1.2rem; font-weight: 600; margin: 0 0 1rem; max-width: 46rem; }
.hg-narrative p, .hg-narrative li { max-width: 46rem; }
.hg-figure { margin: 1.5rem 0; padding: 0; break-inside: avoid; }
.hg-figure figcaption h3 { margin-top: 0; }
.hg-figure figcaption p { margin: 0 0 0.5rem; max-width: 46rem; }
.hg-figure figcaption .hg-chart-subtitle { color: var(--hg-muted); font-size: 0.95rem; margin-top: -0.25rem; }
.hg-figure figcaption .hg-chart-desc { color: var(--hg-text); }
.hg-chart { width: 100%; min-height: 320px; }
.hg-chart-failed { min-height: 0; padding: 0.75rem 1rem; border: 1px solid var(--hg-border); background: var(--hg-panel); }
.hg-download { margin: 0.5rem 0 0; padding: 0.4rem 0.9rem; font: inherit; font-size: 0.95rem; color: var(--hg-text); background: #fff;
  border: 2px solid var(--hg-text); border-radius: 0; cursor: pointer; }
.hg-download:hover { background: var(--hg-panel); }
.hg-download[hidden] { display: none; }
.hg-data { margin: 0.5rem 0 0; }
.hg-data > summary { cursor: pointer; color: var(--hg-link); text-decoration: underline; padding: 0.35rem 0; display: list-item; }
.hg-data[open] > summary { margin-bottom: 0.5rem; }
.hg-table-wrap { position: relative; overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; margin: 0.5rem 0; }
.hg-table { border-collapse: collapse; font-size: 0.95rem; min-width: 50%; font-variant-numeric: tabular-nums lining-nums; }
.hg-table caption { text-align: left; font-weight: 700; padding: 0 0 0.4rem; caption-side: top; }
.hg-table th, .hg-table td { border-bottom: 1px solid var(--hg-border); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.hg-table th:first-child, .hg-table td:first-child { padding-left: 0; }
.hg-table thead th { border-bottom: 2px solid var(--hg-text); vertical-align: bottom; line-height: 1.25; min-width: 4.5em; }
.hg-table thead th.hg-num { white-space: normal; }
.hg-table .hg-wide { min-width: 14em; }
.hg-table .hg-num { text-align: right; white-space: nowrap; }
.hg-table tbody th { font-weight: 400; min-width: 4.5em; max-width: 24em; }
.hg-table tbody th:not(.hg-num) { min-width: 11em; }
.hg-table tbody td:not(.hg-num) { min-width: 5em; }
.hg-table tbody tr:hover { background: var(--hg-panel); }
.hg-table .hg-suppressed, .hg-table .hg-missing { color: var(--hg-muted); }
.hg-figure-notes { margin: 0.5rem 0 0; padding-left: 1.25rem; font-size: 0.95rem; color: var(--hg-muted); }
.hg-table-note, .hg-section-notes { font-size: 0.95rem; color: var(--hg-muted); max-width: 52rem; }
.hg-print-only { display: none; }
.hg-methods dl { margin: 0 0 1rem; }
.hg-methods dl > div { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 0 1rem; padding: 0.3rem 0; border-bottom: 1px solid #dcdcdc; }
.hg-methods dt { font-weight: 700; }
.hg-methods-table td { min-width: 12em; }
.hg-summary { background: var(--hg-panel); border-top: none; padding: 1rem 0.75rem 0.5rem; margin: 0 0 1.5rem; }
.hg-summary .hg-key-messages { margin: 0 0 1rem; padding-left: 1.25rem; max-width: 50rem; }
.hg-summary .hg-key-messages li { margin: 0.3rem 0; }
.hg-summary .hg-figure { background: #fff; padding: 0.75rem; }
.hg-methods dd { margin: 0; }
.hg-footer { border-top: 1px solid var(--hg-border); background: var(--hg-panel); padding: 1rem 0; font-size: 0.95rem; }
.hg-status-failed { color: #a4190c; font-weight: 700; }
.hg-index-intro { max-width: 46rem; font-size: 1.1rem; }
.hg-index-summary { display: inline-block; margin: 0.25rem 0 1rem; padding: 0.4rem 0.8rem; background: var(--hg-panel); border-left: 5px solid var(--hg-brand); font-weight: 600; }
.hg-index-summary p { margin: 0; }
.hg-index-table { min-width: min(100%, 40rem); font-size: 1rem; }
.hg-index-table th, .hg-index-table td { padding-top: 0.6rem; padding-bottom: 0.6rem; vertical-align: baseline; }
.hg-index-table tbody th a { font-weight: 700; font-size: 1.1rem; }
.hg-status-written { color: #00703c; font-weight: 600; }
.hg-status-skipped { color: var(--hg-muted); font-weight: 600; }
@media (max-width: 40rem) {
  .hg-wrap { padding: 0 0.75rem; }
  .hg-methods dl > div { grid-template-columns: 1fr; }
  .hg-chart { min-height: 280px; }
  .hg-table { font-size: 0.9rem; }
  .hg-table tbody th:not(.hg-num) { min-width: 9em; }
  .hg-table tbody th, .hg-table thead th:first-child { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: 1px 0 0 var(--hg-border); }
}
@media print {
  @page { size: A4; margin: 13mm 13mm 16mm; }
  html, body { font-size: 10pt; background: #fff; }
  .hg-methods { font-size: 7.5pt; }
  .hg-methods h3 { font-size: 8.5pt; margin: 1.5mm 0 0.5mm; }
  .hg-methods dl, .hg-methods p { margin: 0.5mm 0; }
  .hg-methods .hg-table { font-size: 6.5pt; }
  .hg-wrap { max-width: none; padding: 0; }
  .hg-skip, .hg-toc, .modebar, .modebar-container, .hg-download, .hg-data, .hg-footer { display: none !important; }
  .hg-header { background: none; color: var(--hg-text); border-bottom: 2pt solid var(--hg-text); padding: 0 0 3mm; }
  .hg-header h1 { font-size: 20pt; }
  .hg-subtitle { font-size: 11pt; margin-bottom: 2mm; }
  .hg-header a { color: var(--hg-text); }
  main { padding: 2mm 0 0; }
  .hg-section { break-before: auto; border-top: 1.5pt solid var(--hg-brand); margin-top: 5mm; padding-top: 2mm; }
  .hg-summary { break-after: page; background: none; margin: 0; padding: 0; border-top: none; }
  .hg-summary .hg-figure { padding: 0; }
  h2 { font-size: 15pt; }
  h3 { font-size: 11.5pt; margin-top: 3mm; }
  .hg-headline { font-size: 11pt; margin-bottom: 2mm; }
  .hg-narrative p { margin: 0 0 2mm; }
  h2, h3, .hg-headline { break-after: avoid; }
  .hg-figure { margin: 3mm 0; }
  .hg-figure figcaption, .hg-chart, .hg-methods dl > div { break-inside: avoid; }
  .hg-figure figcaption { break-after: avoid; }
  .hg-figure figcaption .hg-chart-desc { display: none; }
  .hg-chart { width: 100% !important; max-width: 184mm; min-height: 0; }
  .hg-chart .main-svg { max-width: 100%; }
  .hg-table-wrap { overflow: visible; margin: 1mm 0; }
  .hg-table { font-size: 8pt; width: 100%; min-width: 0; }
  .hg-table th, .hg-table td { padding: 0.15em 0.3em; }
  .hg-table-many { font-size: 7pt; }
  .hg-table thead th, .hg-table tbody th:not(.hg-num), .hg-table tbody td:not(.hg-num), .hg-table .hg-wide, .hg-methods-table td { min-width: 0; }
  .hg-table tbody tr:hover { background: none; }
  .hg-table tr { break-inside: avoid; }
  .hg-table thead { display: table-header-group; }
  .hg-table-note, .hg-section-notes, .hg-figure-notes { font-size: 8pt; }
  .hg-methods dl > div { padding: 0.1rem 0; grid-template-columns: 10rem 1fr; font-size: 8.5pt; }
  .hg-methods-table { font-size: 7.5pt; }
  .hg-noprint { display: none !important; }
  .hg-print-only { display: block; font-size: 8.5pt; color: var(--hg-muted); }
  .hg-table-wrap { break-inside: auto; }
  a { color: var(--hg-text); }
  .hg-suppression-note, .hg-callout { border: 1pt solid var(--hg-text); max-width: none; padding: 1.5mm 3mm; margin: 2mm 0; font-size: 8.5pt; }
}
`;
