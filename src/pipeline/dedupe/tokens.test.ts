import { describe, expect, it } from 'vitest';
import { stem } from './stem.js';
import { tokenCacheSize, tokenize, TOKEN_CACHE_LIMIT, toToken } from './tokens.js';

const texts = (text: string) => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it('spells one number one way: amounts, thousands separators and number words', () => {
    expect(texts('$2.3M stolen')).toContain('2300000');
    expect(texts('2.3 million customers')).toContain('2300000');
    expect(texts('2,300,000 records')).toContain('2300000');
    expect(texts('Twenty-three arrested')).toContain('23');
    expect(texts('CVSS 9.8')).toContain('9.8');
  });

  it('keeps CVE ids whole, in upper case', () => {
    const [cve] = tokenize('patch cve-2026-41877 now').filter((t) => t.kind === 'cve');
    expect(cve?.text).toBe('CVE-2026-41877');
  });

  it('drops accents, so two spellings of one name meet', () => {
    expect(texts('José Jerí')).toEqual(texts('Jose Jeri'));
  });

  it('tells names from capitals that only start a sentence', () => {
    const tokens = tokenize('Police said Velmont Water was hit. Attackers used the VPN of CrowdStrike.');
    const flag = (text: string) => tokens.find((t) => t.text === stem(text.toLowerCase()));
    expect(flag('Police')?.capitalized).toBe(false);
    expect(flag('Velmont')?.capitalized).toBe(true);
    expect(flag('Attackers')?.capitalized).toBe(false);
    expect(flag('VPN')?.distinctive).toBe(true);
    expect(flag('CrowdStrike')?.distinctive).toBe(true);
  });

  it('reads "U.S." as the acronym "US", never the word "us"', () => {
    const [us] = tokenize('talks with the U.S. on Monday').filter((t) => t.acronym);
    expect(us).toMatchObject({ text: 'us', acronym: true });
    expect(tokenize('told us').some((t) => t.acronym)).toBe(false);
  });

  it('marks years apart from other numbers', () => {
    expect(tokenize('in 2026, 14 hospitals').map((t) => t.kind)).toEqual(['word', 'year', 'number', 'word']);
  });
});

describe('stem', () => {
  it.each([
    ['arrested', 'arrests'],
    ['hospitals', 'hospital'],
    ['Ukrainian', 'Ukraine'],
    ['Chinese', 'China'],
    ['centre', 'center'],
    ['organisation', 'organization'],
  ])('%s and %s share a stem', (a, b) => {
    expect(stem(a.toLowerCase())).toBe(stem(b.toLowerCase()));
  });

  // "saudi" maps to itself in the demonym table: looking the result up again recursed until the
  // stack overflowed, and any item naming Saudi Arabia stopped story matching.
  it('stems a word whose demonym entry is itself', () => {
    expect(tokenize('Saudi Arabia hosts talks').map((t) => t.text)).toEqual(['saudi', 'arab', 'host', 'talk']);
  });
});

describe('token cache', () => {
  const text = 'Police said Velmont Water was hit. CrowdStrike saw $2.3M stolen by CVE-2026-41877 — the U.S. said.';

  it('gives what toToken computes, one shared object per spelling and sentence-start flag', () => {
    const first = tokenize(text);
    const again = tokenize(text);
    expect(again).toEqual(first);
    again.forEach((token, i) => expect(token).toBe(first[i]));
    // Uncached, the same spellings give equal tokens.
    expect(toToken('Velmont', false)).toEqual(first.find((t) => t.text === stem('velmont')));
    expect(toToken('Police', true)).toEqual(first[0]);
  });

  it('stays within its bound when a text has more distinct words than it holds', () => {
    const words = Array.from({ length: TOKEN_CACHE_LIMIT + 10 }, (_, i) => `w${i.toString(36)}x`);
    const tokens = tokenize(words.join(' '));
    expect(tokens).toHaveLength(words.length);
    expect(tokenCacheSize()).toBeLessThanOrEqual(2 * TOKEN_CACHE_LIMIT);
    expect(tokens.at(-1)).toEqual(toToken(words.at(-1)!, false));
  });
});
