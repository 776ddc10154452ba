import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoryCandidate } from '../model/draft.js';
import { buildDraft, type BuildDraftOptions } from './build.js';
import { ISSUE, makeCandidate } from './fixtures/make-candidate.js';
import { DEFAULT_SECTIONS, type SectionDefinition } from './sections.js';

const ids = (entries: { storyId: string }[]) => entries.map((e) => e.storyId);
const withLimits = (limits: Record<string, number>): SectionDefinition[] =>
  DEFAULT_SECTIONS.map((s) => ({ ...s, limit: limits[s.id] ?? s.limit }));
const build = (candidates: StoryCandidate[], options: Partial<BuildDraftOptions> = {}) => buildDraft(candidates, { ...ISSUE, ...options });

/** n press releases whose scores fall with their index (older and older). */
const releases = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeCandidate({ storyId: `pr${i}`, section: 'press-release', topic: 'industry', firstSeen: `2026-11-25T0${5 - i}:00:00Z` }),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('buildDraft', () => {
  it('fills the draft header from the options and keeps every defined section, in order', () => {
    const { draft } = build([]);
    expect(draft).toEqual({
      number: 3,
      date: '2026-11-25',
      window: { since: '2026-11-24T06:00:00Z', until: '2026-11-25T06:00:00Z' },
      createdAt: '2026-11-25T06:01:00Z',
      sentAt: null,
      slots: {},
      sections: [
        { id: 'latest-news', title: 'New from our favorite blogs and journalists', subtitle: null, entries: [] },
        { id: 'press-releases', title: 'Cybersecurity Industry Press Releases', subtitle: null, entries: [] },
        { id: 'wall-of-shame', title: "Today's Cyber Wall of Shame", subtitle: null, entries: [] },
      ],
    });
  });

  it('places each story in exactly one section and drops irrelevant ones', () => {
    const candidates = [
      makeCandidate({ storyId: 'news', topic: 'vulnerability' }),
      makeCandidate({ storyId: 'breach', topic: 'data-breach', victims: ['Acme Health'] }),
      makeCandidate({ storyId: 'ransom', topic: 'ransomware', title: 'Ransomware attack on a city' }),
      makeCandidate({ storyId: 'pr', section: 'press-release', topic: 'industry' }),
      makeCandidate({ storyId: 'junk', relevant: false, section: 'press-release', topic: 'other' }),
    ];
    const { draft, skipped } = build(candidates);
    expect(draft.sections.map((s) => [s.id, ids(s.entries)])).toEqual([
      ['latest-news', ['news']],
      ['press-releases', ['pr']],
      ['wall-of-shame', ['breach', 'ransom']], // a named victim is a severity signal
    ]);
    expect(skipped).toEqual([{ storyId: 'junk', reason: 'irrelevant' }]);
    const all = draft.sections.flatMap((s) => ids(s.entries));
    expect(new Set(all).size).toBe(all.length);
  });

  it('turns a candidate into an entry with its score, reasons, links and victims', () => {
    const link = { source: 'Other Outlet', sourceId: 'other', title: 'Same story', url: 'https://other.example/s' };
    const { draft } = build([
      makeCandidate({ storyId: 's', topic: 'ransomware', coverage: 2, alsoCoveredBy: [link], victims: ['Acme'], cves: ['CVE-2026-1'] }),
    ]);
    const entry = draft.sections[2]!.entries[0]!;
    expect(entry).toMatchObject({ storyId: 's', blurb: null, included: true, coverage: 2, alsoCoveredBy: [link], victims: ['Acme'] });
    expect(entry.cves).toEqual(['CVE-2026-1']);
    expect(entry.rankReasons[0]).toBe('coverage 2 sources (+0.69)');
    expect(entry.score).toBeGreaterThan(0);
  });

  it('cuts each section at its limit after ranking and reports the rest as overflow, best first', () => {
    const { draft, overflow } = build(releases(5), { sections: withLimits({ 'press-releases': 2 }) });
    expect(ids(draft.sections[1]!.entries)).toEqual(['pr0', 'pr1']);
    expect(overflow).toHaveLength(1);
    expect(overflow[0]!.sectionId).toBe('press-releases');
    expect(ids(overflow[0]!.entries)).toEqual(['pr2', 'pr3', 'pr4']);
  });

  it('applies the default limits (25, 15, 10)', () => {
    const news = Array.from({ length: 30 }, (_, i) => makeCandidate({ storyId: `n${String(i).padStart(2, '0')}` }));
    const shame = Array.from({ length: 12 }, (_, i) => makeCandidate({ storyId: `w${String(i).padStart(2, '0')}`, topic: 'data-breach', title: `Breach at firm ${i}` }));
    const { draft, overflow } = build([...news, ...shame, ...releases(16)]);
    expect(draft.sections.map((s) => s.entries.length)).toEqual([25, 15, 10]);
    expect(overflow.map((o) => [o.sectionId, o.entries.length])).toEqual([
      ['latest-news', 5],
      ['press-releases', 1],
      ['wall-of-shame', 2],
    ]);
  });

  it('never lets a story used in an earlier issue reappear, not even as overflow', () => {
    const { draft, overflow, skipped } = build(releases(4), {
      sections: withLimits({ 'press-releases': 1 }),
      excludeStoryIds: new Set(['pr0', 'pr2']),
    });
    expect(ids(draft.sections[1]!.entries)).toEqual(['pr1']);
    expect(ids(overflow[0]!.entries)).toEqual(['pr3']);
    expect(skipped).toEqual([
      { storyId: 'pr0', reason: 'already-used' },
      { storyId: 'pr2', reason: 'already-used' },
    ]);
  });

  it('keeps one copy of a story handed over twice', () => {
    const { draft, skipped } = build([makeCandidate({ storyId: 'dup', coverage: 3 }), makeCandidate({ storyId: 'dup' })]);
    expect(draft.sections[0]!.entries).toHaveLength(1);
    expect(draft.sections[0]!.entries[0]!.coverage).toBe(3);
    expect(skipped).toEqual([{ storyId: 'dup', reason: 'duplicate' }]);
  });

  it('can group a section by topic priority without changing what the limit cuts', () => {
    const candidates = [
      makeCandidate({ storyId: 'malware-wide', topic: 'malware', coverage: 6 }),
      makeCandidate({ storyId: 'vuln-single', topic: 'vulnerability' }),
      makeCandidate({ storyId: 'vuln-wide', topic: 'vulnerability', coverage: 3 }),
      makeCandidate({ storyId: 'policy', topic: 'policy-legal', coverage: 4 }),
      makeCandidate({ storyId: 'fraud-old', topic: 'phishing-fraud', firstSeen: '2026-11-23T00:00:00Z' }),
    ];
    const byScore = build(candidates, { sections: withLimits({ 'latest-news': 4 }) });
    expect(ids(byScore.draft.sections[0]!.entries)).toEqual(['malware-wide', 'vuln-wide', 'policy', 'vuln-single']);

    const grouped = DEFAULT_SECTIONS.map((s) => (s.id === 'latest-news' ? { ...s, limit: 4, order: 'topic' as const } : s));
    const byTopic = build(candidates, { sections: grouped });
    expect(ids(byTopic.draft.sections[0]!.entries)).toEqual(['vuln-wide', 'vuln-single', 'malware-wide', 'policy']);
    expect(ids(byTopic.overflow[0]!.entries)).toEqual(['fraud-old']);
  });

  it('is pure: no clock, no mutation, the same draft for the same input in any order', () => {
    const candidates = [
      makeCandidate({ storyId: 'a', coverage: 2, alsoCoveredBy: [{ source: 'X', sourceId: 'x', title: 't', url: null }] }),
      makeCandidate({ storyId: 'b', topic: 'ransomware', victims: ['Acme'] }),
      ...releases(3),
    ];
    const before = structuredClone(candidates);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = build(candidates);
    vi.setSystemTime(new Date('2031-06-01T00:00:00Z'));
    const second = build([...candidates].reverse());
    expect(second).toEqual(first);
    expect(candidates).toEqual(before);
    first.draft.sections[0]!.entries[0]!.alsoCoveredBy.pop();
    expect(candidates[0]!.alsoCoveredBy).toHaveLength(1);
  });

  it('drafts a blurb and key facts for every entry from the story\'s texts', () => {
    const title = 'Pinecrest Outfitters says hackers stole 2.3 million customers’ data';
    const summary = 'The retailer said the LockBit gang accessed names and card numbers of customers in March. The post X appeared first on Y.';
    const { draft } = build([makeCandidate({ storyId: 'p', title, topic: 'data-breach', victims: ['Pinecrest Outfitters'], texts: [{ source: 'News Example', title, summary }] })]);
    expect(draft.sections[2]!.entries[0]).toMatchObject({
      blurb: 'The retailer said the LockBit gang accessed names and card numbers of customers in March.',
      facts: { actors: ['LockBit'], figures: ['2.3 million customers'] },
    });
    expect(build([makeCandidate({ storyId: 'q' })]).draft.sections[0]!.entries[0]).not.toHaveProperty('facts');
  });

  it('never drafts a story without a link; takes another outlet\'s link when the representative has none', () => {
    const link = (source: string, url: string | null) => ({ source, sourceId: source.toLowerCase(), title: `${source} tells it`, url });
    const { draft, skipped } = build([
      makeCandidate({ storyId: 'none', url: null, alsoCoveredBy: [link('Other', null), link('Bad', 'javascript:alert(1)')] }),
      makeCandidate({ storyId: 'ftp', url: 'ftp://files.example/x' }),
      makeCandidate({ storyId: 'borrowed', url: '', coverage: 3, alsoCoveredBy: [link('Nolink', null), link('Second', 'https://second.example/a'), link('Third', 'https://third.example/b')] }),
      makeCandidate({ storyId: 'junk', url: null, relevant: false }),
    ]);
    expect(skipped).toEqual([
      { storyId: 'junk', reason: 'irrelevant' },
      { storyId: 'ftp', reason: 'no-link' },
      { storyId: 'none', reason: 'no-link' },
    ]);
    expect(draft.sections[0]!.entries).toHaveLength(1);
    expect(draft.sections[0]!.entries[0]).toMatchObject({
      storyId: 'borrowed',
      url: 'https://second.example/a',
      source: 'Second',
      sourceId: 'second',
      title: 'Second tells it',
      coverage: 3,
      alsoCoveredBy: [link('Nolink', null), link('Third', 'https://third.example/b')],
    });
  });

  describe('one company, one entry', () => {
    const pinecrest = [
      makeCandidate({
        storyId: 'breach',
        title: 'Pinecrest Outfitters says hackers stole 2.3 million customers’ data',
        topic: 'data-breach',
        coverage: 4,
        victims: ['Pinecrest Outfitters'],
      }),
      makeCandidate({
        storyId: 'alert',
        title: 'DATA BREACH ALERT: Halloway Kent LLP Investigating Claims on Behalf of Pinecrest Outfitters Customers',
        section: 'press-release',
        topic: 'data-breach',
        source: 'Wire',
        sourceId: 'wire',
        url: 'https://wire.example/alert',
      }),
      makeCandidate({ storyId: 'lawsuit', title: 'Pinecrest Outfitters hit with class action days after breach disclosure', topic: 'policy-legal', url: 'https://law.example/suit' }),
    ];

    it('folds a victim\'s breach, the law firm\'s alert and the class action into the best-ranked entry', () => {
      const { draft, skipped } = build(pinecrest);
      const all = draft.sections.flatMap((s) => s.entries);
      expect(all.map((e) => e.storyId)).toEqual(['breach']);
      // Best-ranked first: the alert's breach topic ranks above the lawsuit's legal one.
      expect(all[0]!.related).toEqual([
        { source: 'Wire', sourceId: 'wire', title: pinecrest[1]!.title, url: 'https://wire.example/alert' },
        { source: 'News Example', sourceId: 'news-example', title: pinecrest[2]!.title, url: 'https://law.example/suit' },
      ]);
      expect(skipped).toEqual([
        { storyId: 'alert', reason: 'folded', into: 'breach' },
        { storyId: 'lawsuit', reason: 'folded', into: 'breach' },
      ]);
    });

    it('keeps different victims apart, and never folds on a vendor named in flaw stories', () => {
      const { draft, skipped } = build([
        makeCandidate({ storyId: 'a', topic: 'data-breach', title: 'Acme Health confirms data breach', victims: ['Acme Health'] }),
        makeCandidate({ storyId: 'b', topic: 'data-breach', title: 'Borealis Bank confirms data breach', victims: ['Borealis Bank'] }),
        makeCandidate({ storyId: 'f1', topic: 'vulnerability', title: 'Fortinet patches critical FortiOS flaw' }),
        makeCandidate({ storyId: 'f2', topic: 'vulnerability', title: 'Fortinet flaw exploited in attacks on Acme Health' }),
      ]);
      expect(draft.sections.flatMap((s) => s.entries).map((e) => e.storyId).sort()).toEqual(['a', 'b', 'f1', 'f2']);
      expect(draft.sections.flatMap((s) => s.entries).some((e) => e.related)).toBe(false);
      expect(skipped).toEqual([]);
    });
  });

  describe('lead story', () => {
    const stories = [
      makeCandidate({ storyId: 'n1', topic: 'vulnerability', coverage: 6 }),
      makeCandidate({ storyId: 'n2', topic: 'vulnerability', coverage: 2 }),
      makeCandidate({ storyId: 'n3', topic: 'vulnerability' }),
      makeCandidate({ storyId: 'w1', topic: 'data-breach', victims: ['Acme Health'] }),
      makeCandidate({ storyId: 'pr', section: 'press-release', topic: 'industry', coverage: 9 }),
    ];

    it('opens the issue with the best story of the listed sections, taken out of its section before the limit', () => {
      const { draft, overflow } = build(stories, { lead: { from: ['latest-news', 'wall-of-shame'] }, sections: withLimits({ 'latest-news': 2 }) });
      expect(draft.sections.map((s) => [s.id, s.title, s.subtitle, ids(s.entries)])).toEqual([
        ['lead', 'Lead story', null, ['n1']],
        ['latest-news', 'New from our favorite blogs and journalists', null, ['n2', 'n3']],
        ['press-releases', 'Cybersecurity Industry Press Releases', null, ['pr']],
        ["wall-of-shame", "Today's Cyber Wall of Shame", null, ['w1']],
      ]);
      expect(overflow).toEqual([]);
    });

    it('takes only from the listed sections, under the given title; no lead section without the option', () => {
      const { draft } = build(stories, { lead: { from: ['wall-of-shame'], title: 'Top story' } });
      expect(draft.sections[0]).toMatchObject({ id: 'lead', title: 'Top story', entries: [expect.objectContaining({ storyId: 'w1' })] });
      expect(draft.sections[3]!.entries).toEqual([]);
      expect(build(stories, { lead: false }).draft.sections.map((s) => s.id)).toEqual(['latest-news', 'press-releases', 'wall-of-shame']);
      expect(build([], { lead: {} }).draft.sections[0]).toEqual({ id: 'lead', title: 'Lead story', subtitle: null, entries: [] });
    });

    it('refuses a section that already takes the lead\'s id', () => {
      const sections = [...DEFAULT_SECTIONS, { ...DEFAULT_SECTIONS[0]!, id: 'lead' }];
      expect(() => build([], { lead: {}, sections })).toThrow('a section is already called "lead"');
    });
  });

  it('rejects options it cannot build from, listing every problem', () => {
    expect(() => build([], { number: 0, date: '25/11/2026', window: { since: '2026-11-26T00:00:00Z', until: '2026-11-25T00:00:00Z' } })).toThrow(
      'invalid draft options: number must be a whole number ≥ 1 (got 0); date must be YYYY-MM-DD (got "25/11/2026"); window.since is after window.until',
    );
    expect(() => build([], { sections: withLimits({ 'latest-news': -1 }) })).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
