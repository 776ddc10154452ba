/**
 * Feed text is hostile (FIELD-NOTES "Hostile content"). The Markdown is checked the way an editor
 * would see it: rendered by a real Markdown library (marked, GFM on, so bare-URL autolinks count
 * too), the item must hold exactly our one link, and show the title's characters unchanged.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { DRAFT_SLOTS, type Draft, type StoryCandidate } from '../../model/draft.js';
import { buildDraft } from '../build.js';
import { DEFAULT_SECTIONS } from '../sections.js';
import { ISSUE, makeCandidate } from '../fixtures/make-candidate.js';
import { cleanText } from './escape.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';
import { markdownDestination, safeHttpUrl } from './url.js';

const HOSTILE = [
  '[x](javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '![img](http://x)',
  '*bold* and **strong** and ***both***',
  '_x_ and __y__ and snake_case_name',
  '`code` and ``more code``',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  'Vendor advisory](http://evil.example) continues',
  'Vendor [advisory](http://evil.example "title") continues',
  '[a][ref] then [ref]: http://evil.example',
  '[^1] footnote',
  '<http://evil.example/autolink>',
  'visit www.evil.example or WWW.EVIL.EXAMPLE today',
  '_www.evil.example_ (www.evil.example) ~www.evil.example~ *http://evil.example*',
  'see http://evil.example/path and https://evil.example',
  'mail admin@evil.example or mailto:admin@evil.example',
  '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;',
  '~~struck~~ and ~single~',
  '| a | b |',
  '# heading',
  '> quote',
  '- item',
  '+ item',
  '1. item',
  '2026. A year of breaches',
  '=== setext',
  'trailing backslash \\',
  'back\\slash \\[escaped\\]',
  'line one\n# line two\n\n[ref]: http://evil.example',
  '\u001b[31mred\u001b[0m and \u202eevil\u202c',
  '{curly} (parens) !bang #hash',
  'Patch Tuesday: 63 flaws, $40 million, 10:30 UTC',
];

/** A one-story draft; the URL is set after building, as the builder leaves out stories without a link. */
function draftWith(overrides: Partial<StoryCandidate> & { storyId: string }): Draft {
  const { url, ...rest } = overrides;
  const draft = buildDraft([makeCandidate(rest)], ISSUE).draft;
  if (url !== undefined) for (const section of draft.sections) for (const entry of section.entries) entry.url = url;
  return draft;
}

/** The inner HTML of each <li> that marked produced. */
function items(md: string): string[] {
  const html = marked.parse(md, { async: false, gfm: true });
  return [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
}

function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase());
}

