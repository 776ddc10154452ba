import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../model/draft.js';
import { parseFeedDocument } from '../pipeline/parse/index.js';
import { entry, plainFragment, section, sentDraft } from './fixtures/sent-drafts.js';
import { buildSite, CONTENT_SECURITY_POLICY, headlineOf, NO_HEADLINE, type SiteInput } from './index.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');

function site(issues: readonly Draft[], overrides: Partial<SiteInput> = {}) {
  const built = buildSite({ name: 'Breach Brief', issues, renderIssue: plainFragment, now: NOW, ...overrides });
  const file = (path: string) => {
    const found = built.files.find((f) => f.path === path);
    if (!found) throw new Error(`no ${path} in ${built.files.map((f) => f.path).join(', ')}`);
    return found.text;
  };
  return { ...built, file };
}

/** atom.xml as both parsers read it: the project's own (pipeline/parse) and rss-parser. */
async function readAtom(xml: string) {
  const own = parseFeedDocument(Buffer.from(xml), 'application/atom+xml');
  const other = await new Parser().parseString(xml);
  return { own, other };
}

describe('buildSite', () => {
  it('writes index.html, atom.xml and one page per sent issue, newest first', () => {
    const built = site([sentDraft(1), sentDraft(3), sentDraft(2)]);
    expect(built.issues).toEqual([3, 2, 1]);
    expect(built.files.map((f) => f.path)).toEqual(['index.html', 'atom.xml', 'issues/3.html', 'issues/2.html', 'issues/1.html']);
  });

  it('leaves out a draft that is not sent, whatever it is handed', () => {
    const built = site([sentDraft(2), sentDraft(1, { sentAt: null })]);
    expect(built.issues).toEqual([2]);
    expect(built.file('index.html')).not.toContain('issues/1.html');
    expect(built.file('atom.xml')).not.toContain(':issue:1<');
  });

  it('lists each issue in the archive with its number, date, headline and page link', () => {
    const $ = cheerio.load(site([sentDraft(1), sentDraft(2)]).file('index.html'));
    expect($('h1').text()).toBe('Breach Brief');
    const items = $('main li').toArray().map((li) => ({ href: $(li).find('a').attr('href'), text: $(li).text() }));
    expect(items).toEqual([
      { href: 'issues/2.html', text: 'Issue #2 2026-11-02Headline of issue 2' },
      { href: 'issues/1.html', text: 'Issue #1 2026-11-01Headline of issue 1' },
    ]);
  });

  it('makes every page a full HTML5 document with a title, a CSP, and links to the archive and the feed', () => {
    const built = site([sentDraft(4)]);
    for (const [path, title, root] of [
      ['index.html', 'Breach Brief — archive', ''],
      ['issues/4.html', 'Breach Brief — Issue #4 (2026-11-04)', '../'],
    ] as const) {
      const html = built.file(path);
      expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      const $ = cheerio.load(html);
      expect($('title').text()).toBe(title);
      expect($('meta[name="viewport"]').attr('content')).toBe('width=device-width, initial-scale=1');
      expect($('meta[http-equiv="Content-Security-Policy"]').attr('content')).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src https: data:");
      const alternate = $('head link[rel="alternate"]');
      expect(alternate.attr('type')).toBe('application/atom+xml');
      expect(alternate.attr('href')).toBe(`${root}atom.xml`);
      expect($('nav a').toArray().map((a) => $(a).attr('href'))).toEqual([`${root}index.html`, `${root}atom.xml`]);
    }
  });

  it("puts the issue's HTML fragment, as the renderer gave it, on its page", () => {
    const rendered: number[] = [];
    const built = site([sentDraft(5), sentDraft(6)], { renderIssue: (d) => (rendered.push(d.number), `<section id="issue-${d.number}">fragment</section>\n`) });
    expect(rendered).toEqual([5, 6]);
    expect(built.file('issues/5.html')).toContain('<main>\n<p class="meta">Issue #5 · <time datetime="2026-11-05">2026-11-05</time></p>\n<section id="issue-5">fragment</section>\n</main>');
  });

  it('with no sent issue, says so and writes a feed with no entries', async () => {
    const built = site([]);
    expect(built.files.map((f) => f.path)).toEqual(['index.html', 'atom.xml']);
    expect(cheerio.load(built.file('index.html'))('main').text()).toContain('No issues yet.');
    const { own, other } = await readAtom(built.file('atom.xml'));
    expect(own.entries).toEqual([]);
    expect(other.items).toEqual([]);
    expect(built.file('atom.xml')).toContain(`<updated>${NOW.toISOString()}</updated>`);
  });
});

