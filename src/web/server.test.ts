import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, sqliteStorage } from '../storage/index.js';
import { seedReviewFixture } from './fixtures/review-fixture.js';
import { ReviewError } from './errors.js';
import { createTestClient, type TestClient } from './fixtures/client.js';
import type { PageFetcher } from './page-info.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const draft = async (c: TestClient) => (await c.storage.drafts.load(12))!;
const order = async (c: TestClient, sectionId: string) =>
  (await draft(c)).sections.find((s) => s.id === sectionId)!.entries.map((e) => e.storyId);
const entry = async (c: TestClient, storyId: string) =>
  (await draft(c)).sections.flatMap((s) => s.entries.map((e) => ({ ...e, sectionId: s.id }))).find((e) => e.storyId === storyId)!;
const act = (c: TestClient, storyId: string, action: string, fields: Record<string, string> = {}) =>
  c.post(`/drafts/12/entries/${storyId}/${action}`, fields);

describe('review pages', () => {
  it('escapes hostile feed text and links only http(s) URLs', async () => {
    client = await createTestClient();
    for (const url of ['/drafts/12', '/feeds']) {
      const { body } = await client.get(url);
      expect(body).not.toContain('<script>window');
      expect(body).not.toMatch(/<img[^>]*onerror/i);
      expect(body).toContain('&lt;script&gt;window.__pwned = &quot;script&quot;&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = &#39;img&#39;&quot;&gt;');
    }
    const { body } = await client.get('/drafts/12');
    expect(body).toContain('Researchers hide &lt;img src=x onerror=alert(1)&gt;');
    // The blurb with a javascript: link is text; no href anywhere is anything but http(s), / or #.
    expect(body).toContain('see &lt;a href=&quot;javascript:alert(1)&quot;&gt;here&lt;/a&gt;');
    for (const [, href] of body.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|\/|#)/);
    // The fixture's javascript: story link is shown as plain text, not a link.
    expect(body).toMatch(/<span class="">Browser bug lets \[x\]\(javascript:alert\(1\)\)/);
  });

  it('lists drafts, redirects / to the latest, and 404s an unknown draft', async () => {
    client = await createTestClient();
    expect((await client.get('/')).headers.location).toBe('/drafts/12');
    expect((await client.get('/drafts')).body).toContain('<a href="/drafts/12">#12</a>');
    const missing = await client.get('/drafts/99');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('There is no draft #99.');
    expect((await client.get('/nowhere', { accept: 'application/json' })).json()).toEqual({ error: { code: 'not-found', message: 'Nothing at /nowhere.' } });
  });

  it('shows feed health with a sparkline per feed and the topic mix as SVG', async () => {
    client = await createTestClient();
    const feeds = (await client.get('/feeds')).body;
    expect(feeds).toContain('10 feeds, 2 need attention');
    expect(feeds.match(/<svg class="sparkline"/g)).toHaveLength(10);
    expect(feeds).toMatch(/<code>timeout<\/code> timed out after 20s/);
    const draft = (await client.get('/drafts/12')).body;
    expect(draft).toMatch(/<svg class="bars" role="img" aria-label="Included entries by topic"/);
  });
});

describe('review actions persist at once', () => {
  it('excludes and includes again', async () => {
    client = await createTestClient();
    expect((await act(client, '9', 'exclude')).statusCode).toBe(303);
    expect((await entry(client, '9')).included).toBe(false);
    await act(client, '9', 'include');
    expect((await entry(client, '9')).included).toBe(true);
  });

  it('moves up and down within a section, and to another section', async () => {
    client = await createTestClient();
    expect(await order(client, 'latest-news')).toEqual(['1', '9', '8', '6', '11', '10', '12', '7']);
    await act(client, '8', 'up');
    await act(client, '1', 'down');
    await act(client, '7', 'down'); // already last: nothing moves
    expect(await order(client, 'latest-news')).toEqual(['8', '1', '9', '6', '11', '10', '12', '7']);
    await act(client, '8', 'section', { section: 'wall-of-shame' });
    expect(await order(client, 'latest-news')).toEqual(['1', '9', '6', '11', '10', '12', '7']);
    expect(await order(client, 'wall-of-shame')).toEqual(['3', '2', '4', '5', '8']);
    expect((await act(client, '8', 'section', { section: 'nowhere' })).statusCode).toBe(400);
  });

  it('edits the title as one line of text and the blurb as a few lines', async () => {
    client = await createTestClient();
    await act(client, '1', 'title', { title: '  Northgate VPN\nbypass <b>exploited</b>  ' });
    expect((await entry(client, '1')).title).toBe('Northgate VPN bypass <b>exploited</b>');
    expect((await act(client, '1', 'title', { title: '   ' })).statusCode).toBe(400);
    await act(client, '9', 'blurb', { blurb: 'Patch your browsers.' });
    expect((await entry(client, '9')).blurb).toBe('Patch your browsers.');
    await act(client, '9', 'blurb', { blurb: ' Patch now.\r\n\r\n\r\nThe  fix\u0007 is out. \n' });
    expect((await entry(client, '9')).blurb).toBe('Patch now.\n\nThe fix is out.');
    await act(client, '9', 'blurb', { blurb: '' });
    expect((await entry(client, '9')).blurb).toBeNull();
    expect((await act(client, '9', 'blurb', { blurb: 'x'.repeat(1000) })).statusCode).toBe(303);
    const long = await act(client, '9', 'blurb', { blurb: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('The blurb is longer than 1000 characters.');
  });

  it('moves and retopics without teaching the classifier unless "Teach the classifier" is ticked', async () => {
    client = await createTestClient();
    await act(client, '9', 'topic', { topic: 'malware' });
    await act(client, '6', 'section', { section: 'press-releases' });
    expect((await entry(client, '9')).topic).toBe('malware');
    expect((await entry(client, '6')).sectionId).toBe('press-releases');
    expect(await client.storage.classification.corrections()).toEqual([]);
    expect((await client.storage.review.evidence(['6'])).get('6')).toMatchObject({ section: 'news' });
    const page = (await client.get('/drafts/12')).body;
    expect(page).toContain('<input type="checkbox" name="teach" value="on"> Teach the classifier</label>');
    expect(page).not.toMatch(/name="teach"[^>]*checked/);
  });

  it('stores a topic change and a news/press move as training corrections when the editor ticks "Teach the classifier"', async () => {
    client = await createTestClient();
    await act(client, '9', 'topic', { topic: 'malware', teach: 'on' });
    expect((await entry(client, '9')).topic).toBe('malware');
    expect((await act(client, '9', 'topic', { topic: 'not-a-topic', teach: 'on' })).statusCode).toBe(400);
    await act(client, '6', 'section', { section: 'press-releases', teach: 'on' });
    await act(client, '11', 'section', { section: 'wall-of-shame', teach: 'on' }); // news to news: no correction
    const corrections = await client.storage.classification.corrections();
    expect(corrections.map(({ field, value }) => ({ field, value }))).toEqual([
      { field: 'topic', value: 'malware' },
      { field: 'section', value: 'press-release' },
    ]);
    // Each correction relabelled its story's representative item (the labels the page shows as evidence).
    const evidence = await client.storage.review.evidence(['9', '6', '11']);
    expect(evidence.get('9')).toMatchObject({ topic: 'malware' });
    expect(evidence.get('6')).toMatchObject({ section: 'press-release' });
    expect(evidence.get('11')).toMatchObject({ section: 'news' });
    expect(await client.storage.classification.labels(corrections[0]!.itemId!)).toEqual(evidence.get('9'));
    expect(await client.storage.classification.labels(corrections[1]!.itemId!)).toEqual(evidence.get('6'));
  });

  it('adds a manual link with its title and source read from the page', async () => {
    const pages: string[] = [];
    const fetchPage: PageFetcher = async (url) => {
      pages.push(url);
      return { title: 'Hand-picked <story>', source: 'Example News', publishedAt: '2026-11-24T12:00:00.000Z' };
    };
    client = await createTestClient({ fetchPage });
    const added = await client.post('/drafts/12/entries', { url: 'https://news.example/story', section: 'press-releases', topic: 'industry' }, { accept: 'application/json' });
    expect(added.statusCode).toBe(200);
    const { storyId } = added.json<{ storyId: string }>();
    expect(storyId).toMatch(/^manual-[0-9a-f]{12}$/);
    expect(pages).toEqual(['https://news.example/story']);
    expect((await order(client, 'press-releases')).at(-1)).toBe(storyId);
    expect(await entry(client, storyId)).toMatchObject({ title: 'Hand-picked <story>', source: 'Example News', topic: 'industry', included: true, url: 'https://news.example/story' });
    expect((await client.post('/drafts/12/entries', { url: 'https://news.example/story', section: 'press-releases' })).statusCode).toBe(409);
    expect((await client.post('/drafts/12/entries', { url: 'javascript:alert(1)', section: 'press-releases' })).statusCode).toBe(400);
  });

  it('asks for a typed title when the page cannot be read, and takes one', async () => {
    const fetchPage: PageFetcher = async () => {
      throw new ReviewError('unreachable', 'Could not read the page (HTTP 404): type the title by hand.');
    };
    client = await createTestClient({ fetchPage });
    const refused = await client.post('/drafts/12/entries', { url: 'https://gone.example/a', section: 'latest-news' }, { accept: 'application/json' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toEqual({ error: { code: 'unreachable', message: 'Could not read the page (HTTP 404): type the title by hand.' } });
    const typed = await client.post('/drafts/12/entries', { url: 'https://www.gone.example/a', section: 'latest-news', title: 'Typed title' });
    expect(typed.statusCode).toBe(303);
    expect(await order(client, 'latest-news')).toHaveLength(9);
    expect((await draft(client)).sections[0]!.entries.at(-1)).toMatchObject({ title: 'Typed title', source: 'gone.example' });
  });

  it('exports the stored draft without its excluded entries', async () => {
    client = await createTestClient();
    await act(client, '9', 'exclude');
    await act(client, '1', 'title', { title: 'Edited title' });
    const md = await client.get('/drafts/12/export.md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.headers['content-disposition']).toBe('attachment; filename="secdigest-12-2026-11-25.md"');
    expect(md.body).toMatch(/^# The Breach Report — 2026-11-25\n/);
    expect(md.body).toContain('[Edited title]');
    expect(md.body).not.toContain('Browser bug lets');
    expect(md.body).not.toContain('EU agrees'); // excluded in the fixture
    const html = await client.get('/drafts/12/export.html');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('Edited title');
  });

  it('404s an unknown entry, draft or action', async () => {
    client = await createTestClient();
    for (const [action, fields] of [['exclude', {}], ['up', {}], ['title', { title: 'T' }], ['blurb', { blurb: 'B' }], ['topic', { topic: 'malware' }], ['section', { section: 'wall-of-shame' }]] as const) {
      expect((await act(client, 'nope', action, fields)).statusCode).toBe(404);
    }
    expect((await act(client, '1', 'explode')).statusCode).toBe(404);
    expect((await client.post('/drafts/99/entries/1/exclude')).statusCode).toBe(404);
    expect((await client.post('/drafts/99/entries', { url: 'https://news.example/x', title: 'X' })).statusCode).toBe(404);
  });

  it('refuses a manual link with a user name or password, even with a typed title, before fetching it', async () => {
    const pages: string[] = [];
    client = await createTestClient({ fetchPage: async (url) => (pages.push(url), { title: 'T', source: 'S', publishedAt: undefined }) });
    const before = await order(client, 'latest-news');
    for (const url of ['https://editor:s3cret@news.example/a', 'https://editor@news.example/b', 'https://:s3cret@news.example/c']) {
      const refused = await client.post('/drafts/12/entries', { url, section: 'latest-news', title: 'Typed title' }, { accept: 'application/json' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ error: { code: 'bad-request', message: 'The link must not contain a user name or password.' } });
    }
    expect(pages).toEqual([]);
    expect(await order(client, 'latest-news')).toEqual(before);
  });

  it('answers 503 "busy, try again" when another process keeps the database locked, and the edit lands on retry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-busy-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    const storage = sqliteStorage(db);
    await seedReviewFixture(storage);
    db.pragma('busy_timeout = 10');
    const errors: unknown[] = [];
    client = await createTestClient({ storage, onError: (error) => errors.push(error) });
    const other = openDatabase(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // a collect's write, say
      const busy = await act(client, '9', 'exclude');
      expect(busy.statusCode).toBe(503);
      expect(busy.body).toContain('The database is busy: another secdigest process is writing to it. Try again in a moment.');
      const json = await client.post('/drafts/12/entries/9/exclude', {}, { accept: 'application/json' });
      expect(json.json()).toEqual({ error: { code: 'unavailable', message: 'The database is busy: another secdigest process is writing to it. Try again in a moment.' } });
      other.exec('ROLLBACK');
      expect((await act(client, '9', 'exclude')).statusCode).toBe(303);
      expect((await storage.drafts.load(12))!.sections.flatMap((s) => s.entries).find((e) => e.storyId === '9')!.included).toBe(false);
      expect(errors).toEqual([]); // not a bug: nothing for the terminal
    } finally {
      other.close();
      await client.close();
      client = undefined;
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("adds a manual link to the draft's first section when none is chosen", async () => {
    client = await createTestClient();
    const first = (await draft(client)).sections[0]!.id;
    const added = await client.post('/drafts/12/entries', { url: 'https://news.example/first', title: 'First section', source: 'Example' }, { accept: 'application/json' });
    expect(added.statusCode).toBe(200);
    expect((await order(client, first)).at(-1)).toBe(added.json<{ storyId: string }>().storyId);
    expect((await client.post('/drafts/12/entries', { url: 'https://news.example/none', title: 'No section', section: '' })).statusCode).toBe(400);
  });
});
