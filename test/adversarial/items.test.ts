/** Adversarial: odd items. Identity falls back (guid → canonical link → content hash), dates are bounded. */
import { describe, expect, it } from 'vitest';
import { IMPLAUSIBLE_DATES, PLAUSIBLE_DATE, itemCases } from './cases/items.js';
import { useAdversarialRun } from './support/collect.js';

describe('adversarial: items (no link or guid, duplicate guids, far dates)', () => {
  const run = useAdversarialRun(Object.values(itemCases));

  it('items without link or guid: kept under a content-hash guid; an empty item and an exact repeat are skipped', () => {
    expect(run().feed(itemCases.noLinkNoGuid.id)).toMatchObject({ status: 'ok', itemsFound: 2, itemsNew: 2 });
    const items = run().items(itemCases.noLinkNoGuid.id);
    expect(items.map((i) => [i.title, i.url, i.canonical_url])).toEqual([
      ['Only a title', null, null],
      ['Only a summary, long enough to lend a title.', null, null],
    ]);
    for (const item of items) expect(item.guid).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('duplicate guids within a feed: the first wins, the later ones are dropped', () => {
    expect(run().feed(itemCases.duplicateGuids.id)).toMatchObject({ status: 'ok', itemsFound: 2, itemsNew: 2 });
    expect(run().items(itemCases.duplicateGuids.id).map((i) => [i.guid, i.title])).toEqual([
      ['same', 'First telling'],
      ['other', 'Unique'],
    ]);
  });

  it('dates in the far past, the far future or unreadable: stored as the fetch time; a real one kept', () => {
    const items = run().items(itemCases.farDates.id);
    expect(items).toHaveLength(IMPLAUSIBLE_DATES.length + 1);
    for (const item of items.slice(0, IMPLAUSIBLE_DATES.length)) expect(item.published_at, item.title).toBe(item.fetched_at);
    expect(items.at(-1)).toMatchObject({ title: 'Real date', published_at: PLAUSIBLE_DATE.iso });
  });
});
