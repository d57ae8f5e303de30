/**
 * The layering of docs/architecture.md holds in the code. The floors are read from the table in
 * docs/architecture.md; the imports (static, dynamic, type-only, `export … from`) of every file of
 * src/ (tests excluded) are read with the TypeScript parser. Fails on an import that goes up or
 * sideways, on a domain module running chart code, on an import of the public entry points, on
 * a cycle between files, or on a folder of src/ the table does not list.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const ENTRY_POINTS = ['index.ts', 'verb-kit.ts'];

/** Floor of each folder, from the table in docs/architecture.md (`| 1 | \`io\` | … |`). */
function floorsFromDoc(): Map<string, number> {
  const floors = new Map<string, number>();
  for (const m of readFileSync(join(root, 'docs/architecture.md'), 'utf8').matchAll(/^\| (\d+) \| `([\w-]+)` \|/gm)) floors.set(m[2], Number(m[1]));
  return floors;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (e.endsWith('.ts') && !e.endsWith('.test.ts') && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of a file, resolved to a file of src/ (`.js` → `.ts`). */
function importsOf(file: string): Edge[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (!spec.startsWith('.')) return;
    const to = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    edges.push({ from: relative(src, file), to: relative(src, to), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : file);
const DOMAIN_FLOOR = 4;

const files = sourceFiles(src);
const edges = files.flatMap(importsOf);
const floors = floorsFromDoc();

describe('architecture (docs/architecture.md)', () => {
  it('the doc lists every folder of src/ with its floor', () => {
    expect(floors.get('core')).toBe(0);
    const folders = [...new Set(files.map((f) => folderOf(relative(src, f))))].filter((f) => !ENTRY_POINTS.includes(f)).sort();
    expect(folders.filter((f) => !floors.has(f)).map((f) => `src/${f}/ has no row in docs/architecture.md`)).toEqual([]);
    expect([...floors.keys()].filter((f) => !folders.includes(f)).map((f) => `docs/architecture.md lists ${f}, which is not a folder of src/`)).toEqual([]);
  });

  it('every import goes to the same folder or a lower floor; the domain imports charts for types only', () => {
    const bad: string[] = [];
    for (const e of edges) {
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      if (ENTRY_POINTS.includes(b)) bad.push(`${e.from} imports the public entry point ${e.to}`);
      if (ENTRY_POINTS.includes(a) || a === b) continue;
      const fa = floors.get(a);
      const fb = floors.get(b);
      if (fa === undefined || fb === undefined) continue; // reported by the first test
      if (fb > fa) bad.push(`${e.from} (floor ${fa}) imports ${e.to} (floor ${fb}): upward`);
      else if (fb === fa) bad.push(`${e.from} imports ${e.to}: sideways, both on floor ${fa}`);
      else if (fa === DOMAIN_FLOOR && b === 'charts' && !e.typeOnly)
        bad.push(`${e.from} imports chart code from ${e.to}: the domain may import chart types only`);
    }
    expect(bad).toEqual([]);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('no import cycles between files of src/', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    // Tarjan's strongly connected components; any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const strong = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.sort());
      }
    };
    for (const f of files.map((p) => relative(src, p))) if (!idx.has(f)) strong(f);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });
});
