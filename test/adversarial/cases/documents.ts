import type { ServerResponse } from 'node:http';
import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

const send = (res: ServerResponse, body: string, type = 'application/rss+xml') => res.writeHead(200, { 'content-type': type }).end(body);

const complete = rssDocument([
  rssItem({ title: 'First', link: 'https://hostile.example/1', guid: 'first' }),
  rssItem({ title: 'Second', link: 'https://hostile.example/2', guid: 'second' }),
]);

export const documentCases = {
  htmlPage: {
    id: 'html-page',
    what: 'an HTML page served with 200 where the feed should be',
    handler: (_req, res) => send(res, '<!DOCTYPE html>\n<html><head><title>Blog</title><link rel="alternate" href="/feed"></head><body>Hi</body></html>', 'text/html; charset=utf-8'),
  },
  htmlAsXml: {
    id: 'html-as-xml',
    what: 'an HTML page claiming to be RSS (content type lies)',
    handler: (_req, res) => send(res, '<html lang="en"><body><p>Moved</p></body></html>'),
  },
  emptyBody: {
    id: 'empty-body',
    what: 'a 200 with an empty body',
    handler: (_req, res) => send(res, ''),
  },
  whitespaceBody: {
    id: 'whitespace-body',
    what: 'a 200 with only whitespace',
    handler: (_req, res) => send(res, ' \n\t\n'),
  },
  truncatedDocument: {
    id: 'truncated-document',
    what: 'a complete response whose document stops mid-item',
    handler: (_req, res) => send(res, complete.slice(0, complete.indexOf('<item>', complete.indexOf('</item>')) + 20)),
  },
  truncatedTransfer: {
    id: 'truncated-transfer',
    what: 'a Content-Length of the whole document, then the connection dropped halfway',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(Buffer.byteLength(complete)) });
      res.write(complete.slice(0, 200), () => res.destroy());
    },
  },
} satisfies Record<string, HostileCase>;
