import { afterEach, describe, expect, it } from 'vitest';
import { seedFeeds, seedStory, type SeedItem } from '../../../test/support/stories.js';
import { storyCandidates } from './candidates.js';
import { openDatabase, type Db } from '../index.js';

const WINDOW = { since: '2026-11-24T06:00:00.000Z', until: '2026-11-25T06:00:00.000Z' };
const news = { topic: 'vulnerability' };
const at = (time: string) => `2026-11-${time}:00.000Z`;
const item = (id: string, feedId: string, publishedAt: string, extra: Partial<SeedItem> = {}): SeedItem => ({
  id,
  feedId,
  title: `Title ${id}`,
  publishedAt,
  classification: news,
  ...extra,
});

let db: Db | undefined;
afterEach(() => db?.close());

function seed(db: Db): Record<string, string> {
  seedFeeds(db, [
    { id: 'a', weight: 3 },
    { id: 'b', weight: 1 },
    { id: 'c', weight: 2 },
    { id: 'd', weight: 1 },
  ]);
  const story = (items: SeedItem[]) => String(seedStory(db, items));
  return {
    // Covered by every feed: one link per other feed (its earliest member), heaviest feed first.
    wide: story([
      item('w-a', 'a', at('24T10:00')),
      item('w-b2', 'b', at('24T11:00')),
      item('w-b1', 'b', at('24T10:30')),
      item('w-c', 'c', at('24T12:00')),
      item('w-a2', 'a', at('24T13:00')),
      item('w-d', 'd', at('24T10:45')),
    ]),
    single: story([item('s-b', 'b', at('24T09:00'))]),
    // Published before the window but first collected in it.
    late: story([item('l-b', 'b', at('24T05:55'), { fetchedAt: at('24T06:10') }), item('l-c', 'c', at('24T05:58'), { fetchedAt: at('24T06:20') })]),
    // Published before the window and first collected before it too, though a member came later.
    early: story([item('e-b', 'b', at('24T05:50'), { fetchedAt: at('24T05:58') }), item('e-c', 'c', at('24T05:52'), { fetchedAt: at('24T06:30') })]),
    // Published just before the window but first collected after it: the next window's story.
    tooLate: story([item('t-b', 'b', at('24T05:40'), { fetchedAt: at('25T06:05') })]),
    unclassified: story([item('u-b', 'b', at('24T14:00'), { classification: null })]),
    before: story([item('x-b', 'b', at('20T10:00')), item('x-c', 'c', at('20T11:00'))]),
    after: story([item('y-b', 'b', at('25T07:00')), item('y-c', 'c', at('25T07:10'))]),
  };
}

describe('storyCandidates', () => {
  it("reads the window's classified stories in order of first sighting, with one other link per feed", () => {
    db = openDatabase(':memory:');
    const ids = seed(db);
    const { candidates, unclassified } = storyCandidates(db, WINDOW);
    expect(unclassified).toBe(1);
    expect(candidates.map((c) => c.storyId)).toEqual([ids.late, ids.single, ids.wide]);
    const links = Object.fromEntries(candidates.map((c) => [c.storyId, c.alsoCoveredBy.map((l) => `${l.sourceId}:${l.title}`)]));
    expect(links).toEqual({
      [ids.wide!]: ['c:Title w-c', 'b:Title w-b1', 'd:Title w-d'],
      [ids.single!]: [],
      [ids.late!]: ['b:Title l-b'], // c weighs more: its member became the representative
    });
    expect(candidates[2]).toMatchObject({ title: 'Title w-a', source: 'Feed a', sourceWeight: 3, coverage: 4, firstSeen: at('24T10:00'), topic: 'vulnerability' });
  });

  it('returns nothing for an empty window', () => {
    db = openDatabase(':memory:');
    seed(db);
    expect(storyCandidates(db, { since: at('22T00:00'), until: at('23T00:00') })).toEqual({ candidates: [], unclassified: 0 });
  });
});
