/**
 * The bundled demo corpus end to end (issue 16): collected from a local server by the real collector
 * with the shipped-set classifier, then drafted for the demo week as `npm run demo` does. Its
 * hand labels (data/demo/LABELS.tsv) say which stories are victim stories and which are never
 * newsletter material.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { runCollect } from '../src/commands/collect.js';
import { runDraft, type DraftRun } from '../src/commands/draft.js';
import { fillSlot } from '../src/commands/draft-lifecycle.js';
import { exportDraft } from '../src/commands/export.js';
import { trainFromShippedSet } from '../src/pipeline/classify/index.js';
import { loadDemoCorpus } from '../scripts/eval/labelled-items.js';
import { startFixtureServer } from '../scripts/fixture-server.js';
import { tempDir } from './support/cli.js';

const demoDir = path.resolve(import.meta.dirname, '..', 'data', 'demo');

/** LABELS.tsv rows: story key, acceptable topics, section, relevance, by the item's guid. */
const labels = fs
  .readFileSync(path.join(demoDir, 'LABELS.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, guid, story, topics, section, relevant] = line.split('\t') as [string, string, string, string, string, string];
    return { file, guid, story, topics: topics.split('|'), section, relevant: relevant === 'yes' };
  });

/** A story's key by the URLs of its items (entries name their stories by URL). */
const storyByUrl = new Map<string, string>();
for (const { item, label } of loadDemoCorpus(demoDir).items) {
  const story = labels.find((row) => row.file === label.file && row.guid === label.guid)!.story;
  for (const url of [item.url, item.canonicalUrl]) if (url) storyByUrl.set(url, story);
}

/**
 * Victim stories: an organisation hit by a breach or ransomware, reported as news (the Wall of
 * Shame takes news whose primary topic is data-breach or ransomware). Chosen by the labels: every
 * story of which a news item's primary topic is data-breach or ransomware and that names its
 * victim (the ransomware research, reports, advisories and sanctions name none).
 */
const NO_VICTIM = new Set(['akira-rust-encryptor', 'qilin-playbook-research', 'cb-ransomware-q3-report', 'stopransomware-qilin-advisory']);
const victimStories = new Set(
  labels.filter((row) => row.section === 'news' && ['data-breach', 'ransomware'].includes(row.topics[0]!) && !NO_VICTIM.has(row.story)).map((row) => row.story),
);
/** Stories no reader should see: job posting, webinars, podcast plug, sponsored post, other industries' releases. */
const neverMaterial = new Set(labels.filter((row) => !row.relevant).map((row) => row.story));

let tmp: ReturnType<typeof tempDir>;
let run: DraftRun;
/** The demo issue exported as `npm run demo` does: its lead commentary filled, in Markdown and HTML. */
const exported: Record<'md' | 'html', string> = { md: '', html: '' };

beforeAll(async () => {
  tmp = tempDir();
  const server = await startFixtureServer(demoDir, 0);
  try {
    const config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(config, fs.readFileSync(path.join(demoDir, 'feeds.yaml'), 'utf8').replaceAll('http://127.0.0.1:8731', server.baseUrl));
    const app = await openApp({ configPath: config, dbPath: path.join(tmp.dir, 'demo.db'), now: () => new Date('2026-11-25T06:00:00Z') });
    try {
      const model = await trainFromShippedSet();
      await runCollect(app, { classifierSource: { trainShipped: async () => model } });
      run = await runDraft(app, { date: '2026-11-24', window: '8d' });
      await fillSlot(app, String(run.draft!.number), 'commentary', { file: path.join(demoDir, 'issue', 'commentary.md') });
      for (const format of ['md', 'html'] as const) exported[format] = (await exportDraft(app, { format })).text;
    } finally {
      await app.close();
    }
  } finally {
    await server.close();
  }
}, 120_000);

afterAll(() => tmp?.cleanup());

/** The story keys of a section's entries (and of the stories they were merged with). */
function storiesOf(entries: readonly { url: string | null; alsoCoveredBy: readonly { url: string | null }[] }[]): Set<string> {
  const stories = new Set<string>();
  for (const entry of entries) {
    for (const url of [entry.url, ...entry.alsoCoveredBy.map((link) => link.url)]) {
      const story = url ? storyByUrl.get(url) : undefined;
      if (story) stories.add(story);
    }
  }
  return stories;
}

