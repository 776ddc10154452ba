import { afterEach, describe, expect, it } from 'vitest';
import { seedFeeds, seedStory } from '../../../test/support/stories.js';
import { getItemClassification } from './classifications.js';
import { representativeItemId, representativeLabels } from './entry-labels.js';
import { openDatabase, type Db } from '../index.js';

let db: Db | undefined;
afterEach(() => db?.close());

describe('entry labels', () => {
  it("reads every story's representative labels at once, as one item's labels read", () => {
    db = openDatabase(':memory:');
    seedFeeds(db, [{ id: 'light', weight: 1 }, { id: 'heavy', weight: 3 }]);
    const at = '2026-11-24T10:00:00.000Z';
    const classified = String(seedStory(db, [{ id: 'c1', feedId: 'light', title: 'One', publishedAt: at, classification: { topic: 'malware', cves: ['CVE-2026-1'] } }]));
    // The heavier feed's member becomes the representative: its labels, not the first item's.
    const moved = String(
      seedStory(db, [
        { id: 'm1', feedId: 'light', title: 'Two', publishedAt: at, classification: { topic: 'malware' } },
        { id: 'm2', feedId: 'heavy', title: 'Two again', publishedAt: at, classification: { topic: 'ransomware', section: 'press-release', victims: ['Acme'] } },
      ]),
    );
    const unclassified = String(seedStory(db, [{ id: 'u1', feedId: 'light', title: 'Three', publishedAt: at, classification: null }]));
    const storyIds = [classified, moved, unclassified, 'manual-0123abcd', '99999', `0${classified}`];

    const labels = representativeLabels(db, storyIds);
    const oneByOne = new Map(
      storyIds.flatMap((storyId) => {
        const itemId = representativeItemId(db!, storyId);
        const stored = itemId ? getItemClassification(db!, itemId) : undefined;
        return stored ? [[storyId, stored] as const] : [];
      }),
    );
    expect(labels).toEqual(oneByOne);
    expect([...labels.keys()]).toEqual([classified, moved, `0${classified}`]);
    expect(labels.get(moved)).toMatchObject({ topic: 'ransomware', section: 'press-release', victims: ['Acme'] });
    expect(representativeLabels(db, [])).toEqual(new Map());
    expect(representativeLabels(db, ['manual-1'])).toEqual(new Map());
  });
});
