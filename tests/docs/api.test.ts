/**
 * docs/api.md is generated from src/index.ts, src/verb-kit.ts and the doc comments
 * (scripts/docs-api.mjs); this test fails when it is stale, so the API page cannot drift from the
 * code. Fix: `npm run docs:api`.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/api.md', () => {
  it('is what npm run docs:api generates from the code', () => {
    const r = spawnSync(process.execPath, ['scripts/docs-api.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('gives a method its summary, formula or reference, source, conformance test and example', () => {
    const md = readFileSync(`${root}docs/api.md`, 'utf8');
    const entry = (name: string) => md.slice(md.indexOf(`\n### ${name}\n`), md.indexOf('\n### ', md.indexOf(`\n### ${name}\n`) + 5));
    const wilson = entry('proportionWithCI');
    expect(wilson).toContain('[src/stats/proportion.ts](../src/stats/proportion.ts)');
    expect(wilson).toContain('- Formula: (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))');
    expect(wilson).toContain('- Reference: Wilson EB (1927) JASA 22:209-212');
    expect(wilson).toContain('[tests/conformance/proportion.test.ts]');
    expect(wilson).toContain('- Example: `proportionWithCI(65, 100)');
    expect(entry('sii')).toContain('- Reference (module header): Low A, Low A (2004)');
    // internals are not documented as public names of 'healthgap'
    const main = md.slice(0, md.indexOf('\n## healthgap/verb-kit'));
    for (const internal of [
      'rNcharWhole',
      'EXIT_OK',
      'sumRowsNaZero',
      'poissonCis',
      'hexToRgb',
      'pointInRing',
      'scriptSafe',
      'FIGURE_BOOT_SCRIPT',
      'generateOne',
    ])
      expect(main).not.toContain(`\n### ${internal}\n`);
    expect(md).toContain('## healthgap/verb-kit');
    expect(md).toContain('\n### VerbContext\n');
  });
});
