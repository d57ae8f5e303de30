import { describe, expect, it } from 'vitest';
import { isSafeHref, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders markdown and shows raw HTML as text', () => {
    const html = renderMarkdown('Rates are **higher** <script>alert(1)</script> here.\n\n<img src=x onerror=alert(2)>\n');
    expect(html).toContain('<strong>higher</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });
  it('drops unsafe links but keeps their text', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) and [ok](https://www.gov.uk "GOV.UK") and [here](#methods)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
    expect(html).toContain('<a href="https://www.gov.uk" title="GOV.UK">ok</a>');
    expect(html).toContain('<a href="#methods">here</a>');
  });
  it('keeps no remote images (a report fetches nothing): the alt text is shown', () => {
    const html = renderMarkdown('![Map of Dudley](https://example.org/map.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('Map of Dudley');
  });
  it('starts markdown headings at level 3 under the section h2', () => {
    expect(renderMarkdown('# A\n\n## B')).toBe('<h3>A</h3>\n<h4>B</h4>\n');
  });
});

describe('isSafeHref', () => {
  it('accepts http(s), mailto, anchors and relative paths; rejects script and data URLs', () => {
    for (const ok of ['https://fingertips.phe.org.uk', 'mailto:a@b.nhs.uk', '#x', 'dudley.html', './a/b.html', '../x.html']) expect(isSafeHref(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>', 'vbscript:x', 'file:///etc/passwd'])
      expect(isSafeHref(bad)).toBe(false);
  });
});
