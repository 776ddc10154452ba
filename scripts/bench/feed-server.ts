/**
 * A benchmark feed host: serves `feeds` synthetic RSS documents of `items` items each from
 * several ports on 127.0.0.1 (one "host" per port, so the per-host limit behaves as it would
 * across many real sites), with ETags so a second pass is all 304s. Runs as its own process so
 * its CPU is not charged to the collector. Prints one JSON line {"ports": [...]} when ready.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { random, word, zipf } from './synthetic-items.js';

const feeds = Number(process.argv[2] ?? 1000);
const itemsPerFeed = Number(process.argv[3] ?? 50);
const portCount = Number(process.argv[4] ?? 25);

// Text shaped like real news, so the collection's story matching sees buckets of the size real
// text fills: function words and security vocabulary (which dedupe ignores or discounts) around
// content words and names drawn from a Zipf distribution over a large vocabulary, as in the
// dedupe benchmark. (Text made of 19 words once served here: every item resembled every other,
// every LSH bucket was full, and the cold run measured that pathology, 65 s, not a collection.)
const FUNCTION_WORDS = 'the a of to in and for on with after from by as that its was were has have said it at be this which'.split(' ');
const SECURITY_WORDS = (
  'attackers hackers ransomware malware breach flaw vulnerability exploit exploited patch update attack campaign ' +
  'phishing credentials data stolen leaked servers network critical remote code execution zero-day advisory'
).split(' ');

// One seeded stream for all documents (built in order once), so every run serves the same text.
const rand = random(1);
const draw = zipf(rand);
const pick = (words: readonly string[]) => words[Math.floor(rand() * words.length)]!;

function sentence(length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = rand();
    if (roll < 0.35) out.push(pick(FUNCTION_WORDS));
    else if (roll < 0.5) out.push(pick(SECURITY_WORDS));
    else if (roll < 0.85) out.push(word(draw()));
    else out.push(word(draw()).replace(/^k/, 'K'));
  }
  return out.join(' ');
}

function document(feed: number): string {
  const items: string[] = [];
  for (let i = 0; i < itemsPerFeed; i++) {
    const day = 1 + ((feed + i) % 28);
    items.push(`<item><title>Feed ${feed} story ${i}: ${sentence(8)}</title>
<link>https://site${feed}.example/posts/${i}?utm_source=rss</link><guid isPermaLink="false">f${feed}-i${i}</guid>
<pubDate>Mon, ${String(day).padStart(2, '0')} Nov 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;${sentence(85)}&lt;/p&gt;</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${feed}</title><link>https://site${feed}.example/</link>${items.join('\n')}</channel></rss>`;
}

const docs = Array.from({ length: feeds }, (_, i) => {
  const body = Buffer.from(document(i));
  return { body, etag: `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 12)}"` };
});

const handler: http.RequestListener = (req, res) => {
  const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const doc = match ? docs[Number(match[1])] : undefined;
  if (!doc) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === doc.etag) return void res.writeHead(304, { etag: doc.etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: doc.etag, 'content-length': doc.body.length });
  res.end(doc.body);
};

const ports: number[] = [];
for (let i = 0; i < portCount; i++) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push((server.address() as AddressInfo).port);
}
const meanBytes = Math.round(docs.reduce((n, d) => n + d.body.length, 0) / docs.length);
process.stdout.write(`${JSON.stringify({ ports, meanBytes })}\n`);
