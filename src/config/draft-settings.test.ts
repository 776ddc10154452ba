import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../newsletter/sections.js';
import { DEFAULT_SETTINGS } from './defaults.js';
import { parseConfig } from './load.js';

const FEED = 'feeds:\n  - id: a\n    name: A\n    url: https://a.example/feed\n    kind: news\n';

describe('settings.draft', () => {
  it('defaults to the builder\'s sections, the Wall of Shame naming victims', () => {
    const { draft } = parseConfig(FEED, 'feeds.yaml').settings;
    expect(draft).toEqual(DEFAULT_SETTINGS.draft);
    expect(draft.sections.map((s) => [s.id, s.limit, s.showVictims])).toEqual(DEFAULT_SECTIONS.map((s) => [s.id, s.limit, s.id === 'wall-of-shame']));
  });

  it('merges a listed default section key by key; the list sets which sections exist and their order', () => {
    const yaml = `settings:\n  draft:\n    windowHours: 48\n    weights: { recency: 2 }\n    sections:\n      - id: wall-of-shame\n        limit: 3\n        topics:\n      - id: latest-news\n        subtitle:\n${FEED}`;
    const { draft } = parseConfig(yaml, 'feeds.yaml').settings;
    expect(draft.windowHours).toBe(48);
    expect(draft.weights).toEqual({ ...DEFAULT_SETTINGS.draft.weights, recency: 2 });
    expect(draft.sections).toEqual([
      { id: 'wall-of-shame', title: 'Wall of Shame', subtitle: null, limit: 3, match: { section: 'news', victimsOnly: true }, order: 'score', showVictims: true },
      { id: 'latest-news', title: 'Latest News', subtitle: null, limit: 25, match: { section: 'news' }, order: 'score', showVictims: false },
    ]);
  });

  it('lets an editor turn the Wall of Shame victim filter off, or on for another section', () => {
    const yaml = `settings:\n  draft:\n    sections:\n      - id: wall-of-shame\n        victimsOnly: false\n      - id: incidents\n        title: Incidents\n        section: news\n        topics: [incident]\n        victimsOnly: true\n${FEED}`;
    const [shame, incidents] = parseConfig(yaml, 'feeds.yaml').settings.draft.sections;
    expect(shame!.match).toEqual({ section: 'news', topics: ['data-breach', 'ransomware'] });
    expect(incidents!.match).toEqual({ section: 'news', topics: ['incident'], victimsOnly: true });
  });

  it('reports every problem with its location', () => {
    const yaml = `settings:\n  draft:\n    halfLifeHours: 0\n    sections:\n      - id: latest-news\n        limt: 3\n      - id: latest-news\n${FEED}`;
    expect(() => parseConfig(yaml, 'feeds.yaml')).toThrow(/halfLifeHours must be a number from 1 to 8760[^]*unknown key "limt" \(did you mean "limit"\?\)/);
    const dup = `settings:\n  draft:\n    sections:\n      - id: latest-news\n      - id: latest-news\n${FEED}`;
    expect(() => parseConfig(dup, 'feeds.yaml')).toThrow(/sections\[1\]\.id: duplicate section id "latest-news"/);
  });
});
