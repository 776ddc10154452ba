import { describe, expect, it } from 'vitest';
import { discoverFeeds } from './index.js';

describe('discoverFeeds', () => {
  it('finds advertised feeds, resolves relative hrefs, and orders RSS before Atom before JSON', () => {
    const html = `<html><head>
      <link rel="alternate" type="application/feed+json" href="/feed.json" title="JSON">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="alternate" type="application/rss+xml; charset=utf-8" href="https://cdn.example/rss" title=" Main feed ">
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="text/html" href="/fr/">
    </head></html>`;
    expect(discoverFeeds(html, 'https://blog.example/posts/')).toEqual([
      { url: 'https://cdn.example/rss', title: 'Main feed', type: 'application/rss+xml' },
      { url: 'https://blog.example/posts/atom.xml', title: null, type: 'application/atom+xml' },
      { url: 'https://blog.example/feed.json', title: 'JSON', type: 'application/feed+json' },
    ]);
  });

  it('honours <base href>, drops duplicates and non-http(s) targets', () => {
    const html = `<head><base href="https://other.example/root/">
      <link rel="alternate feed" type="application/rss+xml" href="feed">
      <link rel="alternate" type="application/rss+xml" href="https://other.example/root/feed">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd"></head>`;
    expect(discoverFeeds(html, 'https://blog.example/').map((f) => f.url)).toEqual(['https://other.example/root/feed']);
  });

  it('returns nothing for a page without feed links', () => {
    expect(discoverFeeds('<html><body>hello</body></html>', 'https://x.example/')).toEqual([]);
  });
});
