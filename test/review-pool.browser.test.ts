/**
 * The review workbench's server-side features driven as an editor would in headless Chromium
 * (issue 19): finding a cut story by search and promoting it, undoing edits with the key and the
 * buttons, and a victim name edited on the page reaching the preview and the export. Its own
 * server and fixture draft; the steps build on each other.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDraft } from '../src/storage/index.js';
import { browserTestsSkipped } from './review-browser.js';
import { openReviewSession, type ReviewSession } from './review-session.js';

const missing = browserTestsSkipped();

describe.skipIf(missing !== undefined)('the week\'s pool, undo and entry details in Chromium (issue 19)', () => {
  let session: ReviewSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    session = await openReviewSession();
    ({ page, base } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const stored = () => loadDraft(session.db, 12)!;
  const section = (id: string) => stored().sections.find((s) => s.id === id)!.entries;
  const entry = (storyId: string) => stored().sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId)!;
  async function open(path = '/drafts/12') {
    await page.goto(`${base}${path}`);
    await page.waitForSelector('html[data-ready="true"]');
  }
  /** Polls until `check` holds: the database (an edit is posted in the background) or the page. */
  async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  const pageOrder = () => page.$$eval('#section-latest-news li.entry', (els) => els.map((el) => el.getAttribute('data-story')));

  it('finds a cut story through the draft page\'s search form and promotes it into Press Releases', async () => {
    await open();
    expect(section('press-releases').some((e) => e.title.startsWith('Helix Systems'))).toBe(false);
    // The draft page links to the pool and has a GET search form with a text input.
    expect(await page.locator('a[href="/drafts/12/pool"]').count()).toBe(1);
    await page.fill('form.pool-search input[name="q"]', 'Helix');
    await Promise.all([page.waitForURL(/\/drafts\/12\/pool\?q=Helix$/), page.click('form.pool-search button[type="submit"]')]);
    await page.waitForSelector('html[data-ready="true"]');
    const story = page.locator('li.pool-story', { hasText: 'Helix Systems' });
    expect(await story.count()).toBe(1);
    expect(await story.locator('.why').textContent()).toMatch(/^Why not: /);
    await story.locator('select[name="section"]').selectOption('press-releases');
    await story.locator('form.promote button[type="submit"]').click();
    await until(() => section('press-releases').some((e) => e.title.startsWith('Helix Systems')), 'the promoted story');
    const promoted = section('press-releases').find((e) => e.title.startsWith('Helix Systems'))!;
    expect(promoted.rankReasons.at(-1)).toBe('promoted by the editor');
    await open();
    expect(await page.locator('#section-press-releases li.entry', { hasText: 'Helix Systems' }).count()).toBe(1);
  });

  it('promotes the selected pool story with one key (p)', async () => {
    await open('/drafts/12/pool?q=Fresh+Fields');
    const story = page.locator('li.pool-story').first();
    const storyId = (await story.getAttribute('data-story'))!;
    await page.keyboard.press('j');
    expect(await page.getAttribute('li.pool-story.selected', 'data-story')).toBe(storyId);
    await page.keyboard.press('p');
    await until(() => stored().sections.some((s) => s.entries.some((e) => e.storyId === storyId)), 'the promoted story');
  });

  it('undoes an exclude, a move and a title edit (u, and the Undo button), and redoes one (Shift+U)', async () => {
    await open();
    const first = (await page.getAttribute('#section-latest-news li.entry', 'data-story'))!;
    const order = () => section('latest-news').map((e) => e.storyId);
    const before = order();
    const title = entry(first).title;

    await page.keyboard.press('j');
    expect(await page.getAttribute('li.entry.selected', 'data-story')).toBe(first);
    await page.keyboard.press('x');
    await until(() => !entry(first).included, 'the exclude');
    await page.keyboard.press('u');
    await until(() => entry(first).included, 'the exclude undone');
    // Stored first, then the page re-renders: the next key waits for the page.
    await page.waitForSelector(`li[data-story="${first}"][data-included="true"]`);

    await page.keyboard.press('Shift+J');
    await until(() => order()[1] === first, 'the move');
    await page.click('button[data-history="undo"]');
    await until(() => order().join() === before.join(), 'the move undone');
    await until(async () => (await pageOrder()).join() === before.join(), 'the page to show the move undone');
    await page.keyboard.press('e');
    const input = page.locator(`li[data-story="${first}"] input[name="title"]`);
    await input.fill('An edited title');
    await input.press('Enter');
    await until(() => entry(first).title === 'An edited title', 'the title edit');
    const shownTitle = () => page.textContent(`li[data-story="${first}"] .entry-title`);
    await until(async () => (await shownTitle()) === 'An edited title', 'the page to show the edited title');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.keyboard.press('u');
    await until(() => entry(first).title === title, 'the title edit undone');
    await page.keyboard.press('Shift+U');
    await until(() => entry(first).title === 'An edited title', 'the title edit redone');
    await until(async () => (await shownTitle()) === 'An edited title', 'the page to show the title again');
  });

  it('moves an entry to Press Releases without storing a training correction unless "Teach the classifier" is ticked', async () => {
    await open();
    const corrections = () => session.db.prepare('SELECT field, value FROM corrections ORDER BY id').all() as { field: string; value: string }[];
    expect(corrections()).toEqual([]);
    const moved = page.locator('#section-latest-news li.entry').last();
    const storyId = (await moved.getAttribute('data-story'))!;
    await moved.locator('details.edit > summary').click();
    await moved.locator('form.edit-section select[name="section"]').selectOption('press-releases');
    expect(await moved.locator('form.edit-section input[name="teach"]').isChecked()).toBe(false);
    await moved.locator('form.edit-section button').click();
    await page.waitForSelector(`#section-press-releases li[data-story="${storyId}"]`);
    expect(corrections()).toEqual([]);

    // Moved back with the box ticked: now the classifier is taught that it is news.
    const back = page.locator(`li[data-story="${storyId}"]`);
    await back.locator('details.edit > summary').click();
    await back.locator('form.edit-section select[name="section"]').selectOption('latest-news');
    await back.locator('form.edit-section input[name="teach"]').check();
    await back.locator('form.edit-section button').click();
    await page.waitForSelector(`#section-latest-news li[data-story="${storyId}"]`);
    await until(() => corrections().length === 1, 'the correction');
    expect(corrections()).toEqual([{ field: 'section', value: 'news' }]);
  });

  it('edits a Wall of Shame victim name, shown on the page, in the preview and in the export', async () => {
    await open();
    const wall = page.locator('#section-wall-of-shame li.entry').first();
    const storyId = (await wall.getAttribute('data-story'))!;
    await wall.locator('details.edit > summary').click();
    await wall.locator('input[name="victim"]').fill('Riverbend Regional Water Authority');
    await wall.getByRole('button', { name: 'Save victim' }).click();
    await until(() => entry(storyId).victims[0] === 'Riverbend Regional Water Authority', 'the victim');
    await page.waitForSelector(`li[data-story="${storyId}"] .victim strong:text("Riverbend Regional Water Authority")`);
    // The preview frame is re-rendered with the page after the edit.
    const preview = page.frameLocator('iframe[title="Preview of the issue as exported"]');
    await preview.locator('strong', { hasText: 'Riverbend Regional Water Authority' }).first().waitFor();
    const markdown = await (await page.request.get(`${base}/drafts/12/export.md`)).text();
    expect(markdown).toContain('- **Riverbend Regional Water Authority**: ');
  });
});
