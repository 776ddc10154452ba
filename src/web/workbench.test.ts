import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Classification, Item } from '../model/index.js';
import { DEFAULT_SECTIONS } from '../newsletter/sections.js';
import { createTestClient, type TestClient } from './fixtures/client.js';
import { HOSTILE_FEED } from './fixtures/review-fixture.js';

/** The review workbench's routes (issue 19): the week's pool, undo / redo / revert, entry details. */

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

// The fixture's draft was built with these limits: the pool's rebuild must use them too.
const limits = (JSON.parse(readFileSync(new URL('../newsletter/fixtures/options.json', import.meta.url), 'utf8')) as { draft: { limits: Record<string, number> } }).draft.limits;
const SECTIONS = DEFAULT_SECTIONS.map((s) => ({ ...s, limit: limits[s.id] ?? s.limit }));
const open = () => createTestClient({ sections: SECTIONS });

const draft = async (c: TestClient) => (await c.storage.drafts.load(12))!;
const order = async (c: TestClient, sectionId: string) => (await draft(c)).sections.find((s) => s.id === sectionId)!.entries.map((e) => e.storyId);
const entry = async (c: TestClient, storyId: string) => (await draft(c)).sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId);
const act = (c: TestClient, storyId: string, action: string, fields: Record<string, string> = {}) => c.post(`/drafts/12/entries/${storyId}/${action}`, fields);
const json = { accept: 'application/json' };

