import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/storage/index.js';
import { cli, tempDir, writeConfig } from './support/cli.js';
import { seedFeeds, seedStory } from './support/stories.js';

/** `items --json` as documented (a public contract): written out here, not imported, so a change to ItemListing fails this test. */
interface ItemJson {
  id: string;
  feedId: string;
  title: string;
  url: string | null;
  publishedAt: string;
  storyId: number | null;
  topic: string | null;
  section: string | null;
  relevant: boolean | null;
  victims: string[];
  cves: string[];
}

describe('secdigest items', () => {
  let tmp: ReturnType<typeof tempDir>;
  let args: string[];
  let stories: Record<string, number>;

  beforeEach(() => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'items.db');
    const config = writeConfig(tmp.dir, ['breach', 'patch', 'wire'].map((id) => ({ id, url: `http://127.0.0.1:9/${id}.xml` })));
    args = ['--config', config, '--db', db];
    const conn = openDatabase(db);
    seedFeeds(conn, [{ id: 'breach' }, { id: 'patch' }, { id: 'wire', kind: 'press' }]);
    stories = {
      hospital: seedStory(conn, [
        { id: 'h1', feedId: 'breach', title: 'Ransomware attack on Riverbend Hospital', publishedAt: '2026-11-24T10:00:00.000Z', classification: { topic: 'ransomware', victims: ['Riverbend Hospital'] } },
        { id: 'h2', feedId: 'patch', title: 'Riverbend diverts ambulances', summary: 'The RANSOMWARE gang named 100% of its demands.', publishedAt: '2026-11-24T11:00:00.000Z', classification: { topic: 'ransomware' } },
      ]),
      zeroday: seedStory(conn, [
        { id: 'z1', feedId: 'patch', title: 'EdgeGate VPN zero-day exploited', publishedAt: '2026-11-24T08:00:00.000Z', classification: { topic: 'vulnerability', cves: ['CVE-2026-41877'] } },
      ]),
      release: seedStory(conn, [
        { id: 'r1', feedId: 'wire', title: 'Aegisline raises $40 million Series B in a round led by a very long list of investors that goes on and on', publishedAt: '2026-11-23T15:00:00.000Z', classification: { topic: 'industry', section: 'press-release', relevant: false } },
      ]),
      pending: seedStory(conn, [{ id: 'u1', feedId: 'breach', title: 'Not classified yet', publishedAt: '2026-11-22T18:00:00.000Z', classification: null }]),
    };
    conn.close();
  });
  afterEach(() => tmp.cleanup());

  const json = async (...extra: string[]) => {
    const run = await cli(['items', ...args, '--json', ...extra]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as ItemJson[];
  };

  it('--json lists every item newest first with its story and labels', async () => {
    const items = await json();
    expect(items.map((i) => i.id)).toEqual(['h2', 'h1', 'z1', 'r1', 'u1']);
    expect(items[1]).toEqual({
      id: 'h1', feedId: 'breach', title: 'Ransomware attack on Riverbend Hospital', url: 'https://breach.example/h1', publishedAt: '2026-11-24T10:00:00.000Z',
      storyId: stories.hospital, topic: 'ransomware', section: 'news', relevant: true, victims: ['Riverbend Hospital'], cves: [],
    });
    expect(items[2]).toMatchObject({ storyId: stories.zeroday, topic: 'vulnerability', cves: ['CVE-2026-41877'] });
    expect(items[3]).toMatchObject({ section: 'press-release', relevant: false });
    expect(items[4]).toMatchObject({ storyId: stories.pending, topic: null, section: null, relevant: null, victims: [], cves: [] });
  });

  it('--search matches title or summary in any case, as plain text', async () => {
    expect((await json('--search', 'ransomware')).map((i) => i.id)).toEqual(['h2', 'h1']);
    expect((await json('--search', 'EDGEGATE')).map((i) => i.id)).toEqual(['z1']);
    expect((await json('--search', '100%')).map((i) => i.id)).toEqual(['h2']);
    expect((await json('--search', '1_0%'))).toEqual([]);
  });

  it('--since, --feed, --topic and --limit narrow the list', async () => {
    expect((await json('--since', '2026-11-24')).map((i) => i.id)).toEqual(['h2', 'h1', 'z1']);
    expect((await json('--since', '2026-11-24T09:30:00+00:00')).map((i) => i.id)).toEqual(['h2', 'h1']);
    expect((await json('--feed', 'patch', 'wire')).map((i) => i.id)).toEqual(['h2', 'z1', 'r1']);
    expect((await json('--topic', 'ransomware', '--feed', 'breach')).map((i) => i.id)).toEqual(['h1']);
    expect((await json('--limit', '2')).map((i) => i.id)).toEqual(['h2', 'h1']);
  });

  it('prints a compact table with the title cut to fit the width', async () => {
    const run = await cli(['items', ...args]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PUBLISHED\s+FEED\s+STORY\s+TOPIC\s+SECTION\s+REL\s+CVES\/VICTIMS\s+TITLE$/);
    expect(lines[1]).toMatch(new RegExp(`^2026-11-24 11:00\\s+patch\\s+${stories.hospital}\\s+ransomware\\s+news\\s+yes\\s+-\\s+Riverbend diverts ambulances$`));
    expect(lines[3]).toMatch(/CVE-2026-41877\s+EdgeGate VPN zero-day exploited$/);
    expect(lines[4]).toMatch(/press-release\s+no\s+-\s+Aegisline raises .*…$/);
    expect(lines.slice(1, 6).every((line) => line.length <= 120)).toBe(true);
    expect(lines[5]).toMatch(/^2026-11-22 18:00\s+breach\s+\d+\s+-\s+-\s+-\s+-\s+Not classified yet$/);
    expect(lines.at(-1)).toBe('5 item(s), newest first');
  });

  it('refuses an unknown feed or topic, naming the known ones (exit 2), and a bad --since or --limit', async () => {
    const feed = await cli(['items', ...args, '--feed', 'nope']);
    expect(feed.code).toBe(2);
    expect(feed.stderr).toContain('unknown feed id(s): nope (known: breach, patch, wire)');
    const topic = await cli(['items', ...args, '--topic', 'gossip']);
    expect(topic.code).toBe(2);
    expect(topic.stderr).toMatch(/unknown topic "gossip" \(known: .*ransomware.*\)/);
    const since = await cli(['items', ...args, '--since', '2026-11-24T10:00']);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since must be YYYY-MM-DD or an ISO 8601 time with a zone');
    const limit = await cli(['items', ...args, '--limit', '0']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit must be a whole number from 1 to 10000');
  });

  it('documents the JSON fields in --help', async () => {
    const run = await cli(['items', '--help']);
    expect(run.code).toBe(0);
    for (const field of ['id', 'feedId', 'title', 'url', 'publishedAt', 'storyId', 'topic', 'section', 'relevant', 'victims', 'cves']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${field}\\s`, 'm'));
    }
  });
});
