import { describe, expect, it } from 'vitest';
import { cleanText, htmlToText, truncateText } from './text.js';

describe('htmlToText', () => {
  it.each([
    // [input, expected]
    ['Plain   title\n with\tspaces ', 'Plain title with spaces'],
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['Microsoft&#8217;s patch', 'Microsoft’s patch'],
    ['a&nbsp;b&#160;c', 'a b c'],
    ['&quot;quoted&quot; &lt;tag&gt;', '"quoted" <tag>'],
    ['<p>a</p><p>b</p>', 'a b'],
    ['line one<br>line two<br/>three', 'line one line two three'],
    ['<ul><li>one</li><li>two</li></ul>', 'one two'],
    ['<h2>Head</h2>body<blockquote>quote</blockquote>', 'Head body quote'],
    ['<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b c'],
    ['<b>bold</b><i>italic</i>', 'bolditalic'],
    ['<p>Hello <a href="https://x">world</a>!</p>', 'Hello world!'],
    ['a < b and c > d', 'a < b and c > d'],
    ['x<!-- hidden -->y', 'xy'],
  ])('%j → %j', (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it.each([
    ['<script>alert(1)</script>safe', 'safe'],
    ['<style>p{color:red}</style>safe', 'safe'],
    ['<noscript>enable js</noscript>safe', 'safe'],
    ['<iframe src="https://evil"></iframe>safe', 'safe'],
    ['<svg><text>vector</text></svg>safe', 'safe'],
    ['<math><mi>x</mi></math>safe', 'safe'],
    ['<template><p>later</p></template>safe', 'safe'],
    ['<object data="x">fallback</object><embed src="y">safe', 'safe'],
    ['<SCRIPT>alert(1)</SCRIPT>safe', 'safe'],
  ])('removes hidden elements with their content: %j', (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it('never re-parses entity-encoded markup (decoded exactly once)', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
    expect(htmlToText('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toBe('<img src=x onerror=alert(1)>');
    // Double-escaped: one decode leaves the second layer as text.
    expect(htmlToText('&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;')).toBe('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('removes zero-width and bidirectional-override characters', () => {
    expect(htmlToText('pay\u200Bpal\u200C.\u200Dcom\u2060\uFEFF')).toBe('paypal.com');
    expect(htmlToText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(htmlToText('\u2066a\u2067b\u2068c\u2069\u200E\u200F')).toBe('abc');
    expect(htmlToText('<b>x\u202Ey</b>')).toBe('xy');
  });

  it('truncates to maxChars with an ellipsis', () => {
    const text = htmlToText('<p>The quick brown fox jumps over the lazy dog</p>', 20);
    expect(text).toBe('The quick brown fox…');
    expect(text.length).toBeLessThanOrEqual(20);
  });

  it('bounds a 1 MB title', () => {
    const huge = `<b>${'word '.repeat(200_000)}</b>`;
    const text = htmlToText(huge, 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith('…')).toBe(true);
    const plain = htmlToText('x'.repeat(1_000_000), 300);
    expect(plain.length).toBe(300);
  });

  it('marks a cut even when the text left fits', () => {
    const markupHeavy = `${'<i></i>'.repeat(10_000)}short`;
    // Nothing left is still nothing, so callers' fallbacks apply.
    expect(htmlToText(markupHeavy, 100)).toBe('');
    expect(htmlToText(`short${'<i></i>'.repeat(10_000)}`, 100)).toBe('short…');
    // A cut inside a tag or an entity leaves no fragment of it behind.
    expect(htmlToText(`short<a href="${'x'.repeat(10_000)}">`, 100)).toBe('short…');
    expect(htmlToText(`${'<i></i>'.repeat(913)}<br>AT&amp;T`, 100)).toBe('AT…');
  });
});

describe('cleanText', () => {
  it.each([
    ['  a \n\n\t b  ', 'a b'],
    ['a\u00A0\u00A0b', 'a b'],
    ['a\u2003\u3000b\u2028c', 'a b c'],
    ['a\u0000b\u0007c\u001Fd\u007Fe\u009Bf', 'abcdef'],
    ['a\u0085b', 'a b'],
    ['soft\u00ADhyphen', 'softhyphen'],
    ['hidden\uDB40\uDC41\uDB40\uDC42tags', 'hiddentags'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
    ['emoji 😀 kept', 'emoji 😀 kept'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('exactly10!', 10)).toBe('exactly10!');
  });

  it('cuts at a word boundary in the last 20%', () => {
    expect(truncateText('aaaa bbbb cccc dddd', 12)).toBe('aaaa bbbb…');
  });

  it('cuts mid-word when the last boundary is too far back', () => {
    expect(truncateText('a bbbbbbbbbbbbbbbbbbbb', 10)).toBe('a bbbbbbb…');
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(20);
    for (const max of [5, 6, 7, 8]) {
      const out = truncateText(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(out.slice(0, -1)).toBe('😀'.repeat(out.slice(0, -1).length / 2));
    }
  });

  it('handles tiny limits', () => {
    expect(truncateText('abc', 1)).toBe('…');
    expect(truncateText('abc', 0)).toBe('');
  });
});
