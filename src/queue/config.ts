import { UsageError } from '../model/index.js';
import type { CollectJob } from '../pipeline/collect.js';

/** Where the fetch queue lives and how its keys are named. */
export interface QueueConfig {
  /** The Redis URL given to the client (without our own `prefix` parameter). */
  redisUrl: string;
  /** Namespace of every key (BullMQ's `prefix`, the host limiter's keys). */
  prefix: string;
  /** The URL for messages: the password replaced by `***`. */
  display: string;
}

/** The one queue of collect jobs (BullMQ refuses `:` in a queue name). */
export const COLLECT_QUEUE = 'collect';
export const COLLECT_JOB_NAME = 'collect-feed';
export const DEFAULT_PREFIX = 'secdigest';
/**
 * A worker's job lock and host-slot leases (BullMQ's default lock): a killed worker's job is taken
 * over within about twice this, while a worker blocked for a few seconds keeps its jobs.
 */
export const DEFAULT_LEASE_MS = 30_000;
/** At shutdown, running jobs get this long: one fetch attempt's default timeout (20 s) and a store. */
export const DEFAULT_GRACE_MS = 30_000;

/**
 * Reads `redis://[user:password@]host[:port][/db][?prefix=name]` (or `rediss://` for TLS). The
 * `prefix` parameter is ours: several secdigest installations (or test runs) can share one Redis,
 * each with its own keys. It is removed before the URL reaches the Redis client.
 */
export function parseQueueUrl(value: string): QueueConfig {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`--queue: "${value}" is not a URL (expected redis://host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`--queue: expected a redis:// or rediss:// URL, got ${url.protocol}//`);
  }
  const prefix = url.searchParams.get('prefix') ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
    throw new UsageError('--queue: prefix must be 1 to 64 letters, digits, dots, dashes or underscores');
  }
  url.searchParams.delete('prefix');
  const display = new URL(url.href);
  if (display.password) display.password = '***';
  return { redisUrl: url.href, prefix, display: display.href };
}

/**
 * The queue URL from the flag, else SECDIGEST_QUEUE (an empty variable counts as unset, like
 * SECDIGEST_DB), else none: the command runs in-process.
 */
export function resolveQueueUrl(flag: string | undefined, env: NodeJS.ProcessEnv): QueueConfig | undefined {
  const value = flag ?? (env.SECDIGEST_QUEUE?.trim() ? env.SECDIGEST_QUEUE : undefined);
  return value === undefined ? undefined : parseQueueUrl(value);
}

/**
 * The job id of a feed: the feed id, so adding a feed already queued or running adds nothing
 * (BullMQ keeps one job per id). Prefixed because BullMQ refuses an id that reads as an integer,
 * and `123` is a valid feed id.
 */
export function jobIdOf(feedId: string): string {
  return `feed-${feedId}`;
}

/** The job's payload, checked: it comes from Redis, which anyone with its address could write to. */
export function readCollectJob(data: unknown): CollectJob {
  const job = data as Partial<Record<keyof CollectJob, unknown>> | null;
  if (typeof job?.feedId !== 'string' || typeof job.url !== 'string' || !job.feedId || !job.url) {
    throw new Error(`not a collect job: ${JSON.stringify(data)?.slice(0, 200)}`);
  }
  return { feedId: job.feedId, url: job.url };
}