describe('atom.xml', () => {
  it('parses with the project parser and rss-parser: sent issues newest first, updated = sentAt, content = the issue HTML', async () => {
    const drafts = [sentDraft(1), sentDraft(2, { sentAt: '2026-11-03T09:30:00.000Z' })];
    const built = site(drafts, { siteUrl: 'https://news.example.com/brief' });
    const xml = built.file('atom.xml');
    const { own, other } = await readAtom(xml);

    expect(own.format).toBe('atom');
    expect(own.title).toBe('Breach Brief');
    expect(own.siteUrl).toBe('https://news.example.com/brief/');
    expect(own.entries.map((e) => [e.title, e.link, e.updated])).toEqual([
      ['Issue #2: Headline of issue 2', 'https://news.example.com/brief/issues/2.html', '2026-11-03T09:30:00.000Z'],
      ['Issue #1: Headline of issue 1', 'https://news.example.com/brief/issues/1.html', '2026-11-01T07:00:00.000Z'],
    ]);
    expect(own.entries[0]!.content).toBe(plainFragment(drafts[1]!).trim());

    expect(other.title).toBe('Breach Brief');
    expect(other.feedUrl).toBe('https://news.example.com/brief/atom.xml');
    expect(other.items.map((i) => [i.title, i.link, i.isoDate])).toEqual(own.entries.map((e) => [e.title, e.link, e.updated]));
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">\s*<id>https:\/\/news\.example\.com\/brief\/<\/id>/);
    expect(xml).toContain('<updated>2026-11-03T09:30:00.000Z</updated>\n    <generator>');
  });

  it('gives each issue an id that depends on its number only: the same on every run, URL or not', async () => {
    const first = await readAtom(site([sentDraft(1), sentDraft(2)], { siteUrl: 'https://a.example/' }).file('atom.xml'));
    const later = await readAtom(site([sentDraft(1), sentDraft(2), sentDraft(3)], { siteUrl: 'https://b.example/' }).file('atom.xml'));
    const noUrl = await readAtom(site([sentDraft(2)]).file('atom.xml'));
    expect(first.own.entries.map((e) => e.guid)).toEqual(['urn:secdigest:Breach%20Brief:issue:2', 'urn:secdigest:Breach%20Brief:issue:1']);
    expect(later.own.entries.slice(1).map((e) => e.guid)).toEqual(first.own.entries.map((e) => e.guid));
    expect(noUrl.own.entries[0]!.guid).toBe(first.own.entries[0]!.guid);
    expect(later.other.items.map((i) => i.id)).toEqual(later.own.entries.map((e) => e.guid));
  });

  it('without a site URL: a urn: id and no links at all (Atom has no base to resolve a relative one against)', async () => {
    const xml = site([sentDraft(1)]).file('atom.xml');
    expect(xml).toContain('<id>urn:secdigest:Breach%20Brief</id>');
    expect(xml).not.toContain('<link');
    const { own, other } = await readAtom(xml);
    expect(own.entries).toHaveLength(1);
    expect(own.entries[0]!.link).toBeUndefined();
    expect(other.items[0]!.link).toBeUndefined();
  });

  it('refuses a site URL that is not http(s)', () => {
    expect(() => site([sentDraft(1)], { siteUrl: 'javascript:alert(1)' })).toThrow(TypeError);
  });
});

describe('headlineOf', () => {
  it("takes the lead section's first included entry, else the first section with one", () => {
    const lead = sentDraft(1, {
      sections: [section('latest-news', [entry('n1', { title: 'News first' })]), section('lead', [entry('l0', { title: 'Dropped lead', included: false }), entry('l1', { title: 'The lead' })])],
    });
    expect(headlineOf(lead)).toBe('The lead');
    const noLead = sentDraft(2, { sections: [section('empty', []), section('latest-news', [entry('x', { title: 'Excluded', included: false }), entry('n1', { title: '  Top\nstory ' })])] });
    expect(headlineOf(noLead)).toBe('Top story');
    expect(headlineOf(sentDraft(3, { sections: [section('lead', [entry('x', { included: false })])] }))).toBe(NO_HEADLINE);
  });
});
