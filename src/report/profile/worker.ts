/**
 * Worker thread for `generateProfiles` with `jobs > 1`: receives `{ i, query }` messages, builds
 * and writes each profile (shared data read once per worker), and answers `{ i, outcome }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateOne, type BatchProfileOptions } from './batch.js';

const { out, options } = workerData as { out: string; options: BatchProfileOptions };

if (parentPort) {
  const port = parentPort;
  port.on('message', (m: { i: number; query: string }) => {
    const outcome = generateOne(m.query, out, options);
    port.postMessage({ i: m.i, outcome });
  });
  port.postMessage({ ready: true });
}
