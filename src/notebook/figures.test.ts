import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { figureHtml, figureText, plotlyBundlePath, plotlySource, scriptJson } from './figures.js';

const bar = { data: [{ type: 'bar', x: ['Dudley', 'Sandwell'], y: [7.1, 8.4] }], layout: { title: { text: 'Diabetes </script><script>alert(1)</script>' } } };

describe('figureHtml', () => {
  it('writes a div and a script that draws the figure with Plotly.newPlot', () => {
    const html = figureHtml(bar, { plotly: 'none', id: 'fig1' });
    expect(html).toContain('<div id="fig1" class="hg-plot" style="width:100%;height:450px"></div>');
    expect(html).toContain('window.Plotly.newPlot(el,fig.data,fig.layout,fig.config)');
    expect(html).not.toContain('plotly.js, inlined');
  });
  it('never lets figure text end the script element', () => {
    const html = figureHtml(bar, { plotly: 'none', id: 'fig1' });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('\\u003c/script\\u003e');
    const payload = html.match(/var fig=(\{.*?\});function draw/)![1];
    expect(JSON.parse(payload).layout.title.text).toBe(bar.layout.title.text);
  });
  it('inlines the installed plotly.js once when asked', () => {
    const html = figureHtml(bar, { plotly: 'inline', id: 'fig1' });
    expect(html.startsWith('<script type="text/javascript">/* plotly.js, inlined by healthgap */')).toBe(true);
    expect(html).toContain('window.Plotly = Plotly;');
    expect(html.length).toBeGreaterThan(readFileSync(plotlyBundlePath(), 'utf8').length);
    expect(plotlySource()).not.toMatch(/<\/script/i);
  });
  it('uses the layout height', () => {
    expect(figureHtml({ data: [], layout: { height: 300 } }, { plotly: 'none', id: 'f' })).toContain('height:300px');
  });
  it('shows a chart spec with caption, text alternative and its data', () => {
    const chart = {
      title: 'Recorded diabetes prevalence <17+>',
      figure: bar,
      alt: 'Sandwell is higher than Dudley & Walsall.',
      table: {
        columns: ['area', 'value'],
        rows: [
          ['Dudley', 7.1],
          ['Sandwell', 8.4],
        ],
      },
      notes: ['QOF 2019/20'],
    };
    const html = figureHtml(chart, { plotly: 'none', id: 'c1' });
    expect(html).toContain('<figcaption style="font-weight:600">Recorded diabetes prevalence &lt;17+&gt;</figcaption>');
    expect(html).toContain('aria-label="Sandwell is higher than Dudley &amp; Walsall."');
    expect(html).toContain('<p class="hg-note">QOF 2019/20</p>');
    expect(html).toContain('<summary>Data behind the chart</summary>');
    expect(html).toContain('>8.40</td>');
  });
  it('rejects things that are not figures, and unsafe ids', () => {
    expect(() => figureHtml({ foo: 1 } as never)).toThrow(/expected a plotly figure/);
    expect(() => figureHtml(bar, { plotly: 'none', id: 'x" onload="y' })).toThrow(/figure id/);
  });
});

describe('scriptJson / figureText', () => {
  it('escapes <, >, & and line separators but parses back to the same value', () => {
    const value = { s: '<!-- </script> & \u2028' };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
  it('describes a figure in one line', () => {
    expect(figureText(bar)).toBe('[figure] Diabetes </script><script>alert(1)</script> (1 trace; open in Jupyter to see it)');
    expect(figureText({ title: 'T', figure: bar, alt: 'A' })).toBe('[figure] T: A');
  });
});
