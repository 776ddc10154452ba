import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEED_KINDS } from '../model/index.js';
import { DEFAULT_SETTINGS, loadConfig } from './index.js';

// The feeds.yaml shipped at the repository root (and in the npm package).
const SHIPPED = fileURLToPath(new URL('../../feeds.yaml', import.meta.url));

describe('the shipped feeds.yaml', () => {
  it('loads without problems', () => {
    expect(() => loadConfig(SHIPPED)).not.toThrow();
  });

  const config = loadConfig(SHIPPED);
  const enabled = config.feeds.filter((f) => f.enabled);

  it('loads with default settings and at least 40 enabled feeds', () => {
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
    expect(enabled.length).toBeGreaterThanOrEqual(40);
  });

  it('has enabled feeds of every kind', () => {
    for (const kind of FEED_KINDS) {
      expect(enabled.some((f) => f.kind === kind), kind).toBe(true);
    }
  });

  it('follows each press-release wire', () => {
    const wires = enabled.filter((f) => f.kind === 'press').map((f) => new URL(f.url).hostname);
    for (const host of ['prnewswire.com', 'globenewswire.com', 'businesswire.com']) {
      expect(wires.some((h) => h === host || h.endsWith(`.${host}`)), host).toBe(true);
    }
  });

  it('documents the real defaults in its settings comments', () => {
    // Every `key: number` line of the settings block, commented out or not, must show the default,
    // so the file cannot drift from config/defaults.ts.
    const text = readFileSync(SHIPPED, 'utf8');
    const block = text.slice(text.indexOf('\nsettings:'), text.indexOf('\nfeeds:'));
    const { fetch, collect, dedupe, classify, draft, health, retention } = DEFAULT_SETTINGS;
    const defaults: Record<string, unknown> = {
      ...fetch,
      ...collect,
      ...dedupe,
      relevanceThreshold: classify.relevanceThreshold,
      windowHours: draft.windowHours,
      halfLifeHours: draft.halfLifeHours,
      maxAlsoCoveredBy: draft.maxAlsoCoveredBy,
      ...health,
      ...retention,
    };
    const shown = [...block.matchAll(/^\s*#?\s*(\w+): (\d+(?:\.\d+)?)(?![\d.])/gm)].map((m) => [m[1], Number(m[2])]);
    expect(shown.length).toBeGreaterThanOrEqual(Object.keys(defaults).length - 1); // userAgent is text
    const schedule = [...block.matchAll(/^\s*# (timezone|collect|draft|prune): "?([^"#\n]*?)"?\s+#/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(schedule)).toEqual(DEFAULT_SETTINGS.schedule);
    for (const [key, value] of shown) {
      expect(value, String(key)).toBe(defaults[String(key)]);
    }
  });
});
