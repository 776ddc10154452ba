import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import type { QueueConfig } from './config.js';
import { queueFailure, QueueUnavailableError } from './errors.js';

/**
 * How long a command waits for Redis to answer at start before it says so. ioredis would otherwise
 * retry forever, and `collect --queue` against a stopped Redis would hang instead of exiting 4.
 */
const CONNECT_TIMEOUT_MS = 3000;

/**
 * Checks that Redis answers, with one connection that does not retry: the clear error at start
 * (exit 4) instead of BullMQ's connections retrying in the background.
 */
export async function checkQueueReachable(config: QueueConfig, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  const client = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // reported through connect()'s rejection below
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QueueUnavailableError(`cannot reach the queue at ${config.display}: ${reason} (is Redis running? see --queue / SECDIGEST_QUEUE)`, { cause: error });
  } finally {
    client.disconnect();
  }
}

/** The connection options BullMQ builds its own connections from (it needs a blocking one per worker). */
export function bullConnection(config: QueueConfig): ConnectionOptions {
  // BullMQ's workers require maxRetriesPerRequest null (a blocking call must not be cut short).
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}

/** A plain client for the host limiter's scripts; its commands fail after a few retries rather than hang. */
export function redisClient(config: QueueConfig, options: RedisOptions = {}): Redis {
  const client = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, ...options });
  // Failures surface through the commands' rejections; an unheard 'error' event would end the process.
  client.on('error', () => {});
  return client;
}

/** Runs one Redis call, turning its failure into a QueueUnavailableError that says what failed. */
export async function onQueue<T>(config: QueueConfig, doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw queueFailure(config.display, doing, error);
  }
}
