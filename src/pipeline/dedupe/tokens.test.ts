import { describe, expect, it } from 'vitest';
import { stem } from './stem.js';
import { tokenize } from './tokens.js';

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
