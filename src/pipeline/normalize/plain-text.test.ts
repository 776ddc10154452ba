import { describe, expect, it } from 'vitest';
import { sliceSafe, truncateText } from './plain-text.js';

describe('surrogate pairs at a cut', () => {
  it.each([
    ['\uD800\uDC00', 'U+10000 (lowest high surrogate)'],
    ['\uDBFF\uDFFF', 'U+10FFFF (highest high surrogate)'],
    ['\uD83D\uDE00', 'an emoji'],
  ])('never splits %s (%s)', (pair) => {
    const text = `a${pair}bcdefghij`;
    expect(sliceSafe(text, 2)).toBe('a');
    expect(sliceSafe(text, 3)).toBe(`a${pair}`);
    expect(truncateText(text, 3)).toBe('a…');
  });

  it('looks at the unit before the cut, not after it', () => {
    expect(sliceSafe('\uD83D\uDE00ab', 1)).toBe('');
    expect(sliceSafe('ab\uD83D\uDE00', 2)).toBe('ab');
    expect(sliceSafe('abc', 3)).toBe('abc');
    expect(sliceSafe('abc', 10)).toBe('abc');
  });
});

describe('truncateText edges', () => {
  it('cuts at a space in the last fifth even when the text only just fits with the ellipsis forced', () => {
    expect(truncateText('abcdefgh i', 11, true)).toBe('abcdefgh i…');
    expect(truncateText('abcdefgh ij', 11, true)).toBe('abcdefgh…');
  });

  it('drops a space left at the end of a mid-word cut', () => {
    expect(truncateText('abc defg', 5)).toBe('abc…');
  });

  it('cuts at a space exactly at the window’s edge, not one before it', () => {
    // room 9, boundary at 9 - 1 = 8.
    expect(truncateText('abcdefgh ijklm', 10)).toBe('abcdefgh…');
    expect(truncateText('abcdefg hijklm', 10)).toBe('abcdefg h…');
  });
});
