/** The storage contract: feeds, feed runs, maintenance, run locks and typed errors (run by ./index.ts against every implementation). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../src/model/index.js';
import { feed, item, NOW, run, type ContractContext } from './data.js';

export function collectionContract(ctx: ContractContext): void {
  describe('feeds', () => {
    it('syncs the configured feeds and reads a fresh state; an unknown feed has none', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b', 2)], NOW);
      expect(await ctx.storage.feeds.state('a')).toMatchObject({ etag: null, lastModified: null, consecutiveErrors: 0, disabledReason: null });
      expect(await ctx.storage.feeds.state('nope')).toBeUndefined();
      expect(await ctx.storage.feeds.lastFetchAt()).toBeNull();
    });

    it('reports health with item counts in the order asked, and a retry clears a 410 and the backoff', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Alpha one')]));
      await writer.record(run('b', [], { outcome: 'gone', httpStatus: 410, error: { code: 'http-status', message: 'HTTP 410 Gone' }, nextAttemptAt: '2026-11-24T00:00:00.000Z' }));
      await writer.flush();
      expect((await ctx.storage.feeds.health(['b', 'a'])).map((h) => [h.id, h.items, h.disabledReason !== null])).toEqual([['b', 0, true], ['a', 1, false]]);
      expect(await ctx.storage.feeds.lastFetchAt()).toBe(NOW);
      await ctx.storage.feeds.retry(['b']);
      expect(await ctx.storage.feeds.state('b')).toMatchObject({ disabledReason: null, nextAttemptAt: null, retryAt: null });
    });
  });

  describe('feed runs', () => {
    it('stores a run atomically: items pending analysis, validators, counts new / updated / seen', async () => {
      await ctx.storage.feeds.sync([feed('a')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      expect(await writer.record(run('a', [item('a', '1', 'Alpha one'), item('a', '2', 'Beta two')], { etag: '"v1"' }))).toEqual({ new: 2, updated: 0, seen: 0 });
      let reported = false;
      writer.afterCommit(() => (reported = true));
      expect(reported).toBe(false);
      await writer.flush();
      expect(reported).toBe(true);
      expect(await ctx.storage.feeds.state('a')).toMatchObject({ etag: '"v1"', lastStatus: 'ok' });
      expect(await ctx.storage.analysis.countPending()).toBe(2);

      const again = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      expect(await again.record(run('a', [{ ...item('a', '1', 'Alpha one, updated'), contentHash: 'c:new' }, item('a', '2', 'Beta two')]))).toEqual({ new: 0, updated: 1, seen: 1 });
      await again.flush();
    });

    it('records a failure with its error streak and keeps the stored validators', async () => {
      await ctx.storage.feeds.sync([feed('a')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
      await writer.record(run('a', [], { outcome: 'not-modified', httpStatus: 304, etag: '"v1"' }));
      await writer.record(run('a', [], { outcome: 'failed', httpStatus: 500, error: { code: 'http-status', message: 'HTTP 500' }, nextAttemptAt: '2026-11-23T13:00:00.000Z' }));
      await writer.flush();
      expect(await ctx.storage.feeds.state('a')).toMatchObject({ etag: '"v1"', consecutiveErrors: 1, lastErrorCode: 'http-status', nextAttemptAt: '2026-11-23T13:00:00.000Z' });
    });

    it('rolls back what is pending on discard: nothing of it is stored', async () => {
      await ctx.storage.feeds.sync([feed('a')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Alpha one')], { etag: '"v1"' }));
      writer.discard();
      expect(await ctx.storage.analysis.countPending()).toBe(0);
      expect(await ctx.storage.feeds.state('a')).toMatchObject({ etag: null });
    });
  });

  describe('maintenance', () => {
    it('counts what a prune would remove without removing it, then removes it; reports pages and health', async () => {
      await ctx.storage.feeds.sync([feed('a')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Alpha one')]));
      await writer.flush();
      const later = '2027-06-01T00:00:00.000Z';
      expect((await ctx.storage.maintenance.pruneItems(later, { dryRun: true })).items).toBe(1);
      expect(await ctx.storage.analysis.countPending()).toBe(1);
      expect((await ctx.storage.maintenance.pruneItems(later, { dryRun: false })).items).toBe(1);
      expect(await ctx.storage.analysis.countPending()).toBe(0);
      expect((await ctx.storage.maintenance.pageStats()).pageCount).toBeGreaterThan(0);
      await ctx.storage.maintenance.compact();
      const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-contract-backup-')), 'copy.db');
      expect((await ctx.storage.maintenance.backup(copy)).bytes).toBeGreaterThan(0);
      await expect(ctx.storage.maintenance.backup(copy)).rejects.toThrow(/already exists/);
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
      const health = await ctx.storage.maintenance.health();
      expect(health.integrity).toEqual(['ok']);
      expect(health.schemaVersion).toBe(health.expectedSchemaVersion);
    });
  });

  describe('run locks', () => {
    it('grants a lease to one owner at a time, renews, releases, and names the holder', async () => {
      const now = new Date(NOW);
      expect(await ctx.storage.runLocks.acquire('collect', 'one', now, 60_000)).toEqual({ acquired: true });
      const refused = await ctx.storage.runLocks.acquire('collect', 'two', now, 60_000);
      expect(refused).toMatchObject({ acquired: false, holder: { owner: 'one' } });
      expect(await ctx.storage.runLocks.renew('collect', 'one', now, 60_000)).toBe(true);
      expect(await ctx.storage.runLocks.renew('collect', 'two', now, 60_000)).toBe(false);
      expect(await ctx.storage.runLocks.holder('collect')).toMatchObject({ owner: 'one' });
      await ctx.storage.runLocks.release('collect', 'one');
      expect(await ctx.storage.runLocks.holder('collect')).toBeUndefined();
    });

    it('takes over an expired lease, or a live one whose holder is gone', async () => {
      const now = new Date(NOW);
      await ctx.storage.runLocks.acquire('collect', 'one', now, 1_000);
      expect(await ctx.storage.runLocks.acquire('collect', 'two', new Date(now.getTime() + 2_000), 1_000)).toEqual({ acquired: true });
      expect(await ctx.storage.runLocks.acquire('collect', 'three', now, 60_000, (holder) => holder.owner === 'two')).toEqual({ acquired: true });
    });
  });

  describe('errors', () => {
    it('reports a broken constraint as a typed StorageError, never a driver error', async () => {
      // Items of a feed that was never synced break the items → feeds reference.
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
      const failure = await writer.record(run('unknown-feed', [item('unknown-feed', '1', 'Orphan')])).then(
        () => undefined,
        (error: unknown) => error,
      );
      writer.discard();
      expect(failure).toBeInstanceOf(StorageError);
      expect(failure).toMatchObject({ failure: 'constraint', code: 'storage' });
    });
  });
}
