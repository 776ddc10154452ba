import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, lockHolder, openDatabase, sqliteStorage, type Db } from '../storage/index.js';

const locks = (db: Db) => sqliteStorage(db).runLocks;
import { spawnSync } from 'node:child_process';
import { holderIsGone, LockBusyError, withRunLock } from './run-lock.js';

describe('run lock (a lease in SQLite)', () => {
  let dir: string;
  let first: Db;
  let second: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-lock-'));
    // Two connections to one file: two processes, as far as SQLite is concerned.
    first = openDatabase(path.join(dir, 'db.sqlite'));
    second = openDatabase(path.join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    first.close();
    second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an overlapping run and names the holder', async () => {
    let inside = false;
    const running = withRunLock(locks(first), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => {
      inside = true;
      await expect(withRunLock(locks(second), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => 'second ran')).rejects.toThrow(LockBusyError);
      return 'first ran';
    });
    await expect(running).resolves.toBe('first ran');
    expect(inside).toBe(true);
    // Released afterwards: the next run gets it.
    await expect(withRunLock(locks(second), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => 'second ran')).resolves.toBe('second ran');
    expect(lockHolder(first, 'collect')).toBeUndefined();
  });

  it('releases the lock when the work throws', async () => {
    await expect(withRunLock(locks(first), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(lockHolder(second, 'collect')).toBeUndefined();
  });

  it('survives another connection keeping the database locked: no lock taken (busy), renewals and release skipped, not thrown', async () => {
    first.pragma('busy_timeout = 5');
    second.pragma('busy_timeout = 5');
    second.exec('BEGIN IMMEDIATE');
    const refused = withRunLock(locks(first), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => 'ran');
    await expect(refused).rejects.toThrow(LockBusyError);
    await expect(refused).rejects.toThrow(/the database is busy/);
    second.exec('ROLLBACK');

    // Locked while the work runs: the renewals (every 10 ms) and the release meet SQLITE_BUSY.
    const ran = withRunLock(locks(first), 'collect', { ttlMs: 30, waitMs: 0 }, async () => {
      second.exec('BEGIN IMMEDIATE');
      await new Promise((resolve) => setTimeout(resolve, 60));
      return 'ran';
    });
    await expect(ran).resolves.toBe('ran');
    second.exec('ROLLBACK');
    // The lease was not released; it ends by itself (30 ms) and the next run takes it.
    expect(lockHolder(second, 'collect')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await expect(withRunLock(locks(second), 'collect', { ttlMs: 60_000, waitMs: 0 }, async () => 'next')).resolves.toBe('next');
  });

  it('lets a stale lock from a killed process expire', async () => {
    const killedAt = new Date('2026-11-25T06:00:00Z');
    // A process took the lock and died: nobody renews or releases it.
    expect(acquireLock(first, 'collect', 'dead-host:4242:abcd', killedAt, 120_000)).toEqual({ acquired: true });
    const busy = withRunLock(locks(second), 'collect', { ttlMs: 120_000, waitMs: 0, now: () => new Date(killedAt.getTime() + 60_000) }, async () => 'ran');
    await expect(busy).rejects.toThrow(/another collect is running \(dead-host:4242:abcd/);
    const later = withRunLock(locks(second), 'collect', { ttlMs: 120_000, waitMs: 0, now: () => new Date(killedAt.getTime() + 121_000) }, async () => 'ran');
    await expect(later).resolves.toBe('ran');
  });

  it('takes over at once from a holder on this host whose process is gone (SIGKILL)', async () => {
    // A real process that has exited: its pid no longer exists (until reused, which keeps the lease).
    const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    const deadPid = child.pid;
    const dead = `${os.hostname()}:${deadPid}:abcd`;
    expect(holderIsGone({ owner: dead, acquiredAt: '', expiresAt: '' })).toBe(true);
    expect(acquireLock(first, 'collect', dead, new Date(), 120_000)).toEqual({ acquired: true });
    await expect(withRunLock(locks(second), 'collect', { ttlMs: 120_000, waitMs: 0 }, async () => 'ran')).resolves.toBe('ran');
  });

  it('keeps the lease of a live holder, and of one on another host', () => {
    expect(holderIsGone({ owner: `${os.hostname()}:${process.ppid}:abcd`, acquiredAt: '', expiresAt: '' })).toBe(false);
    expect(holderIsGone({ owner: 'another-host:1:abcd', acquiredAt: '', expiresAt: '' })).toBe(false);
    expect(holderIsGone({ owner: 'not an owner', acquiredAt: '', expiresAt: '' })).toBe(false);
  });

  it('waits for a busy lock when asked to', async () => {
    expect(acquireLock(first, 'collect', 'other', new Date(), 60_000).acquired).toBe(true);
    let clock = Date.now();
    const sleeps: number[] = [];
    const waiting = withRunLock(
      locks(second),
      'collect',
      {
        ttlMs: 60_000,
        waitMs: 5_000,
        now: () => new Date(clock),
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
          if (sleeps.length === 2) first.prepare("DELETE FROM run_locks WHERE owner = 'other'").run();
        },
      },
      async () => 'ran after waiting',
    );
    await expect(waiting).resolves.toBe('ran after waiting');
    expect(sleeps).toEqual([1000, 1000]);
  });
});
