/**
 * The StoryIndex contract, run against each implementation (memory-index.test.ts,
 * storage/stories.test.ts): both must file the same items in the same stories.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DedupeItem, Story, StoryIndex } from '../../model/index.js';

export interface StoryIndexHarness {
  index: StoryIndex;
  /** Makes the item known to the implementation (SQLite needs its row, and its feed's weight). */
  addItem(item: DedupeItem): void;
  story(id: number): Story | undefined;
  close?(): void;
}

const item = (id: string, fields: Partial<DedupeItem> = {}): DedupeItem => ({
  id,
  feedId: 'feed-a',
  weight: 1,
  canonicalUrl: `https://news.example/${id}`,
  urlHash: `url-${id}`,
  title: `Title ${id}`,
  summary: '',
  publishedAt: '2027-03-03T12:00:00.000Z',
  ...fields,
});

export function describeStoryIndex(name: string, setup: () => StoryIndexHarness): void {
  describe(`StoryIndex contract: ${name}`, () => {
    let harness: StoryIndexHarness;
    const open = () => (harness = setup());
    const file = (it: DedupeItem, keys: number[] = [], storyId?: number) => {
      harness.addItem(it);
      if (storyId === undefined) return harness.index.createStory(it, keys);
      harness.index.joinStory(storyId, it, keys);
      return storyId;
    };
    afterEach(() => harness?.close?.());

    it('opens stories with distinct ids and finds them by canonical URL', () => {
      open();
      const a = file(item('a'));
      const b = file(item('b'));
      expect(a).not.toBe(b);
      expect(harness.index.storyOfUrl('url-b')).toBe(b);
      expect(harness.index.storyOfUrl('url-none')).toBeUndefined();
    });

    it('lists postings per key inside the window only, newest first, at most maxBucket', () => {
      open();
      const old = file(item('old', { publishedAt: '2027-02-01T00:00:00.000Z' }), [7]);
      const mid = file(item('mid', { publishedAt: '2027-03-02T00:00:00.000Z' }), [7, 8]);
      const recent = file(item('new', { publishedAt: '2027-03-03T00:00:00.000Z' }), [7]);
      const postings = harness.index.postings([7, 8, 7, 9], '2027-02-24T00:00:00.000Z', '2027-03-10T00:00:00.000Z', 10);
      expect(postings.map((bucket) => bucket.map((p) => p.storyId))).toEqual([[recent, mid], [mid], []]);
      expect(harness.index.postings([7], '2027-01-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z', 2)[0]!.map((p) => p.storyId)).toEqual([recent, mid]);
      expect(old).toBeGreaterThan(0);
    });

    it('lists a story\'s members inside the window, newest first', () => {
      open();
      const story = file(item('m1', { publishedAt: '2027-03-01T00:00:00.000Z', title: 'One', summary: 'first' }));
      file(item('m2', { publishedAt: '2027-03-03T00:00:00.000Z', feedId: 'feed-b' }), [], story);
      file(item('m3', { publishedAt: '2027-01-01T00:00:00.000Z', feedId: 'feed-b' }), [], story);
      const members = harness.index.members(story, '2027-02-20T00:00:00.000Z', '2027-03-10T00:00:00.000Z', 10);
      expect(members.map((m) => m.id)).toEqual(['m2', 'm1']);
      expect(members[1]).toEqual({ id: 'm1', title: 'One', summary: 'first', publishedAt: '2027-03-01T00:00:00.000Z' });
      expect(harness.index.members(story, '2027-01-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z', 1).map((m) => m.id)).toEqual(['m2']);
    });

    it('keeps size, first and last seen, coverage (distinct feeds) and the representative up to date', () => {
      open();
      const story = file(item('wire', { feedId: 'wire', weight: 0.5, publishedAt: '2027-03-03T08:00:00.000Z' }));
      file(item('blog', { feedId: 'blog', weight: 2, publishedAt: '2027-03-03T12:00:00.000Z' }), [], story);
      file(item('outlet', { feedId: 'outlet', weight: 3, publishedAt: '2027-03-03T16:00:00.000Z' }), [], story);
      file(item('outlet-2', { feedId: 'outlet', weight: 3, publishedAt: '2027-03-03T10:00:00.000Z' }), [], story);
      file(item('outlet-1', { feedId: 'outlet', weight: 3, publishedAt: '2027-03-03T10:00:00.000Z' }), [], story);
      // Highest weight first, then the earliest, then the smallest id.
      expect(harness.story(story)).toEqual({
        id: story,
        representativeItemId: 'outlet-1',
        firstSeen: '2027-03-03T08:00:00.000Z',
        lastSeen: '2027-03-03T16:00:00.000Z',
        coverage: 3,
        size: 5,
      });
    });
  });
}
