import { describe, expect, it } from 'vitest';
import { renderReport, renderReportWithStats } from './render.js';
import { renderIndexPage } from './indexPage.js';
import { REPORT_CSS } from './css.js';
import { healthgapVersion } from './version.js';
import type { Report } from './types.js';

const XSS = '<script>alert(1)</script>';

// Real figures: Dudley (E08000027) mid-2019 population (ONS MYE2, data/population/) and female
// deaths in 2014 by age band (data/deaths/deaths2014_la_sex_age_tidy.csv).
function report(extra: Partial<Report> = {}): Report {
  return {
    title: 'Place profile',
    placeName: 'Dudley',
    placeCode: 'E08000027',
    subtitle: 'Health and wellbeing in Dudley',
    audience: 'Dudley Health and Wellbeing Board',
    logoText: 'Dudley Public Health',
    plotly: { sharedAssetPath: 'plotly.min.js' },
    sections: [
      {
        id: 'who-lives-here',
        heading: 'Who lives here',
        headline: 'Dudley had 321,596 residents in mid-2019.',
        narrative: ['Estimates are from the ONS mid-year estimates.', 'See [methods](#methods).'],
        figures: [
          {
            title: 'Deaths of young females, Dudley, 2014',
            alt: 'Bar chart of deaths of females aged under 5 by age band.',
            figure: { data: [{ type: 'bar', x: ['Under 1', '1-4'], y: [8, 1] }], layout: { height: 300 } },
            table: {
              columns: ['Age band', 'Deaths'],
              rows: [
                ['Under 1', 8],
                ['1-4', 1],
              ],
            },
            notes: [],
            countColumns: ['Deaths'],
            countFields: [{ trace: 0, field: 'y' }],
          },
        ],
        tables: [
          {
            caption: 'Population, mid-2019',
            columns: [
              { key: 'sex', label: 'Sex' },
              { key: 'population', label: 'Population', format: 'integer' },
            ],
            rows: [
              { sex: 'Males', population: 158187 },
              { sex: 'Females', population: 163409 },
            ],
          },
        ],
      },
    ],
    appendix: [
      {
        indicator: 'Resident population',
        definition: 'Usually resident population at 30 June.',
        period: 'mid-2019',
        source: 'ONS mid-year population estimates (MYE2), mid-2019',
        method: 'Count',
        ciMethod: 'Not applicable',
      },
    ],
    ...extra,
  };
}

function withXss(): Report {
  const r = report({ title: `Profile ${XSS}`, placeName: `Dudley ${XSS}`, subtitle: XSS, audience: XSS, logoText: XSS, date: XSS });
  const s = r.sections[0];
  s.heading = `Heading ${XSS}`;
  s.headline = `Headline ${XSS}`;
  s.narrative = `Narrative ${XSS} <img src=x onerror=alert(2)>`;
  s.notes = `Notes ${XSS}`;
  s.figures[0].title = `Chart ${XSS}`;
  s.figures[0].alt = `Alt ${XSS} "quoted"`;
  s.figures[0].figure.layout = { title: { text: `</script><script>alert(3)</script><!--` } };
  s.figures[0].notes = [`Note ${XSS}`];
  s.tables[0].rows[0].sex = XSS;
  s.tables[0].caption = XSS;
  s.tables[0].columns[0].label = XSS;
  r.appendix[0].indicator = `Indicator ${XSS}`;
  r.appendix[0].source = XSS;
  return r;
}

describe('renderReport escaping', () => {
  it('shows every string from the data as text: no script element except the report’s own', () => {
    const html = renderReport(withXss());
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Dudley &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Indicator &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('aria-label="Chart &lt;script&gt;alert(1)&lt;/script&gt;. Alt &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;"');
    // Only the report's own script elements: the shared plotly tag, one figure JSON block, the boot script.
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    // The figure JSON cannot close its element or open a comment, and parses back.
    const json = /<script type="application\/json" data-hg-figure="[^"]+">([^<]*)<\/script>/.exec(html)?.[1];
    expect(json).toBeDefined();
    expect(JSON.parse(json as string).layout.title.text).toBe('</script><script>alert(3)</script><!--');
    expect(html).not.toMatch(/<!--/);
  });
  it('refuses a remote plotly asset (the report must not use the network)', () => {
    expect(() => renderReport(report({ plotly: { sharedAssetPath: 'https://cdn.plot.ly/plotly-2.0.0.min.js' } }))).toThrow(/local relative path/);
  });
});

