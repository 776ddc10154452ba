/**
 * Adversarial: size. A body is capped while it streams (counted after decompression), so 200 MB or
 * a gzip bomb costs at most `maxBodyBytes` of memory; a document's items and fields are capped.
 */
import { describe, expect, it } from 'vitest';
import { HUGE_BODY_BYTES, MANY_ITEMS, sizeCases } from './cases/size.js';
import { TEST_SETTINGS, expectFailure, useAdversarialRun } from './support/collect.js';

const MiB = 1024 * 1024;
const TOO_LARGE = 'body larger than 4 MiB';

describe('adversarial: size (huge body, gzip bomb, 50,000 items, 1 MB title)', () => {
  const run = useAdversarialRun(Object.values(sizeCases));

  it('200 MB without Content-Length: too-large once 4 MiB were read; the rest is never sent', () => {
    expectFailure(run(), sizeCases.hugeBody.id, 'too-large', TOO_LARGE);
    expect(run().feed(sizeCases.hugeBody.id).httpStatus).toBe(200);
    // The cap plus what socket buffers hold when the stream is cancelled.
    expect(run().server.bytesSent(`/${sizeCases.hugeBody.id}`)).toBeLessThan(TEST_SETTINGS.maxBodyBytes + 16 * MiB);
  });

  it('200 MB announced by Content-Length: too-large before reading the body', () => {
    expectFailure(run(), sizeCases.hugeBodyDeclared.id, 'too-large', TOO_LARGE);
    expect(run().server.bytesSent(`/${sizeCases.hugeBodyDeclared.id}`)).toBeLessThan(HUGE_BODY_BYTES / 10);
  });

  it('gzip bomb: too-large, counted after decompression, long before 1 GiB inflates', () => {
    expectFailure(run(), sizeCases.gzipBomb.id, 'too-large', TOO_LARGE);
    // The whole bomb is ~1 MiB on the wire, under the 4 MiB cap: only counting inflated bytes stops it.
    expect(run().server.bytesSent(`/${sizeCases.gzipBomb.id}`)).toBeLessThan(TEST_SETTINGS.maxBodyBytes);
  });

  it('50,000 items: parsed, capped at maxItemsPerFeed in document order, in bounded time', () => {
    const result = run().feed(sizeCases.manyItems.id);
    expect(result).toMatchObject({ status: 'ok', error: null, itemsFound: TEST_SETTINGS.maxItemsPerFeed, itemsNew: TEST_SETTINGS.maxItemsPerFeed });
    const guids = run().items(sizeCases.manyItems.id).map((item) => item.guid);
    expect(guids).toEqual(Array.from({ length: TEST_SETTINGS.maxItemsPerFeed }, (_, i) => `item-${i}`));
    expect(MANY_ITEMS).toBeGreaterThan(TEST_SETTINGS.maxItemsPerFeed * 100);
    // Generous for a loaded CI machine: the whole run (training the classifier included).
    expect(run().wallMs).toBeLessThan(30_000);
  });

  it('1 MB title and summary: stored cut to titleMaxChars / summaryMaxChars with an ellipsis', () => {
    expect(run().feed(sizeCases.hugeTitle.id)).toMatchObject({ status: 'ok', itemsNew: 1 });
    const [item] = run().items(sizeCases.hugeTitle.id);
    expect(item?.title.length).toBeLessThanOrEqual(TEST_SETTINGS.titleMaxChars);
    expect(item?.title.length).toBeGreaterThan(TEST_SETTINGS.titleMaxChars * 0.8);
    expect(item?.title).toMatch(/^Giant headline words .*…$/);
    expect(item?.summary.length).toBeLessThanOrEqual(TEST_SETTINGS.summaryMaxChars);
    expect(item?.summary).toMatch(/^summary text .*…$/);
  });
});
