import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { cachedRead, clearReaderCache } from './cache.js';
import { readerNotes, withNotes } from './csv.js';
import { exportReaderCache, importReaderCache } from './cacheTransfer.js';

class Opaque {
  x = 1;
}

describe('exportReaderCache / importReaderCache', () => {
  it('round-trips tables (columns, order, notes, dictionary-encoded codes) and plain data; skips class instances', () => {
    clearReaderCache();
    const n = 5000;
    const codes = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `E0100${i % 40}`));
    const t = withNotes(
      aq.table({
        lsoa11cd: codes,
        patients: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i)),
        unique: Array.from({ length: n }, (_, i) => `u${i}`),
        f: Float64Array.from({ length: n }, (_, i) => i / 2),
      }),
      ['file.csv: 3 suppressed values'],
    );
    cachedRead('t', () => t);
    cachedRead('filtered', () => t.filter((d: { patients: number | null }) => d.patients !== null && d.patients < 20));
    cachedRead('plain', () => new Map([['a', { v: [1, 2, null], s: new Set(['x']) }]]));
    cachedRead('opaque', () => new Opaque());
    cachedRead('fn', () => ({ f: () => 1 }));
    const snap = structuredClone(exportReaderCache());
    expect(snap.skipped.sort()).toEqual(['fn', 'opaque']);
    const enc = snap.entries.find(([k]) => k === 't')![1] as { table: { columns: Record<string, unknown>[] } };
    expect('dict' in enc.table.columns[0]).toBe(true); // 40 distinct codes in 5,000 rows
    expect('dict' in enc.table.columns[2]).toBe(false); // all distinct: kept as values
    clearReaderCache();
    expect(importReaderCache(snap)).toBe(3);
    const back = cachedRead<ColumnTable>('t', () => {
      throw new Error('not seeded');
    });
    expect(back.columnNames()).toEqual(t.columnNames());
    for (const c of t.columnNames()) expect(back.array(c)).toEqual(t.array(c));
    expect(back.column('f')).toBeInstanceOf(Float64Array);
    expect(readerNotes(back)).toEqual(['file.csv: 3 suppressed values']);
    const f = cachedRead<ColumnTable>('filtered', () => aq.table({}));
    expect(f.array('patients')).toEqual(t.filter((d: { patients: number | null }) => d.patients !== null && d.patients < 20).array('patients'));
    expect(cachedRead('plain', () => null)).toEqual(new Map([['a', { v: [1, 2, null], s: new Set(['x']) }]]));
    expect(cachedRead('opaque', () => 'rebuilt')).toBe('rebuilt');
    clearReaderCache();
  });
});