describe('renderReport structure', () => {
  const html = renderReport(report());
  it('has lang, landmarks, skip link and a table of contents', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    for (const tag of ['<header', '<nav', '<main id="main"', '<footer']) expect(html).toContain(tag);
    expect(html).toContain('<a class="hg-skip" href="#main">Skip to main content</a>');
    expect(html).toContain('<li><a href="#who-lives-here">Who lives here</a></li>');
    expect(html).toContain('<li><a href="#methods">Methods and sources</a></li>');
  });
  it('has headings in order: one h1, then h2s, h3s under them, no level skipped', () => {
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    expect(levels).toEqual([1, 2, 2, 3, 2, 3, 3]); // title, contents, section, figure, methods, indicator, suppression
  });
  it('puts each chart in a figure with a caption, an img role with its alt text, and its data table', () => {
    expect(html).toContain('<figure class="hg-figure" id="fig-who-lives-here-1"');
    expect(html).toContain('<figcaption><h3 id="fig-who-lives-here-1-title">Deaths of young females, Dudley, 2014</h3>');
    expect(html).toContain('role="img" aria-label="Deaths of young females, Dudley, 2014. Bar chart of deaths of females aged under 5 by age band."');
    expect(html).toMatch(/<details class="hg-data">\n<summary>Show the data/);
    expect(html).toContain('<caption id="fig-who-lives-here-1-data-caption">Data for: Deaths of young females, Dudley, 2014</caption>');
    expect(html).toContain('<td class="hg-num">158,187</td>');
  });
  it('writes no date unless given', () => {
    expect(html).not.toContain('<dt>Date</dt>');
    expect(renderReport(report({ date: '1 April 2025' }))).toContain('<div><dt>Date</dt><dd>1 April 2025</dd></div>');
  });
  it('renders the methods appendix from the metadata', () => {
    expect(html).toContain('<h3>Resident population</h3>');
    expect(html).toContain('<div><dt>Source</dt><dd>ONS mid-year population estimates (MYE2), mid-2019</dd></div>');
    expect(html).toContain('<div><dt>Confidence interval method</dt><dd>Not applicable</dd></div>');
  });
  it('refuses duplicate section ids and charts without alt text', () => {
    const r = report();
    r.sections.push({ ...r.sections[0] });
    expect(() => renderReport(r)).toThrow(/used twice/);
    const r2 = report();
    r2.sections[0].figures[0].alt = '';
    expect(() => renderReport(r2)).toThrow(/needs alt text/);
  });
});

describe('renderReport suppression', () => {
  it('suppresses the small count in the table and the chart, and says so with the rule', () => {
    const { html, tableValues, figureValues } = renderReportWithStats(report());
    expect(tableValues).toBe(1);
    expect(figureValues).toBe(1);
    expect(html).toContain('<td class="hg-num hg-suppressed"><span aria-hidden="true">*</span><span class="hg-vh">suppressed</span></td>');
    expect(html).toContain('"y":[8,null]');
    expect(html).toContain(
      'Small numbers: 1 value was suppressed in this report&#39;s tables (and 1 value hidden in the charts). Counts of 1 to 4 (fewer than 5) are suppressed and shown as *',
    );
  });
  it('says when nothing needed suppressing, and follows a configured rule', () => {
    const html = renderReport(report({ suppression: { threshold: 1 } }));
    expect(html).toContain('Small numbers: no values needed suppressing in this report.');
    expect(html).toContain('"y":[8,1]');
  });
});

