import type { ServerResponse } from 'node:http';
import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

const send = (res: ServerResponse, items: string[]) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDocument(items));

/** Publication dates no real item has; each must be stored as the fetch time. */
export const IMPLAUSIBLE_DATES = [
  'Mon, 01 Jan 1900 00:00:00 GMT',
  '0001-01-01T00:00:00Z',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Fri, 01 Jan 2100 00:00:00 GMT',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'yesterday-ish',
];
export const PLAUSIBLE_DATE = { raw: 'Mon, 25 Nov 2024 10:00:00 +0100', iso: '2024-11-25T09:00:00.000Z' };

export const itemCases = {
  noLinkNoGuid: {
    id: 'no-link-no-guid',
    what: 'items without link or guid, and one with nothing at all',
    handler: (_req, res) =>
      send(res, [
        rssItem({ title: 'Only a title', description: 'And a summary.' }),
        rssItem({ description: 'Only a summary, long enough to lend a title.' }),
        '<item></item>',
        rssItem({ title: 'Only a title' , description: 'And a summary.' }),
      ]),
  },
  duplicateGuids: {
    id: 'duplicate-guids',
    what: 'three items sharing one guid, with different titles',
    handler: (_req, res) =>
      send(res, [
        rssItem({ title: 'First telling', link: 'https://hostile.example/a', guid: 'same' }),
        rssItem({ title: 'Second telling', link: 'https://hostile.example/b', guid: 'same' }),
        rssItem({ title: 'Unique', link: 'https://hostile.example/c', guid: 'other' }),
        rssItem({ title: 'Third telling', link: 'https://hostile.example/d', guid: 'same' }),
      ]),
  },
  farDates: {
    id: 'far-dates',
    what: 'dates in the far past and future, and one real date',
    handler: (_req, res) =>
      send(res, [
        ...IMPLAUSIBLE_DATES.map((pubDate, i) => rssItem({ title: `Dated ${i}`, link: `https://hostile.example/date-${i}`, pubDate })),
        rssItem({ title: 'Real date', link: 'https://hostile.example/real', pubDate: PLAUSIBLE_DATE.raw }),
      ]),
  },
} satisfies Record<string, HostileCase>;
