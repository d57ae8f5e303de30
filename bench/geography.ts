/**
 * Time to build the geography (reading the bundled lookups and boundaries, deriving ICBs) and
 * to answer typical queries. Real data. Run: npx tsx bench/geography.ts
 */
import { getGeography } from '../src/geography/geography.js';
import { mapToCurrentCodes } from '../src/geography/codes.js';

// wall-clock time suffers on a busy machine; CPU time (user + system) is shown as well
const t0 = performance.now();
const c0 = process.cpuUsage();
const g = getGeography();
const build = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(`getGeography() first call: ${build.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (${g.size.toLocaleString('en-GB')} LSOAs)`);
let t = performance.now();
getGeography();
console.log(`getGeography() cached call: ${(performance.now() - t).toFixed(3)} ms`);
t = performance.now();
for (const q of ['Sandwell', 'E08000028', 'herefordshire', 'Kingston upon Hull', 'Black Country']) g.resolveArea(q);
console.log(`resolveArea x5 (first builds the name index): ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
for (const icb of g.areasAt('icb')) g.lsoasIn(icb);
console.log(`lsoasIn for all 42 ICBs: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
mapToCurrentCodes(['E10000009', 'E06000028', 'E10000021'], { target: 'current' });
console.log(`code history (first call builds it): ${(performance.now() - t).toFixed(0)} ms`);
