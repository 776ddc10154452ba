import { describe, expect, it } from 'vitest';
import { cleanText, escapeHtml, escapeMarkdown } from './escape.js';
import { markdownDestination, safeHttpUrl } from './url.js';

describe('cleanText (renderers)', () => {
  it.each([
    ['  a \n\n\t b  ', 'a b'],
    ['a\u0085b', 'a b'],
    ['a\u00A0b', 'a b'],
    ['a\u0000b\u001Fc\u007Fd\u009Fe', 'abcde'],
    ['a\u200Bb\u200Fc\u202Ad\u202Ee\u2060f\u2064g\u2066h\u2069i\uFEFFj', 'abcdefghij'],
    ['a \u200B b', 'a b'],
    ['a\u0080b\u001bc', 'abc'],
    ['keep \u2065 and \u2070', 'keep \u2065 and \u2070'],
    ['x\u0009\u000Ay', 'x y'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes, and only them', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('a & b < c > d "e" \'f\' `g` /h/ =i=')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; `g` /h/ =i=');
  });
});

describe('escapeMarkdown', () => {
  it.each('\\`*_{}[]<>()#!|~&'.split(''))('backslash-escapes %s everywhere', (c) => {
    expect(escapeMarkdown(`a${c}b${c}`)).toBe(`a\\${c}b\\${c}`);
  });

  it('leaves other punctuation alone in the middle of a line', () => {
    expect(escapeMarkdown('a+b-c=d.e,f;g"h\'i/j?k%l$m^n')).toBe('a+b-c=d.e,f;g"h\'i/j?k%l$m^n');
  });

  it('breaks GFM autolinks: www., scheme colons and every @', () => {
    expect(escapeMarkdown('www.a.example and WWW.B.EXAMPLE')).toBe('www\\.a.example and WWW\\.B.EXAMPLE');
    expect(escapeMarkdown('mailto:x http:y')).toBe('mailto\\:x http\\:y');
    expect(escapeMarkdown('a@b and c@d')).toBe('a\\@b and c\\@d');
    // A colon after a non-letter, or before a space, stays: "Patch Tuesday: 63 flaws, 10:30 UTC".
    expect(escapeMarkdown('Patch Tuesday: 63 flaws, 10:30 UTC')).toBe('Patch Tuesday: 63 flaws, 10:30 UTC');
    expect(escapeMarkdown('x:')).toBe('x:');
  });

  it.each([
    ['+ item', '\\+ item'],
    ['- item', '\\- item'],
    ['= setext', '\\= setext'],
    ['12. Title', '12\\. Title'],
    ['1. item', '1\\. item'],
    ['2026. A year of breaches', '2026\\. A year of breaches'],
    ['  3. indented', '3\\. indented'],
  ])('escapes a block marker at the start of the line: %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes block markers only at the start', () => {
    expect(escapeMarkdown('a + b - c = d')).toBe('a + b - c = d');
    expect(escapeMarkdown('Title 12. and 3.5')).toBe('Title 12. and 3.5');
    expect(escapeMarkdown('12 monkeys.')).toBe('12 monkeys.');
    expect(escapeMarkdown('12.5% rise')).toBe('12\\.5% rise');
  });

  it('keeps the text on one line and without invisible characters', () => {
    expect(escapeMarkdown('line one\n# line two')).toBe('line one \\# line two');
    expect(escapeMarkdown('\u202Eevil\u202C')).toBe('evil');
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://news.example/a', 'https://news.example/a'],
    ['  https://news.example/a  ', 'https://news.example/a'],
    ['HTTP://News.Example', 'http://news.example/'],
    ['https://user:pw@news.example/a', 'https://news.example/a'],
    ['https://user@news.example/a', 'https://news.example/a'],
    ['https://news.example/a"b\'c<d>e f', 'https://news.example/a%22b\'c%3Cd%3Ee%20f'],
    ['https://münchen.example/', 'https://xn--mnchen-3ya.example/'],
    ['https://my_host.example/', 'https://my_host.example/'],
    ['http://192.0.2.1:8080/x', 'http://192.0.2.1:8080/x'],
    ['http://[2001:db8::1]/x', 'http://[2001:db8::1]/x'],
    ['https://example.com./', 'https://example.com./'],
    ['\u00A0https://news.example/a\u00A0', 'https://news.example/a'],
  ])('%j → %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each([
    null, undefined, '', '   ', '/relative', 'news.example/a', 'ftp://news.example/', 'javascript:alert(1)',
    'java\tscript:alert(1)', 'data:text/html,x', 'mailto:a@b.example', 'http://',
    // Hosts WHATWG accepts but no real host has; the quote would end an HTML attribute.
    'http://a"onmouseover=alert(1)/', "http://a'b.example/", 'http://a`b.example/', 'http://a{b}.example/',
    'http://a!b.example/', 'http://a$b.example/', 'http://a=b.example/', 'http://a;b.example/', 'http://a,b.example/',
    'http://a*b.example/', 'http://a+b.example/', 'http://a(b).example/', 'http://a~b.example/', 'http://a&b.example/',
    'http://a..b/', 'http://.a.example/',
  ])('%j → null', (input) => {
    expect(safeHttpUrl(input)).toBeNull();
  });

  it('never returns a quote, bracket or space in the host', () => {
    for (const c of `"'\`<>{}|^ \\`) {
      const out = safeHttpUrl(`http://a${c}b.example/`);
      if (out !== null) expect(new URL(out).hostname).toMatch(/^[a-z0-9._-]+$/);
    }
  });
});

describe('markdownDestination', () => {
  it.each([
    ['https://x.example/a(b)c', 'https://x.example/a%28b%29c'],
    ['https://x.example/a\\b', 'https://x.example/a%5Cb'],
    ['https://x.example/a b<c>', 'https://x.example/a%20b%3Cc%3E'],
    ['https://x.example/?a=1&b=2', 'https://x.example/?a=1&b=2'],
    ['https://x.example/?a=1&copy;&#38;&#x26;', 'https://x.example/?a=1\\&copy;\\&#38;\\&#x26;'],
    ['https://x.example/?a&;', 'https://x.example/?a&;'],
    ['https://x.example/%28', 'https://x.example/%28'],
  ])('%j → %j', (input, expected) => {
    expect(markdownDestination(input)).toBe(expected);
  });
});
