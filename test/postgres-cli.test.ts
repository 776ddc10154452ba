/**
 * Issue 20: the commands work end to end on PostgreSQL. The real CLI (in-process) collects a local
 * feed farm into a schema of its own, analyses it, drafts and exports an issue; `analyze --db`
 * files items from stdin against the stored stories. The same steps on a SQLite file give the
 * same issue, byte for byte, and the same analysis.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from './support/cli.js';
import { farmDocuments, startFarmServer, type FarmServer } from './support/feed-farm.js';
import { dropSchema, POSTGRES_URL, postgresAvailable, uniqueName } from './support/services.js';

const available = await postgresAvailable();

describe.skipIf(!available)('the CLI on PostgreSQL: collect, analyze, draft, export', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: FarmServer;
  let schema: string;

  beforeEach(() => {
    tmp = tempDir();
    schema = uniqueName('secdigest_cli');
  });
  afterEach(async () => {
    await server?.close();
    await dropSchema(schema);
    tmp.cleanup();
  });

  it('drafts and exports the same issue as on SQLite, with the farm\'s stories', async () => {
    const { feeds, bodies } = farmDocuments(6, 5);
    server = await startFarmServer(bodies, { delayMs: 0 });
    const config = path.join(tmp.dir, 'feeds.yaml');
    const list = feeds.map((f) => `  - { id: ${f.id}, name: "Farm ${f.id}", url: "${server.baseUrl}${f.path}", kind: news }`);
    fs.writeFileSync(config, `settings:\n  fetch:\n    timeoutMs: 5000\n    retries: 0\nfeeds:\n${list.join('\n')}\n`);
    const stdin = [
      { id: '1', title: 'Castellan patches Backup Server flaw CVE-2026-41003 exploited in attacks', source: 'wire', publishedAt: '2026-11-20T01:00:00Z' },
      { id: '2', title: 'Zorblax ransomware hits Example Corp', source: 'wire', publishedAt: '2026-11-20T02:00:00Z' },
    ].map((line) => JSON.stringify(line)).join('\n');

    const steps = async (db: string) => {
      const collect = await cli(['collect', '--config', config, '--db', db, '--json']);
      expect(collect.code, collect.stderr).toBe(0);
      const summary = JSON.parse(collect.stdout) as { totals: { ok: number; itemsNew: number }; analysis: { items: number } };
      expect(summary.totals).toMatchObject({ ok: 6, itemsNew: 30 });
      expect(summary.analysis.items).toBe(30);
      const pending = await cli(['analyze', '--pending', '--config', config, '--db', db]);
      expect(pending.code, pending.stderr).toBe(0);
      expect(JSON.parse(pending.stdout)).toMatchObject({ items: 0, pending: 0 });
      const analysed = await cli(['analyze', '--config', config, '--db', db], {}, stdin);
      expect(analysed.code, analysed.stderr).toBe(0);
      const draft = await cli(['draft', '--since', '2026-11-19', '--date', '2026-11-21', '--config', config, '--db', db, '--json']);
      expect(draft.code, draft.stderr).toBe(0);
      const stored = JSON.parse(draft.stdout) as { number: number; sections: { entries: { storyId: string; coverage: number }[] }[] };
      const md = await cli(['export', '--config', config, '--db', db]);
      expect(md.code, md.stderr).toBe(0);
      return { analysed: analysed.stdout, entries: stored.sections.flatMap((s) => s.entries), number: stored.number, md: md.stdout };
    };

    const onPostgres = await steps(`${POSTGRES_URL}?schema=${schema}`);
    expect(onPostgres.number).toBe(1);
    // The farm's 30 items: stories told by three or four feeds, and stories of one feed each.
    expect(onPostgres.entries.length).toBeGreaterThan(5);
    expect(onPostgres.entries.some((e) => e.coverage >= 3)).toBe(true);
    expect(onPostgres.md).toContain('Also covered by');
    const lines = onPostgres.analysed.trim().split('\n').map((line) => JSON.parse(line) as { match: string; storyId: number });
    expect(lines.map((l) => l.match)).toEqual(['near', 'new']);

    const onSqlite = await steps(path.join(tmp.dir, 'secdigest.db'));
    expect(onPostgres.analysed).toBe(onSqlite.analysed);
    expect(onPostgres.md).toBe(onSqlite.md);
  }, 60_000);
});
