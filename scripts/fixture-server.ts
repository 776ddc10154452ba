import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export interface FixtureServer {
  baseUrl: string;
  port: number;
  /** Requests served so far, by status code (200, 304, 404). */
  counts: Map<number, number>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json',
};

/**
 * Serves the files under `root` on 127.0.0.1 the way a well-behaved feed host does: a strong
 * ETag and a Last-Modified per file, 304 for a matching conditional GET, gzip when asked.
 * The Content-Type carries no charset, so the document's own declaration decides (as with
 * many real hosts). Only loopback is ever bound.
 */
export interface FixtureServerOptions {
  /** Each response waits a random 0..delayMs first (the crash test uses it to widen the run). */
  delayMs?: number;
}

export async function startFixtureServer(root: string, port = 0, options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const counts = new Map<number, number>();
  const bump = (status: number) => counts.set(status, (counts.get(status) ?? 0) + 1);
  const server = http.createServer((req, res) => {
    if (options.delayMs) {
      setTimeout(() => serve(req, res), Math.random() * options.delayMs);
      return;
    }
    serve(req, res);
  });
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://fixture').pathname);
    const file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      bump(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const body = fs.readFileSync(file);
    const etag = `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const lastModified = fs.statSync(file).mtime.toUTCString();
    const headers: http.OutgoingHttpHeaders = {
      etag,
      'last-modified': lastModified,
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'max-age=300',
    };
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
      bump(304);
      res.writeHead(304, headers).end();
      return;
    }
    bump(200);
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(zlib.gzipSync(body));
    } else {
      res.writeHead(200, headers).end(body);
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${actual}`,
    port: actual,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
