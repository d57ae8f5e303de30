import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never read the analyst's own data directory (releases added there would change default
// results): every run gets an empty one of its own unless a test chooses another.
const testDataDir = process.env.HEALTHGAP_TEST_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'healthgap-test-data-'));
process.env.HEALTHGAP_TEST_DATA_DIR = testDataDir;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    env: { HEALTHGAP_DATA_DIR: testDataDir },
  },
});
