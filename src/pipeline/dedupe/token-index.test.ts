import { describe, expect, it } from 'vitest';
import { EventStory } from './event-story.js';
import { extractFeatures } from './features.js';
import { TokenIndex, topCandidates } from './token-index.js';

const DAY = 86_400_000;

/** A one-member story, indexed the way the clusterer does it (the index first, then the story). */
function story(index: TokenIndex, id: number, at: number, title: string): EventStory {
  const s = new EventStory(id, id);
  const features = extractFeatures(title, '');
  const vector = index.vectorOf(features);
  index.add(s, vector);
  s.add({ id: `i${id}`, feedId: 'f', at, features, vector, events: new Set() });
  return s;
}

/** The stories within `horizon` of `at` sharing a token with `title`. */
function pool(index: TokenIndex, title: string, at: number, horizon: number): EventStory[] {
  const features = extractFeatures(title, '');
  return index.pool(features, index.vectorOf(features), at, horizon);
}

describe('TokenIndex', () => {
  it('finds stories by shared tokens within the horizon, the rarer token weighing more', () => {
    const index = new TokenIndex();
    const stories = [story(index, 1, 0, 'Velmont water utility hacked'), story(index, 2, 0, 'Velmont council budget'), story(index, 3, 40 * DAY, 'Velmont water utility hacked')];
    const found = pool(index, 'Water utility in Velmont hacked', DAY, 7 * DAY);
    expect(found.map((s) => s.id).sort()).toEqual([1, 2]);
    expect(stories[0]!.searchShared).toBeGreaterThan(stories[1]!.searchShared);
    expect(topCandidates(found, 1).map((s) => s.id)).toEqual([1]);
    expect(topCandidates(found, 2, (s) => s.id !== 1).map((s) => s.id)).toEqual([2]);
  });

  it('finds no candidates through a token more than 50 stories use, and forgets removed stories', () => {
    const index = new TokenIndex();
    const many = Array.from({ length: 51 }, (_, i) => story(index, i + 1, 0, `Quorvex report number ${i + 1000}`));
    expect(pool(index, 'Quorvex', 0, DAY)).toHaveLength(0);
    index.remove(many[0]!);
    expect(pool(index, 'Quorvex', 0, DAY)).toHaveLength(50);
  });

  it('lists a story once under a token however many of its members use it', () => {
    const index = new TokenIndex();
    const s = story(index, 1, 0, 'Velmont water utility hacked');
    const second = extractFeatures('Velmont utility confirms the hack', '');
    const vector = index.vectorOf(second);
    index.add(s, vector);
    s.add({ id: 'i1b', feedId: 'g', at: DAY, features: second, vector, events: new Set() });
    expect(index.storiesUsing('velmont', DAY, 7 * DAY, 10)).toBe(1);
    index.remove(s);
    expect(index.storiesUsing('velmont', DAY, 7 * DAY, 10)).toBe(0);
  });

  it('counts the stories naming a name around a time, stopping at the limit', () => {
    const index = new TokenIndex();
    [0, 1, 2, 30].forEach((d, i) => story(index, i + 1, d * DAY, 'Brewer Tanakura hit by an attack'));
    expect(index.storiesNaming('tanakura', DAY, 7 * DAY, 10)).toBe(3);
    expect(index.storiesNaming('tanakura', DAY, 7 * DAY, 2)).toBe(2);
    expect(index.storiesNaming('unknown', DAY, 7 * DAY, 2)).toBe(0);
  });
});
