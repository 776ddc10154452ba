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
import type { Draft, StoryCandidate } from '../model/draft.js';
import { buildDraft, DEFAULT_SECTIONS, renderDraft, type ExportFormat } from './index.js';

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

const candidates = readJson<StoryCandidate[]>('candidates.json');
const options = readJson<GoldenOptions>('options.json');

function build(input: StoryCandidate[] = candidates) {
  const { limits, ...draftOptions } = options.draft;
  const sections = DEFAULT_SECTIONS.map((s) => ({ ...s, limit: limits[s.id] ?? s.limit }));
  return buildDraft(input, { ...draftOptions, sections });
}

function edited(draft: Draft): Draft {
  const { blurbs, excluded } = options.editorial;
  return {
    ...draft,
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
      ['latest-news', ['101', '109', '108', '106', '111', '110', '112']],
      ['press-releases', ['116', '117']],
      ['wall-of-shame', ['102', '103', '105', '104']],
    ]);
    expect(overflow.map((o) => [o.sectionId, o.entries.map((e) => e.storyId)])).toEqual([
      ['latest-news', ['107']],
      ['press-releases', ['118']],
    ]);
    expect(skipped).toEqual([
      { storyId: '114', reason: 'already-used' },
      { storyId: '120', reason: 'irrelevant' },
    ]);
  });

  for (const format of FORMATS) {
    it(`renders expected.${format} byte for byte`, () => {
      const output = renderDraft(edited(draft), format, options.render);
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
