/**
 * Feed text is hostile: titles, sources, blurbs and victims reach every page and atom.xml. Each
 * output is parsed as a browser or feed reader would (cheerio for HTML; both feed parsers for the
 * Atom, then its HTML content with cheerio), and must hold no script, no event-handler attribute
 * and no link that is not http(s) or one of our own pages, while showing the hostile text as text.
 */
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../model/draft.js';
import { renderDraft } from '../newsletter/index.js';
import { parseFeedDocument } from '../pipeline/parse/index.js';
import { entry, plainFragment, section, sentDraft } from './fixtures/sent-drafts.js';
import { buildSite } from './index.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOSTILE = [SCRIPT, IMG, "'><svg onload=alert(1)>", ']]> <x>after cdata</x> ]]>', '</textarea><script>alert(2)</script>', '</title><script>alert(3)</script>'];
const BAD_URLS = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];

function hostileDraft(number: number): Draft {
  const title = HOSTILE.join(' ');
  return sentDraft(number, {
    date: `2026-11-0${number}`,
    sections: [
      section('lead', [entry(`${number}-lead`, { title, url: BAD_URLS[number % BAD_URLS.length]!, source: IMG, blurb: `${SCRIPT} ]]> </textarea>` })], SCRIPT),
      section(
        'wall-of-shame',
        BAD_URLS.map((url, i) =>
          entry(`${number}-v${i}`, {
            title: HOSTILE[i % HOSTILE.length]!,
            url,
            source: HOSTILE[(i + 1) % HOSTILE.length]!,
            blurb: HOSTILE[(i + 2) % HOSTILE.length]!,
            victims: [IMG, SCRIPT],
            alsoCoveredBy: [{ source: SCRIPT, sourceId: 'x', title: IMG, url }],
          }),
        ),
        IMG,
      ),
    ],
  });
}

const NAME = `Brief ${SCRIPT} ${IMG} ]]>`;

/** The stand-in keeps the builder's own escaping under test whatever the template does; the export's renderer is what `publish` uses. */
const RENDERERS: [string, (draft: Draft) => string][] = [
  ['a stand-in renderer', plainFragment],
  ['the export renderer', (d) => renderDraft(d, 'html', { newsletterName: NAME, victimSections: ['wall-of-shame'] })],
];

function hostileSite(render: (draft: Draft) => string) {
  const built = buildSite({ name: NAME, siteUrl: 'https://news.example.com/', issues: [hostileDraft(2), hostileDraft(1)], renderIssue: render, now: new Date('2026-12-01T00:00:00.000Z') });
  return { built, pages: built.files.filter((f) => f.path.endsWith('.html')), atom: built.files.find((f) => f.path === 'atom.xml')!.text };
}

/** Scripts, event handlers and non-http(s) links in a document parsed as HTML. */
function activeContent(html: string): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  $('script, iframe, object, embed, svg, img, base, form, textarea').each((_, el) => void found.push(`<${'tagName' in el ? el.tagName : '?'}>`));
  for (const el of $('*').toArray()) {
    if (!('attribs' in el)) continue;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) found.push(`${el.tagName}[${name}]`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(name) && !/^(https?:\/\/|(\.\.\/)?(index\.html|atom\.xml)$|issues\/\d+\.html$)/.test(value)) {
        found.push(`${el.tagName}[${name}=${value}]`);
      }
    }
  }
  return found;
}

describe.each(RENDERERS)('hostile feed text in the published site, with %s', (_, render) => {
  const site = () => hostileSite(render);

  it('builds the pages it should', () => {
    expect(site().built.files.map((f) => f.path)).toEqual(['index.html', 'atom.xml', 'issues/2.html', 'issues/1.html']);
  });

  it.each(['index.html', 'issues/2.html', 'issues/1.html'])('%s holds no script, event handler or javascript: link', (path) => {
    const html = site().pages.find((p) => p.path === path)!.text;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<\/textarea/i);
    expect(html).not.toMatch(/<\/title>[\s\S]*<\/title>/i);
    expect(html).not.toMatch(/<(img|svg)/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(activeContent(html)).toEqual([]);
    // The text survives as text: the reader sees what the feed said.
    const $ = cheerio.load(html);
    expect($('title').text()).toContain(`Brief ${SCRIPT} ${IMG} ]]>`);
    expect($('main').text()).toContain(SCRIPT);
  });

  it('shows the headline as text in the archive', () => {
    const $ = cheerio.load(site().pages.find((p) => p.path === 'index.html')!.text);
    expect($('main li').first().text()).toContain(HOSTILE.join(' '));
  });

  it('atom.xml holds no raw markup from the feeds and both parsers read every entry whole', async () => {
    const { atom } = site();
    expect(atom).not.toMatch(/<script/i);
    expect(atom).not.toMatch(/<\/textarea/i);
    expect(atom).not.toMatch(/javascript:/i);
    // Our own CDATA sections are the only ones: 2 titles + 2 contents, each closed once.
    expect(atom.match(/<!\[CDATA\[/g)).toHaveLength(4);
    expect(atom.match(/]]>/g)).toHaveLength(4);

    const own = parseFeedDocument(Buffer.from(atom), 'application/atom+xml');
    const other = await new Parser().parseString(atom);
    expect(own.entries.map((e) => e.guid)).toEqual(['urn:secdigest:Brief%20%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20%5D%5D%3E:issue:2', expect.stringMatching(/:issue:1$/)]);
    expect(other.items.map((i) => i.id)).toEqual(own.entries.map((e) => e.guid));
    for (const { title, content } of [...own.entries, ...other.items]) {
      // type="html": a reader decodes the title's HTML once and shows text.
      expect(cheerio.load(`<p>${title ?? ''}</p>`)('p').text()).toBe(`Issue #${title?.includes('#2') ? 2 : 1}: ${HOSTILE.join(' ')}`);
      expect(activeContent(content ?? '')).toEqual([]);
      expect(cheerio.load(content ?? '').text()).toContain(`${SCRIPT} ]]> </textarea>`);
    }
  });
});

describe('atom.xml against a fragment that breaks the rules', () => {
  it('splits every ]]> of an issue fragment, not only the first, and drops characters XML forbids', async () => {
    const xml = buildSite({
      name: 'Brief\uFFFF\u0001',
      issues: [sentDraft(1)],
      renderIssue: () => '<p>a]]>b]]><x>c</x>]]>d\u0000\uFFFE</p>',
      now: new Date('2026-12-01T00:00:00.000Z'),
    }).files.find((f) => f.path === 'atom.xml')!.text;
    const own = parseFeedDocument(Buffer.from(xml), 'application/atom+xml');
    const other = await new Parser().parseString(xml);
    expect(own.title).toBe('Brief');
    expect(own.entries.map((e) => e.content)).toEqual(['<p>a]]&gt;b]]&gt;<x>c</x>]]&gt;d</p>']);
    expect(other.items.map((i) => i.content)).toEqual(own.entries.map((e) => e.content));
    expect(cheerio.load(own.entries[0]!.content!).text()).toBe('a]]>b]]>c]]>d');
  });
});
