import { describe, expect, it } from 'vitest';
import { extractCves, MAX_RANGE } from './cve.js';

describe('extractCves', () => {
  it.each([
    // [text, expected]
    ['Fixes CVE-2025-12345 in the VPN gateway.', ['CVE-2025-12345']],
    ['four digits with leading zeros: CVE-2024-0001', ['CVE-2024-0001']],
    ['seven digits: CVE-2024-1234567', ['CVE-2024-1234567']],
    ['lower case cve-2025-4242 is upper-cased', ['CVE-2025-4242']],
    ['non-breaking hyphens CVE\u20112025\u20114242 and en dashes CVE\u20132025\u20134243', ['CVE-2025-4242', 'CVE-2025-4243']],
    ['two bugs: CVE-2025-2222 and CVE-2024-1111', ['CVE-2025-2222', 'CVE-2024-1111']],
  ])('%j → %j', (text, expected) => {
    expect(extractCves(text)).toEqual(expected);
  });

  it('reads lists that leave out the year', () => {
    expect(extractCves('CVE-2025-1111, CVE-2025-1112 and -1113 are fixed')).toEqual(['CVE-2025-1111', 'CVE-2025-1112', 'CVE-2025-1113']);
    expect(extractCves('CVE-2025-1111, -1112, and -1114')).toEqual(['CVE-2025-1111', 'CVE-2025-1112', 'CVE-2025-1114']);
    expect(extractCves('CVE-2025-1111/-1112')).toEqual(['CVE-2025-1111', 'CVE-2025-1112']);
  });

  it('expands small ranges, written in full or short', () => {
    const four = ['CVE-2025-1000', 'CVE-2025-1001', 'CVE-2025-1002', 'CVE-2025-1003'];
    expect(extractCves('CVE-2025-1000 through CVE-2025-1003')).toEqual(four);
    expect(extractCves('CVE-2025-1000 to -1003')).toEqual(four);
    expect(extractCves('CVE-2025-1000\u2013CVE-2025-1003')).toEqual(four);
    expect(extractCves('CVE-2025-0998 thru CVE-2025-1000')).toEqual(['CVE-2025-0998', 'CVE-2025-0999', 'CVE-2025-1000']);
  });

  it(`keeps only the ends of a range wider than ${MAX_RANGE} ids, or across years`, () => {
    const last = 1000 + MAX_RANGE - 1;
    expect(extractCves(`CVE-2025-1000 through CVE-2025-${last}`)).toHaveLength(MAX_RANGE);
    expect(extractCves(`CVE-2025-1000 through CVE-2025-${last + 1}`)).toEqual(['CVE-2025-1000', `CVE-2025-${last + 1}`]);
    expect(extractCves('CVE-2024-9999 through CVE-2025-0002')).toEqual(['CVE-2024-9999', 'CVE-2025-0002']);
  });

  it('lists each id once, first mention first', () => {
    expect(extractCves('CVE-2025-2 is not one; CVE-2025-5555, cve-2025-5555, CVE-2025-1234, CVE-2025-5555')).toEqual(['CVE-2025-5555', 'CVE-2025-1234']);
  });

  it.each([
    ['three digits', 'CVE-2025-123'],
    ['eight digits', 'CVE-2025-12345678'],
    ['five digits with a leading zero', 'CVE-2025-01234'],
    ['a year before CVE existed', 'CVE-1990-1234'],
    ['glued to a word', 'XCVE-2025-1234'],
    ['no id at all', 'the CVE program and CVSS 9.8'],
    ['a spaced dash after an id is not a list', 'CVE-2025-1111 - 1112 users affected'],
  ])('rejects bogus ids: %s', (_, text) => {
    expect(extractCves(text).filter((id) => id !== 'CVE-2025-1111')).toEqual([]);
  });
});
