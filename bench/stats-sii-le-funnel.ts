/**
 * Speed of sii(), lifeExpectancy() and funnelSignificance() on national-size inputs.
 * SYNTHETIC data (labelled as such): values are generated for timing only, never reported.
 * Run: npx tsx bench/stats-sii-le-funnel.ts
 */
import * as aq from 'arquero';
import { sii } from '../src/stats/sii.js';
import { lifeExpectancy, LE_AGE_CONTENTS_90 } from '../src/stats/lifeExpectancy.js';
import { NormalStream } from '../src/stats/random.js';

const rng = new NormalStream(99);
function time<T>(label: string, f: () => T, rows: number): T {
  f(); // warm-up run (JIT), then the timed run
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  // CPU time of this process is reported too: wall-clock is inflated when the machine is busy
  console.log(`${label}: ${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (${Math.round((rows / ms) * 1000).toLocaleString('en-GB')} rows/s)`);
  return out;
}

// SII: 300 areas × 10 deciles × 10,000 simulations (synthetic life expectancy by decile)
{
  const area: string[] = [], decile: number[] = [], pop: number[] = [], le: number[] = [], se: number[] = [];
  for (let a = 0; a < 300; a++) for (let d = 1; d <= 10; d++) {
    area.push(`A${a}`); decile.push(d); pop.push(5000 + Math.floor(rng.uniform() * 20000));
    le.push(74 + d * 0.8 + rng.normal()); se.push(0.3 + rng.uniform());
  }
  const t = aq.table({ area, decile, pop, le, se }).groupby('area');
  time('sii, 300 areas x 10 quantiles x 10,000 sims (normal)', () => sii(t, { quantile: 'decile', population: 'pop', value: 'le', se: 'se', repetitions: 10000, rii: true }), 3000);
  const rate = aq.table({ area, decile, pop, v: le.map((x) => x / 10), se: se.map((x) => x / 50) }).groupby('area');
  time('sii, 300 areas x 10 quantiles x 10,000 sims (rate, log scale)', () => sii(rate, { quantile: 'decile', population: 'pop', value: 'v', se: 'se', valueType: 1, repetitions: 10000, rii: true }), 3000);
}

// Life expectancy: 7,000 groups × 20 bands (synthetic deaths/populations)
{
  const g: number[] = [], age: number[] = [], d: number[] = [], p: number[] = [];
  for (let k = 0; k < 7000; k++) LE_AGE_CONTENTS_90.forEach((a, i) => {
    g.push(k); age.push(a); const pp = 2000 + Math.floor(rng.uniform() * 3000);
    p.push(pp); d.push(Math.max(1, Math.round(pp * Math.exp(-9 + 0.085 * a) * (i === 19 ? 3 : 1))));
  });
  const t = aq.table({ g, age, d, p }).groupby('g');
  time('lifeExpectancy, 7,000 groups x 20 bands', () => lifeExpectancy(t, { deaths: 'd', population: 'p', startAge: 'age' }), 140000);
}

// Funnel significance and limits: 6,500 practices (synthetic register sizes and counts)
{
  const { funnelSignificance, funnelLimits } = await import('../src/stats/funnel.js');
  const den: number[] = [], num: number[] = [];
  for (let i = 0; i < 6500; i++) {
    const n = 1000 + Math.floor(rng.uniform() * 20000);
    den.push(n); num.push(Math.floor(n * (0.05 + 0.02 * rng.uniform())));
  }
  const t = aq.table({ num, den });
  time('funnelSignificance, 6,500 practices (proportion)', () => funnelSignificance(t, { numerator: 'num', denominator: 'den', statistic: 'proportion' }), 6500);
  time('funnelLimits, 6,500 practices (proportion, 100 points)', () => funnelLimits(t, { numerator: 'num', denominator: 'den', statistic: 'proportion', multiplier: 100 }), 6500);
  const rates = aq.table({ ev: num.map((x) => Math.max(1, Math.round(x / 10))), rate: num.map((x, i) => ((Math.max(1, Math.round(x / 10)) / den[i]) * 1e5)) });
  time('funnelSignificance, 6,500 rows (crude rate, exact/Byar)', () => funnelSignificance(rates, { numerator: 'ev', rate: 'rate', statistic: 'rate', rateType: 'crude', multiplier: 1e5 }), 6500);
}
