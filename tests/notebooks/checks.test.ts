import { describe, expect, it } from 'vitest';
import { committedProblems, executedProblems, htmlToText } from '../../notebooks/tools/checks.mjs';

const md = (text: string) => ({ cell_type: 'markdown', metadata: {}, source: [text] });
const code = (text: string, extra: Record<string, unknown> = {}) => ({
  cell_type: 'code',
  metadata: {},
  source: [text],
  outputs: [],
  execution_count: null,
  ...extra,
});
const notebook = (cells: unknown[], healthgap: unknown = { expect: ['42 practices'], figures: 1 }) => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'tslab' }, healthgap },
  cells,
});

describe('committed notebook checks', () => {
  it('accepts a clean notebook', () => {
    expect(committedProblems(notebook([md('# Title'), code("import * as hg from 'healthgap';")]), '/n/02-core20plus5.ipynb')).toEqual([]);
  });
  it('finds stale outputs, execution counts and timing metadata', () => {
    const nb = notebook([
      md('# T'),
      code('1', { outputs: [{ output_type: 'stream', name: 'stdout', text: ['1'] }], execution_count: 3, metadata: { execution: {} } }),
    ]);
    expect(committedProblems(nb, '/n/02-x.ipynb')).toEqual([
      'cell 2 has stale outputs: run npm run notebooks:clear',
      'cell 2 has an execution count: run npm run notebooks:clear',
      'cell 2 has execution timing metadata: run npm run notebooks:clear',
    ]);
  });
  it('requires the tslab kernel, declared expectations, a title and public imports', () => {
    const nb = {
      ...notebook([code("import { x } from '../src/stats/index.ts';\nimport { y } from 'healthgap/dist/io/index.js';")], { expect: [] }),
      metadata: { kernelspec: { name: 'python3' }, healthgap: { expect: [{ pattern: '(' }], figures: -1 } },
    };
    const problems = committedProblems(nb, '/n/Bad Name.ipynb');
    expect(problems).toEqual([
      'file name should look like 07-topic-name.ipynb, got Bad Name.ipynb',
      'metadata.kernelspec.name should be "tslab", got "python3"',
      expect.stringContaining('metadata.healthgap.expect[0] is not a valid regular expression'),
      'metadata.healthgap.figures should be a whole number',
      'the first cell should be markdown starting with a "# Title"',
      "cell 1 imports a relative path: import from 'healthgap' or 'healthgap/notebook' (the built package)",
      "cell 1 imports a healthgap subpath other than 'healthgap/notebook': use the public API",
    ]);
    expect(committedProblems(notebook([md('# T')], null), '/n/02-x.ipynb')[0]).toMatch(/metadata.healthgap is missing/);
  });
});

describe('executed notebook checks', () => {
  const run = (outputs: unknown[], healthgap: unknown) => executedProblems(notebook([md('# T'), code('x', { outputs })], healthgap));
  it('finds expected texts in stdout and in HTML without tags', () => {
    const out = run(
      [
        { output_type: 'stream', name: 'stdout', text: ['There are 42 practices\n'] },
        {
          output_type: 'display_data',
          data: {
            'text/html': [
              '<table class="hg-table"><td>Dudley &amp; Sandwell</td></table><div id="hg-fig-1" class="hg-plot"></div><script>var a="hidden text";</script>',
            ],
          },
          metadata: {},
        },
      ],
      { expect: ['42 practices', 'Dudley & Sandwell', { pattern: '\\d+ practices' }], figures: 1, tables: 1 },
    );
    expect(out.problems).toEqual([]);
    expect([out.figures, out.tables]).toEqual([1, 1]);
  });
  it('reports missing texts, too few figures and error outputs', () => {
    const out = run(
      [
        { output_type: 'error', ename: 'InputError', evalue: 'bad', traceback: [] },
        { output_type: 'display_data', data: { 'text/html': '<script>var t="42 practices"</script>' }, metadata: {} },
      ],
      { expect: ['42 practices'], figures: 1 },
    );
    expect(out.problems).toEqual([
      'cell 2 (starts: x)\n    InputError: bad',
      'expected output text not found: "42 practices"',
      'expected at least 1 figure(s), found 0',
    ]);
  });
  it('strips scripts and styles and decodes entities', () => {
    expect(htmlToText('<style>x{}</style><p>a &lt;b&gt; &quot;c&quot;</p><script>d</script>').trim()).toBe('a <b> "c"');
  });
});
