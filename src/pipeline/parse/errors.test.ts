import { describe, expect, it } from 'vitest';
import { FeedError, type FeedErrorCode } from '../../model/errors.js';
import { parseFeedDocument } from './index.js';

function failure(doc: string, contentType: string | null = null): FeedError {
  try {
    parseFeedDocument(Buffer.from(doc, 'utf8'), contentType);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('expected a FeedError');
}

function expectFailure(doc: string, code: FeedErrorCode, message: string | RegExp, contentType: string | null = null) {
  const error = failure(doc, contentType);
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}

describe('not-a-feed', () => {
  it('rejects an empty or whitespace-only body', () => {
    expectFailure('', 'not-a-feed', 'empty document');
    expectFailure(' \n\t\r\n', 'not-a-feed', 'empty document');
    expectFailure('\uFEFF  ', 'not-a-feed', 'empty document');
  });

  it('rejects HTML pages', () => {
    expectFailure('\n<!DOCTYPE html><html><head><title>Blog</title></head></html>', 'not-a-feed', 'an HTML page, not a feed');
    expectFailure('<html lang="en"><body>hi</body></html>', 'not-a-feed', 'an HTML page, not a feed');
    expectFailure(
      '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"/>',
      'not-a-feed',
      'an HTML page, not a feed',
    );
  });

  it('rejects JSON that is not a JSON Feed', () => {
    const message = 'JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1…")';
    expectFailure('{"status": "ok", "items": []}', 'not-a-feed', message);
    expectFailure('[1, 2, 3]', 'not-a-feed', message);
    expectFailure('{"version": "2.0", "title": "x", "items": []}', 'not-a-feed', message, 'application/json');
  });

  it('rejects XML with another root', () => {
    expectFailure('<?xml version="1.0"?><!-- sitemap --><urlset><url/></urlset>', 'not-a-feed', 'XML root <urlset> is not RSS, Atom or RDF');
    expectFailure('<opml version="2.0"><body/></opml>', 'not-a-feed', 'XML root <opml> is not RSS, Atom or RDF');
  });

  it('rejects plain text', () => {
    expectFailure('Service Unavailable', 'not-a-feed', /^neither XML nor JSON/);
  });
});

describe('malformed', () => {
  it('reports broken XML with the parser error as cause', () => {
    const error = expectFailure(
      '<rss version="2.0"><channel><title>x</title><item><title>a < b</title></item></channel></rss>',
      'malformed',
      /^malformed XML: /,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('reports a truncated document', () => {
    const full = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title></item><item><title>b</title></item></channel></rss>';
    for (const cut of [full.length - 1, full.length - 10, full.length - 25, 60]) {
      expectFailure(full.slice(0, cut), 'malformed', /^malformed XML: /);
    }
    // Comments and whitespace after the root's end tag are fine.
    expect(parseFeedDocument(Buffer.from(`${full}\n<!-- generated in 3 ms -->\n`), null).entries).toHaveLength(2);
  });

  it('reports a truncated Atom and RDF document', () => {
    expectFailure('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><id>1</id>', 'malformed', 'malformed XML: the document ends before </feed> (truncated?)');
    expectFailure('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel>', 'malformed', /<\/rdf:RDF>/);
  });

  it('reports invalid JSON with its position', () => {
    const doc = '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items": [}\n}';
    const error = expectFailure(doc, 'malformed', /^malformed JSON at line 3, column 13: /);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expectFailure('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'malformed', /^malformed JSON at line 1, column 59: /);
  });

  it('reads an RSS root without a channel as an empty feed, not a broken one (issue 17)', () => {
    expect(parseFeedDocument(Buffer.from('<rss version="2.0"></rss>'), null)).toEqual({ format: 'rss', entries: [] });
  });
});