/** What a reader sees: tags removed, the entities marked emits decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('Markdown export of hostile text', () => {
  for (const title of HOSTILE) {
    it(`title ${JSON.stringify(title)} stays text inside our one link`, () => {
      const md = renderMarkdown(draftWith({ storyId: 's', title }));
      const [item, ...rest] = items(md);
      expect(rest).toEqual([]);
      expect(tags(item!)).toEqual(['a', 'a']);
      expect(item).toMatch(/^<a href="https:\/\/news\.example\/s">/);
      expect(visibleText(item!)).toBe(`${cleanText(title)} (News Example)`);
      expect(md).not.toMatch(/^(?!#{1,3} )#/m); // only our own three heading levels start a line with #
    });

    it(`source, victim and blurb ${JSON.stringify(title)} create nothing either`, () => {
      const draft = draftWith({ storyId: 's', title: 'Plain', source: title, topic: 'ransomware', victims: [title] });
      const entry = draft.sections[2]!.entries[0]!;
      entry.blurb = title;
      const [item] = items(renderMarkdown(draft));
      // ours: <strong> for the victim, <a> for the title, a <br> before each of the blurb's lines
      // (an editor's blurb keeps its line breaks, issue 19); nothing else
      const blurbLines = title.split('\n').map(cleanText).filter((line) => line !== '');
      expect(tags(item!)).toEqual(['strong', 'strong', 'a', 'a', ...blurbLines.map(() => 'br')]);
      expect(visibleText(item!)).toBe(`${cleanText(title)}: Plain (${cleanText(title)})\n${blurbLines.join('\n')}`);
    });
  }

  it('gives the "also covered by" names the same treatment', () => {
    const links = HOSTILE.slice(0, 5).map((t, i) => ({ source: t, sourceId: `o${i}`, title: t, url: `https://other.example/${i}` }));
    const [item] = items(renderMarkdown(draftWith({ storyId: 's', coverage: 6, alsoCoveredBy: links })));
    expect(tags(item!).filter((t) => t === 'a')).toHaveLength(12); // the title and five members, open and close
    expect(item).not.toMatch(/<(img|script|em|strong|code)/);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/protocol-relative',
    '/relative/path',
    'not a url',
  ])('a non-http(s) URL %j shows the title without a link', (url) => {
    const md = renderMarkdown(draftWith({ storyId: 's', title: 'Browser bug [x]', url }));
    expect(md).toContain('\n- Browser bug \\[x\\] (News Example)\n');
    const [item] = items(md);
    expect(item).not.toContain('<a');
  });

  it('encodes what would end or alter the link destination', () => {
    const url = 'https://news.example/a)b(c) d<e>\\f?q=1&r=2#x y';
    const md = renderMarkdown(draftWith({ storyId: 's', url }));
    expect(md).toContain('](https://news.example/a%29b%28c%29%20d%3Ce%3E/f?q=1&r=2#x%20y) (News Example)');
    const [item] = items(md);
    expect(tags(item!)).toEqual(['a', 'a']);
    expect(item).toContain('href="https://news.example/a%29b%28c%29%20d%3Ce%3E/f?q=1&amp;r=2#x%20y"');
  });
});

describe('HTML export of hostile text', () => {
  const draft = buildDraft(
    HOSTILE.map((t, i) =>
      makeCandidate({
        storyId: `h${i}`,
        title: t,
        source: t,
        topic: i % 2 === 0 ? 'ransomware' : 'malware',
        victims: [t],
        url: `https://news.example/${i}?a="b"&c='d'`,
        alsoCoveredBy: [
          { source: t, sourceId: 'x', title: t, url: 'data:text/html,<script>alert(1)</script>' },
          { source: t, sourceId: 'y', title: t, url: 'https://other.example/ok' },
        ],
      }),
    ),
    { ...ISSUE, sections: DEFAULT_SECTIONS.map((s) => ({ ...s, limit: 100 })) },
  ).draft;
  for (const section of draft.sections) {
    for (const entry of section.entries) {
      entry.blurb = entry.title;
      // Set after building: the builder leaves out stories without a link.
      if (Number(entry.storyId.slice(1)) % 3 === 0) entry.url = 'javascript:alert(1)';
    }
  }
  const html = renderHtml(draft);

  it('contains only our own tags and attributes', () => {
    expect(new Set(tags(html))).toEqual(new Set(['div', 'h1', 'h2', 'h3', 'hr', 'p', 'ul', 'li', 'a', 'span', 'strong', 'br']));
    const attributes = [...html.matchAll(/<[a-z0-9]+((?:\s+[a-z-]+="[^"]*")*)\s*>/g)].flatMap((m) =>
      [...m[1]!.matchAll(/\s([a-z-]+)="[^"]*"/g)].map((a) => a[1]),
    );
    expect(new Set(attributes)).toEqual(new Set(['style', 'href', 'rel']));
    // Every '<' in the output opens one of our tags: feed text only ever appears as &lt;.
    expect(html.split('<').length - 1).toBe(tags(html).length);
  });

  it('has no script, no event handler, no javascript: or data: link', () => {
    expect(html).not.toMatch(/<script/i);
    // The text "onerror=" may be shown (escaped, as in the title); it must never sit inside a tag.
    expect(html).not.toMatch(/<[^>]*onerror=/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/(news|other)\.example\//);
    expect(html).toContain('href="https://news.example/1?a=%22b%22&amp;c=%27d%27" rel="noopener"');
  });

  it('escapes & < > " \' in text', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;');
    expect(html).toContain('&amp;lt;script&amp;gt;');
  });
});

describe('plain-text export of hostile text', () => {
  it('strips control characters that would drive a terminal, and leaves out unsafe URLs', () => {
    const txt = renderText(draftWith({ storyId: 's', title: '\u001b[31mred\u001b[0m\r\nnext', url: 'javascript:alert(1)' }));
    expect(txt).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/); // eslint-disable-line no-control-regex
    expect(txt).toContain('1. [31mred[0m next\n   News Example\n');
    expect(txt).not.toContain('javascript:');
  });
});

describe('safeHttpUrl and markdownDestination', () => {
  it('accepts http(s) only, normalised', () => {
    expect(safeHttpUrl('HTTPS://News.Example/a b')).toBe('https://news.example/a%20b');
    expect(safeHttpUrl('http://news.example')).toBe('http://news.example/');
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl('')).toBeNull();
    expect(safeHttpUrl('ftp://news.example/')).toBeNull();
    expect(safeHttpUrl('https://editor:s3cret@news.example/a')).toBe('https://news.example/a'); // never printed
  });

  it('escapes only an & that starts an entity reference', () => {
    // CommonMark decodes entity references in destinations; a backslash keeps them literal. (marked
    // does not follow the spec here, so this case is checked on the string, not through marked.)
    expect(markdownDestination('https://x.example/?a=1&b=2&copy;&#38;')).toBe('https://x.example/?a=1&b=2\\&copy;\\&#38;');
  });
});

describe('hostile text in every part of the issue (issue 18)', () => {
  const ALLOWED = /^https:\/\/(news|other|related)\.example\//;

  /** A draft with a lead story where every slot, title, blurb, victim, fact, related link and source is `t`. */
  function everywhere(t: string): Draft {
    const link = (host: string, i: number) => ({ source: t, sourceId: `${host}${i}`, title: t, url: `https://${host}.example/${i}` });
    const draft = buildDraft(
      [
        makeCandidate({ storyId: 'lead', title: t, source: t, coverage: 5, victims: [t], cves: [t], alsoCoveredBy: [link('other', 1), { ...link('other', 2), url: 'javascript:alert(1)' }] }),
        makeCandidate({ storyId: 'news', title: t, source: t, topic: 'malware' }),
        makeCandidate({ storyId: 'pr', title: t, source: t, section: 'press-release', topic: 'industry' }),
        makeCandidate({ storyId: 'shame', title: t, source: t, topic: 'data-breach', victims: [t, 'Acme'] }),
      ],
      { ...ISSUE, lead: { from: ['latest-news'] } },
    ).draft;
    for (const section of draft.sections) {
      for (const entry of section.entries) {
        entry.blurb = t;
        entry.related = [link('related', 1), { ...link('related', 2), url: 'data:text/html,<script>alert(1)</script>' }];
        entry.facts = { actors: [t], figures: [t] };
        entry.previously = [{ storyId: 'old', title: t, draftNumber: 2 }];
      }
    }
    draft.slots = Object.fromEntries(DRAFT_SLOTS.map((slot) => [slot, `${t}\n\n${t}`]));
    return draft;
  }

  for (const t of HOSTILE) {
    it(`${JSON.stringify(t)} stays inert in md, html, txt and json`, () => {
      const draft = everywhere(t);
      const options = { newsletterName: t };

      const md = marked.parse(renderMarkdown(draft, options), { async: false, gfm: true });
      expect(tags(md).filter((tag) => !['h1', 'h2', 'h3', 'p', 'em', 'strong', 'a', 'ul', 'li', 'br', 'hr'].includes(tag))).toEqual([]);
      const mdHrefs = [...md.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(mdHrefs.length).toBeGreaterThan(0);
      for (const href of mdHrefs) expect(href).toMatch(ALLOWED);

      const html = renderHtml(draft, options);
      expect(html).not.toMatch(/<script|<img|<[^>]*onerror=/i);
      expect(html.split('<').length - 1).toBe(tags(html).length);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(ALLOWED);
      const attributes = [...html.matchAll(/<[a-z0-9]+((?:\s+[a-z-]+="[^"]*")*)\s*>/g)].flatMap((m) => [...m[1]!.matchAll(/\s([a-z-]+)="/g)].map((a) => a[1]));
      expect(attributes.filter((a) => !['style', 'href', 'rel'].includes(a!))).toEqual([]);

      const txt = renderText(draft, options);
      expect(txt).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/); // eslint-disable-line no-control-regex
      for (const line of txt.split('\n')) expect(line).not.toMatch(/^\s*(?:- .*: )?(?:javascript|data):/);

      const json = renderJson(draft, options);
      const urls = [...json.matchAll(/"(?:url|href)": ("[^"]*"|null)/g)].map((m) => JSON.parse(m[1]!) as string | null);
      for (const url of urls) if (url !== null) expect(url).toMatch(ALLOWED);
      expect(json).not.toMatch(/"url": "(javascript|data):/);
    });
  }
});
