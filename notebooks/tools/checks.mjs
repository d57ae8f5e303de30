// Checks for notebooks, shared by `npm run notebooks:check` and tests/notebooks/notebooks.test.ts.
//
// A notebook declares what its executed outputs must contain in its own metadata:
//   "metadata": { "healthgap": { "expect": ["Sandwell", {"pattern": "\\d+\\.\\d% \\(95% CI"}], "figures": 1, "tables": 2 } }
// - expect:  texts that must appear in the outputs (stdout, text, markdown, or HTML with tags
//            stripped); {"pattern": "..."} is a regular expression instead of a literal text
// - figures: at least this many figures shown with showFigure/showSection (plotly divs)
// - tables:  at least this many tables shown with showTable (optional)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Read and parse a notebook file. */
export function readNotebook(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function cellSource(cell) {
  return Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
}

/** The `healthgap` expectations block of a notebook (or undefined). */
export function expectations(nb) {
  return nb?.metadata?.healthgap;
}

/**
 * Problems with a notebook as committed (empty list when fine): its kernel, its declared
 * expectations, a title cell, imports of the built package only, and no stale outputs.
 */
export function committedProblems(nb, path) {
  const problems = [];
  const name = basename(path);
  if (!/^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$/.test(name)) problems.push(`file name should look like 07-topic-name.ipynb, got ${name}`);
  if (nb.nbformat !== 4) problems.push(`nbformat should be 4, got ${nb.nbformat}`);
  if (nb?.metadata?.kernelspec?.name !== 'tslab')
    problems.push(`metadata.kernelspec.name should be "tslab", got ${JSON.stringify(nb?.metadata?.kernelspec?.name)}`);
  const hg = expectations(nb);
  if (!hg || typeof hg !== 'object') problems.push('metadata.healthgap is missing: declare {"expect": [...], "figures": N} (see notebooks/README.md)');
  else {
    if (!Array.isArray(hg.expect) || hg.expect.length === 0)
      problems.push('metadata.healthgap.expect should be a non-empty list of texts that the outputs must contain');
    else
      hg.expect.forEach((e, i) => {
        if (typeof e === 'string' ? e.trim() === '' : typeof e?.pattern !== 'string')
          problems.push(`metadata.healthgap.expect[${i}] should be a text or {"pattern": "regex"}`);
        else if (typeof e !== 'string') {
          try {
            new RegExp(e.pattern);
          } catch (err) {
            problems.push(`metadata.healthgap.expect[${i}] is not a valid regular expression: ${err.message}`);
          }
        }
      });
    for (const key of ['figures', 'tables']) {
      if (hg[key] !== undefined && !(Number.isInteger(hg[key]) && hg[key] >= 0)) problems.push(`metadata.healthgap.${key} should be a whole number`);
    }
  }
  const cells = Array.isArray(nb.cells) ? nb.cells : [];
  if (cells.length === 0) problems.push('the notebook has no cells');
  else if (cells[0].cell_type !== 'markdown' || !/^#\s+\S/.test(cellSource(cells[0]).trimStart()))
    problems.push('the first cell should be markdown starting with a "# Title"');
  cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const where = `cell ${i + 1}`;
    if (Array.isArray(cell.outputs) && cell.outputs.length > 0) problems.push(`${where} has stale outputs: run npm run notebooks:clear`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) problems.push(`${where} has an execution count: run npm run notebooks:clear`);
    if (cell.metadata?.execution || cell.metadata?.ExecuteTime) problems.push(`${where} has execution timing metadata: run npm run notebooks:clear`);
    const src = cellSource(cell);
    if (/\bfrom\s+['"]\.{1,2}\/|require\(\s*['"]\.{1,2}\//.test(src))
      problems.push(`${where} imports a relative path: import from 'healthgap' or 'healthgap/notebook' (the built package)`);
    if (/\bfrom\s+['"]healthgap\/(?!(notebook|fingertips)['"])/.test(src))
      problems.push(`${where} imports a healthgap subpath other than 'healthgap/notebook': use the public API`);
  });
  return problems;
}

function outputText(output) {
  const parts = [];
  if (output.text !== undefined) parts.push(Array.isArray(output.text) ? output.text.join('') : output.text);
  const data = output.data ?? {};
  for (const type of ['text/plain', 'text/markdown']) {
    if (data[type] !== undefined) parts.push(Array.isArray(data[type]) ? data[type].join('') : data[type]);
  }
  if (data['text/html'] !== undefined) {
    const html = Array.isArray(data['text/html']) ? data['text/html'].join('') : data['text/html'];
    parts.push(htmlToText(html));
  }
  return parts.join('\n');
}

/** The visible text of HTML: scripts and styles removed, tags dropped, common entities decoded. */
export function htmlToText(html) {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

function htmlOf(output) {
  const h = output.data?.['text/html'];
  return h === undefined ? '' : Array.isArray(h) ? h.join('') : h;
}

/** Terminal colour codes (ESC [ … m) that tslab puts in its messages. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const words = (text) => text.match(/[A-Za-z_$][\w$]*|\d+|'[^']*'|"[^"]*"/g) ?? [];

/**
 * The 1-based line of TypeScript source that compiled to a JavaScript line (tslab strips types,
 * so the lines are compared by their words), or null when no line shares most of its words.
 */
export function matchingLine(lines, compiled) {
  const target = words(compiled);
  if (target.length === 0) return null;
  let best = null;
  let bestScore = 0;
  lines.forEach((l, i) => {
    if (l.trim() === compiled.trim()) {
      if (bestScore < Infinity) [best, bestScore] = [i + 1, Infinity];
      return;
    }
    const have = new Set(words(l));
    const score = target.filter((w) => have.has(w)).length / target.length;
    if (score > bestScore) [best, bestScore] = [i + 1, score];
  });
  return bestScore >= 0.6 ? best : null;
}

/**
 * Every failing cell of an executed notebook, in order: `{ cell, line, source, message, text }`
 * with `cell` the 1-based cell number, `line` the line of the cell that failed (when tslab's
 * message names it, as for type errors `3:7 - Property 'x' does not exist…`; else null),
 * `source` that line's code, and `message` tslab's error (the stderr it printed, or the error's
 * name and message). A cell failed when it has an error output or the runner marked it
 * (`metadata.healthgap_failed`: type errors come back with no error name or message).
 */
export function cellFailures(nb) {
  const out = [];
  (nb.cells ?? []).forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const outputs = cell.outputs ?? [];
    const errors = outputs.filter((o) => o.output_type === 'error');
    const marked = cell.metadata?.healthgap_failed;
    if (!errors.length && !marked) return;
    const stderr = outputs
      .filter((o) => o.output_type === 'stream' && o.name === 'stderr')
      .map((o) => [].concat(o.text).join(''))
      .join('')
      .replace(ANSI, '')
      .trim();
    const named = errors.map((e) => `${e.ename ?? ''}${e.evalue ? `: ${e.evalue}` : ''}`.replace(ANSI, '').trim()).filter((t) => t && t !== ':');
    if (marked && (marked.ename || marked.evalue) && !named.length) named.push(`${marked.ename}: ${marked.evalue}`);
    const lines = cellSource(cell).split('\n');
    const messages = stderr ? stderr.split('\n').filter((l) => l.trim() !== '') : [];
    const diagnostic = messages.map((l) => /^(?:\S+\.ts )?(\d+):(\d+) - (.*)$/.exec(l)).find(Boolean);
    const firstStack = messages.findIndex((l) => /^\s+at /.test(l));
    // A runtime error: tslab prints `evalmachine.<anonymous>:N`, the compiled line, a caret, then `Name: message`.
    const runtime =
      !diagnostic && /^evalmachine\.<anonymous>:\d+$/.test(messages[0] ?? '')
        ? messages.slice(3).find((l) => /^[A-Za-z]*(Error|Exception)\b|^\w+: /.test(l))
        : undefined;
    const message = diagnostic
      ? messages.join('\n')
      : (runtime ?? named[0] ?? (firstStack > 0 ? messages.slice(0, firstStack) : messages.slice(0, 3)).join('\n')) || 'failed with no message';
    const line = diagnostic ? Number(diagnostic[1]) : runtime ? matchingLine(lines, messages[1] ?? '') : null;
    const source =
      line !== null && lines[line - 1] !== undefined ? lines[line - 1].trim() : (lines.find((l) => l.trim() && !l.trim().startsWith('//')) ?? '').trim();
    const where = line !== null ? `cell ${i + 1}, line ${line}: ${source}` : `cell ${i + 1} (starts: ${source})`;
    out.push({ cell: i + 1, line, source, message, text: `${where}\n    ${message.split('\n').join('\n    ')}` });
  });
  return out;
}

/**
 * Problems with an executed notebook (empty when fine): error outputs, and each declared
 * expectation (texts/patterns, number of figures and tables). Also returns the text searched.
 */
export function executedProblems(nb) {
  const problems = [];
  const texts = [];
  let figures = 0;
  let tables = 0;
  for (const f of cellFailures(nb)) problems.push(f.text);
  (nb.cells ?? []).forEach((cell) => {
    for (const output of cell.outputs ?? []) {
      texts.push(outputText(output));
      const html = htmlOf(output);
      figures += (html.match(/class="hg-plot"/g) ?? []).length;
      tables += (html.match(/<table class="hg-table"/g) ?? []).length;
    }
  });
  const text = texts.join('\n');
  const flat = text.replace(/\s+/g, ' ');
  const hg = expectations(nb) ?? {};
  for (const e of hg.expect ?? []) {
    if (typeof e === 'string') {
      if (!text.includes(e) && !flat.includes(e.replace(/\s+/g, ' '))) problems.push(`expected output text not found: ${JSON.stringify(e)}`);
    } else if (e && typeof e.pattern === 'string') {
      const re = new RegExp(e.pattern);
      if (!re.test(text) && !re.test(flat)) problems.push(`expected output pattern not matched: /${e.pattern}/`);
    }
  }
  if (Number.isInteger(hg.figures) && figures < hg.figures) problems.push(`expected at least ${hg.figures} figure(s), found ${figures}`);
  if (Number.isInteger(hg.tables) && tables < hg.tables) problems.push(`expected at least ${hg.tables} table(s), found ${tables}`);
  return { problems, figures, tables, text };
}
