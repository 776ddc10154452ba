import { describe, expect, it } from 'vitest';
import { makeCandidate } from './fixtures/make-candidate.js';
import { foldByVictim, victimKey } from './fold.js';
import { rankStories } from './rank.js';
import { ISSUE } from './fixtures/make-candidate.js';

const fold = (...candidates: Parameters<typeof makeCandidate>[0][]) =>
  foldByVictim(rankStories(candidates.map(makeCandidate), { since: ISSUE.window.since, until: ISSUE.window.until }));

describe('victimKey', () => {
  it('compares names without case, punctuation, possessives or corporate suffixes', () => {
    expect(victimKey('Pinecrest Outfitters, Inc.')).toBe('pinecrest outfitters');
    expect(victimKey('PINECREST OUTFITTERS')).toBe('pinecrest outfitters');
    expect(victimKey('AT&T')).toBe('at&t');
    expect(victimKey('Hospital')).toBeUndefined(); // a common noun names no one
    expect(victimKey('GE')).toBeUndefined(); // too short to fold on
  });
});

describe('foldByVictim', () => {
  it('folds stories whose victims are the same company, spelt differently', () => {
    const { kept, foldedInto } = fold(
      { storyId: 'a', coverage: 3, victims: ['Pinecrest Outfitters'] },
      { storyId: 'b', victims: ['pinecrest outfitters inc.'] },
    );
    expect(kept.map((s) => s.candidate.storyId)).toEqual(['a']);
    expect([...foldedInto]).toEqual([['b', 'a']]);
  });

  it('does not fold a victim\'s name in a headline about a flaw, a patch or a product', () => {
    const { kept } = fold(
      { storyId: 'hack', coverage: 3, title: 'Microsoft says state hackers breached its email', victims: ['Microsoft'] },
      { storyId: 'patch', title: 'Microsoft patches zero-day exploited in attacks' },
      { storyId: 'launch', title: 'Microsoft announces data security product' },
    );
    expect(kept.map((s) => s.candidate.storyId).sort()).toEqual(['hack', 'launch', 'patch']);
  });
});
