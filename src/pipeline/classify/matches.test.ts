import { describe, expect, it } from 'vitest';
import { matchesOf } from './matches.js';

/** What a test compares: each match's text, position and groups. */
const summary = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => ({ text: m[0], index: m.index, groups: [...m], named: m.groups }));

describe('matchesOf', () => {
  it('gives the matches matchAll gives, empty ones and surrogate pairs included', () => {
    const patterns = [/(?<word>\p{L}+)/gu, /a*/g, /a*/gu, /(?:)/gu, /(?<![\p{L}\p{N}])(cve)-(\d+)/giu, /x|(y)/g];
    const texts = ['', 'a', 'aab ba', '😀a😀', '\ud83d', 'CVE-1 and cve-22, xCVE-3', 'xyyx', 'Hello wörld, 你好'];
    for (const pattern of patterns) {
      for (const text of texts) expect(summary(matchesOf(pattern, text)), `${String(pattern)} on ${text}`).toEqual(summary(text.matchAll(pattern)));
    }
  });

  it('starts from the beginning whatever the pattern was left at, and leaves it at 0', () => {
    const pattern = /b/g;
    pattern.lastIndex = 2;
    expect(summary(matchesOf(pattern, 'bab'))).toEqual(summary('bab'.matchAll(/b/g)));
    expect(pattern.lastIndex).toBe(0);
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => [...matchesOf(/b/, 'b')]).toThrow(TypeError);
  });
});
