import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

const MiB = 1024 * 1024;
/** What the huge-body cases offer to send. Never allocated: generated 64 KiB at a time. */
export const HUGE_BODY_BYTES = 200 * MiB;
export const MANY_ITEMS = 50_000;
/** A 1 MB title (and summary) in one item. */
export const HUGE_FIELD_CHARS = 1024 * 1024;

/**
 * Writes `chunks()` until it ends or the client goes away, honouring backpressure, so the server
 * never buffers more than a socket's worth whatever the client does.
 */
export function pump(res: ServerResponse, chunks: Iterator<Buffer>): void {
  let closed = false;
  res.on('close', () => (closed = true));
  const next = () => {
    while (!closed) {
      const chunk = chunks.next();
      if (chunk.done) {
        res.end();
        return;
      }
      if (!res.write(chunk.value)) {
        res.once('drain', next);
        return;
      }
    }
  };
  next();
}

/** A feed-looking prefix, then filler: 200 MB that would parse as one endless description. */
function* hugeBody(total: number): Generator<Buffer> {
  const head = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><item><title>Huge</title><description>');
  yield head;
  const filler = Buffer.alloc(64 * 1024, 'A');
  for (let sent = head.length; sent < total; sent += filler.length) yield filler;
}

let bombMember: Buffer | undefined;
/** One gzip member inflating to 1 MiB of spaces (~1 KiB compressed); built once. */
function gzipMember(): Buffer {
  bombMember ??= zlib.gzipSync(Buffer.alloc(MiB, ' '), { level: 9 });
  return bombMember;
}

/**
 * A gzip bomb: 1,024 concatenated members (RFC 1952 §2.2 allows several), ~1 MiB on the wire,
 * 1 GiB once inflated, after an XML prefix so it starts like a feed.
 */
function* gzipBomb(): Generator<Buffer> {
  yield zlib.gzipSync('<?xml version="1.0"?><rss version="2.0"><channel><title>Bomb</title><item><description>');
  for (let i = 0; i < 1024; i++) yield gzipMember();
}

function* manyItems(count: number): Generator<Buffer> {
  yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Many</title>\n');
  const batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(`<item><title>Item ${i}</title><guid>item-${i}</guid></item>\n`);
    if (batch.length === 1000) yield Buffer.from(batch.splice(0).join(''));
  }
  yield Buffer.from(`${batch.join('')}</channel></rss>\n`);
}

export const sizeCases = {
  hugeBody: {
    id: 'huge-body',
    what: 'a 200 MB body without Content-Length, streamed',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      pump(res, hugeBody(HUGE_BODY_BYTES));
    },
  },
  hugeBodyDeclared: {
    id: 'huge-body-declared',
    what: 'a 200 MB body announced by its Content-Length, streamed',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(HUGE_BODY_BYTES) });
      pump(res, hugeBody(HUGE_BODY_BYTES));
    },
  },
  gzipBomb: {
    id: 'gzip-bomb',
    what: 'gzip members inflating to 1 GiB from ~1 MiB',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      pump(res, gzipBomb());
    },
  },
  manyItems: {
    id: 'many-items',
    what: '50,000 items in one document (~2.5 MB)',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      pump(res, manyItems(MANY_ITEMS));
    },
  },
  hugeTitle: {
    id: 'huge-title',
    what: 'one item with a 1 MB title and a 1 MB summary',
    handler: (_req, res) => {
      const title = `Giant ${'headline words '.repeat(HUGE_FIELD_CHARS / 15)}`;
      const description = `&lt;p&gt;${'summary text '.repeat(HUGE_FIELD_CHARS / 13)}&lt;/p&gt;`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rssDocument([rssItem({ title, link: 'https://hostile.example/giant', guid: 'giant', description })]));
    },
  },
} satisfies Record<string, HostileCase>;
