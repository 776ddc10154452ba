import { describe, expect, it } from 'vitest';
import { buildDraft } from '../build.js';
import { ISSUE, makeCandidate } from '../fixtures/make-candidate.js';
import { renderDraft } from './index.js';

/** A blurb the editor wrote on several lines (the review page keeps line breaks, issue 19). */
function draftWithBlurb(blurb: string) {
  const { draft } = buildDraft([makeCandidate({ storyId: 's1', title: 'Acme patches a flaw' })], ISSUE);
  const entry = draft.sections.find((s) => s.id === 'latest-news')!.entries[0]!;
  entry.blurb = blurb;
  return draft;
}

describe('a blurb of several lines', () => {
  const draft = draftWithBlurb('First line *bold*.\n\n<b>Second</b> line.\r');

  it('keeps its line breaks in Markdown (hard breaks), HTML (<br>) and text, each line escaped', () => {
    expect(renderDraft(draft, 'md')).toContain('  First line \\*bold\\*.\\\n  \\<b\\>Second\\</b\\> line.');
    expect(renderDraft(draft, 'html')).toContain('First line *bold*.<br>&lt;b&gt;Second&lt;/b&gt; line.</span>');
    expect(renderDraft(draft, 'txt')).toMatch(/First line \*bold\*\.\n\s*<b>Second<\/b> line\./);
  });

  it('is one line of text in JSON, as stored', () => {
    const json = JSON.parse(renderDraft(draft, 'json')) as { sections: { entries: { blurb: string }[] }[] };
    expect(json.sections.flatMap((s) => s.entries)[0]?.blurb).toBe('First line *bold*.\n\n<b>Second</b> line.\r');
  });
});
