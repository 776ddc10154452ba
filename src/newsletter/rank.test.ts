import { describe, expect, it } from 'vitest';
import { ISSUE, makeCandidate } from './fixtures/make-candidate.js';
import { rankStories, scoreStory, topicPriorityFromTaxonomy, type RankingOptions } from './rank.js';

const AT: RankingOptions = { until: ISSUE.window.until };
const order = (stories: ReturnType<typeof makeCandidate>[], options = AT) => rankStories(stories, options).map((r) => r.candidate.storyId);

describe('scoreStory', () => {
  it('explains every component, in formula order, and sums them', () => {
    const s = scoreStory(
      makeCandidate({ storyId: 'a', coverage: 3, sourceWeight: 2, firstSeen: '2026-11-24T06:00:00Z', topic: 'vulnerability' }),
      AT,
    );
    expect(s.reasons).toEqual([
      'coverage 3 sources (+1.10)',
      'source weight 2 (+0.50)',
      'recency 24 h old, half-life 24 h (+0.50)',
      'topic vulnerability priority 90 (+0.90)',
    ]);
    expect(s.score).toBe(2.9986); // each part rounded to 4 decimals, then summed
  });

  it('gives coverage diminishing returns (log)', () => {
    const at = (n: number) => scoreStory(makeCandidate({ storyId: 'x', coverage: n }), AT).score;
    expect(at(2) - at(1)).toBeGreaterThan(at(10) - at(9));
    expect(at(1)).toBe(at(0)); // bad data counts as one source
  });

  it('measures recency from the first sighting to the window end, never below zero', () => {
    const recency = (firstSeen: string) => scoreStory(makeCandidate({ storyId: 'x', firstSeen }), AT).reasons[2];
    expect(recency('2026-11-25T06:00:00Z')).toBe('recency 0 h old, half-life 24 h (+1.00)');
    expect(recency('2026-11-23T06:00:00Z')).toBe('recency 48 h old, half-life 24 h (+0.25)');
    expect(recency('2026-11-26T06:00:00Z')).toBe('recency 0 h old, half-life 24 h (+1.00)');
    expect(scoreStory(makeCandidate({ storyId: 'x', firstSeen: '2026-11-24T18:00:00Z' }), { ...AT, halfLifeHours: 12 }).reasons[2]).toBe(
      'recency 12 h old, half-life 12 h (+0.50)',
    );
  });

  it('clamps source weight to 0..10 and reads unknown (or prototype-named) topics as priority 0', () => {
    expect(scoreStory(makeCandidate({ storyId: 'x', sourceWeight: 40 }), AT).reasons[1]).toBe('source weight 10 (+2.50)');
    expect(scoreStory(makeCandidate({ storyId: 'x', topic: 'gardening' }), AT).reasons[3]).toBe('topic gardening priority 0 (+0.00)');
    expect(scoreStory(makeCandidate({ storyId: 'x', topic: 'constructor' }), AT).reasons[3]).toBe('topic constructor priority 0 (+0.00)');
  });

  it('lets the caller reweigh components', () => {
    const s = scoreStory(makeCandidate({ storyId: 'x', coverage: 5 }), { ...AT, weights: { coverage: 0 } });
    expect(s.reasons[0]).toBe('coverage 5 sources (+0.00)');
  });
});

describe('rankStories', () => {
  it('puts a story many outlets carried above a single-source one', () => {
    expect(order([makeCandidate({ storyId: 'single' }), makeCandidate({ storyId: 'wide', coverage: 3 })])).toEqual(['wide', 'single']);
  });

  it('prefers the heavier source and the fresher story, other things equal', () => {
    expect(order([makeCandidate({ storyId: 'light', sourceWeight: 1 }), makeCandidate({ storyId: 'heavy', sourceWeight: 3 })])).toEqual([
      'heavy',
      'light',
    ]);
    expect(
      order([
        makeCandidate({ storyId: 'old', firstSeen: '2026-11-24T07:00:00Z' }),
        makeCandidate({ storyId: 'new', firstSeen: '2026-11-25T05:00:00Z' }),
      ]),
    ).toEqual(['new', 'old']);
  });

  it('orders by topic priority, default or given', () => {
    const stories = [makeCandidate({ storyId: 'other', topic: 'other' }), makeCandidate({ storyId: 'vuln', topic: 'vulnerability' })];
    expect(order(stories)).toEqual(['vuln', 'other']);
    expect(order(stories, { ...AT, topicPriority: { other: 100, vulnerability: 0 } })).toEqual(['other', 'vuln']);
  });

  it('breaks exact ties by publishedAt (newer first), then storyId, whatever the input order', () => {
    const tied = [
      makeCandidate({ storyId: 'b', publishedAt: '2026-11-24T10:00:00Z' }),
      makeCandidate({ storyId: 'c', publishedAt: '2026-11-24T12:00:00Z' }),
      makeCandidate({ storyId: 'a', publishedAt: '2026-11-24T10:00:00Z' }),
      makeCandidate({ storyId: 'd', publishedAt: 'not a date' }),
    ];
    const expected = ['c', 'a', 'b', 'd'];
    expect(order(tied)).toEqual(expected);
    expect(order([...tied].reverse())).toEqual(expected);
    expect(order([tied[2]!, tied[0]!, tied[3]!, tied[1]!])).toEqual(expected);
  });
});

describe('topicPriorityFromTaxonomy', () => {
  it('maps each topic to its priority', () => {
    const taxonomy = {
      fallback: 'other',
      topics: [
        { id: 'vulnerability', label: 'Vulns', priority: 90, keywords: [] },
        { id: 'other', label: 'Other', priority: 10, keywords: [] },
      ],
    };
    expect(topicPriorityFromTaxonomy(taxonomy)).toEqual({ vulnerability: 90, other: 10 });
  });
});
