import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, datasetCatalogue, findDataset } from '../../src/io/catalogue.js';
import { readText, parseCsv } from '../../src/io/csv.js';
import { dataDir } from '../../src/io/paths.js';
import { readMye2 } from '../../src/io/population.js';

/** Every bundled data file, as its path inside data/ without .gz (data/tools/ holds the scripts that build them, not data). */
function bundledFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dataDir(), { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'tools') continue;
    for (const f of readdirSync(join(dataDir(), d.name))) out.push(`${d.name}/${f.replace(/\.gz$/, '')}`);
  }
  return out.sort();
}

describe('dataset catalogue', () => {
  it('lists every bundled file exactly once, with unique ids', () => {
    expect(DATASETS.map((d) => d.file).sort()).toEqual(bundledFiles());
    expect(new Set(DATASETS.map((d) => d.id)).size).toBe(DATASETS.length);
    expect(datasetCatalogue().every((d) => d.present)).toBe(true);
    expect(findDataset('imd2019')?.rows).toBe(32844);
  });

  it('row counts match the files', () => {
    for (const d of datasetCatalogue()) {
      const text = readText(d.path);
      let n: number;
      if (d.unit === 'features') n = (JSON.parse(text) as { features: unknown[] }).features.length;
      else if (d.unit === 'area rows') n = readMye2({ year: 2014, sex: d.id.endsWith('females') ? 'Female' : 'Male' }).numRows() / 91;
      else if (d.unit === 'sheet lines')
        n = (text.match(/\n/g) ?? []).length; // as wc -l counts them (the last line has no newline)
      else if (d.id.startsWith('gp-reg-lsoa'))
        n = text.split('\n').filter((l) => l !== '').length - 1; // no quoted newlines in these files
      else n = parseCsv(text, { file: d.file, allowShortRecords: true }).rows.length;
      expect({ id: d.id, rows: n }).toEqual({ id: d.id, rows: d.rows });
    }
  });

  it('every file in the catalogue has a section in data/SOURCES.md', () => {
    const sources = readFileSync(join(dataDir(), 'SOURCES.md'), 'utf8');
    for (const d of DATASETS) expect(sources.includes(d.file.split('/').pop() as string), d.file).toBe(true);
  });
});
