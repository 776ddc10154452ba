import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { SecdigestError } from '../model/index.js';
import { asStorageError, isEnvironmentFailure, type AcquireResult, type LockHolder, type RunLockRepository } from '../storage/index.js';

export interface RunLockOptions {
  /** Lease length; renewed every third of it while the work runs. */
  ttlMs: number;
  /** How long to wait for a busy lock before giving up (0: give up at once). */
  waitMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Stops waiting for a busy lock (shutdown): the wait ends with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Another process holds the lock, or held the database's write lock too long to even look: the
 * caller skips (or waited and gave up).
 */
export class LockBusyError extends SecdigestError {
  constructor(
    readonly lockName: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      'busy',
      holder
        ? `another ${lockName} is running (${holder.owner}, since ${holder.acquiredAt}; its lease ends ${holder.expiresAt})`
        : `the database is busy: another process kept it locked for writing (a long \`analyze --db\` or \`train\`?)`,
    );
  }
}

/** Identifies this process in the lock table: host, pid and a random suffix. */
export function lockOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when the holder ran on this host and its process no longer exists: a collect killed with
 * SIGKILL (or an OOM kill, or a power cut of the terminal) need not block the next run for the rest
 * of its lease. A holder on another host, or a pid that answers (perhaps reused), keeps its lease.
 */
export function holderIsGone(holder: LockHolder, hostname = os.hostname()): boolean {
  const parts = holder.owner.split(':');
  if (parts.length < 3) return false;
  const pid = Number(parts[parts.length - 2]);
  const host = parts.slice(0, -2).join(':');
  if (host !== hostname || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `work` while holding the named lease, renewing it in the background and releasing it
 * afterwards, even when `work` throws. Throws LockBusyError when the lock stays busy.
 */
export async function withRunLock<T>(locks: RunLockRepository, name: string, options: RunLockOptions, work: () => Promise<T>): Promise<T> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
  const owner = lockOwner();
  const deadline = now().getTime() + options.waitMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const result = await tryAcquire(locks, name, owner, now(), options.ttlMs);
    if (result?.acquired) break;
    const left = deadline - now().getTime();
    if (left <= 0) throw new LockBusyError(name, result?.holder);
    await sleep(Math.min(left, 1000));
  }
  const renewal = setInterval(() => {
    locks.renew(name, owner, now(), options.ttlMs).catch((error: unknown) => {
      // Another writer kept the database locked past busy_timeout, or the disk failed: the lease
      // outlasts a few missed renewals (the run meets the disk's failure itself). Anything else is
      // a bug, left to end the process as an unhandled rejection.
      if (!isEnvironmentFailure(error)) throw error;
    });
  }, Math.max(10, options.ttlMs / 3));
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await releaseQuietly(locks, name, owner);
  }
}

/** Releases the lease; when the database cannot be written (locked, a failing disk), the lease ends by itself within its ttl. */
async function releaseQuietly(locks: RunLockRepository, name: string, owner: string): Promise<void> {
  try {
    await locks.release(name, owner);
  } catch (error) {
    if (!isEnvironmentFailure(error)) throw error;
  }
}

/** The lock, or undefined when another connection kept the database locked past busy_timeout. */
async function tryAcquire(locks: RunLockRepository, name: string, owner: string, now: Date, ttlMs: number): Promise<AcquireResult | undefined> {
  try {
    return await locks.acquire(name, owner, now, ttlMs, (holder) => holderIsGone(holder));
  } catch (error) {
    if (asStorageError(error)?.failure === 'busy') return undefined;
    throw error;
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
