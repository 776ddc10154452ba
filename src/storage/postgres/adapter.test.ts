import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SecdigestError, StorageError } from '../../model/index.js';
import { describeStorageContract } from '../../../test/support/storage-contract/index.js';
import { feed, item, NOW, run } from '../../../test/support/storage-contract/data.js';
import { POSTGRES_URL, postgresAvailable, uniqueName } from '../../../test/support/services.js';
import { openApp, openStorage } from '../../app.js';
import { runDoctor } from '../../commands/doctor.js';
import type { Storage } from '../index.js';
import { postgresStorage } from './adapter.js';
import { createPool, postgresTarget } from './connection.js';
import { asPostgresStorageError } from './errors.js';
import { createFeedRunWriter } from './group-commit.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

const available = await postgresAvailable();

/** Each store gets a schema of its own, dropped by `dropSchemas` (the server is shared with other test files). */
const schemas: string[] = [];
function freshSchema(): string {
  const schema = uniqueName('secdigest_test');
  schemas.push(schema);
  return schema;
}
async function dropSchemas(names: string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('PostgreSQL storage', () => {
  // The same contract as SQLite's, unchanged, each test in a fresh schema.
  describeStorageContract('PostgreSQL', async () => {
    const schema = freshSchema();
    const storage = await postgresStorage(POSTGRES_URL, { schema });
    return {
      storage,
      cleanup: async () => {
        await storage.close();
        await dropSchemas(schemas.splice(schemas.indexOf(schema), 1));
      },
    };
  });

  const opened: Storage[] = [];
  async function open(schema = freshSchema(), options: { readonly?: boolean; mustExist?: boolean } = {}): Promise<Storage> {
    const storage = await postgresStorage(POSTGRES_URL, { schema, ...options });
    opened.push(storage);
    return storage;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  afterAll(async () => {
    await dropSchemas(schemas.splice(0));
  });

  describe('migrations', () => {
    it('are applied once: a second run is a no-op, and two processes migrating at once apply each version once', async () => {
      const schema = freshSchema();
      const pools = [0, 1, 2].map(() => createPool(postgresTarget(POSTGRES_URL, schema), {}));
      try {
        const applied = await Promise.all(pools.map((pool) => migrate(pool, schema)));
        const versions = MIGRATIONS.map((m) => m.version);
        expect(versions.at(-1)).toBe(SCHEMA_VERSION);
        expect(applied.filter((list) => list.length > 0)).toEqual([versions]);
        expect(await migrate(pools[0]!, schema)).toEqual([]);
        const { rows } = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows).toEqual(versions.map((version) => ({ version })));
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });

    it('refuses a schema newer than this release, naming the versions', async () => {
      const schema = freshSchema();
      await (await open(schema)).close();
      const pool = createPool(postgresTarget(POSTGRES_URL, schema), {});
      await pool.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')");
      await pool.end();
      await expect(postgresStorage(POSTGRES_URL, { schema })).rejects.toThrow(/schema version 99 is newer than this secdigest understands/);
    });

    it('a read-only store migrates nothing and refuses writes; mustExist refuses a schema collect never set up', async () => {
      const schema = freshSchema();
      const readonly = await open(schema, { readonly: true });
      expect((await readonly.maintenance.health()).schemaVersion).toBe(0);
      await expect(open(schema, { mustExist: true })).rejects.toThrow(SecdigestError);
      await expect(open(schema, { mustExist: true })).rejects.toThrow(/no secdigest tables in .*schema secdigest_test/);
      await (await open(schema)).close(); // migrates
      const again = await open(schema, { readonly: true });
      const failure = await again.feeds.sync([feed('a')], NOW).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageError);
      expect(failure).toMatchObject({ failure: 'unavailable', driverCode: '25006' });
    });
  });

  describe('errors', () => {
    it('a server that cannot be reached is StorageError unavailable naming it, without the password', async () => {
      const failure = await postgresStorage('postgres://secdigest:s3cret@127.0.0.1:1/test').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageError);
      expect(failure).toMatchObject({ failure: 'unavailable', driverCode: 'ECONNREFUSED' });
      expect((failure as Error).message).toMatch(/^cannot open PostgreSQL database postgres:\/\/secdigest:\*\*\*@127\.0\.0\.1:1\/test: /);
      expect((failure as Error).message).not.toContain('s3cret');
    });

    it('maps SQLSTATE codes to the typed failures; a SQL mistake of secdigest\'s own stays a bug', () => {
      const failure = (code: string) => asPostgresStorageError(Object.assign(new Error(`code ${code}`), { code }))?.failure;
      expect(['40001', '40P01', '55P03'].map(failure)).toEqual(['busy', 'busy', 'busy']);
      expect(failure('53100')).toBe('full');
      expect(['XX001', 'XX002'].map(failure)).toEqual(['damaged', 'damaged']);
      expect(['08006', '57P01', '3D000', '28P01', '42P01'].map(failure)).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable', 'unavailable']);
      expect(['23505', '23514', '23503'].map(failure)).toEqual(['constraint', 'constraint', 'constraint']);
      expect(failure('42601')).toBeUndefined(); // syntax error
      expect(asPostgresStorageError(new Error('Connection terminated unexpectedly'))?.failure).toBe('unavailable');
      expect(asPostgresStorageError(new TypeError('a bug'))).toBeUndefined();
    });
  });

  describe('across processes', () => {
    it('grants the run lock to exactly one of many processes asking at once', async () => {
      const schema = freshSchema();
      const stores = [await open(schema), await open(schema), await open(schema), await open(schema)];
      const now = new Date(NOW);
      const results = await Promise.all(stores.map((storage, n) => storage.runLocks.acquire('collect', `host:${n}`, now, 60_000)));
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
      const winner = results.findIndex((r) => r.acquired);
      expect(await stores[0]!.runLocks.holder('collect')).toMatchObject({ owner: `host:${winner}` });
    });

    it('group-commits concurrent records of one run: each feed in its own savepoint, visible to others once flushed', async () => {
      const schema = freshSchema();
      const [store, other] = [await open(schema), await open(schema)];
      await store.feeds.sync(['a', 'b', 'c', 'd'].map((id) => feed(id)), NOW);
      const writer = store.feedRuns.writer({ maxFeeds: 50, maxDelayMs: 60_000 });
      const results = await Promise.allSettled(
        ['a', 'b', 'nope', 'c', 'd'].map((id) => writer.record(run(id, [item(id, '1', `Story ${id}`), item(id, '2', `Other ${id}`)]))),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ failure: 'constraint', driverCode: '23503' });
      expect(await other.analysis.countPending()).toBe(0); // not committed yet
      await writer.flush();
      expect(await other.analysis.countPending()).toBe(8);
    });
  });

  describe('a lost connection', () => {
    it('fails the open group as a whole: its feeds are not reported stored, and the next group works', async () => {
      const schema = freshSchema();
      await (await open(schema)).feeds.sync([feed('a'), feed('b')], NOW);
      // One connection, so the group's is the one whose server process is known and ended here.
      const pool = createPool(postgresTarget(POSTGRES_URL, schema), { maxConnections: 1 });
      const killer = new pg.Client({ connectionString: POSTGRES_URL });
      await killer.connect();
      try {
        const { rows } = await pool.query('SELECT pg_backend_pid() AS pid');
        const writer = createFeedRunWriter(pool, { maxFeeds: 10, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Alpha one')]));
        let reported = false;
        writer.afterCommit(() => (reported = true));
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        const failure = await writer.record(run('b', [item('b', '1', 'Bravo one')])).catch((error: unknown) => error);
        expect(asPostgresStorageError(failure)?.failure).toBe('unavailable');
        await expect(writer.flush()).rejects.toThrow(/lost with its PostgreSQL connection/);
        expect(reported).toBe(false);
        const again = createFeedRunWriter(pool, { maxFeeds: 10, maxDelayMs: 60_000 });
        expect(await again.record(run('b', [item('b', '1', 'Bravo one')]))).toEqual({ new: 1, updated: 0, seen: 0 });
        await again.flush();
        expect((await pool.query('SELECT id FROM items')).rows).toEqual([{ id: 'b:1' }]);
      } finally {
        await killer.end();
        await pool.end();
      }
    });
  });

  describe('maintenance', () => {
    it('backs up with pg_dump into a file pg_restore reads, and refuses to overwrite one', async () => {
      const storage = await open();
      await storage.feeds.sync([feed('a')], NOW);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-pg-backup-'));
      try {
        const file = path.join(dir, 'nested', 'secdigest.dump');
        const result = await storage.maintenance.backup(file);
        expect(result).toMatchObject({ file, bytes: fs.statSync(file).size });
        expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP'); // pg_dump's custom format
        await expect(storage.maintenance.backup(file)).rejects.toThrow(/already exists/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports health: no problems, the schema version and the write-ahead log level', async () => {
      const health = await (await open()).maintenance.health();
      expect(health).toEqual({ integrity: ['ok'], schemaVersion: SCHEMA_VERSION, expectedSchemaVersion: SCHEMA_VERSION, journalMode: expect.stringMatching(/^wal_level \w+$/) });
    });
  });

  describe('selection by URL (app.ts)', () => {
    it('opens PostgreSQL for a postgres:// or postgresql:// URL (with ?schema=) and SQLite for anything else', async () => {
      const schema = freshSchema();
      const viaUrl = await openStorage(`${POSTGRES_URL.replace(/^postgres:/, 'postgresql:')}?schema=${schema}`);
      try {
        expect((await viaUrl.maintenance.health()).journalMode).toMatch(/^wal_level/);
        await viaUrl.feeds.sync([feed('a')], NOW);
      } finally {
        await viaUrl.close();
      }
      expect(await (await open(schema)).feeds.state('a')).toBeDefined(); // the same schema
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-pg-select-'));
      try {
        const sqlite = await openStorage(path.join(dir, 'local.db'));
        expect((await sqlite.maintenance.health()).journalMode).toBe('wal');
        await sqlite.close();
        const config = path.join(dir, 'feeds.yaml');
        fs.writeFileSync(config, 'feeds:\n  - { id: a, name: A, url: "https://a.example/feed", kind: news }\n');
        const app = await openApp({ configPath: config, dbPath: `${POSTGRES_URL}?schema=${schema}` });
        try {
          expect(app.db).toBeUndefined();
          expect(await app.storage.feeds.state('a')).toMatchObject({ url: 'https://a.example/feed' });
        } finally {
          await app.close();
        }
        const report = await runDoctor({ configPath: config, dbPath: `${POSTGRES_URL}?schema=${schema}` }, new Date(NOW));
        expect(report.checks.map((c) => [c.name, c.status])).toEqual([
          ['config', 'ok'], ['templates', 'ok'], ['connection', 'ok'], ['integrity', 'ok'], ['schema', 'ok'], ['journal', 'ok'], ['last-run', 'warn'], ['feeds', 'ok'],
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
