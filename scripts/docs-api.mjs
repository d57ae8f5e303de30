#!/usr/bin/env node
/**
 * Generate docs/api.md from the public API: the export list in src/index.ts (its `// ── group:`
 * comments give the groups) and each name's doc comment. For every public name: its group, a
 * one-line summary, the formula and reference where the doc comment has them (`Formula:`,
 * `Reference:` paragraphs), the source file, the tests that use it, and its `@example`.
 *
 *   node scripts/docs-api.mjs           write docs/api.md
 *   node scripts/docs-api.mjs --check   exit 1 when docs/api.md is not what the code generates
 *
 * Also `healthgap/verb-kit` (src/verb-kit.ts), listed after the main groups.
 */
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'api.md');
const ENTRIES = [
  { file: 'src/index.ts', spec: 'healthgap' },
  { file: 'src/verb-kit.ts', spec: 'healthgap/verb-kit' },
];

/** The groups of an entry file and the names each exports, in file order. */
function groupsOf(file) {
  const groups = [];
  let current = null;
  const text = readFileSync(join(ROOT, file), 'utf8');
  const statements = text.replace(/\/\*[\s\S]*?\*\//g, '').split(/;\s*\n/);
  for (const raw of statements) {
    for (const line of raw.split('\n')) {
      const g = /^\/\/ ── ([\w-]+): (.*)$/.exec(line.trim());
      if (g) groups.push((current = { name: g[1], description: g[2].trim(), names: [] }));
    }
    const m = /export\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/.exec(raw);
    if (!m) continue;
    if (!current) groups.push((current = { name: basename(file, '.ts'), description: '', names: [] }));
    for (const part of m[2].split(',')) {
      const p = part.trim();
      if (!p) continue;
      const asName = / as (\w+)$/.exec(p);
      current.names.push(asName ? asName[1] : p.replace(/^type\s+/, ''));
    }
  }
  return groups;
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === 'node_modules' || e === 'fixtures' || e === 'output') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const TESTS = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'tests'))]
  .map((p) => ({ path: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }))
  .sort((a, b) => (a.path < b.path ? -1 : 1));

/** Names a test file imports (from `import { … } from` statements). */
function importedNames(text) {
  const names = new Set();
  for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from/g)) {
    for (const part of m[1].split(',')) {
      const n = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (n) names.add(n);
    }
  }
  for (const m of text.matchAll(/const\s*\{([^}]*)\}\s*=\s*await import\(/g)) for (const part of m[1].split(',')) names.add(part.trim().split(':')[0].trim());
  return names;
}
for (const t of TESTS) t.imports = importedNames(t.text);

/**
 * Up to two test files that import `name`: the one named after its source file first, then
 * conformance tests, then tests of the same folder, then the rest (alphabetical within each).
 */
function testsFor(name, sourceFile) {
  const base = basename(sourceFile, '.ts');
  const folder = sourceFile.split('/')[1];
  const rank = (p) => {
    if (basename(p) === `${base}.test.ts`) return 0;
    if (p.startsWith('tests/conformance/')) return 1;
    if (basename(p).startsWith(base)) return 2;
    return p.startsWith(`src/${folder}/`) || p.startsWith(`tests/${folder}/`) ? 3 : 4;
  };
  const hits = TESTS.filter((t) => t.imports.has(name)).map((t) => t.path);
  return hits.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).slice(0, 2);
}

/** The header comment of a source file (its first doc comment, when it opens the file). */
const headers = new Map();
function headerOf(file) {
  if (!headers.has(file)) {
    const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(join(ROOT, file), 'utf8'));
    headers.set(
      file,
      m
        ? m[1]
            .split('\n')
            .map((l) => l.replace(/^\s*\* ?/, ''))
            .join('\n')
            .trim()
        : '',
    );
  }
  return headers.get(file);
}

const program = ts.createProgram(
  ENTRIES.map((e) => join(ROOT, e.file)),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
);
const checker = program.getTypeChecker();

/** `Formula:` / `Reference:` paragraphs of a doc comment. */
function tagged(text, words) {
  const re = new RegExp(`(?:^|\\n|[.;] )(?:${words})(?: \\([^)]*\\))?:\\s*([\\s\\S]*?)(?=\\n\\s*\\n|$)`);
  const m = re.exec(text);
  return m ? m[1].replace(/\s+/g, ' ').trim() : '';
}

/** First sentence of a doc comment, on one line. */
function summaryOf(text) {
  const para = text
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(para);
  const s = m && m[1].length >= 20 ? m[1] : para;
  return s.length > 240 ? `${s.slice(0, 237)}…` : s;
}

function kindOf(decl) {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer;
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? 'function' : 'const';
  }
  return 'value';
}

