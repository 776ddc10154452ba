import { describe, expect, it } from 'vitest';
import { anyOf } from './prefilter.js';

describe('anyOf', () => {
  it('matches exactly when one of the words is a substring, as includes does', () => {
    const words = ['breach', 'leak site', 'it’s here', "it's here", ':', '(c)', 'a.b', 'x*', '$5', '[link]', 'ſ', '😀'];
    const pattern = anyOf(words);
    for (const text of [
      '', 'Breach', 'data breach', 'leak  site', 'leak site', 'it’s here!', "it's here", 'time: now', '(c) acme', 'aXb', 'a.b',
      'x', 'x*', '$5', '$ 5', '[link]', 'ſecurity', 'emoji 😀 here', '\ud83d', 'long '.repeat(2000) + 'breach',
    ]) {
      expect(pattern.test(text), text.slice(0, 40)).toBe(words.some((word) => text.includes(word)));
    }
  });
});