/** The pool's stories as [story id, reason], read from the page. */
async function poolIds(c: TestClient, query = ''): Promise<string[][]> {
  const { body } = await c.get(`/drafts/12/pool${query}`);
  return [...body.matchAll(/<li class="pool-story" id="pool-([^"]+)" data-story="[^"]+" data-reason="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]);
}

/** The pool story titled so: its id. */
async function storyTitled(c: TestClient, title: string): Promise<string> {
  const basis = await c.storage.review.windowCandidates((await draft(c)).window);
  return basis.candidates.find((s) => s.title.startsWith(title))!.storyId;
}

/** A story of the draft's window, from the hostile feed, with hostile text everywhere and no usable link. */
async function seedHostileStory(c: TestClient): Promise<void> {
  const at = '2026-11-24T12:00:00.000Z';
  const item: Item = {
    id: 'hostile-item', feedId: HOSTILE_FEED.id, guid: 'hostile', url: 'javascript:alert(1)', canonicalUrl: null, urlHash: null,
    title: 'Pool <script>window.__pwned = 1</script> story', summary: 'Summary <img src=x onerror=alert(1)>', author: null, categories: [],
    publishedAt: at, fetchedAt: at, contentHash: 'hostile',
  };
  const writer = c.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
  await writer.record({ feedId: HOSTILE_FEED.id, startedAt: at, outcome: 'ok', httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items: [item] });
  await writer.flush();
  const labels: Classification = {
    topic: 'ransomware', topics: [{ id: 'ransomware', score: 0.9 }], relevant: true, relevanceScore: 0.9, section: 'news',
    cves: ['CVE-2026-0001"><script>'], victims: ['<img src=x onerror=alert(2)>'], evidence: { topic: [], relevance: [], section: [] },
  };
  const pending = (await c.storage.analysis.pending(100)).filter((p) => p.item.id === item.id);
  await c.storage.analysis.writeBatch({ items: pending, labels: new Map([[item.id, labels]]), modelId: null, filings: [{ itemId: item.id, storyId: -1, threadId: -1, copyKey: null, evidence: null }] });
}

describe('the week\'s pool', () => {
  it('lists every window story the draft does not hold with why not, and is reachable from the draft page by a link and a GET search form', async () => {
    client = await open();
    expect(await poolIds(client)).toEqual([
      [await storyTitled(client, 'Helix Systems'), 'overflow'],
      [await storyTitled(client, 'Patch Tuesday'), 'not-drafted'],
      [await storyTitled(client, 'Fresh Fields'), 'irrelevant'],
    ]);
    const { body } = await client.get('/drafts/12/pool');
    expect(body).toContain('Why not: </strong>Cut by the limit of &quot;Cybersecurity Industry Press Releases&quot; (2 entries): ranked 3 there.');
    expect(body).toContain('Judged not about security by the classifier.');

    const page = (await client.get('/drafts/12')).body;
    expect(page).toContain('<a href="/drafts/12/pool">The week\'s pool (3 stories not in this issue)</a>');
    expect(page).toMatch(/<form method="get" action="\/drafts\/12\/pool"[^>]*>.*<input type="search" name="q"/);
    // The search the draft page's form sends finds the cut story.
    expect(await poolIds(client, '?q=helix')).toEqual([[await storyTitled(client, 'Helix Systems'), 'overflow']]);
  });

  it('filters by text, topic, section, source, CVE, victim and reason, every one given', async () => {
    client = await open();
    await seedHostileStory(client);
    const helix = await storyTitled(client, 'Helix Systems');
    const hostile = await storyTitled(client, 'Pool <script>');
    expect(await poolIds(client, '?q=ORGANIC+JUICE')).toEqual([[await storyTitled(client, 'Fresh Fields'), 'irrelevant']]);
    expect(await poolIds(client, '?section=press-releases&reason=overflow')).toEqual([[helix, 'overflow']]);
    expect(await poolIds(client, '?topic=ransomware')).toEqual([[hostile, 'no-link']]);
    expect(await poolIds(client, '?cve=cve-2026-0001')).toEqual([[hostile, 'no-link']]);
    expect(await poolIds(client, '?victim=onerror')).toEqual([[hostile, 'no-link']]);
    expect(await poolIds(client, `?source=${HOSTILE_FEED.id}`)).toEqual([[hostile, 'no-link']]);
    expect(await poolIds(client, '?q=helix&topic=ransomware')).toEqual([]);
    expect((await client.get('/drafts/12/pool?q=nothing-like-this')).body).toContain('No story of the pool matches.');
    expect((await client.get('/drafts/99/pool')).statusCode).toBe(404);
  });

  it('keeps hostile feed text inert: titles, sources, summaries, victims, CVEs and the search echo', async () => {
    client = await open();
    await seedHostileStory(client);
    const { body } = await client.get('/drafts/12/pool?q=%3Cscript%3Ealert(1)%3C/script%3E&victim=%22%3E%3Cimg');
    expect(body).not.toMatch(/<script>window|<script>alert|<img[^>]*onerror/i);
    const all = (await client.get('/drafts/12/pool')).body;
    expect(all).toContain('Pool &lt;script&gt;window.__pwned = 1&lt;/script&gt; story');
    expect(all).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(all).toContain('CVE-2026-0001&quot;&gt;&lt;script&gt;');
    expect(all).not.toMatch(/<script>window|<img[^>]*onerror/i);
    for (const [, href] of all.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|\/|#)/);
  });
});

describe('promote', () => {
  it('adds a pool story to the chosen section as an entry shaped as the builder\'s, recorded in the history', async () => {
    client = await open();
    const helix = await storyTitled(client, 'Helix Systems');
    const promoted = await client.post(`/drafts/12/pool/${helix}/promote`, { section: 'press-releases' });
    expect(promoted.statusCode).toBe(303);
    expect(promoted.headers.location).toBe(`/drafts/12#entry-${helix}`);
    expect((await order(client, 'press-releases')).at(-1)).toBe(helix);
    const added = (await entry(client, helix))!;
    expect(added).toMatchObject({ title: expect.stringMatching(/^Helix Systems/), source: 'NetPress Wire', included: true, url: expect.stringMatching(/^https:\/\//) });
    expect(added.rankReasons.at(-1)).toBe('promoted by the editor');
    expect(added.score).toBeGreaterThan(0);
    expect(await poolIds(client)).not.toContainEqual([helix, 'overflow']);
    expect((await client.storage.review.history((await draft(client)).id, 5)).events[0]).toMatchObject({ action: 'promote', storyId: helix });
    expect((await client.get('/drafts/12')).body).toContain('Promoted &quot;Helix Systems');
    // Twice: already in the draft.
    expect((await client.post(`/drafts/12/pool/${helix}/promote`, { section: 'press-releases' })).statusCode).toBe(409);
  });

  it('asks a link-less story for a typed link, refusing anything but http(s)', async () => {
    client = await open();
    await seedHostileStory(client);
    const hostile = await storyTitled(client, 'Pool <script>');
    const refused = await client.post(`/drafts/12/pool/${hostile}/promote`, { section: 'latest-news' }, json);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ error: { code: 'bad-request', message: 'No outlet gave this story a link: type one (https://…) to promote it.' } });
    expect((await client.post(`/drafts/12/pool/${hostile}/promote`, { section: 'latest-news', url: 'javascript:alert(1)' })).statusCode).toBe(400);
    const ok = await client.post(`/drafts/12/pool/${hostile}/promote`, { section: 'latest-news', url: 'https://found.example/story' }, json);
    expect(ok.json()).toEqual({ ok: true, storyId: hostile });
    expect(await entry(client, hostile)).toMatchObject({ url: 'https://found.example/story', victims: ['<img src=x onerror=alert(2)>'] });
  });

  it('refuses a bad section (400), an unknown story or draft (404), a cross-origin post and one without the form token (403)', async () => {
    client = await open();
    const helix = await storyTitled(client, 'Helix Systems');
    const path = `/drafts/12/pool/${helix}/promote`;
    const noSection = await client.post(path, {}, json);
    expect(noSection.statusCode).toBe(400);
    expect(noSection.json().error.message).toBe('Choose the section to promote the story into.');
    expect((await client.post(path, { section: 'nowhere' })).statusCode).toBe(400);
    expect((await client.post('/drafts/12/pool/999999/promote', { section: 'latest-news' })).statusCode).toBe(404);
    expect((await client.post(`/drafts/99/pool/${helix}/promote`, { section: 'latest-news' })).statusCode).toBe(404);
    expect((await client.post('/drafts/12/pool/1/promote', { section: 'latest-news' })).statusCode).toBe(409); // in the draft already
    expect((await client.post(path, { section: 'latest-news' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await client.post(path, { section: 'latest-news', _csrf: '' })).statusCode).toBe(403);
    expect(await entry(client, helix)).toBeUndefined();
  });
});

describe('undo, redo and revert', () => {
  it('undoes an exclude, a move and a title edit in turn, and redoes them; the page shows the buttons and the history', async () => {
    client = await open();
    let page = (await client.get('/drafts/12')).body;
    expect(page).toMatch(/<button type="submit" data-history="undo" disabled>Undo<\/button>/);
    await act(client, '9', 'exclude');
    await act(client, '8', 'section', { section: 'wall-of-shame' });
    await act(client, '1', 'title', { title: 'Edited title' });
    page = (await client.get('/drafts/12')).body;
    expect(page).toMatch(/<button type="submit" data-history="undo">Undo<\/button>/);
    expect(page).toMatch(/<button type="submit" data-history="redo" disabled>Redo<\/button>/);
    expect(page).toContain('Retitled &quot;Northgate');
    expect(page).toContain('Excluded &quot;');

    const undone = await client.post('/drafts/12/undo', {}, json);
    expect(undone.json()).toEqual({ ok: true, storyId: '1', action: 'title', undone: true });
    expect((await entry(client, '1'))!.title).not.toBe('Edited title');
    expect((await client.post('/drafts/12/undo')).headers.location).toBe('/drafts/12#entry-8');
    expect(await order(client, 'latest-news')).toEqual(['1', '9', '8', '6', '11', '10', '12', '7']);
    await client.post('/drafts/12/undo');
    expect((await entry(client, '9'))!.included).toBe(true);
    const nothing = await client.post('/drafts/12/undo', {}, json);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.message).toBe('Nothing to undo.');

    expect((await client.post('/drafts/12/redo', {}, json)).json()).toEqual({ ok: true, storyId: '9', action: 'exclude', undone: false });
    expect((await entry(client, '9'))!.included).toBe(false);
    await act(client, '6', 'exclude'); // a new edit: nothing left to redo
    expect((await client.post('/drafts/12/redo', {}, json)).statusCode).toBe(409);
  });

  it('puts an entry moved to another section and back at its old place', async () => {
    client = await open();
    await act(client, '6', 'section', { section: 'press-releases' });
    await act(client, '6', 'section', { section: 'latest-news' });
    expect(await order(client, 'latest-news')).toEqual(['1', '9', '8', '6', '11', '10', '12', '7']);
  });

  it('reverts an entry to its original title, blurb, topic, section and place', async () => {
    client = await open();
    const before = (await entry(client, '8'))!;
    await act(client, '8', 'title', { title: 'Changed' });
    await act(client, '8', 'blurb', { blurb: 'Changed blurb.' });
    await act(client, '8', 'topic', { topic: 'malware' });
    await act(client, '8', 'section', { section: 'press-releases' });
    expect((await act(client, '8', 'revert')).statusCode).toBe(303);
    expect(await entry(client, '8')).toMatchObject({ title: before.title, blurb: before.blurb, topic: before.topic });
    expect(await order(client, 'latest-news')).toEqual(['1', '9', '8', '6', '11', '10', '12', '7']);
    expect((await client.get('/drafts/12')).body).toContain('Reverted &quot;');
    expect((await act(client, 'nope', 'revert')).statusCode).toBe(404);
  });

  it('refuses undo and redo across origins or without the form token (403), and for an unknown draft (404)', async () => {
    client = await open();
    await act(client, '9', 'exclude');
    for (const step of ['undo', 'redo']) {
      expect((await client.post(`/drafts/12/${step}`, {}, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await client.post(`/drafts/12/${step}`, { _csrf: '' })).statusCode).toBe(403);
      expect((await client.post(`/drafts/99/${step}`)).statusCode).toBe(404);
    }
    expect((await act(client, '9', 'revert', { _csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await entry(client, '9'))!.included).toBe(false);
  });
});

describe('entry details', () => {
  it('edits the victim the Wall of Shame names, shown on the page and in the exports', async () => {
    client = await open();
    await act(client, '4', 'victim', { victim: '  Quarry <Bank>  ' });
    expect((await entry(client, '4'))!.victims).toEqual(['Quarry <Bank>']);
    await act(client, '5', 'victim', { victim: 'Kestrel Group' });
    expect((await entry(client, '5'))!.victims).toEqual(['Kestrel Group', 'Marlow Freight']);
    const page = (await client.get('/drafts/12')).body;
    expect(page).toContain('Victim: <strong>Quarry &lt;Bank&gt;</strong>');
    expect(page).toContain('name="victim" value="Quarry &lt;Bank&gt;"');
    expect((await client.get('/drafts/12/export.md')).body).toContain('**Quarry \\<Bank\\>**:');
    expect((await client.get('/drafts/12/export.html')).body).toContain('<strong>Quarry &lt;Bank&gt;</strong>:');
    await act(client, '4', 'victim', { victim: '' });
    expect((await entry(client, '4'))!.victims).toEqual([]);
    expect((await act(client, '4', 'victim', { victim: 'x'.repeat(201) })).statusCode).toBe(400);
  });

  it('makes another outlet the main link, the old one joining the outlets', async () => {
    client = await open();
    const before = (await entry(client, '1'))!;
    const other = before.alsoCoveredBy.find((l) => l.url?.startsWith('https://'))!;
    expect((await act(client, '1', 'main-link', { link: other.url! })).statusCode).toBe(303);
    const after = (await entry(client, '1'))!;
    expect(after).toMatchObject({ url: other.url, source: other.source, sourceId: other.sourceId, title: before.title });
    expect(after.alsoCoveredBy).toContainEqual({ source: before.source, sourceId: before.sourceId, title: before.title, url: before.url });
    expect(after.alsoCoveredBy).toHaveLength(before.alsoCoveredBy.length);
    const refused = await act(client, '1', 'main-link', { link: 'https://elsewhere.example/' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('That link is not one of this story&#39;s outlets.');
    expect((await act(client, '1', 'main-link', {})).statusCode).toBe(400);
    expect((await act(client, 'nope', 'main-link', { link: other.url! })).statusCode).toBe(404);
  });

  it('gives a link-less entry a typed http(s) link, by the rules of "Add a link"', async () => {
    client = await open();
    expect((await entry(client, '9'))!.url).toMatch(/^javascript:/i);
    expect((await act(client, '9', 'link', { url: 'javascript:alert(1)' })).statusCode).toBe(400);
    const credentials = await act(client, '9', 'link', { url: 'https://user:pw@news.example/a' }, );
    expect(credentials.statusCode).toBe(400);
    expect(credentials.body).toContain('The link must not contain a user name or password.');
    expect((await act(client, '9', 'link', { url: 'https://news.example/browser-bug' })).statusCode).toBe(303);
    expect((await entry(client, '9'))!.url).toBe('https://news.example/browser-bug');
    const again = await act(client, '9', 'link', { url: 'https://news.example/other' });
    expect(again.statusCode).toBe(409);
    expect((await act(client, 'nope', 'link', { url: 'https://news.example/x' })).statusCode).toBe(404);
  });

  it('refuses each entry detail across origins or without the form token (403)', async () => {
    client = await open();
    for (const [action, fields] of [['victim', { victim: 'X' }], ['main-link', { link: 'https://x.example/' }], ['link', { url: 'https://x.example/' }], ['revert', {}]] as const) {
      expect((await client.post(`/drafts/12/entries/4/${action}`, fields, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await client.post(`/drafts/12/entries/4/${action}`, { ...fields, _csrf: '' })).statusCode).toBe(403);
      expect((await client.post(`/drafts/99/entries/4/${action}`, fields)).statusCode).toBe(404);
    }
    expect((await entry(client, '4'))!.victims).toEqual([]);
  });

  it('keeps a multi-line blurb\'s breaks on the page and prints it inert in the exports', async () => {
    client = await open();
    await act(client, '1', 'blurb', { blurb: 'First line.\n# Not a heading <script>alert(1)</script>\n- [x](javascript:alert(1))' });
    const page = (await client.get('/drafts/12')).body;
    expect(page).toContain('<p class="blurb">First line.<br># Not a heading &lt;script&gt;alert(1)&lt;/script&gt;<br>- [x](javascript:alert(1))</p>');
    const md = (await client.get('/drafts/12/export.md')).body;
    expect(md).not.toMatch(/^# Not a heading/m);
    expect(md).toContain('\\# Not a heading \\<script\\>alert\\(1\\)\\</script\\>');
    expect(md).not.toContain('](javascript');
    const html = (await client.get('/drafts/12/export.html')).body;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });
});
