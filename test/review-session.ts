/**
 * A review server over the fixture draft (#12) and one Chromium page on it, for the browser tests
 * that need their own state (review-workbench.browser.test.ts), plus axe-core to run in the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { Frame, Page } from 'playwright-core';
import { openDatabase, sqliteStorage, type Db } from '../src/storage/index.js';
import { FIXTURE_NOW, FIXTURE_RENDER_OPTIONS, seedReviewFixture } from '../src/web/fixtures/review-fixture.js';
import { createPageFetcher, createReviewServer } from '../src/web/index.js';
import { launchChromium, type Browser } from './review-browser.js';

export interface ReviewSession {
  db: Db;
  server: FastifyInstance;
  /** http://127.0.0.1:PORT */
  base: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openReviewSession(): Promise<ReviewSession> {
  const db = openDatabase(':memory:');
  const storage = sqliteStorage(db);
  await seedReviewFixture(storage);
  const server = createReviewServer({ storage, now: () => FIXTURE_NOW, renderOptions: FIXTURE_RENDER_OPTIONS, fetchPage: createPageFetcher() });
  const base = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  return {
    db,
    server,
    base,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
      db.close();
    },
  };
}

/**
 * Waits in the page for an element's text (attribute null) or attribute to equal `expected`. A
 * function, not a string: Playwright compiles a string predicate with `new Function` in the page,
 * which the page's CSP (no 'unsafe-eval') refuses. The project's TypeScript has no DOM library,
 * hence the narrow structural type of `document`.
 */
export function waitInPage(page: Page, selector: string, attribute: string | null, expected: string): Promise<unknown> {
  return page.waitForFunction(
    ({ selector, attribute, expected }) => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null } }).document.querySelector(selector);
      return (attribute === null ? el?.textContent : el?.getAttribute(attribute)) === expected;
    },
    { selector, attribute, expected },
  );
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation, short enough to read in a failed expectation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core's tags for the WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe-core (every rule it runs by default: WCAG A and AA, and its best practices; with
 * `only: 'wcag'`, the WCAG A and AA rules alone) in a page or frame. The
 * source is evaluated through the DevTools protocol, which the page's CSP does not govern: the
 * page itself still runs no inline script. Frames are checked one by one (`iframes: false`),
 * since axe reaches into a frame only through a copy of itself in it.
 */
export async function axeViolations(target: Page | Frame, options: { only?: 'wcag' } = {}): Promise<AxeViolation[]> {
  await target.evaluate(AXE_SOURCE);
  const runOnly = options.only === 'wcag' ? `runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} }, ` : '';
  return target.evaluate<AxeViolation[]>(`axe.run(document, { ${runOnly}iframes: false, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
  })))`);
}
