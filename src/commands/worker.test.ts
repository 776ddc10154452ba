import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/cli.js';
import { farmDocuments, startFarmServer, type FarmServer } from '../../test/support/feed-farm.js';
import { sqliteShared } from '../../test/support/shared-storage.js';
import { openApp, type App } from '../app.js';
import { jobOf } from '../pipeline/collect.js';
import { jobRunner } from './worker.js';

/**
 * A worker can be killed after its feed's write committed but before BullMQ heard the job finished:
 * the stalled job then runs again on another worker. The second run must store nothing twice.
 */
describe('a collect job run twice (stalled-job recovery after the write)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: FarmServer;
  let app: App;
  const { feeds, bodies } = farmDocuments(1, 6);

  beforeEach(async () => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await app?.close();
    await server?.close();
    tmp.cleanup();
  });

  async function setUp(noValidators: boolean) {
    // A server without validators answers the second run 200 with the same document.
    server = await startFarmServer(bodies, { noValidators });
    const url = `${server.baseUrl}${feeds[0]!.path}`;
    const config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(config, `feeds:\n  - { id: ${feeds[0]!.id}, name: Farm, url: "${url}", kind: news }\n`);
    const storage = sqliteShared(tmp.dir);
    app = await openApp({ configPath: config, dbPath: storage.db });
    await app.storage.feeds.sync(app.config.feeds, app.now().toISOString()); // the coordinator's part
    const run = jobRunner(app, app.fetcher);
    const signal = new AbortController().signal;
    return { storage, first: () => run(jobOf(app.config.feeds[0]!), signal) };
  }

  it('stores the items once when the second run gets the same document again', async () => {
    const { storage, first } = await setUp(true);
    expect(await first()).toMatchObject({ status: 'ok', itemsFound: 6, itemsNew: 6 });
    const again = await first();
    expect(again).toMatchObject({ status: 'ok', itemsFound: 6, itemsNew: 0, itemsUpdated: 0 });
    const stored = await storage.snapshot();
    expect(stored.itemsByFeed.get(feeds[0]!.id)).toHaveLength(6);
    expect(stored.runsByFeed.get(feeds[0]!.id)).toBe(2); // both fetches are in the log, as they happened
  });

  it('stores nothing the second time when the server answers 304 to the stored validators', async () => {
    const { storage, first } = await setUp(false);
    expect(await first()).toMatchObject({ status: 'ok', itemsNew: 6 });
    expect(await first()).toMatchObject({ status: 'not-modified', itemsNew: 0 });
    expect((await storage.snapshot()).itemsByFeed.get(feeds[0]!.id)).toHaveLength(6);
  });
});
