import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

/** The well-behaved feed every adversarial run includes: it must come through untouched. */
export const GOOD_TITLES = ['Patch released for the demo router flaw', 'Ransomware gang claims attack on a demo retailer'];

export const goodFeed: HostileCase = {
  id: 'good',
  what: 'a small valid RSS feed (the control)',
  handler: (_req, res) => {
    const items = GOOD_TITLES.map((title, i) =>
      rssItem({ title, link: `https://good.example/story-${i}`, guid: `good-${i}`, pubDate: 'Mon, 23 Nov 2026 10:00:00 +0000' }),
    );
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssDocument(items));
  },
};