describe('renderReport determinism', () => {
  it('gives byte-identical output for the same input, including a deep copy', () => {
    const a = renderReport(report());
    const b = renderReport(JSON.parse(JSON.stringify(report())) as Report);
    expect(b).toBe(a);
  });
  it('inlines plotly.js exactly once and gives the same bytes twice', () => {
    const a = renderReport(report({ plotly: 'inline' }));
    const b = renderReport(report({ plotly: 'inline' }));
    expect(a === b).toBe(true);
    expect(a.match(/<script>/g)).toHaveLength(2); // the plotly bundle and the boot script
    expect(a).not.toContain('<script src=');
    expect(a).toContain('Plotly');
  });
  it('inlines the small basic bundle when every trace is scatter/bar/pie, the full one otherwise', () => {
    const basic = renderReport(report({ plotly: 'inline' }));
    expect(basic.length).toBeGreaterThan(1_000_000);
    expect(basic.length).toBeLessThan(2_000_000);
    const full = renderReport(report({ plotly: 'inline', plotlyBundle: 'full' }));
    expect(full.length).toBeGreaterThan(4_000_000);
    const r = report({ plotly: 'inline' });
    r.sections[0].figures[0].figure.data.push({ type: 'heatmap', z: [[1]] });
    expect(renderReport(r).length).toBeGreaterThan(4_000_000);
  });
});

