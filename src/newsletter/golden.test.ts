/**
 * Golden tests: fixtures/candidates.json + fixtures/options.json → fixtures/expected.{md,html,json,txt},
 * compared byte for byte. After an intended change to ranking or rendering, regenerate with
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/newsletter/golden.test.ts
 *
 * and review the diff of the expected files before committing them: they are the spec.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Draft, DraftSlots, StoryCandidate } from '../model/draft.js';
import { buildDraft, DEFAULT_SECTIONS, renderDraft, type ExportFormat, type RenderOptions } from './index.js';
import { withStorageFields, type FixtureCandidate } from './fixtures/fixture-candidates.js';

interface GoldenOptions {
  draft: {
    number: number;
    date: string;
    window: { since: string; until: string };
    createdAt: string;
    excludeStoryIds: string[];
    limits: Record<string, number>;
  };
  /** What an editor does between `draft` and `export`: blurbs, and entries taken out. */
  editorial: { blurbs: Record<string, string>; excluded: string[] };
  render: { newsletterName: string };
}

const fixture = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(fixture(name), 'utf8')) as T;

// Fields the candidates gained after the fixture was written (issue 18) take what storage would give.
const candidates = withStorageFields(readJson<FixtureCandidate[]>('candidates.json'));
const options = readJson<GoldenOptions>('options.json');

function build(input: StoryCandidate[] = candidates) {
  const { limits, ...draftOptions } = options.draft;
  const sections = DEFAULT_SECTIONS.map((s) => ({ ...s, limit: limits[s.id] ?? s.limit }));
  return buildDraft(input, { ...draftOptions, sections, lead: {} });
}

/**
 * The editor's text for the fixture issue (issue 18): the commentary and a sponsor are written,
 * hostile markup included; the P.S. is not, so its placeholder shows; intro, sign-off and
 * disclaimer come from settings.issue (the intro's `{{ name }}` rendered).
 */
const SLOTS: DraftSlots = {
  sponsorLine: 'In partnership with Example Security',
  sponsorBlock: 'Example Security finds exposed VPN gateways before attackers do.\nTry it free for 30 days.',
  commentary:
    'Northgate gateways sit at the edge of thousands of networks, and this bypass needs no credentials.\n\nPatch first, then look for new admin accounts created since Monday. <script>alert(1)</script> [docs](javascript:alert(1))',
  second: 'A second thought: why do edge devices keep shipping with authentication bugs?',
};
const RENDER: RenderOptions = {
  ...options.render,
  issue: { subscribeUrl: 'https://breachreport.example/subscribe', rssUrl: 'https://breachreport.example/feed.xml' },
};

function edited(draft: Draft): Draft {
  const { blurbs, excluded } = options.editorial;
  return {
    ...draft,
    slots: { ...SLOTS },
    sections: draft.sections.map((s) => ({
      ...s,
      entries: s.entries.map((e) => ({ ...e, blurb: blurbs[e.storyId] ?? e.blurb, included: !excluded.includes(e.storyId) })),
    })),
  };
}

const FORMATS: ExportFormat[] = ['md', 'html', 'json', 'txt'];

describe('golden exports of the fixture issue', () => {
  const { draft, overflow, skipped } = build();

  it('places, cuts and skips the fixture stories as reviewed', () => {
    expect(draft.sections.map((s) => [s.id, s.entries.map((e) => e.storyId)])).toEqual([
      ['lead', ['101']],
      ['latest-news', ['108', '106', '111', '110', '112', '107']],
      ['press-releases', ['116', '117']],
      ['wall-of-shame', ['103', '102', '104', '105']],
    ]);
    expect(overflow.map((o) => [o.sectionId, o.entries.map((e) => e.storyId)])).toEqual([['press-releases', ['118']]]);
    expect(skipped).toEqual([
      { storyId: '114', reason: 'already-used' },
      { storyId: '120', reason: 'irrelevant' },
      { storyId: '109', reason: 'no-link' },
    ]);
  });

  for (const format of FORMATS) {
    it(`renders expected.${format} byte for byte`, () => {
      const output = renderDraft(edited(draft), format, RENDER);
      const file = fixture(`expected.${format}`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, output);
      expect(output).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('gives the same bytes whatever order storage returns the candidates in', () => {
    const reversed = build([...candidates].reverse());
    expect(renderDraft(reversed.draft, 'json')).toBe(renderDraft(draft, 'json'));
    expect(reversed.overflow).toEqual(overflow);
  });
});
