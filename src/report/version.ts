/**
 * The healthgap version written into reports (the running print footer and the page footer), read
 * once from the package's own package.json.
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The installed healthgap version (`version` of package.json), e.g. "0.1.0".
 * @example healthgapVersion() // '0.1.0'
 */
export function healthgapVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
