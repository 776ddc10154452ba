/**
 * `npm run demo`: the whole pipeline on the bundled offline corpus. Serves data/demo/feeds on
 * 127.0.0.1, runs the real `secdigest collect` against data/demo/feeds.yaml, and prints what
 * was stored. Safe to re-run: the second run is all 304s and adds nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { listItems, openDatabase } from '../src/storage/index.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(root, 'data', 'demo');
const outDir = path.join(root, 'data', 'out');
const dbPath = path.join(outDir, 'demo.db');
const DEMO_PORT = Number(process.env.SECDIGEST_DEMO_PORT ?? 8731);

async function startServer(): Promise<FixtureServer> {
  try {
    return await startFixtureServer(demoDir, DEMO_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`port ${DEMO_PORT} is busy: serving the demo feeds on a free port instead`);
    return startFixtureServer(demoDir, 0);
  }
}

/** The demo config names port 8731; when another port had to be used, point a copy at it. */
function configFor(server: FixtureServer): string {
  const original = path.join(demoDir, 'feeds.yaml');
  if (server.port === 8731) return original;
  const doc = parseDocument(fs.readFileSync(original, 'utf8'));
  const feeds = doc.get('feeds') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  for (const feed of feeds.items) {
    feed.set('url', String(feed.get('url')).replace('http://127.0.0.1:8731', server.baseUrl));
  }
  const copy = path.join(outDir, 'demo-feeds.yaml');
  fs.writeFileSync(copy, doc.toString());
  return copy;
}

/** Runs the real CLI in a child process (async: this process serves the feeds it fetches). */
function secdigest(args: string[]): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  fs.mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  try {
    const config = configFor(server);
    console.log(`demo feeds served at ${server.baseUrl}/feeds/ (config ${path.relative(root, config)})\n`);
    const status = await secdigest(['collect', '--config', config, '--db', dbPath]);
    if (status !== 0) return status;
    console.log('');
    await secdigest(['feeds', '--config', config, '--db', dbPath]);
  } finally {
    await server.close();
  }
  const db = openDatabase(dbPath);
  try {
    const items = listItems(db);
    console.log(`\n${items.length} items stored in ${path.relative(root, dbPath)}; the newest:`);
    for (const item of items.slice(0, 8)) {
      console.log(`  ${item.publishedAt.slice(0, 16).replace('T', ' ')}  [${item.feedId}] ${item.title}`);
    }
  } finally {
    db.close();
  }
  return 0;
}

process.exitCode = await main();
