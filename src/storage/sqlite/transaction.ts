import type { Db } from './database.js';

/**
 * Runs `work` in one SQLite transaction (a SAVEPOINT when one is already open), for the commands
 * not yet moved to the async storage ports (ports.ts): they group their storage calls without
 * touching the driver's API. `immediate` takes the write lock at BEGIN, so two writers that read
 * before they write (draft numbering) cannot both read the same state.
 */
export function inTransaction<T>(db: Db, work: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
  const transaction = db.transaction(work);
  return mode === 'immediate' ? transaction.immediate() : transaction();
}
