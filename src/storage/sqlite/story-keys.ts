import type { Db } from './database.js';
import type { KeyPosting } from '../../model/index.js';
import { statement } from './statements.js';

/**
 * The keys of stored items (table story_keys: LSH band keys, CVE keys and name keys,
 * pipeline/dedupe/signature.ts): an index from key to (publication time, story). Times are whole seconds since the epoch, compact in SQLite and cheap to compare.
 */
export function toSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function insertStoryKeys(db: Db, storyId: number, publishedAt: string, keys: readonly number[]): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO story_keys (key, published, story_id) VALUES (?, ?, ?)');
  const published = toSeconds(publishedAt);
  for (const key of new Set(keys)) insert.run(key, published, storyId);
}

/**
 * For each key, the `maxBucket` most recent postings published in [from, to]: one index range
 * per key, so the cost does not grow with the number of stored items. (One statement per key
 * measured faster than a UNION ALL of all keys.)
 */
export function postingsByKeys(db: Db, keys: readonly number[], from: string, to: string, maxBucket: number): KeyPosting[][] {
  const bucket = statement(
    db,
    'SELECT story_id, published FROM story_keys WHERE key = ? AND published BETWEEN ? AND ? ORDER BY published DESC LIMIT ?',
  ).raw(true);
  const low = toSeconds(from);
  const high = toSeconds(to);
  return [...new Set(keys)].map((key) =>
    (bucket.all(key, low, high, maxBucket) as [number, number][]).map(([storyId, at]) => ({ storyId, at })),
  );
}

/** Drops keys of items published before `before`: they are out of every new item's window. */
export function pruneStoryKeys(db: Db, before: string): number {
  return statement(db, 'DELETE FROM story_keys WHERE published < ?').run(toSeconds(before)).changes;
}

/** The signature parameters the stored keys were made with ("16x16"), if any were stored. */
export function storyKeysSignature(db: Db): string | undefined {
  const row = statement(db, "SELECT value FROM dedupe_state WHERE name = 'signature'").get() as { value: string } | undefined;
  return row?.value;
}

/** Forgets every stored key and records the parameters the next ones will be made with. */
export function resetStoryKeys(db: Db, signature: string): void {
  db.transaction(() => {
    db.exec('DELETE FROM story_keys');
    statement(db, "INSERT INTO dedupe_state (name, value) VALUES ('signature', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value").run(signature);
  })();
}
