import { describe, expect, it } from 'vitest';
import { join, resolve, relative, isAbsolute } from 'node:path';
import { placeSlug } from './place.js';

describe('placeSlug never leaves the output folder', () => {
  const hostile = [
    '../../etc/passwd',
    '/etc/passwd',
    '..\\..\\Windows\\system32',
    'C:\\evil',
    '.',
    '..',
    '',
    '   ',
    'CON',
    'nul',
    'Com1',
    'LPT9',
    'a/../../b',
    '%2e%2e%2f',
    'x'.repeat(500),
    'São Paulo & Ōtautahi',
  ];
  it.each(hostile)('%j', (name) => {
    const slug = placeSlug(name);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slug.length).toBeLessThanOrEqual(86);
    expect(slug).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
    const file = join('/reports', `${slug}.html`);
    const rel = relative('/reports', resolve(file));
    expect(rel.startsWith('..') || isAbsolute(rel)).toBe(false);
  });
  it('keeps readable names', () => {
    expect(placeSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(placeSlug('CON')).toBe('con-place');
    expect(placeSlug('São Paulo & Ōtautahi')).toBe('sao-paulo-and-otautahi');
    expect(placeSlug('Herefordshire, County of')).toBe('herefordshire');
  });
});
