import type { Db } from './database.js';
import { statement } from './statements.js';

export interface LockHolder {
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}

export type AcquireResult = { acquired: true } | { acquired: false; holder: LockHolder };

/**
 * A lease in SQLite: one row per lock name with its owner and an expiry. Taking it is a
 * check-and-set inside BEGIN IMMEDIATE, so two processes (the scheduler and a cron-started
 * `collect`) can never both win. A holder that dies stops renewing, and its lease expires;
 * `isGone` lets the caller take over sooner from a holder it knows is dead (same host, no process).
 */
export function acquireLock(
  db: Db,
  name: string,
  owner: string,
  now: Date,
  ttlMs: number,
  isGone: (holder: LockHolder) => boolean = () => false,
): AcquireResult {
  return db.transaction((): AcquireResult => {
    const holder = statement(db, 'SELECT owner, acquired_at AS acquiredAt, expires_at AS expiresAt FROM run_locks WHERE name = ?').get(
      name,
    ) as LockHolder | undefined;
    if (holder && holder.owner !== owner && Date.parse(holder.expiresAt) > now.getTime() && !isGone(holder)) {
      return { acquired: false, holder };
    }
    statement(db, 'INSERT OR REPLACE INTO run_locks (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)').run(
      name,
      owner,
      now.toISOString(),
      new Date(now.getTime() + ttlMs).toISOString(),
    );
    return { acquired: true };
  }).immediate();
}

/** Extends the lease; false when the lock was lost (it expired and someone else took it). */
export function renewLock(db: Db, name: string, owner: string, now: Date, ttlMs: number): boolean {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  return statement(db, 'UPDATE run_locks SET expires_at = ? WHERE name = ? AND owner = ?').run(expiresAt, name, owner).changes === 1;
}

export function releaseLock(db: Db, name: string, owner: string): void {
  statement(db, 'DELETE FROM run_locks WHERE name = ? AND owner = ?').run(name, owner);
}

export function lockHolder(db: Db, name: string): LockHolder | undefined {
  return statement(db, 'SELECT owner, acquired_at AS acquiredAt, expires_at AS expiresAt FROM run_locks WHERE name = ?').get(name) as
    | LockHolder
    | undefined;
}