describe('renderIndexPage', () => {
  const entries = [
    { title: 'Walsall place profile', href: 'walsall.html', placeName: 'Walsall', status: 'written' as const },
    { title: 'Dudley place profile', href: 'dudley.html', placeName: 'Dudley', status: 'written' as const },
    { title: `Bad ${XSS}`, href: 'x.html', placeName: `Nowhere ${XSS}`, status: 'failed' as const, reason: `unknown place ${XSS}` },
    { title: 'Isles of Scilly', href: 'scilly.html', placeName: 'Isles of Scilly', status: 'skipped' as const, reason: 'population too small' },
  ];
  it('links written profiles, sorted by place, with a summary and reasons, everything escaped', () => {
    const html = renderIndexPage(entries, { title: 'West Midlands place profiles' });
    expect(html).toContain('<h1>West Midlands place profiles</h1>');
    expect(html).toContain('<p id="index-summary">2 written, 1 skipped, 1 failed.</p>');
    const order = [...html.matchAll(/<tr><th scope="row">(.*?)<\/th>/g)].map((m) => m[1]);
    expect(order).toEqual([
      '<a href="dudley.html">Dudley</a>',
      '<a href="walsall.html">Walsall</a>',
      'Isles of Scilly',
      'Nowhere &lt;script&gt;alert(1)&lt;/script&gt;',
    ]);
    expect(html).toContain('<td class="hg-status-failed">Failed</td><td>unknown place &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html.indexOf('Places without a profile')).toBeGreaterThan(html.indexOf('Places at a glance'));
    expect(html).not.toContain('<script');
  });
  it('is written for its readers: the places and data periods, then each place with its key figures', () => {
    const withFigures = entries.map((x) =>
      x.placeName === 'Dudley'
        ? {
            ...x,
            keyFigures: [
              { label: 'Population, mid-2019', value: '321,596' },
              { label: 'Living in Core20 areas (IMD 2019)', value: '27.7%' },
            ],
          }
        : x.placeName === 'Walsall'
          ? { ...x, keyFigures: [{ label: 'Population, mid-2019', value: '285,478' }] }
          : x,
    );
    const html = renderIndexPage(withFigures, { periods: 'deaths 2014 and QOF 2019/20' });
    expect(html).toContain(
      '<p class="hg-index-intro">Profiles of 2 places: Dudley and Walsall. Each compares the place with England using deaths 2014 and QOF 2019/20, starts with a summary for the board',
    );
    expect(html).toContain(
      '<thead><tr><th scope="col">Place</th><th scope="col" class="hg-num">Population, mid-2019</th><th scope="col" class="hg-num">Living in Core20 areas (IMD 2019)</th><th scope="col">Profile</th></tr></thead>',
    );
    expect(html).toContain(
      '<tr><th scope="row"><a href="dudley.html">Dudley</a></th><td class="hg-num">321,596</td><td class="hg-num">27.7%</td><td>Dudley place profile</td></tr>',
    );
    expect(html).toContain(
      '<tr><th scope="row"><a href="walsall.html">Walsall</a></th><td class="hg-num">285,478</td><td class="hg-num"><span aria-hidden="true">–</span><span class="hg-vh">not available</span></td>',
    );
    expect(html).not.toMatch(/Written<\/td>/);
  });
  it('is deterministic whatever order the jobs finished in', () => {
    expect(renderIndexPage([...entries].reverse())).toBe(renderIndexPage(entries));
  });
  it('refuses a script link', () => {
    expect(() => renderIndexPage([{ title: 'x', href: 'javascript:alert(1)', placeName: 'x', status: 'written' }])).toThrow(/relative path/);
  });
});

describe('renderDataTable: suppressed, missing and number-like cells', () => {
  // Dudley (E08000027) female deaths in 2014 at ages 1-4 (1, suppressed) and under 1 (8);
  // a missing England value for the second row.
  const table = {
    caption: 'Deaths and shares',
    columns: [
      { key: 'age', label: 'Age band' },
      { key: 'deaths', label: 'Deaths', format: 'integer' as const },
      { key: 'share', label: 'Share' },
      { key: 'england', label: 'England', hideInPrint: true },
    ],
    rows: [
      { age: 'Under 1', deaths: 8, share: '88.9%', england: '1,234.5' },
      { age: '1-4', deaths: 1, share: '11.1%', england: null },
    ],
    countColumns: ['deaths'],
    derivedFrom: { share: 'deaths' },
  };
  const html = renderReport(report({ sections: [{ ...report().sections[0], figures: [], tables: [table] }] }));
  it('shows * for suppressed and – for missing, each with its screen-reader word, and a key for both', () => {
    expect(html).toContain('<td class="hg-num hg-suppressed"><span aria-hidden="true">*</span><span class="hg-vh">suppressed</span></td>');
    expect(html).toContain('<td class="hg-num hg-missing hg-noprint"><span aria-hidden="true">–</span><span class="hg-vh">not available</span></td>');
    expect(html).toContain('* suppressed (small number): Counts of 1 to 4 (fewer than 5) are suppressed and shown as *');
    expect(html).toContain('– not available (no value in the source data, or not applicable).');
  });
  it('right-aligns columns of number-like text (12.3%, 1,234.5) and marks print-hidden columns', () => {
    expect(html).toContain('<th scope="col" class="hg-num">Share</th><th scope="col" class="hg-num hg-noprint">England</th>');
    expect(html).toContain('<td class="hg-num">88.9%</td><td class="hg-num hg-noprint">1,234.5</td>');
  });
  it('has no key when nothing is suppressed or missing', () => {
    const plain = renderReport(report());
    expect(plain).not.toContain('not available (no value');
  });
});

describe('renderReport figures', () => {
  it('puts the chart subtitle in the figcaption and does not repeat the title in the description', () => {
    const r = report();
    const f = r.sections[0].figures[0] as (typeof r.sections)[0]['figures'][0] & { subtitle?: string };
    f.subtitle = 'ONS deaths registered in 2014';
    f.alt = 'Deaths of young females, Dudley, 2014. Bar chart by age band.';
    const html = renderReport(r);
    expect(html).toContain(
      '<figcaption><h3 id="fig-who-lives-here-1-title">Deaths of young females, Dudley, 2014</h3>\n<p class="hg-chart-subtitle">ONS deaths registered in 2014</p>\n<p id="fig-who-lives-here-1-desc" class="hg-chart-desc">Bar chart by age band.</p></figcaption>',
    );
    expect(html).toContain('aria-label="Deaths of young females, Dudley, 2014. Deaths of young females, Dudley, 2014. Bar chart by age band."');
  });
  it('marks data tables longer than 60 rows, and says once that chart data are in the HTML version (not printed)', () => {
    const r = report();
    const f = r.sections[0].figures[0];
    f.table = { columns: ['Age band', 'Deaths'], rows: Array.from({ length: 61 }, (_, i) => [`Band ${i}`, 10 + i]) };
    f.figure = { data: [{ type: 'bar', x: [], y: [] }], layout: {} };
    const html = renderReport(r);
    expect(html).toContain('<details class="hg-data hg-data-long">');
    expect(html.match(/class="hg-print-only"/g)).toHaveLength(1);
    expect(html).toContain('<p class="hg-print-only">The numbers behind every chart are in the HTML version of this report');
    expect(REPORT_CSS).toMatch(/@media print \{[\s\S]*\.hg-data, \.hg-footer \{ display: none !important; \}/);
  });
  it('prints a chart of the board summary once: the same chart in a later section is screen-only, with a line saying where it is printed', () => {
    const r = report();
    const chart = r.sections[0].figures[0];
    r.sections.unshift({
      id: 'board-summary',
      heading: 'Board summary',
      headline: '',
      narrative: '- One message.',
      figures: [chart],
      tables: [],
      kind: 'summary',
    });
    const html = renderReport(r);
    expect(html).toContain('<section class="hg-section hg-summary" id="board-summary"');
    expect(html).toContain('<figure class="hg-figure" id="fig-board-summary-1"');
    expect(html).toContain(
      '<p class="hg-print-only">Deaths of young females, Dudley, 2014: printed in the board summary at the front.</p>\n<figure class="hg-figure hg-noprint" id="fig-who-lives-here-1"',
    );
    expect(REPORT_CSS).toMatch(/\.hg-summary \{ break-after: page;/);
  });
  it('writes a running print footer: title, date, data periods, version and page numbers', () => {
    const html = renderReport(report({ date: '1 April 2025', dataPeriods: 'deaths 2014' }));
    const css = /<style>(@media print \{ @page \{ @bottom-left[^<]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toContain(`@bottom-left { content: "Place profile, 1 April 2025 · Data: deaths 2014 · healthgap ${healthgapVersion()}";`);
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(healthgapVersion()).toMatch(/^\d+\.\d+\.\d+/);
    const quoted = renderReport(report({ title: 'A "quoted" \\ title </style>' }));
    expect(quoted).toContain('content: "A \\"quoted\\" \\\\ title \\3c /style> · ');
  });
  it('shows a group of methods entries as one compact table, what they share stated once', () => {
    const r = report();
    const base = {
      period: '2019/20',
      source: 'NHS Digital QOF 2019-20',
      method: 'Register ÷ list size',
      ciMethod: 'Wilson score',
      group: 'QOF recorded prevalence',
    };
    r.appendix = [
      { ...base, indicator: 'Hypertension', definition: 'Hypertension register, all ages.' },
      { ...base, indicator: 'Diabetes', definition: 'Diabetes register, aged 17+.' },
    ];
    const html = renderReport(r);
    expect(html).toContain('<h3 id="methods-group-1">QOF recorded prevalence</h3>');
    expect(html).toContain('<div><dt>Source</dt><dd>NHS Digital QOF 2019-20</dd></div>');
    expect(html).toContain('<thead><tr><th scope="col">Indicator</th><th scope="col">Definition</th></tr></thead>');
    expect(html).toContain('<tr><th scope="row">Diabetes</th><td>Diabetes register, aged 17+.</td></tr>');
    expect(html.match(/<dt>Source<\/dt>/g)).toHaveLength(1);
  });
  it('writes the chart breakpoints, narrowest last, into the figure JSON', () => {
    const r = report();
    (r.sections[0].figures[0] as unknown as { breakpoints: unknown[] }).breakpoints = [
      { maxWidth: 480, layout: { height: 200 } },
      { maxWidth: 760, layout: { height: 250 } },
    ];
    const json = /<script type="application\/json" data-hg-figure="[^"]+">([^<]*)<\/script>/.exec(renderReport(r))?.[1];
    expect(JSON.parse(json as string).breakpoints.map((b: { maxWidth: number }) => b.maxWidth)).toEqual([760, 480]);
  });
});
