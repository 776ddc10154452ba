import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

interface Entry {
  guid: string;
  title: string;
  summary: string;
  link: string;
  /** Publication hour on 23 Nov 2026 (the original report first, as in real coverage). */
  hour: number;
}

function rss(entries: Entry[]): string {
  const items = entries
    .map(
      (e) => `<item><title>${e.title}</title><link>${e.link.replace(/&/g, '&amp;')}</link><guid isPermaLink="false">${e.guid}</guid>
        <pubDate>Mon, 23 Nov 2026 ${String(e.hour).padStart(2, '0')}:00:00 +0000</pubDate><description>${e.summary}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link>${items}</channel></rss>`;
}

// Invented story, told by two outlets; the second feed also links the first outlet's article.
const OUTLET_A: Entry[] = [
  {
    guid: 'a-1',
    title: 'Hackers hit Velmont water utility, forcing manual operation at two treatment plants',
    summary: 'The Velmont Regional Water Authority in Oregon switched two of its treatment plants to manual operation on Sunday after attackers broke into the remote-access system its operators use. Drinking water stayed safe for its 85,000 customers.',
    link: 'https://outlet-a.example/velmont-water?utm_source=rss&utm_medium=feed',
    hour: 8,
  },
  {
    guid: 'a-2',
    title: 'Quorvex raises $30 million for cloud detection',
    summary: 'Boston start-up Quorvex has raised $30 million in a Series B round led by Larch Capital.',
    link: 'https://outlet-a.example/quorvex-funding',
    hour: 9,
  },
];
const OUTLET_B: Entry[] = [
  {
    guid: 'b-1',
    title: 'Oregon water authority says intruders breached remote access; plants now run by hand',
    summary: 'Velmont Regional Water Authority says an intrusion into its remote-access portal led staff to run two treatment plants manually. The authority, which serves 85,000 customers, said water quality was never at risk.',
    link: 'https://outlet-b.example/2026/11/velmont',
    hour: 10,
  },
  {
    guid: 'b-2',
    title: 'Worth reading: how Velmont handled its water hack',
    summary: 'A link to the original report.',
    link: 'https://outlet-a.example/velmont-water?utm_campaign=weekly&fbclid=abc',
    hour: 11,
  },
];

describe('collect files items in stories (end to end against a local server)', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;
  let docs: Record<string, string>;

  beforeEach(async () => {
    docs = { '/a.xml': rss(OUTLET_A), '/b.xml': rss(OUTLET_B) };
    server = await startLocalServer((req, res) => {
      const body = docs[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/rss+xml' });
      res.end(body ?? '');
    });
    tmp = tempDir();
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  function stories(db: string) {
    const conn = new Database(db, { readonly: true });
    try {
      const items = conn.prepare('SELECT id, guid, story_id AS storyId FROM items ORDER BY guid').all() as { id: string; guid: string; storyId: number }[];
      const rows = conn.prepare('SELECT id, representative_item_id AS rep, coverage, size FROM stories ORDER BY id').all();
      return { items, rows, byGuid: Object.fromEntries(items.map((i) => [i.guid, i.storyId])) };
    } finally {
      conn.close();
    }
  }

  it('groups a retelling and a tracked link with the original, keeps them on the next runs, and keeps ids on edits', async () => {
    const db = path.join(tmp.dir, 'test.db');
    const config = writeConfig(tmp.dir, [
      { id: 'outlet-a', url: `${server.baseUrl}/a.xml` },
      { id: 'outlet-b', url: `${server.baseUrl}/b.xml` },
    ]);
    expect((await cli(['collect', '--config', config, '--db', db, '--json'])).code).toBe(0);
    const first = stories(db);
    expect(first.items).toHaveLength(4);
    expect(first.byGuid['b-1']).toBe(first.byGuid['a-1']);
    expect(first.byGuid['b-2']).toBe(first.byGuid['a-1']);
    expect(first.byGuid['a-2']).not.toBe(first.byGuid['a-1']);
    expect(first.rows).toContainEqual(expect.objectContaining({ id: first.byGuid['a-1'], coverage: 2, size: 3 }));

    // Same documents again: nothing new, same stories.
    const second = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(JSON.parse(second.stdout).totals).toMatchObject({ itemsNew: 0, itemsUpdated: 0 });
    expect(stories(db)).toEqual(first);

    // An entry edited in place keeps its id and its story.
    docs['/b.xml'] = rss([{ ...OUTLET_B[0]!, title: 'UPDATE: Velmont water authority restores remote operation' }, OUTLET_B[1]!]);
    const third = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(JSON.parse(third.stdout).totals).toMatchObject({ itemsNew: 0, itemsUpdated: 1 });
    expect(stories(db)).toEqual(first);
  });
});
