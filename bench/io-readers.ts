/**
 * Time to read each bundled dataset with its src/io reader (first call parses; later calls come
 * from the per-process cache). Real data. Run: npx tsx bench/io-readers.ts
 * Wall-clock time suffers on a busy machine; CPU time (user + system) is shown as well.
 */
import * as io from '../src/io/index.js';

const readers: [string, () => { numRows(): number }][] = [
  ['readImd()', () => io.readImd()],
  ['readImdFile1()', () => io.readImdFile1()],
  ['readImdDomains()', () => io.readImdDomains()],
  ['readImdPopulation()', () => io.readImdPopulation()],
  ['readImdScores()', () => io.readImdScores()],
  ["readMye2({ sex: 'Persons' })", () => io.readMye2()],
  ['readMye2({ year: 2014 }) (M + F)', () => io.readMye2({ year: 2014 })],
  ['readDeaths2014()', () => io.readDeaths2014()],
  ['readQofPrevalence()', () => io.readQofPrevalence()],
  ['readGpPractices()', () => io.readGpPractices()],
  ['readPracticeMap2022()', () => io.readPracticeMap2022()],
  ['readGpRegistrationsByLsoa()', () => io.readGpRegistrationsByLsoa()],
];

for (const [name, read] of readers) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const n = read().numRows();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const t1 = performance.now();
  read();
  const cached = performance.now() - t1;
  console.log(
    `${name.padEnd(36)} ${n.toLocaleString('en-GB').padStart(9)} rows  ${wall.toFixed(0).padStart(6)} ms wall  ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU  cached ${cached.toFixed(2)} ms`,
  );
}
