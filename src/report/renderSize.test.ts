// Report size: a figure repeated in a page embeds its JSON once, and plotly.js can be inlined
// gzipped. References: the gunzipped payload is compared byte for byte with the installed bundle
// file; the repeated figure's JSON with the first one's.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { renderReport } from './render.js';
import { FIGURE_BOOT_SCRIPT, PLOTLY_GZIP_SCRIPT_TYPE, plotlyBundlePath } from './plotly.js';
import type { Report } from './types.js';

// Real figures: Dudley (E08000027) female deaths in 2014, under 1 and 1-4 (data/deaths/deaths2014_la_sex_age_tidy.csv).
function figure(title: string): Report['sections'][number]['figures'][number] {
  return {
    title,
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
  };
}

function report(extra: Partial<Report> = {}): Report {
  const section = (id: string) => ({
    id,
    heading: id,
    headline: 'Dudley deaths, 2014.',
    narrative: 'ONS deaths.',
    figures: [figure('Deaths of young females, Dudley, 2014')],
    tables: [],
  });
  return { title: 'Place profile', placeName: 'Dudley', placeCode: 'E08000027', sections: [section('summary'), section('deaths')], appendix: [], ...extra };
}

const figureScripts = (html: string) =>
  [...html.matchAll(/<script type="application\/json" data-hg-figure="([^"]+)"([^>]*)>([^<]*)<\/script>/g)].map((m) => ({ id: m[1], attrs: m[2], body: m[3] }));

describe('a figure shown twice', () => {
  it('embeds its JSON once; the second points to the first', () => {
    const html = renderReport(report({ plotly: { sharedAssetPath: 'plotly.min.js' } }));
    const scripts = figureScripts(html);
    expect(scripts.map((s) => s.id)).toEqual(['fig-summary-1-chart', 'fig-deaths-1-chart']);
    expect(JSON.parse(scripts[0].body).data).toEqual([{ type: 'bar', x: ['Under 1', '1-4'], y: [8, 1] }]);
    expect(scripts[1].attrs).toBe(' data-hg-same-as="fig-summary-1-chart"');
    expect(scripts[1].body).toBe('');
    expect(FIGURE_BOOT_SCRIPT).toContain("node.getAttribute('data-hg-same-as')");
  });
  it('different figures keep their own JSON, and a second render starts afresh', () => {
    const r = report({ plotly: { sharedAssetPath: 'plotly.min.js' } });
    r.sections[1].figures[0].figure.data = [{ type: 'bar', x: ['Under 1', '1-4'], y: [6, 2] }];
    const scripts = figureScripts(renderReport(r));
    expect(scripts.every((s) => s.attrs === '' && s.body.length > 0)).toBe(true);
    const again = figureScripts(renderReport(report({ plotly: { sharedAssetPath: 'plotly.min.js' } })));
    expect(again[0].body.length).toBeGreaterThan(0);
  });
});

describe('large figure JSON in a gzip report', () => {
  it('is embedded gzipped (base64) and unpacks to the JSON a text report embeds; small figures stay as text', () => {
    const big = (r: Report) => {
      // a 3,000-point line: ~40 KB of JSON, over the 16 KB threshold
      r.sections[1].figures[0].figure.data = [
        { type: 'scatter', x: Array.from({ length: 3000 }, (_, i) => i / 7), y: Array.from({ length: 3000 }, (_, i) => i % 13) },
      ];
      return r;
    };
    const gz = figureScripts(renderReport(big(report({ plotly: 'inline', plotlyEncoding: 'gzip' }))));
    const text = figureScripts(renderReport(big(report({ plotly: 'inline' }))));
    expect(gz[0].attrs).toBe('');
    expect(gz[0].body).toBe(text[0].body);
    expect(gz[1].attrs).toBe(' data-hg-packed="gzip-base64"');
    expect(text[1].attrs).toBe('');
    expect(text[1].body.length).toBeGreaterThan(16_384);
    expect(gunzipSync(Buffer.from(gz[1].body, 'base64')).toString('utf8')).toBe(text[1].body);
    expect(gz[1].body.length).toBeLessThan(text[1].body.length / 2);
    expect(FIGURE_BOOT_SCRIPT).toContain("node.removeAttribute('data-hg-packed')");
  });
});

describe('plotly.js inlined gzipped', () => {
  it('holds exactly the bundle file, is much smaller than inlining it as text, and is the same bytes every run', () => {
    const gz = renderReport(report({ plotly: 'inline', plotlyEncoding: 'gzip' }));
    const text = renderReport(report({ plotly: 'inline' }));
    const payload = new RegExp(`<script type="${PLOTLY_GZIP_SCRIPT_TYPE}">([A-Za-z0-9+/=]+)</script>`).exec(gz)?.[1];
    expect(payload).toBeDefined();
    expect(gunzipSync(Buffer.from(payload ?? '', 'base64')).equals(readFileSync(plotlyBundlePath('basic')))).toBe(true);
    expect(gz.length).toBeLessThan(text.length - 500_000);
    expect(renderReport(report({ plotly: 'inline', plotlyEncoding: 'gzip' }))).toBe(gz);
    // the page's own scripts only: the payload (not run), the boot script that unpacks it
    expect(gz.match(/<script>/g)).toHaveLength(1);
    expect(FIGURE_BOOT_SCRIPT).toContain("new DecompressionStream('gzip')");
  });
});
