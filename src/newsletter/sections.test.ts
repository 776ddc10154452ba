import { describe, expect, it } from 'vitest';
import { makeCandidate } from './fixtures/make-candidate.js';
import { assignSection, DEFAULT_SECTIONS, sectionProblems, type SectionDefinition } from './sections.js';

const placeIn = (overrides: Parameters<typeof makeCandidate>[0], sections = DEFAULT_SECTIONS) => {
  const p = assignSection(makeCandidate(overrides), sections);
  return p.placed ? p.section.id : p.reason;
};

describe('assignSection with the default sections', () => {
  it('sends breach and ransomware news about a victim to the Wall of Shame', () => {
    expect(placeIn({ storyId: 'a', topic: 'data-breach', victims: ['Acme Health'] })).toBe('wall-of-shame');
    expect(placeIn({ storyId: 'b', topic: 'ransomware', title: 'Hospital diverts ambulances after attack' })).toBe('wall-of-shame');
    expect(placeIn({ storyId: 'c', topic: 'ransomware', title: 'Gang leaks school district files' })).toBe('wall-of-shame');
  });

  it('sends ransomware and breach news without a victim to Latest News', () => {
    expect(placeIn({ storyId: 'a', topic: 'ransomware', title: 'US sanctions a bulletproof host for ransomware gangs' })).toBe('latest-news');
    expect(placeIn({ storyId: 'b', topic: 'ransomware', title: 'Affiliates roll out a Rust encryptor aimed at hypervisors' })).toBe('latest-news');
    // Victim words in a headline about a trend, a study or a prosecution name no one hit.
    for (const title of ['Ransomware payments hit record low', 'Report: breach costs rise 10%', 'LockBit affiliate pleads guilty to extortion charges']) {
      expect(placeIn({ storyId: 'c', topic: 'ransomware', title }), title).toBe('latest-news');
    }
    expect(placeIn({ storyId: 'd', topic: 'ransomware', title: 'Ransomware attack hits 14 hospitals' })).toBe('wall-of-shame');
    expect(placeIn({ storyId: 'e', topic: 'ransomware', title: 'Hacker sentenced for ransomware attack on a hospital' })).toBe('latest-news');
    expect(placeIn({ storyId: 'f', topic: 'ransomware', title: 'Report: attacks on hospitals rise' })).toBe('latest-news');
  });

  it('takes wording that names the blow over words a victim story shares with trends', () => {
    for (const title of [
      'Ransomware gang claims attack on Acme, demands payment',
      'Hospital systems fall offline after ransomware attack',
      'Breach report: Acme hit by ransomware',
      'Ransomware hit Acme hospitals',
      'Acme suffers extortion attempt',
    ]) {
      expect(placeIn({ storyId: 'v', topic: 'ransomware', title }), title).toBe('wall-of-shame');
    }
  });

  it('sends other news to Latest News and press releases to Press Releases', () => {
    for (const topic of ['vulnerability', 'incident', 'malware', 'policy-legal', 'industry']) {
      expect(placeIn({ storyId: 'n', topic })).toBe('latest-news');
    }
    expect(placeIn({ storyId: 'p', section: 'press-release', topic: 'industry' })).toBe('press-releases');
  });

  it('keeps a press release about a breach in Press Releases (the Wall of Shame is news only)', () => {
    expect(placeIn({ storyId: 'p', section: 'press-release', topic: 'data-breach' })).toBe('press-releases');
  });

  it('drops irrelevant stories whatever their section or topic', () => {
    expect(placeIn({ storyId: 'x', relevant: false, topic: 'ransomware' })).toBe('irrelevant');
    expect(placeIn({ storyId: 'y', relevant: false, section: 'press-release' })).toBe('irrelevant');
  });

  it('chooses by specificity, not list order', () => {
    const reversed = [...DEFAULT_SECTIONS].reverse();
    expect(placeIn({ storyId: 'a', topic: 'ransomware', victims: ['Acme'] }, reversed)).toBe('wall-of-shame');
    expect(placeIn({ storyId: 'b', topic: 'malware' }, reversed)).toBe('latest-news');
  });

  it('reports a story no section accepts', () => {
    const newsOnly = DEFAULT_SECTIONS.filter((s) => s.id !== 'press-releases');
    expect(placeIn({ storyId: 'p', section: 'press-release' }, newsOnly)).toBe('no-section');
  });
});

