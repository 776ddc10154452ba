import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, hostOf, resolveLink, TRACKING_PARAMS } from './url.js';

/** Each tracking key alone, so dropping any one from the list fails a test (issue 17: 22 did not). */
const KEYS = [
  'fbclid', '_openstat', 'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source', 'fb_comment_id',
  'gclid', 'dclid', 'gbraid', 'wbraid', 'gclsrc', 'srsltid',
  'campaign_id', 'campaign_medium', 'campaign_name', 'campaign_source', 'campaign_term', 'campaign_content',
  'yclid', 'ysclid', 'twclid', 'msclkid',
  'mc_cid', 'mc_eid', 'mc_tc', 'wickedid',
  'hsa_cam', '_hsenc', '__hssc', '__hstc', '__hsfp', '_hsmi', 'hsctatracking',
  'rb_clickid', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'mkt_tok', 'sc_cid', '_bhlid',
  '_branch_match_id', '_branch_referrer', '__readwiselocation',
  'ito', 'at_medium', 'at_campaign', 'feedref',
];

describe('tracking keys', () => {
  it('lists exactly the documented keys', () => {
    expect([...TRACKING_PARAMS].sort()).toEqual([...KEYS].sort());
  });

  it.each(KEYS)('removes %s, with or without a value, in any case', (key) => {
    expect(canonicalizeUrl(`https://example.com/a?id=7&${key}=x`)).toBe('https://example.com/a?id=7');
    expect(canonicalizeUrl(`https://example.com/a?${key}&id=7`)).toBe('https://example.com/a?id=7');
    expect(canonicalizeUrl(`https://example.com/a?${key.toUpperCase()}=1`)).toBe('https://example.com/a');
  });

  it.each(['utm_', 'mtm_', 'hmb_', 'itm_', 'ns_'])('removes every %s key', (prefix) => {
    expect(canonicalizeUrl(`https://example.com/a?${prefix}anything=1&${prefix}=2&keep=3`)).toBe('https://example.com/a?keep=3');
  });

  it('keeps keys that only look like tracking', () => {
    const url = 'https://example.com/a?fbclid2=1&my_utm_source=2&utm=3&ns=4&refx=5&rss=6&rss_source=7&xgclid=8';
    expect(canonicalizeUrl(url)).toBe('https://example.com/a?fbclid2=1&my_utm_source=2&ns=4&refx=5&rss=6&rss_source=7&utm=3&xgclid=8');
  });

  it('drops `?fbclid` without a value and the empty query it leaves', () => {
    expect(canonicalizeUrl('https://example.com/a?fbclid')).toBe('https://example.com/a');
    expect(canonicalizeUrl('https://example.com/a?fbclid=')).toBe('https://example.com/a');
  });

  it('reads percent-encoded and plus-encoded keys before matching them', () => {
    expect(canonicalizeUrl('https://example.com/a?utm%5Fsource=1&%66bclid=2')).toBe('https://example.com/a');
    expect(canonicalizeUrl('https://example.com/a?a+b=1&a%20c=2')).toBe('https://example.com/a?a+b=1&a%20c=2');
    // A broken escape is kept as written rather than failing the URL.
    expect(canonicalizeUrl('https://example.com/a?%E0%A4%A=1')).toBe('https://example.com/a?%E0%A4%A=1');
  });

  it('removes ref only with a value naming an own host, www. or not', () => {
    const own = ['www.example.com'];
    expect(canonicalizeUrl('https://o.example/x?ref=example.com', own)).toBe('https://o.example/x');
    expect(canonicalizeUrl('https://o.example/x?REF=www.example.com', own)).toBe('https://o.example/x');
    expect(canonicalizeUrl('https://o.example/x?ref=www%2Eexample.com', own)).toBe('https://o.example/x');
    expect(canonicalizeUrl('https://o.example/x?ref', own)).toBe('https://o.example/x?ref');
    expect(canonicalizeUrl('https://o.example/x?ref=mywww.example.com', own)).toBe('https://o.example/x?ref=mywww.example.com');
    expect(canonicalizeUrl('https://o.example/x?ref=', ['', 'example.com'])).toBe('https://o.example/x?ref=');
  });

  it('sorts by code unit and keeps equal keys in their order', () => {
    expect(canonicalizeUrl('https://example.com/s?b=1&B=2&a=3&b=0')).toBe('https://example.com/s?B=2&a=3&b=1&b=0');
  });

  it('sorts long queries stably too (where the sort gallops and compares both ways)', () => {
    // A fixed shuffle of 200 parameters over 7 keys, each value numbering its position.
    const keys = ['d', 'a', 'g', 'c', 'f', 'b', 'e'];
    const params = Array.from({ length: 200 }, (_, i) => ({ key: keys[(i * 5 + Math.floor(i / 9)) % 7] ?? 'a', value: String(i) }));
    const expected = [...params].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const query = (list: typeof params) => list.map((p) => `${p.key}=${p.value}`).join('&');
    expect(canonicalizeUrl(`https://example.com/s?${query(params)}`)).toBe(`https://example.com/s?${query(expected)}`);
    const runs = [...Array.from({ length: 40 }, (_, i) => ({ key: 'b', value: `x${i}` })), ...Array.from({ length: 40 }, (_, i) => ({ key: 'a', value: `y${i}` })), ...Array.from({ length: 40 }, (_, i) => ({ key: 'b', value: `z${i}` }))];
    const sortedRuns = [...runs].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    expect(canonicalizeUrl(`https://example.com/s?${query(runs)}`)).toBe(`https://example.com/s?${query(sortedRuns)}`);
  });

  it('looks at ref alone among the keys, and only when it has a value', () => {
    const own = ['example.com'];
    expect(canonicalizeUrl('https://o.example/x?next=example.com&src=www.example.com', own)).toBe('https://o.example/x?next=example.com&src=www.example.com');
    expect(canonicalizeUrl('https://o.example/x?ref', ['ref'])).toBe('https://o.example/x?ref');
    // Only a leading www. is the same site.
    expect(canonicalizeUrl('https://o.example/x?ref=examplewww..com', own)).toBe('https://o.example/x?ref=examplewww..com');
  });

  it('trims Unicode whitespace around a URL, which the URL parser alone would not', () => {
    expect(canonicalizeUrl('\u00A0https://example.com/a\uFEFF')).toBe('https://example.com/a');
    expect(hostOf('\u00A0https://example.com/a')).toBe('example.com');
    expect(resolveLink('p', 'https://f.example/dir/feed', '\u00A0https://s.example/news/\u00A0')).toBe('https://s.example/news/p');
  });

  it('trims the input and refuses links past 8,192 characters', () => {
    expect(canonicalizeUrl('  https://example.com/a  ')).toBe('https://example.com/a');
    const long = `https://example.com/${'a'.repeat(8_192 - 20)}`;
    expect(long.length).toBe(8_192);
    expect(canonicalizeUrl(long)).toBe(long);
    expect(canonicalizeUrl(`${long}b`)).toBeNull();
  });
});

describe('hostOf and resolveLink edges', () => {
  it('gives the host of http(s) URLs only', () => {
    expect(hostOf(' https://News.Example.com/x ')).toBe('news.example.com');
    expect(hostOf('ftp://example.com/')).toBeNull();
    expect(hostOf(undefined)).toBeNull();
    expect(hostOf('')).toBeNull();
  });

  it('ignores a blank site URL and resolves against the feed', () => {
    expect(resolveLink('p', 'https://f.example/dir/feed', '   ')).toBe('https://f.example/dir/p');
    expect(resolveLink('p', 'https://f.example/dir/feed', 'ftp://s.example/')).toBe('https://f.example/dir/p');
  });
});
