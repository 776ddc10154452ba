import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { runCollect } from '../src/commands/collect.js';
import { recordCorrection } from '../src/pipeline/analysis/corrections.js';
import { runTrain } from '../src/commands/train.js';
import { trainFromShippedSet } from '../src/pipeline/classify/index.js';
import { openDatabase, sqliteStorage } from '../src/storage/index.js';
import { cli, tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

/** Invented entries (our own writing): [guid, title, summary]. */
type Entry = [string, string, string];

const VULN: Entry = ['v1', 'Attackers exploit critical flaw in Helmsgate VPN gateways', 'The vendor fixed CVE-2026-40101 and CVE-2026-40102 through CVE-2026-40104 in an emergency update.'];
const OFF_TOPIC: Entry = ['o1', 'City council approves new bicycle lanes downtown', 'The plan adds twelve kilometres of protected lanes by next summer.'];
const WIRE: Entry = ['p1', 'Brookvale Dairy Unveils Line of Oat Milk Yogurts', 'MADISON, Wis., May 12, 2026 (GLOBE NEWSWIRE) -- Brookvale Dairy today introduced six plant-based yogurts.'];
const RELEASE: Entry = ['p2', 'Kestrowave Launches Managed Detection Service for Hospitals', 'NASHVILLE, Tenn., March 4, 2026 /PRNewswire/ -- Kestrowave, a provider of security operations services, today announced a managed detection and response service.'];
const HOSPITAL: Entry = ['h1', 'Regional clinic group says cyberattack took patient systems offline', 'The provider is investigating unauthorized access and has diverted some appointments while systems are restored.'];

function rss(entries: Entry[]): string {
  // Published an hour ago: inside train's default reclassification window (the dedupe window).
  const published = new Date(Date.now() - 3_600_000).toUTCString();
  const items = entries
    .map(([guid, title, summary]) => `<item><title>${title}</title><link>https://news.example/${guid}</link><guid isPermaLink="false">${guid}</guid>
      <pubDate>${published}</pubDate><description>${summary}</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>${items}</channel></rss>`;
}

interface Row {
  guid: string;
  topic: string | null;
  relevant: number | null;
  section: string | null;
  cves: string;
  evidence: string;
  topic_scores: string;
  model_id: number | null;
}

function rows(db: string): Map<string, Row> {
  const conn = new Database(db, { readonly: true });
  try {
    const all = conn.prepare('SELECT guid, topic, relevant, section, cves, evidence, topic_scores, model_id FROM items').all() as Row[];
    return new Map(all.map((row) => [row.guid, row]));
  } finally {
    conn.close();
  }
}

// No feeds.yaml of the working directory may leak into these runs.
const env = {};

describe('classification in collect, train and analyze', () => {
  let server: LocalServer;
  const docs = new Map<string, () => string>();
  let tmp: ReturnType<typeof tempDir>;
  let db: string;

  beforeEach(async () => {
    docs.clear();
    server = await startLocalServer((req, res) => {
      const doc = docs.get(req.url ?? '');
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/rss+xml' });
      res.end(doc?.() ?? '');
    });
    tmp = tempDir();
    db = path.join(tmp.dir, 'test.db');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('collect stores each new item with its labels; a changed entry is classified again', async () => {
    let news = [VULN, OFF_TOPIC];
    docs.set('/news.xml', () => rss(news));
    docs.set('/wire.xml', () => rss([WIRE, RELEASE]));
    const config = writeConfig(tmp.dir, [
      { id: 'news', url: `${server.baseUrl}/news.xml`, kind: 'news' },
      { id: 'wire', url: `${server.baseUrl}/wire.xml`, kind: 'press' },
    ]);
    const run = await cli(['collect', '--config', config, '--db', db, '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).totals).toMatchObject({ ok: 2, itemsNew: 4 });

    let stored = rows(db);
    const vuln = stored.get('v1')!;
    expect(vuln).toMatchObject({ topic: 'vulnerability', relevant: 1, section: 'news', model_id: null });
    expect(JSON.parse(vuln.cves)).toEqual(['CVE-2026-40101', 'CVE-2026-40102', 'CVE-2026-40103', 'CVE-2026-40104']);
    expect(JSON.parse(vuln.evidence).topic).toContain('rule: CVE-2026-40101');
    expect(JSON.parse(vuln.topic_scores)[0]).toEqual({ id: 'vulnerability', score: expect.any(Number) });
    expect(stored.get('o1')).toMatchObject({ topic: 'other', relevant: 0, section: 'news' });
    expect(stored.get('p1')).toMatchObject({ topic: 'other', relevant: 0, section: 'press-release' });
    expect(stored.get('p2')).toMatchObject({ topic: 'industry', relevant: 1, section: 'press-release' });

    // The off-topic entry is rewritten into a security story: updated in place and classified again.
    news = [VULN, ['o1', 'City council systems hit by ransomware attack', 'The LockBit gang claimed the attack on the council and demanded a ransom.']];
    await cli(['collect', '--config', config, '--db', db, '--json'], env);
    stored = rows(db);
    expect(stored.get('o1')).toMatchObject({ topic: 'ransomware', relevant: 1 });
  });

  it('loads the model only when a run has something to classify', async () => {
    docs.set('/news.xml', () => rss([VULN]));
    const config = writeConfig(tmp.dir, [{ id: 'news', url: `${server.baseUrl}/news.xml`, kind: 'news' }]);
    let loads = 0;
    const classifierSource = {
      trainShipped: () => {
        loads++;
        return trainFromShippedSet();
      },
    };
    const collect = async () => {
      const app = await openApp({ configPath: config, dbPath: db });
      try {
        return await runCollect(app, { classifierSource });
      } finally {
        await app.close();
      }
    };
    expect((await collect()).totals).toMatchObject({ ok: 1, itemsNew: 1 });
    expect(loads).toBe(1);
    // Same document again: nothing new or changed, so no model is loaded at all.
    expect((await collect()).totals).toMatchObject({ ok: 1, itemsNew: 0, itemsUpdated: 0 });
    expect(loads).toBe(1);
  });

  it('collect warns on stderr when the stored model cannot be read, and classifies with the shipped set', async () => {
    docs.set('/news.xml', () => rss([VULN]));
    const config = writeConfig(tmp.dir, [{ id: 'news', url: `${server.baseUrl}/news.xml`, kind: 'news' }]);
    const seeded = openDatabase(db);
    seeded.prepare("INSERT INTO classifier_models (created_at, examples, corrections, model) VALUES ('2026-11-01T00:00:00Z', 1, 0, '{not json')").run();
    seeded.close();
    const run = await cli(['collect', '--config', config, '--db', db], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/secdigest: warning: stored classifier model not used \(.+\): using the shipped training set; run `secdigest train`/);
    expect(rows(db).get('v1')).toMatchObject({ topic: 'vulnerability' });
  });

  it('classifies items stored unclassified (before schema v5) at the start of the next collect', async () => {
    docs.set('/news.xml', () => rss([VULN]));
    const config = writeConfig(tmp.dir, [{ id: 'news', url: `${server.baseUrl}/news.xml` }]);
    await cli(['collect', '--config', config, '--db', db], env);
    const conn = new Database(db);
    conn.prepare('UPDATE items SET topic = NULL, relevant = NULL, section = NULL').run();
    conn.close();
    const again = await cli(['collect', '--config', config, '--db', db, '--json'], env);
    expect(JSON.parse(again.stdout).totals.itemsNew).toBe(0);
    expect(rows(db).get('v1')).toMatchObject({ topic: 'vulnerability', relevant: 1, section: 'news' });
  });

  it('train stopped by a signal keeps its model and the pages done, and says how many it reclassified', async () => {
    docs.set('/news.xml', () => rss([VULN, OFF_TOPIC, HOSPITAL]));
    const config = writeConfig(tmp.dir, [{ id: 'news', url: `${server.baseUrl}/news.xml` }]);
    await cli(['collect', '--config', config, '--db', db], env);
    const app = await openApp({ configPath: config, dbPath: db });
    try {
      const stopped = await runTrain(app, { signal: AbortSignal.abort() });
      expect(stopped).toMatchObject({ reclassified: 0, modelId: 1 });
      const finished = await runTrain(app, {});
      expect(finished).toMatchObject({ reclassified: 3, modelId: 2 });
    } finally {
      await app.close();
    }
  });

  it('train learns from a correction: the corrected item keeps it, a matching item elsewhere follows it', async () => {
    docs.set('/news.xml', () => rss([HOSPITAL, VULN]));
    const config = writeConfig(tmp.dir, [{ id: 'news', url: `${server.baseUrl}/news.xml` }]);
    await cli(['collect', '--config', config, '--db', db], env);
    const before = rows(db).get('h1')!.topic;
    expect(before).not.toBe('ransomware');

    // The same story told by another outlet, before any correction: the shipped model's reading.
    const line = JSON.stringify({ id: 'elsewhere', title: HOSPITAL[1], summary: HOSPITAL[2], source: 'other-outlet' });
    const untrained = JSON.parse((await cli(['analyze'], env, `${line}\n`)).stdout);
    expect(untrained.topic).toBe(before);

    const conn = openDatabase(db);
    const itemId = (conn.prepare("SELECT id FROM items WHERE guid = 'h1'").get() as { id: string }).id;
    await recordCorrection(sqliteStorage(conn).classification, { itemId, field: 'topic', value: 'ransomware', at: new Date() });
    conn.close();
    expect(rows(db).get('h1')!.topic).toBe('ransomware');

    const train = await cli(['train', '--config', config, '--db', db, '--json'], env);
    expect(train.code).toBe(0);
    const summary = JSON.parse(train.stdout);
    expect(summary).toMatchObject({ modelId: 1, corrections: 1, correctedItems: 1, shipped: expect.any(Number), reclassified: 2 });
    expect(summary.examples).toBeGreaterThan(summary.shipped);
    const after = rows(db);
    expect(after.get('h1')).toMatchObject({ topic: 'ransomware', model_id: 1 });
    expect(JSON.parse(after.get('h1')!.evidence).topic[0]).toBe('editor: corrected to ransomware');
    expect(after.get('v1')).toMatchObject({ topic: 'vulnerability', model_id: 1 });

    // analyze --db classifies with the database's newest model (and stores the item: 3 items now).
    const trained = JSON.parse((await cli(['analyze', '--db', db], env, `${line}\n`)).stdout);
    expect(trained.topic).toBe('ransomware');
    expect(trained.evidence.topic.some((e: string) => e.startsWith('editor:'))).toBe(false);

    const text = await cli(['train', '--config', config, '--db', db, '--days', '3650'], env);
    expect(text.stdout).toMatch(/^trained on \d+ examples \(\d+ shipped, 1 correction\(s\) on 1 item\(s\)\) in \d+ ms; stored as model #2\nreclassified 3 item\(s\)/);
    expect((await cli(['train', '--db', db, '--config', config, '--days', '0'], env)).code).toBe(2);
  });

  it('documents train in --help', async () => {
    const help = await cli(['train', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--days <n>/);
    expect(help.stdout).toMatch(/shipped training set/);
  });

  it('analyze prints the classification fields; feedKind feeds the classifier', async () => {
    const input = (id: string, kind: string, [, title, summary]: Entry) => JSON.stringify({ id, title, summary, feedKind: kind });
    const announce: Entry = ['x', 'Kestrowave adds hospital playbooks to its detection service', 'The new playbooks guide hospital security teams through the first hours of a ransomware attack.'];
    const run = await cli(['analyze'], env, [input('vuln', 'news', VULN), input('wire', 'press', WIRE), input('as-news', 'news', announce), input('as-press', 'press', announce), JSON.stringify({ id: 'empty', title: 'Ransomware hits school district', summary: '' })].join('\n'));
    expect(run.code).toBe(0);
    const out = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({
      id: 'vuln', storyId: expect.any(Number), match: 'new', topic: 'vulnerability', relevant: true, section: 'news',
      cves: ['CVE-2026-40101', 'CVE-2026-40102', 'CVE-2026-40103', 'CVE-2026-40104'],
      evidence: { topic: expect.arrayContaining(['rule: CVE-2026-40101']), relevance: expect.any(Array), section: expect.any(Array) },
    });
    expect(out[0].topics).toHaveLength(10);
    expect(out[0].topics[0]).toEqual({ id: 'vulnerability', score: expect.any(Number) });
    expect(out[1]).toMatchObject({ id: 'wire', topic: 'other', relevant: false, section: 'press-release' });
    expect(out[2]).toMatchObject({ id: 'as-news', section: 'news' });
    expect(out[2].evidence.section).toContain('feed kind: news');
    expect(out[3]).toMatchObject({ id: 'as-press', section: 'press-release' });
    expect(out[3].evidence.section).toContain('feed kind: press wire');
    expect(out[4]).toMatchObject({ id: 'empty', topic: 'ransomware', relevant: true });
  });

  it('keeps stdout pure JSON Lines in the real process, even with a .env file and without DOTENV_CONFIG_QUIET', async () => {
    fs.writeFileSync(path.join(tmp.dir, '.env'), 'SECDIGEST_CANARY=1\n');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const main = path.resolve(import.meta.dirname, '../src/cli/main.ts');
    const childEnv = { ...process.env };
    delete childEnv.DOTENV_CONFIG_QUIET;
    delete childEnv.SECDIGEST_CONFIG;
    const child = execFile(process.execPath, ['--import', tsx, main, 'analyze'], { cwd: tmp.dir, env: childEnv });
    child.stdin!.end(`${JSON.stringify({ id: 1, title: VULN[1], summary: VULN[2] })}\n${JSON.stringify({ id: 2, title: WIRE[1], summary: WIRE[2], feedKind: 'press' })}\n`);
    const { stdout } = await promisify((cb: (e: Error | null, r: { stdout: string }) => void) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => cb(code === 0 ? null : new Error(`exit ${code}`), { stdout: out }));
    })();
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['1', '2']);
  }, 60_000);

  it('keeps working when stderr is closed early: the valid lines still come out, exit 0', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const main = path.resolve(import.meta.dirname, '../src/cli/main.ts');
    const child = spawn(process.execPath, ['--import', tsx, main, 'analyze', '--skip-invalid'], { cwd: tmp.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.destroy(); // the reader of the diagnostics went away (`2>&1 >out | head -1`)
    const bad = 'not json\n'.repeat(20_000); // far more complaints than a pipe buffer holds
    child.stdin.end(`${bad}${JSON.stringify({ id: 'kept', title: VULN[1] })}\n`);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['kept']);
  }, 60_000);
});
