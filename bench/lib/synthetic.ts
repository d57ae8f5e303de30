/**
 * SYNTHETIC benchmark inputs, generated with fixed seeds so every run times the same data. They
 * exist for timing only: no number computed from them is a statistic about any real place.
 * Shapes follow the national headline workloads (7,000 LE groups, 3,000 DSR groups, a million
 * proportions, 300 SII areas, 6,500 practices, 150 areas × 50 indicators).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { NormalStream } from '../../src/stats/random.js';
import { wilsonInterval } from '../../src/stats/confidence.js';
import { LE_AGE_CONTENTS_90 } from '../../src/stats/lifeExpectancy.js';

/** The seed of every generator here (each generator starts its own stream from it). */
export const SYNTHETIC_SEED = 20240601;

function stream(salt: number): { rng: NormalStream; int: (lo: number, hi: number) => number } {
  const rng = new NormalStream(SYNTHETIC_SEED + salt);
  return { rng, int: (lo, hi) => lo + Math.floor(rng.uniform() * (hi - lo + 1)) };
}

/** 1,000,000 proportions: denominators 50–20,000, numerators uniform below them. */
export function proportions(n = 1_000_000): { x: Float64Array; n: Float64Array; table: ColumnTable } {
  const { rng, int } = stream(1);
  const x = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    d[i] = int(50, 20000);
    x[i] = Math.floor(rng.uniform() * d[i]);
  }
  return { x, n: d, table: aq.table({ x: Array.from(x), n: Array.from(d) }) };
}

/** 3,000 areas × 19 ESP 2013 bands of counts and populations (plus a reference for ISR), grouped by `area`. */
export function dsrInput(groups = 3000): ColumnTable {
  const { rng, int } = stream(2);
  const area: number[] = [];
  const count: number[] = [];
  const pop: number[] = [];
  const refCount: number[] = [];
  const refPop: number[] = [];
  for (let g = 0; g < groups; g++) {
    for (let b = 0; b < 19; b++) {
      area.push(g);
      const p = int(500, 8000);
      pop.push(p);
      count.push(Math.round(p * Math.exp(-8 + 0.08 * b * 5) * (0.5 + rng.uniform())));
      refCount.push(Math.round(200000 * Math.exp(-8 + 0.08 * b * 5)));
      refPop.push(200000);
    }
  }
  return aq.table({ area, count, pop, refCount, refPop }).groupby('area');
}

/** 7,000 groups × the 20 life-table bands (ages 0, 1, 5, …, 90) of deaths and populations, grouped by `g`. */
export function lifeTableInput(groups = 7000): ColumnTable {
  const { int } = stream(3);
  const g: number[] = [];
  const age: number[] = [];
  const d: number[] = [];
  const p: number[] = [];
  for (let k = 0; k < groups; k++) {
    LE_AGE_CONTENTS_90.forEach((a, i) => {
      g.push(k);
      age.push(a);
      const pp = int(2000, 5000);
      p.push(pp);
      d.push(Math.max(1, Math.round(pp * Math.exp(-9 + 0.085 * a) * (i === 19 ? 3 : 1))));
    });
  }
  return aq.table({ g, age, d, p }).groupby('g');
}

/** 300 areas × 10 deciles of a life-expectancy-like value with 95% limits (and a rate-like value with SEs), grouped by `area`. */
export function siiInput(areas = 300): ColumnTable {
  const { rng, int } = stream(4);
  const area: string[] = [];
  const decile: number[] = [];
  const pop: number[] = [];
  const le: number[] = [];
  const lcl: number[] = [];
  const ucl: number[] = [];
  const rate: number[] = [];
  const rateSe: number[] = [];
  for (let a = 0; a < areas; a++) {
    for (let k = 1; k <= 10; k++) {
      area.push(`A${a}`);
      decile.push(k);
      pop.push(int(5000, 25000));
      const v = 74 + k * 0.8 + rng.normal();
      const se = 0.3 + rng.uniform();
      le.push(v);
      lcl.push(v - 1.96 * se);
      ucl.push(v + 1.96 * se);
      rate.push(v / 10);
      rateSe.push(se / 50);
    }
  }
  return aq.table({ area, decile, pop, le, lcl, ucl, rate, rateSe }).groupby('area');
}

/** 6,500 practices: list sizes 1,500–30,000, register counts around 6%, and event counts with crude rates per 100,000. */
export function practicesInput(n = 6500): ColumnTable {
  const { rng, int } = stream(5);
  const prac: string[] = [];
  const reg: number[] = [];
  const list: number[] = [];
  const events: number[] = [];
  const rate: number[] = [];
  for (let i = 0; i < n; i++) {
    prac.push(`P${i}`);
    const l = int(1500, 30000);
    list.push(l);
    const r = Math.round(l * (0.06 + 0.02 * rng.normal() * 0.3));
    reg.push(r);
    const e = Math.max(1, Math.round(r / 10));
    events.push(e);
    rate.push((e / l) * 1e5);
  }
  return aq.table({ prac, reg, list, events, rate });
}

/** 150 areas + England × 50 indicators × 10 years of percentages with 95% and 99.8% Wilson limits. */
export function indicatorsInput(areas = 150, indicators = 50, years = 10): ColumnTable {
  const { rng, int } = stream(6);
  const ind: number[] = [];
  const year: number[] = [];
  const code: string[] = [];
  const value: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const l998: number[] = [];
  const u998: number[] = [];
  const count: number[] = [];
  const den: number[] = [];
  for (let i = 0; i < indicators; i++) {
    for (let y = 0; y < years; y++) {
      for (let a = 0; a <= areas; a++) {
        ind.push(i);
        year.push(2010 + y);
        code.push(a === 0 ? 'E92000001' : `E0${a}`);
        const n = a === 0 ? 5_000_000 : int(20000, 300000);
        const p = 0.1 + 0.002 * y * (i % 3 === 0 ? 1 : -1) + 0.01 * rng.normal();
        const x = Math.round(n * Math.min(0.9, Math.max(0.01, p)));
        const w = wilsonInterval(x, n, 0.95);
        const w3 = wilsonInterval(x, n, 0.998);
        count.push(x);
        den.push(n);
        value.push((100 * x) / n);
        lower.push(100 * (w.lower as number));
        upper.push(100 * (w.upper as number));
        l998.push(100 * (w3.lower as number));
        u998.push(100 * (w3.upper as number));
      }
    }
  }
  return aq.table({ ind, year, area_code: code, value, lower95_0cl: lower, upper95_0cl: upper, lower99_8cl: l998, upper99_8cl: u998, count, denominator: den });
}

/**
 * Write `n` record-level rows (`patient_id,lsoa11,age,sex,smoker`) to a CSV for the DuckDB
 * workload: LSOAs drawn from `lsoas` (real codes), everything else random.
 */
export async function writeRecordsCsv(file: string, n: number, lsoas: string[]): Promise<void> {
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const { rng } = stream(7);
  const fd = openSync(file, 'w');
  writeSync(fd, 'patient_id,lsoa11,age,sex,smoker\n');
  let chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    const lsoa = lsoas[Math.floor(rng.uniform() * lsoas.length)];
    const age = Math.floor(rng.uniform() * 105);
    const sex = rng.uniform() < 0.5 ? 'Female' : 'Male';
    chunk.push(`P${Math.floor(rng.uniform() * 1e6)},${lsoa},${age},${sex},${rng.uniform() < 0.14 ? 1 : 0}`);
    if (chunk.length === 100_000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
}
