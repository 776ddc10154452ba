import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { ALL_CASES, fixtureItem, RETOLD, WIRE_COPIES } from './fixtures/cases.js';
import { assignStories, isSiteRoot } from './assign.js';
import { findStories } from './index.js';
import { MemoryStoryIndex } from './memory-index.js';

const settings = DEFAULT_SETTINGS.dedupe;

/** The groups a run formed, as sorted lists of item ids (comparable with a case's `stories`). */
function groups(ids: string[], storyIds: number[]): string[][] {
  const byStory = new Map<number, string[]>();
  ids.forEach((id, i) => byStory.set(storyIds[i]!, [...(byStory.get(storyIds[i]!) ?? []), id]));
  return [...byStory.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('assignStories (input/expected fixtures)', () => {
  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { assignments } = findStories(c.items, settings);
    const expected = c.stories.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(groups(c.items.map((i) => i.id), assignments.map((a) => a.storyId))).toEqual(expected);
  });

  it('gives the same stories whatever the order the items come in', () => {
    const items = [...WIRE_COPIES.items, ...RETOLD.items];
    const forward = findStories(items, settings).assignments.map((a) => a.storyId);
    const backward = findStories([...items].reverse(), settings).assignments.map((a) => a.storyId).reverse();
    expect(backward).toEqual(forward);
  });
});

describe('assignStory rules', () => {
  it('files an item with the canonical URL of an earlier one in its story, whatever the text', () => {
    const first = fixtureItem({ id: 'first', title: 'Velmont water utility hacked', urlHash: 'same-url', canonicalUrl: 'https://news.example/velmont' });
    const copy = fixtureItem({ id: 'copy', title: 'Completely different words', urlHash: 'same-url', canonicalUrl: 'https://news.example/velmont', publishedAt: '2027-05-01T00:00:00.000Z' });
    const { assignments } = findStories([first, copy], settings);
    expect(assignments[1]).toMatchObject({ storyId: assignments[0]!.storyId, match: 'url', score: 1 });
  });

  it('does not take a link to a site home page as the same URL', () => {
    expect(isSiteRoot('https://news.example/')).toBe(true);
    expect(isSiteRoot('https://news.example/?p=12')).toBe(false);
    const a = fixtureItem({ title: 'Velmont water utility hacked', urlHash: 'root', canonicalUrl: 'https://news.example/' });
    const b = fixtureItem({ title: 'Quorvex raises $30 million', urlHash: 'root', canonicalUrl: 'https://news.example/' });
    const { assignments } = findStories([a, b], settings);
    expect(assignments[1]!.storyId).not.toBe(assignments[0]!.storyId);
  });

  it('never merges the same text published 30 days apart (the window is 7 days)', () => {
    const [a] = RETOLD.items;
    const later = { ...a!, id: 'a-month-later', feedId: 'other', urlHash: 'other-url', publishedAt: '2027-04-02T12:00:00.000Z' };
    const { assignments } = findStories([a!, later], settings);
    expect(assignments[1]).toMatchObject({ match: 'new' });
    const within = { ...later, id: 'six-days-later', publishedAt: '2027-03-09T12:00:00.000Z' };
    expect(findStories([a!, within], settings).assignments[1]).toMatchObject({ match: 'near', storyId: assignments[0]!.storyId });
  });

  it('chooses the representative from the heaviest source, then the earliest, and counts distinct feeds', () => {
    const items = WIRE_COPIES.items.map((item, i) => ({ ...item, weight: [0.5, 0.5, 2][i]! }));
    const blogCopy = { ...items[2]!, id: 'bw-blog', feedId: 'businesswire', urlHash: 'blog-url', publishedAt: '2027-03-04T09:00:00.000Z' };
    const index = new MemoryStoryIndex();
    const [first] = assignStories([...items, blogCopy], index, settings);
    expect(index.story(first!.storyId)).toMatchObject({
      representativeItemId: 'bw',
      coverage: 3,
      size: 4,
      firstSeen: '2027-03-03T12:00:00.000Z',
      lastSeen: '2027-03-04T09:00:00.000Z',
    });
  });

  it('ignores a headline name that many stories of the window mention (in-window name frequency)', () => {
    const talks = fixtureItem({ id: 'talks', publishedAt: '2027-03-05T20:00:00.000Z',
      title: 'Velmora calls Ostrava talks "more constructive" as Hadrek threat looms',
      summary: 'Velmora and Ostrava traded warnings even as negotiators sat down to discuss a nuclear deal, but Velmora says there is now a clearer path.' });
    const lucerne = fixtureItem({ id: 'lucerne', publishedAt: '2027-03-05T18:00:00.000Z',
      title: 'Velmora and Ostrava reach framework in Lucerne nuclear talks',
      summary: 'Velmora and Ostrava reached a framework at indirect nuclear talks in Lucerne, the negotiators said.' });
    // Unrelated stories of the same week, each naming Hadrek (a president, say) where no sentence starts.
    const background = [
      ['Hadrek signs farm subsidy bill', 'Growers in Tiramo welcomed the grain payments Hadrek promised.'],
      ['Port of Corvel sold to shipping group', 'The 40-year lease Hadrek approved drew union protests.'],
      ['Hadrek vetoes rail tunnel budget', 'The Dessen line will wait another decade after Hadrek refused.'],
      ['Film about Ulbrook miners wins top prize', 'The jury thanked Hadrek for attending the gala.'],
      ['Hadrek names new central bank governor', 'Economist Mira Pellin, chosen by Hadrek, takes over as inflation slows.'],
      ['Floods close schools across Fenwick province', 'Rivers burst their banks and Hadrek promised emergency funds.'],
      ['Space probe launch delayed by storms', 'Crowds and Hadrek had hoped to watch the Ashgrove rocket lift off.'],
      ['Hadrek defends court nominee', 'Judge Orla Brindle, picked by Hadrek, faces a confirmation vote.'],
      ['Ferry strike strands tourists at Quarry harbour', 'Unions said Hadrek urged both sides to resume wage talks.'],
      ['Hadrek opens museum of maritime history', 'The Marrow collection Hadrek toured holds 3,000 ship models.'],
    ].slice(0, Math.max(settings.commonNameStories, 8)).map(([title, summary], i) =>
      fixtureItem({ id: `bg-${i}`, publishedAt: `2027-03-0${1 + (i % 4)}T1${i}:00:00.000Z`, title: title!, summary: summary! }));
    const alone = findStories([lucerne, talks], settings).assignments;
    expect(alone[0]!.storyId).not.toBe(alone[1]!.storyId);
    const busy = findStories([...background, lucerne, talks], settings).assignments;
    const bgStories = new Set(busy.slice(0, background.length).map((a) => a.storyId));
    expect(bgStories.size).toBe(background.length);
    expect(busy.at(-1)!.storyId).toBe(busy.at(-2)!.storyId);
  });
});

