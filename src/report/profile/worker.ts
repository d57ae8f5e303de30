/**
 * Worker thread for `generateProfiles` with `jobs > 1`: receives `{ i, query }` messages, builds
 * and writes each profile, and answers `{ i, outcome }`. The first worker (`cachePorts`) reads the
 * shared data itself and, after its first written profile, posts its reader cache to the other
 * workers; they (`cachePort`) import it before asking for their first place, so they parse no
 * national file again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exportReaderCache, importReaderCache, type ReaderCacheSnapshot } from '../../io/cacheTransfer.js';
import { generateOne, type ProfileWorkerData } from './batch.js';

const { out, options, cachePorts, cachePort } = workerData as ProfileWorkerData;

if (parentPort) {
  const port = parentPort;
  let outcomes = 0;
  let shared = !cachePorts?.length;
  port.on('message', (m: { i: number; query: string }) => {
    const outcome = generateOne(m.query, out, options);
    outcomes++;
    // share the warm cache after the first written profile (or the third outcome, so that the
    // other workers never wait long on places that fail or are skipped)
    if (!shared && (outcome.status === 'written' || outcomes >= 3)) {
      shared = true;
      const snapshot = exportReaderCache();
      for (const p of cachePorts!) {
        p.postMessage(snapshot);
        p.close();
      }
    }
    port.postMessage({ i: m.i, outcome });
  });
  if (cachePort) {
    cachePort.once('message', (snapshot: ReaderCacheSnapshot) => {
      importReaderCache(snapshot);
      cachePort.close();
      port.postMessage({ ready: true });
    });
  } else port.postMessage({ ready: true });
}
