/**
 * The optional DuckDB path (src/io/duckdb.ts) on a generated record-level file of 3,000,000
 * rows. THE RECORDS ARE SYNTHETIC (seeded, for scale only): real LSOA 2011 codes from the bundled
 * IMD 2019 lookup, random ages, sexes, flags and costs. Every expected total is an independent
 * count kept in JavaScript while the file is written, and the deprivation of each LSOA comes from
 * readImd(), not from DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateRecords, duckdbQuery } from '../../src/io/duckdb.js';
import { readerNotes } from '../../src/io/csv.js';
import { readImd } from '../../src/io/imd.js';
import { InputError } from '../../src/core/errors.js';
import { ESP2013_AGE_BANDS_19, LIFE_TABLE_AGE_BANDS } from '../../src/io/agebands.js';
import { NormalStream } from '../../src/stats/random.js';

const N = 3_000_000;
const PATIENTS = 1_000_000;
const UNKNOWN_LSOA = 'E01999999';
const SEXES = ['Female', 'Male'];

let dir: string;
let csv: string;
let parquet: string;

/** Independent tallies, keyed `quintile|sex` (quintile '' for unknown or blank LSOA). */
const byQuintileSex = new Map<string, { count: number; flagged: number; cost: number }>();
const byEspBand = new Map<string, number>();
const byLifeTableBand = new Map<string, number>();
let blankLsoa = 0;
let unknownLsoa = 0;
let blankCost = 0;
let distinctPatients = 0;
let femaleCore20Flagged = 0;

function espBand(age: number): string {
  if (age >= 90) return '90+';
  const lo = Math.floor(age / 5) * 5;
  return `${lo}-${lo + 4}`;
}

