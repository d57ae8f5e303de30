import { afterEach, describe, expect, it, vi } from 'vitest';
import * as aq from 'arquero';
import { withNotes } from '../io/csv.js';
import { setNotebookDisplay, tslabDisplay, type NotebookDisplay } from './display.js';
import { show, showFigure, showHtml, showMarkdown, showSection, showTable } from './show.js';
import { sectionHtml } from './sections.js';

function capture(): { display: NotebookDisplay; html: string[] } {
  const html: string[] = [];
  const display: NotebookDisplay = { html: (s) => html.push(s), markdown: (s) => html.push(s), text: (s) => html.push(s) };
  return { display, html };
}

afterEach(() => {
  setNotebookDisplay(undefined);
  vi.restoreAllMocks();
});

const fig = { data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }] };

describe('display detection', () => {
  it('finds no tslab kernel in a plain node process', () => {
    expect(tslabDisplay()).toBeNull();
  });
});

describe('show helpers in a notebook', () => {
  it('inlines plotly.js with the first figure of the session only', () => {
    const out = capture();
    setNotebookDisplay(out.display);
    showFigure(fig);
    showFigure(fig);
    showFigure(fig, { plotly: 'inline' });
    const inlined = out.html.map((h) => h.includes('plotly.js, inlined by healthgap'));
    expect(inlined).toEqual([true, false, true]);
  });
  it('shows a table with the reader notes of the table', () => {
    const out = capture();
    setNotebookDisplay(out.display);
    const t = withNotes(aq.table({ practice: ['M88001'], count: [null] }), ['count: 1 suppressed cell ("*") read as missing']);
    showTable(t, { caption: 'Practices' });
    expect(out.html).toHaveLength(1);
    expect(out.html[0]).toContain('count: 1 suppressed cell (&quot;*&quot;) read as missing');
    expect(out.html[0]).toContain('<caption>Practices</caption>');
  });
  it('dispatches show() by what it is given', () => {
    const out = capture();
    setNotebookDisplay(out.display);
    show(aq.table({ a: [1] }));
    show(fig);
    show('**bold** <i>x</i>');
    show({ heading: 'H', headline: 'Line', narrative: 'n', figures: [], tables: [] });
    expect(out.html[0]).toContain('<table class="hg-table">');
    expect(out.html[1]).toContain('class="hg-plot"');
    expect(out.html[2]).toBe('<p><strong>bold</strong> &lt;i&gt;x&lt;/i&gt;</p>\n');
    expect(out.html[3]).toContain('<h2>H</h2>');
  });
  it('passes raw HTML through showHtml unchanged', () => {
    const out = capture();
    setNotebookDisplay(out.display);
    showHtml('<b>ok</b>');
    showMarkdown('# T');
    expect(out.html).toEqual(['<b>ok</b>', '<h1>T</h1>\n']);
  });
});

describe('show helpers outside a notebook', () => {
  it('print plain text to the console', () => {
    setNotebookDisplay(null);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    showTable([{ area_name: 'Sandwell', value: null }]);
    showFigure({ title: 'LE gap', figure: fig, alt: 'Gap widened' });
    showSection({ heading: 'Life expectancy', headline: 'Lower than England', narrative: ['p1'], figures: [], tables: [] });
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'area_name  value\nSandwell   –\n1 row.',
      '[figure] LE gap: Gap widened',
      'LIFE EXPECTANCY\n\nLower than England\n\np1',
    ]);
  });
  it('reject wrong input with a clear message', () => {
    expect(() => showFigure({} as never)).toThrow(/expected a plotly figure/);
    expect(() => showSection({} as never)).toThrow(/expected a section/);
  });
});

describe('sectionHtml', () => {
  it('renders markdown narrative with raw HTML escaped, figures and tables', () => {
    const html = sectionHtml(
      {
        id: 'diabetes',
        heading: 'Diabetes & obesity',
        headline: 'Higher than England',
        narrative: ['Recorded prevalence is **7.8%**.', '<script>alert(1)</script>'],
        figures: [{ title: 'Fig', figure: fig, alt: 'alt' }],
        tables: [{ caption: 'T', columns: [{ key: 'v', label: 'V' }], rows: [{ v: 1 }] }],
        notes: 'Source: QOF',
      },
      { plotly: 'none' },
    );
    expect(html).toContain('<section class="hg-section" id="diabetes">');
    expect(html).toContain('<h2>Diabetes &amp; obesity</h2>');
    expect(html).toContain('<strong>7.8%</strong>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<figcaption');
    expect(html).toContain('<caption>T</caption>');
    expect(html).toContain('Source: QOF');
  });
});

describe('showSection with the report engine', () => {
  it('applies small-number suppression before previewing a report section', () => {
    const out = capture();
    setNotebookDisplay(out.display);
    showSection({
      id: 'deaths',
      heading: 'Deaths',
      headline: 'h',
      narrative: 'n',
      figures: [],
      tables: [
        {
          caption: 'Deaths by ward',
          columns: [
            { key: 'ward', label: 'Ward' },
            { key: 'deaths', label: 'Deaths' },
          ],
          rows: [
            { ward: 'A', deaths: 3 },
            { ward: 'B', deaths: 12 },
          ],
          countColumns: ['deaths'],
        },
      ] as never,
    });
    expect(out.html[0]).toContain('<td class="hg-num" style="text-align:right">12</td>');
    expect(out.html[0]).not.toMatch(/>3<\/td>/);
    expect(out.html[0]).toContain('<td class="hg-num" style="text-align:right">*</td>');
    expect(out.html[0]).toContain('* Suppressed: Counts of 1 to 4');
  });
});
