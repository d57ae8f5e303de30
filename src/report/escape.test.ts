import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptSafe, slugId } from './escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });
  it('writes numbers as text and null/undefined as empty', () => {
    expect(escapeHtml(12.5)).toBe('12.5');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('jsonForScript', () => {
  it('cannot end a script element or open an HTML comment, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script><!-- x -->', amp: 'a & b', ls: 'line\u2028sep' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain('<!--');
    expect(json).not.toContain('<');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual(value);
  });
  it('keeps key order, so the same input gives the same bytes', () => {
    expect(jsonForScript({ b: 1, a: [1, null] })).toBe('{"b":1,"a":[1,null]}');
  });
});

describe('scriptSafe', () => {
  it('rewrites <!--, <script and </script (any case) with \\x3C', () => {
    expect(scriptSafe('var a="<!--",b="</SCRIPT>",c="<script",d="a<b";')).toBe('var a="\\x3C!--",b="\\x3C/SCRIPT>",c="\\x3Cscript",d="a<b";');
  });
  it('leaves the meaning of string literals unchanged', () => {
    const src = 'globalThis.__t = ["<!--x", "</script>"];';
    // eslint-disable-next-line no-new-func
    new Function(scriptSafe(src))();
    expect((globalThis as unknown as { __t: string[] }).__t).toEqual(['<!--x', '</script>']);
  });
});

describe('slugId', () => {
  it('makes stable lower-case ids', () => {
    expect(slugId('Life expectancy & gaps')).toBe('life-expectancy-gaps');
    expect(slugId('  Ynys Môn / Anglesey ')).toBe('ynys-mon-anglesey');
    expect(slugId('<script>')).toBe('script');
    expect(slugId('!!!')).toBe('section');
  });
});
