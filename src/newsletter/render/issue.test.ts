import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../model/draft.js';
import { UsageError } from '../../model/errors.js';
import { buildDraft } from '../build.js';
import { ISSUE, makeCandidate } from '../fixtures/make-candidate.js';
import { readTemplateSources, renderDraft, type RenderOptions } from './index.js';

// The whole issue through its template (issue 18): parts, slots, settings and template errors.

function issue(): Draft {
  const draft = buildDraft(
    [
      makeCandidate({ storyId: 'lead', title: 'Northgate VPN bypass exploited', coverage: 4, cves: ['CVE-2026-41877'], victims: ['Harlow Council'],
        alsoCoveredBy: [{ source: 'Packet Courier', sourceId: 'pc', title: 'Northgate flaw', url: 'https://pc.example/n' }] }),
      makeCandidate({ storyId: 'news', title: 'New backdoor targets telecoms', topic: 'malware' }),
      makeCandidate({ storyId: 'pr', title: 'Vendor launches product', section: 'press-release', topic: 'industry' }),
      makeCandidate({ storyId: 'shame', title: 'Acme Health confirms data breach', topic: 'data-breach', victims: ['Acme Health'] }),
    ],
    { ...ISSUE, lead: { from: ['latest-news'] } },
  ).draft;
  const lead = draft.sections.find((s) => s.id === 'lead')!.entries[0]!;
  lead.blurb = 'Attackers skip the login page entirely.';
  lead.facts = { actors: ['Velkan'], figures: ['2,000 gateways'] };
  lead.related = [{ source: 'Law Wire', sourceId: 'lw', title: 'Class action filed over Northgate', url: 'https://law.example/n' }];
  return draft;
}

const withSlots = (draft: Draft, slots: Draft['slots']): Draft => ({ ...draft, slots });

function inOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    expect(next, `"${part}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

describe('the issue template', () => {
  const filled = withSlots(issue(), {
    teaser: 'Patch tonight.',
    sponsorLine: 'In partnership with Example Security',
    sponsorBlock: 'Example Security finds exposed gateways.',
    commentary: 'Edge devices again.',
    second: 'A second piece.',
    ps: 'Reply with tips.',
  });

  it('prints every part in order in Markdown and HTML', () => {
    const parts = [
      'secdigest — 2026-11-25', 'Northgate VPN bypass exploited', 'Patch tonight.', 'In partnership with Example Security', 'Welcome to the latest issue of secdigest',
      'Example Security finds exposed gateways.', 'Edge devices again.', 'Source brief', 'Packet Courier', 'Harlow Council', 'Velkan', 'CVE-2026-41877',
      '2,000 gateways', 'Class action filed over Northgate', 'A second piece.', 'Latest Cybersecurity News', "What we're reading across the wire",
      'New from our favorite blogs and journalists', 'New backdoor targets telecoms', 'Cybersecurity Industry Press Releases', 'Vendor launches product',
      "Today's Cyber Wall of Shame", 'Acme Health', 'Until next time,', 'Reply with tips.', "the editor's own",
    ];
    inOrder(renderDraft(filled, 'md'), parts);
    inOrder(renderDraft(filled, 'html').replace(/&#39;/g, "'"), parts);
    inOrder(renderDraft(filled, 'txt'), parts);
  });

  it('names the victim in a Wall of Shame entry, with what happened and the link', () => {
    expect(renderDraft(filled, 'md')).toContain('- **Acme Health**: [Acme Health confirms data breach](https://news.example/shame) (News Example)');
    expect(renderDraft(filled, 'html')).toContain('<strong>Acme Health</strong>: <a href="https://news.example/shame"');
    expect(renderDraft(filled, 'txt')).toContain('1. Acme Health: Acme Health confirms data breach\n   News Example\n   https://news.example/shame\n');
  });

  it('shows a placeholder for each unwritten slot, and the text once it is written', () => {
    const empty = withSlots(issue(), {});
    const md = renderDraft(empty, 'md');
    expect(md).toContain('*\\[Lead commentary: write it in the review page or with secdigest draft fill\\]*');
    expect(md).toContain('\\[Sponsor line: In partnership with …\\]');
    expect(md).toContain('*\\[P.S.: write it in the review page or with secdigest draft fill\\]*');
    expect(md).toContain('*Attackers skip the login page entirely.*'); // the teaser defaults to the lead's blurb
    expect(md).not.toContain('A second piece'); // `second` has no placeholder
    expect(renderDraft(empty, 'html')).toContain('[Lead commentary: write it in the review page or with secdigest draft fill]</p>');
    expect(renderDraft(empty, 'txt')).toContain('[Lead commentary: write it in the review page or with secdigest draft fill]');
    for (const format of ['md', 'html', 'txt'] as const) {
      const out = renderDraft(filled, format);
      expect(out).not.toMatch(/Lead commentary:|Sponsor line:|P\.S\.:/);
      expect(out).toContain('Edge devices again.');
    }
  });

  it('takes newsletter-wide texts from settings (Liquid rendered), null leaving the part out; draft text literally', () => {
    const options: RenderOptions = {
      newsletterName: 'The Breach Report',
      issue: { intro: 'Hello from {{ name }}, issue #{{ number }}.', disclaimer: null, ps: 'Forward this to a friend.' },
    };
    const md = renderDraft(withSlots(issue(), { commentary: 'SSTI payloads look like {{7*7}}.' }), 'md', options);
    expect(md).toContain('Hello from The Breach Report, issue \\#3.');
    expect(md).toContain('P.S. Forward this to a friend.');
    expect(md).not.toContain("the editor's own");
    expect(md).toContain('SSTI payloads look like \\{\\{7\\*7\\}\\}.');
    expect(renderDraft(withSlots(issue(), { ps: 'Mine wins.' }), 'md', options)).toContain('P.S. Mine wins.');
  });

  it('takes the news heading, its intro, its lists and the section titles from settings and the draft', () => {
    const draft = issue();
    for (const s of draft.sections) if (s.id === 'press-releases') s.title = 'Wire copy';
    const md = renderDraft(draft, 'md', { issue: { newsHeading: 'This Week', newsIntro: null, newsSections: ['latest-news'] } });
    inOrder(md, ['## This Week', '### New from our favorite blogs and journalists', '## Wire copy', "## Today's Cyber Wall of Shame"]);
    expect(md).not.toContain('Latest Cybersecurity News');
    expect(md).not.toContain("What we're reading");
  });

  it('uses the editor\'s template file, escaping every value in it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secdigest-template-'));
    writeFileSync(path.join(dir, 'mine.md'), '{{ name }}: {{ headline }}\n{% for list in news.lists %}{% for e in list.entries %}* {{ e.link | raw }} {{ e.title | raw }}\n{% endfor %}{% endfor %}');
    const templates = readTemplateSources({ template: { md: 'mine.md' } }, (f) => path.join(dir, f));
    const draft = issue();
    draft.sections.find((s) => s.id === 'latest-news')!.entries[0]!.title = '<b>[x](javascript:alert(1))</b>';
    const md = renderDraft(draft, 'md', { templates });
    expect(md).toBe(
      'secdigest: Northgate VPN bypass exploited\n* [\\<b\\>\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\</b\\>](https://news.example/news) \\<b\\>\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\</b\\>\n' +
        '* [Vendor launches product](https://news.example/pr) Vendor launches product\n',
    );
    expect(() => readTemplateSources({ template: { html: 'missing.html' } }, (f) => path.join(dir, f))).toThrow(UsageError);
  });

  it.each([
    ['a syntax error', 'line one\n{% if headline %}never closed', /broken\.liquid:2:1: tag \{% if headline %\} not closed/],
    ['an unknown filter', '{{ name }}\n\n{{ name | shout }}', /broken\.liquid:3:1: undefined filter: shout/],
    ['an unknown variable', '{{ name }}\n{{ headlien }}', /broken\.liquid:2:4: undefined variable: headlien/],
    ['a file include', "{% include '/etc/passwd' %}", /broken\.liquid:1:1: ENOENT/],
  ])('refuses a template with %s: a UsageError naming the file and line, no output', (_, source, message) => {
    const render = () => renderDraft(issue(), 'html', { templates: { html: { file: '/cfg/broken.liquid', source } } });
    expect(render).toThrow(UsageError);
    expect(render).toThrow(message);
  });

  it('refuses a settings text whose Liquid is wrong, naming the key', () => {
    expect(() => renderDraft(issue(), 'json', { issue: { intro: 'Hi {{ nam }}' } })).toThrow(/settings\.issue\.intro:1:\d+: undefined variable: nam/);
  });

  it('adds the issue\'s parts to the JSON export', () => {
    const doc = JSON.parse(renderDraft(withSlots(issue(), { commentary: 'Edge devices again.' }), 'json')) as Record<string, unknown> & {
      slots: Record<string, { text: string | null; from: string }>;
      lead: { storyId: string; brief: { outlets: unknown[]; actors: string[] } };
      news: { heading: string; sections: string[] };
    };
    expect(doc.headline).toBe('Northgate VPN bypass exploited');
    expect(doc.slots.commentary).toEqual({ text: 'Edge devices again.', from: 'draft' });
    expect(doc.slots.teaser).toEqual({ text: 'Attackers skip the login page entirely.', from: 'lead-blurb' });
    expect(doc.slots.intro!.from).toBe('settings');
    expect(doc.slots.ps).toEqual({ text: null, from: 'placeholder' });
    expect(doc.slots.second).toEqual({ text: null, from: 'omitted' });
    expect(doc.lead.storyId).toBe('lead');
    expect(doc.lead.brief.outlets).toHaveLength(2);
    expect(doc.lead.brief.actors).toEqual(['Velkan']);
    expect(doc.news).toEqual({ heading: 'Latest Cybersecurity News', intro: expect.any(String), sections: ['latest-news', 'press-releases'] });
  });
});
