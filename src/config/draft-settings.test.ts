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
    const yaml = `settings:\n  draft:\n    windowHours: 48\n    weights: { severity: 2 }\n    sections:\n      - id: wall-of-shame\n        limit: 3\n        topics:\n      - id: latest-news\n        subtitle:\n${FEED}`;
    const { draft } = parseConfig(yaml, 'feeds.yaml').settings;
    expect(draft.windowHours).toBe(48);
    expect(draft.weights).toEqual({ ...DEFAULT_SETTINGS.draft.weights, severity: 2 });
    expect(draft.sections).toEqual([
      { id: 'wall-of-shame', title: "Today's Cyber Wall of Shame", subtitle: null, limit: 3, match: { section: 'news', victimsOnly: true }, order: 'score', showVictims: true },
      { id: 'latest-news', title: 'New from our favorite blogs and journalists', subtitle: null, limit: 25, match: { section: 'news' }, order: 'score', showVictims: false },
    ]);
  });

  it('lets an editor turn the Wall of Shame victim filter off, or on for another section', () => {
    const yaml = `settings:\n  draft:\n    sections:\n      - id: wall-of-shame\n        victimsOnly: false\n      - id: incidents\n        title: Incidents\n        section: news\n        topics: [incident]\n        victimsOnly: true\n${FEED}`;
    const [shame, incidents] = parseConfig(yaml, 'feeds.yaml').settings.draft.sections;
    expect(shame!.match).toEqual({ section: 'news', topics: ['data-breach', 'ransomware'] });
    expect(incidents!.match).toEqual({ section: 'news', topics: ['incident'], victimsOnly: true });
  });

  it('has the ranking weights, a lead story and the real newsletter\'s section titles by default', () => {
    const { draft } = DEFAULT_SETTINGS;
    expect(draft.weights).toEqual({ coverage: 1, sourceWeight: 0.25, severity: 1, freshness: 0.5, topic: 1 });
    expect(draft.lead).toEqual({ enabled: true, title: 'Lead story', from: ['latest-news', 'wall-of-shame'] });
    expect(draft.sections.map((s) => [s.title, s.subtitle])).toEqual([
      ['New from our favorite blogs and journalists', null],
      ['Cybersecurity Industry Press Releases', null],
      ["Today's Cyber Wall of Shame", null],
    ]);
  });

  it('still reads the deprecated recency weight (as freshness) and halfLifeHours (ignored)', () => {
    const old = parseConfig(`settings:\n  draft:\n    halfLifeHours: 12\n    weights: { recency: 2 }\n${FEED}`, 'feeds.yaml').settings.draft;
    expect(old.weights).toEqual({ ...DEFAULT_SETTINGS.draft.weights, freshness: 2 });
    const both = parseConfig(`settings:\n  draft:\n    weights: { recency: 2, freshness: 0.25 }\n${FEED}`, 'feeds.yaml').settings.draft;
    expect(both.weights.freshness).toBe(0.25);
  });

  it('takes the default lead only from sections that exist, and says so when none do', () => {
    const yaml = `settings:\n  draft:\n    sections:\n      - id: wall-of-shame\n      - id: press-releases\n${FEED}`;
    expect(parseConfig(yaml, 'feeds.yaml').settings.draft.lead.from).toEqual(['wall-of-shame']);
    const none = `settings:\n  draft:\n    sections:\n      - id: press-releases\n${FEED}`;
    expect(() => parseConfig(none, 'feeds.yaml')).toThrow(/lead\.from: names none of the sections: list some \(press-releases\) or set lead\.enabled: false/);
  });

  it('merges the lead story key by key', () => {
    const yaml = `settings:\n  draft:\n    lead:\n      title: Top story\n      from: [wall-of-shame]\n${FEED}`;
    expect(parseConfig(yaml, 'feeds.yaml').settings.draft.lead).toEqual({ enabled: true, title: 'Top story', from: ['wall-of-shame'] });
    const off = `settings:\n  draft:\n    lead: { enabled: false }\n${FEED}`;
    expect(parseConfig(off, 'feeds.yaml').settings.draft.lead).toEqual({ ...DEFAULT_SETTINGS.draft.lead, enabled: false });
  });

  it('matches sections by feed kind and tags', () => {
    const yaml = `settings:\n  draft:\n    sections:\n      - id: latest-news\n        tags: [blog]\n      - id: advisories\n        title: Advisories\n        section: news\n        kinds: [government]\n        tags: [cisa, ncsc]\n${FEED}`;
    const [latest, advisories] = parseConfig(yaml, 'feeds.yaml').settings.draft.sections;
    expect(latest!.match).toEqual({ section: 'news', tags: ['blog'] });
    expect(advisories!.match).toEqual({ section: 'news', kinds: ['government'], tags: ['cisa', 'ncsc'] });
  });

  it('explains bad values of the new keys', () => {
    const bad = (draft: string) => () => parseConfig(`settings:\n  draft:\n${draft}${FEED}`, 'feeds.yaml');
    expect(bad('    sections:\n      - id: latest-news\n        kinds: [blog]\n')).toThrow(/sections\[0\]\.kinds\[0\]: kinds\[0\] must be a feed kind \(news, vendor, government, press\) \(got "blog"\)/);
    expect(bad('    sections:\n      - id: latest-news\n        kinds: []\n')).toThrow(/kinds must be a list of at least one feed kind/);
    expect(bad('    sections:\n      - id: latest-news\n        tags: [""]\n')).toThrow(/tags\[0\] must be a non-empty string/);
    expect(bad('    sections:\n      - id: latest-news\n        kind: [news]\n')).toThrow(/unknown key "kind" \(did you mean "kinds"\?\)/);
    expect(bad('    weights: { severty: 2, freshness: -1 }\n')).toThrow(/freshness must be a number from 0 to 100 \(got -1\)[^]*unknown key "severty" \(did you mean "severity"\?\)/);
    expect(bad('    lead: { enabled: yes, from: [], titel: X }\n')).toThrow(/lead\.enabled: enabled must be true or false \(got "yes"\)[^]*lead\.from: from must be a list of at least one section id[^]*unknown key "titel"/);
    expect(bad('    lead: { from: [] }\n')).toThrow(/lead\.from: from must be a list of at least one section id \(set enabled: false for no lead story\)/);
    expect(bad('    lead: { titel: X }\n')).toThrow(/unknown key "titel" \(did you mean "title"\?\)/);
    expect(bad('    lead: { from: [latest-nws] }\n')).toThrow(/lead\.from\[0\]: unknown section "latest-nws" \(sections: latest-news, press-releases, wall-of-shame\)/);
    expect(bad('    sections:\n      - id: lead\n        title: Lead\n        section: news\n')).toThrow(/"lead" is the lead story's section/);
    // With the lead story off, a section may take the id and `from` is not checked.
    expect(bad('    lead: { enabled: false, from: [gone] }\n    sections:\n      - id: lead\n        title: Lead\n        section: news\n')).not.toThrow();
  });

  it('reports every problem with its location', () => {
    const yaml = `settings:\n  draft:\n    halfLifeHours: 0\n    sections:\n      - id: latest-news\n        limt: 3\n      - id: latest-news\n${FEED}`;
    expect(() => parseConfig(yaml, 'feeds.yaml')).toThrow(/halfLifeHours must be a number from 1 to 8760[^]*unknown key "limt" \(did you mean "limit"\?\)/);
    const dup = `settings:\n  draft:\n    sections:\n      - id: latest-news\n      - id: latest-news\n${FEED}`;
    expect(() => parseConfig(dup, 'feeds.yaml')).toThrow(/sections\[1\]\.id: duplicate section id "latest-news"/);
  });
});
