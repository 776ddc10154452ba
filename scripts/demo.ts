/**
 * `npm run demo`: the whole pipeline on the bundled offline corpus. Serves data/demo/feeds on
 * 127.0.0.1, runs the real `secdigest collect` against data/demo/feeds.yaml, prints what was
 * stored, then drafts the demo week's issue and exports it to data/out/demo-issue.{md,html,json}.
 * Safe to re-run: the second run is all 304s, adds nothing, and exports the same issue again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { listDrafts, listItems, openDatabase } from '../src/storage/index.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(root, 'data', 'demo');
const outDir = path.join(root, 'data', 'out');
const dbPath = path.join(outDir, 'demo.db');
const DEMO_PORT = Number(process.env.SECDIGEST_DEMO_PORT ?? 8731);
// The demo corpus is dated 2026-11-17 to 2026-11-24 (UTC): its issue is that week's, whatever today is.
const DEMO_DATE = '2026-11-24';
const DEMO_WINDOW = '8d';

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
  let config: string;
  try {
    config = configFor(server);
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
  return draftAndExport(config);
}

/**
 * Drafts the demo week's issue (a re-run replaces the unsent draft of that date with the same
 * issue), fills the lead commentary from data/demo/issue/commentary.md, and exports it as
 * Markdown, HTML and JSON into data/out/.
 */
async function draftAndExport(config: string): Promise<number> {
  const common = ['--config', config, '--db', dbPath];
  console.log('');
  let status = await secdigest(['draft', ...common, '--date', DEMO_DATE, '--window', DEMO_WINDOW]);
  if (status !== 0) return status;
  const db = openDatabase(dbPath);
  const drafted = listDrafts(db).find((d) => d.date === DEMO_DATE);
  db.close();
  if (!drafted) {
    console.log(`no draft for ${DEMO_DATE}: delete ${path.relative(root, dbPath)} to start over`);
    return 1;
  }
  status = await secdigest(['draft', 'fill', String(drafted.number), 'commentary', '--file', path.join(demoDir, 'issue', 'commentary.md'), ...common]);
  if (status !== 0) return status;
  const files: Record<string, string> = {};
  for (const format of ['md', 'html', 'json']) {
    files[format] = path.join(outDir, `demo-issue.${format}`);
    const status = await secdigest(['export', String(drafted.number), '--format', format, '--out', files[format]!, ...common]);
    if (status !== 0) return status;
  }
  const markdown = fs.readFileSync(files.md!, 'utf8').split('\n');
  console.log(`\nThe issue in Markdown: ${path.relative(root, files.md!)} (also .html and .json); the first lines:\n`);
  for (const line of markdown.slice(0, 24)) console.log(`  ${line}`);
  if (markdown.length > 24) console.log(`  … ${markdown.length - 24} more lines`);
  return 0;
}

process.exitCode = await main();