function lifeTableBand(age: number): string {
  if (age < 1) return 'Under 1';
  if (age < 5) return '1-4';
  return espBand(age);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'healthgap-duckdb-'));
  csv = join(dir, 'synthetic_records.csv');
  parquet = join(dir, 'synthetic_records.parquet');
  const imd = readImd();
  const codes = imd.array('lsoa11cd') as string[];
  const deciles = imd.array('imd_decile') as number[];
  // every 8th English LSOA (4,106 of them): all deciles, all regions
  const lsoas: string[] = [];
  const quintiles: number[] = [];
  for (let i = 0; i < codes.length; i += 8) {
    lsoas.push(codes[i]);
    quintiles.push(Math.ceil(deciles[i] / 2));
  }
  const rng = new NormalStream(20240909); // fixed seed
  const seen = new Uint8Array(PATIENTS);
  const fd = openSync(csv, 'w');
  writeSync(fd, 'patient_id,lsoa11,age,sex,smoker,cost\n');
  let chunk: string[] = [];
  for (let i = 0; i < N; i++) {
    const u = rng.uniform();
    let lsoa: string;
    let quintile = '';
    if (u < 0.01) {
      lsoa = '';
      blankLsoa++;
    } else if (u < 0.015) {
      lsoa = UNKNOWN_LSOA;
      unknownLsoa++;
    } else {
      const k = Math.floor(rng.uniform() * lsoas.length);
      lsoa = lsoas[k];
      quintile = String(quintiles[k]);
    }
    const age = Math.floor(rng.uniform() * 105);
    const sex = SEXES[rng.uniform() < 0.5 ? 0 : 1];
    const smoker = rng.uniform() < 0.1 + 0.03 * (quintile === '' ? 0 : 5 - Number(quintile)) ? 1 : 0;
    const costBlank = rng.uniform() < 0.02;
    const cost = costBlank ? 0 : Math.floor(rng.uniform() * 500);
    const patient = Math.floor(rng.uniform() * PATIENTS);
    if (!seen[patient]) {
      seen[patient] = 1;
      distinctPatients++;
    }
    if (costBlank) blankCost++;
    const key = `${quintile}|${sex}`;
    const t = byQuintileSex.get(key) ?? { count: 0, flagged: 0, cost: 0 };
    t.count++;
    t.flagged += smoker;
    t.cost += cost;
    byQuintileSex.set(key, t);
    if (quintile === '1' && sex === 'Female') femaleCore20Flagged += smoker;
    byEspBand.set(espBand(age), (byEspBand.get(espBand(age)) ?? 0) + 1);
    byLifeTableBand.set(lifeTableBand(age), (byLifeTableBand.get(lifeTableBand(age)) ?? 0) + 1);
    chunk.push(`P${patient},${lsoa},${age},${sex},${smoker},${costBlank ? '' : cost}`);
    if (chunk.length === 100_000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rows of a table as plain objects (small result tables only). */
function rows(t: { objects(): object[] }): Record<string, unknown>[] {
  return t.objects() as Record<string, unknown>[];
}

describe('aggregateRecords on 3,000,000 synthetic records', () => {
  it('counts, flags, sums and deprivation by IMD quintile × sex × age band match an independent count', async () => {
    const t = await aggregateRecords(csv, {
      groupBy: ['imd_quintile', 'sex', 'age_band'],
      ageBands: { column: 'age' },
      imd: { lsoa: 'lsoa11' },
      measures: { population: 'count', smokers: { countWhere: 'smoker' }, cost: { sum: 'cost' } },
    });
    expect(t.columnNames()).toEqual(['imd_quintile', 'sex', 'age_band', 'population', 'smokers', 'cost']);
    // 5 quintiles + null × 2 sexes × 19 ESP bands, every combination present at this size
    expect(t.numRows()).toBe(6 * 2 * 19);
    const got = new Map<string, { count: number; flagged: number; cost: number }>();
    const bands = new Map<string, number>();
    let total = 0;
    for (const r of rows(t)) {
      const key = `${r.imd_quintile ?? ''}|${r.sex}`;
      const g = got.get(key) ?? { count: 0, flagged: 0, cost: 0 };
      g.count += r.population as number;
      g.flagged += r.smokers as number;
      g.cost += r.cost as number;
      got.set(key, g);
      bands.set(r.age_band as string, (bands.get(r.age_band as string) ?? 0) + (r.population as number));
      total += r.population as number;
    }
    expect(total).toBe(N);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(byQuintileSex));
    expect(Object.fromEntries(bands)).toEqual(Object.fromEntries(byEspBand));
    expect([...bands.keys()].sort()).toEqual([...ESP2013_AGE_BANDS_19].sort());
    // the null-deprivation group sorts last and holds the blank and unknown LSOAs
    const last = rows(t).at(-1)!;
    expect(last.imd_quintile).toBeNull();
    expect(got.get('|Female')!.count + got.get('|Male')!.count).toBe(blankLsoa + unknownLsoa);
    expect(readerNotes(t)).toEqual([
      `${blankCost.toLocaleString('en-GB')} record(s) with a blank "cost" left out of the sum "cost"`,
      `${blankLsoa.toLocaleString('en-GB')} record(s) with a blank "lsoa11" have null deprivation`,
      `${unknownLsoa.toLocaleString('en-GB')} record(s) whose "lsoa11" is not an English LSOA 2011 code in the IMD 2019 lookup have null deprivation`,
    ]);
  });

  it('Parquet gives the same table as CSV; filters, life-table bands and core20', async () => {
    await duckdbQuery(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const options = {
      groupBy: ['core20', 'age_band'],
      ageBands: { column: 'age', scheme: 'life-table' as const },
      imd: { lsoa: 'lsoa11' },
      filter: { sex: 'Female' },
      measures: { smokers: { countWhere: 'smoker', equals: 1 }, n: 'count' as const },
    };
    const fromCsv = await aggregateRecords(csv, options);
    const fromParquet = await aggregateRecords(parquet, options);
    expect(rows(fromParquet)).toEqual(rows(fromCsv));
    const core20 = rows(fromCsv).filter((r) => r.core20 === true);
    expect(core20.reduce((s, r) => s + (r.smokers as number), 0)).toBe(femaleCore20Flagged);
    expect(new Set(core20.map((r) => r.age_band))).toEqual(new Set(LIFE_TABLE_AGE_BANDS));
    const females = [...byQuintileSex].filter(([k]) => k.endsWith('|Female')).reduce((s, [, v]) => s + v.count, 0);
    expect(rows(fromCsv).reduce((s, r) => s + (r.n as number), 0)).toBe(females);
    const all = await aggregateRecords(parquet, { groupBy: ['age_band'], ageBands: { column: 'age', scheme: 'life-table' } });
    expect(Object.fromEntries(rows(all).map((r) => [r.age_band, r.count]))).toEqual(Object.fromEntries(byLifeTableBand));
  });

  it('one group per patient under a 128 MB DuckDB memory limit (streamed; spills to disk when needed)', async () => {
    const t = await aggregateRecords(csv, {
      groupBy: ['patient_id'],
      measures: { records: 'count' },
      memoryLimit: '128MB',
      threads: 1,
      tempDirectory: join(dir, 'spill'),
    });
    expect(t.numRows()).toBe(distinctPatients);
    expect((t.array('records') as number[]).reduce((s, v) => s + v, 0)).toBe(N);
  });
});

describe('aggregateRecords errors name the file, line and column', () => {
  it('a missing column, a non-number, a bad flag, a negative age, a missing file', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, 'lsoa,age,sex,flag\nE01000001,3,Male,1\nE01000002,-4,Female,maybe\n');
    const err = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const missing = await err(aggregateRecords(small, { groupBy: ['ethnicity'] }));
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as Error).message).toMatch(/small\.csv: no column "ethnicity" \(groupBy\); the file has "lsoa", "age", "sex", "flag"/);
    const notNumber = await err(aggregateRecords(small, { groupBy: [], measures: { s: { sum: 'sex' } } }));
    expect((notNumber as Error).message).toMatch(/small\.csv, line 2, column "sex": expected a number, found "Male"/);
    const badFlag = await err(aggregateRecords(small, { groupBy: [], measures: { f: { countWhere: 'flag' } } }));
    expect((badFlag as Error).message).toMatch(/expected a true\/false flag .* found "maybe"/);
    const negative = await err(aggregateRecords(small, { groupBy: ['age_band'], ageBands: { column: 'age' } }));
    expect((negative as Error).message).toMatch(/column "age": expected ages of 0 or more, found 1 negative \(lowest -4\)/);
    const none = await err(aggregateRecords(join(dir, 'absent.csv'), { groupBy: [] }));
    expect((none as Error).message).toMatch(/absent\.csv: file not found/);
  });
});
