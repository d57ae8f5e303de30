// The block writer and the number formatter's short cuts. Reference for numbers: R's write.csv
// rule, String(Number(v.toPrecision(15))), computed independently for every value.
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCsvNumber, tableToCsv, tableToCsvBlocks } from './csvWrite.js';
import { writeFileAtomicBlocks } from './atomicWrite.js';

const byPrecision = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '');

/** A seeded generator (Park–Miller), so a failure names a reproducible value. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

describe('formatCsvNumber', () => {
  it('equals the 15-significant-digit rule on 200,000 values across magnitudes and signs', () => {
    const r = lcg(20240601);
    const bad: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const u = r();
      const scale = 10 ** Math.floor(r() * 44 - 22);
      const v = i % 5 === 0 ? Math.round(u * 1e6) / 1000 : i % 5 === 1 ? u * 1e17 : i % 5 === 2 ? -u * scale : i % 5 === 3 ? u * 100 : (u - 0.5) * scale;
      if (formatCsvNumber(v) !== byPrecision(v)) bad.push(v);
    }
    expect(bad).toEqual([]);
  });
  it('the edges of the fixed-notation short cut', () => {
    for (const v of [999999999999999.9, 1e15 - 0.5, 1e-6, 9.999999999999999e-7, 123456789012345.67, 0.1 + 0.7, 1234567890123456, -0.000123456789012345678]) {
      expect(formatCsvNumber(v)).toBe(byPrecision(v));
    }
    expect(formatCsvNumber(72.29201389554738)).toBe('72.2920138955474');
    expect(formatCsvNumber(1234567890123456)).toBe('1234567890123460');
  });
});

describe('tableToCsvBlocks', () => {
  it('joined, the blocks are the text tableToCsv writes, header first, in blocks of rows', () => {
    const n = 10_000;
    const t = aq.table({
      g: Array.from({ length: n }, (_, i) => `area ${i % 7}`),
      v: Float64Array.from({ length: n }, (_, i) => i / 3),
      label: Array.from({ length: n }, (_, i) => (i % 2 ? 'Chiang, using Silcocks' : '=SUM(A1)')),
      ok: Array.from({ length: n }, (_, i) => (i % 3 ? true : null)),
    });
    const blocks = [...tableToCsvBlocks(t)];
    expect(blocks[0]).toBe('g,v,label,ok\n');
    expect(blocks.length).toBe(1 + Math.ceil(n / 4096));
    const text = blocks.join('');
    expect(text).toBe(tableToCsv(t));
    const lines = text.split('\n');
    expect(lines.length).toBe(n + 2);
    expect(lines[2]).toBe(`area 1,${byPrecision(1 / 3)},"Chiang, using Silcocks",TRUE`);
    expect(lines[1]).toBe("area 0,0,'=SUM(A1),");
  });
  it('an ordered or filtered table is written in its row order, only its rows', () => {
    const t = aq.table({ area: ['a', 'b', 'c'], v: [2, 3, 1] });
    expect(tableToCsv(t.orderby(aq.desc('v')))).toBe('area,v\nb,3\na,2\nc,1\n');
    expect(tableToCsv(t.filter((d: { v: number }) => d.v > 1))).toBe('area,v\na,2\nb,3\n');
    expect(tableToCsv(t)).toBe('area,v\na,2\nb,3\nc,1\n');
  });
  it('a column of other values (objects) goes through csv-stringify as one block', () => {
    const t = aq.table({ a: [1, 2], o: [{ x: 1 }, { x: 2 }] });
    const blocks = [...tableToCsvBlocks(t)];
    expect(blocks.length).toBe(1);
    expect(blocks[0]).toBe('a,o\n1,"{""x"":1}"\n2,"{""x"":2}"\n');
  });
});

describe('writeFileAtomicBlocks', () => {
  it('writes every block, in order, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-blocks-'));
    const target = join(dir, 'sub', 'out.csv');
    writeFileAtomicBlocks(target, ['a,b\n', '1,2\n', 'é,3\n']);
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\né,3\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['out.csv']);
  });
  it('keeps the old file and removes the temporary one when making a block fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-blocks-'));
    const target = join(dir, 'out.csv');
    writeFileAtomicBlocks(target, ['old\n']);
    function* failing() {
      yield 'new\n';
      throw new Error('disk gone');
    }
    expect(() => writeFileAtomicBlocks(target, failing())).toThrow('disk gone');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    mkdirSync(join(dir, 'folder'));
    expect(() => writeFileAtomicBlocks(join(dir, 'folder'), ['x'])).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['folder', 'out.csv']);
  });
});
