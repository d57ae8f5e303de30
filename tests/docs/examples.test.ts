/**
 * Every TypeScript example in the docs (each ```ts block of docs/*.md and README.md, whichever pages
 * exist when the test runs) imports only the public package ('healthgap', 'healthgap/notebook',
 * 'healthgap/fingertips', plus arquero or danfojs-node) and type-checks against the built package
 * as a notebook cell would: each block is its own module, top-level await allowed, not strict
 * (tslab's defaults). Blocks are written to .scratch-docs-examples/ (git-ignored) and checked in one program.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..', '..');
// outside tests/ (the project type-check must not pick the generated files up); git-ignored
const OUT = join(ROOT, '.scratch-docs-examples');
const ALLOWED = /^(healthgap|healthgap\/notebook|healthgap\/fingertips|arquero|danfojs-node|node:[a-z/]+)$/;

interface Example {
  page: string;
  index: number;
  line: number;
  code: string;
}

/** The ```ts / ```typescript blocks of a markdown page, with the line each starts on. */
function tsBlocks(page: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i].trim())) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !/^```\s*$/.test(lines[j].trim())) j++;
    out.push({ page, index: out.length + 1, line: start + 1, code: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

// docs/api.md is generated from the code's doc comments (npm run docs:api): its @example
// one-liners are checked with the code, not here
const GENERATED = new Set(['api.md']);
const pages = [
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && !GENERATED.has(f))
    .sort()
    .map((f) => `docs/${f}`),
  'README.md',
];
const examples = pages.flatMap((page) => tsBlocks(page, readFileSync(join(ROOT, page), 'utf8')));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

beforeAll(() => {
  const marker = join(ROOT, 'dist', 'index.js');
  if (!existsSync(marker) || statSync(marker).mtimeMs < newest(join(ROOT, 'src'))) {
    spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  }
});

describe('docs examples', () => {
  it('finds examples on the docs pages', () => {
    expect(pages).toContain('docs/r-users.md');
    expect(examples.length).toBeGreaterThan(5);
  });

  it('import only the public package', () => {
    const bad: string[] = [];
    for (const e of examples) {
      for (const m of e.code.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (!ALLOWED.test(spec)) bad.push(`${e.page} example ${e.index} (line ${e.line}): imports '${spec}'; import from 'healthgap'`);
      }
      if (!/\bfrom\s+['"]healthgap(\/\w+)?['"]/.test(e.code))
        bad.push(`${e.page} example ${e.index} (line ${e.line}): does not import from 'healthgap', so it cannot be pasted into a notebook`);
    }
    expect(bad).toEqual([]);
  });

  it('type-check against the built package, as notebook cells', { timeout: 300_000 }, () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const files = examples.map((e) => {
      const file = join(OUT, `${e.page.replace(/[/.]/g, '_')}_${e.index}.ts`);
      writeFileSync(file, `${e.code}\nexport {};\n`);
      return { file, e };
    });
    const program = ts.createProgram(
      files.map((f) => f.file),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        strict: false,
        noEmit: true,
        skipLibCheck: true,
        esModuleInterop: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const f = files.find((x) => x.file === d.file?.fileName);
      const where =
        f && d.file && d.start !== undefined
          ? `${f.e.page} example ${f.e.index}, line ${f.e.line + d.file.getLineAndCharacterOfPosition(d.start).line}`
          : (d.file?.fileName ?? 'program');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(problems).toEqual([]);
  });
});
