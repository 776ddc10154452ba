import { describe, expect, it } from 'vitest';
import { ISSUE, makeCandidate } from './fixtures/make-candidate.js';
import { rankStories, scoreStory, topicPriorityFromTaxonomy, type RankingOptions } from './rank.js';

const AT: RankingOptions = { since: ISSUE.window.since, until: ISSUE.window.until };
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
      'freshness 0 h into a 24 h window (+0.00)',
      'topic vulnerability priority 90 (+0.90)',
      'severity: none (+0.00)',
    ]);
    expect(s.score).toBe(2.4986); // each part rounded to 4 decimals, then summed
  });

  it('adds one line per severity signal, weighted by the severity weight', () => {
    const exploited = makeCandidate({
      storyId: 'z',
      title: 'Zero-day actively exploited',
      firstSeen: '2026-11-25T00:00:00Z',
      texts: [{ source: 'News Example', title: 'Zero-day actively exploited', summary: '' }],
    });
    const s = scoreStory(exploited, AT);
    expect(s.reasons.slice(4)).toEqual(['severity: actively exploited (+1.25)', 'severity: zero-day (+0.75)']);
    expect(s.score).toBe(0 + 0.5 + 0.375 + 0.7 + 2); // coverage, source, freshness 18/24 · 0.5, malware 70, severity
    expect(scoreStory(exploited, { ...AT, weights: { severity: 2 } }).reasons.slice(4)).toEqual([
      'severity: actively exploited (+2.50)',
      'severity: zero-day (+1.50)',
    ]);
    const opinion = makeCandidate({ storyId: 'o', title: 'Opinion: zero-days are actively exploited' });
    expect(scoreStory(opinion, AT).reasons[4]).toBe('severity: none (opinion or discussion piece) (+0.00)');
  });

  it('gives coverage diminishing returns (log)', () => {
    const at = (n: number) => scoreStory(makeCandidate({ storyId: 'x', coverage: n }), AT).score;
    expect(at(2) - at(1)).toBeGreaterThan(at(10) - at(9));
    expect(at(1)).toBe(at(0)); // bad data counts as one source
  });

  it('gives a small linear freshness bonus within the window only, from its first sighting', () => {
    const freshness = (firstSeen: string, options = AT) => scoreStory(makeCandidate({ storyId: 'x', firstSeen }), options).reasons[2];
    expect(freshness('2026-11-24T06:00:00Z')).toBe('freshness 0 h into a 24 h window (+0.00)');
    expect(freshness('2026-11-24T18:00:00Z')).toBe('freshness 12 h into a 24 h window (+0.25)');
    expect(freshness('2026-11-25T06:00:00Z')).toBe('freshness 24 h into a 24 h window (+0.50)');
    // Before the window (an older thread) is its start; after it, its end: never negative, never more.
    expect(freshness('2026-11-20T06:00:00Z')).toBe('freshness 0 h into a 24 h window (+0.00)');
    expect(freshness('2026-11-26T06:00:00Z')).toBe('freshness 24 h into a 24 h window (+0.50)');
    // No halving per day: a week-old story in a weekly window keeps its whole score but for this bonus.
    const week: RankingOptions = { since: '2026-11-18T06:00:00Z', until: ISSUE.window.until };
    expect(freshness('2026-11-18T07:00:00Z', week)).toBe('freshness 1 h into a 168 h window (+0.00)');
    // Only the window's end given: a one-day window.
    expect(freshness('2026-11-24T18:00:00Z', { until: ISSUE.window.until })).toBe('freshness 12 h into a 24 h window (+0.25)');
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
  it('puts a widely covered, actively exploited zero-day above a single-source opinion piece published later that day', () => {
    const title = 'Zero-day in Acme VPN actively exploited, CISA warns';
    const zeroDay = makeCandidate({
      storyId: 'zero-day',
      title,
      topic: 'vulnerability',
      coverage: 5,
      firstSeen: '2026-11-24T08:00:00Z',
      publishedAt: '2026-11-24T08:00:00Z',
      texts: ['A', 'B', 'C', 'D', 'E'].map((source) => ({ source, title, summary: 'Attackers exploit the flaw in the wild.' })),
    });
    const opinion = makeCandidate({
      storyId: 'opinion',
      title: 'Opinion: zero-days are actively exploited because vendors ship too fast',
      topic: 'vulnerability',
      sourceWeight: 3,
      firstSeen: '2026-11-25T05:30:00Z',
      publishedAt: '2026-11-25T05:30:00Z',
    });
    const ranked = rankStories([opinion, zeroDay], AT);
    expect(ranked.map((r) => r.candidate.storyId)).toEqual(['zero-day', 'opinion']);
    expect(ranked[0]!.reasons).toContain('severity: actively exploited (+1.25)');
    expect(ranked[1]!.reasons).toContain('severity: none (opinion or discussion piece) (+0.00)');
  });

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
