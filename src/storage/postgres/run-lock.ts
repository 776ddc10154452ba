import type pg from 'pg';
import type { AcquireResult, LockHolder } from '../sqlite/run-lock.js';
import { changes, first, type Queryable } from './queries.js';
import { inTransaction, lockFor } from './transaction.js';

const HOLDER = 'SELECT owner, acquired_at AS "acquiredAt", expires_at AS "expiresAt" FROM run_locks WHERE name = $1';

/**
 * A lease per lock name, as sqlite/run-lock.ts: taking it is a check-and-set inside a transaction
 * that first takes an advisory lock on the name, so two processes on any machines can never both
 * win (the row may not exist yet, so a row lock alone would not serialize them).
 */
export function acquireLock(
  pool: pg.Pool,
  name: string,
  owner: string,
  now: Date,
  ttlMs: number,
  isGone: (holder: LockHolder) => boolean = () => false,
): Promise<AcquireResult> {
  return inTransaction(pool, async (db) => {
    await lockFor(db, `run-lock:${name}`);
    const holder = await first<LockHolder>(db, HOLDER, [name]);
    if (holder && holder.owner !== owner && Date.parse(holder.expiresAt) > now.getTime() && !isGone(holder)) {
      return { acquired: false, holder };
    }
    await db.query(
      `INSERT INTO run_locks (name, owner, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
      [name, owner, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString()],
    );
    return { acquired: true } as const;
  });
}

/** Extends the lease; false when the lock was lost (it expired and someone else took it). */
export async function renewLock(db: Queryable, name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
  return (await changes(db, 'UPDATE run_locks SET expires_at = $1 WHERE name = $2 AND owner = $3', [new Date(now.getTime() + ttlMs).toISOString(), name, owner])) === 1;
}

export async function releaseLock(db: Queryable, name: string, owner: string): Promise<void> {
  await db.query('DELETE FROM run_locks WHERE name = $1 AND owner = $2', [name, owner]);
}

export function lockHolder(db: Queryable, name: string): Promise<LockHolder | undefined> {
  return first<LockHolder>(db, HOLDER, [name]);
}
