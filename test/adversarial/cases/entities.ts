import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { rssDocument, rssItem } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

/** Where the XXE cases point: a path of the test's own server, which must never be requested. */
export const XXE_PROBE = '/xxe-probe';

/** 10 levels of 10 references: 10^9 "lol"s (3 GB) if anything ever expanded them. */
function laughs(): string {
  let entities = '<!ENTITY lol0 "lol">';
  for (let level = 1; level <= 9; level++) entities += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`;
  return `<!DOCTYPE rss [${entities}]>\n`;
}

const laughsDocument = () =>
  rssDocument([rssItem({ title: 'Laughs &lol9;', link: 'https://hostile.example/laughs', description: '&lol9;&lol9;' })], {
    prolog: laughs(),
    title: '&lol9;',
  });

function xml(res: import('node:http').ServerResponse, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
}

const leakItem = rssItem({ title: 'Leak: &xxe;', link: 'https://hostile.example/leak', guid: 'leak' });

export const entityCases = {
  billionLaughs: {
    id: 'billion-laughs',
    what: 'nested internal entities that would expand to 3 GB',
    handler: (_req, res) => xml(res, laughsDocument()),
  },
  billionLaughsUtf16: {
    id: 'billion-laughs-utf16',
    what: 'the same, UTF-16LE with a BOM (feedparser\'s variant)',
    handler: (_req, res) =>
      xml(res, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(laughsDocument().replace('UTF-8', 'UTF-16'), 'utf-16le')])),
  },
  xxeHttp: {
    id: 'xxe-http',
    what: 'an external entity pointing at a 127.0.0.1 URL of the test server',
    handler: (_req, res, env) =>
      xml(res, rssDocument([leakItem], { prolog: `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "${env.baseUrl}${XXE_PROBE}">]>\n` })),
  },
  xxeFile: {
    id: 'xxe-file',
    what: 'an external entity pointing at a local file holding a marker',
    handler: (_req, res, env) =>
      xml(res, rssDocument([leakItem], { prolog: `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "${pathToFileURL(env.secretFile).href}">]>\n` })),
  },
  xxeParameter: {
    id: 'xxe-parameter',
    what: 'a parameter entity loading an external DTD (out-of-band XXE)',
    handler: (_req, res, env) =>
      xml(res, rssDocument([leakItem], { prolog: `<!DOCTYPE rss [<!ENTITY % ext SYSTEM "${env.baseUrl}${XXE_PROBE}.dtd"> %ext;]>\n` })),
  },
  xxeExternalDtd: {
    id: 'xxe-external-dtd',
    what: 'an external DTD subset on the test server (old RSS 0.91 style)',
    handler: (_req, res, env) =>
      xml(
        res,
        rssDocument([rssItem({ title: 'Read without the DTD', link: 'https://hostile.example/dtd', guid: 'dtd' })], {
          prolog: `<!DOCTYPE rss SYSTEM "${env.baseUrl}${XXE_PROBE}-subset.dtd">\n`,
        }),
      ),
  },
} satisfies Record<string, HostileCase>;
