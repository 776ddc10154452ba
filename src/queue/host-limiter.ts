import { randomUUID } from 'node:crypto';
import { sleep } from '../pipeline/fetch/retry.js';
import type { Redis } from 'ioredis';
import type { HostLimiter, HostPause, HostSlot } from '../pipeline/fetch/index.js';
import type { QueueConfig } from './config.js';
import { onQueue } from './connection.js';

/**
 * The fleet's per-host politeness in Redis: at most `perHostConcurrency` requests to one host at once
 * across every worker, and a Retry-After one worker got holds for all of them.
 *
 * Slots are leases in a sorted set per host (member: a random token, score: when it expires). A
 * holder renews its lease while the request runs; a worker killed mid-request stops renewing, and
 * its slot frees itself `leaseMs` later, so a SIGKILL never takes a host's slot for good. Times
 * come from Redis's own clock (TIME inside the scripts), so workers on machines whose clocks
 * disagree still agree on when a lease ends.
 */
export interface RedisHostLimiterOptions {
  perHostConcurrency: number;
  /** How long a slot outlives its holder's last renewal (renewed every third of it). */
  leaseMs: number;
  /** Longest pause between two tries for a busy host's slot (they start at 20 ms and double). */
  maxPollMs?: number;
}

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Keeps the later pause: two workers told different Retry-After times both wait for the later. */
const PAUSE = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(string.match(current, '^%d+')) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ARGV[2], 'PXAT', ARGV[1])
return 1`;

export function createRedisHostLimiter(client: Redis, config: QueueConfig, options: RedisHostLimiterOptions): HostLimiter {
  const key = (host: string, what: 'slots' | 'pause') => `${config.prefix}:hosts:${host}:${what}`;
  const maxPollMs = options.maxPollMs ?? 200;
  const script = (lua: string, keyName: string, ...args: (string | number)[]) => client.eval(lua, 1, keyName, ...args) as Promise<number>;

  const slot = (host: string, token: string): HostSlot => {
    const slots = key(host, 'slots');
    const renewal = setInterval(() => {
      // A missed renewal is not fatal: the lease outlasts two more, and Redis being down fails the
      // next acquire anyway.
      script(RENEW, slots, token, options.leaseMs).catch(() => {});
    }, Math.max(50, options.leaseMs / 3));
    renewal.unref();
    let released = false;
    return {
      async release() {
        if (released) return;
        released = true;
        clearInterval(renewal);
        // Never throws: a slot that cannot be given back expires by itself within leaseMs.
        await client.zrem(slots, token).catch(() => {});
      },
    };
  };

  return {
    async acquire(host, signal) {
      const token = randomUUID();
      const slots = key(host, 'slots');
      for (let tries = 0; ; tries++) {
        signal?.throwIfAborted();
        const taken = await onQueue(config, `taking a slot for ${host}`, () => script(ACQUIRE, slots, token, options.perHostConcurrency, options.leaseMs));
        if (taken === 1) return slot(host, token);
        // Jittered, so workers waiting for one host do not ask in lockstep.
        await sleep(Math.min(maxPollMs, 20 * 2 ** tries) * (0.5 + Math.random() / 2), signal);
      }
    },
    async pausedUntil(host, nowMs) {
      const value = await onQueue(config, `reading ${host}'s Retry-After`, () => client.get(key(host, 'pause')));
      const pause = value ? parsePause(value) : undefined;
      return pause && pause.untilMs > nowMs ? pause : undefined;
    },
    async pause(host, pause) {
      await onQueue(config, `recording ${host}'s Retry-After`, () => script(PAUSE, key(host, 'pause'), Math.round(pause.untilMs), pause.status));
    },
  };
}

function parsePause(value: string): HostPause | undefined {
  const [until, status] = value.split(' ').map(Number);
  if (!Number.isFinite(until) || (status !== 429 && status !== 503)) return undefined;
  return { untilMs: until!, status };
}
