import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vacuumDecision } from '../src/commands/prune.js';
import { acquireLock, lockHolder, openDatabase } from '../src/storage/index.js';
import { cli, tempDir } from './support/cli.js';

/** One disabled feed: `collect` has nothing to fetch, so these tests exercise only the lock. */
const IDLE = 'feeds:\n  - { id: idle, name: Idle, url: "https://idle.example/feed", kind: news, enabled: false }\n';

describe('operations CLI: run lock, doctor, prune', () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let db: string;
  beforeEach(() => {
    tmp = tempDir();
    config = path.join(tmp.dir, 'feeds.yaml');
    db = path.join(tmp.dir, 'db.sqlite');
    fs.writeFileSync(config, IDLE);
  });
  afterEach(() => tmp.cleanup());

  const args = (...rest: string[]) => [...rest, '--config', config, '--db', db];
  /** Another process's lease on the collect lock (a second connection is another process to SQLite). */
  function holdLock(owner: string, at: Date, ttlMs: number) {
    const other = openDatabase(db);
    expect(acquireLock(other, 'collect', owner, at, ttlMs).acquired).toBe(true);
    return other;
  }

  it('collect refuses to overlap a running collect: exit 5 with a clear message, or waits with --wait', async () => {
    const other = holdLock('cron-host:4242:abcd', new Date(), 60_000);
    try {
      const busy = await cli(args('collect'));
      expect(busy.code).toBe(5);
      expect(busy.stderr).toMatch(/^secdigest: another collect is running \(cron-host:4242:abcd, since .*\): skipped \(pass --wait SECONDS to wait for it\)$/m);
      expect(busy.stdout).toBe('');

      // --wait: the other run finishes 300 ms later and this one goes ahead.
      setTimeout(() => other.prepare("DELETE FROM run_locks WHERE owner = 'cron-host:4242:abcd'").run(), 300);
      const waited = await cli(args('collect', '--wait', '5', '--json'));
      expect(waited.code).toBe(0);
      expect(JSON.parse(waited.stdout).totals.feeds).toBe(0);
      expect(lockHolder(other, 'collect')).toBeUndefined(); // released afterwards
    } finally {
      other.close();
    }
    expect((await cli(args('collect', '--wait', 'soon'))).code).toBe(2);
  });

  it('a database another process keeps locked for writing: collect skips (exit 5), draft fails cleanly (exit 4), no stack trace', async () => {
    expect((await cli(args('collect'))).code).toBe(0); // the schema exists: opening the file writes nothing
    const other = openDatabase(db);
    other.exec('BEGIN IMMEDIATE'); // a long write elsewhere (an `analyze --db` of a big batch)
    try {
      const busy = await cli(args('collect'));
      expect(busy.code).toBe(5);
      expect(busy.stderr).toMatch(/^secdigest: the database is busy: another process kept it locked for writing .*: skipped \(pass --wait SECONDS to wait for it\)\n$/);
      const draft = await cli(args('draft', '--date', '2026-11-24'));
      expect(draft.code).toBe(4);
      expect(draft.stderr).toMatch(/^secdigest: database error \(SQLITE_BUSY\): database is locked: another secdigest process kept it locked for writing; try again when it is done\n$/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await cli(args('collect'))).code).toBe(0);
  }, 30_000);

  it('a stale lock left by a killed collect expires and the next collect takes it over', async () => {
    const other = holdLock('dead-host:99:dead', new Date(Date.now() - 10 * 60_000), 120_000); // lease ended 8 minutes ago
    other.close();
    const doctor = JSON.parse((await cli(args('doctor', '--json'))).stdout);
    expect(doctor.checks).toContainEqual(expect.objectContaining({ name: 'lock', detail: expect.stringMatching(/stale lease of dead-host:99:dead expired/) }));
    const run = await cli(args('collect'));
    expect(run.code).toBe(0);
  });

  it('doctor tells a lease left by a killed process on this host from a running one', async () => {
    const { spawnSync } = await import('node:child_process');
    const deadPid = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid; // a process that has exited
    const dead = holdLock(`${os.hostname()}:${deadPid}:dead`, new Date(), 120_000);
    dead.close();
    const gone = JSON.parse((await cli(args('doctor', '--json'))).stdout);
    expect(gone.checks).toContainEqual(expect.objectContaining({ name: 'lock', detail: expect.stringMatching(/was left by a process that is gone \(killed\?\): the next run takes it over$/) }));
    const cleanup = openDatabase(db);
    cleanup.prepare('DELETE FROM run_locks').run();
    cleanup.close();
    const running = holdLock(`${os.hostname()}:${process.pid}:live`, new Date(), 120_000); // this process: alive
    running.close();
    const live = JSON.parse((await cli(args('doctor', '--json'))).stdout);
    expect(live.checks).toContainEqual(expect.objectContaining({ name: 'lock', detail: expect.stringMatching(/^a collect or prune is running: /) }));
  });

  it('prune holds the same lock', async () => {
    const other = holdLock('cron-host:1:x', new Date(), 60_000);
    try {
      const run = await cli(args('prune'));
      expect(run.code).toBe(5);
      expect(run.stderr).toContain('prune skipped');
    } finally {
      other.close();
    }
  });

  it('doctor: exit 6 for warnings, 0 when healthy, 3 when a check fails', async () => {
    const missing = await cli(args('doctor'));
    expect(missing.code).toBe(6);
    expect(missing.stdout).toMatch(/warn +database +.*does not exist yet/);
    fs.writeFileSync(db, ''); // `touch`ed: empty, not damaged
    const empty = await cli(args('doctor'));
    expect(empty.code).toBe(6);
    expect(empty.stdout).toMatch(/warn +database +.*is empty: run `secdigest collect`/);

    await cli(args('collect'));
    const fresh = openDatabase(db);
    fresh.prepare("UPDATE feeds SET last_fetch_at = ?, unhealthy_since = '2026-11-01T00:00:00Z', consecutive_errors = 10, last_error_code = 'timeout', last_error = 'timed out' WHERE id = 'idle'").run(new Date().toISOString());
    fresh.close();
    // A disabled feed is not checked; enable it and it needs attention.
    fs.writeFileSync(config, IDLE.replace(', enabled: false', ''));
    const warn = await cli(args('doctor', '--json'));
    expect(warn.code).toBe(6);
    const report = JSON.parse(warn.stdout);
    expect(report.status).toBe('warn');
    expect(report.feeds).toEqual([{ id: 'idle', state: 'unhealthy', problem: expect.stringMatching(/^unhealthy since 2026-11-01T00:00:00Z after 10 errors/) }]);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['config', 'templates', 'integrity', 'schema', 'journal', 'last-run', 'feeds']);

    const healthy = openDatabase(db);
    healthy.prepare("UPDATE feeds SET unhealthy_since = NULL, consecutive_errors = 0 WHERE id = 'idle'").run();
    healthy.close();
    const ok = await cli(args('doctor'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('doctor: ok');

    fs.writeFileSync(config, 'feeds:\n  - { id: x, name: X, url: "ftp://x", kind: news }\n');
    const broken = await cli(args('doctor'));
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(/fail +config +invalid configuration/);

    fs.writeFileSync(db, 'this is not a database, just text long enough to not be empty'.repeat(100));
    fs.rmSync(`${db}-wal`, { force: true });
    fs.rmSync(`${db}-shm`, { force: true });
    fs.writeFileSync(config, IDLE);
    const corrupt = await cli(args('doctor', '--json'));
    expect(corrupt.code).toBe(3);
    expect(JSON.parse(corrupt.stdout).checks).toContainEqual(expect.objectContaining({ name: 'database', status: 'fail' }));
  });

  it('prune --dry-run --json reports the cutoff and counts; --older-than is checked', async () => {
    openDatabase(db).close();
    const run = await cli(args('prune', '--older-than', '26w', '--dry-run', '--json'));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ olderThanDays: 182, dryRun: true, removed: { items: 0 }, vacuum: { ran: false, reason: 'dry run' } });
    expect(Date.now() - Date.parse(report.cutoff)).toBeGreaterThan(181 * 86_400_000);
    const bad = await cli(args('prune', '--older-than', 'yesterday'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than must be an age such as 180d or 26w');
  });

  it('VACUUM only when a fifth of the file and 4 MiB are free', () => {
    const page = 4096;
    expect(vacuumDecision({ pageSize: page, pageCount: 10_000, freePages: 2_000 }).worth).toBe(true); // 20%, 8 MB
    expect(vacuumDecision({ pageSize: page, pageCount: 10_000, freePages: 1_999 }).worth).toBe(false); // under 20%
    expect(vacuumDecision({ pageSize: page, pageCount: 2_000, freePages: 1_000 }).worth).toBe(false); // 50% but 4 MB - 1 page
    expect(vacuumDecision({ pageSize: page, pageCount: 0, freePages: 0 }).worth).toBe(false);
  });

  it.each(['schedule', 'doctor', 'prune'])('%s --help documents --config, --db and --json', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--config', '--db', '--json']) expect(run.stdout).toContain(flag);
  });

  it('schedule refuses a bad schedule before starting, with the line', async () => {
    fs.writeFileSync(config, `settings:\n  schedule:\n    timezone: Mars/Olympus\n    draft: "0 25 * * *"\n${IDLE}`);
    const run = await cli(args('schedule'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('feeds.yaml:3: settings.schedule.timezone: timezone must be an IANA time zone such as America/New_York (got "Mars/Olympus")');
    expect(run.stderr).toMatch(/feeds\.yaml:4: settings\.schedule\.draft: draft must be a cron expression/);
  });
});
