/** Adversarial: responses that are not (whole) feeds. Each fails on its own with a code and a cause. */
import { describe, it } from 'vitest';
import { documentCases } from './cases/documents.js';
import { expectFailure, useAdversarialRun } from './support/collect.js';

describe('adversarial: not a feed (HTML, empty, truncated)', () => {
  const run = useAdversarialRun(Object.values(documentCases));

  it('HTML instead of a feed: not-a-feed, whatever the Content-Type says', () => {
    expectFailure(run(), documentCases.htmlPage.id, 'not-a-feed', 'an HTML page, not a feed');
    expectFailure(run(), documentCases.htmlAsXml.id, 'not-a-feed', 'an HTML page, not a feed');
  });

  it('an empty or blank body: not-a-feed "empty document"', () => {
    expectFailure(run(), documentCases.emptyBody.id, 'not-a-feed', 'empty document');
    expectFailure(run(), documentCases.whitespaceBody.id, 'not-a-feed', 'empty document');
  });

  it('a truncated document: malformed, naming the missing end tag; not even the complete first item is kept', () => {
    expectFailure(run(), documentCases.truncatedDocument.id, 'malformed', 'malformed XML: the document ends before </rss> (truncated?)');
  });

  it('a transfer cut short of its Content-Length: a network error, nothing stored', () => {
    expectFailure(run(), documentCases.truncatedTransfer.id, 'network', /^(body did not match its Content-Length|connection closed unexpectedly|connection reset by the server) \(127\.0\.0\.1:\d+\)$/);
  });
});
