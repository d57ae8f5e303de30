/**
 * Worker thread for `generateProfiles` with `jobs > 1`: receives `{ i, query }` messages, builds
 * and writes each profile, and answers `{ i, outcome }`. The first worker (`exportCache`) reads
 * the shared data itself and adds its reader cache to the answer of its first written profile; the
 * others start from that cache (`cache`), so they parse no national file again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exportReaderCache, importReaderCache } from '../../io/cacheTransfer.js';
import { generateOne, type ProfileWorkerData } from './batch.js';

const { out, options, exportCache, cache } = workerData as ProfileWorkerData;
if (cache) importReaderCache(cache);

if (parentPort) {
  const port = parentPort;
  let exported = !exportCache;
  port.on('message', (m: { i: number; query: string }) => {
    const outcome = generateOne(m.query, out, options);
    if (!exported && outcome.status === 'written') {
      exported = true;
      port.postMessage({ i: m.i, outcome, cache: exportReaderCache() });
      return;
    }
    port.postMessage({ i: m.i, outcome });
  });
  port.postMessage({ ready: true });
}
