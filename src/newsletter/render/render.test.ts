import { describe, expect, it } from 'vitest';
import type { Draft } from '../../model/draft.js';
import { buildDraft } from '../build.js';
import { ISSUE, makeCandidate } from '../fixtures/make-candidate.js';
import { EXPORT_FORMATS, isExportFormat, renderDraft } from './index.js';

const links = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ source: `Outlet ${i}`, sourceId: `o${i}`, title: `Take ${i}`, url: `https://o${i}.example/s` }));

function sample(): Draft {
  return buildDraft(
    [
      makeCandidate({ storyId: 'lead', title: 'Lead story', coverage: 8, alsoCoveredBy: links(7) }),
      makeCandidate({ storyId: 'incident', title: 'Council sites knocked offline', topic: 'incident', victims: ['Harlow Council'] }),
      makeCandidate({ storyId: 'breach', title: 'Acme Health confirms data breach', topic: 'data-breach', victims: ['Acme Health', ' '] }),
      makeCandidate({ storyId: 'pr', title: 'Vendor launches product', section: 'press-release', topic: 'industry' }),
    ],
    ISSUE,
  ).draft;
}

function exclude(draft: Draft, storyId: string): Draft {
  return {
    ...draft,
    sections: draft.sections.map((s) => ({ ...s, entries: s.entries.map((e) => (e.storyId === storyId ? { ...e, included: false } : e)) })),
  };
}

