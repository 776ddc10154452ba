import type { ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

/** The title every encoding case carries, as it must be stored. */
export const ENCODED_TITLE = 'Café \u2013 \u201Cquoted\u201D résumé';

const send = (res: ServerResponse, body: Buffer, type = 'application/rss+xml') => res.writeHead(200, { 'content-type': type }).end(body);
const doc = (title: string, declaration?: string) =>
  rssDocument([rssItem({ title, link: 'https://hostile.example/enc', guid: 'enc' })], declaration ? { declaration } : {});

export const encodingCases = {
  invalidUtf8: {
    id: 'invalid-utf8',
    what: 'UTF-8 with stray invalid bytes (0xFF, a lone lead byte) in a title',
    handler: (_req, res) => {
      const [head = '', tail = ''] = doc('@@').split('@@');
      send(res, Buffer.concat([Buffer.from(`${head}Café `), Buffer.from([0xff, 0xc3]), Buffer.from(` broken${tail}`)]), 'application/rss+xml; charset=utf-8');
    },
  },
  utf8Bom: {
    id: 'utf8-bom',
    what: 'a UTF-8 byte-order mark before the XML declaration',
    handler: (_req, res) => send(res, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(ENCODED_TITLE))])),
  },
  utf16Bom: {
    id: 'utf16-bom',
    what: 'UTF-16LE with its byte-order mark',
    handler: (_req, res) =>
      send(res, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc(ENCODED_TITLE, '<?xml version="1.0" encoding="UTF-16"?>'), 'utf-16le')])),
  },
  utf8LabelledLatin1: {
    id: 'utf8-labelled-latin1',
    what: 'UTF-8 bytes, but the HTTP charset and the XML declaration say ISO-8859-1',
    handler: (_req, res) =>
      send(res, Buffer.from(doc(ENCODED_TITLE, '<?xml version="1.0" encoding="ISO-8859-1"?>')), 'application/rss+xml; charset=iso-8859-1'),
  },
  latin1LabelledUtf8: {
    id: 'latin1-labelled-utf8',
    what: 'windows-1252 bytes, but the XML declaration says UTF-8',
    handler: (_req, res) => send(res, iconv.encode(doc(ENCODED_TITLE, '<?xml version="1.0" encoding="UTF-8"?>'), 'windows-1252')),
  },
} satisfies Record<string, HostileCase>;
