/** Adversarial: encodings. Bytes are decoded once, by BOM, then a label checked against the bytes. */
import { describe, expect, it } from 'vitest';
import { ENCODED_TITLE, encodingCases } from './cases/encoding.js';
import { useAdversarialRun } from './support/collect.js';

describe('adversarial: encodings (invalid UTF-8, BOM, wrong charset)', () => {
  const run = useAdversarialRun(Object.values(encodingCases));

  const title = (id: string) => {
    expect(run().feed(id), id).toMatchObject({ status: 'ok', error: null, itemsNew: 1 });
    return run().items(id)[0]?.title;
  };

  it('invalid UTF-8: the feed is kept, each bad byte becomes U+FFFD, the rest intact', () => {
    expect(title(encodingCases.invalidUtf8.id)).toBe('Café \uFFFD\uFFFD broken');
  });

  it('a UTF-8 or UTF-16 byte-order mark: decoded by it, no stray U+FEFF', () => {
    expect(title(encodingCases.utf8Bom.id)).toBe(ENCODED_TITLE);
    expect(title(encodingCases.utf16Bom.id)).toBe(ENCODED_TITLE);
  });

  it('a wrong charset declaration either way: the bytes win, no mojibake', () => {
    expect(title(encodingCases.utf8LabelledLatin1.id)).toBe(ENCODED_TITLE);
    expect(title(encodingCases.latin1LabelledUtf8.id)).toBe(ENCODED_TITLE);
  });
});