describe('assignSection by feed kind and tags', () => {
  const government: SectionDefinition = { id: 'advisories', title: 'Advisories', subtitle: null, limit: 5, match: { section: 'news', kinds: ['government'] }, order: 'score' };
  const research: SectionDefinition = { id: 'research', title: 'Research', subtitle: null, limit: 5, match: { section: 'news', tags: ['research', 'labs'] }, order: 'score' };
  const sections = [...DEFAULT_SECTIONS, government, research];

  it('takes stories from feeds of a listed kind, before the catch-all and wherever it is listed', () => {
    expect(placeIn({ storyId: 'a', sourceKind: 'government', topic: 'vulnerability' }, sections)).toBe('advisories');
    expect(placeIn({ storyId: 'b', sourceKind: 'news', topic: 'vulnerability' }, sections)).toBe('latest-news');
    expect(placeIn({ storyId: 'c', sourceKind: 'government', section: 'press-release' }, sections)).toBe('press-releases');
  });

  it('takes stories whose feed carries at least one listed tag', () => {
    expect(placeIn({ storyId: 'a', sourceTags: ['blog', 'labs'] }, sections)).toBe('research');
    expect(placeIn({ storyId: 'b', sourceTags: ['blog'] }, sections)).toBe('latest-news');
    expect(placeIn({ storyId: 'c', sourceTags: [] }, sections)).toBe('latest-news');
  });

  it('needs every condition of a section to hold', () => {
    const both: SectionDefinition = { ...government, id: 'gov-vulns', match: { section: 'news', kinds: ['government'], tags: ['cisa'], topics: ['vulnerability'] } };
    expect(placeIn({ storyId: 'a', sourceKind: 'government', sourceTags: ['cisa'], topic: 'vulnerability' }, [both, ...DEFAULT_SECTIONS])).toBe('gov-vulns');
    expect(placeIn({ storyId: 'b', sourceKind: 'government', sourceTags: ['cisa'], topic: 'malware' }, [both, ...DEFAULT_SECTIONS])).toBe('latest-news');
    expect(placeIn({ storyId: 'c', sourceKind: 'government', sourceTags: [], topic: 'vulnerability' }, [both, ...DEFAULT_SECTIONS])).toBe('latest-news');
  });
});

describe('sectionProblems', () => {
  it('accepts the defaults', () => {
    expect(sectionProblems(DEFAULT_SECTIONS)).toEqual([]);
  });

  it('lists every problem with its location', () => {
    const bad: SectionDefinition[] = [
      { ...DEFAULT_SECTIONS[0]!, limit: -1 },
      { ...DEFAULT_SECTIONS[1]!, id: 'latest-news', title: ' ' },
      { ...DEFAULT_SECTIONS[2]!, id: 'Wall Of Shame', limit: 2.5 },
      { ...DEFAULT_SECTIONS[0]!, id: 'empty-lists', match: { section: 'news', kinds: [], tags: [] } },
    ];
    expect(sectionProblems(bad)).toEqual([
      'sections[0].limit: must be a whole number ≥ 0 (got -1)',
      'sections[1].id: duplicate section id "latest-news"',
      'sections[1].title: must not be empty',
      'sections[2].id: must be lower-case letters, digits and dashes (got "Wall Of Shame")',
      'sections[2].limit: must be a whole number ≥ 0 (got 2.5)',
      'sections[3].match.kinds: must list at least one feed kind (omit it for any kind)',
      'sections[3].match.tags: must list at least one tag (omit it for any tag)',
    ]);
  });
});