describe('renderDraft', () => {
  it('titles the issue with the newsletter name, "secdigest" by default', () => {
    expect(renderDraft(sample(), 'md').split('\n')[0]).toBe('# secdigest — 2026-11-25');
    expect(renderDraft(sample(), 'md', { newsletterName: 'The Breach Report' }).split('\n')[0]).toBe('# The Breach Report — 2026-11-25');
    expect(renderDraft(sample(), 'txt').split('\n').slice(0, 2)).toEqual(['secdigest — 2026-11-25', '======================']);
    expect(renderDraft(sample(), 'html')).toContain('>secdigest — 2026-11-25</h1>');
  });

  it('names victims in the Wall of Shame only, unless told otherwise', () => {
    const md = renderDraft(sample(), 'md');
    expect(md).toContain('- **Acme Health**: [Acme Health confirms data breach](https://news.example/breach) (News Example)');
    expect(md).toContain('- [Council sites knocked offline](https://news.example/incident) (News Example)');
    const everywhere = renderDraft(sample(), 'md', { victimSections: ['latest-news', 'wall-of-shame'] });
    expect(everywhere).toContain('- **Harlow Council**: [Council sites knocked offline]');
    expect(renderDraft(sample(), 'txt')).toContain('1. Acme Health: Acme Health confirms data breach\n');
    expect(renderDraft(sample(), 'html')).toContain('<strong>Acme Health</strong>: <a href="https://news.example/breach"');
  });

  it('shows at most five "also covered by" links and counts the rest (JSON keeps all)', () => {
    const md = renderDraft(sample(), 'md');
    expect(md).toContain(
      '  Also covered by: [Outlet 0](https://o0.example/s), [Outlet 1](https://o1.example/s), [Outlet 2](https://o2.example/s), ' +
        '[Outlet 3](https://o3.example/s), [Outlet 4](https://o4.example/s) and 2 more\n',
    );
    expect(renderDraft(sample(), 'md', { maxAlsoCoveredBy: 0 })).not.toContain('Also covered by');
    expect(renderDraft(sample(), 'txt')).toContain('     - Outlet 4: https://o4.example/s\n     - and 2 more\n');
    const json = JSON.parse(renderDraft(sample(), 'json')) as { sections: { entries: { alsoCoveredBy: unknown[] }[] }[] };
    expect(json.sections[0]!.entries[0]!.alsoCoveredBy).toHaveLength(7);
  });

  it('renders only included entries, and leaves out sections left empty', () => {
    const draft = exclude(exclude(sample(), 'pr'), 'incident');
    for (const format of EXPORT_FORMATS) {
      const out = renderDraft(draft, format);
      expect(out).not.toContain('Vendor launches product');
      expect(out).not.toContain('Council sites');
      expect(out).toContain('Lead story');
    }
    expect(renderDraft(draft, 'md')).not.toContain('Press Releases');
    expect(renderDraft(draft, 'html')).not.toContain('Press Releases');
    expect(renderDraft(draft, 'txt')).not.toContain('Press Releases');
    const json = JSON.parse(renderDraft(draft, 'json')) as { sections: { id: string; entries: unknown[] }[] };
    expect(json.sections.map((s) => [s.id, s.entries.length])).toEqual([
      ['latest-news', 1],
      ['press-releases', 0],
      ['wall-of-shame', 1],
    ]);
  });

  it('says so when an issue has no stories', () => {
    const empty = buildDraft([], ISSUE).draft;
    expect(renderDraft(empty, 'md')).toMatch(/^# secdigest — 2026-11-25\n[^]*\n\*No stories in this issue\.\*\n\n---\n/);
    expect(renderDraft(empty, 'txt')).toMatch(/^secdigest — 2026-11-25\n======================\n[^]*\nNo stories in this issue\.\n/);
    expect(renderDraft(empty, 'html')).toContain('No stories in this issue.</p>\n');
    expect(renderDraft(sample(), 'md')).not.toContain('No stories');
  });

  it('puts each URL on its own line in plain text, under the title and source', () => {
    expect(renderDraft(sample(), 'txt')).toContain(
      'Cybersecurity Industry Press Releases\n-------------------------------------\n\n1. Vendor launches product\n   News Example\n   https://news.example/pr\n',
    );
  });

  it('writes JSON with a fixed key order whatever order the stored objects had', () => {
    const draft = sample();
    const entry = draft.sections[0]!.entries[0]!;
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry;
    const reordered: Draft = { ...draft, sections: draft.sections.map((s, i) => (i === 0 ? { ...s, entries: [shuffled, ...s.entries.slice(1)] } : s)) };
    expect(renderDraft(reordered, 'json')).toBe(renderDraft(draft, 'json'));
    const doc = JSON.parse(renderDraft(draft, 'json')) as Record<string, unknown> & { sections: { entries: Record<string, unknown>[] }[] };
    // Issue 18 added keys after `sections`, removing none (still secdigest-draft/1).
    expect(Object.keys(doc)).toEqual(['format', 'newsletter', 'number', 'date', 'window', 'createdAt', 'sections', 'sentAt', 'headline', 'slots', 'lead', 'news']);
    expect(Object.keys(doc.sections[0]!.entries[0]!)).toEqual([
      'storyId', 'title', 'url', 'source', 'sourceId', 'blurb', 'topic', 'topicScores', 'publishedAt', 'coverage',
      'alsoCoveredBy', 'victims', 'cves', 'score', 'rankReasons', 'included',
    ]);
    expect(renderDraft(draft, 'json').endsWith('}\n')).toBe(true);
  });

  it('writes null for a URL the other formats would refuse', () => {
    const draft = buildDraft([makeCandidate({ storyId: 'x', alsoCoveredBy: [{ source: 'S', sourceId: 's', title: 't', url: 'data:,x' }] })], ISSUE).draft;
    // Set after building: the builder leaves out stories without a link of their own.
    draft.sections[0]!.entries[0]!.url = 'javascript:alert(1)';
    const json = renderDraft(draft, 'json');
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('data:');
    expect(json).toContain('"url": null');
  });

  it('knows its formats and refuses others with a usage error', () => {
    expect(EXPORT_FORMATS).toEqual(['md', 'html', 'json', 'txt']);
    expect(isExportFormat('html')).toBe(true);
    expect(isExportFormat('pdf')).toBe(false);
    expect(isExportFormat('toString')).toBe(false);
    expect(() => renderDraft(sample(), 'pdf' as never)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
