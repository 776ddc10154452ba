/**
 * Every case of the adversarial suite, for the benchmark (scripts/bench/hostile.ts) and the docs.
 * The tests import their own group; this list must name every case once.
 */
import { contentCases } from './content.js';
import { documentCases } from './documents.js';
import { encodingCases } from './encoding.js';
import { entityCases } from './entities.js';
import { goodFeed } from './good.js';
import { itemCases } from './items.js';
import { redirectCases } from './redirects.js';
import { sizeCases } from './size.js';
import { slowCases } from './slow.js';
import type { HostileCase } from '../support/server.js';

export const HOSTILE_CASES: readonly HostileCase[] = [
  ...Object.values(entityCases),
  ...Object.values(sizeCases),
  ...Object.values(slowCases),
  ...Object.values(redirectCases),
  ...Object.values(documentCases),
  ...Object.values(encodingCases),
  ...Object.values(itemCases),
  ...Object.values(contentCases),
];

/** Well-behaved feeds of about the size of real ones (50 items each), for the comparison. */
export const CLEAN_CASES: readonly HostileCase[] = [
  goodFeed,
  ...Array.from({ length: 20 }, (_, n): HostileCase => ({
    id: `clean-${n}`,
    what: 'a valid 50-item RSS feed',
    handler: (_req, res) => {
      const items = Array.from({ length: 50 }, (_, i) =>
        `<item><title>Clean feed ${n} story ${i} about a patched flaw</title><link>https://clean${n}.example/${i}</link>` +
        `<guid>clean-${n}-${i}</guid><description>&lt;p&gt;${'A paragraph of summary text. '.repeat(8)}&lt;/p&gt;</description></item>`,
      );
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Clean ${n}</title>${items.join('\n')}</channel></rss>`,
      );
    },
  })),
];
