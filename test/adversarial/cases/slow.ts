import type { HostileCase } from '../support/server.js';

/** Slowloris: headers at once, then one byte every 50 ms, forever (until the client leaves). */
function trickle(res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
  const timer = setInterval(() => res.write('a'), 50);
  res.on('close', () => clearInterval(timer));
}

export const slowCases = {
  slowloris: {
    id: 'slowloris',
    what: 'an endless body trickled one byte every 50 ms',
    handler: (_req, res) => trickle(res),
  },
  neverAnswers: {
    id: 'never-answers',
    what: 'accepts the connection and never sends a byte',
    handler: () => undefined,
  },
  stallsAfterHeaders: {
    id: 'stalls-after-headers',
    what: 'sends the headers and half a document, then nothing',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Half</title><item>');
    },
  },
} satisfies Record<string, HostileCase>;