describe('the demo draft', () => {
  it('puts every victim story of the corpus on the Wall of Shame (or in what its limit cut), naming the victim', () => {
    expect(victimStories.size).toBeGreaterThanOrEqual(10);
    const wall = run.draft!.sections.find((section) => section.id === 'wall-of-shame')!;
    const cut = run.overflow.find((overflow) => overflow.sectionId === 'wall-of-shame')?.entries ?? [];
    const onWall = storiesOf([...wall.entries, ...cut]);
    expect([...victimStories].filter((story) => !onWall.has(story))).toEqual([]);
    for (const entry of wall.entries) expect(entry.victims.length, entry.title).toBeGreaterThan(0);
  });

  it('prints no job posting, webinar, podcast plug or other non-material in any section', () => {
    const printed = storiesOf(run.draft!.sections.flatMap((section) => section.entries));
    expect([...neverMaterial].filter((story) => printed.has(story))).toEqual([]);
    expect(neverMaterial).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(['tr-hiring-reporter', 'bl-webinar-playbook', 'bl-podcast-212'].every((story) => neverMaterial.has(story))).toBe(true);
  });
});

/** Where each needle first appears in the text, in the order given; -1 for a missing one. */
function positions(text: string, needles: readonly string[]): number[] {
  return needles.map((needle) => text.indexOf(needle));
}

describe('the demo issue has every part of a real issue, in order (issue 18)', () => {
  const lead = 'Kestrel EdgeGate VPN zero-day under active attack';
  it('in Markdown', () => {
    const parts = [
      '# The Breach Brief \\(demo\\) — 2026-11-24', // name
      `## ${lead}`, // the headline: the lead story's title
      '*Kestrel Systems on Thursday released', // teaser: the lead's blurb
      '[Sponsor line: In partnership with …', // sponsor line placeholder
      'Welcome to the latest issue of The Breach Brief', // intro (settings.issue)
      '[Sponsor block:', // sponsor block placeholder
      `## [${lead}`, // the lead story, linked
      'Another week, another edge appliance', // the editor's commentary (draft fill)
      '**Source brief**', // every outlet that covered it, key facts
      '## Latest Cybersecurity News',
      "*What we're reading across the wire",
      '### New from our favorite blogs and journalists',
      '### Cybersecurity Industry Press Releases',
      "## Today's Cyber Wall of Shame",
      'Until next week,', // sign-off
      'P.S. Running an edge VPN?',
      "The views expressed here are the editor's own.", // disclaimer
    ];
    const at = positions(exported.md, parts);
    expect(parts.filter((_, i) => at[i] === -1)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(exported.md).not.toContain('P.S. P.S.');
  });

  it('in HTML', () => {
    const parts = [
      'The Breach Brief (demo)',
      lead,
      'Sponsor line: In partnership with',
      'Welcome to the latest issue of The Breach Brief',
      'Sponsor block:',
      'Another week, another edge appliance',
      'Source brief',
      'Latest Cybersecurity News',
      'New from our favorite blogs and journalists',
      'Cybersecurity Industry Press Releases',
      'Today&#39;s Cyber Wall of Shame',
      'Until next week,',
      'Running an edge VPN?',
      'The views expressed here are the editor&#39;s own.',
    ];
    const at = positions(exported.html, parts);
    expect(parts.filter((_, i) => at[i] === -1)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(exported.html).not.toMatch(/<script|<style|class=/i);
  });

  it('names the victim of every Wall of Shame entry in both formats', () => {
    const wall = run.draft!.sections.find((section) => section.id === 'wall-of-shame')!;
    expect(wall.entries.length).toBeGreaterThanOrEqual(8);
    const mdWall = exported.md.slice(exported.md.indexOf("## Today's Cyber Wall of Shame"));
    const htmlWall = exported.html.slice(exported.html.indexOf('Today&#39;s Cyber Wall of Shame'));
    for (const entry of wall.entries) {
      const victim = entry.victims[0]!;
      expect(mdWall, entry.title).toContain(`- **${victim}**: `);
      expect(htmlWall, entry.title).toContain(`<strong>${victim}</strong>`);
    }
  });
});
