import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, resolveLink, TRACKING_PARAMS, urlHash } from './url.js';

const OWN = ['www.example.com', 'example.com'];

describe('canonicalizeUrl', () => {
  it.each([
    // [input, expected]
    ['https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?UTM_Source=rss', 'https://example.com/a'],
    ['https://example.com/a?mtm_campaign=x&mtm_kwd=y', 'https://example.com/a'],
    ['https://example.com/a?hmb_source=x&hmb_medium=y&hmb_campaign=z', 'https://example.com/a'],
    ['https://example.com/a?itm_source=x&itm_medium=y&itm_content=z', 'https://example.com/a'],
    ['https://www.bbc.co.uk/news/technology-1?ns_mchannel=rss&ns_campaign=bbc&ns_source=x', 'https://www.bbc.co.uk/news/technology-1'],
    ['https://www.bbc.co.uk/news/x?at_medium=RSS&at_campaign=KARANGA&ito=1&feedref=rss', 'https://www.bbc.co.uk/news/x'],
    ['https://example.com/a?fbclid=1&_openstat=2&fb_action_ids=3&fb_action_types=4&fb_ref=5&fb_source=6&fb_comment_id=7', 'https://example.com/a'],
    ['https://example.com/a?gclid=1&dclid=2&gbraid=3&wbraid=4&gclsrc=5&srsltid=6', 'https://example.com/a'],
    ['https://example.com/a?yclid=1&ysclid=2&twclid=3&msclkid=4', 'https://example.com/a'],
    ['https://example.com/a?mc_cid=1&mc_eid=2&mc_tc=3', 'https://example.com/a'],
    ['https://example.com/a?_hsenc=1&_hsmi=2&mkt_tok=3', 'https://example.com/a'],
  ])('removes tracking parameters: %s', (input, expected) => {
    expect(canonicalizeUrl(input, OWN)).toBe(expected);
  });

  it('drops a user name and password: they name no article and must never reach a newsletter', () => {
    expect(canonicalizeUrl('https://editor:s3cret@news.example/a?utm_source=x')).toBe('https://news.example/a');
    expect(canonicalizeUrl('http://editor@news.example/b')).toBe('http://news.example/b');
  });

  it.each([
    ['https://example.com/post#comments', 'https://example.com/post'],
    ['https://example.com/post#', 'https://example.com/post'],
    ['https://example.com:443/post', 'https://example.com/post'],
    ['http://example.com:80/post', 'http://example.com/post'],
    ['https://example.com:8443/post', 'https://example.com:8443/post'],
    ['HTTPS://WWW.Example.COM/Post', 'https://www.example.com/Post'],
    ['https://example.com/post?', 'https://example.com/post'],
    ['https://example.com/post?utm_source=x', 'https://example.com/post'],
    ['https://example.com/a/../b/./c', 'https://example.com/b/c'],
    // Kept on purpose: not safe to assume they are the same resource.
    ['https://www.example.com/post/', 'https://www.example.com/post/'],
  ])('normalizes form: %s', (input, expected) => {
    expect(canonicalizeUrl(input, OWN)).toBe(expected);
  });

  it('sorts the remaining parameters by key, stably, keeping their bytes', () => {
    expect(canonicalizeUrl('https://example.com/s?z=1&b=2&a=3&b=1&q=a%20b+c')).toBe(
      'https://example.com/s?a=3&b=2&b=1&q=a%20b+c&z=1',
    );
    expect(canonicalizeUrl('https://example.com/s?b=1&a=2')).toBe(canonicalizeUrl('https://example.com/s?a=2&b=1'));
    expect(canonicalizeUrl('https://example.com/s?a=1&&b=2&')).toBe('https://example.com/s?a=1&b=2');
  });

  it('removes ref only when it names the feed’s own host', () => {
    expect(canonicalizeUrl('https://other.org/x?ref=example.com', OWN)).toBe('https://other.org/x');
    expect(canonicalizeUrl('https://other.org/x?ref=www.example.com', ['example.com'])).toBe('https://other.org/x');
    expect(canonicalizeUrl('https://other.org/x?ref=EXAMPLE.com', OWN)).toBe('https://other.org/x');
    expect(canonicalizeUrl('https://other.org/x?ref=elsewhere.net', OWN)).toBe('https://other.org/x?ref=elsewhere.net');
    expect(canonicalizeUrl('https://github.com/o/r/tree?ref=main', OWN)).toBe('https://github.com/o/r/tree?ref=main');
    expect(canonicalizeUrl('https://other.org/x?ref=example.com')).toBe('https://other.org/x?ref=example.com');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>x</script>', 'mailto:a@example.com', 'ftp://example.com/f', 'not a url', '/relative'])(
    'rejects %s',
    (input) => {
      expect(canonicalizeUrl(input)).toBeNull();
    },
  );

  it('documents the exact tracking keys it knows', () => {
    expect(TRACKING_PARAMS.has('fbclid')).toBe(true);
    expect(TRACKING_PARAMS.has('ref')).toBe(false);
    expect(TRACKING_PARAMS.has('rss')).toBe(false);
  });
});

describe('resolveLink', () => {
  const feedUrl = 'https://feeds.example.com/blog/rss.xml';
  it.each([
    // [link, siteUrl, expected]
    ['https://example.com/a', undefined, 'https://example.com/a'],
    ['  https://example.com/a\n', undefined, 'https://example.com/a'],
    ['/2025/06/post', undefined, 'https://feeds.example.com/2025/06/post'],
    ['post.html', undefined, 'https://feeds.example.com/blog/post.html'],
    ['/2025/06/post', 'https://www.example.com/', 'https://www.example.com/2025/06/post'],
    ['post.html', 'https://www.example.com/news/', 'https://www.example.com/news/post.html'],
    ['//cdn.example.net/x', undefined, 'https://cdn.example.net/x'],
    // A relative site URL resolves against the feed URL; a hostile one is ignored.
    ['post', '/news/', 'https://feeds.example.com/news/post'],
    ['post', 'javascript:alert(1)', 'https://feeds.example.com/blog/post'],
  ])('%s against site %s', (link, siteUrl, expected) => {
    expect(resolveLink(link, feedUrl, siteUrl)).toBe(expected);
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\nscript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'mailto:x@example.com', 'tel:123', '', '   '])(
    'gives null for %j',
    (link) => {
      expect(resolveLink(link, feedUrl, 'https://www.example.com/')).toBeNull();
    },
  );

  it('gives null when there is nothing to resolve against', () => {
    expect(resolveLink('/post', 'not a url')).toBeNull();
    expect(resolveLink(undefined, feedUrl)).toBeNull();
  });

  it('gives null for absurdly long links', () => {
    expect(resolveLink(`https://example.com/${'a'.repeat(10_000)}`, feedUrl)).toBeNull();
  });
});

describe('urlHash', () => {
  it('is 16 hex chars, stable, and differs per URL', () => {
    const hash = urlHash('https://example.com/a');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(urlHash('https://example.com/a')).toBe(hash);
    expect(urlHash('https://example.com/b')).not.toBe(hash);
  });
});
