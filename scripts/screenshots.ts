/**
 * Renders the review page's draft and feed-health pages from the fixture database to
 * docs/img/review-draft.png and docs/img/review-feeds.png (referenced by the README). Needs
 * Debian's chromium at /usr/bin/chromium. Run with `npm run screenshots`.
 */
import { fileURLToPath } from 'node:url';
import { openDatabase, sqliteStorage } from '../src/storage/index.js';
import { createPageFetcher, createReviewServer } from '../src/web/index.js';
import { FIXTURE_NOW, FIXTURE_RENDER_OPTIONS, seedReviewFixture } from '../src/web/fixtures/review-fixture.js';
import { chromiumMissing, launchChromium } from '../test/review-browser.js';

const missing = chromiumMissing();
if (missing) {
  console.error(`screenshots: ${missing}`);
  process.exit(2);
}

const out = (name: string) => fileURLToPath(new URL(`../docs/img/${name}`, import.meta.url));
const storage = sqliteStorage(openDatabase(':memory:'));
const { draftNumber } = await seedReviewFixture(storage);
const server = createReviewServer({ storage, now: () => FIXTURE_NOW, renderOptions: FIXTURE_RENDER_OPTIONS, fetchPage: createPageFetcher() });
const base = await server.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchChromium({ viewport: { width: 1360, height: 1000 } });
try {
  const page = await browser.context.newPage();
  await page.goto(`${base}/drafts/${draftNumber}`);
  await page.waitForSelector('html[data-ready="true"]');
  // Show a selection and one entry's evidence, as an editor mid-review would see them.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.locator('li.entry').first().locator('details.evidence summary').click();
  await page.screenshot({ path: out('review-draft.png'), fullPage: true });
  await page.goto(`${base}/feeds`);
  await page.screenshot({ path: out('review-feeds.png'), fullPage: true });
  console.log(`wrote ${out('review-draft.png')} and ${out('review-feeds.png')}`);
} finally {
  await browser.close();
  await server.close();
  await storage.close();
}
