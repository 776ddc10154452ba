import { describe, expect, it } from 'vitest';
import { buildDraft } from '../build.js';
import { ISSUE, makeCandidate } from '../fixtures/make-candidate.js';
import { renderDraft } from './index.js';

// A new development of an incident an earlier issue carried says what came before (issue 15).
function draft() {
  return buildDraft(
    [
      makeCandidate({
        storyId: 'claim',
        title: 'Velkan gang claims the Brenholt Motors attack',
        previously: [
          { storyId: 'attack', title: 'Cyberattack halts production at Brenholt Motors', draftNumber: 3 },
          { storyId: 'shutdown', title: 'Brenholt <b>extends</b> shutdown *again*', draftNumber: 5 },
        ],
      }),
      makeCandidate({ storyId: 'other', title: 'Unrelated patch', topic: 'vulnerability' }),
    ],
    ISSUE,
  ).draft;
}

describe('previously (threads in the export)', () => {
  it('carries the earlier developments into the entry; an entry without any has no field', () => {
    const entries = draft().sections.flatMap((s) => s.entries);
    expect(entries.find((e) => e.storyId === 'claim')?.previously).toEqual([
      { storyId: 'attack', title: 'Cyberattack halts production at Brenholt Motors', draftNumber: 3 },
      { storyId: 'shutdown', title: 'Brenholt <b>extends</b> shutdown *again*', draftNumber: 5 },
    ]);
    expect(entries.find((e) => e.storyId === 'other')).not.toHaveProperty('previously');
  });

  it('prints one "Previously" line in Markdown, HTML and text, with titles escaped for each', () => {
    const md = renderDraft(draft(), 'md');
    expect(md).toContain('Previously: "Cyberattack halts production at Brenholt Motors" (issue #3), "Brenholt \\<b\\>extends\\</b\\> shutdown \\*again\\*" (issue #5)');
    expect(md.match(/Previously:/g)).toHaveLength(1);
    const html = renderDraft(draft(), 'html');
    expect(html).toContain('Previously: &ldquo;Cyberattack halts production at Brenholt Motors&rdquo; (issue #3)');
    expect(html).toContain('&lt;b&gt;extends&lt;/b&gt;');
    expect(html).not.toContain('<b>extends');
    expect(renderDraft(draft(), 'txt')).toContain('Previously: "Cyberattack halts production at Brenholt Motors" (issue #3)');
  });

  it('adds `previously` to the JSON export only where there is one', () => {
    const json = JSON.parse(renderDraft(draft(), 'json')) as { sections: { entries: { storyId: string; previously?: unknown[] }[] }[] };
    const entries = json.sections.flatMap((s) => s.entries);
    expect(entries.find((e) => e.storyId === 'claim')?.previously).toHaveLength(2);
    expect(entries.find((e) => e.storyId === 'other')).not.toHaveProperty('previously');
  });
});

describe('undated entries (issue 17)', () => {
  const undated = () =>
    buildDraft([makeCandidate({ storyId: 'u', title: 'Dateless advisory', undated: true }), makeCandidate({ storyId: 'd', title: 'Dated news' })], ISSUE).draft;

  it('marks an entry whose date is the fetch time in every format, and only that entry', () => {
    const md = renderDraft(undated(), 'md');
    expect(md).toMatch(/Dateless advisory\]\([^)]*\) \([^)]*\) \(undated\)/);
    expect(md.match(/\(undated\)/g)).toHaveLength(1);
    expect(renderDraft(undated(), 'html').match(/\(undated\)/g)).toHaveLength(1);
    expect(renderDraft(undated(), 'txt').match(/\(undated\)/g)).toHaveLength(1);
    const entries = (JSON.parse(renderDraft(undated(), 'json')) as { sections: { entries: { storyId: string; undated?: boolean }[] }[] }).sections.flatMap((s) => s.entries);
    expect(entries.find((e) => e.storyId === 'u')?.undated).toBe(true);
    expect(entries.find((e) => e.storyId === 'd')).not.toHaveProperty('undated');
  });
});
