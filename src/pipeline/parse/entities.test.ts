import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../model/errors.js';
import type { ParsedFeed } from '../../model/item.js';
import { parseFeedDocument } from './index.js';

/** Parses, returning either the feed or the FeedError; anything else (or a slow parse) fails the test. */
function attempt(doc: string): { feed?: ParsedFeed; error?: FeedError; ms: number } {
  const started = performance.now();
  try {
    const feed = parseFeedDocument(Buffer.from(doc, 'utf8'), null);
    return { feed, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return { error, ms: performance.now() - started };
  }
}

describe('DTD entities are never expanded (billion laughs, XXE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secdigest-xxe-'));
  const secretFile = join(dir, 'secret.txt');
  const secret = 'TOP-SECRET-7f3a9c';
  writeFileSync(secretFile, secret);
  const secretUrl = pathToFileURL(secretFile).href;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('billion laughs: fast, and the reference stays literal', () => {
    // 10 levels of 10 references: 10^9 "lol"s (3 GB) if anything expanded it.
    let entities = '<!ENTITY lol0 "lol">';
    for (let level = 1; level <= 9; level++) {
      entities += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`;
    }
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE rss [${entities}]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Laughs &lol9;</title><link>https://example.com/1</link><description>&lol9;&lol9;</description></item>
</channel></rss>`;
    const { feed, error, ms } = attempt(doc);
    expect(ms).toBeLessThan(1000);
    expect(error).toBeUndefined();
    expect(feed?.entries[0]?.title).toBe('Laughs &lol9;');
    expect(JSON.stringify(feed).length).toBeLessThan(1000);
  });

  it('external general entity: refused with a message naming it, no file contents', () => {
    for (const target of [secretUrl, 'http://127.0.0.1:9/xxe', secretFile]) {
      for (const kind of [`SYSTEM "${target}"`, `PUBLIC "-//X//Y//EN" "${target}"`]) {
        const doc = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe ${kind}>]>
<rss version="2.0"><channel><title>x</title>
<item><title>Leak: &xxe;</title><link>https://example.com/1</link></item></channel></rss>`;
        const { feed, error, ms } = attempt(doc);
        expect(ms).toBeLessThan(1000);
        expect(feed).toBeUndefined();
        expect(error?.code).toBe('malformed');
        expect(error?.message).toBe('malformed XML: the DOCTYPE declares an external entity (refused: no file is read and nothing is fetched)');
      }
    }
  });

  it('parameter entity: refused with a message naming it (not "Invalid entity name %")', () => {
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % ext SYSTEM "${secretUrl}"> %ext;]>
<rss version="2.0"><channel><title>x</title><item><title>T</title></item></channel></rss>`;
    const { error } = attempt(doc);
    expect(error?.code).toBe('malformed');
    expect(error?.message).toBe('malformed XML: the DOCTYPE declares a parameter entity (refused: entities are never expanded)');
    expect(error?.message).not.toContain(secret);
  });

  it('external DTD subset (old RSS 0.91 style): never fetched, the feed is read', () => {
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "${secretUrl}">
<rss version="2.0"><channel><title>x</title><item><title>T</title><link>https://example.com/1</link></item></channel></rss>`;
    const { feed, ms } = attempt(doc);
    expect(ms).toBeLessThan(1000);
    expect(feed?.entries.map((e) => e.title)).toEqual(['T']);
    expect(JSON.stringify(feed)).not.toContain(secret);
  });

  it('an entity declaration inside a comment or CDATA of the body is not the DOCTYPE', () => {
    const doc = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>x</title><item><title>T</title><link>https://example.com/1</link>
<description><![CDATA[<!DOCTYPE x [<!ENTITY y SYSTEM "file:///etc/passwd">]>]]></description></item></channel></rss>`;
    expect(attempt(doc).feed?.entries).toHaveLength(1);
  });
});
