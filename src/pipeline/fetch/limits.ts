import pLimit from 'p-limit';
import type { HostLimiter } from './host-limiter.js';

/** Runs work under a per-host cap and a global cap. */
export interface Limits {
  run<T>(host: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * The host slot is taken first and the global slot inside it: a request waiting for its busy host
 * then holds no global slot, so one slow host cannot starve the others. The host limiter may be
 * this process's own or shared by a fleet (src/queue/host-limiter.ts); the global cap is always
 * this process's (it bounds this process's sockets and memory).
 */
export function createLimits(concurrency: number, hosts: HostLimiter): Limits {
  const global = pLimit(concurrency);
  return {
    async run(host, work, signal) {
      const slot = await hosts.acquire(host.toLowerCase(), signal);
      try {
        return await global(work);
      } finally {
        await slot.release();
      }
    },
  };
}
