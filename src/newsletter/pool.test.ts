import { describe, expect, it } from 'vitest';
import { buildDraft } from './build.js';
import { ISSUE, makeCandidate } from './fixtures/make-candidate.js';
import { filterPool, promotedEntry, weekPool } from './pool.js';
import { DEFAULT_SECTIONS } from './sections.js';

const sections = DEFAULT_SECTIONS.map((s) => (s.id === 'latest-news' ? { ...s, limit: 2 } : s));

const candidates = [
  makeCandidate({ storyId: '1', coverage: 3, summary: 'Velmont patched a zero-day.' }),
  makeCandidate({ storyId: '2', coverage: 2 }),
  makeCandidate({ storyId: '3', title: 'Cut by the limit', source: 'Cut Outlet', sourceId: 'cut' }),
  makeCandidate({ storyId: '4', relevant: false, title: 'A cooking show' }),
  makeCandidate({ storyId: '5', url: null, title: 'No link anywhere', cves: ['CVE-2026-1234'] }),
  makeCandidate({ storyId: '6', title: 'Sent last week' }),
  makeCandidate({ storyId: '7', title: 'Acme hit by ransomware', topic: 'ransomware', victims: ['Acme Corp'] }),
];

function draftOf(ids: readonly string[]) {
  const { draft } = buildDraft(candidates, { ...ISSUE, sections, excludeStoryIds: ['6'] });
  // The stored draft holds what the builder placed, minus anything the test leaves out.
  return { ...draft, sections: draft.sections.map((s) => ({ ...s, entries: s.entries.filter((e) => ids.includes(e.storyId)) })) };
}

describe('weekPool', () => {
  it('lists every window story the draft does not hold, with the builder\'s reason in words, most useful first', () => {
    const pool = weekPool(candidates, draftOf(['1', '2', '7']), { sections, usedStoryIds: ['6'] });
    expect(pool.map((p) => [p.candidate.storyId, p.reason, p.sectionId])).toEqual([
      ['3', 'overflow', 'latest-news'],
      ['5', 'no-link', 'latest-news'],
      ['4', 'irrelevant', 'latest-news'],
      ['6', 'already-used', 'latest-news'],
    ]);
    expect(pool[0]!.why).toBe(`Cut by the limit of "${sections[0]!.title}" (2 entries): ranked 3 there.`);
    expect(pool[1]!.why).toMatch(/type one to promote it/);
    expect(pool[3]!.why).toBe('Already used in a sent issue.');
  });

  it('names a story the builder would place but the stored draft lacks "not in the draft"', () => {
    const pool = weekPool(candidates, draftOf(['1', '2']), { sections, usedStoryIds: ['6'] });
    expect(pool.find((p) => p.candidate.storyId === '7')).toMatchObject({ reason: 'not-drafted', sectionId: 'wall-of-shame' });
  });

  it('does not count the draft\'s own stories as used once it is sent', () => {
    const pool = weekPool(candidates, draftOf(['1', '2', '7']), { sections, usedStoryIds: ['1', '2', '6', '7'] });
    expect(pool.map((p) => p.candidate.storyId)).toEqual(['3', '5', '4', '6']);
  });
});

describe('filterPool', () => {
  const pool = weekPool(candidates, draftOf(['1', '2']), { sections, usedStoryIds: ['6'] });
  const ids = (query: Parameters<typeof filterPool>[1]) => filterPool(pool, query).map((p) => p.candidate.storyId);

  it('matches text in the title, summary or source in any case, and every other field given', () => {
    expect(ids({ q: 'CUT' })).toEqual(['3']);
    expect(ids({ q: 'cut outlet' })).toEqual(['3']);
    expect(ids({ cve: 'cve-2026-1234' })).toEqual(['5']);
    expect(ids({ victim: 'acme' })).toEqual(['7']);
    expect(ids({ topic: 'ransomware', section: 'wall-of-shame' })).toEqual(['7']);
    expect(ids({ topic: 'ransomware', section: 'latest-news' })).toEqual([]);
    expect(ids({ source: 'cut' })).toEqual(['3']);
    expect(ids({ reason: 'irrelevant' })).toEqual(['4']);
    expect(ids({})).toHaveLength(pool.length);
  });
});

describe('promotedEntry', () => {
  it('shapes an entry as the builder does, with "promoted by the editor" among its rank reasons', () => {
    const entry = promotedEntry(candidates[2]!, ISSUE, {});
    expect(entry).toMatchObject({ storyId: '3', title: 'Cut by the limit', url: 'https://news.example/3', source: 'Cut Outlet', included: true });
    expect(entry!.rankReasons.at(-1)).toBe('promoted by the editor');
    expect(entry!.rankReasons[0]).toMatch(/^coverage 1 source/);
    expect(entry!.score).toBeGreaterThan(0);
  });

  it('needs a typed link for a story no outlet gave one', () => {
    expect(promotedEntry(candidates[4]!, ISSUE, {})).toBeUndefined();
    expect(promotedEntry(candidates[4]!, ISSUE, { url: 'https://typed.example/a' })).toMatchObject({ url: 'https://typed.example/a', cves: ['CVE-2026-1234'] });
  });
});
