/**
 * The review page in a real headless Chromium (Debian's, driven by playwright-core): what only a
 * browser shows. One browser and one review server for the whole file; the steps build on each
 * other as an editor's session would. Skipped, with a message, where /usr/bin/chromium is missing
 * (failed instead under SECDIGEST_REQUIRE_SERVICES=1). The workbench of issue 19 (help overlay,
 * layout, accessibility, its bug fixes) is in review-workbench.browser.test.ts.
 *
 * After an intended change to the exported Markdown, regenerate the expected file with
 *   UPDATE_EXPECTED=1 npx vitest run test/review.browser.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDraft, openDatabase, sqliteStorage, type Db } from '../src/storage/index.js';
import { FIXTURE_NOW, FIXTURE_RENDER_OPTIONS, HOSTILE_FEED, seedReviewFixture } from '../src/web/fixtures/review-fixture.js';
import { createPageFetcher, createReviewServer } from '../src/web/index.js';
import { browserTestsSkipped, launchChromium, type Browser } from './review-browser.js';

const missing = browserTestsSkipped();
const EXPECTED = new URL('./review-fixtures/expected-export.md', import.meta.url);

describe.skipIf(missing !== undefined)('review page in Chromium', () => {
  let db: Db;
  let server: FastifyInstance;
  let other: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let otherBase: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const storage = sqliteStorage(db);
    await seedReviewFixture(storage);
    server = createReviewServer({ storage, now: () => FIXTURE_NOW, renderOptions: FIXTURE_RENDER_OPTIONS, fetchPage: createPageFetcher() });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    // Another origin on loopback: the page behind a manual link, and a page that attacks the review server.
    other = http.createServer((request, response) => {
      if (request.url === '/article') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<html><head><title>ignored</title><meta property="og:title" content="Hand-added: a story from elsewhere"><meta property="og:site_name" content="Elsewhere Weekly"></head><body>…</body></html>');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<html><body><form id="attack" method="post" action="${base}/drafts/12/entries/2/exclude"><input name="_csrf" value="guessed"><button>go</button></form></body></html>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    browser = await launchChromium();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => other?.close(resolve));
    db?.close();
  });

  const order = (sectionId: string) => page.$$eval(`#section-${sectionId} li.entry`, (els) => els.map((el) => el.getAttribute('data-story')));
  const stored = (sectionId: string) => loadDraft(db, 12)!.sections.find((s) => s.id === sectionId)!.entries;
  // Waits in the page for a condition. A function, not a string: Playwright compiles a string
  // predicate with `new Function` in the page, which the page's CSP (no 'unsafe-eval') refuses.
  // The project's TypeScript has no DOM library, hence the narrow structural type of `document`.
  const waitInPage = (selector: string, attribute: string | null, expected: string) =>
    page.waitForFunction(
      ({ selector, attribute, expected }) => {
        const el = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null } }).document.querySelector(selector);
        return (attribute === null ? el?.textContent : el?.getAttribute(attribute)) === expected;
      },
      { selector, attribute, expected },
    );
  const saved = () => waitInPage('#status', null, 'Saved');
  async function open() {
    await page.goto(`${base}/drafts/12`);
    await page.waitForSelector('html[data-ready="true"]');
  }

  it('loads the draft built from the fixtures, hostile text shown as text and nothing run', async () => {
    await open();
    expect(await page.$$eval('section.section h2', (els) => els.map((el) => el.firstChild?.textContent?.trim()))).toEqual(['New from our favorite blogs and journalists', 'Cybersecurity Industry Press Releases', "Today's Cyber Wall of Shame"]);
    expect(await order('latest-news')).toEqual(['1', '9', '8', '6', '11', '10', '12', '7']);
    await expect(page.getByText(HOSTILE_FEED.name, { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('Researchers hide <img src=x onerror=alert(1)>', { exact: false }).count()).resolves.toBe(1);
    await page.goto(`${base}/feeds`);
    await expect(page.getByText(HOSTILE_FEED.name, { exact: true }).count()).resolves.toBe(1);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.$$eval('img', (els) => els.length)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('excludes an entry with x and moves one with Shift+K', async () => {
    await open();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await saved();
    expect(await page.getAttribute('li[data-story="1"]', 'data-included')).toBe('false');
    expect(stored('latest-news')[0]).toMatchObject({ storyId: '1', included: false });

    await page.keyboard.press('j');
    expect(await page.getAttribute('li.entry.selected', 'data-story')).toBe('9');
    await page.keyboard.press('Shift+K');
    await waitInPage('#section-latest-news li.entry', 'data-story', '9');
    expect(await order('latest-news')).toEqual(['9', '1', '8', '6', '11', '10', '12', '7']);
    expect(stored('latest-news').map((e) => e.storyId)).toEqual(['9', '1', '8', '6', '11', '10', '12', '7']);
    // The selection follows the entry it moved.
    expect(await page.getAttribute('li.entry.selected', 'data-story')).toBe('9');
  });

  it('edits a title with e, Enter saves', async () => {
    await page.keyboard.press('e');
    const input = page.locator('li[data-story="9"] input[name="title"]');
    expect(await page.evaluate(`document.activeElement?.name`)).toBe('title');
    await input.fill('Browser bug lets web pages run code (edited)');
    await input.press('Enter');
    await saved();
    expect(await page.textContent('li[data-story="9"] .entry-title')).toBe('Browser bug lets web pages run code (edited)');
    expect(stored('latest-news')[0]!.title).toBe('Browser bug lets web pages run code (edited)');
  });

  it('moves an entry to another section', async () => {
    const entry = page.locator('li[data-story="8"]');
    await entry.locator('details.edit summary').click();
    await entry.locator('select[name="section"]').selectOption('wall-of-shame');
    await entry.locator('form.edit-section button').click();
    await page.waitForSelector('#section-wall-of-shame li[data-story="8"]');
    expect(await order('wall-of-shame')).toEqual(['3', '2', '4', '5', '8']);
    expect(stored('wall-of-shame').map((e) => e.storyId)).toEqual(['3', '2', '4', '5', '8']);
  });

  it('adds a manual link, reading its title and source from the page', async () => {
    await page.fill('form.add input[name="url"]', `${otherBase}/article`);
    await page.selectOption('form.add select[name="section"]', 'press-releases');
    await page.click('form.add button');
    await page.waitForSelector('#section-press-releases li.entry:nth-child(3)');
    expect(await page.textContent('#section-press-releases li.entry:nth-child(3) .entry-title')).toBe('Hand-added: a story from elsewhere');
    expect(await page.textContent('#section-press-releases li.entry:nth-child(3) .source')).toBe('Elsewhere Weekly');
  });

  it('shows the same state after a reload', async () => {
    const before = await page.$$eval('li.entry', (els) => els.map((el) => [el.closest('section')?.id, el.getAttribute('data-story'), el.getAttribute('data-included'), el.querySelector('.entry-title')?.textContent]));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const after = await page.$$eval('li.entry', (els) => els.map((el) => [el.closest('section')?.id, el.getAttribute('data-story'), el.getAttribute('data-included'), el.querySelector('.entry-title')?.textContent]));
    expect(after).toEqual(before);
    expect(after).toHaveLength(15);
  });

  it('exports Markdown as the expected file, and copies the same text', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export Markdown')]);
    expect(download.suggestedFilename()).toBe('secdigest-12-2026-11-25.md');
    const markdown = readFileSync((await download.path())!, 'utf8').replaceAll(otherBase, 'http://127.0.0.1:PORT');
    if (process.env.UPDATE_EXPECTED === '1') writeFileSync(EXPECTED, markdown);
    expect(markdown).toBe(readFileSync(EXPECTED, 'utf8'));

    await page.click('#copy-markdown');
    await waitInPage('#status', null, 'Markdown copied');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied.replaceAll(otherBase, 'http://127.0.0.1:PORT')).toBe(markdown);
  });

  it('refuses a cross-origin form post, even with the session cookie sent along', async () => {
    await page.goto(`${otherBase}/attack`);
    const [response] = await Promise.all([page.waitForResponse(`${base}/drafts/12/entries/2/exclude`), page.click('#attack button')]);
    expect(response.status()).toBe(403);
    expect(await page.textContent('.error-message')).toBe('Cross-origin request refused.');
    expect(stored('wall-of-shame').find((e) => e.storyId === '2')).toMatchObject({ included: true });
  });
});
