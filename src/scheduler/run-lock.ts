import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { SecdigestError } from '../model/index.js';
import { acquireLock, releaseLock, renewLock, type Db, type LockHolder } from '../storage/index.js';

export interface RunLockOptions {
  /** Lease length; renewed every third of it while the work runs. */
  ttlMs: number;
  /** How long to wait for a busy lock before giving up (0: give up at once). */
  waitMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Another process holds the lock: the caller skips (or waited and gave up). */
export class LockBusyError extends SecdigestError {
  constructor(
    readonly lockName: string,
    readonly holder: LockHolder,
  ) {
    super('busy', `another ${lockName} is running (${holder.owner}, since ${holder.acquiredAt}; its lease ends ${holder.expiresAt})`);
  }
}

/** Identifies this process in the lock table: host, pid and a random suffix. */
export function lockOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Runs `work` while holding the named lease, renewing it in the background and releasing it
 * afterwards, even when `work` throws. Throws LockBusyError when the lock stays busy.
 */
export async function withRunLock<T>(db: Db, name: string, options: RunLockOptions, work: () => Promise<T>): Promise<T> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const owner = lockOwner();
  const deadline = now().getTime() + options.waitMs;
  for (;;) {
    const result = acquireLock(db, name, owner, now(), options.ttlMs);
    if (result.acquired) break;
    const left = deadline - now().getTime();
    if (left <= 0) throw new LockBusyError(name, result.holder);
    await sleep(Math.min(left, 1000));
  }
  const renewal = setInterval(() => renewLock(db, name, owner, now(), options.ttlMs), Math.max(10, options.ttlMs / 3));
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    releaseLock(db, name, owner);
  }
}
