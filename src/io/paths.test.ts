import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { userDataDir } from './paths.js';

describe('userDataDir', () => {
  const home = '/home/analyst';
  it('takes --data-dir first, then HEALTHGAP_DATA_DIR', () => {
    expect(userDataDir({ dataDir: 'rel/dir', env: { HEALTHGAP_DATA_DIR: '/env/dir' }, home })).toBe(resolve('rel/dir'));
    expect(userDataDir({ env: { HEALTHGAP_DATA_DIR: '/env/dir' }, home })).toBe('/env/dir');
  });
  it('falls back to a per-user folder by platform', () => {
    expect(userDataDir({ env: {}, platform: 'linux', home })).toBe('/home/analyst/.local/share/healthgap');
    expect(userDataDir({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'linux', home })).toBe('/xdg/healthgap');
    expect(userDataDir({ env: {}, platform: 'darwin', home })).toBe('/home/analyst/Library/Application Support/healthgap');
    expect(userDataDir({ env: { LOCALAPPDATA: 'C:/Users/a/AppData/Local' }, platform: 'win32', home })).toBe(join('C:/Users/a/AppData/Local', 'healthgap'));
  });
});
