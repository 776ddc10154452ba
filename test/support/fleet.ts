/**
 * What the queue fleet tests share (queue-fleet, queue-per-host): per test a temporary directory,
 * a Redis key prefix of its own, the spawned CLI processes, the feed farm and the shared storage,
 * all cleaned up after it (processes still running are SIGKILLed first); and the farm's feeds.yaml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './cli.js';
import type { CliProcess } from './cli-process.js';
import type { FarmFeed, FarmServer } from './feed-farm.js';
import { deleteKeysByPrefix } from './redis-keys.js';
import { REDIS_URL, uniqueName } from './services.js';
import type { SharedStorage } from './shared-storage.js';

export interface Fleet {
  tmp: ReturnType<typeof tempDir>;
  /** This test's Redis key prefix. */
  prefix: string;
  /** The `--queue` URL of this test (its own key prefix). */
  queue: string;
  processes: CliProcess[];
  server: FarmServer | undefined;
  storage: SharedStorage | undefined;
}

/** Registers the per-test set-up and clean-up in the calling describe block; the fields are this test's. */
export function useFleet(): Fleet {
  const fleet = {} as Fleet;
  beforeEach(() => {
    fleet.tmp = tempDir();
    fleet.prefix = uniqueName('sdq');
    fleet.queue = `${REDIS_URL}?prefix=${fleet.prefix}`;
    fleet.processes = [];
    fleet.server = undefined;
    fleet.storage = undefined;
  });
  afterEach(async () => {
    for (const p of fleet.processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(fleet.processes.map((p) => p.exit));
    await fleet.server?.close();
    await deleteKeysByPrefix(REDIS_URL, fleet.prefix);
    await fleet.storage?.cleanup();
    fleet.tmp.cleanup();
  });
  return fleet;
}

/** A feeds.yaml of the farm's feeds (`fetch`: extra lines under settings.fetch); returns its path. */
export function writeFarmConfig(dir: string, name: string, server: FarmServer, feeds: readonly FarmFeed[], fetch = ''): string {
  const file = path.join(dir, name);
  const list = feeds.map((f) => `  - { id: ${f.id}, name: "Farm ${f.id}", url: "${server.baseUrl}${f.path}", kind: news }`);
  fs.writeFileSync(file, `settings:\n  fetch:\n    timeoutMs: 10000\n    retries: 0\n${fetch}feeds:\n${list.join('\n')}\n`);
  return file;
}
