import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETOLD, WIRE_COPIES, TWO_FUNDING_ROUNDS } from '../src/pipeline/dedupe/fixtures/cases.js';
import { cli, tempDir } from './support/cli.js';

/** The fixture items as analyze input lines (invented stories, see src/pipeline/dedupe/fixtures). */
const INPUT = [...WIRE_COPIES.items, ...RETOLD.items, ...TWO_FUNDING_ROUNDS.items].map((item) =>
  JSON.stringify({ id: item.id, title: item.title, summary: item.summary, url: `${item.canonicalUrl}?utm_source=rss`, source: item.feedId, publishedAt: item.publishedAt }),
);

function parseLines(stdout: string): Record<string, unknown>[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('secdigest analyze', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());
  // No feeds.yaml in the working directory may leak into these runs: point the config at nothing.
  const env = {};

  it('prints one JSON line per input, in input order, with the same storyId for one story', async () => {
    const shuffled = [INPUT[4]!, INPUT[0]!, INPUT[6]!, INPUT[2]!, INPUT[3]!, INPUT[1]!, INPUT[5]!, INPUT[7]!];
    const run = await cli(['analyze'], env, `${shuffled.join('\n')}\n`);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = parseLines(run.stdout);
    expect(out.map((r) => r.id)).toEqual(shuffled.map((l) => (JSON.parse(l) as { id: string }).id));
    const story = Object.fromEntries(out.map((r) => [r.id as string, r.storyId]));
    expect(story.gnw).toBe(story.prn);
    expect(story.bw).toBe(story.prn);
    expect(story['outlet-b']).toBe(story['outlet-a']);
    expect(story['outlet-c']).toBe(story['outlet-a']);
    expect(new Set([story.prn, story['outlet-a'], story.quorvex, story.tamsin]).size).toBe(4);
    expect(out[0]).toEqual({
      id: 'outlet-b', canonicalUrl: RETOLD.items[1]!.canonicalUrl, storyId: story['outlet-a'], threadId: story['outlet-a'], match: 'near', similarity: expect.any(Number),
      // Why it joined (issue 15): similarity to the story and its closest member, names agreed, hours apart.
      storyEvidence: { rule: 'event', storySimilarity: expect.any(Number), memberSimilarity: expect.any(Number), matchedItemId: expect.any(String), sharedNames: expect.arrayContaining(['authority']), gapHours: expect.any(Number) },
      // Classification fields (issue 5); their values are tested in test/classify.test.ts.
      topic: expect.any(String), topics: expect.any(Array), relevant: expect.any(Boolean), relevanceScore: expect.any(Number),
      section: expect.any(String), cves: expect.any(Array), victims: expect.any(Array), evidence: expect.any(Object),
    });
  });

  it('rejects a malformed line naming its line number, with exit code 2 and nothing on stdout', async () => {
    const run = await cli(['analyze'], env, `${INPUT[0]}\n\n{"id": "x", "title": 3}\n`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/line 3: "title" must be a string/);
    const bad = await cli(['analyze'], env, `${INPUT[0]}\nnot json\n`);
    expect(bad.stderr).toMatch(/line 2: not valid JSON/);
  });

  it('with --skip-invalid reports bad lines on stderr and goes on; stdout stays pure JSON Lines', async () => {
    const run = await cli(['analyze', '--skip-invalid'], env, `${INPUT[0]}\n{"title": "no id"}\n[1, 2]\n${INPUT[1]}\n`);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/line 2 skipped: "id" is required/);
    expect(run.stderr).toMatch(/line 3 skipped: expected a JSON object/);
    const out = parseLines(run.stdout);
    expect(out.map((r) => r.id)).toEqual(['prn', 'gnw']);
    expect(out[1]!.storyId).toBe(out[0]!.storyId);
  });

  it('writes nothing without --db; with --db stores the batch and matches the next one against it', async () => {
    const before = fs.readdirSync(tmp.dir);
    await cli(['analyze'], env, INPUT.join('\n'));
    expect(fs.readdirSync(tmp.dir)).toEqual(before);

    const db = path.join(tmp.dir, 'analyze.db');
    const first = parseLines((await cli(['analyze', '--db', db], env, INPUT.slice(0, 4).join('\n'))).stdout);
    const second = parseLines((await cli(['analyze', '--db', db], env, INPUT.slice(3).join('\n'))).stdout);
    expect(second[0]).toMatchObject({ id: 'outlet-a', match: 'known', storyId: first[3]!.storyId });
    expect(second[1]).toMatchObject({ id: 'outlet-b', match: 'near', storyId: first[3]!.storyId });
    const third = parseLines((await cli(['analyze', '--db', db], env, INPUT[0]!)).stdout);
    expect(third[0]).toMatchObject({ id: 'prn', match: 'known', storyId: first[0]!.storyId });
  });

  it('reads dates as collect does: a future date is clamped to now, one before 1990 is now', async () => {
    const db = path.join(tmp.dir, 'dates.db');
    const started = Date.now();
    const input = [
      JSON.stringify({ id: 'future', title: 'Ransomware gang claims attack on a port operator', publishedAt: '2999-01-01T00:00:00Z' }),
      JSON.stringify({ id: 'placeholder', title: 'Vendor ships a fix for a VPN flaw', publishedAt: '1900-01-01T00:00:00Z' }),
      JSON.stringify({ id: 'kept', title: 'Police arrest a phishing kit seller', publishedAt: '2026-11-20T08:00:00Z' }),
    ];
    expect((await cli(['analyze', '--db', db], env, input.join('\n'))).code).toBe(0);
    const conn = new Database(db, { readonly: true });
    const dates = Object.fromEntries(conn.prepare('SELECT guid, published_at FROM items').raw().all() as [string, string][]);
    conn.close();
    expect(dates.kept).toBe('2026-11-20T08:00:00.000Z');
    for (const guid of ['future', 'placeholder']) {
      expect(Date.parse(dates[guid]!)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(dates[guid]!)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('with --db matches a backdated batch against the stored stories of its own days', async () => {
    const db = path.join(tmp.dir, 'analyze.db');
    const backdated = (n: number, publishedAt: string) => {
      const item = RETOLD.items[n]!;
      return JSON.stringify({ id: item.id, title: item.title, summary: item.summary, source: item.feedId, publishedAt });
    };
    const first = parseLines((await cli(['analyze', '--db', db], env, backdated(0, '2025-01-10T08:00:00Z'))).stdout);
    const second = parseLines((await cli(['analyze', '--db', db], env, backdated(1, '2025-01-10T14:00:00Z'))).stdout);
    expect(second[0]).toMatchObject({ id: 'outlet-b', match: 'near', storyId: first[0]!.storyId });
  });

  it('uses the thresholds of --config', async () => {
    const config = path.join(tmp.dir, 'strict.yaml');
    fs.writeFileSync(config, 'settings:\n  dedupe:\n    similarity: 0.99\n    cveSimilarity: 0.99\n    conflictSimilarity: 0.99\n    signatureSimilarity: 0.99\nfeeds:\n  - { id: a, name: A, url: "https://a.example/feed", kind: news }\n');
    const out = parseLines((await cli(['analyze', '--config', config], env, RETOLD.items.map((_, i) => INPUT[3 + i]).join('\n'))).stdout);
    expect(new Set(out.map((r) => r.storyId)).size).toBe(3);
  });

  it('documents its input and output fields in --help', async () => {
    const run = await cli(['analyze', '--help']);
    expect(run.code).toBe(0);
    for (const field of ['id', 'canonicalUrl', 'storyId', 'match', 'similarity', 'publishedAt', 'feedKind', '--db', '--skip-invalid', '--config']) {
      expect(run.stdout).toContain(field);
    }
  });
});
