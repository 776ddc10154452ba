import type pg from 'pg';
import { SecdigestError } from '../../model/index.js';
import type { GroupCommitOptions } from '../sqlite/group-commit.js';
import type { FeedRunRecord } from '../rows/feed-runs.js';
import type { UpsertCounts } from '../rows/items.js';
import { recordFeedRun } from './feed-runs.js';

/** The async writer the port needs (ports.ts FeedRunWriter), here rather than imported to keep the folder free of a cycle. */
export interface PostgresFeedRunWriter {
  record(run: FeedRunRecord): Promise<UpsertCounts>;
  afterCommit(fn: () => void): void;
  flush(): Promise<void>;
  discard(): void;
}

/**
 * Group commit for a collection run, as sqlite/group-commit.ts: one transaction on one connection
 * of the pool holds every `maxFeeds` feeds (or `maxDelayMs`), each feed in its own SAVEPOINT, so
 * a feed is all or nothing and one feed's failed write rolls back only that feed. One commit (one
 * WAL flush on the server) per group instead of per feed.
 *
 * pg runs one query at a time per connection, but a feed's write is several queries, and feeds
 * are recorded concurrently: every step goes through one queue so two feeds' savepoints never
 * interleave. The connection is held only while a group is open.
 */
export function createFeedRunWriter(pool: pg.Pool, options: GroupCommitOptions): PostgresFeedRunWriter {
  let client: pg.PoolClient | undefined;
  // The open group's transaction died with its connection: nothing of it can be committed.
  let lost: unknown;
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  // A commit the timer could not make: thrown to the next caller (a throw in a timer would be uncaught).
  let timedFailure: { error: unknown } | undefined;
  let waiting: (() => void)[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  };
  const close = (error?: Error) => {
    client?.release(error);
    client = undefined;
  };
  const throwTimedFailure = () => {
    const failure = timedFailure;
    timedFailure = undefined;
    if (failure) throw failure.error;
  };
  const commit = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const committed = waiting;
    waiting = [];
    pending = 0;
    if (lost !== undefined) {
      const cause = lost;
      lost = undefined;
      close(cause instanceof Error ? cause : new Error('the connection lost its transaction'));
      throw new SecdigestError('database', 'the write transaction was lost with its PostgreSQL connection: the last feeds were not stored', { cause });
    }
    if (!client) return;
    try {
      await client.query('COMMIT');
      close();
    } catch (error) {
      // PostgreSQL has rolled the transaction back; the connection may be gone with it.
      close(error as Error);
      throw error;
    }
    for (const fn of committed) fn();
  };

  return {
    record: (run) =>
      serially(async () => {
        throwTimedFailure();
        if (lost !== undefined) throw lost;
        if (!client) {
          client = await pool.connect();
          try {
            await client.query('BEGIN');
          } catch (error) {
            close(error as Error);
            throw error;
          }
        }
        const group = client;
        let counts: UpsertCounts;
        try {
          await group.query('SAVEPOINT feed_run');
          counts = await recordFeedRun(group, run);
          await group.query('RELEASE SAVEPOINT feed_run');
        } catch (error) {
          // The feed's own failure (a constraint) rolls back only the feed; a dead connection takes the group.
          await group.query('ROLLBACK TO SAVEPOINT feed_run').catch((rollbackError: unknown) => (lost = rollbackError));
          throw error;
        }
        pending++;
        if (pending >= options.maxFeeds) await commit();
        else if (!timer) {
          timer = setTimeout(() => {
            timer = undefined;
            void serially(commit).catch((error: unknown) => (timedFailure = { error }));
          }, options.maxDelayMs);
        }
        return counts;
      }),
    flush: () =>
      serially(async () => {
        throwTimedFailure();
        await commit();
      }),
    discard() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      timedFailure = undefined;
      waiting = [];
      pending = 0;
      void serially(async () => {
        const open = client;
        const failure = lost;
        lost = undefined;
        if (!open) return;
        // A connection that lost its transaction is destroyed, not handed back to the pool.
        if (failure !== undefined) return close(failure instanceof Error ? failure : new Error('the connection lost its transaction'));
        try {
          await open.query('ROLLBACK');
          close();
        } catch (error) {
          close(error as Error);
        }
      });
    },
    afterCommit(fn) {
      if (client || lost !== undefined) waiting.push(fn);
      else fn();
    },
  };
}
