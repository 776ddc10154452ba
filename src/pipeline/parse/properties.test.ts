import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyBudget, timed as timedWithin } from '../../../test/support/properties.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { FeedError } from '../../model/errors.js';
import { normalizeEntries } from '../normalize/index.js';
import { decodeBody } from './decode.js';
import { parseFeedDocument } from './index.js';
import { escapeText, looksLikeHtml } from './text-construct.js';
import { resolveReference } from './xml-base.js';

/**
 * Property tests (fast-check) of the parse entry points: whatever bytes arrive, parsing ends
 * quickly with a feed or a typed FeedError, and what it yields normalizes. Each property stops
 * after a time budget, so `npm test` stays bounded; a failure prints its seed to replay it.
 */
const PER_INPUT_MS = 250;
const BUDGET = propertyBudget(1_000);

const timed = <T>(work: () => T): T => timedWithin(PER_INPUT_MS, work);

const PIECES = [
  '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="utf-16"?>', '<!DOCTYPE rss [', ']>',
  '<!ENTITY e "x">', '<!x>', '<!-- c -->', '<?pi?>', '<rss version="2.0">', '</rss>', '<channel>', '</channel>',
  '<item>', '</item>', '<title>', '</title>', '<link>', '</link>', '<description>', '</description>',
  '<pubDate>', '</pubDate>', 'Tue, 10 Jun 2025 04:00:00 PT', '2025-02-30', '<guid>', '</guid>',
  '<feed xmlns="http://www.w3.org/2005/Atom">', '<feed xml:base="b/">', '</feed>', '<entry>', '<entry xml:base="../x/">',
  '</entry>', '<id>', '</id>', '<link href="p"/>', '<content type="html">', '<content type="image/png">', '</content>',
  '<title mode="base64">', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', '</rdf:RDF>',
  '<![CDATA[', ']]>', '&amp;', '&lt;svg onload&gt;', '&#8217;', '&bogus;', '<iframe/>', '<object>', '"><svg onload=x>',
  'text', ' ', '\n', 'é', '€', '\u0000', '\uFEFF', '{"version":"https://jsonfeed.org/version/1.1","items":[',
  ']}', '{"title":"x"}', '<html>', 'https://a.example/', 'javascript:alert(1)',
];

/** Text for an element: random, or pieces that have broken parsers, XML-escaped (or not, sometimes). */
const slot = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 16 })), { maxLength: 6 }), fc.boolean())
  .map(([parts, escape]) => {
    const text = parts.join('');
    return escape ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;') : text;
  });

const rssDocument = fc
  .tuple(fc.constantFrom('', '<?xml version="1.0"?>', '<!DOCTYPE rss>'), fc.array(fc.tuple(slot, slot, slot, slot), { maxLength: 5 }))
  .map(([prolog, items]) =>
    `${prolog}<rss version="2.0"><channel><title>T</title>${items
      .map(([title, link, date, description]) =>
        `<item><title>${title}</title><link>${link}</link><pubDate>${date}</pubDate><description>${description}</description></item>`)
      .join('')}</channel></rss>`);

const atomDocument = fc
  .tuple(slot, fc.array(fc.tuple(slot, slot, slot, fc.constantFrom('text', 'html', 'xhtml', 'image/png')), { maxLength: 5 }))
  .map(([base, entries]) =>
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base.replace(/["<&]/g, '')}"><title>A</title>${entries
      .map(([title, id, updated, type]) =>
        `<entry><id>${id}</id><title type="${type}">${title}</title><updated>${updated}</updated><content type="${type}">${title}</content></entry>`)
      .join('')}</feed>`);

const jsonDocument = fc
  .array(fc.record({ id: fc.string(), title: fc.string(), url: fc.string(), content_html: fc.string(), date_published: fc.string() }), { maxLength: 5 })
  .map((items) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items }));

/** A document with one random edit: a piece inserted somewhere, or the end cut off. */
const edited = fc
  .tuple(fc.oneof(rssDocument, atomDocument, jsonDocument), fc.nat(), fc.constantFrom(...PIECES), fc.boolean())
  .map(([doc, at, piece, cut]) => {
    const i = at % (doc.length + 1);
    return cut ? doc.slice(0, i) : doc.slice(0, i) + piece + doc.slice(i);
  });

const documentText = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(rssDocument, atomDocument, jsonDocument) },
  { weight: 3, arbitrary: edited },
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 400 }),
);

const documentBytes = fc.oneof(
  documentText.map((text) => Buffer.from(text, 'utf8')),
  fc.tuple(documentText, fc.constantFrom('latin1', 'utf16le', 'ucs2') as fc.Arbitrary<BufferEncoding>).map(([t, e]) => Buffer.from(t, e)),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
);

const contentType = fc.constantFrom(null, 'application/rss+xml', 'text/xml; charset=iso-8859-1', 'text/xml; charset=utf-16', 'application/json', 'text/html; charset=bogus');

describe('parse properties', () => {
  it('parses any bytes to a feed or a typed error, quickly, and what it yields normalizes', () => {
    fc.assert(
      fc.property(documentBytes, contentType, (bytes, type) => {
        let entries;
        try {
          entries = timed(() => parseFeedDocument(bytes, type, { maxEntries: 50 })).entries;
        } catch (error) {
          expect(error).toBeInstanceOf(FeedError);
          expect(['decode', 'not-a-feed', 'malformed']).toContain((error as FeedError).code);
          return;
        }
        const items = timed(() =>
          normalizeEntries(entries, {
            feedId: 'p',
            feedUrl: 'https://feeds.example/x.xml',
            fetchedAt: new Date('2025-01-01T00:00:00Z'),
            limits: DEFAULT_SETTINGS.collect,
          }),
        );
        for (const item of items) {
          expect(item.title.length).toBeGreaterThan(0);
          expect(Number.isNaN(Date.parse(item.publishedAt))).toBe(false);
          if (item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
        }
      }),
      BUDGET,
    );
  });

  it('decodes any bytes under any label to a string without a leading BOM', () => {
    fc.assert(
      fc.property(documentBytes, contentType, (bytes, type) => {
        const text = timed(() => decodeBody(bytes, type));
        expect(typeof text).toBe('string');
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
      }),
      BUDGET,
    );
  });

  it('escapes plain text so that it never looks like HTML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const escaped = escapeText(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
      BUDGET,
    );
    expect(looksLikeHtml('a</b>')).toBe(true);
  });

  it('resolves references without throwing, to the reference or something URL-shaped', () => {
    const part = fc.oneof(fc.webUrl(), fc.webPath(), fc.string({ maxLength: 20 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(part, { maxLength: 3 }), (reference, bases) => {
        const resolved = timed(() => resolveReference(reference, bases));
        expect(typeof resolved).toBe('string');
      }),
      BUDGET,
    );
  });
});
