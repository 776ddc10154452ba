/**
 * The draft section of `npm run bench`: time to draft a week of stories (BENCH_DRAFT_ITEMS items,
 * default 10,000, synthetic, classified, written straight into a temporary database) and to export
 * the draft in each format. Drafting is read-the-window + rank + store; exporting reads the stored
 * draft back and renders it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDraft } from '../../src/commands/draft.js';
import { exportDraft } from '../../src/commands/export.js';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import type { Config, FeedConfig, Item } from '../../src/model/index.js';
import { EXPORT_FORMATS } from '../../src/newsletter/index.js';
import { createStory, joinStory, openDatabase, setItemStory, sqliteStorage, storeItems, storyCandidates, syncFeeds } from '../../src/storage/index.js';
import { random, randomText, zipf } from './synthetic-items.js';

const FEEDS = 60;
const TOPICS = ['vulnerability', 'ransomware', 'data-breach', 'incident', 'malware', 'phishing-fraud', 'nation-state', 'policy-legal', 'industry', 'other'];
const UNTIL = Date.parse('2026-11-25T00:00:00Z');
const WEEK_MS = 7 * 86_400_000;

export interface DraftFigures {
  items: number;
  stories: number;
  seedMs: number;
  candidatesMs: number;
  draftMs: number;
  entries: number;
  overflow: number;
  exportMs: Record<string, number>;
  exportKb: Record<string, number>;
}

export async function benchDraft(items = Number(process.env.BENCH_DRAFT_ITEMS ?? 10_000)): Promise<DraftFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-draft-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const feeds: FeedConfig[] = Array.from({ length: FEEDS }, (_, i) => ({
      id: `feed-${i}`,
      name: `Feed ${i}`,
      url: `http://127.0.0.1:9/feed-${i}.xml`,
      kind: i % 10 === 0 ? 'press' : 'news',
      weight: 1 + (i % 3),
      enabled: true,
      tags: [],
    }));
    const config: Config = { file: '(bench)', settings: DEFAULT_SETTINGS, feeds };

    const seedStart = performance.now();
    syncFeeds(db, feeds, new Date(UNTIL - WEEK_MS).toISOString());
    const stories = seed(db, feeds, items);
    const seedMs = performance.now() - seedStart;

    const window = { since: new Date(UNTIL - WEEK_MS).toISOString(), until: new Date(UNTIL).toISOString() };
    const candidatesStart = performance.now();
    storyCandidates(db, window);
    const candidatesMs = performance.now() - candidatesStart;

    const app = { storage: sqliteStorage(db), config, now: () => new Date(UNTIL) };
    const draftStart = performance.now();
    const run = await runDraft(app, { window: '7d' });
    const draftMs = performance.now() - draftStart;

    const exportMs: Record<string, number> = {};
    const exportKb: Record<string, number> = {};
    for (const format of EXPORT_FORMATS) {
      const start = performance.now();
      const result = await exportDraft(app, { format, out: path.join(dir, `issue.${format}`) });
      exportMs[format] = round(performance.now() - start);
      exportKb[format] = Math.round(result.bytes / 102.4) / 10;
    }
    return {
      items,
      stories,
      seedMs: round(seedMs),
      candidatesMs: round(candidatesMs),
      draftMs: round(draftMs),
      entries: (run.draft?.sections ?? []).reduce((n, s) => n + s.entries.length, 0),
      overflow: run.overflow.reduce((n, o) => n + o.entries.length, 0),
      exportMs,
      exportKb,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A week of items: about a third retell an earlier story from another feed. Returns the stories. */
function seed(db: ReturnType<typeof openDatabase>, feeds: FeedConfig[], count: number): number {
  const rand = random(6);
  const draw = zipf(rand);
  const classify = db.prepare(
    `UPDATE items SET topic = ?, topic_scores = ?, relevant = ?, relevance_score = ?, section = ?, cves = '[]', victims = ? WHERE id = ?`,
  );
  const storyIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const feed = feeds[Math.floor(rand() * feeds.length)]!;
      const publishedAt = new Date(UNTIL - WEEK_MS + Math.floor((i / count) * WEEK_MS)).toISOString();
      const { title, summary } = randomText(draw);
      const url = `https://${feed.id}.example/${i}`;
      const item: Item = {
        id: `item-${i}`, feedId: feed.id, guid: String(i), url, canonicalUrl: url, urlHash: `h${i}`, title, summary,
        author: null, categories: [], publishedAt, fetchedAt: publishedAt, contentHash: `c${i}`,
      };
      storeItems(db, [item], publishedAt);
      if (storyIds.length > 0 && rand() < 0.3) {
        const storyId = storyIds[Math.max(0, storyIds.length - 1 - Math.floor(rand() * 50))]!;
        setItemStory(db, item.id, storyId, null, null);
        joinStory(db, storyId, item);
      } else {
        const storyId = createStory(db, item.id, publishedAt, null);
        setItemStory(db, item.id, storyId, null, null);
        storyIds.push(storyId);
      }
      const topic = TOPICS[Math.floor(rand() * TOPICS.length)]!;
      const press = feed.kind === 'press';
      const relevant = rand() < 0.8;
      classify.run(topic, JSON.stringify([{ id: topic, score: 0.8 }]), relevant ? 1 : 0, relevant ? 0.8 : 0.2, press ? 'press-release' : 'news',
        topic === 'data-breach' || topic === 'ransomware' ? JSON.stringify([`Victim ${i}`]) : '[]', item.id);
    }
  })();
  return storyIds.length;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function formatDraft(d: DraftFigures): string {
  const exports = Object.entries(d.exportMs).map(([format, ms]) => `${format} ${ms} ms (${d.exportKb[format]} KB)`).join(', ');
  return [
    `draft: a week of ${d.items} synthetic items in ${d.stories} stories (seeded in ${(d.seedMs / 1000).toFixed(2)} s)`,
    `  read the window's candidates: ${d.candidatesMs} ms; draft (read + rank + store): ${d.draftMs} ms, ${d.entries} entries, ${d.overflow} over the limits`,
    `  export (read back + render + atomic write): ${exports}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatDraft(await benchDraft()));