/** `{@link X}` as code text. */
const links = (s) => s.replace(/\{@link(?:code|plain)?\s+([^}\s|]+)(?:[\s|][^}]*)?\}/g, '`$1`');

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function describeEntry(entry) {
  const sf = program.getSourceFile(join(ROOT, entry.file));
  const exports = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(sf)).map((s) => [s.name, s]));
  const groups = groupsOf(entry.file);
  const out = [];
  for (const g of groups) {
    const items = [];
    for (const name of g.names) {
      let sym = exports.get(name);
      if (!sym) throw new Error(`${entry.file}: ${name} is listed but not exported`);
      if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      const decl = sym.declarations?.[0];
      const file = relative(ROOT, decl.getSourceFile().fileName).split('\\').join('/');
      const doc = links(ts.displayPartsToString(sym.getDocumentationComment(checker)));
      const tags = sym.getJsDocTags(checker);
      const tag = (n) => tags.filter((t) => t.name === n).map((t) => links(ts.displayPartsToString(t.text ?? [])).trim());
      const isType = !(sym.flags & ts.SymbolFlags.Value);
      items.push({
        name,
        kind: kindOf(decl),
        isType,
        file,

        doc,
        summary: summaryOf(doc),
        formula: tagged(doc, 'Formulas?'),
        reference: tagged(doc, 'References?'),
        moduleFormula: tagged(headerOf(file), 'Formulas?'),
        moduleReference: tagged(headerOf(file), 'References?'),
        examples: tag('example'),
        deprecated: tag('deprecated')[0],
        tests: isType ? [] : testsFor(name, file),
      });
    }
    out.push({ ...g, items });
  }
  return out;
}

function render() {
  const lines = [
    '# healthgap API',
    '',
    '<!-- Generated by `npm run docs:api` (scripts/docs-api.mjs) from src/index.ts, src/verb-kit.ts and the doc comments; a test fails when this file is stale. Do not edit by hand. -->',
    '',
    'Every public name of `healthgap` (and of the `healthgap/verb-kit` subpath), in the groups of `src/index.ts`. For each function, class and constant: what it does, the formula and reference where its doc comment gives them, where it is defined, the tests that exercise it and an example. Types follow each group in one table. Methods whose doc comment has no formula describe it in the header of their source file.',
    '',
  ];
  const entries = ENTRIES.map((e) => ({ ...e, groups: describeEntry(e) }));
  lines.push('## Contents', '');
  for (const e of entries)
    for (const g of e.groups)
      lines.push(
        `- [${e.spec === 'healthgap' ? g.name : `${e.spec}`}](#${(e.spec === 'healthgap' ? g.name : e.spec).replace(/[^\w-]/g, '').toLowerCase()}) — ${g.description || e.spec} (${g.items.filter((i) => !i.isType).length} values, ${g.items.filter((i) => i.isType).length} types)`,
      );
  lines.push('');
  for (const e of entries) {
    for (const g of e.groups) {
      lines.push(`## ${e.spec === 'healthgap' ? g.name : e.spec}`, '');
      if (g.description) lines.push(g.description, '');
      lines.push(`\`import { … } from '${e.spec}'\``, '');
      for (const it of g.items.filter((i) => !i.isType)) {
        lines.push(`### ${it.name}`, '');
        lines.push(
          `${it.kind} · [${it.file}](../${it.file})${it.deprecated !== undefined ? ` · **deprecated**${it.deprecated ? `: ${it.deprecated.replace(/\s+/g, ' ')}` : ''}` : ''}`,
          '',
        );
        lines.push(it.summary || '(no doc comment)', '');
        if (it.formula) lines.push(`- Formula: ${it.formula}`);
        else if (it.moduleFormula) lines.push(`- Formula (module header): ${it.moduleFormula}`);
        if (it.reference) lines.push(`- Reference: ${it.reference}`);
        else if (it.moduleReference) lines.push(`- Reference (module header): ${it.moduleReference}`);
        lines.push(`- Tests: ${it.tests.length ? it.tests.map((t) => `[${t}](../${t})`).join(', ') : '—'}`);
        if (it.examples.length) {
          const ex = it.examples.join('\n');
          lines.push(
            ex.includes('\n')
              ? `- Example:\n\n  \`\`\`ts\n${ex
                  .split('\n')
                  .map((l) => `  ${l}`)
                  .join('\n')}\n  \`\`\``
              : `- Example: \`${ex.replace(/`/g, "'")}\``,
          );
        }
        lines.push('');
      }
      const types = g.items.filter((i) => i.isType);
      if (types.length) {
        lines.push(`Types (${e.spec === 'healthgap' ? g.name : e.spec}):`, '', '| Type | What | Source |', '|---|---|---|');
        for (const t of types) lines.push(`| \`${t.name}\` | ${cell(t.summary || '')} | [${t.file}](../${t.file}) |`);
        lines.push('');
      }
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

const text = render();
if (process.argv.includes('--check')) {
  const now = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (now !== text) {
    process.stderr.write('docs/api.md is stale: run npm run docs:api\n');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${relative(ROOT, OUT)} (${text.split('\n').length} lines)\n`);
}
