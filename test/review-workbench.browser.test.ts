/**
 * The review page as a workbench (issue 19, points 4, 5 and 7's page part) in headless Chromium:
 * the keyboard help overlay and the switch for single-key shortcuts (WCAG 2.1.4), the layout at
 * phone widths, axe-core on every page, and the bugs the issue found (each test here failed
 * before its fix). Its own server and fixture draft; the steps build on each other.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDraft } from '../src/storage/index.js';
import { browserTestsSkipped, launchChromium } from './review-browser.js';
import { axeViolations, openReviewSession, waitInPage, type AxeViolation, type ReviewSession } from './review-session.js';

const missing = browserTestsSkipped();

/** Every key the draft page answers, as the help overlay must show it (a <kbd> each). */
const KEYS = ['j', 'k', 'Shift', 'J', 'K', 'x', 'e', 'o', 'u', 'U', '?', 'Esc'];

describe.skipIf(missing !== undefined)('review workbench in Chromium (issue 19)', () => {
  let session: ReviewSession;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];
  const failedResponses: string[] = [];

  beforeAll(async () => {
    session = await openReviewSession();
    ({ page, base } = session);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failedResponses.push(`${response.status()} ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const entry = (storyId: string) => loadDraft(session.db, 12)!.sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId);
  const selectedStory = () => page.getAttribute('li.entry.selected', 'data-story', { timeout: 1_000 }).catch(() => null);
  const saved = () => waitInPage(page, '#status', null, 'Saved');
  /** Whether the element is wholly inside the viewport (to the pixel), or where it is. */
  const inView = (selector: string) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      const view = globalThis as unknown as { innerHeight: number; innerWidth: number };
      const inside = r.top >= -1 && r.bottom <= view.innerHeight + 1 && r.left >= -1 && r.right <= view.innerWidth + 1;
      return inside || `top ${r.top}, bottom ${r.bottom} in a viewport of ${view.innerWidth}×${view.innerHeight}`;
    });
  const sidewaysScroll = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  async function open(path = '/drafts/12') {
    await page.goto(`${base}${path}`);
    await page.waitForSelector('html[data-ready="true"]');
  }

  it('serves a favicon: the pages load with no failed request and no console error', async () => {
    for (const path of ['/drafts/12', '/drafts', '/feeds']) await open(path);
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('/favicon.svg');
    const icon = await page.request.get(`${base}/favicon.svg`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    expect((await page.request.get(`${base}/favicon.ico`)).status()).toBe(200);
    // Chromium asks for /favicon.ico for a page without <link rel="icon"> (the preview frame's document).
    await page.goto(`${base}/drafts/12/preview`);
    await page.waitForLoadState('load');
    expect(failedResponses).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('has a skip link as the first tab stop, and names the move buttons', async () => {
    await open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('[document.activeElement.textContent, document.activeElement.getAttribute("href")]')).toEqual(['Skip to the draft', '#draft']);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The next stop is inside the draft: the first entry's title link.
    expect(await page.evaluate('document.activeElement.closest("#draft") !== null')).toBe(true);

    const entries = await page.locator('li.entry').count();
    await expect(page.getByRole('button', { name: 'Move up', exact: true }).count()).resolves.toBe(entries);
    await expect(page.getByRole('button', { name: 'Move down', exact: true }).count()).resolves.toBe(entries);
    expect(await page.textContent('li[data-story="1"] button[data-action="up"]')).toContain('↑');
  });

  it('opens the help overlay with ? and with its button, lists every key, and closes it with Esc', async () => {
    await open();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor({ state: 'visible' });
    const kbd = await dialog.locator('kbd').allTextContents();
    for (const key of KEYS) expect(kbd, key).toContain(key);
    // j does nothing behind the open overlay.
    await page.keyboard.press('j');
    expect(await selectedStory()).toBeNull();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('turns single-key shortcuts off (remembered), so j, x and ? do nothing', async () => {
    await open();
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const toggle = page.getByRole('checkbox', { name: 'Single-key shortcuts' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await page.keyboard.press('Escape');

    const posts: string[] = [];
    const onRequest = (request: Request) => request.method() === 'POST' && posts.push(request.url());
    page.on('request', onRequest);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.keyboard.press('j');
    expect(await selectedStory()).toBeNull();
    await page.click('li[data-story="1"] .meta');
    expect(await selectedStory()).toBe('1');
    await page.keyboard.press('x');
    await page.keyboard.press('?');
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getAttribute('li[data-story="1"]', 'data-included')).toBe('true');
    page.off('request', onRequest);

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).check();
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    expect(await selectedStory()).not.toBeNull();
  });

  it('x pressed twice quickly leaves the entry included', async () => {
    await open();
    // Slow saves, so the second press surely comes before the first save's answer.
    await page.route('**/drafts/12/entries/*/*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await route.continue();
    });
    const posts: string[] = [];
    let answered = 0;
    const onRequest = (request: Request) => request.method() === 'POST' && posts.push(new URL(request.url()).pathname);
    const onFinished = (request: Request) => request.method() === 'POST' && answered++;
    page.on('request', onRequest);
    page.on('requestfinished', onFinished);
    try {
      await page.keyboard.press('j');
      expect(await selectedStory()).toBe('1');
      await page.keyboard.press('x');
      await page.keyboard.press('x');
      await expect.poll(() => answered, { timeout: 5_000 }).toBe(2);
      await saved();
    } finally {
      page.off('request', onRequest);
      page.off('requestfinished', onFinished);
      await page.unroute('**/drafts/12/entries/*/*');
    }
    expect(posts).toEqual(['/drafts/12/entries/1/exclude', '/drafts/12/entries/1/include']);
    expect(entry('1')?.included).toBe(true);
    expect(await page.getAttribute('li[data-story="1"]', 'data-included')).toBe('true');
    expect(await selectedStory()).toBe('1');
  });

  it('scrolls a moved entry into view and keeps it selected', async () => {
    await page.setViewportSize({ width: 1280, height: 700 });
    try {
      await movesInView();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  async function movesInView() {
    await open();
    await page.keyboard.press('j');
    expect(await selectedStory()).toBe('1');
    // Into the Wall of Shame, far below: the server decides where it lands, the page scrolls there.
    const item = page.locator('li[data-story="1"]');
    await item.locator('details.edit summary').click();
    await item.locator('select[name="section"]').selectOption('wall-of-shame');
    await item.locator('form.edit-section button').click();
    await page.waitForSelector('#section-wall-of-shame li[data-story="1"]');
    await saved();
    expect(await selectedStory()).toBe('1');
    expect(await inView('li[data-story="1"]')).toBe(true);

    // Back up with Shift+K from the top of the page: the entry is followed again.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.keyboard.press('Shift+K');
    await saved();
    expect(await selectedStory()).toBe('1');
    expect(await inView('li[data-story="1"]')).toBe(true);
  }

  it('keeps the side panel (preview and topic mix) in view while the draft scrolls', async () => {
    await open();
    for (const y of [400, 1200, 100_000]) {
      await page.evaluate(`window.scrollTo(0, ${y})`);
      expect(await inView('aside.side'), `scrolled to ${y}`).toBe(true);
    }
  });

  it('never scrolls sideways at phone widths (320–390 px); titles keep the width', async () => {
    try {
      for (const width of [390, 360, 320]) {
        await page.setViewportSize({ width, height: 844 });
        for (const path of ['/drafts/12', '/drafts', '/feeds']) {
          await open(path);
          expect(await sidewaysScroll(), `${path} at ${width} px`).toBeLessThanOrEqual(0);
        }
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await open();
      expect(await page.$eval('li[data-story="9"] .entry-title', (el) => el.getBoundingClientRect().width)).toBeGreaterThan(220);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('has no axe-core violations on any page', async () => {
    const found: Record<string, AxeViolation[]> = {};
    const pages = ['/drafts/12', '/drafts', '/feeds', '/drafts/99'];
    const pool = await page.request.get(`${base}/drafts/12/pool`);
    if (pool.status() === 200) pages.push('/drafts/12/pool');
    else console.warn(`axe: /drafts/12/pool answers ${pool.status()}, not checked (the pool page is not there yet)`);
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      found[path] = await axeViolations(page);
    }
    // The preview frame's document, opened by itself (its frame is sandboxed without scripts, so
    // axe cannot run inside it): the e-mail export, without landmarks, so WCAG rules only.
    await page.goto(`${base}/drafts/12/preview`);
    found['/drafts/12/preview (WCAG rules)'] = await axeViolations(page, { only: 'wcag' });
    // The draft page with the help overlay open, and the narrow layout.
    await open();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'visible' });
    found['/drafts/12 with the help overlay'] = await axeViolations(page);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      found['/drafts/12 at 390 px'] = await axeViolations(page);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });

  it('without JavaScript, a failed save ends on an error page that links back to the draft', async () => {
    const noScript = await launchChromium({ javaScriptEnabled: false });
    try {
      const plain = await noScript.context.newPage();
      await plain.goto(`${base}/drafts/12`);
      const item = plain.locator('li[data-story="9"]');
      await item.locator('details.edit summary').click();
      // Blanks pass the browser's `required` but not the server's check.
      await item.locator('input[name="title"]').fill('   ');
      const [response] = await Promise.all([plain.waitForNavigation(), item.locator('form.edit-title button').click()]);
      expect(response?.status()).toBe(400);
      expect(await plain.textContent('.error-message')).toBe('The title cannot be empty.');
      expect(await plain.$$eval('main a', (links) => links.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
        ['Back to issue #12', '/drafts/12'],
        ['All drafts', '/drafts'],
      ]);
      await plain.click('text=Back to issue #12');
      expect(new URL(plain.url()).pathname).toBe('/drafts/12');
      expect(entry('9')?.title).not.toBe('');
    } finally {
      await noScript.close();
    }
  });
});
