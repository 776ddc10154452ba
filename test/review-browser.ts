/**
 * Headless Chromium for the review page's browser tests and screenshots: Debian's package
 * (/usr/bin/chromium, installed by .ci/run) driven by playwright-core, never a downloaded browser.
 * The flags keep it off the network (this machine's network is closed: without them Chromium
 * tries Google's hosts at every start) and out of any existing profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SECDIGEST_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium) to run the review browser tests`;
}

/**
 * Why the browser tests skip (printed), or undefined when they run. Under
 * SECDIGEST_REQUIRE_SERVICES=1 (set by .ci/run, which installs Chromium) a missing Chromium
 * fails them instead, as a missing PostgreSQL or Redis does (test/support/services.ts).
 */
export function browserTestsSkipped(): string | undefined {
  const missing = chromiumMissing();
  if (!missing) return undefined;
  if (process.env.SECDIGEST_REQUIRE_SERVICES === '1') throw new Error(`${missing}, and SECDIGEST_REQUIRE_SERVICES=1 requires it`);
  console.warn(`review browser tests skipped: ${missing}`);
  return missing;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One persistent context in a new empty profile directory, removed on close. */
export async function launchChromium(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'secdigest-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
